package redact

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// speltLang is how one language reads "@" and "." out in an e-mail
// address spelt in words, each word with a space either side. plain marks
// an "@" word that is also an everyday word (English at, Russian собака
// "dog"): after it the address needs a spoken dot ("we met at
// amnesty.org" stays).
type speltLang struct {
	at, dot []string
	plain   bool
}

// speltAddresses is the table of spelt addresses' words. A language's
// "@" word takes its own dot words and English "dot" ("thuha99 a còng
// gmail dot com"); a literal "@" takes every dot word. Korean (골뱅이,
// 점) has its own rule in loose.go: its words are written apart or on,
// and its local parts may be Hangul.
var speltAddresses = []speltLang{
	{at: []string{"at"}, dot: []string{"dot"}, plain: true},           // English
	{at: []string{"arroba"}, dot: []string{"punto", "ponto"}},         // Spanish, Portuguese
	{at: []string{"arobase", "arrobase"}, dot: []string{"point"}},     // French
	{at: []string{"a còng", "a cong"}, dot: []string{"chấm", "cham"}}, // Vietnamese ("curled a")
	{at: []string{"собака"}, dot: []string{"точка"}, plain: true},     // Russian
	{at: []string{"艾特"}, dot: []string{"点"}},                          // Chinese
	// r17g: Ukrainian ("dog", "snail"), Polish ("monkey"), Haitian
	// Creole, Arabic.
	{at: []string{"собака", "равлик"}, dot: []string{"крапка"}, plain: true},
	{at: []string{"małpa", "malpa"}, dot: []string{"kropka"}, plain: true},
	{at: []string{"arobas", "arobaz"}, dot: []string{"pwen"}},
	{at: []string{"آت"}, dot: []string{"نقطة", "دوت"}, plain: true}, // r18a: دوت, "dot" in Arabic letters
}

// speltDots[i] are the dot words an "@" word of speltAddresses[i] takes
// (its own and English dot), speltAts[i] its "@" words with a space
// either side: made once, not for each text.
var speltDots, speltAts = func() (dots, ats [][]string) {
	for _, l := range speltAddresses {
		dots = append(dots, append([]string{"dot"}, l.dot...))
		var at []string
		for _, w := range l.at {
			at = append(at, " "+w+" ")
		}
		ats = append(ats, at)
	}
	return dots, ats
}()

// allSpokenDots is every language's dot words, which a literal "@" takes.
func allSpokenDots() []string {
	var out []string
	for _, l := range speltAddresses {
		out = append(out, l.dot...)
	}
	return out
}

// everySpokenDot is every language's dot words and English dot.
var everySpokenDot = append([]string{"dot"}, allSpokenDots()...)

// hasSpokenDot reports whether s holds one of dots with a space either
// side.
func hasSpokenDot(s string, dots []string) bool {
	for _, d := range dots {
		if strings.Contains(s, " "+d+" ") {
			return true
		}
	}
	return false
}

// emailPattern is the email pattern with letter the class of letters and
// digits (Unicode ones for internationalised addresses, ASCII ones for
// the common case, which Go's regexp runs several times faster), at the
// pattern of "@" and dots the spoken dot words. Group 1 is the "@".
func emailPattern(letter, at string, dots []string) *regexp.Regexp {
	label := `[` + letter + `](?:[` + letter + `\-]{0,61}[` + letter + `])?`
	dot := `(?:\.|\s\.\s|\s?` + bracketed(`dot|\.`) + `\s?|\s(?:` + strings.Join(dots, "|") + `)\s)`
	tld := `(?:[a-z]{2,24}|xn--[a-z0-9\-]{2,59}|[^\x00-\x7f\p{P}\p{Z}\p{S}\p{C}]{2,24})`
	return regexp.MustCompile(`^[` + letter + `._%+\-]+(` + at + `)` + label + `(?:` + dot + label + `)*` + dot + tld)
}

// bracketed returns the pattern of alt (an alternation) in any pair of
// brackets, (), [], {} or <>, with a space inside or not: how "@" and
// "." are written so that no program reads an address ({at}, [.], < at >).
func bracketed(alt string) string {
	return `[\[({<]\s?(?:` + alt + `)\s?[\])}>]`
}

