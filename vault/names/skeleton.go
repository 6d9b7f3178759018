package names

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
)

// Skeletons: a full name in a spelling or script no table makes
// (review 13j N1, N3). Fatma Abd al-Rahman, Fatouma Abderrahmane and
// فاطمة عبد الرحمن are Fatima Abdelrahman; Sahra Hoseyni and زهرا حسینی
// are Zahra Hosseini; ሰናይት ተስፋይ is Senait Tesfay. Each word is read in
// Latin letters (unidecode, a maintained transliteration of every
// script), then reduced to a consonant key in the spirit of Soundex:
// vowels and h dropped, consonants in classes that transliterations
// confuse (s z c sh ch, k q c g kh, t d th, b p f v w, m n), repeats
// folded. A second, loose key (readLoose) also drops the gutturals that
// one spelling writes h, kh, x, gh, х or г and another nothing (Halid,
// Xodan, Ахмадзай, Oleh for Khaled, Hodan, Ahmadzai, Олег), reads
// Somali c (ʿayn) as nothing, th as s (Othman, Osman) and gü as w
// (Güilmer): review 13l Q2. Two names are the same where one of their
// keys is; a run of words is the person where its key is that of two or
// more of the person's registered name tokens in order (or a pair of
// them reversed), of four classes or more, none of its tokens without
// one: a full name, never one short word. A lone word is the person only
// as a given name of one token (Senayt, Sennait for Senait), read by a
// finer key that keeps where the vowels are and which (a; e, i, y; o,
// u: Samarra is no Samira, Easter no Esther), of three consonants or
// more. Both hold only for the persons of the record (FindEvident's
// evident, up to maxEvident of them): across a registry of 100,000, keys
// this coarse would name strangers. In a script without case a run of
// more words than the tokens its key joins is words, not a name (ወዲ ኣብ
// ቤት, "the boy is at", is no Wedi Habte). The audit screen's evidence
// is everyone (Everyone): there a stranger's name costs a purpose kept
// as a MAC, and a name in another spelling kept in clear is a leak.

// skelMinClasses and skelTokenClasses bound a full name's key: at least
// four consonant classes, one in each registered token (Ho: none).
const (
	skelMinClasses   = 4
	skelTokenClasses = 1
	// skelSingleClasses is the fewest consonants of a given name read
	// alone (Senait: s n t).
	skelSingleClasses = 3
	// skelMaxWords bounds the words of a run, and skelMaxTokens the
	// tokens of a name whose combinations are keyed.
	skelMaxWords  = 5
	skelMaxTokens = 6
)

// skelScript reports whether r is a letter whose words the skeleton rule
// reads: not Hangul, Han or kana, which have rules of their own and no
// spaces between names.
func skelScript(r rune) bool {
	return unicode.IsLetter(r) && !unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// caseless reports whether r is a letter of a script without capitals
// (Arabic, Ge'ez, Burmese...), where any word may be a name.
func caseless(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) && unicode.ToUpper(r) == r && unicode.ToLower(r) == r
}

// skelLatin returns w in lower-case ASCII letters: an Arabic article
// (ال) cut, Burmese သ read th as names romanise it, a digit between
// letters read as the letter OCR takes it for (1 l, 0 o, 5 s), and the
// rest transliterated. Anything but letters is dropped.
func skelLatin(w string) string {
	if strings.HasPrefix(w, "ال") && utf8.RuneCountInString(w) > 3 {
		w = w[len("ال"):]
	}
	w = strings.ReplaceAll(w, "သ", "th")
	if r, n := utf8.DecodeRuneInString(w); r != 'و' && strings.Contains(w[n:], "و") {
		// Inside an Arabic word waw is mostly the vowel u or o
		// (يوهانس, Yohannes); unidecode writes w.
		w = w[:n] + strings.ReplaceAll(w[n:], "و", "u")
	}
	var b strings.Builder
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		w = unidecode.Unidecode(w)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z':
			b.WriteByte(c)
		case i > 0 && i+1 < len(w) && isASCIILetter(w[i-1]) && isASCIILetter(w[i+1]):
			switch c {
			case '1':
				b.WriteByte('l')
			case '0':
				b.WriteByte('o')
			case '5':
				b.WriteByte('s')
			}
		}
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// skelThings after a name make it a thing named after someone (the Abu
// Salim prison, Safi Airways), with thingWords and establishments.
var skelThings = wordSet("prison jail camp hotel airways airlines airport index mosque church cathedral square bridge avenue boulevard hall foundation prize award")

