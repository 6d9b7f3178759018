package vault

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/internal/api"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/testimony"
	"github.com/tvault/tvault/vault/view"
)

// consentCases returns one testimony for every combination of the three
// consent flags, each with markers of its own in its case number, title
// and narrative.
func consentCases(t *testing.T) []*testimony.Testimony {
	base := loadFixtures(t)
	var docs []*testimony.Testimony
	for i := range 8 {
		d := *base[i%len(base)]
		d.Consent = testimony.Consent{Research: i&1 != 0, Publication: i&2 != 0, Legal: i&4 != 0}
		d.Case = fmt.Sprintf("CASE-%d-QX", i)
		d.Title = fmt.Sprintf("Account quillmark%d", i)
		d.Narrative = fmt.Sprintf("%s The wrenfeather%d detail.", d.Narrative, i)
		docs = append(docs, &d)
	}
	return docs
}

// policyCase is a policy in force for the property: the default, or one
// that tries to give researchers everything, which SetPolicy refuses and
// which is then put in the store as a vault written before the rule would
// hold it, so that the engine alone stands between it and researchers.
type policyCase struct {
	name   string
	policy *policy.Policy
}

const noConsentNeeded = "everything, no consent needed"

func consentPolicies() []policyCase {
	everything := func(consent func(string) string) *policy.Policy {
		p := policy.Default()
		for _, role := range policy.Roles {
			p.Roles[role] = policy.Grant{Operations: slices.Clone(policy.Operations), Views: slices.Clone(policy.Views)}
		}
		for name, vw := range p.Views {
			vw.Consent = consent(vw.Consent)
			vw.Fields = maps.Clone(vw.Fields)
			vw.Fields["case"] = policy.Keep
			p.Views[name] = vw
		}
		return p
	}
	return []policyCase{
		{"default", policy.Default()},
		{"everything to everyone", everything(func(c string) string { return c })},
		{noConsentNeeded, everything(func(string) string { return policy.ConsentNone })},
	}
}

// outcome is what one call of a route gave its caller.
type outcome struct {
	route string
	view  string // the view it renders, if one
	out   []byte // everything returned, serialised
	err   error
	shown []int    // the records it shows, by index
	raw   bool     // out is ciphertext or an attachment: a record's data, whatever it holds
	asked []string // the references the caller gave, which an answer may repeat
}

