package vault

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/memstore"
	"github.com/tvault/tvault/vault/testimony"
)

// searchDocs are three testimonies that the criteria of a search tell
// apart: A and B name TW-9001, C does not; only C lacks an interview date and
// research consent.
func searchDocs() []*testimony.Testimony {
	return []*testimony.Testimony{
		{Case: "TV-2019-001", Title: "Market", Interview: &testimony.Interview{Date: "2019-03-02"},
			Witness: tperson("TW-9001", "Kim Eunju"), Persons: []testimony.Person{tperson("TP-9002", "Ri Sunok")},
			Consent: testimony.Consent{Research: true}, Sensitivity: "high", Tags: []string{"Detention", "forced labour"},
			Narrative: "At the Hyesan market the guards took us. 나는 평양에서 살았다."},
		{Case: "TV-2020-002", Title: "Crossing", Interview: &testimony.Interview{Date: "2020-05-01"},
			Witness: tperson("TW-9002", "Jang Minho"), Persons: []testimony.Person{tperson("TW-9001", "Kim Eunju")},
			Consent: testimony.Consent{Research: true}, Sensitivity: "low", Tags: []string{"detention"},
			Narrative: "We reached the SEOUL office in May. 국경을 넘었다."},
		{Case: "TV-2021-003", Witness: tperson("TW-9003", "Choi Youngsoo"),
			Sensitivity: "low", Tags: []string{"famine"},
			Narrative: "The famine of 1996 emptied the village."},
	}
}

// TestSearch finds each testimony by every criterion, alone and together,
// and refuses what is not a query.
func TestSearch(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, searchDocs())
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := ids[0], ids[1], ids[2]
	tests := []struct {
		name string
		q    service.SearchQuery
		want []string
	}{
		{"witness or other person", service.SearchQuery{Person: "TW-9001"}, []string{a, b}},
		{"person key as typed", service.SearchQuery{Person: " tw-9002"}, []string{b}},
		{"tag in another case", service.SearchQuery{Tag: "DETENTION"}, []string{a, b}},
		{"tag of two words", service.SearchQuery{Tag: " Forced  Labour"}, []string{a}},
		{"a tag is whole", service.SearchQuery{Tag: "forced"}, nil},
		{"word", service.SearchQuery{Text: "seoul"}, []string{b}},
		{"full-width word", service.SearchQuery{Text: "Ｓｅｏｕｌ"}, []string{b}},
		{"words all occur", service.SearchQuery{Text: "market seoul"}, nil},
		{"words in any order", service.SearchQuery{Text: "guards, hyesan"}, []string{a}},
		{"title word", service.SearchQuery{Text: "crossing"}, []string{b}},
		{"Hangul stem", service.SearchQuery{Text: "평양"}, []string{a}},
		{"Hangul word with its particle", service.SearchQuery{Text: "평양에서"}, []string{a}},
		{"Hangul stem of a verb", service.SearchQuery{Text: "국경"}, []string{b}},
		{"a Latin word is whole", service.SearchQuery{Text: "sea"}, nil},
		{"number", service.SearchQuery{Text: "1996"}, []string{c}},
		{"case", service.SearchQuery{Case: "tv-2019-001"}, []string{a}},
		{"sensitivity", service.SearchQuery{Sensitivity: "low"}, []string{b, c}},
		{"dates", service.SearchQuery{From: "2019-01-01", To: "2019-12-31"}, []string{a}},
		{"from only", service.SearchQuery{From: "2019-03-03"}, []string{b}},
		{"to only, inclusive", service.SearchQuery{To: "2019-03-02"}, []string{a}},
		{"tag and sensitivity", service.SearchQuery{Tag: "detention", Sensitivity: "low"}, []string{b}},
		{"person and word", service.SearchQuery{Person: "TW-9001", Text: "market"}, []string{a}},
		{"no consent, yet an officer's", service.SearchQuery{Tag: "famine"}, []string{c}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := v.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if gotIDs := summaryIDs(got); !sameIDs(gotIDs, tt.want) || !slices.IsSortedFunc(got, compareSummaries) {
				t.Errorf("found %q, want %q", gotIDs, tt.want)
			}
		})
	}

	for _, q := range []service.SearchQuery{
		{}, {Sensitivity: "secret"}, {From: "2019-13-01"}, {To: "yesterday"},
		{From: "2020-01-01", To: "2019-01-01"}, {Text: "!!! ..."}, {Tag: "  "},
		{Text: "seoul\xff"}, {Person: strings.Repeat("W", audit.MaxValueSize+1)},
	} {
		if _, err := v.Search(ctx, q); !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("%+v: %v, want ErrInvalidArgument", q, err)
		}
	}
	if _, err := v.Search(ctx, service.SearchQuery{Person: "TW-9404"}); !errors.Is(err, service.ErrNoPerson) {
		t.Errorf("unknown person: %v, want ErrNoPerson", err)
	}
}

