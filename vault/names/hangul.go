package names

import "strings"

// Korean writes particles and honorifics onto the word they follow: "Eunju
// was there" is 은주가 있었다, "to comrade Eunju" is 은주 동무에게. A Hangul
// name must still be found, so a mention may end inside a word when the
// rest of that word is an optional title, then an optional particle, then
// an optional second particle, from the lists below. Only whole suffixes
// made of these are taken, so 은주머니 (a silver pouch) is not 은주.
const (
	hangulTitles     = "씨 님 양 군 언니 오빠 누나 형 동무 동지 선생 선생님 여사 이"
	hangulParticles  = "이 가 은 는 을 를 의 에 에게 에게서 한테 한테서 께 께서 에서 와 과 랑 이랑 하고 도 만 로 으로 로서 으로서 부터 까지 처럼 보다 야 아 여 이여 이야 조차 마저 밖에 뿐 만큼 이며 며 이다 이었다 였다 입니다 이에요 예요 이라고 라고 이라는 라는 이란 란 네 들"
	hangulParticles2 = "은 는 이 가 을 를 의 도 만"

	// maxHangulSuffix is the most syllables a suffix has: a title and a
	// particle of three, and a second particle of one.
	maxHangulSuffix = 7
)

// isHangulSuffix reports whether s, one or more Hangul syllables, is a
// title, a particle and a second particle, each optional.
func isHangulSuffix(s []byte) bool {
	// Each syllable is three bytes of UTF-8.
	for i := 0; i <= len(s); i += 3 {
		if i > 0 && !inList(hangulTitles, s[:i]) {
			continue
		}
		for j := i; j <= len(s); j += 3 {
			if j > i && !inList(hangulParticles, s[i:j]) {
				continue
			}
			if j == len(s) || inList(hangulParticles2, s[j:]) {
				return true
			}
		}
	}
	return false
}

func inList(list string, s []byte) bool {
	for f := range strings.FieldsSeq(list) {
		if f == string(s) {
			return true
		}
	}
	return false
}

func isHangulSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// hangulWeight is the weight of s, which holds Hangul syllables only.
func hangulWeight(s []byte) int { return 2 * len(s) / 3 }
