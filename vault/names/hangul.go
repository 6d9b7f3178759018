package names

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Korean writes particles, honorifics and the copula onto the word they
// follow: "Eunju was there" is 은주가 있었다, "it was Minseo" 민서였어요,
// "to comrade Eunju" 은주 동무에게. A Hangul name must still be found, so a
// mention may end inside a word when the rest of that word is a suffix:
//
//	suffix = [title] (particle [particle2] | copula | chain)
//	copula = ["이"] ending | ("였" | "이었") past
//	chain  = ["이" | "였" | "이었"] chunk [chunk [chunk]] ["요"]
//
// from the lists below, or the name's last syllable takes the final
// consonant of a contracted copula (민선데 for 민서인데, 민섭니다 for
// 민서입니다). The chain is the rule for endings no list foresees: any
// sequence of up to three ending chunks (거든, 더라, 라니, 라며, 었, ...)
// after the copula, so 민수였거든요 (였 거든 요) and 철호더라 are the
// name. Titles include kinship words (다혜엄마가, "Dahye's mother").
// Only whole suffixes are taken, so 은주머니 (a silver pouch) is not 은주:
// 머 is no chunk. The lists are lenient about vowel harmony (은/는, 이/가, 였/이었
// all follow any name): a name followed by the wrong form is still the
// name, and a leak costs more than a misspelt particle.
const (
	hangulTitles = "씨 님 양 군 언니 오빠 누나 형 동무 동지 선생 선생님 여사 이 놈 " +
		"엄마 아빠 어머니 아버지 동생 남편 아내 딸 아들 할머니 할아버지 이모 고모 삼촌 아줌마 아저씨"
	// hangulParticles are case, topic and other particles; the vocatives
	// 아, 야, 여, 이여 among them, and the topic with the polite 요
	// (승우는요).
	hangulParticles = "이 가 은 는 을 를 의 에 에게 에게서 에게로 한테 한테서 께 께서 에서 와 과 랑 이랑 하고 도 만 로 으로 로서 으로서 부터 까지 처럼 보다 야 아 여 이여 조차 마저 밖에 뿐 만큼 야말로 이야말로 이나 나 이든 든 이라도 라도 더러 네 들 같이 대로 다운 답게 답다 답지 는요 은요 도요"
	// hangulParticles2 may follow a particle (에게는, 까지도, 네가).
	hangulParticles2 = "은 는 이 가 을 를 의 도 만 까지 라도 조차 마저 부터 처럼 에게 한테 에서"
	// hangulEndings follow the copula 이, which a name ending in a vowel
	// drops (민서다, 지훈이다); those that start with 인, 일 or 입 are the
	// copula merged with them.
	hangulEndings = "다 다고 다는 다며 다면 고 며 면 면서 지 지만 지요 죠 라 라서 라고 라는 라면 라도 란 래 래요 니까 니 냐 야 에요 예요 잖아 잖아요 든지 던 던데 네 네요 구나 군요 " +
		"인데 인데요 인데도 인가 인가요 인지 인지도 일까 일까요 입니다 입니까 인 일"
	// hangulPast follow the past copula 였 or 이었 (민서였어요, 지훈이었다).
	hangulPast = "다 다고 다는 고 을 는데 는데요 는데도 어 어요 지 지만 죠 으니까 으니 으면 을까 던 던데 습니다 습니까 잖아 잖아요 네 네요 구나 군요 기에 나 나요"
	// hangulContracted are what follows a name whose last syllable took
	// the final consonant of the copula: ㄴ (민선데), ㄹ (민설까), ㅂ
	// (민섭니다).
	hangulContractedN = "데 데요 데도 가 가요 지"
	hangulContractedL = "까 까요"
	hangulContractedB = "니다 니까"
	// hangulNamedParticles after 이 make a name of a word ending in a
	// consonant (하늘이가, 하늘이한테): the word itself takes 이 or 을
	// alone.
	hangulNamedParticles = "가 는 를 의 에게 에게서 한테 한테서 도 만 랑 하고 와 처럼 보다 까지 부터"
	// hangulChunks are the pieces of a chain: the pre-final endings
	// (선어말어미) and the final and connective endings (종결어미,
	// 연결어미) that follow the copula 이다 in the tables of
	// 표준국어대사전 and of a reference grammar (Sohn, The Korean
	// Language, ch. 8), as syllables: Korean strings them together after
	// the copula (였거든요, 이었더라면, 승우겠지, 민재이셨겠더라고요).
	// An ending that begins with a final consonant (ㄴ, ㄹ, ㅁ, ㅂ) takes
	// the syllable before it: after 이 it is in the list whole (인데,
	// 일까, 입니다, 임), after the honorific 시 too (신데, 실까, 십니다,
	// 심). Lone 가, 까 and 걸 are no chunks: 가요 ("songs") would be.
	hangulChunks = hangulPrefinal + " " + hangulFinal + " " + hangulConnective
	// hangulPrefinal: the honorific 시 and its contractions with 었, 어,
	// 어요 (셨, 셔, 세요) and ㄴ, ㄹ, ㅁ (신, 실, 심); the past 었/였, the
	// future or presumptive 겠.
	hangulPrefinal = "시 셨 셔 세 신 실 심 었 였 겠"
	// hangulFinal: the final endings of the six speech levels after the
	// copula (입니다, 이오, 이네, 이다, 이에요, 이야) and the exclamatory,
	// retrospective and reported ones (로구나, 더라, 래).
	hangulFinal = "다 라 냐 니 오 지 죠 네 군 구나 로구나 로군 로다 로고 도다 더라 더라고 더군 더래 거든 잖 잖아 " +
		"는데 데 는가 인가 신가 던가 을까 일까 실까 을걸 인걸 일걸 실걸 에 예 어 야 이야 래 대 " +
		"습니다 습니까 입니다 입니까 십니다 십니까 십시오 십시다 랍니다 랍니까 답니다 란다 단다"
	// hangulConnective: the connective endings, the adnominal and
	// nominal forms (인, 일, 던, 임, 음, 기) and the quotative ones
	// (이라고, 이라는, 이라며: 라 and a connective).
	hangulConnective = "고 고서 며 으며 면 으면 면서 으면서 지만 니까 으니까 으니 " +
		"라서 어서 여서 셔서 라도 어도 여도 셔도 어야 여야 셔야 야말로 " +
		"라고 다고 라는 다는 라며 다며 라면 다면 라니 다니 라구 란 " +
		"자 든 든지 든가 거나 거든 기에 기 임 음 인 일 던 던데 는지 인지 더니 더라면 므로 으므로 로되 나 이라 이래 랬"
	// hangulChainTails may follow a chain's last ending: the particles
	// that follow a final, nominalised or quoted form (입니다만,
	// 거든요, 이라고도, 이기는) and the polite 요.
	hangulChainTails = "요 만 은 는 도 요만"
	// hangulVocatives and the titles but 이 make a name that is also an
	// everyday word (see everydayHangul) a name.
	hangulVocatives = "아 야 여 이여"
	// hangulPersonal are particles that follow people, not things: "to",
	// "from", honorific "to" and subject, "telling", "'s household"
	// (보라한테서, 보라께서, 보라더러, 보라네 집). They, with any particle
	// after, and the past copula (보라였다니까: "it was Bora") make an
	// everyday word a name too.
	hangulPersonal = "한테 한테서 께 께서 더러 네"
	// hangulCompanions are "with" and "and" (보라랑, 보라하고): a name, but
	// for a word that takes 하다 (사랑하고, "loves and"; see
	// plainCompanion).
	hangulCompanions = "랑 이랑 하고"
	// hangulKin are the words for a relative or a companion that make an
	// everyday word before them with 의 a name (보라의 동생, "Bora's
	// sister").
	hangulKin = "동생 남편 아내 엄마 아빠 어머니 아버지 오빠 언니 형 누나 친구 딸 아들 할머니 할아버지 " +
		"이모 고모 삼촌 조카 손자 손녀 부모 부모님 가족 애인 남자친구 여자친구 선생님"
)