// TestConsentProperty is the consent invariant, for every role, route and
// view, under the default policy and under policies that try to give
// researchers everything (refused when set, forced into the store):
//
//   - no output of any route given to a researcher holds anything of a
//     testimony without research consent: not its record ID, its
//     pseudonyms, case number, title, narrative, ciphertext or
//     attachments;
//   - a researcher asking for a withheld testimony, by any route and
//     reference, gets the answer of a missing one, byte for byte (as
//     tvaultd would send it: status, code and message);
//   - for every role, a view or export shows a testimony only with the
//     consent the view requires (and research consent, to a researcher);
//   - the checks can fail: an officer's full view does show the markers.
func TestConsentProperty(t *testing.T) {
	t.Parallel()
	v, _ := newEngine(t, Options{})
	docs := consentCases(t)
	ids, _, err := v.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	atts := attachRecordings(t, v, ids)
	asResearcher(t, v, "alpha", "beta")
	domains := []string{"", "alpha", "beta", "ungranted"}

	// markers[i] are strings that show record i; refs maps every
	// reference to a record to its index.
	markers := make([][]string, len(ids))
	refs := map[string]int{}
	for i, id := range ids {
		markers[i] = []string{id, docs[i].Case, fmt.Sprintf("quillmark%d", i), fmt.Sprintf("wrenfeather%d", i)}
		refs[id] = i
		for _, d := range domains[1:] {
			p := v.refs(d).of(id)
			markers[i] = append(markers[i], p)
			refs[p] = i
		}
	}
	withheld := func(i int) bool { return !docs[i].Consent.Research }
	consents := func(vw policy.View, i int) bool { return consentOK("", vw, docs[i].Consent) }

	seen := 0 // markers the officer's control found
	for _, pc := range consentPolicies() {
		if pc.name != "default" {
			err := v.SetPolicy(as(policy.Admin), pc.policy)
			if !errors.Is(err, service.ErrInvalidArgument) || !strings.Contains(err.Error(), "researcher role may use only views that require research consent") {
				t.Fatalf("%s: SetPolicy = %v, want it refused", pc.name, err)
			}
		}
		forcePolicy(t, v, pc.policy)
		for _, role := range policy.Roles {
			if role != policy.Researcher && pc.name == noConsentNeeded {
				continue // nothing to tell: every view shows everything
			}
			c := as(role)
			// Every domain and both references for researchers; the
			// others, whom the invariant does not bind, in the default
			// domain.
			ds := domains
			if role != policy.Researcher {
				ds = domains[:1]
			}
			for _, o := range consentRoutes(t, v, c, ids, atts, ds, refs) {
				where := fmt.Sprintf("%s, %s, %s", pc.name, role, o.route)
				if role == policy.Researcher {
					for i := range ids {
						if !withheld(i) {
							continue
						}
						if o.raw && o.err == nil && slices.Contains(o.shown, i) {
							t.Errorf("%s: the data of withheld testimony %d reached a researcher", where, i)
						}
						for _, m := range markers[i] {
							if bytes.Contains(o.out, []byte(m)) && !slices.Contains(o.asked, m) {
								t.Errorf("%s: %q of withheld testimony %d reached a researcher", where, m, i)
							}
						}
					}
				}
				if o.view == "" || o.raw || o.err != nil {
					continue
				}
				vw := pc.policy.Views[o.view]
				for _, i := range o.shown {
					if !consents(vw, i) || (role == policy.Researcher && withheld(i)) {
						t.Errorf("%s: testimony %d (consent %+v) shown in the %s view", where, i, docs[i].Consent, o.view)
					}
				}
				if role == policy.Officer && o.view == policy.ViewFull {
					for _, i := range o.shown {
						for _, m := range markers[i][1:4] {
							if bytes.Contains(o.out, []byte(m)) {
								seen++
							}
						}
					}
				}
			}
			if role == policy.Researcher {
				withheldAsMissing(t, v, pc.name, c, ids, atts, domains, withheld)
			}
		}
	}
	if seen == 0 {
		t.Fatal("the officer's full views showed no marker: the checks above see nothing")
	}
	t.Logf("%d policies, %d roles; the officer's full views showed %d markers", len(consentPolicies()), len(policy.Roles), seen)
}

// forcePolicy puts p in v's store, as a vault stored it before
// policy.ErrResearcherGrant, and has v load it.
func forcePolicy(t *testing.T, v *Vault, p *policy.Policy) {
	t.Helper()
	if err := v.store.Update(ctx, func(tx store.Tx) error { return tx.Set(policyKey, p.Marshal()) }); err != nil {
		t.Fatal(err)
	}
	if err := v.loadPolicy(ctx); err != nil {
		t.Fatal(err)
	}
	if v.policy().Hash() != p.Hash() {
		t.Fatal("the forced policy is not in force")
	}
}