// publicSuffix reports whether tld, a domain's last label in lower case,
// is a top-level domain an address after a substitute of "@" may end in:
// those of pathTLDs and the two-letter country codes.
func publicSuffix(tld string) bool {
	return pathTLDs[tld] || len(tld) == 2 && isASCIILetter(rune(tld[0])) && isASCIILetter(rune(tld[1]))
}

// emailRes are the patterns of one way to write "@": Unicode and ASCII.
type emailRes struct{ uni, ascii *regexp.Regexp }

func emailPatterns(at string, dots []string) emailRes {
	return emailRes{emailPattern(`\p{L}\p{N}`, at, dots), emailPattern(`a-z0-9`, at, dots)}
}

func spokenAtPattern(l speltLang) string {
	return `\s(?:` + strings.Join(l.at, "|") + `)\s`
}

var (
	// Anchored, on the lower-cased text, at the start of each local part.
	// Labels and the top-level domain may be in any script
	// (internationalised domains), or punycode. emailSymbolRes is for
	// "@", spaced or not, doubled by a slip (taejun@@kakao.com), and "at"
	// or "@" in any brackets ({at}, [@]);
	// speltEmailRes[i] for speltAddresses[i].
	// Compiled at first use, not at start: compiling them costs every
	// process that never reads an address (tvault version, put) 20 ms of
	// CPU, 80 ms under the race detector.
	emailSymbolRes = sync.OnceValue(func() emailRes {
		return emailPatterns(`\s?(?:@@?|`+bracketed(`at|@`)+`)\s?`, allSpokenDots())
	})
	// emailSubstituteRes is for "#" or "$" in place of "@"
	// (bluecrane#gmail.com, redfox$gmail.com), taken only before a known
	// public suffix (publicSuffix).
	emailSubstituteRes = sync.OnceValue(func() emailRes { return emailPatterns(`[#$]`, allSpokenDots()) })
	speltEmailRes      = sync.OnceValue(func() []emailRes {
		out := make([]emailRes, len(speltAddresses))
		for i, l := range speltAddresses {
			out[i] = emailPatterns(spokenAtPattern(l), speltDots[i])
		}
		return out
	})

	ipv4Re = lazyRegexp(`(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/\d{1,2})?`)

	// Anchored: tried only where "@" or a messenger name occurs;
	// appHandleRe runs on the lower-cased text.
	atHandleRe = lazyRegexp(`^@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,30}[A-Za-z0-9_])`)
)

// Top-level domains accepted in a URL without a scheme (besides any
// two-letter country code).
var pathTLDs = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "info": true,
	"biz": true, "name": true, "blog": true, "app": true, "dev": true, "page": true,
	"site": true, "online": true, "xyz": true, "social": true, "link": true,
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func findEmails(c *collector) {
	last := 0
	for _, w := range emailWindows(c.lower) {
		if w.a < last {
			continue
		}
		res := emailSymbolRes()
		switch {
		case w.lang == substituteAt:
			res = emailSubstituteRes()
		case w.lang >= 0:
			res = speltEmailRes()[w.lang]
		}
		re := res.ascii
		if !isASCII(c.lower[w.a:w.b]) {
			re = res.uni
		}
		m := re.FindStringSubmatchIndex(c.lower[w.a:w.b])
		// "we met at the station dot" is not an address: a plain " at "
		// needs a spoken dot after it, unless a handle comes before it.
		if m == nil || w.lang >= 0 && speltAddresses[w.lang].plain && !hasSpokenDot(c.lower[w.a+m[3]:w.a+m[1]], speltDots[w.lang]) {
			if end := handleAt(c.lower, w); end > 0 {
				c.add(w.a, end, KindEmail, "")
				last = end
			}
			continue
		}
		end := w.a + m[1]
		if !wordRightOK(c.lower, end) {
			continue // the top-level domain goes on: too long
		}
		if w.lang == substituteAt && !publicSuffix(c.lower[lastLabel(c.lower, w.a+m[3], end):end]) {
			continue // C#.NET, Room #5
		}
		start := w.a
		if w.lang >= 0 {
			start = spokenLocal(c.lower, start, speltDots[w.lang])
		}
		c.add(start, end, KindEmail, "")
		last = end
	}
}