// hangulGrammar is the set of every suffix the lists make, and the length
// in syllables of the longest.
type hangulGrammar struct {
	suffixes map[string]suffixKind
	chunks   map[string]bool // hangulChunks
	tails    []string        // hangulChainTails
	named    map[string]bool // 이 and a particle of hangulNamedParticles (이가, 이랑)
	titles   []string        // hangulTitles
	kin      map[string]bool // hangulKin
	longest  int
}

// suffixKind says what a suffix starts with, for names that are everyday
// words: only a title, a vocative, a particle that follows people or the
// past copula makes them a name (하나야, 보라한테, not 하나도). Stronger
// kinds come later.
type suffixKind uint8

const (
	suffixPlain     suffixKind = iota + 1
	suffixNamed                // 이 and a particle: after a final consonant, the name's -이 (하늘이가)
	suffixCompanion            // starts with 랑, 이랑 or 하고: a name, but for a word that takes 하다
	suffixPersonal             // starts with a particle of hangulPersonal or the past copula
	suffixTitled               // starts with a title other than 이, or is a vocative
)

// maxChain bounds a chain: the stem, four chunks and a tail, in
// syllables.
const maxChain = 12

var grammar = sync.OnceValue(func() *hangulGrammar {
	g := &hangulGrammar{suffixes: map[string]suffixKind{}, chunks: map[string]bool{}}
	add := func(s string, k suffixKind) {
		if s == "" {
			return
		}
		if old := g.suffixes[s]; old < k {
			g.suffixes[s] = k
		}
		g.longest = max(g.longest, utf8.RuneCountInString(s))
	}
	fields := strings.Fields
	var bodies, named []string
	// kinds holds the bodies stronger than plain after no title.
	kinds := map[string]suffixKind{}
	particleKinds := map[string]suffixKind{}
	for _, p := range fields(hangulCompanions) {
		particleKinds[p] = suffixCompanion
	}
	for _, p := range fields(hangulPersonal) {
		particleKinds[p] = suffixPersonal
	}
	for _, p := range fields(hangulParticles) {
		bodies = append(bodies, p)
		kinds[p] = max(kinds[p], particleKinds[p])
		for _, q := range fields(hangulParticles2) {
			bodies = append(bodies, p+q)
			kinds[p+q] = max(kinds[p+q], particleKinds[p])
		}
	}
	for _, e := range fields(hangulEndings) {
		bodies = append(bodies, e)
		if r, _ := utf8.DecodeRuneInString(e); r != '인' && r != '일' && r != '입' {
			bodies = append(bodies, "이"+e)
		}
	}
	for _, e := range fields(hangulPast) {
		bodies = append(bodies, "였"+e, "이었"+e)
		kinds["였"+e], kinds["이었"+e] = suffixPersonal, suffixPersonal
	}
	// 하늘이가: "the sky" takes 이 or 은 alone, so 이 with a particle
	// after it is the hypocoristic -이 of a name ending in a consonant.
	for _, p := range fields(hangulNamedParticles) {
		named = append(named, "이"+p)
		for _, q := range fields(hangulParticles2) {
			named = append(named, "이"+p+q)
		}
	}
	vocative := map[string]bool{}
	for _, v := range fields(hangulVocatives) {
		vocative[v] = true
	}
	titles := append([]string{""}, fields(hangulTitles)...)
	for _, t := range titles {
		k := suffixPlain
		if t != "" && t != "이" {
			k = suffixTitled
		}
		add(t, k)
		for _, b := range bodies {
			bk := k
			switch {
			case t == "" && vocative[b]:
				bk = suffixTitled
			case t == "":
				bk = max(bk, kinds[b])
			}
			add(t+b, bk)
		}
	}
	g.named = map[string]bool{}
	for _, b := range named {
		g.named[b] = true
		if g.suffixes[b] == suffixPlain {
			g.suffixes[b] = suffixNamed
		}
	}
	for c := range strings.FieldsSeq(hangulChunks) {
		g.chunks[c] = true
	}
	g.tails = strings.Fields(hangulChainTails)
	for t := range strings.FieldsSeq(hangulTitles) {
		g.titles = append(g.titles, t)
	}
	g.kin = map[string]bool{}
	for w := range strings.FieldsSeq(hangulKin) {
		g.kin[w] = true
	}
	g.longest = max(g.longest, maxChain)
	return g
})