// consentRoutes calls, as c's actor, every route that returns a testimony,
// a view, a list, ciphertext, an attachment or the log, with every view
// and domain, naming each record by ID and by its pseudonym.
func consentRoutes(t *testing.T, v *Vault, c context.Context, ids, atts, domains []string, refs map[string]int) []outcome {
	var outs []outcome
	add := func(o outcome, val any) {
		if val != nil && o.err == nil {
			b, err := json.Marshal(val)
			if err != nil {
				t.Fatal(err)
			}
			o.out = append(o.out, b...)
		}
		if o.err != nil {
			o.out = append(o.out, o.err.Error()...)
		}
		outs = append(outs, o)
	}
	shown := func(refList ...string) []int {
		var out []int
		for _, r := range refList {
			i, ok := refs[r]
			if !ok {
				t.Fatalf("an output names record %q, which is no reference of the test's", r)
			}
			out = append(out, i)
		}
		return out
	}
	for i, id := range ids {
		asked := []string{id, atts[i]}
		rec, err := v.Get(c, id)
		o := outcome{route: "get", view: policy.ViewFull, err: err, asked: asked}
		if err == nil {
			o.shown = shown(rec.ID)
		}
		add(o, rec)
		rep, err := v.RedactCheck(c, id)
		add(outcome{route: "redact check", err: err, shown: []int{i}, asked: asked}, rep)
		ct, err := v.ExportRaw(c, id)
		add(outcome{route: "export-raw", err: err, shown: []int{i}, raw: true, asked: asked}, ct)
		list, err := v.Attachments(c, id)
		add(outcome{route: "attachment list", err: err, shown: []int{i}, raw: true, asked: asked}, list)
		for name, read := range map[string]func(io.Writer) error{
			"attachment get":   func(w io.Writer) error { return v.AttachmentGet(c, id, atts[i], w) },
			"attachment range": func(w io.Writer) error { return v.AttachmentRange(c, id, atts[i], 0, 3, w) },
			"attachment raw":   func(w io.Writer) error { return v.AttachmentRaw(c, id, atts[i], w) },
		} {
			var buf bytes.Buffer
			err := read(&buf)
			add(outcome{route: name, err: err, shown: []int{i}, raw: true, out: buf.Bytes(), asked: asked}, nil)
		}
		for _, name := range policy.Views {
			for _, d := range domains {
				a, _ := service.ActorFrom(c)
				for _, ref := range []string{v.refs(d).of(id), id} {
					rec, err := v.GetView(c, ref, name, d)
					o := outcome{route: fmt.Sprintf("get %s --view %s --domain %q", ref, name, d), view: name, err: err, asked: []string{ref}}
					if err == nil {
						o.shown = shown(rec.ID)
					}
					add(o, rec)
					if d == "" || a.Role != policy.Researcher {
						break // one reference: the ID in the default domain, else the pseudonym
					}
				}
			}
		}
	}
	for _, d := range domains {
		list, err := v.List(c, d)
		o := outcome{route: fmt.Sprintf("list --domain %q", d), err: err}
		for _, s := range list {
			o.shown = append(o.shown, shown(s.ID)...)
		}
		add(o, list)
		for _, name := range policy.Views {
			var buf bytes.Buffer
			cw := csv.NewWriter(&buf)
			var recs []string
			_, err := v.Export(c, service.ExportOptions{View: name, Purpose: "consent property", Domain: d}, func(r *view.Record) error {
				recs = append(recs, r.ID)
				b, err := json.Marshal(r)
				buf.Write(append(b, '\n'))
				cw.Write(r.CSVRow())
				return err
			})
			cw.Flush()
			add(outcome{route: fmt.Sprintf("export --view %s --domain %q (JSON Lines and CSV)", name, d), view: name, err: err,
				out: buf.Bytes(), shown: shown(recs...)}, nil)
		}
	}
	var log bytes.Buffer
	err := v.AuditLog(c, service.AuditFilter{}, func(e *audit.Entry) error {
		b, _ := json.Marshal(e)
		log.Write(b)
		return nil
	})
	add(outcome{route: "audit log", err: err, out: log.Bytes()}, nil)
	var exp bytes.Buffer
	err = v.AuditExport(c, &exp)
	add(outcome{route: "audit export", err: err, out: exp.Bytes()}, nil)
	persons, err := v.Persons(c)
	add(outcome{route: "person list", err: err}, persons)
	return outs
}

// withheldAsMissing asks, as researcher c, for each withheld testimony by
// every route and reference, and for a record that does not exist by the
// same route and the same kind of reference: the answers must be the
// same, as tvaultd sends them, but for the reference itself.
func withheldAsMissing(t *testing.T, v *Vault, policyName string, c context.Context, ids, atts, domains []string, withheld func(int) bool) {
	t.Helper()
	answersAsMissing(t, v, policyName, "withheld", c, ids, atts, domains, withheld)
}

