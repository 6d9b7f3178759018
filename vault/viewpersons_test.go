package vault

import (
	"errors"
	"testing"

	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// TestViewPersonsFromCache checks that a researcher view takes its
// persons from the registry cache (keySet.kept) only as the store
// resolves their keys, after each change of persons: a merge of a
// record's person and of its witness (the cache then defers to the
// store), and an erasure of a person whose key a later record registers
// again, whose views carry the new person's pseudonym, never the erased
// one's.
func TestViewPersonsFromCache(t *testing.T) {
	v, _ := newEngine(t, Options{})
	researcher := asResearcher(t, v, "study")
	ids, _, err := v.Put(ctx, []*testimony.Testimony{
		doc(tperson("W-1", "Kim Eunju"), tperson("P-1", "Choi Suvin")),
		doc(tperson("W-2", "Lee Hana")),
		doc(tperson("W-3", "Han Mirae")),
		doc(tperson("W-4", "Park Jiwoo")),
	})
	if err != nil {
		t.Fatal(err)
	}
	// stored returns the ID the store resolves key to.
	stored := func(key string) string {
		t.Helper()
		var id string
		err := v.store.View(ctx, func(tx store.ReadTx) (err error) {
			id, err = v.personIDByKey(tx, key)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	pz := v.pseudonymizer("study")
	// check views record id and wants its witness and persons under the
	// pseudonyms of the IDs the store has for keys, and the cache to
	// answer for the keys in cached (of persons not merged) and for no
	// other.
	check := func(step, id string, keys []string, cached ...string) {
		t.Helper()
		rec, err := v.GetView(researcher, v.refs("study").of(id), policy.ViewResearcher, "study")
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		got := []string{rec.Witness.Pseudonym}
		for _, p := range rec.Persons {
			got = append(got, p.Pseudonym)
		}
		for i, key := range keys {
			if want := pz.Of(stored(key)); i >= len(got) || got[i] != want {
				t.Errorf("%s: the view's pseudonyms are %v; want %s for %s", step, got, want, key)
			}
		}
		_, ks, err := v.names(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"W-1", "P-1", "W-2", "W-3", "W-4"} {
			want := ""
			for _, c := range cached {
				if c == key {
					want = stored(key)
				}
			}
			if got := ks.kept(key); got != want {
				t.Errorf("%s: the cache answers %q for %s; want %q", step, got, key, want)
			}
		}
	}
	check("registered", ids[0], []string{"W-1", "P-1"}, "W-1", "P-1", "W-2", "W-3", "W-4")
	if _, err := v.MergePersons(ctx, "P-1", "W-2"); err != nil {
		t.Fatal(err)
	}
	check("a person merged", ids[0], []string{"W-1", "P-1"}, "W-1", "W-2", "W-3", "W-4")
	if _, err := v.MergePersons(ctx, "W-1", "W-3"); err != nil {
		t.Fatal(err)
	}
	check("the witness merged", ids[0], []string{"W-1", "P-1"}, "W-2", "W-3", "W-4")
	erased := pz.Of(stored("W-4"))
	if _, err := v.Erase(ctx, ids[3], service.EraseOptions{Reason: "duplicate import"}); err != nil {
		t.Fatal(err)
	}
	check("a person erased", ids[0], []string{"W-1", "P-1"}, "W-2", "W-3")
	again, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("W-4", "Park Jiwoo"))})
	if err != nil {
		t.Fatal(err)
	}
	check("the key registered again", again[0], []string{"W-4"}, "W-2", "W-3", "W-4")
	rec, err := v.GetView(researcher, v.refs("study").of(again[0]), policy.ViewResearcher, "study")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Witness.Pseudonym == erased {
		t.Errorf("the view of the key registered again carries the erased person's pseudonym %s", erased)
	}
}

// TestKeySetKeptTwice checks that a key two cached persons have (which
// the blind index, one person a key, never holds) is left to the store.
func TestKeySetKeptTwice(t *testing.T) {
	a := regPersonOf(&person{ID: "a1", Key: "W-1", Name: "Kim Eunju"})
	b := regPersonOf(&person{ID: "b2", Key: "W-1", Name: "Lee Hana"})
	c := regPersonOf(&person{ID: "c3", Key: "W-2", Name: "Han Mirae"})
	reg := &registryCache{persons: map[string]*regPerson{"a1": a, "b2": b, "c3": c}}
	reg.mu.Lock()
	err := reg.build()
	reg.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"W-1": "", "W-2": "c3", " w-2": "c3", "W-3": ""} {
		if got := reg.keys.kept(key); got != want {
			t.Errorf("kept(%q) = %q, want %q", key, got, want)
		}
	}
	if !reg.keys.in("named W-1 here") {
		t.Error("in does not find a key two persons have")
	}
}

// TestViewConsentAtOnce checks that the withdrawals a view keeps
// (withdrawnCache) and the grant it reads with the record follow every
// change at once: a withdrawal of research consent hides the witness's
// record from the next view, a grant shows it again, a merge into a
// person who withdrew hides the records of the person merged, and a
// revoked domain is denied.
func TestViewConsentAtOnce(t *testing.T) {
	v, _ := newEngine(t, Options{})
	researcher := asResearcher(t, v, "study")
	ids, _, err := v.Put(ctx, []*testimony.Testimony{
		doc(tperson("W-1", "Kim Eunju")),
		doc(tperson("W-2", "Lee Hana")),
	})
	if err != nil {
		t.Fatal(err)
	}
	view := func(id string) error {
		_, err := v.GetView(researcher, v.refs("study").of(id), policy.ViewResearcher, "study")
		return err
	}
	steps := []struct {
		name   string
		change func() error
		shown  []bool // for ids[0], ids[1]
	}{
		{"before any change", func() error { return nil }, []bool{true, true}},
		{"W-2 withdraws", func() error {
			_, err := v.WithdrawConsent(ctx, "W-2", policy.ConsentResearch, "the witness asked")
			return err
		}, []bool{true, false}},
		{"W-2 grants again", func() error {
			_, err := v.GrantConsent(ctx, "W-2", policy.ConsentResearch, "the witness came back")
			return err
		}, []bool{true, true}},
		{"W-2 withdraws again", func() error {
			_, err := v.WithdrawConsent(ctx, "W-2", policy.ConsentResearch, "the witness asked")
			return err
		}, []bool{true, false}},
		{"W-1 merged into W-2", func() error {
			_, err := v.MergePersons(ctx, "W-1", "W-2")
			return err
		}, []bool{false, false}},
	}
	for _, st := range steps {
		if err := st.change(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for i, id := range ids {
			err := view(id)
			switch {
			case st.shown[i] && err != nil:
				t.Errorf("%s: view of record %d: %v", st.name, i, err)
			case !st.shown[i] && !errors.Is(err, service.ErrNotFound):
				t.Errorf("%s: view of record %d = %v, want not found", st.name, i, err)
			}
		}
	}
	if _, err := v.GrantConsent(ctx, "W-2", policy.ConsentResearch, "the witness came back"); err != nil {
		t.Fatal(err)
	}
	if err := view(ids[0]); err != nil {
		t.Fatalf("after the grant: %v", err)
	}
	if err := v.RevokeDomain(ctx, "study", researcherName); err != nil {
		t.Fatal(err)
	}
	var denied *service.DeniedError
	if err := view(ids[0]); !errors.As(err, &denied) {
		t.Errorf("after the domain was revoked, the view = %v, want a denial", err)
	}
}