// skelArticles are the Arabic article and its assimilated forms written
// as a word of their own (Abd al-Rahman, Abd ar-Rahman): dropped.
var skelArticles = wordSet("al el ul il ar er ur ad ed as es at an en ash")

// skelWord returns w (skelLatin's output) with the folds of one word:
// the article inside Abdel-, Abdul-, Abderrahmane cut to Abd, a final
// -ij or -yj read -i (Andrij), and a Slavic family name's -ov, -ova, -ev,
// -eva cut (Ablizova for Abliz).
// creole also drops what French and Creole spelling do not sound: an r
// after a vowel before a consonant or at the end, and a final s, t, d,
// x or z after a vowel (Pyè-Lwi for Pierre-Louis).
func skelWord(w string, creole bool) string {
	if len(w) > 5 && strings.HasPrefix(w, "abd") && isVowel(w[3]) {
		switch {
		case w[4] == 'l':
			w = "abd" + w[5:]
		case len(w) > 6 && w[4] == w[5] && !isVowel(w[4]):
			w = "abd" + w[5:] // Abderrahmane: the article assimilated
		}
	} else if w == "abdul" || w == "abdel" || w == "abdal" {
		w = "abd"
	}
	if len(w) > 4 && (strings.HasSuffix(w, "ij") || strings.HasSuffix(w, "yj")) {
		w = w[:len(w)-1] // Andrij, Andriy, Андрій (Andrii)
	}
	for _, suf := range [...]string{"ova", "eva", "ov", "ev"} {
		if len(w) >= len(suf)+4 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if !creole {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ge"):
		w = w[:len(w)-2] + "j" // Nadège, Nadèj: the soft g kept
	case strings.HasSuffix(w, "ce"):
		w = w[:len(w)-2] + "s"
	}
	b := []byte(w)
	for len(b) > 1 && b[len(b)-1] == 'e' && !isVowel(b[len(b)-2]) {
		b = b[:len(b)-1]
	}
	if n := len(b); n > 2 && strings.IndexByte("stdxz", b[n-1]) >= 0 && isVowel(b[n-2]) {
		b = b[:n-1]
	}
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == 'r' && i > 0 && (isVowel(b[i-1]) || b[i-1] == 'r') && (i+1 == len(b) || !isVowel(b[i+1])) {
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// keyRead is how appendKey reads a word's letters.
type keyRead uint8

const (
	readPlain  keyRead = iota // the consonant classes
	readVowels                // and where vowels stand (a given name alone)
	// readLoose also drops what transliterations of one sound write
	// as a letter in one and as nothing or h in another: the
	// gutturals h, kh, x, gh (Khalid, Halid; Cyrillic Ахмадзай for
	// Ahmadzai, Заргуна for Zarghuna, Ukrainian Олег for Oleh; Somali x
	// for ḥ, Xodan for Hodan) and a hard c, which Somali writes for
	// ʿayn (Cabdi for Abdi); and it reads th as s, as Arabic ث is read
	// in Osman for Othman, and w always as b, the v of Turkish Hamvi
	// for Hamwi.
	readLoose
)

// skelKey returns the consonant key of s, a word in ASCII lower-case
// letters (skelWord's); vowels marks where vowels stand.
func skelKey(s string, vowels bool) string {
	read := readPlain
	if vowels {
		read = readVowels
	}
	return string(appendKey(nil, s, read))
}

// appendKey appends the key of s to out, a repeat of out's last class
// folded: keys of words joined are the key of the run (Abd Rahman: bt,
// rn; Marialuisa Santos: nrls, snts). Where vowels are read (readVowels)
// a vowel stands as a, i (e, i, y) or u (o, u), repeats folded and an i
// or y after a vowel dropped: Senait, Senayt and Zarghuna, Zarghunay are
// one name, Samira and Samarra, Esther and Easter are not.
func appendKey(out []byte, s string, read keyRead) []byte {
	last := byte(0)
	if len(out) > 0 {
		last = out[len(out)-1]
	}
	emit := func(c byte) {
		if c != last {
			out = append(out, c)
		}
		last = c
	}
	loose := read == readLoose
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case isVowel(c):
			// Repeats fold across vowels too: Arabic and Ge'ez
			// spellings write none (رحمن, Rahman).
			if read == readVowels && !(i > 0 && isVowel(s[i-1]) && (c == 'i' || c == 'y')) {
				emit(vowelClass(c)) // but the glide of ai, ay, ei (Senait, Senayt)
			}
		case c == 'h':
			// dropped: kh, th, sh, dh, gh read as their first letter
		case c == 'w':
			if !loose && i > 0 && !isVowel(s[i-1]) && isVowel(next) {
				if read == readVowels {
					emit(vowelClass('u')) // Lwi: the w of a diphthong
				}
				continue
			}
			emit('b')
		case c == 'b' || c == 'p' || c == 'f' || c == 'v':
			emit('b')
		case c == 'c':
			switch {
			case next == 'e' || next == 'i' || next == 'y' || next == 'h' || next == 'z':
				emit('s')
			case !loose:
				emit('k')
			}
		case c == 'g':
			switch {
			case next == 'e' || next == 'i':
				emit('j')
			case i > 0 && s[i-1] == 'n' && (next == 0 || !isVowel(next)):
				// the ng of Khin Win's Burmese: a nasal
			case loose && next == 'h':
			default:
				emit('k')
			}
		case c == 'x':
			if !loose {
				emit('k')
			}
		case c == 'k':
			if !loose || next != 'h' {
				emit('k')
			}
		case c == 'q':
			emit('k')
		case c == 's' || c == 'z':
			emit('s')
		case c == 'j':
			emit('j')
		case c == 't' && loose && next == 'h':
			emit('s')
		case c == 't' || c == 'd':
			emit('t')
		case c == 'm' || c == 'n':
			emit('n')
		case c == 'l':
			emit('l')
		case c == 'r':
			emit('r')
		}
	}
	return out
}

// vowelClass is the mark of vowel c in a key read with vowels: a, i
// (e, i, y) or u (o, u). No consonant class is written with these.
func vowelClass(c byte) byte {
	switch c {
	case 'e', 'i', 'y':
		return 'i'
	case 'o', 'u':
		return 'u'
	}
	return 'a'
}

// consonants counts the consonant classes of a key.
func consonants(k string) int {
	return len(k) - strings.Count(k, "a") - strings.Count(k, "i") - strings.Count(k, "u")
}

// skelTokens returns the words of a registered name's tokens in lower
// case, particles left out; nil for a name of one token. It reads the
// name as registered, not as parseName folds it: that folds Cyrillic
// look-alikes (Оксана, okcaha).
func skelTokens(name string) [][]string {
	var out [][]string
	for _, t := range strings.Fields(name) {
		if particles[strings.ToLower(t)] {
			continue
		}
		ws := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) })
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out[:min(len(out), skelMaxTokens)]
}