// hangulSuffix reports whether s, one or more Hangul syllables, is a
// suffix of the grammar, and what kind.
func hangulSuffix(s []byte) (suffixKind, bool) {
	g := grammar()
	if k, ok := g.suffixes[string(s)]; ok {
		return k, true
	}
	if len(s) > 3*maxChain || !allHangul(s) {
		return 0, false
	}
	// A chain, after an optional title.
	for _, t := range g.titles {
		if len(s) > len(t) && string(s[:len(t)]) == t {
			if k, ok := g.chain(s[len(t):]); ok {
				if t != "이" {
					k = suffixTitled
				}
				return k, true
			}
		}
	}
	return g.chain(s)
}

// chain reports whether s is a chain: an optional copula stem, one to
// four chunks and an optional tail (hangulChainTails); it is personal
// after the past copula (보라였다니까) and with the honorific 시, which
// only a person takes (보라이십니다).
func (g *hangulGrammar) chain(s []byte) (suffixKind, bool) {
	str := string(s)
	for _, body := range g.untailed(str) {
		for _, stem := range []string{"", "이"} {
			if rest, ok := strings.CutPrefix(body, stem); ok && rest != "" && g.chunked(rest, 4) {
				if personalChain(rest) {
					return suffixPersonal, true
				}
				return suffixPlain, true
			}
		}
	}
	return 0, false
}

