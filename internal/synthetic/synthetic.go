// Package synthetic generates invented testimonies for benchmarks.
package synthetic

import (
	"fmt"
	"strings"

	"github.com/tvault/tvault/vault/testimony"
)

// Testimony returns invented testimony i: deterministic, about 4 KiB as JSON.
func Testimony(i int) *testimony.Testimony {
	sentence := fmt.Sprintf("In the winter of %d the inspection unit came to house %d and took my neighbour away; ", 1990+i%30, i)
	return &testimony.Testimony{
		Case:        fmt.Sprintf("BENCH-%06d", i),
		Title:       fmt.Sprintf("Benchmark testimony %d", i),
		Interview:   &testimony.Interview{Date: "2021-03-04", Place: "Seoul", Interviewer: "officer-bench", Language: "ko"},
		Witness:     testimony.Person{Key: fmt.Sprintf("BW-%06d", i), Name: fmt.Sprintf("Bench Witness%d", i), BirthYear: 1950 + i%50, Contact: "+82 10-0000-0000"},
		Persons:     []testimony.Person{{Key: fmt.Sprintf("BP-%06d", i), Name: fmt.Sprintf("Bench Person%d", i), Relation: "neighbour"}},
		Consent:     testimony.Consent{Research: i%4 != 0, Legal: true},
		Sensitivity: []string{"low", "medium", "high"}[i%3],
		Tags:        []string{"benchmark", "detention"},
		Narrative:   strings.Repeat(sentence, 3900/len(sentence)),
	}
}
