package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
)

// registryNarrative mentions persons that the tests of the registry
// cache register, edit, merge and erase one at a time.
const registryNarrative = "Kim Eunju spoke first. Later Choi Suvin came, then Gyeong-ok, then Lee Hana and Han Mirae."

// researcherView returns the researcher view of record id, as JSON.
func researcherView(t *testing.T, v *Vault, researcher context.Context, id string) string {
	t.Helper()
	rec, err := v.GetView(researcher, v.refs("study").of(id), policy.ViewResearcher, "study")
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// registryVault returns an engine holding one record, id, whose
// witness is W-1 (Kim Eunju) and whose narrative is registryNarrative,
// and the context of a researcher granted the domain "study".
func registryVault(t *testing.T) (v *Vault, researcher context.Context, id string) {
	t.Helper()
	v, _ = newEngine(t, Options{})
	witness := doc(tperson("W-1", "Kim Eunju"))
	witness.Narrative = registryNarrative
	ids, _, err := v.Put(ctx, []*testimony.Testimony{witness})
	if err != nil {
		t.Fatal(err)
	}
	return v, asResearcher(t, v, "study"), ids[0]
}

func pseudonymOfKey(t *testing.T, v *Vault, key string) string {
	t.Helper()
	p, err := v.PersonByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	return v.pseudonymizer("study").Of(p.ID)
}

// TestRegistryCacheFollowsWrites checks, for every operation that
// changes persons, that a researcher view rendered after it hides the
// names it added, under the pseudonym it gave them, and no longer hides
// the names of a person it removed, all without reading the registry
// again.
func TestRegistryCacheFollowsWrites(t *testing.T) {
	v, researcher, id := registryVault(t)
	first := researcherView(t, v, researcher, id)
	for _, s := range []string{"Choi Suvin", "Gyeong-ok", "Lee Hana", "Han Mirae"} {
		if !strings.Contains(first, s) {
			t.Fatalf("view before any change lacks %q, which no one registered: %s", s, first)
		}
	}
	loaded := fmt.Sprintf("%p", v.reg.persons)
	var eraseID string
	steps := []struct {
		name   string
		change func(t *testing.T)
		hidden []string // names the view must no longer show
		shown  []string // names it must show again
		as     string   // key whose pseudonym must appear
		gone   string   // pseudonym that must not
	}{
		{name: "put registers", change: func(t *testing.T) {
			if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("W-2", "Choi Suvin"))}); err != nil {
				t.Fatal(err)
			}
		}, hidden: []string{"Choi Suvin"}, as: "W-2"},
		{name: "put learns an alias", change: func(t *testing.T) {
			if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("W-2", "Han Mirae"))}); err != nil {
				t.Fatal(err)
			}
		}, hidden: []string{"Han Mirae"}, as: "W-2"},
		{name: "edit adds an alias", change: func(t *testing.T) {
			if _, err := v.EditPerson(ctx, "W-1", &testimony.Person{Name: "Kim Eunju", Aliases: []string{"Gyeong-ok"}}); err != nil {
				t.Fatal(err)
			}
		}, hidden: []string{"Gyeong-ok"}, as: "W-1"},
		{name: "put registers another", change: func(t *testing.T) {
			ids, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("W-3", "Lee Hana"))})
			if err != nil {
				t.Fatal(err)
			}
			eraseID = ids[0]
		}, hidden: []string{"Lee Hana"}, as: "W-3"},
		{name: "merge", change: func(t *testing.T) {
			if _, err := v.MergePersons(ctx, "W-2", "W-1"); err != nil {
				t.Fatal(err)
			}
		}, hidden: []string{"Choi Suvin", "Han Mirae"}, as: "W-1"},
	}
	var mergedAway string
	for _, st := range steps {
		if st.name == "merge" {
			mergedAway = pseudonymOfKey(t, v, "W-2")
			st.gone = mergedAway
		}
		st.change(t)
		got := researcherView(t, v, researcher, id)
		for _, s := range st.hidden {
			if strings.Contains(got, s) {
				t.Errorf("%s: the view shows %q: %s", st.name, s, got)
			}
		}
		if p := pseudonymOfKey(t, v, st.as); !strings.Contains(got, p) {
			t.Errorf("%s: the view lacks the pseudonym of %s (%s): %s", st.name, st.as, p, got)
		}
		if st.gone != "" && strings.Contains(got, st.gone) {
			t.Errorf("%s: the view still uses the pseudonym %s: %s", st.name, st.gone, got)
		}
	}
	// Erasing the record of W-3, whom no other record names, erases the
	// person: a mention of them is no longer a registered name.
	erased := pseudonymOfKey(t, v, "W-3")
	if _, err := v.Erase(ctx, eraseID, service.EraseOptions{Reason: "duplicate import"}); err != nil {
		t.Fatal(err)
	}
	got := researcherView(t, v, researcher, id)
	if !strings.Contains(got, "Lee Hana") || strings.Contains(got, erased) {
		t.Errorf("after erasing W-3, the view = %s; want Lee Hana in clear and no %s", got, erased)
	}
	if now := fmt.Sprintf("%p", v.reg.persons); now != loaded {
		t.Errorf("the registry was read again (%s, then %s): want it patched", loaded, now)
	}
}