// untailed returns s and s without a tail of hangulChainTails.
func (g *hangulGrammar) untailed(s string) []string {
	out := []string{s}
	for _, t := range g.tails {
		if body, ok := strings.CutSuffix(s, t); ok && body != "" {
			out = append(out, body)
		}
	}
	return out
}

// personalChain reports whether a chain's chunks after the copula's 이
// start with the past copula (였, 었) or the honorific 시 or one of its
// contractions.
func personalChain(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if strings.HasPrefix(rest, "시에") {
		return false // 수정시에: "when correcting", 시 a noun
	}
	switch r {
	case '였', '었', '시', '셨', '셔', '세', '신', '실', '심', '십':
		return true
	}
	return false
}

// kinWord reports whether s, a folded word, is a word of hangulKin,
// maybe with a suffix (동생이, 남편한테).
func kinWord(s []byte) bool {
	g := grammar()
	for n := len(s); n > 0; {
		_, size := utf8.DecodeLastRune(s[:n])
		if g.kin[string(s[:n])] {
			if n == len(s) {
				return true
			}
			_, ok := hangulSuffix(s[n:])
			return ok
		}
		n -= size
	}
	return false
}

// chunked reports whether s splits into at most n chunks. s is at most
// maxChain syllables and n at most three, so the search is bounded.
func (g *hangulGrammar) chunked(s string, n int) bool {
	if s == "" {
		return true
	}
	if n == 0 {
		return false
	}
	for i := 3; i <= len(s); i += 3 {
		if g.chunks[s[:i]] && g.chunked(s[i:], n-1) {
			return true
		}
	}
	return false
}

// Final consonants (jongseong) of a contracted copula, as offsets in a
// precomposed syllable: ㄴ, ㄹ, ㅂ.
const (
	jongN = 4
	jongL = 8
	jongB = 17
)

// contracted reports whether syllable r is a syllable without a final
// consonant that took ㄴ, ㄹ or ㅂ of a contracted copula, and rest (the
// syllables after r) a tail that goes with it; it returns the syllable
// without that consonant.
func contracted(r rune, rest []byte) (rune, bool) {
	if !isHangulSyllable(r) {
		return 0, false
	}
	jong := (r - 0xAC00) % 28
	var tails map[string]bool
	switch jong {
	case jongN:
		tails = contractedN
	case jongL:
		tails = contractedL
	case jongB:
		tails = contractedB
	default:
		return 0, false
	}
	if tails[string(rest)] {
		return r - jong, true
	}
	return 0, false
}

// contractedN, contractedL and contractedB are the tails of
// hangulContractedN, L and B as sets: contracted is asked of most
// Hangul words.
var contractedN, contractedL, contractedB = wordSet(hangulContractedN), wordSet(hangulContractedL), wordSet(hangulContractedB)

