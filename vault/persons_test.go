package vault

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"

	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/testimony"
)

func tperson(key, name string, aliases ...string) testimony.Person {
	return testimony.Person{Key: key, Name: name, Aliases: aliases}
}

func doc(witness testimony.Person, others ...testimony.Person) *testimony.Testimony {
	return &testimony.Testimony{Case: "C-1", Witness: witness, Persons: others,
		Consent: testimony.Consent{Research: true}, Narrative: "n"}
}

func TestRegistryOnePersonPerKey(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t) // t01: TW-0101 names TW-0102; t02: the reverse; t03: TW-0201
	ids, notes, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Fatalf("unexpected alias notes %+v", notes)
	}
	persons, err := v.Persons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range persons {
		keys = append(keys, p.Key)
	}
	if want := []string{"TW-0101", "TW-0102", "TW-0201"}; !slices.Equal(keys, want) {
		t.Fatalf("registered keys %v, want %v", keys, want)
	}
	// The witness of t01 is the person named in t02: one person, one
	// pseudonym, in both records.
	l1, err := v.recordPersons(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	l2, err := v.recordPersons(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if !l1[0].Witness || l1[0].PersonID != l2[1].PersonID || l1[1].PersonID != l2[0].PersonID {
		t.Fatalf("links do not cross: %+v %+v", l1, l2)
	}
	ps := v.pseudonymizer("")
	if ps.Of(l1[0].PersonID) != ps.Of(l2[1].PersonID) {
		t.Fatal("same witness key, different pseudonyms")
	}
	// Every person's pseudonym differs across domains and re-identifies.
	a, b := v.pseudonymizer("A"), v.pseudonymizer("B")
	for _, p := range persons {
		pd, pa, pb := ps.Of(p.ID), a.Of(p.ID), b.Of(p.ID)
		if pd == pa || pd == pb || pa == pb {
			t.Fatalf("person %s: pseudonyms %s %s %s not distinct across domains", p.Key, pd, pa, pb)
		}
		for domain, pseu := range map[string]string{"": pd, "A": pa, "B": pb} {
			got, err := v.Reidentify(ctx, pseu, domain, "test")
			if err != nil || got.ID != p.ID {
				t.Fatalf("Reidentify(%s, %q) = %+v, %v", pseu, domain, got, err)
			}
		}
		if _, err := v.Reidentify(ctx, pa, "", "test"); !errors.Is(err, service.ErrNoPerson) {
			t.Errorf("a domain-A pseudonym re-identified in the default domain: %v", err)
		}
	}
	typo := []byte(ps.Of(persons[0].ID))
	typo[3] = map[bool]byte{true: '1', false: '0'}[typo[3] == '0']
	if _, err := v.Reidentify(ctx, string(typo), "", "test"); !errors.Is(err, pseudonym.ErrCheck) {
		t.Errorf("Reidentify(typo) = %v, want the check-character error", err)
	}
}

func TestRegistryAliasesAndMerge(t *testing.T) {
	v, _ := newEngine(t, Options{})
	_, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori", "Sori"))})
	if err != nil {
		t.Fatal(err)
	}
	// The same key with another name: accepted as an alias, and reported.
	ids2, notes, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("k-1 ", "Han Soree"), tperson("K-2", "Han Sori Typo"))})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].Key != "k-1 " {
		t.Fatalf("alias notes %+v, want one for k-1", notes)
	}
	p, err := v.PersonByKey(ctx, "K-1")
	if err != nil || !slices.Contains(p.Aliases, "Han Soree") {
		t.Fatalf("PersonByKey = %+v, %v; want the new name as an alias", p, err)
	}
	// K-2 was a typo at intake for K-1: merge, and testimonies follow.
	kept, err := v.MergePersons(ctx, "K-2", "K-1")
	if err != nil || kept.ID != p.ID || !slices.Contains(kept.Aliases, "Han Sori Typo") {
		t.Fatalf("MergePersons = %+v, %v", kept, err)
	}
	links, err := v.recordPersons(ctx, ids2[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.PersonID != p.ID {
			t.Fatalf("link %+v does not follow the merge to %s", l, p.ID)
		}
	}
	if got, err := v.PersonByKey(ctx, "K-2"); err != nil || got.ID != p.ID {
		t.Fatalf("merged key resolves to %+v, %v", got, err)
	}
	persons, _ := v.Persons(ctx)
	if len(persons) != 1 {
		t.Fatalf("%d persons after the merge, want 1", len(persons))
	}
	if _, err := v.MergePersons(ctx, "K-2", "K-1"); err == nil {
		t.Fatal("merging a person into itself succeeded")
	}
	if _, err := v.MergePersons(ctx, "K-404", "K-1"); !errors.Is(err, service.ErrNoPerson) {
		t.Fatalf("merging an unknown key = %v", err)
	}
}