// addSkeleton records a registered name's tokens for the skeleton rule,
// one string a person (names apart by |, tokens by spaces, words by
// hyphens): the keys are made only for the persons of a record (build1),
// not for every person. A name that starts with skelDerived is made by
// a table, not registered (a Tibetan name's Wylie): its spelling is no
// registered form, so a run spelt so is still the person.
func (m *Matcher) addSkeleton(person int32, name string, given bool) {
	derived := strings.HasPrefix(name, skelDerived)
	ts := skelTokens(strings.TrimPrefix(name, skelDerived))
	if ts == nil {
		return
	}
	var b strings.Builder
	b.WriteString(m.skels[person])
	if b.Len() > 0 {
		b.WriteByte('|')
	}
	if given {
		b.WriteByte('!') // its first token is a given name, called alone
	}
	if derived {
		b.WriteString(skelDerived)
	}
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(t, "-"))
	}
	m.skels[person] = b.String()
}

// skelDerived marks a name of m.skels made by a table (addSkeleton).
const skelDerived = "~"

// skelSpelt is a word w as a spelling, given l, skelLatin(w): Latin
// without marks (Nadege is Nadège as written), another script as it is
// (Руслан, not Ruslan).
func skelSpelt(w, l string) string {
	if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Latin, r) {
		return l
	}
	return strings.ToLower(w)
}