func allHangul(s []byte) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if !isHangulSyllable(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// hasFinal reports whether r is a Hangul syllable with a final consonant.
func hasFinal(r rune) bool { return isHangulSyllable(r) && (r-0xAC00)%28 != 0 }

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

func isHangulSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// hangulAt reports whether a Hangul syllable starts at s[i], read from
// its three bytes without decoding (TestHangulAt): the runes of Korean
// text, which tokenize and collapsible pass over.
func hangulAt(s string, i int) bool {
	if i+2 >= len(s) || s[i] < 0xEA || s[i] > 0xED || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
		return false
	}
	return isHangulSyllable(rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F))
}

// hangulWeight is the weight of s, which holds Hangul syllables only.
func hangulWeight(s []byte) int { return 2 * len(s) / 3 }

// compoundSurnames are the Korean family names of two syllables.
var compoundSurnames = map[string]bool{
	"남궁": true, "황보": true, "제갈": true, "선우": true, "독고": true, "사공": true,
	"서문": true, "동방": true, "어금": true, "망절": true, "공손": true,
}

// splitHangulName splits a Korean name written as one word of two to four
// syllables (박민서) into family and given name: the family name is the
// first syllable, or the first two when they are a compound family name
// and one or two syllables follow (남궁현, 남궁민수). It reports false for
// any other word.
func splitHangulName(s string) (family, given string, ok bool) {
	n := 0
	for _, r := range s {
		if !isHangulSyllable(r) {
			return "", "", false
		}
		n++
	}
	if n < 2 || n > 4 {
		return "", "", false
	}
	if n >= 3 && compoundSurnames[s[:6]] {
		return s[:6], s[6:], true
	}
	return s[:3], s[3:], true
}

// everydayHangul are Korean given names that are also everyday words
// (하나 "one", 보라 "purple", 바다 "sea"): alone, or followed by a particle
// (하나도 "not one"), they are the word; only the family name, a title, a
// vocative, a particle that follows people, the past copula or 의 before a
// relative makes them a name (이하나, 하나 씨, 하나야, 보라한테, 보라였다,
// 보라의 동생). Sino-Korean nouns that are given names too are in it
// where the noun is the likelier reading (수영 "swimming", 정원
// "garden", 은하 "galaxy", 지원 "support": 지원이 필요했다); other
// common names (지수, 유리) are not, though they are words too: there a
// leak would cost more than the word.
var everydayHangul = map[string]bool{}

// plainCompanion are the everyday words after which 하고 or 랑 is no
// sign of a person: nouns that take 하다 (사랑하고 "loves and", 수정하고
// "corrects and") and the numeral 하나 (사과 하나랑 배, "an apple and a
// pear").
var plainCompanion = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq("하나 보라 바다 하늘 나라 슬기 다운 이슬 가을 겨울 여름 사랑 기쁨 누리 나래 " +
		"단비 아라 가람 그루 다솜 마루 미르 보람 소리 한결 한별 별 빛 솔 샘 봄 " +
		"아름 초롱 새롬 노을 구슬 나비 다비 믿음 소망 온누리 한울 하람 우리 자유 평화 진주 옥 은 금 " +
		"수정 영원 지혜 미소 보배 고운 예쁜 사과 민들레 장미 국화 " +
		"미래 희망 은혜 행복 소원 태양 새벽 아침 구름 바람 천사 보석 정의 진실 용기 기적 축복 영광 승리 샛별 한빛 은빛 금빛 " +
		"수영 정원 민주 진리 은하 혜성 동해 지원") {
		everydayHangul[w] = true
	}
	for w := range strings.FieldsSeq("하나 사랑 행복 축복 희망 소망 소원 승리 수정 정의 진실 영원 미소 자유 기적 평화 용기 믿음") {
		plainCompanion[w] = true
	}
}

// singleForm reports whether a Hangul given name of one syllable, stem,
// followed by suffix (of kind) in words[j], is written as a person is,
// not as the dozen words such a syllable also is (철 "iron", 현
// "string"): after a final consonant with the name's -이 and a particle
// (철이가, 현이는), the vocative (철아, 철이야), or -이 alone before a title
// or a word for a relative (철이 형이) or at the end of a clause (a
// tag "철이", "broker 현이", "철이, 현이"); after a vowel with the vocative
// or a particle that follows people (수야, 수한테). 철이 들었다, 철도 and
// 철을 stay.
func singleForm(words []word, buf []byte, j int, stem, suffix []byte, kind suffixKind) bool {
	sfx := string(suffix)
	if !hasFinal(lastRune(stem)) {
		return sfx == "야" || kind >= suffixPersonal && kind != suffixTitled
	}
	switch {
	case grammar().named[sfx], sfx == "아", sfx == "이야", sfx == "이여":
		return true
	case sfx == "이":
		return clauseI(words, buf, j)
	case sfx == "이네":
		return householdNext(words, buf, j)
	}
	return false
}