func TestPutRejectsUnusableNames(t *testing.T) {
	v, _ := newEngine(t, Options{})
	_, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Dr. Kim"))})
	var pe *testimony.ParseError
	if !errors.As(err, &pe) || pe.Field != "witness.name" {
		t.Fatalf("Put with an unusable name = %v", err)
	}
	if list, _ := v.List(ctx, ""); len(list) != 0 {
		t.Fatal("a rejected put stored something")
	}
}

// TestImportChangesArePlain: a known person's birth year, gender, contact
// or residence that a later testimony changes is never dropped silently:
// the registry takes the testimony's, the note names the fields (never
// the values), and a contact or residence replaced is kept as a past one,
// which views still hide where a testimony quotes it.
func TestImportChangesArePlain(t *testing.T) {
	v, _ := newEngine(t, Options{})
	first := doc(testimony.Person{Key: "K-1", Name: "Han Sori", BirthYear: 1980, Gender: "female",
		Contact: "KakaoTalk: bluecrane", Residence: "45 Gwanak-ro 12-gil"})
	// Another witness quotes them; views hide what the registry holds.
	quoting := doc(tperson("K-9", "Ryu Daeho"), tperson("K-1", "Han Sori"))
	quoting.Narrative = "She is bluecrane on KakaoTalk and sleeps at 45 Gwanak-ro 12-gil."
	ids, _, err := v.Put(ctx, []*testimony.Testimony{first, quoting})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		witness testimony.Person
		changed []string
	}{
		{"same again", testimony.Person{Key: "K-1", Name: "Han Sori", Contact: "KakaoTalk: bluecrane"}, nil},
		{"fields left out", testimony.Person{Key: "K-1", Name: "Han Sori"}, nil},
		{"new contact", testimony.Person{Key: "K-1", Name: "Han Sori", Contact: "KakaoTalk: greyheron"}, []string{"contact"}},
		{"everything", testimony.Person{Key: "k-1", Name: "Han Sori", BirthYear: 1981, Gender: "f",
			Contact: "KakaoTalk: redkite", Residence: "3 Mapo-ro 5-gil"}, []string{"birth_year", "gender", "contact", "residence"}},
	} {
		_, notes, err := v.Put(ctx, []*testimony.Testimony{doc(c.witness)})
		if err != nil {
			t.Fatal(err)
		}
		var changed []string
		if len(notes) == 1 {
			changed = notes[0].Changed
			if notes[0].Alias || notes[0].Key != c.witness.Key {
				t.Errorf("%s: note %+v", c.name, notes[0])
			}
		} else if len(notes) > 1 {
			t.Fatalf("%s: notes %+v", c.name, notes)
		}
		if !slices.Equal(changed, c.changed) {
			t.Errorf("%s: changed %v, want %v", c.name, changed, c.changed)
		}
	}
	p, err := v.PersonByKey(ctx, "K-1")
	if err != nil {
		t.Fatal(err)
	}
	if p.BirthYear != 1981 || p.Gender != "f" || p.Contact != "KakaoTalk: redkite" || p.Residence != "3 Mapo-ro 5-gil" ||
		!slices.Equal(p.PastContacts, []string{"KakaoTalk: bluecrane", "KakaoTalk: greyheron"}) ||
		!slices.Equal(p.PastResidences, []string{"45 Gwanak-ro 12-gil"}) {
		t.Errorf("registry after the imports: %+v", p)
	}
	view, err := v.GetView(ctx, ids[1], policy.ViewResearcher, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{"bluecrane", "Gwanak-ro 12-gil"} {
		if strings.Contains(view.Narrative, old) {
			t.Errorf("the researcher view shows %q, replaced in the registry: %s", old, view.Narrative)
		}
	}
}