// skelToken is one registered token's forms: its words as spelt (apart
// by spaces), in Latin letters, and its keys, plain, creole and loose.
type skelToken struct{ spelt, latin, plain, creole, loose string }

// skelKeys is the number of keys of a run or token: plain, creole and
// loose; skelPrefix marks each in the keys' map, as no class is written
// with these letters.
const skelKeys = 3

var skelPrefix = [skelKeys]string{"", "c", "g"}

func (t skelToken) key(n int) string {
	switch n {
	case 1:
		return t.creole
	case 2:
		return t.loose
	}
	return t.plain
}

func newSkelToken(t string) skelToken {
	var sp, lt strings.Builder
	var p, c, g []byte
	ws := strings.Split(t, "-")
	for _, w := range ws {
		l := skelLatin(w)
		if len(ws) > 1 && skelArticles[l] {
			continue // al-Hamwi read as the text's al Hamwi is: Hamwi
		}
		if sp.Len() > 0 {
			sp.WriteByte(' ')
		}
		sp.WriteString(skelSpelt(w, l))
		lt.WriteString(l)
		p = appendKey(p, skelWord(l, false), readPlain)
		c = appendKey(c, skelWord(l, true), readPlain)
		g = appendKey(g, skelWord(skelLatinLoose(w, l), false), readLoose)
	}
	return skelToken{sp.String(), lt.String(), string(p), string(c), string(g)}
}

// skelLoose rewrites, before a loose reading, letters that a script
// writes for a sound unidecode reads as another: Ukrainian г is h
// (Гнатюк, Hnatiuk), Turkish ğ is silent, Spanish gü before e or i is w
// (Güilmer for Wilmer).
var skelLoose = strings.NewReplacer("г", "х", "Г", "Х", "ğ", "h", "Ğ", "H", "güe", "we", "güi", "wi", "Güe", "We", "Güi", "Wi")

// skelLatinLoose returns w in Latin letters for the loose reading, given
// l, skelLatin(w).
func skelLatinLoose(w, l string) string {
	if r := skelLoose.Replace(w); r != w {
		return skelLatin(r)
	}
	return l
}

// skelEvidence holds the keys of the persons of a record.
type skelEvidence struct {
	full   map[string]skelHit // full-name keys, plain and creole ("c" prefix)
	single map[string]skelHit // given names' vowel keys
	sorted []string           // the keys of full in order, to stop a run early (hasPrefix)
}

// seal orders the keys of sk once all persons' are in.
func (sk *skelEvidence) seal() {
	sk.sorted = slices.Sorted(maps.Keys(sk.full))
}

// hasPrefix reports whether a key of sk starts with p.
func (sk *skelEvidence) hasPrefix(p []byte) bool {
	i, _ := slices.BinarySearch(sk.sorted, string(p))
	return i < len(sk.sorted) && strings.HasPrefix(sk.sorted[i], string(p))
}

