package redact

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

var (
	// Anchored, on the lower-cased text, at the start of each local part.
	emailRe = regexp.MustCompile(`^[a-z0-9._%+\-]+(?:@|\s?[\[(]at[\])]\s?)[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:(?:\.|\s?[\[(]dot[\])]\s?)[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*(?:\.|\s?[\[(]dot[\])]\s?)[a-z]{2,24}`)

	ipv4Re = regexp.MustCompile(`(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/\d{1,2})?`)

	// Anchored: tried only where "@" or a messenger name occurs;
	// appHandleRe runs on the lower-cased text.
	atHandleRe  = regexp.MustCompile(`^@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,30}[A-Za-z0-9_])`)
	appHandleRe = regexp.MustCompile(`^(?:kakao\s?talk|kakao|wechat|weixin|telegram|whatsapp|skype|signal|viber|line|qq|instagram|facebook|twitter|tiktok|카카오톡|카톡|微信)(?:\s{1,2}(?:id|handle|user\s?name|account|아이디|계정|号)(\s{0,2}(?::|is|was))?|(\s{0,2}:))\s{0,2}(@?[A-Za-z0-9][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9_])`)
)

// Top-level domains accepted in a URL without a scheme (besides any
// two-letter country code).
var pathTLDs = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "info": true,
	"biz": true, "name": true, "blog": true, "app": true, "dev": true, "page": true,
	"site": true, "online": true, "xyz": true, "social": true, "link": true,
}

func findEmails(c *collector) {
	last := 0
	for _, w := range emailWindows(c.lower) {
		if w.a < last {
			continue
		}
		if m := emailRe.FindStringIndex(c.lower[w.a:w.b]); m != nil {
			c.add(w.a, w.a+m[1], KindEmail, "")
			last = w.a + m[1]
		}
	}
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
	scan(ipv4Re, s, c.need(req{digits: 4, dots: 3}), func(m []int) bool {
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
	for i := 0; i < len(s); {
		if !isIPv6Byte(s[i]) {
			i++
			continue
		}
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

// appWords are the lower-case messenger names that open a window for
// appHandleRe.
var appWords = []string{"kakao", "wechat", "weixin", "telegram", "whatsapp", "skype", "signal", "viber",
	"line", "qq", "instagram", "facebook", "twitter", "tiktok", "카카오톡", "카톡", "微信"}

func findHandles(c *collector) {
	s := c.s
	var ats []int
	for _, i := range wordStarts(c.lower, "@") {
		if i+1 < len(s) && (isASCIILetter(rune(s[i+1])) || isASCIIDigit(rune(s[i+1])) || s[i+1] == '_') {
			ats = append(ats, i)
		}
	}
	matchAt(atHandleRe, s, ats, 40, func(m []int) bool {
		p := prevRune(s, m[0])
		if isASCIILetter(p) || isASCIIDigit(p) || p == '_' || p == '.' || p == '@' || !wordRightOK(s, m[1]) {
			return false
		}
		c.add(m[0], m[1], KindHandle, "")
		return true
	})
	matchAt(appHandleRe, c.lower, wordStarts(c.lower, appWords...), 100, func(m []int) bool {
		if !wordLeftOK(s, m[0]) {
			return false
		}
		tok := sub(s, m, 3)
		if m[2*2] >= 0 && !strings.ContainsAny(tok, "0123456789_@") {
			// After a bare colon: "Telegram: the app" is not a handle.
			return false
		}
		a, b := m[2*3], m[2*3+1]
		if !wordRightOK(s, b) {
			return false
		}
		c.add(a, b, KindHandle, "")
		return true
	})
}