// handleAt returns the end of an address spelt with its "@" word and
// without a spoken dot whose local part, at w.a, is a handle: ASCII
// letters and digits with a digit, "." or "_" inside ("halyna.dor79
// равлик укр нет", "kim_lee at gmail"); the address is the local part,
// the "@" word, the domain's word after it and a word of up to four
// letters after that (укр нет, proton me). It returns 0 if there is
// none.
func handleAt(lower string, w emailWindow) int {
	if w.lang < 0 {
		return 0
	}
	k := w.a
	for k < len(lower) && lower[k] != ' ' {
		k++
	}
	if !isHandle(lower[w.a:k]) {
		return 0
	}
	for _, at := range speltAts[w.lang] {
		if !strings.HasPrefix(lower[k:], at) {
			continue
		}
		end := k + len(at)
		e := letterWordEnd(lower, end)
		if e == end {
			return 0
		}
		if e+1 < len(lower) && lower[e] == ' ' {
			if f := letterWordEnd(lower, e+1); f > e+1 && utf8.RuneCountInString(lower[e+1:f]) <= 4 {
				e = f
			}
		}
		return e
	}
	return 0
}

// isHandle reports whether tok (lower-cased) is a handle: ASCII letters,
// three or more, and digits, with a digit, or a "." or "_" inside.
func isHandle(tok string) bool {
	letters, inner := 0, false
	for k := 0; k < len(tok); k++ {
		switch c := tok[k]; {
		case isASCIILetter(rune(c)):
			letters++
		case isASCIIDigit(rune(c)) || (c == '.' || c == '_') && k > 0 && k+1 < len(tok):
			inner = true
		default:
			return false
		}
	}
	return letters >= 3 && inner
}

// spokenLocal returns the start of the local part of an address spelt
// out whose last label starts at a: with the labels before it joined by
// the spoken dots or by "underscore", "dash" or "hyphen", at most eight
// ("eb dot han at proton dot me": from eb; "nhung chấm tran98 a còng
// gmail chấm com": from nhung), and an English digit word in it with the
// digit words before it ("skylark underscore zero nine one seven at
// naver dot com": from skylark).
func spokenLocal(lower string, a int, dots []string) int {
	joiners := append(slices.Clip(dots), "underscore", "dash", "hyphen")
	for range 8 {
		k := a
		if k == 0 || lower[k-1] != ' ' {
			return a
		}
		k--
		if _, ok := englishDigits[lower[a:letterWordEnd(lower, a)]]; ok {
			b := k
			for b > 0 && lower[b-1] != ' ' {
				b--
			}
			if _, ok := englishDigits[lower[b:k]]; ok && b < k {
				a = b
				continue
			}
		}
		found := false
		for _, d := range joiners {
			if strings.HasSuffix(lower[:k], " "+d) {
				k, found = k-len(d)-1, true
				break
			}
		}
		if !found {
			return a
		}
		b := k
		for b > 0 && k-b < 64 {
			r, size := utf8.DecodeLastRuneInString(lower[:b])
			if !isEmailLocal(r) {
				break
			}
			b -= size
		}
		if b == k || b > 0 && isEmailLocal(prevRune(lower, b)) {
			return a
		}
		a = b
	}
	return a
}

// trimURL drops trailing sentence punctuation and closing brackets that
// do not close a bracket opened inside the URL.
func trimURL(u string) string {
	for len(u) > 0 {
		last := u[len(u)-1]
		switch last {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			u = u[:len(u)-1]
			continue
		case ')', ']', '}':
			open := map[byte]byte{')': '(', ']': '[', '}': '{'}[last]
			if strings.Count(u, string(open)) < strings.Count(u, string(last)) {
				u = u[:len(u)-1]
				continue
			}
		}
		return u
	}
	return u
}

// isURLByte reports the characters a URL runs over: printable ASCII but
// space, quotes and angle brackets.
func isURLByte(b byte) bool {
	return b > ' ' && b < 0x7f && b != '"' && b != '\'' && b != '<' && b != '>'
}

// urlEnd returns the end of the URL whose characters start at i.
func urlEnd(s string, start, i int) int {
	for i < len(s) && isURLByte(s[i]) {
		i++
	}
	return start + len(trimURL(s[start:i]))
}