// skelHit is the person a key stands for (-1: two persons') and the
// registered spelling it was made of: that spelling itself is left to
// the rules of the registered forms, which know where it is a word or
// another person (Carmen the opera, José Luis Rodríguez Zapatero);
// tokens is how many registered tokens the key joins, the most words a
// run in a script without case may have for it (skeletal).
type skelHit struct {
	person int32
	latin  string
	tokens int
}

// buildSkeletons adds person p's keys to sk.
func (m *Matcher) buildSkeletons(sk *skelEvidence, p int32) {
	add := func(mp map[string]skelHit, k, latin string, tokens int) {
		if h, ok := mp[k]; ok {
			if h.person != p {
				h.person = -1
			}
			h.tokens = max(h.tokens, tokens)
			mp[k] = h
			return
		}
		mp[k] = skelHit{p, latin, tokens}
	}
	var key, latin []byte
	for name := range strings.SplitSeq(m.skels[p], "|") {
		given := strings.HasPrefix(name, "!")
		name = strings.TrimPrefix(name, "!")
		derived := strings.HasPrefix(name, skelDerived)
		name = strings.TrimPrefix(name, skelDerived)
		var ts []skelToken
		for t := range strings.SplitSeq(name, " ") {
			ts = append(ts, newSkelToken(t))
		}
		// A given name alone is keyed as written, without the folds of
		// family names (Nikolaev, a town, is no -ev of Nikolai).
		if given && len(ts[0].latin) >= minFuzzy {
			if k := skelKey(ts[0].latin, true); consonants(k) >= skelSingleClasses {
				add(sk.single, k, ts[0].spelt, 1)
			}
		}
		// Every ordered choice of two tokens or more, and each pair
		// reversed (Hosseini Zahra); keys and spellings made in two
		// buffers, a string only for what is kept.
		var pick []skelToken
		for mask := 1; mask < 1<<len(ts); mask++ {
			pick = pick[:0]
			for i := range ts {
				if mask&(1<<i) != 0 {
					pick = append(pick, ts[i])
				}
			}
			if len(pick) < 2 {
				continue
			}
			orders := 1
			if len(pick) == 2 {
				orders = 2 // a pair also reversed
			}
			for rev := range orders {
				if rev == 1 {
					pick[0], pick[1] = pick[1], pick[0]
				}
				for n := range skelKeys {
					key, latin = append(key[:0], skelPrefix[n]...), latin[:0]
					ok := true
					for i, t := range pick {
						if !derived { // else no registered spelling
							if i > 0 {
								latin = append(latin, ' ')
							}
							latin = append(latin, t.spelt...)
						}
						k := t.key(n)
						ok = ok && len(k) >= skelTokenClasses
						key = appendKey(key, k, readPlain) // the tokens' keys joined, repeats folded
					}
					if classes := len(key) - len(skelPrefix[n]); !ok || classes < skelMinClasses {
						continue
					}
					add(sk.full, string(key), string(latin), len(pick))
				}
			}
		}
	}
}

