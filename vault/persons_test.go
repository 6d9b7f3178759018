package vault

import (
	"errors"
	"slices"
	"testing"

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