// householdNext reports whether the word after words[j], written apart,
// is a word for a household: with it a name's -이네 is the person's
// household (별이네 집에), not an exclamation (별이네, "a star!").
func householdNext(words []word, buf []byte, j int) bool {
	if j+1 >= len(words) || words[j+1].before != gapSpace {
		return false
	}
	w := string(buf[words[j+1].fstart:words[j+1].fend])
	return strings.HasPrefix(w, "집") || strings.HasPrefix(w, "식구") || strings.HasPrefix(w, "가족")
}

// clauseI reports whether a name's -이 alone in words[j] (철이, 수정이)
// is where a person is named, not a subject particle: before a title or
// a word for a relative (철이 형이), at the end of a clause (a tag
// "수정이", a relation "조카 이슬이", "철이, 현이") or before a Latin
// word, where no Korean predicate follows (an audit purpose "별이
// follow-up").
func clauseI(words []word, buf []byte, j int) bool {
	return j+1 == len(words) || words[j+1].before == gapHard || hangulTitleNext(words, buf, j) || hangulKinNext(words, buf, j) || latinNext(words, buf, j)
}

// lastSyllableNick returns the nickname of a Hangul given name of two
// syllables whose last ends in a consonant: that syllable, as the name's
// -이 makes it (별이 for 은별, 훈이 for 지훈), found by the rules of a
// given name of one syllable (singleForm: 별이가, 별아, a tag "별이";
// 별이 빛났다 and 그 별은 stay), where the record names the person.
func lastSyllableNick(person int32, given []token) (rawVariant, bool) {
	if len(given) != 1 || len(given[0].words) != 1 {
		return rawVariant{}, false
	}
	g := given[0].words[0]
	if utf8.RuneCountInString(g) != 2 || !allHangul([]byte(g)) || !hasFinal(lastRune([]byte(g))) {
		return rawVariant{}, false
	}
	_, size := utf8.DecodeRuneInString(g)
	v := newRaw(person, rankGiven, []token{{words: []string{g[size:]}, weight: 2}})
	v.single, v.everyday, v.evidence = true, false, true
	return v, true
}

// nimNouns are the nouns an everyday word makes with the honorific 님
// (표준국어대사전): 하나님 "God", 해님 "the sun", 달님, 별님. There 님 is
// no title: 하나님께 기도했어요 ("I prayed to God") names no 하나.
var nimNouns = wordSet("하나님 해님 햇님 달님 별님")

// nimNoun reports whether stem and the suffix after it start with a word
// of nimNouns.
func nimNoun(stem, suffix []byte) bool {
	return len(suffix) >= len("님") && string(suffix[:len("님")]) == "님" && nimNouns[string(stem)+"님"]
}

// nounObjects maps everyday given names that are abstract nouns to the
// verbs that take the noun as their object in the examples of
// 표준국어대사전 (은혜를 갚다 "repay a favour", 은혜를 입다, 지혜를
// 모으다, 소원을 빌다, 용기를 내다), as the starts of their inflected
// forms; every one of them takes 위해, 위한, 위하여 ("for the sake of":
// 미래를 위해 공부했어요). Verbs a person is the object of as well
// (잃다 "lose", 찾다 "look for", 주다 "give") are not in it.
var nounObjects = func() map[string][]string {
	purpose := []string{"위해", "위한", "위하여"}
	m := map[string][]string{}
	for _, e := range []struct{ nouns, verbs string }{
		{"미래 평화 자유 행복 정의 진실 승리 영광 진리 민주", ""},
		{"은혜", "갚 입었 입어 입은 입고 입을 베풀 받았 받은 받고 받아"},
		{"지혜", "모으 모아 모았 발휘 짜내 짜냈 빌려 빌리"},
		{"희망 소망 믿음", "가지 가졌 가져 품었 품고 품은 걸었 걸고 버리지"},
		{"소원", "빌었 빌고 빌어 빌며 이루 이뤄 이뤘 들어주"},
		{"용기", "내어 내서 내고 냈 내었 얻었 얻어"},
		{"사랑 축복 기쁨", "받았 받은 받고 받아 나누 나눠 느끼 느꼈 느껴 빌었 빌어"},
	} {
		for n := range strings.FieldsSeq(e.nouns) {
			m[n] = append(strings.Fields(e.verbs), purpose...)
		}
	}
	return m
}()

