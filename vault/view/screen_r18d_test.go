package view

import (
	"fmt"
	"sync"
	"testing"

	"github.com/tvault/tvault/vault/names"
	"github.com/tvault/tvault/vault/redact"
)

// TestScreenWholeRegistry: an audit purpose or reason naming a registered
// person in another spelling is screened whoever the person is in a
// registry of more than 64 (review 13l Q2: the skeletons of full names
// were keyed for the first 64 persons by ID only), and an ordinary one
// that names nobody is kept.
func TestScreenWholeRegistry(t *testing.T) {
	persons := []names.Person{
		{ID: "P-q3", Name: "Zarghuna Ahmadzai", Aliases: []string{"Zari"}},
		{ID: "P-q6", Name: "Hodan Abdirahman Warsame", Aliases: []string{"Hodo"}},
		{ID: "P-q7", Name: "Esther Mapendo Mukendi", Aliases: []string{"Mapi"}},
		{ID: "P-q5", Name: "Rasha Khaled al-Hamwi", Aliases: []string{"Umm Yamen"}},
		{ID: "P-m3", Name: "陈美玲", Aliases: []string{"阿玲", "Chan Mei-ling"}},
		{ID: "P-x1", Name: "Oksana Bondarenko"},
		{ID: "P-x2", Name: "Mohammed Ibrahim Suleiman"},
	}
	// Persons whose IDs sort before those above, so that these are past
	// the first 64.
	for i := range 100 {
		persons = append(persons, names.Person{ID: fmt.Sprintf("P-0%03d", i), Name: fmt.Sprintf("Filler%c Person%c", 'a'+i%26, 'a'+i/26)})
	}
	m, err := names.NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, persons)
	for _, tt := range []struct {
		text   string
		person bool
	}{
		// Review 13l: hidden by the view, in clear in the audit log.
		{"Zarghona Ahmadzay follow-up", true},
		{"Hodan Abdurahman Warsama asked", true},
		{"Esthère Moukendi (nf)", true},
		{"Rascha Chalid al-Hamwi (fail)", true},
		{"Чень Мейлин follow-up", true},
		// Unseen spellings of the same kind.
		{"Oksanna Bondarenco interview", true},
		{"Mohamed Ibraheem Sulayman check", true},
		{"Zarghoona Ahmedzai asked", true},
		// Ordinary purposes.
		{"quarterly consent review", false},
		{"Human Rights Council submission", false},
		{"Hama city history", false},
	} {
		got := false
		for _, sp := range sc.Screen(tt.text) {
			got = got || sp.Kind == redact.KindPerson
		}
		if got != tt.person {
			t.Errorf("Screen(%q) names a person: %v, want %v", tt.text, got, tt.person)
		}
	}
}

// TestScreenConcurrent: screens run at once in a daemon, each on its own
// copy of the Screener's rendering state (go test -race).
func TestScreenConcurrent(t *testing.T) {
	persons := []names.Person{{ID: "P-1", Name: "Zarghuna Ahmadzai", Values: []string{"+93 79 456 1234", "Flat 2, 58 Kingsland High Street, London E8 2NS"}}}
	m, err := names.NewMatcher(persons)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScreener(m, persons)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range []string{"Zarghona Ahmadzay follow-up", "call +93 79 456 1234", "Kingsland H. St. 58 visit", "born in 1990"} {
				if len(sc.Screen(s)) == 0 {
					t.Errorf("Screen(%q): nothing", s)
				}
			}
		}()
	}
	wg.Wait()
}
