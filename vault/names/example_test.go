package names_test

import (
	"fmt"

	"github.com/tvault/tvault/vault/names"
)

func ExampleMatcher_Find() {
	m, err := names.NewMatcher([]names.Person{
		{ID: "W-0031", Name: "Kim Eunju", Aliases: []string{"Eun-ju"}},
		{ID: "W-0044", Name: "Choi Suvin", Aliases: []string{"Su-bin"}},
	})
	if err != nil {
		panic(err)
	}
	text := "SUVIN CHOI is the name on my ID card. Eun-ju and I were in the crowd; Suvin's hand was cold. The Kim dynasty survives on fear."
	for _, mt := range m.Find(text) {
		fmt.Printf("%d-%d %s %q\n", mt.Start, mt.End, mt.PersonID, text[mt.Start:mt.End])
	}
	// Output:
	// 0-10 W-0044 "SUVIN CHOI"
	// 38-44 W-0031 "Eun-ju"
	// 70-75 W-0044 "Suvin"
}