// nounReading reports whether the one-word mention ws, an everyday given
// name without a title, reads as the noun even where the record names
// the person: after a genitive written apart (하나님의 은혜로, "by the
// grace of God"; 부모의 사랑을), or with 을 or 를 before a verb that takes
// the noun as its object (은혜를 갚겠다고, nounObjects). Names with the
// subject particle, the vocative, the copula or 를 before any other verb
// (은혜를 데리고, "took Eunhye along") stay the person.
func nounReading(text string, ws []word) bool {
	if len(ws) != 1 {
		return false
	}
	w := ws[0]
	if before, ok := strings.CutSuffix(text[:w.start], "의 "); ok && before != "" {
		if r, _ := utf8.DecodeLastRuneInString(before); isHangulSyllable(r) {
			return true
		}
	}
	stem, ok := strings.CutSuffix(text[w.start:w.end], "를")
	if !ok {
		stem, ok = strings.CutSuffix(text[w.start:w.end], "을")
	}
	if !ok {
		return false
	}
	rest, ok := strings.CutPrefix(text[w.end:], " ")
	if !ok {
		return false
	}
	for _, v := range nounObjects[stem] {
		if strings.HasPrefix(rest, v) {
			return true
		}
	}
	return false
}

// southSpelling returns a Hangul family name registered as the North
// writes it in the South's spelling, by the initial-sound rule: ㄹ before
// ㅣ or a y-vowel becomes ㅇ (리 이, 림 임, 류 유), before any other
// vowel ㄴ (라 나, 로 노); ㄴ before ㅣ or a y-vowel becomes ㅇ (녀 여).
// ok is false where the rule changes nothing.
func southSpelling(family string) (south string, ok bool) {
	r, n := utf8.DecodeRuneInString(family)
	if !isHangulSyllable(r) {
		return "", false
	}
	const lieul, nieun, ieung = 5, 2, 11
	s := r - 0xAC00
	lead, vowel, tail := s/(21*28), s/28%21, s%28
	// ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ
	iy := vowel == 2 || vowel == 3 || vowel == 6 || vowel == 7 || vowel == 12 || vowel == 17 || vowel == 20
	switch {
	case lead == lieul && iy, lead == nieun && iy:
		lead = ieung
	case lead == lieul:
		lead = nieun
	default:
		return "", false
	}
	return string(0xAC00+(lead*21+vowel)*28+tail) + family[n:], true
}

// southVariants returns the South's spelling of a Hangul name whose
// family name the North writes otherwise (리명호: 이명호), with the
// rules of a Hangul name, as a guessed spelling: one registered for
// another person wins. Its family name joins the person's for
// withFamily (이 명호), not the title rule's, where 이 is "this".
func (m *Matcher) southVariants(person int32, family, given []token) []rawVariant {
	if len(family) != 1 || len(family[0].words) != 1 || !allHangul([]byte(family[0].words[0])) {
		return nil
	}
	f, ok := southSpelling(family[0].words[0])
	if !ok {
		return nil
	}
	if !slices.Contains(m.families[person], f) {
		m.families[person] = append(m.families[person], f)
	}
	return []rawVariant{newRaw(person, rankRomanised, []token{{words: []string{f}, weight: family[0].weight}}, given)}
}

// liaisonLeads maps a Hangul final consonant (its index in a syllable) to
// the same consonant as an initial: ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅈ ㅊ ㅋ ㅌ ㅍ.
var liaisonLeads = map[rune]rune{1: 0, 4: 2, 8: 5, 16: 6, 17: 7, 19: 9, 22: 12, 23: 14, 24: 15, 25: 16, 26: 17}

