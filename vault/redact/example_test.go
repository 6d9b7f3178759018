package redact_test

import (
	"fmt"

	"github.com/tvault/tvault/vault/redact"
)

func ExampleApply() {
	text := "I am Kim Eunju, born on 2 February 1980 at Onsong Girls' Middle School; call +82 10-4821-7730."
	// Person spans come from package vault/names; here, one by hand.
	person := []redact.Span{{Start: 5, End: 14, Kind: redact.KindPerson, Replacement: "[W-7Q2K]"}}
	fmt.Println(redact.Apply(text,
		redact.Recognise(text),
		redact.Phrases(text, []string{"onsong girls’ middle school"}),
		person))
	// Output: I am [W-7Q2K], born on 1980 at [REDACTED]; call [PHONE].
}

func ExampleRecognise() {
	text := "My resident registration number was 930517-1234567 and my phone is 010 2231 8870."
	for _, s := range redact.Recognise(text) {
		fmt.Printf("%q %s %s\n", text[s.Start:s.End], s.Kind, s.Replacement)
	}
	// Output:
	// "930517-1234567" national-id [NATIONAL-ID]
	// "010 2231 8870" phone [PHONE]
}