func findURLs(c *collector) {
	s, lower := c.s, c.lower
	// Scheme and www. URLs, found by hand: "://" after http, https or
	// ftp, and "www.". A URL never starts inside another.
	var starts []int
	for off := 0; ; {
		i := strings.Index(lower[off:], "://")
		if i < 0 {
			break
		}
		i += off
		for _, scheme := range []string{"https", "http", "ftp"} {
			if a := i - len(scheme); a >= 0 && lower[a:i] == scheme {
				starts = append(starts, a)
				break
			}
		}
		off = i + 3
	}
	for off := 0; ; {
		i := strings.Index(lower[off:], "www.")
		if i < 0 {
			break
		}
		starts = append(starts, off+i)
		off += i + 4
	}
	slices.Sort(starts)
	last := 0
	for _, a := range starts {
		if a < last {
			continue
		}
		prefix := 4 // "www."
		if lower[a] != 'w' || !strings.HasPrefix(lower[a:], "www.") {
			prefix = strings.Index(lower[a:], "://") + 3
		}
		if end := urlEnd(s, a, a+prefix); end > a+prefix {
			c.add(a, end, KindURL, "")
			last = end
		}
	}

	// A domain followed by a path, without a scheme: at each "/" after a
	// letter or digit, the longest run of valid labels before it, ending
	// in a known top-level domain.
	for i := 1; i < len(lower); i++ {
		if lower[i] != '/' || !(isASCIILetter(rune(lower[i-1])) || isASCIIDigit(rune(lower[i-1]))) {
			continue
		}
		a := domainBefore(lower, i)
		if a < 0 {
			continue
		}
		if !wordLeftOK(s, a) {
			continue
		}
		if end := urlEnd(s, a, i+1); end > i+1 {
			c.add(a, end, KindURL, "")
			i = end - 1
		}
	}
}

// domainBefore returns the start of the domain name that ends at i in
// lower: up to 6 labels of letters, digits and inner dashes, 63 bytes at
// most each, the last a top-level domain of two letters or one of
// pathTLDs. It returns -1 when there is none.
func domainBefore(lower string, i int) int {
	isLabel := func(b byte) bool { return isASCIILetter(rune(b)) || isASCIIDigit(rune(b)) || b == '-' }
	start, labels := -1, 0
	for j := i; labels < 6; labels++ {
		k := j
		for k > 0 && j-k < 64 && isLabel(lower[k-1]) {
			k--
		}
		label := lower[k:j]
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			break
		}
		if labels == 0 {
			if len(label) > 12 || strings.IndexFunc(label, func(r rune) bool { return !isASCIILetter(r) }) >= 0 ||
				(len(label) != 2 && !pathTLDs[label]) {
				return -1
			}
		} else {
			start = k
		}
		if k == 0 || lower[k-1] != '.' {
			break
		}
		j = k - 1
	}
	return start
}

func findIPs(c *collector) {
	s := c.s
	scan(ipv4Re(), s, c.need(req{digits: 4, dots: 3}), func(m []int) bool {
		for k := 1; k <= 4; k++ {
			if v := atoi(sub(s, m, k)); v < 0 || v > 255 {
				return false
			}
		}
		if !numLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindIP, "")
		return true
	})
	// IPv6 by hand: each maximal run of hex digits, colons and dots with
	// at least two colons is tried whole, then without its first group
	// ("ID:2001:db8::1").
	// Each run is found from a colon in it: a run without one is none.
	for i := 0; i < len(s); {
		q := strings.IndexByte(s[i:], ':')
		if q < 0 {
			break
		}
		for q += i; q > i && isIPv6Byte(s[q-1]); {
			q--
		}
		i = q
		j := i
		colons := 0
		for j < len(s) && isIPv6Byte(s[j]) {
			if s[j] == ':' {
				colons++
			}
			j++
		}
		if colons >= 2 && j-i <= 64 {
			if a, b, ok := ipv6In(s, i, j); ok {
				c.add(a, b, KindIP, "")
			}
		}
		i = j
	}
}

func isIPv6Byte(b byte) bool { return isHex(rune(b)) || b == ':' || b == '.' }