// failPrefix fails the Set of the first key with prefix in a transaction.
type failPrefix struct {
	store.Store
	prefix string
}

type failPrefixTx struct {
	store.Tx
	prefix string
}

func (f failPrefix) Update(ctx context.Context, fn func(store.Tx) error) error {
	return f.Store.Update(ctx, func(tx store.Tx) error { return fn(failPrefixTx{tx, f.prefix}) })
}

func (f failPrefixTx) Set(k, v []byte) error {
	if bytes.HasPrefix(k, []byte(f.prefix)) {
		return errors.New("injected write failure")
	}
	return f.Tx.Set(k, v)
}

// TestRegistryCacheRevertsFailedWrites checks that a put that registered
// a person and then failed leaves the cache as the store is: the name it
// would have registered is not hidden.
func TestRegistryCacheRevertsFailedWrites(t *testing.T) {
	v, researcher, id := registryVault(t)
	researcherView(t, v, researcher, id) // loads the cache
	realAudit := v.audit
	v.audit = auditor{audit.NewBatcher(watchedStore{failPrefix{v.store, "rper/"}, v}, signerOf(t, v), nil), v}
	if _, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("W-2", "Choi Suvin"))}); err == nil {
		t.Fatal("Put succeeded through a failing store")
	}
	v.audit.Close()
	v.audit = realAudit
	if got := researcherView(t, v, researcher, id); !strings.Contains(got, "Choi Suvin") {
		t.Errorf("after a failed put, the view hides a name no one registered: %s", got)
	}
	if len(v.reg.staged) != 0 {
		t.Errorf("staged after the failed put: %v", v.reg.staged)
	}
}

// TestRegistryCacheDropped checks that closing the vault (sealing it)
// drops the cache, and that PersonsChanged makes the vault read again a
// registry another process changed.
func TestRegistryCacheDropped(t *testing.T) {
	v, researcher, id := registryVault(t)
	researcherView(t, v, researcher, id) // loads the cache
	// Another process registers Choi Suvin: here, a write that bypasses
	// the audit log's store, which no write of this vault does.
	err := v.store.Update(ctx, func(tx store.Tx) error {
		_, err := v.newPerson(tx, tperson("W-2", "Choi Suvin"), time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := researcherView(t, v, researcher, id); !strings.Contains(got, "Choi Suvin") {
		t.Fatalf("the cache saw a write of another process: %s", got)
	}
	v.PersonsChanged()
	if got := researcherView(t, v, researcher, id); strings.Contains(got, "Choi Suvin") {
		t.Errorf("after PersonsChanged, the view shows a registered name: %s", got)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if v.reg.persons != nil || v.reg.matcher != nil {
		t.Error("Close kept the registry cache")
	}
}

// TestRegistryCacheConcurrent renders researcher views while persons are
// registered and edited (run it with -race): each view rendered after a
// put returned hides the persons that put registered.
func TestRegistryCacheConcurrent(t *testing.T) {
	v, _ := newEngine(t, Options{})
	researcher := asResearcher(t, v, "study")
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("Choi Su%c%cn", 'a'+i, 'a'+i)
			d := doc(tperson(fmt.Sprintf("W-%d", i), name))
			d.Narrative = "Then " + name + " spoke."
			ids, _, err := v.Put(ctx, []*testimony.Testimony{d})
			if err != nil {
				errs <- err
				return
			}
			if _, err := v.EditPerson(ctx, fmt.Sprintf("W-%d", i), &testimony.Person{Name: name, Aliases: []string{fmt.Sprintf("Gyeong-o%c", 'a'+i)}}); err != nil {
				errs <- err
				return
			}
			rec, err := v.GetView(researcher, v.refs("study").of(ids[0]), policy.ViewResearcher, "study")
			if err != nil {
				errs <- err
				return
			}
			if strings.Contains(rec.Narrative, name) {
				errs <- fmt.Errorf("view shows %q: %s", name, rec.Narrative)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