// skeletal returns the mention of a person of ev at words[i] by the
// skeleton rule: the longest run of up to skelMaxWords name-shaped words
// apart by spaces or hyphens whose key is a full name's, or a given name
// alone by its vowel key.
func (m *Matcher) skeletal(text string, words []word, buf []byte, i int, ev *evidence) (Match, int, bool) {
	if ev == nil || len(ev.ids) == 0 {
		return Match{}, 0, false
	}
	shaped := skelShaped(text, words[i])
	dotted := !shaped && i+1 < len(words) && interpunct(text[words[i].end:words[i+1].start])
	inner := -1 // a middle dot inside words[i]: tokenize keeps 瓦季姆·古谢夫 one word
	if !shaped && !dotted {
		if inner = dotIn(text[words[i].start:words[i].end]); inner < 0 {
			return Match{}, 0, false
		}
	}
	if !ev.built {
		m.build1(ev)
	}
	if len(ev.skel.full) == 0 && len(ev.skel.single) == 0 {
		return Match{}, 0, false
	}
	if dotted {
		mt, ok := m.skelHan(text[words[i].start:words[i].end], words[i].start, text[words[i+1].start:words[i+1].end], words[i+1].start, ev)
		return mt, i + 2, ok
	}
	if inner >= 0 {
		w := text[words[i].start:words[i].end]
		_, n := utf8.DecodeRuneInString(w[inner:])
		mt, ok := m.skelHan(w[:inner], words[i].start, w[inner+n:], words[i].start+inner+n, ev)
		return mt, i + 1, ok
	}
	var spelt strings.Builder
	plain, creole, loose := make([]byte, 0, 32), append(make([]byte, 0, 32), skelPrefix[1]...), append(make([]byte, 0, 32), skelPrefix[2]...)
	best, person, classes, single := -1, int32(-1), 0, false
	// parts counts the run's words apart by spaces but Abd, which Arabic
	// writes apart from the name it joins (عبد الرحمن), not the
	// syllables of a Tibetan word (པདྨ་དབྱངས): in a script without case a
	// run of more words than the tokens its key joins is words, not a
	// name split (ወዲ ኣብ ቤት, "the boy is at school", is no Wedi Habte).
	caseless, parts := caselessWord(text, words[i]), 0
	for k := i; k < len(words) && k < i+skelMaxWords; k++ {
		if k > i && (words[k].before != gapSpace && words[k].before != gapHyphen || lineApart(text[words[k-1].end:words[k].start])) {
			break
		}
		w := text[words[k].start:words[k].end]
		l := skelLatin(w)
		if k > i && k+1 < len(words) && skelArticles[l] {
			continue // Abd al-Rahman
		}
		if k > i && words[k].before != gapHyphen && !skelShaped(text, words[k]) && !lineBroken(text[words[k-1].end:words[k].start]) {
			break // but the lower-case rest of a hyphenated word (Dbyangs-can) or one broken at a line's end (Tes-⏎fay) goes on
		}
		if k > i {
			spelt.WriteByte(' ')
		}
		spelt.WriteString(skelSpelt(w, l))
		if (k == i || words[k].before == gapSpace) && l != "abd" && l != "bd" { // unidecode writes no ʿayn: عبد is bd
			parts++
		}
		// Each word keyed alone, so that no letter reads across a
		// space (the g of Jong before Un).
		plain = appendKey(plain, skelWord(l, false), readPlain)
		if len(plain) == classes {
			break // a word of no consonant of its own (Hung after Tran Van) proves nothing
		}
		classes = len(plain)
		creole = appendKey(creole, skelWord(l, true), readPlain)
		loose = appendKey(loose, skelWord(skelLatinLoose(w, l), false), readLoose)
		if k == i && len(ev.skel.single) > 0 && len(l) >= minFuzzy {
			if h, ok := ev.skel.single[string(appendKey(nil, l, readVowels))]; ok && h.latin != spelt.String() && capitalFirst(text, words[i:i+1]) {
				best, person, single = k, h.person, true
			}
		}
		if !ev.skel.hasPrefix(plain) && !ev.skel.hasPrefix(creole) && !ev.skel.hasPrefix(loose) {
			break // no key of the record's persons goes on so
		}
		// One word is a full name only in a caseless script, where a
		// name may be written without spaces (ခင်သီတာဝင်း). A run spelt
		// as registered is left to the registered forms' rules.
		if k > i || caseless {
			for _, key := range [...][]byte{plain, creole, loose} {
				if h, ok := ev.skel.full[string(key)]; ok && h.latin != spelt.String() && (!caseless || parts <= h.tokens) {
					best, person, single = k, h.person, false
					break
				}
			}
		}
	}
	if best < 0 || person < 0 || !rightBoundary(words, buf, best) {
		return Match{}, 0, false
	}
	if n := best + 1; n < len(words) && words[n].before == gapSpace && !lineApart(text[words[best].end:words[n].start]) {
		// A word on the next line is no part of the name's phrase (a
		// camp address opening the line after মাস্টার আইয়ুব).
		next := m.foldedWord(buf, words[n])
		if thingWords[next] || establishments[next] || skelThings[next] {
			return Match{}, 0, false // the Abu Salim prison
		}
		if single && skelShaped(text, words[n]) && !skelArticles[skelLatin(text[words[n].start:words[n].end])] {
			// A given name alone before a capitalised word is another
			// person's (Andriy Melnyk, Oksana Zabuzhko) or a full name
			// the rule above did not read.
			return Match{}, 0, false
		}
	}
	return Match{Start: words[i].start, End: words[best].end, PersonID: m.ids[person]}, best + 1, true
}