// ipv6In finds the IPv6 address in the run s[a:b] of hex digits, colons
// and dots, if any.
func ipv6In(s string, a, b int) (int, int, bool) {
	// A label may precede ("IP:2001:db8::1") and sentence punctuation
	// follow: a leading colon, trailing dots, and a trailing colon, unless
	// part of "::", are not part of the address.
	if b-a >= 2 && s[a] == ':' && s[a+1] != ':' {
		a++
	}
	for b > a && s[b-1] == '.' {
		b--
	}
	if b-a >= 2 && s[b-1] == ':' && s[b-2] != ':' {
		b--
	}
	if n := nextRune(s, b); isASCIILetter(n) || isASCIIDigit(n) || n == '_' {
		return 0, 0, false
	}
	valid := func(a int) bool {
		cand := s[a:b]
		addr, err := netip.ParseAddr(cand)
		return err == nil && addr.Is6() && strings.Count(cand, ":") >= 2 && strings.ContainsFunc(cand, isHex)
	}
	if p := prevRune(s, a); !(isASCIILetter(p) || isASCIIDigit(p) || p == '_' || p == '.') && valid(a) {
		return a, b, true
	}
	// "ID:2001:db8::1", "word:fe80::1": a label glued by a colon.
	if k := strings.IndexByte(s[a:b], ':'); k > 0 && a+k+1 < b && s[a+k+1] != ':' && valid(a+k+1) {
		return a + k + 1, b, true
	}
	return 0, 0, false
}

func isHex(r rune) bool {
	return isASCIIDigit(r) || ('a' <= r && r <= 'f') || ('A' <= r && r <= 'F')
}

// appWords are the lower-case messenger names after which a handle may
// follow, in the languages of the testimonies: Latin, Hangul, Cyrillic
// (a Cyrillic name in any case: appWord) and Han spellings.
var appWords = []string{"kakaotalk", "kakao", "wechat", "weixin", "telegram", "tele", "whatsapp", "skype", "signal", "viber",
	"line", "qq", "instagram", "insta", "ig", "facebook", "fb", "messenger", "twitter", "tiktok", "imo", "discord", "snapchat", "threads",
	"zalo", "vk", "vkontakte", "카카오톡", "카톡", "카카오", "위챗", "텔레그램", "텔레", "왓츠앱", "왓츠업", "바이버", "시그널",
	"인스타그램", "인스타", "페이스북", "페북", "틱톡", "스카이프", "라인", "微信", "微信号", "qq号", "抖音", "抖音号", "脸书",
	"臉書", "电报", "whatsapp号", "вконтакте", "вк", "телеграм", "телеграмм", "телега", "вотсап", "ватсап", "вацап", "вайбер",
	"скайп", "инстаграм", "инстаграмм", "инста", "фейсбук", "тикток", "вичат", "зало"}

// appSearchWords are appWords as they are found in text lowered in
// ASCII only: the Cyrillic ones capitalised too (Телеграм, ВКонтакте).
var appSearchWords = func() []string {
	ws := append([]string{"ВК", "ВКонтакте"}, appWords...)
	for _, w := range appWords {
		if r, size := utf8.DecodeRuneInString(w); unicode.Is(unicode.Cyrillic, r) {
			ws = append(ws, string(unicode.ToUpper(r))+w[size:])
		}
	}
	return ws
}()

// handleCues are the words findHandles looks for: appSearchWords and
// labelWords.
var handleCues = slices.Concat(appSearchWords, labelWords)

// labelWords name an account without a messenger ("her username was
// heronwing81", "my handle is pine_7", "ID: heron81"): a token after them
// is a handle only if it looks like one.
var labelWords = []string{"username", "usernames", "handle", "id", "login", "nickname", "nick", "usuario", "ник", "никнейм",
	"логин", "аккаунт", "아이디", "닉네임", "계정", "账号", "帐号", "用户名"}