// liaisonNick returns a Hangul given name of two syllables with -이
// written as it is pronounced, its final consonant carried over (서여니
// for 서연이, 은벼리 for 은별이), as chats write it: found as an
// everyday Hangul name is, where the record names the person.
func liaisonNick(person int32, given []token) (rawVariant, bool) {
	if len(given) != 1 || len(given[0].words) != 1 {
		return rawVariant{}, false
	}
	g := []rune(given[0].words[0])
	if len(g) != 2 || !allHangul([]byte(given[0].words[0])) {
		return rawVariant{}, false
	}
	s := g[1] - 0xAC00
	lead, ok := liaisonLeads[s%28]
	if !ok {
		return rawVariant{}, false
	}
	const i = 20 // ㅣ
	form := string([]rune{g[0], g[1] - s%28, 0xAC00 + (lead*21+i)*28})
	v := newRaw(person, rankGiven, []token{{words: []string{form}, weight: 6}})
	v.everyday, v.evidence = true, true
	return v, true
}

// copulaOnsets are the forms the copula 이다 takes at the start of what
// follows a name ending in a vowel, which drops its 이: the past 였 (or
// 이었, as the grammar's lists allow after any name), the archaic 옵 and
// 올 (옵니다, 올시다), the honorific's past 셨 and the polite 에요; no
// noun begins with them, so any ending may follow. After a final
// consonant the copula keeps its 이, and any ending may follow too.
var copulaOnsets = strings.Fields("였 이었 옵 올 셨 에요")

// shortOnsets are the copula's other onsets after a vowel: the
// connective 여 (여서), 라 and 래 (라서, 래서), the conditional 면, 고, 니,
// the polite 요 and 예, 야 and the concessive 건 (준호건 누구건). Nouns
// begin with them too (고등학교, 요법, 면사무소), so they take a short
// ending only: at most maxShortOnset syllables in all.
var shortOnsets = strings.Fields("여 라 래 면 고 니 요 예 야 건")

// maxShortOnset bounds a suffix that starts with one of shortOnsets, in
// syllables: 래서요, 니까요, 건만.
const maxShortOnset = 3

// afterNouns are the Sino-Korean nouns written onto the noun they follow
// that begin with 이 (이후 "after", 이전 "before", 이상 "above", 이하, 이내
// "within", 이외 "except": 광복이후에); no ending of the copula begins
// with them.
var afterNouns = strings.Fields("이후 이전 이상 이하 이내 이외")

// copulaOnset reports whether suffix, the Hangul rest of a word after
// stem, is the copula with an ending the grammar's lists do not hold
// (준호였으나, 유진이었을지도, 한소율이옵니다), and what kind: endings are
// open-ended, so the copula's onset decides, not the ending. It holds for
// a stem of two syllables or more that is not an everyday word
// (everydayHangul): a full name or a given name. After a final consonant
// the suffix is 이 and at least one syllable more (이 alone is the
// subject particle), but for a noun of afterNouns, or 였 (태준였으나:
// lenient, as the lists are). An everyday word takes the past copula
// alone (보라였으나), which makes it a name as the lists' past copula
// does (보라였다).
func copulaOnset(stem, suffix []byte) (suffixKind, bool) {
	if utf8.RuneCount(stem) < 2 {
		return 0, false
	}
	s := string(suffix)
	if everydayHangul[string(stem)] {
		if strings.HasPrefix(s, "였") || strings.HasPrefix(s, "이었") {
			return suffixPersonal, true
		}
		return 0, false
	}
	if hasFinal(lastRune(stem)) {
		for _, n := range afterNouns {
			if strings.HasPrefix(s, n) {
				return 0, false
			}
		}
		return suffixPlain, len(s) > len("이") && strings.HasPrefix(s, "이") || strings.HasPrefix(s, "였")
	}
	for _, o := range copulaOnsets {
		if strings.HasPrefix(s, o) {
			return suffixPlain, true
		}
	}
	if utf8.RuneCountInString(s) <= maxShortOnset {
		for _, o := range shortOnsets {
			if strings.HasPrefix(s, o) {
				return suffixPlain, true
			}
		}
	}
	return 0, false
}