// lineApart reports whether gap, between two words, breaks the line
// without a hyphen: two lines' words (a street, then a name opening the
// next line) are no one name; Hos-⏎seini is.
func lineApart(gap string) bool {
	return strings.ContainsAny(gap, "\n\r\u0085\u2028") && !strings.ContainsAny(gap, "-\u2010\u2011")
}

// skelShaped reports whether w may be a word of a name for the skeleton
// rule: in a script it reads, capitalised where the script has case.
func skelShaped(text string, w word) bool {
	if c := text[w.start]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z' // the bulk of the calls, without tables
	}
	r, _ := utf8.DecodeRuneInString(text[w.start:w.end])
	return skelScript(r) && (caseless(r) || unicode.IsUpper(r))
}

// caselessWord reports whether w is a word of a script without case.
func caselessWord(text string, w word) bool {
	r, _ := utf8.DecodeRuneInString(text[w.start:w.end])
	return caseless(r)
}

// interpunct reports whether gap is the dot that joins the parts of a
// foreign name written in Han characters or kana (祖丽皮亚·阿不力孜).
func interpunct(gap string) bool {
	return gap == "·" || gap == "・" || gap == "‧" || gap == "•" || gap == "･"
}

// skelMaxHan bounds the characters of one part of a name in Han
// characters read by the skeleton rule.
const skelMaxHan = 6

// skelHan returns the mention of a person of ev in Han characters around
// an interpunct, left before it (at byte leftAt of the text) and right
// after it (at rightAt): the last characters of left and the first of
// right whose readings (unidecode: pinyin) key as a full name of the
// person's, the longest such, as Chinese writes Uyghur, Arabic or
// Western names (祖丽皮亚·阿不力孜 for Zulpiye Abliz).
func (m *Matcher) skelHan(left string, leftAt int, right string, rightAt int, ev *evidence) (Match, bool) {
	if !allHan(left) || !allHan(right) {
		return Match{}, false
	}
	lr, rr := []rune(left), []rune(right)
	best, start, end := int32(-1), 0, 0
	for a := max(0, len(lr)-skelMaxHan); a < len(lr)-1; a++ {
		lk := skelKey(skelLatin(string(lr[a:])), false)
		for b := 1; b <= min(len(rr), skelMaxHan); b++ {
			h, ok := ev.skel.full[string(appendKey([]byte(lk), skelLatin(string(rr[:b])), readPlain))]
			if ok && h.person >= 0 && (best < 0 || b+len(lr)-a > end-start) {
				best, start, end = h.person, a, len(lr)+b
			}
		}
	}
	if best < 0 {
		return Match{}, false
	}
	return Match{Start: leftAt + len(string(lr[:start])), End: rightAt + len(string(rr[:end-len(lr)])), PersonID: m.ids[best]}, true
}

// dotIn returns the byte offset of the first middle dot inside w that
// joins two Han characters or kana (wideDot), or -1.
func dotIn(w string) int {
	// Every middle dot is beyond ASCII: most words, ASCII, are one scan.
	for k := 0; k < len(w); {
		if w[k] < utf8.RuneSelf {
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[k:])
		if middleDots[r] && k > 0 && wideDot(w[:k], w[k:]) {
			return k
		}
		k += n
	}
	return -1
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