// idWords say that a handle follows, whatever its shape; fillerWords may
// stand between a messenger name and its handle ("on KakaoTalk as
// bluecrane_77", "his WeChat was wxid_q8n2kd", "카톡 아이디는 pine0815예요",
// "Zalo của Thu là thu.hoang02", "в телеграме она была nata_91").
// After a filler word alone, the token must look like a handle: letters
// with a digit, "_", "." or "@" ("my WeChat was blocked" keeps "blocked").
// ownerWords (of, của, de, у) take the next word with them, the owner's
// name or pronoun ("el Telegram de Rigo es rigo.salinas").
var (
	idWords = wordSetOf("id", "handle", "username", "user name", "account", "nickname", "number", "no", "nick", "usuario",
		"cuenta", "perfil", "khoản", "ник", "ником", "никнейм", "логин", "аккаунт", "아이디", "계정", "닉네임", "号", "账号", "帐号")
	fillerWords = wordSetOf("is", "was", "as", "called", "named", "under", "me", "my", "his", "her", "their", "our", "your", "the",
		"at", "on", "with", "name", "user", "talk", "she", "he", "they", "it", "i", "we", "you", "him", "them",
		"là", "có", "tên", "tài", "em", "chị", "anh", "ấy", "nó", "tôi", "mình", "cô", "bạn", "trên", "qua",
		"es", "era", "fue", "mi", "su", "sus", "tu", "como", "el", "la", "en", "se", "llama", "llamaba", "nombre",
		"в", "во", "на", "её", "ее", "его", "их", "мой", "моя", "она", "он", "была", "был", "было", "это", "как", "под", "зовут",
		"는", "은", "이", "가", "은요", "는요", "제", "내", "그녀", "걔")
	ownerWords = wordSetOf("of", "của", "de", "del", "у")
)

// appWord reports a messenger name: one of appWords, a Korean particle
// after it dropped, or a Cyrillic one with a case ending (в телеграме,
// в вотсапе, по скайпу).
func appWord(w string) bool {
	w = strings.ToLower(stripParticle(w))
	if slices.Contains(appWords, w) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(w); !unicode.Is(unicode.Cyrillic, r) {
		return false
	}
	for _, end := range []string{"е", "у", "а", "ом", "ой", "ы", "и"} {
		if stem, ok := strings.CutSuffix(w, end); ok && len(stem) > 2 && slices.Contains(appWords, stem) {
			return true
		}
	}
	return false
}

// hanFiller reports a Han token made only of the characters that stand
// between a messenger and its handle (微信是, 微信号：, 叫).
func hanFiller(w string) bool {
	return strings.Trim(w, "是的叫为為号號码碼：") == ""
}