// answersAsMissing checks that c's actor gets, for every record i that
// pick picks, by every route, reference and domain, the answer of a
// record that never existed, but for the references themselves; what
// names how such a record differs.
func answersAsMissing(t *testing.T, v *Vault, policyName, what string, c context.Context, ids, atts, domains []string, pick func(int) bool) {
	t.Helper()
	answer := func(err error, refs ...string) string {
		if err == nil {
			return "ok"
		}
		status, body := api.FromError(err)
		b, _ := json.Marshal(body)
		s := fmt.Sprintf("%d %s", status, b)
		for i, r := range refs {
			s = strings.ReplaceAll(s, r, fmt.Sprintf("REF%d", i))
		}
		return s
	}
	compared := 0
	for i, id := range ids {
		if !pick(i) {
			continue
		}
		gone, goneAtt := newID(), newID()
		type call func(id, att, ref, domain string) error
		byRecord := map[string]call{
			"get":          func(id, _, _, _ string) error { _, err := v.Get(c, id); return err },
			"redact check": func(id, _, _, _ string) error { _, err := v.RedactCheck(c, id); return err },
			"export-raw":   func(id, _, _, _ string) error { _, err := v.ExportRaw(c, id); return err },
			"attachments":  func(id, _, _, _ string) error { _, err := v.Attachments(c, id); return err },
			"attachment get": func(id, att, _, _ string) error {
				return v.AttachmentGet(c, id, att, io.Discard)
			},
			"attachment raw": func(id, att, _, _ string) error {
				return v.AttachmentRaw(c, id, att, io.Discard)
			},
		}
		for _, name := range policy.Views {
			byRecord["get --view "+name+" by ID"] = func(id, _, _, d string) error { _, err := v.GetView(c, id, name, d); return err }
			byRecord["get --view "+name+" by pseudonym"] = func(_, _, ref, d string) error { _, err := v.GetView(c, ref, name, d); return err }
		}
		for route, fn := range byRecord {
			for _, d := range domains {
				if d == "" && strings.HasSuffix(route, "by pseudonym") {
					continue // the same call as by ID
				}
				w := answer(fn(id, atts[i], v.refs(d).of(id), d), id, atts[i], v.refs(d).of(id))
				m := answer(fn(gone, goneAtt, v.refs(d).of(gone), d), gone, goneAtt, v.refs(d).of(gone))
				if w != m {
					t.Errorf("%s: researcher's %s in domain %q: %s answered\n\t%s\nmissing answered\n\t%s", policyName, route, d, what, w, m)
				}
				compared++
			}
		}
	}
	if compared == 0 {
		t.Fatalf("no %s testimony compared", what)
	}
}

// A researcher asking for an erased testimony, by any route and
// reference, gets the answer of a missing one: in a domain, an answer
// naming the record's ID would link the domain's pseudonym to it.
func TestErasedAsMissing(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := consentCases(t)
	var consented []*testimony.Testimony
	for _, d := range docs {
		if d.Consent.Research {
			consented = append(consented, d)
		}
	}
	ids, _, err := v.Put(ctx, consented[:2])
	if err != nil {
		t.Fatal(err)
	}
	atts := attachRecordings(t, v, ids)
	if _, err := v.Erase(ctx, ids[0], service.EraseOptions{Reason: "duplicate import"}); err != nil {
		t.Fatal(err)
	}
	c := asResearcher(t, v, "alpha")
	answersAsMissing(t, v, "default", "erased", c, ids, atts, []string{"", "alpha", "ungranted"}, func(i int) bool { return i == 0 })
}

// attachRecordings attaches a small recording to each of ids and returns
// the attachments' IDs, in the same order.
func attachRecordings(t *testing.T, v *Vault, ids []string) []string {
	t.Helper()
	atts := make([]string, len(ids))
	for i, id := range ids {
		a, err := v.Attach(ctx, id, strings.NewReader("recording"), "", "", "audio/ogg")
		if err != nil {
			t.Fatal(err)
		}
		atts[i] = a.ID
	}
	return atts
}