func TestEditPerson(t *testing.T) {
	v, _ := newEngine(t, Options{})
	d := doc(testimony.Person{Key: "K-1", Name: "Han Sori", Aliases: []string{"Sorry"}, Contact: "KakaoTalk: bluecrane"},
		tperson("K-2", "Ryu Daeho"))
	quoting := doc(tperson("K-2", "Ryu Daeho"), tperson("K-1", "Han Sori"))
	quoting.Narrative = "I met Sorry; she is bluecrane on KakaoTalk."
	ids, _, err := v.Put(ctx, []*testimony.Testimony{d, quoting, doc(tperson("K-3", "Kim Ok"))})
	if err != nil {
		t.Fatal(err)
	}
	edited := &testimony.Person{Name: "Han Sori", Aliases: []string{"Sori"}, BirthYear: 1980,
		Contact: "KakaoTalk: redkite", Residence: "3 Mapo-ro 5-gil"}
	p, err := v.EditPerson(ctx, "k-1", edited)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Aliases, []string{"Sori"}) || p.BirthYear != 1980 || p.Contact != "KakaoTalk: redkite" ||
		p.Residence != "3 Mapo-ro 5-gil" || !slices.Equal(p.PastNames, []string{"Sorry"}) ||
		!slices.Equal(p.PastContacts, []string{"KakaoTalk: bluecrane"}) {
		t.Errorf("EditPerson = %+v", p)
	}
	e := lastEntry(t, v)
	text, _ := e.MarshalText()
	if e.Action != "person.edit" || e.Outcome != "ok" || !slices.Equal(e.Targets, []string{p.ID}) ||
		e.Attr("fields") != "names,birth_year,contact,residence" {
		t.Errorf("audit entry:\n%s", text)
	}
	for _, s := range []string{"Sori", "redkite", "bluecrane", "Mapo-ro", "K-1"} {
		if bytes.Contains(text, []byte(s)) {
			t.Errorf("the audit entry holds %q:\n%s", s, text)
		}
	}
	// Views still hide the alias and contact the edit removed.
	view, err := v.GetView(ctx, ids[1], policy.ViewResearcher, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(view.Narrative, "Sorry") || strings.Contains(view.Narrative, "bluecrane") {
		t.Errorf("the researcher view shows what the edit removed: %s", view.Narrative)
	}
	// An alias given back, by an import or an edit, is no longer past.
	again, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori", "Sorry"))})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = v.PersonByKey(ctx, "K-1"); err != nil || len(p.PastNames) != 0 || !slices.Equal(p.Aliases, []string{"Sori", "Sorry"}) {
		t.Errorf("an import giving an alias back: %+v, %v", p, err)
	}
	edited.Aliases = []string{"Sori"}
	if p, err = v.EditPerson(ctx, "K-1", edited); err != nil || !slices.Equal(p.PastNames, []string{"Sorry"}) {
		t.Errorf("EditPerson removing an alias again = %+v, %v", p, err)
	}
	edited.Aliases = []string{"Sori", "Sorry"}
	if p, err = v.EditPerson(ctx, "K-1", edited); err != nil || len(p.PastNames) != 0 {
		t.Errorf("EditPerson giving an alias back = %+v, %v", p, err)
	}
	if _, err = v.EditPerson(ctx, "K-1", edited); err != nil || lastEntry(t, v).Attr("fields") != "" {
		t.Errorf("an edit that changes nothing: %v, fields %q", err, lastEntry(t, v).Attr("fields"))
	}

	for _, c := range []struct {
		name string
		key  string
		f    testimony.Person
		want error
	}{
		{"empty name", "K-1", testimony.Person{Name: " "}, &testimony.ParseError{}},
		{"year", "K-1", testimony.Person{Name: "Han Sori", BirthYear: 1700}, &testimony.ParseError{}},
		{"unusable name", "K-1", testimony.Person{Name: "Dr. Kim"}, &testimony.ParseError{}},
		{"relation", "K-1", testimony.Person{Name: "Han Sori", Relation: "aunt"}, service.ErrInvalidArgument},
		{"other key", "K-1", testimony.Person{Key: "K-2", Name: "Han Sori"}, service.ErrInvalidArgument},
		{"unknown key", "K-404", testimony.Person{Name: "Han Sori"}, service.ErrNoPerson},
	} {
		_, err := v.EditPerson(ctx, c.key, &c.f)
		var pe *testimony.ParseError
		if _, parse := c.want.(*testimony.ParseError); parse && !errors.As(err, &pe) || !parse && !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if p, _ := v.PersonByKey(ctx, "K-1"); p.Name != "Han Sori" || p.Contact != "KakaoTalk: redkite" {
		t.Errorf("a refused edit changed the person: %+v", p)
	}

	// PersonByKey lists every record naming the person, as witness or not.
	for key, want := range map[string][]string{
		"K-1": slices.Sorted(slices.Values(append(ids[:2:2], again...))),
		"K-2": slices.Sorted(slices.Values(ids[:2])),
	} {
		if p, err := v.PersonByKey(ctx, key); err != nil || !slices.Equal(p.Records, want) {
			t.Errorf("%s's records %v, %v; want %v", key, p.Records, err, want)
		}
	}
}

