package vault

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/tvault/tvault/internal/synthetic"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

// TestListRecordsPages checks that pages of ListRecords, each after the
// last record of the one before, make up List exactly, for officers and
// for a researcher in a domain, whatever the page's size and however
// many passes over the index a page takes; and that a cursor naming a
// record the actor could not list is refused alike.
func TestListRecordsPages(t *testing.T) {
	v, _ := newEngine(t, Options{})
	defer v.Close()
	var docs []*testimony.Testimony
	for i := range 30 {
		docs = append(docs, synthetic.Testimony(i))
	}
	// Three puts, for records of different times as well as of one.
	var ids []string
	for _, part := range [][]*testimony.Testimony{docs[:10], docs[10:11], docs[11:]} {
		got, _, err := v.Put(ctx, part)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got...)
	}
	researcher := asResearcher(t, v, "study")
	defer func(n int) { listPass = n }(listPass)
	for _, c := range []struct {
		name   string
		actor  context.Context
		domain string
		want   int
	}{
		{"officer", ctx, "", 30},
		{"officer in a domain", ctx, "study", 30},
		{"researcher", researcher, "study", 22}, // synthetic: no research consent for every 4th
	} {
		all, err := v.List(c.actor, c.domain)
		if err != nil || len(all) != c.want {
			t.Fatalf("%s: List = %d records, %v", c.name, len(all), err)
		}
		for _, pass := range []int{3, 8192} {
			listPass = pass
			for _, limit := range []int{1, 4, 7, 100} {
				var got []service.Summary
				after := ""
				for page := 0; ; page++ {
					var n int
					err := v.ListRecords(c.actor, service.ListOptions{Domain: c.domain, After: after, Limit: limit}, func(s service.Summary) error {
						got = append(got, s)
						n++
						return nil
					})
					if err != nil {
						t.Fatalf("%s: page %d of %d after %q: %v", c.name, page, limit, after, err)
					}
					if n < limit {
						break
					}
					after = got[len(got)-1].ID
				}
				if !slices.Equal(got, all) {
					t.Errorf("%s: pages of %d (passes of %d) = %d records, not List's %d in its order", c.name, limit, pass, len(got), len(all))
				}
			}
			var got []service.Summary
			err := v.ListRecords(c.actor, service.ListOptions{Domain: c.domain}, func(s service.Summary) error {
				got = append(got, s)
				return nil
			})
			if err != nil || !slices.Equal(got, all) {
				t.Errorf("%s: ListRecords without a limit, passes of %d = %d records, %v", c.name, pass, len(got), err)
			}
		}
	}

	// Cursors that name no record the actor could list.
	if _, err := v.Erase(ctx, ids[5], service.EraseOptions{Reason: "duplicate import"}); err != nil {
		t.Fatal(err)
	}
	noConsent := v.refs("study").of(ids[4]) // synthetic 4: no research consent
	for _, c := range []struct {
		name  string
		actor context.Context
		o     service.ListOptions
	}{
		{"erased record", ctx, service.ListOptions{After: ids[5]}},
		{"not an ID", ctx, service.ListOptions{After: "R-" + ids[1]}},
		{"ID in a domain", researcher, service.ListOptions{Domain: "study", After: ids[1]}},
		{"no consent", researcher, service.ListOptions{Domain: "study", After: noConsent}},
		{"negative limit", ctx, service.ListOptions{Limit: -1}},
	} {
		err := v.ListRecords(c.actor, c.o, func(service.Summary) error {
			t.Errorf("%s: a record listed", c.name)
			return nil
		})
		if !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("%s: ListRecords = %v, want an invalid argument", c.name, err)
		}
	}
}

// TestPage checks that a page selects the first max summaries after its
// cursor, in order, from summaries added in any order (times that tie
// included), counts those after the cursor, and never holds more than max.
func TestPage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	all := make([]service.Summary, 500)
	for i := range all {
		all[i] = service.Summary{ID: fmt.Sprintf("%026d", r.IntN(1e9)), Created: base.Add(time.Duration(r.IntN(50)) * time.Second)}
	}
	sorted := slices.SortedFunc(slices.Values(all), compareSummaries)
	for _, size := range []int{1, 2, 7, 100, 499, 500, 1000} {
		for _, from := range []int{-1, 0, 250, 498, 499} {
			p := page{max: size}
			want := sorted
			if from >= 0 {
				p.after = &sorted[from]
				want = sorted[from+1:]
			}
			seen := len(want)
			want = want[:min(len(want), size)]
			for _, i := range r.Perm(len(all)) {
				p.add(all[i])
				if len(p.sel) > size {
					t.Fatalf("max %d after %d: holds %d", size, from, len(p.sel))
				}
			}
			if got := p.items(); !slices.Equal(got, want) || p.seen != seen {
				t.Errorf("max %d after %d: %d items (%d seen), want %d (%d seen), in order", size, from, len(got), p.seen, len(want), seen)
			}
		}
	}
}
