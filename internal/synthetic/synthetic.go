// Package synthetic generates invented testimonies for benchmarks.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tvault/tvault/vault/testimony"
)

// Testimony returns invented testimony i: deterministic, about 4 KiB as
// JSON. Its narrative opens with a sentence that names house i and goes
// on with words drawn from a vocabulary of 4,000 invented words and 500 Korean ones,
// one in eight a Korean word with a particle, so that a search index
// holds as many distinct words per record as a real narrative would. Its
// interview date is one of about 3,000 days from 2015, and its third
// tag one of seven.
func Testimony(i int) *testimony.Testimony {
	var b strings.Builder
	fmt.Fprintf(&b, "In the winter of %d the inspection unit came to house %d and took my neighbour away. ", 1990+i%30, i)
	r := rand.New(rand.NewPCG(uint64(i), 0x7e57))
	for n := 0; b.Len() < 3900; n++ {
		if n%12 == 11 {
			b.WriteString(". ")
		} else if n > 0 {
			b.WriteByte(' ')
		}
		if n%8 == 7 {
			b.WriteString(koreanWord(r.IntN(500)))
		} else {
			b.WriteString(word(r.IntN(4000)))
		}
	}
	b.WriteByte('.')
	return &testimony.Testimony{
		Case:        fmt.Sprintf("BENCH-%06d", i),
		Title:       fmt.Sprintf("Benchmark testimony %d", i),
		Interview:   &testimony.Interview{Date: time.Date(2015, 1, 1+i%3000, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), Place: "Seoul", Interviewer: "officer-bench", Language: "ko"},
		Witness:     testimony.Person{Key: fmt.Sprintf("BW-%06d", i), Name: fmt.Sprintf("Bench Witness%d", i), BirthYear: 1950 + i%50, Contact: "+82 10-0000-0000"},
		Persons:     []testimony.Person{{Key: fmt.Sprintf("BP-%06d", i), Name: fmt.Sprintf("Bench Person%d", i), Relation: "neighbour"}},
		Consent:     testimony.Consent{Research: i%4 != 0, Legal: true},
		Sensitivity: []string{"low", "medium", "high"}[i%3],
		Tags:        []string{"benchmark", "detention", Topics[i%len(Topics)]},
		Narrative:   b.String(),
	}
}

// Topics are the third tags of the testimonies, in turn.
var Topics = []string{"forced-labour", "border-crossing", "famine", "prison-camp", "public-execution", "religion", "family-separation"}

// word returns invented word k: k in base 70 written as syllables of a
// consonant and a vowel, at least three, lower case, which no name list
// holds. Different k give different words.
func word(k int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for k += 70 * 70; k > 0; k /= 70 {
		b.WriteByte(cons[k%70/len(vows)])
		b.WriteByte(vows[k%70%len(vows)])
	}
	return b.String()
}

// koreanWord returns Korean word k: two Hangul syllables and a particle.
func koreanWord(k int) string {
	particles := []string{"에서", "을", "는", "이", "의", "으로", "에게", "도"}
	return string([]rune{rune(0xAC00 + (k*131)%11172), rune(0xAC00 + (k*577+29)%11172)}) + particles[k%len(particles)]
}