// sameIDs reports whether a and b hold the same IDs: records stored by
// one put are ordered by ID, not as the put named them.
func sameIDs(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

func summaryIDs(list []service.Summary) []string {
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestSearchFollowsChanges: a new version replaces a record's terms, and
// a merged person's testimonies are found by the key kept.
func TestSearchFollowsChanges(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := searchDocs()
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	find := func(q service.SearchQuery) []string {
		t.Helper()
		got, err := v.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return summaryIDs(got)
	}
	second := *docs[0]
	second.Narrative, second.Tags = "Corrected: the guards came at dawn.", []string{"arrest"}
	if _, _, err := v.Replace(ctx, ids[0], &second); err != nil {
		t.Fatal(err)
	}
	for _, q := range []service.SearchQuery{{Text: "평양"}, {Text: "hyesan"}, {Tag: "forced labour"}} {
		if got := find(q); len(got) != 0 {
			t.Errorf("%+v: found %q in the replaced version", q, got)
		}
	}
	for _, q := range []service.SearchQuery{{Text: "dawn"}, {Tag: "arrest"}} {
		if got := find(q); !slices.Equal(got, ids[:1]) {
			t.Errorf("%+v: found %q, want the new version %s", q, got, ids[0])
		}
	}

	if _, err := v.MergePersons(ctx, "TW-9003", "TW-9001"); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"TW-9001", "TW-9003"} {
		if got := find(service.SearchQuery{Person: key}); !sameIDs(got, ids) {
			t.Errorf("person %s after the merge: found %q, want %q", key, got, ids)
		}
	}
	// A testimony stored after the merge links the person kept.
	later, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("TW-9003", "Choi Youngsoo"))})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(service.SearchQuery{Person: "TW-9003"}); !sameIDs(got, append(ids, later...)) {
		t.Errorf("after a later put: found %q", got)
	}

	// Erasing the latest version indexes the one before it again; erasing
	// the record removes its entry.
	if _, err := v.Erase(ctx, ids[0], service.EraseOptions{Version: 2, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	if got := find(service.SearchQuery{Text: "dawn"}); len(got) != 0 {
		t.Errorf("found %q by a word of the erased version", got)
	}
	if got := find(service.SearchQuery{Text: "hyesan"}); !slices.Equal(got, ids[:1]) {
		t.Errorf("found %q by a word of the version left, want %s", got, ids[0])
	}
	if _, err := v.Erase(ctx, ids[0], service.EraseOptions{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	if got := find(service.SearchQuery{Text: "hyesan"}); len(got) != 0 {
		t.Errorf("found the erased record: %q", got)
	}
}

// TestSearchAudit: the entry of a search names the records found and holds
// its terms only as keyed MACs of their normalised forms; the roles that
// read no content are denied.
func TestSearchAudit(t *testing.T) {
	v, _ := newEngine(t, Options{})
	ids, _, err := v.Put(ctx, searchDocs())
	if err != nil {
		t.Fatal(err)
	}
	q := service.SearchQuery{Person: "tw-9001", Tag: "Detention", Text: "Market 평양", Case: "TV-2019-001", Sensitivity: "high", From: "2019-01-01"}
	if got, err := v.Search(ctx, q); err != nil || len(got) != 1 {
		t.Fatalf("search: %v, %v", got, err)
	}
	// Keys are MACed as normalised, person keys as the registry does.
	e := lastEntry(t, v)
	if e.Action != "search" || e.Outcome != audit.OutcomeOK || !slices.Equal(e.Targets, ids[:1]) {
		t.Fatalf("entry %+v", e)
	}
	for key, want := range map[string]string{
		"person": v.auditMAC("TW-9001"), "tag": v.auditMAC("detention"), "text": v.auditMAC("market 평양"),
		"case": v.auditMAC("tv-2019-001"), "sensitivity": "high", "from": "2019-01-01", "count": "1",
	} {
		if got := e.Attr(key); got != want {
			t.Errorf("attribute %s = %q, want %q", key, got, want)
		}
	}
	text, _ := e.MarshalText()
	for _, term := range []string{"tw-9001", "detention", "market", "평양", "tv-2019"} {
		if bytes.Contains(bytes.ToLower(text), []byte(term)) {
			t.Errorf("the entry holds %q in clear: %s", term, text)
		}
	}
	for _, role := range []string{policy.Researcher, policy.Auditor, policy.Admin, policy.Legal} {
		if _, err := v.Search(as(role), service.SearchQuery{Text: "market"}); !errors.Is(err, service.ErrDenied) {
			t.Errorf("%s: %v, want ErrDenied", role, err)
		}
	}
	// A policy stored before search existed grants it to no one through
	// tvaultd; whoever holds the passphrase searches locally, as they
	// could decrypt every record.
	p := policy.Default()
	officer := p.Roles[policy.Officer]
	officer.Operations = slices.DeleteFunc(slices.Clone(officer.Operations), func(op string) bool { return op == "search" })
	p.Roles[policy.Officer] = officer
	if err := v.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Search(as(policy.Officer), service.SearchQuery{Text: "market"}); !errors.Is(err, service.ErrDenied) {
		t.Errorf("officer through tvaultd without the operation: %v, want ErrDenied", err)
	}
	if _, err := v.Search(ctx, service.SearchQuery{Text: "market"}); err != nil {
		t.Errorf("local operator: %v", err)
	}
}

// TestSearchBuild: a vault made before the search index refuses to search
// until Open builds it, once, in one audited write; then every record is
// found, those stored before the index too.
func TestSearchBuild(t *testing.T) {
	v := newBareEngine(t) // no search/version, as an older tvault left it
	ids, _, err := v.Put(ctx, searchDocs())
	if err != nil {
		t.Fatal(err)
	}
	// The older tvault wrote no search entry.
	if err := v.store.Update(ctx, func(tx store.Tx) error {
		return tx.Scan([]byte(searchPrefix), func(key, _ []byte) error { return tx.Delete(key) })
	}); err != nil {
		t.Fatal(err)
	}
	q := service.SearchQuery{Tag: "detention"}
	if _, err := v.Search(ctx, q); err == nil || !strings.Contains(err.Error(), "search index is not built") {
		t.Fatalf("search before the build: %v", err)
	}
	if e := lastEntry(t, v); e.Action != "search" || e.Outcome != audit.OutcomeError {
		t.Fatalf("the refused search was recorded as %+v", e)
	}
	if err := v.buildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if e := lastEntry(t, v); e.Action != "search.build" || e.Attr("count") != "3" {
		t.Fatalf("the build was recorded as %+v", e)
	}
	got, err := v.Search(ctx, q)
	if err != nil || !sameIDs(summaryIDs(got), ids[:2]) {
		t.Fatalf("after the build: %v, %v", summaryIDs(got), err)
	}
	if err := v.buildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if n := builds(t, v); n != 1 {
		t.Fatalf("%d builds recorded, want 1", n)
	}
}

// TestOpenBuildsSearch: Open indexes a vault directory that holds records
// and no search index, as an older tvault left it, and then finds them.
func TestOpenBuildsSearch(t *testing.T) {
	v, dir := newTestVault(t, Options{})
	ids, _, err := v.Put(ctx, searchDocs())
	if err != nil {
		t.Fatal(err)
	}
	root, id := v.secrets().LineageRoot(), v.secrets().VaultID
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	state, err := StateDir()
	if err != nil {
		t.Fatal(err)
	}
	// The index's keys gone, as an older tvault that never wrote them
	// left the vault: kept in the record of the tables, as the vault's own
	// writes are, since its log does not say so.
	withRawIn(t, dir, root, tablesFile(id, state), func(raw, _ store.Store) {
		err := raw.Update(ctx, func(tx store.Tx) error {
			if err := tx.Delete(searchVersionKey); err != nil {
				return err
			}
			return tx.Scan([]byte(searchPrefix), func(key, _ []byte) error { return tx.Delete(key) })
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	got, err := v.Search(ctx, service.SearchQuery{Person: "TW-9001"})
	if err != nil || !sameIDs(summaryIDs(got), ids[:2]) {
		t.Fatalf("after Open: %v, %v", summaryIDs(got), err)
	}
	if n := builds(t, v); n != 1 {
		t.Fatalf("%d builds recorded, want 1", n)
	}
}

// builds counts the search.build entries of v's log.
func builds(t *testing.T, v *Vault) int {
	t.Helper()
	n := 0
	if err := v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error {
		if e.Action == "search.build" {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSearchNoPlaintextAtRest: after searches by person, tag and words, the
// vault directory holds none of the search terms nor a sentinel word of
// the narrative, open or closed.
func TestSearchNoPlaintextAtRest(t *testing.T) {
	t.Parallel()
	v, dir := newTestVault(t, Options{})
	docs := searchDocs()
	docs[0].Narrative += " Quetzalcoatlsentinel."
	docs[0].Tags = append(docs[0].Tags, "tagsentinel")
	if _, _, err := v.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	terms := []string{"Quetzalcoatlsentinel", "tagsentinel", "Hyesan", "평양", "TP-9002", "TV-2019-001"}
	for _, q := range []service.SearchQuery{
		{Text: "quetzalcoatlsentinel"}, {Tag: "tagsentinel"}, {Person: "TP-9002"}, {Text: "평양"}, {Case: "TV-2019-001"}, {Text: "hyesan"},
	} {
		if got, err := v.Search(ctx, q); err != nil || len(got) != 1 {
			t.Fatalf("%+v: %v, %v", q, summaryIDs(got), err)
		}
	}
	grepTree(t, dir, terms)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	grepTree(t, dir, terms)
}

// TestSearchIndexContradicted: a record that the search index lists and
// whose index entry is gone (deleted under the seal, by someone who can
// write the store) is an integrity error naming the record, never a
// missing one (issue 12: damage is an error, never an absence).
func TestSearchIndexContradicted(t *testing.T) {
	raw := memstore.New()
	v, _ := newEngineOn(t, raw, Options{})
	ids, _, err := v.Put(ctx, []*testimony.Testimony{doc(tperson("K-1", "Han Sori"))})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := v.Search(ctx, service.SearchQuery{Person: "K-1"}); err != nil || len(got) != 1 {
		t.Fatalf("search before: %v, %v", got, err)
	}
	if err := raw.Update(ctx, func(tx store.Tx) error { return tx.Delete(indexKey(ids[0])) }); err != nil {
		t.Fatal(err)
	}
	_, err = v.Search(ctx, service.SearchQuery{Person: "K-1"})
	var ie *service.IntegrityError
	if !errors.As(err, &ie) || ie.ID != ids[0] || errors.Is(err, service.ErrNotFound) {
		t.Errorf("search after the index entry went: %v, want an integrity error naming %s", err, ids[0])
	}
}