// TestMergeKeepsContacts: the contact of a person merged into another
// stays hidden in views, as a past one of the person kept.
func TestMergeKeepsContacts(t *testing.T) {
	v, _ := newEngine(t, Options{})
	quoting := doc(tperson("K-9", "Ryu Daeho"), tperson("K-2", "Han Sori"))
	quoting.Narrative = "She is greyheron on KakaoTalk."
	ids, _, err := v.Put(ctx, []*testimony.Testimony{
		doc(testimony.Person{Key: "K-1", Name: "Han Sori", Contact: "KakaoTalk: bluecrane"}),
		doc(testimony.Person{Key: "K-2", Name: "Han Sori", Contact: "KakaoTalk: greyheron"}),
		quoting})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := v.MergePersons(ctx, "K-2", "K-1")
	if err != nil || kept.Contact != "KakaoTalk: bluecrane" || !slices.Equal(kept.PastContacts, []string{"KakaoTalk: greyheron"}) {
		t.Fatalf("MergePersons = %+v, %v", kept, err)
	}
	view, err := v.GetView(ctx, ids[2], policy.ViewResearcher, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(view.Narrative, "greyheron") {
		t.Errorf("the merged person's contact shows: %s", view.Narrative)
	}
}

// TestReplaceLearnsChangesOnly: a new version of an old testimony changes
// the registry only where it changes the testimony; an edit of its title
// does not put back the contact a later testimony replaced.
func TestReplaceLearnsChangesOnly(t *testing.T) {
	v, _ := newEngine(t, Options{})
	old := doc(testimony.Person{Key: "K-1", Name: "Han Sori", Contact: "KakaoTalk: bluecrane"})
	ids, _, err := v.Put(ctx, []*testimony.Testimony{old, doc(testimony.Person{Key: "K-1", Name: "Han Sori", Contact: "KakaoTalk: greyheron"})})
	if err != nil {
		t.Fatal(err)
	}
	retitled := *old
	retitled.Title = "Corrected title"
	if _, notes, err := v.Replace(ctx, ids[0], &retitled); err != nil || len(notes) != 0 {
		t.Fatalf("Replace of the title: notes %+v, %v", notes, err)
	}
	if p, _ := v.PersonByKey(ctx, "K-1"); p.Contact != "KakaoTalk: greyheron" {
		t.Errorf("an edit of an old testimony's title put back its contact: %+v", p)
	}
	recontact := retitled
	recontact.Witness.Contact = "KakaoTalk: redkite"
	_, notes, err := v.Replace(ctx, ids[0], &recontact)
	if err != nil || len(notes) != 1 || !slices.Equal(notes[0].Changed, []string{"contact"}) {
		t.Fatalf("Replace of the contact: notes %+v, %v", notes, err)
	}
	if p, _ := v.PersonByKey(ctx, "K-1"); p.Contact != "KakaoTalk: redkite" ||
		!slices.Equal(p.PastContacts, []string{"KakaoTalk: bluecrane", "KakaoTalk: greyheron"}) {
		t.Errorf("after the new contact: %+v", p)
	}
}