func wordSetOf(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func findHandles(c *collector) {
	s := c.s
	var ats []int
	for _, i := range wordStarts(c.lower, atCues) {
		if i+1 < len(s) && (isASCIILetter(rune(s[i+1])) || isASCIIDigit(rune(s[i+1])) || s[i+1] == '_') {
			ats = append(ats, i)
		}
	}
	matchAt(atHandleRe(), s, ats, 40, func(m []int) bool {
		p := prevRune(s, m[0])
		if isASCIILetter(p) || isASCIIDigit(p) || p == '_' || p == '.' || p == '@' || !wordRightOK(s, m[1]) || nextRune(s, m[1]) == '(' {
			return false // not a handle: a word, an address, a formula (@SUM(7,7))
		}
		c.add(m[0], m[1], KindHandle, "")
		return true
	})
	last := 0
	for _, i := range wordStarts(c.lower, handleCueList) {
		if i < last || !wordLeftOK(s, i) {
			continue
		}
		if a, b, ok := handleBefore(s, c.lower, i); ok {
			c.add(a, b, KindHandle, "")
		}
		if a, b, ok := handleAfter(s, c.lower, i); ok {
			c.add(a, b, KindHandle, "")
			last = b
		}
	}
	// WeChat's and Skype's own IDs stand for an account wherever they
	// are (wxid_q8n2kd, live:crane71).
	for k, prefix := range accountPrefixes {
		for _, i := range wordStarts(c.lower, accountPrefixCues[k]) {
			if !wordLeftOK(s, i) {
				continue
			}
			b := i + len(prefix)
			for b < len(s) && isHandleByte(s[b]) {
				b++
			}
			if b-i > len(prefix)+2 && (prefix == "wxid_" || handleShaped(s[i+len(prefix):b])) {
				c.add(i, trimHandle(s, i, b), KindHandle, "")
			}
		}
	}
}

// handleAfter returns the handle after the messenger name that starts at
// i, if any: within five tokens of 48 bytes, past filler and ID words.
func handleAfter(s, lower string, i int) (int, int, bool) {
	// The messenger name: a word of appWords, "Kakao Talk" as one.
	j := tokenEnd(lower, i)
	if r, _ := utf8.DecodeRuneInString(lower[i:]); unicode.Is(unicode.Han, r) {
		// Han text has no spaces: the name is the longest word of the
		// lists at i (微信号是…).
		j = i
		for _, w := range append(appWords, labelWords...) {
			if strings.HasPrefix(lower[i:], w) && i+len(w) > j {
				j = i + len(w)
			}
		}
	}
	name := lower[i:j]
	if name == "kakao" && strings.HasPrefix(lower[j:], " talk") {
		j += len(" talk")
		name = "kakaotalk"
	}
	label := slices.Contains(labelWords, stripParticle(name))
	if !appWord(name) && !label {
		return 0, 0, false
	}
	explicit, owner := false, false
	for n, k := 0, j; n < 6 && k < len(lower) && k-j < 64; n++ {
		// Separators: spaces, a colon, an equals sign, a dash, a comma,
		// a question mark or an opening parenthesis ("handle?
		// darkriver_09", "Telegram (pine_7)"). After them alone the token
		// must look like a handle: "Telegram: the app".
		for k < len(lower) {
			if strings.ContainsRune(" :=\t,-?(", rune(lower[k])) {
				k++
			} else if r, size := utf8.DecodeRuneInString(lower[k:]); r == '—' || r == '–' || r == '：' {
				k += size
			} else {
				break
			}
		}
		a := k
		k = tokenEnd(lower, a)
		if a == k {
			// "@name" after the messenger, or punctuation: a handle or
			// nothing.
			if k < len(lower) && lower[k] == '@' {
				b := k + 1
				for b < len(s) && isHandleByte(s[b]) {
					b++
				}
				if b > k+2 {
					return k, trimHandle(s, k, b), true
				}
			}
			return 0, 0, false
		}
		word := lower[a:k]
		bare := stripParticle(word)
		switch {
		case bare == "no" && k < len(lower) && strings.ContainsRune(",!?", rune(lower[k])):
			return 0, 0, false // an answer ("Telegram? No, we never used it"), not "No." for number
		case idWords[bare] || bare == "user" && strings.HasPrefix(lower[k:], " name"):
			// After a label alone, "ID" says no more: "username ID" is
			// still any word.
			explicit = !label
			continue
		case fillerWords[bare] || hanFiller(word):
			continue
		case ownerWords[bare]:
			owner = true
			continue
		case appWord(bare):
			return 0, 0, false // another messenger's name: its handle is its own
		case owner && !handleShaped(s[a:handleEnd(s, a)]):
			owner = false // the owner: a name or a pronoun (de Rigo, của em)
			continue
		}
		owner = false
		// A token in another script with digits: a name and a year
		// (하늘79예요, 바다사랑93), the handle up to its last digit or
		// ASCII letter.
		if r, _ := utf8.DecodeRuneInString(s[a:]); r >= utf8.RuneSelf {
			if b := scriptHandle(s, a, k); b > a {
				return a, b, true
			}
			return 0, 0, false
		}
		// A candidate: an ASCII token, maybe with a Korean particle or
		// copula after it (pine0815예요).
		b := handleEnd(s, a)
		if b-a < 2 || !wordLeftOK(s, a) || (b < len(s) && isASCIILetter(rune(s[b]))) {
			return 0, 0, false
		}
		// After a label alone a handle starts with a letter: "ID
		// 11010519491231002X" is a number.
		if explicit || handleShaped(s[a:b]) && (!label || isASCIILetter(rune(s[a]))) {
			return a, b, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// scriptHandle returns the end of a handle that starts at s[a] with a
// letter of another script than Latin and mixes letters and digits, within
// the word s[a:k]: up to its last ASCII letter, digit or "_", so that a
// particle or copula after it stays (하늘79예요). a if there is none.
func scriptHandle(s string, a, k int) int {
	end, digit := a, false
	for j := a; j < k; {
		r, size := utf8.DecodeRuneInString(s[j:])
		j += size
		switch {
		case isASCIIDigit(r):
			digit, end = true, j
		case isASCIILetter(r) || r == '_':
			if digit || end > a {
				end = j
			}
		case !unicode.IsLetter(r):
			return a
		}
	}
	if !digit {
		return a
	}
	return end
}

// handleBefore returns the handle before the messenger name that starts
// at i, if any: a token that looks like a handle, then a word of
// beforeWords ("kim.eunju80 on Facebook", "pine_7 via Telegram",
// "thu.hoang02 là Zalo của Thu", "nata_91 в телеграме").
func handleBefore(s, lower string, i int) (int, int, bool) {
	k := i
	for n := 0; n < 2; n++ {
		for k > 0 && lower[k-1] == ' ' {
			k--
		}
		if n == 0 {
			a := k
			for a > 0 {
				r, size := utf8.DecodeLastRuneInString(lower[:a])
				if !unicode.IsLetter(r) {
					break
				}
				a -= size
			}
			if !beforeWords[strings.ToLower(lower[a:k])] {
				return 0, 0, false // the handle must be apart from the name
			}
			k = a
			continue
		}
		a := k
		for a > 0 && isHandleByte(lower[a-1]) {
			a--
		}
		b := trimHandle(s, a, k)
		if b-a < 3 || !wordLeftOK(s, a) || a > 0 && lower[a-1] == '@' || !handleShaped(s[a:b]) {
			return 0, 0, false
		}
		return a, b, true
	}
	return 0, 0, false
}

// beforeWords join a handle to the messenger named after it.
var beforeWords = wordSetOf("on", "in", "via", "at", "through", "is", "was", "trên", "qua", "là", "en", "por", "es", "era",
	"de", "в", "во", "на", "через", "это", "是", "에서", "으로")

// tokenEnd returns the end of the word that starts at lower[a]: letters
// of any script, digits and "_", split where a Han character meets a
// letter of another script (是xiaolan_88 is two words, 美玲88 one).
func tokenEnd(lower string, a int) int {
	k := a
	first, _ := utf8.DecodeRuneInString(lower[a:])
	han := unicode.Is(unicode.Han, first)
	for k < len(lower) && isWordByteOrHangul(lower, k) {
		r, size := utf8.DecodeRuneInString(lower[k:])
		if unicode.IsLetter(r) && unicode.Is(unicode.Han, r) != han && k > a {
			break
		}
		k += size
	}
	return k
}

// isWordByteOrHangul reports an ASCII letter or digit, a "_", or a letter
// of any script at lower[k]: the runes of the words handleAfter walks over.
func isWordByteOrHangul(lower string, k int) bool {
	c := lower[k]
	if c < utf8.RuneSelf {
		return isASCIILetter(rune(c)) || isASCIIDigit(rune(c)) || c == '_'
	}
	r, _ := utf8.DecodeRuneInString(lower[k:])
	return unicode.IsLetter(r) || noSpaceScript(r)
}

func isHandleByte(b byte) bool {
	return isASCIILetter(rune(b)) || isASCIIDigit(rune(b)) || b == '_' || b == '.' || b == '-'
}

// handleEnd returns the end of the handle-shaped run that starts at s[a].
func handleEnd(s string, a int) int {
	b := a
	for b < len(s) && isHandleByte(s[b]) {
		b++
	}
	return trimHandle(s, a, b)
}

// trimHandle drops trailing dots and dashes from the handle s[a:b].
func trimHandle(s string, a, b int) int {
	for b > a && (s[b-1] == '.' || s[b-1] == '-') {
		b--
	}
	return b
}

// handleShaped reports a token that is no word: letters with a digit,
// "_" or ".", or digits with letters.
func handleShaped(t string) bool {
	letters := strings.IndexFunc(t, isASCIILetter) >= 0
	return letters && strings.ContainsAny(t, "0123456789_.")
}

// stripParticle drops a Korean particle from a word (아이디는, 카톡으로).
func stripParticle(w string) string {
	for _, p := range []string{"으로", "에서", "로", "는", "은", "이", "가", "에", "를", "을"} {
		if rest, ok := strings.CutSuffix(w, p); ok && rest != "" {
			return rest
		}
	}
	return w
}

// lastLabel returns the start of the domain label of lower that ends at
// end, not before from.
func lastLabel(lower string, from, end int) int {
	i := end
	for i > from && isDomainByte(lower[i-1]) {
		i--
	}
	return i
}

// The lists of cue words this file's recognisers find (wordStarts).
var (
	atCues        = newCues("@")
	handleCueList = newCues(handleCues...)
	// accountPrefixes are WeChat's and Skype's own IDs' prefixes, each
	// a list of its own.
	accountPrefixes   = []string{"wxid_", "live:"}
	accountPrefixCues = []*cues{newCues(accountPrefixes[0]), newCues(accountPrefixes[1])}
)
