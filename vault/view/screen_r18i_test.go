package view

import (
	"testing"

	"github.com/tvault/tvault/vault/names"
)

// TestScreenClergyAndAddress: an audit purpose naming a registered family
// name with a clergy title or a plain term of address (review 13o:
// Chaplain Byeon follow-up, 변 할멈 network) or a plate after a German
// cue (Kennzeichen B-MK 4521 sighting) or a birth year after YOB or a
// noun of the year of birth, in words too, is screened; the title alone is
// kept.
func TestScreenClergyAndAddress(t *testing.T) {
	persons := []names.Person{{ID: "P-1", Name: "변수아"}, {ID: "P-2", Name: "염도윤"}}
	checkScreened(t, persons, []screenCase{
		{"Chaplain Byeon follow-up", true},
		{"변 할멈 network", true},
		{"염 영감 interview", true},
		{"chaplain rota review", false},
		{"Kennzeichen B-MK 4521 sighting", true},
		{"number plate KA-01-MG-2345 sighting", true},
		{"YOB 1994 cohort", true},
		{"birth year nineteen ninety-four cohort", true},
	})
}
