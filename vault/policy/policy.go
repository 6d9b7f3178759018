// Package policy decides who may do what with a vault, and what each view
// of a testimony shows.
//
// # Model
//
// Every operation is performed by an actor in one role. A Policy lists, for
// each role, the operations it may perform and the views it may use.
// Anything not listed is denied (deny by default). A view names the consent
// a testimony must carry to appear in it and how each field is transformed:
//
//	keep          shown as stored
//	pseudonymise  a person's name becomes the person's pseudonym; in free
//	              text (title, narrative) every mention of a registered
//	              person becomes "[P-XXXX-XXXX]" and contact details
//	              (phones, e-mail, handles, URLs) are removed
//	generalise    a birth year becomes a five-year band ("1980-1984"), a
//	              date its year
//	redact        free text gets pseudonyms for persons, "[REDACTED]" for
//	              the officer's phrases, and every recognised identifier
//	              replaced (see package redact)
//	drop          left out
//
// Each field accepts only the transforms that make sense for it (Fields).
// A field a view does not mention is dropped.
//
// # Researchers
//
// Consent and pseudonymity are invariants, not choices of the policy:
// Check refuses a policy that grants the researcher role a view whose
// consent is not research or that shows a field beyond
// ResearcherTransforms (a name, a contact, an unredacted narrative), or an
// operation outside ResearcherOperations (ErrResearcherGrant), and the
// vault's engine enforces the same whatever policy it holds. What else the engine does for researchers (domains,
// record pseudonyms, withheld records answered as missing) is in package
// vault.
//
// # Format
//
// A policy file is one JSON object, parsed strictly (unknown or duplicated
// names, unknown roles, operations, views, fields or transforms, and a
// transform a field does not accept, are errors):
//
//	{
//	  "roles": {"officer": {"operations": ["get", ...], "views": ["full", ...],
//	                        "require_reason": ["get", ...]}, ...},
//	  "views": {"researcher": {"consent": "research", "fields": {"narrative": "redact", ...}}, ...},
//	  "retention": [{"sensitivity": "low", "after": "10y"}, ...]
//	}
//
// "require_reason" is optional: operations among ReasonOperations, granted
// to the role, that the role may perform only with a stated reason, which
// the audit log records (tvault get --reason). "retention" is optional
// (RetentionRule).
//
// Hash is the SHA-256 of the canonical encoding (Marshal), which every view
// and export records in the audit log.
package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Roles.
const (
	Officer    = "officer"
	Legal      = "legal"
	Researcher = "researcher"
	Auditor    = "auditor"
	Admin      = "admin"
)

// Roles lists every role.
var Roles = []string{Officer, Legal, Researcher, Auditor, Admin}

// Views.
const (
	ViewFull        = "full"
	ViewLegal       = "legal"
	ViewResearcher  = "researcher"
	ViewPublication = "publication"
	ViewMetadata    = "metadata"
)

// Views lists every view.
var Views = []string{ViewFull, ViewLegal, ViewResearcher, ViewPublication, ViewMetadata}

// Operations lists every operation a policy can grant. Names match the
// actions of audit entries.
var Operations = []string{
	"put", "put.replace", "get", "history", "search", "list", "export-raw", "export", "redact.check",
	"erase", "retention.plan", "retention.apply",
	"person.list", "person.show", "person.merge", "person.edit", "reidentify",
	"consent.withdraw", "consent.grant", "consent.show",
	"attach", "attachment.list", "attachment.get", "attachment.raw",
	"audit.log", "audit.checkpoint", "audit.key", "audit.export", "audit.verify", "audit.prove", "audit.hash",
	"check", "backup",
	"policy.show", "policy.set",
	"user.add", "user.list", "user.revoke", "token.rotate",
	"domain.grant", "domain.revoke", "domain.list",
	"escrow.list", "escrow.add", "escrow.remove", "rekey", "format.list", "format.migrate",
}

// ResearcherOperations are the only operations a policy may grant the
// researcher role: reading views, in domains granted to them, and the
// policy. Every other operation returns originals whatever their consent
// (get of the full view, export-raw, redact.check, attachments), the
// person registry, or the audit log, which names records by ID and says
// which were withheld; or it changes the vault.
var ResearcherOperations = []string{"get", "list", "export", "policy.show", "domain.list"}

// ResearcherTransforms is the most a view that researchers may use may
// show of each field, which is what the built-in researcher view shows (Drop is always allowed; a field not listed may only
// be dropped): no direct identifier (names, aliases, keys, contacts,
// residences, interview place and interviewer, case number, the officer's
// phrases), quasi-identifiers generalised, free text redacted. Persons'
// relations and tags may be kept only when the narrative is redacted: they
// then go through its redaction (see package view).
var ResearcherTransforms = map[string][]string{
	"title":              {Redact},
	"narrative":          {Redact},
	"interview.date":     {Generalise},
	"interview.language": {Keep},
	"witness.name":       {Pseudonymise},
	"witness.birth_year": {Generalise},
	"witness.gender":     {Keep},
	"persons.name":       {Pseudonymise},
	"persons.relation":   {Keep},
	"tags":               {Keep},
	"consent":            {Keep},
	"sensitivity":        {Keep},
}

// CheckResearcher reports the first field v shows to researchers more of
// than ResearcherTransforms allows, wrapping ErrResearcherGrant.
func (v View) CheckResearcher() error {
	if v.Consent != ConsentResearch {
		return fmt.Errorf("view requires consent %q: %w", v.Consent, ErrResearcherGrant)
	}
	for _, f := range slices.Sorted(maps.Keys(v.Fields)) {
		t := v.Fields[f]
		if t == Drop {
			continue
		}
		if !slices.Contains(ResearcherTransforms[f], t) {
			return fmt.Errorf("field %s cannot be %q: %w", f, t, ErrResearcherGrant)
		}
		if (f == "persons.relation" || f == "tags") && v.Transform("narrative") != Redact {
			return fmt.Errorf("field %s can be kept only when the narrative is redacted: %w", f, ErrResearcherGrant)
		}
	}
	return nil
}

// Consents a view may require: the testimony's consent flags.
const (
	ConsentNone        = ""
	ConsentResearch    = "research"
	ConsentPublication = "publication"
	ConsentLegal       = "legal"
)

// Transforms.
const (
	Keep         = "keep"
	Pseudonymise = "pseudonymise"
	Generalise   = "generalise"
	Redact       = "redact"
	Drop         = "drop"
)

// Fields lists the fields of a testimony a view transforms, with the
// transforms each accepts (Drop always). "witness.*" and "persons.*"
// fields apply to the witness and to every other person.
var Fields = map[string][]string{
	"case":                  {Keep},
	"title":                 {Keep, Pseudonymise, Redact},
	"interview.date":        {Keep, Generalise},
	"interview.place":       {Keep},
	"interview.interviewer": {Keep},
	"interview.language":    {Keep},
	"witness.key":           {Keep},
	"witness.name":          {Keep, Pseudonymise},
	"witness.aliases":       {Keep},
	"witness.birth_year":    {Keep, Generalise},
	"witness.gender":        {Keep},
	"witness.contact":       {Keep},
	"witness.residence":     {Keep},
	"persons.key":           {Keep},
	"persons.name":          {Keep, Pseudonymise},
	"persons.aliases":       {Keep},
	"persons.birth_year":    {Keep, Generalise},
	"persons.gender":        {Keep},
	"persons.contact":       {Keep},
	"persons.residence":     {Keep},
	"persons.relation":      {Keep},
	"consent":               {Keep},
	"sensitivity":           {Keep},
	"tags":                  {Keep},
	"redact":                {Keep},
	"narrative":             {Keep, Pseudonymise, Redact},
}

// Policy is a set of grants and views.
type Policy struct {
	Roles map[string]Grant `json:"roles"`
	Views map[string]View  `json:"views"`
	// Retention is optional (retention.go).
	Retention []RetentionRule `json:"retention,omitempty"`
}

// Grant is what one role may do.
type Grant struct {
	Operations []string `json:"operations"`
	Views      []string `json:"views"`
	// RequireReason lists operations of Operations that the role may
	// perform only with a reason. Left out of the encoding when empty, so
	// that policies without it keep their hash.
	RequireReason []string `json:"require_reason,omitempty"`
}

// ReasonOperations are the operations a policy may require a reason for:
// the reads of a testimony or an attachment as stored, and redact.check,
// which shows the original narrative.
var ReasonOperations = []string{"get", "attachment.get", "attachment.raw", "export-raw", "redact.check"}

// View says which consent a testimony needs to appear in the view and how
// each field is transformed.
type View struct {
	Consent string            `json:"consent"`
	Fields  map[string]string `json:"fields"`
}

// Allows reports whether role may perform operation.
func (p *Policy) Allows(role, operation string) bool {
	g, ok := p.Roles[role]
	return ok && slices.Contains(g.Operations, operation)
}

// RequiresReason reports whether role may perform operation only with a
// reason.
func (p *Policy) RequiresReason(role, operation string) bool {
	g, ok := p.Roles[role]
	return ok && slices.Contains(g.RequireReason, operation)
}

// View returns the view named name if role may use it.
func (p *Policy) View(role, name string) (View, bool) {
	g, ok := p.Roles[role]
	if !ok || !slices.Contains(g.Views, name) {
		return View{}, false
	}
	v, ok := p.Views[name]
	return v, ok
}

// Transform returns how view v transforms field (Drop if it does not say).
func (v View) Transform(field string) string {
	if t, ok := v.Fields[field]; ok {
		return t
	}
	return Drop
}

// Marshal returns the canonical encoding of p: JSON with sorted keys and
// sorted lists, indented for people to read.
func (p *Policy) Marshal() []byte {
	c := Policy{Roles: map[string]Grant{}, Views: p.Views, Retention: p.Retention}
	for r, g := range p.Roles {
		g.Operations = sorted(g.Operations)
		g.Views = sorted(g.Views)
		g.RequireReason = sorted(g.RequireReason)
		c.Roles[r] = g
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("policy: %v", err)) // maps of strings cannot fail
	}
	return append(b, '\n')
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	if s == nil {
		s = []string{}
	}
	return s
}

// Hash returns the hex SHA-256 of p's canonical encoding.
func (p *Policy) Hash() string {
	sum := sha256.Sum256(p.Marshal())
	return hex.EncodeToString(sum[:])
}

// MaxSize bounds a policy file.
const MaxSize = 1 << 20

// Parse parses a policy file strictly and checks it (Check).
func Parse(r io.Reader) (*Policy, error) {
	p, err := Decode(r)
	if err != nil {
		return nil, err
	}
	if err := p.Check(); err != nil {
		return nil, fmt.Errorf("invalid policy: %w", err)
	}
	return p, nil
}

// Decode parses a policy file as strictly as Parse, but checks only its
// names and transforms, not the grants that ErrResearcherGrant rules out:
// it reads back a policy that a vault stored before that rule, whose
// researcher grants the vault's engine overrides.
func Decode(r io.Reader) (*Policy, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read policy: %w", err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("policy is larger than %d bytes", MaxSize)
	}
	// Windows editors start UTF-8 files with a byte-order mark, which
	// JSON does not allow (RFC 8259 8.1) but lets a parser ignore.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if err := noDuplicateKeys(data); err != nil {
		return nil, fmt.Errorf("invalid policy: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("invalid policy: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid policy: unexpected data after the policy object")
	}
	p, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid policy: %w", err)
	}
	if err := p.checkNames(); err != nil {
		return nil, fmt.Errorf("invalid policy: %w", err)
	}
	return p, nil
}

// decode decodes a policy object whose member names must match exactly:
// encoding/json alone would take "Roles" for "roles".
func decode(raw json.RawMessage) (*Policy, error) {
	top, err := members(raw, "policy", "roles", "views", "retention?")
	if err != nil {
		return nil, err
	}
	var rules []json.RawMessage
	if r, ok := top["retention"]; ok {
		if err := json.Unmarshal(r, &rules); err != nil {
			return nil, fmt.Errorf("retention: want a list of rules: %w", err)
		}
	}
	p := &Policy{Roles: map[string]Grant{}, Views: map[string]View{}}
	var roles, views map[string]json.RawMessage
	if err := json.Unmarshal(top["roles"], &roles); err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	for name, g := range roles {
		m, err := members(g, "role "+name, "operations", "views", "require_reason?")
		if err != nil {
			return nil, err
		}
		var grant Grant
		if err := unmarshalAll(m, map[string]any{"operations": &grant.Operations, "views": &grant.Views, "require_reason": &grant.RequireReason}); err != nil {
			return nil, fmt.Errorf("role %s: %w", name, err)
		}
		p.Roles[name] = grant
	}
	if err := json.Unmarshal(top["views"], &views); err != nil {
		return nil, fmt.Errorf("views: %w", err)
	}
	for name, v := range views {
		m, err := members(v, "view "+name, "consent", "fields")
		if err != nil {
			return nil, err
		}
		var view View
		if err := unmarshalAll(m, map[string]any{"consent": &view.Consent, "fields": &view.Fields}); err != nil {
			return nil, fmt.Errorf("view %s: %w", name, err)
		}
		p.Views[name] = view
	}
	for i, r := range rules {
		m, err := members(r, fmt.Sprintf("retention rule %d", i+1), "after", "sensitivity?", "tag?")
		if err != nil {
			return nil, err
		}
		var rule RetentionRule
		if err := unmarshalAll(m, map[string]any{"sensitivity": &rule.Sensitivity, "tag": &rule.Tag, "after": &rule.After}); err != nil {
			return nil, fmt.Errorf("retention rule %d: %w", i+1, err)
		}
		p.Retention = append(p.Retention, rule)
	}
	return p, nil
}

// members decodes an object that must have exactly the given members; a
// name ending in "?" is optional.
func members(raw json.RawMessage, where string, names ...string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, fmt.Errorf("%s: want an object with %q", where, names)
	}
	for k := range m {
		if !slices.Contains(names, k) && !slices.Contains(names, k+"?") {
			return nil, fmt.Errorf("%s: unknown member %q", where, k)
		}
	}
	for _, n := range names {
		if _, ok := m[n]; !ok && !strings.HasSuffix(n, "?") {
			return nil, fmt.Errorf("%s: missing member %q", where, n)
		}
	}
	return m, nil
}

// unmarshalAll decodes the members of m into their destinations; one that
// m lacks (an optional member) is left as it is.
func unmarshalAll(m map[string]json.RawMessage, into map[string]any) error {
	for k, dst := range into {
		raw, ok := m[k]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// ErrResearcherGrant is wrapped by Check's error for a policy that grants
// the researcher role an operation outside ResearcherOperations, or a view
// whose consent is not research or that shows a field beyond
// ResearcherTransforms: consent and pseudonymity are invariants of the
// vault, not choices of its policy.
var ErrResearcherGrant = errors.New("the researcher role may use only views that require research consent and show no identifier (names pseudonymised, free text redacted, dates and birth years generalised: ResearcherTransforms), and only the operations " + strings.Join(ResearcherOperations, ", "))

// Check reports the first name or transform p uses that does not exist,
// and a grant to researchers that ErrResearcherGrant rules out.
func (p *Policy) Check() error {
	if err := p.checkNames(); err != nil {
		return err
	}
	g := p.Roles[Researcher]
	for _, op := range g.Operations {
		if !slices.Contains(ResearcherOperations, op) {
			return fmt.Errorf("role researcher: operation %q: %w", op, ErrResearcherGrant)
		}
	}
	for _, v := range g.Views {
		if err := p.Views[v].CheckResearcher(); err != nil {
			return fmt.Errorf("role researcher: view %s: %w", v, err)
		}
	}
	return nil
}

// checkNames reports the first name or transform p uses that does not
// exist.
func (p *Policy) checkNames() error {
	if p.Roles == nil || p.Views == nil {
		return errors.New(`"roles" and "views" are required`)
	}
	for r, g := range p.Roles {
		if !slices.Contains(Roles, r) {
			return fmt.Errorf("unknown role %q", r)
		}
		for _, op := range g.Operations {
			if !slices.Contains(Operations, op) {
				return fmt.Errorf("role %s: unknown operation %q", r, op)
			}
		}
		for _, v := range g.Views {
			if _, ok := p.Views[v]; !ok {
				return fmt.Errorf("role %s: view %q is not defined", r, v)
			}
		}
		for _, op := range g.RequireReason {
			if !slices.Contains(ReasonOperations, op) {
				return fmt.Errorf("role %s: require_reason: a reason can be given only for %s, not %q", r, strings.Join(ReasonOperations, ", "), op)
			}
			if !slices.Contains(g.Operations, op) {
				return fmt.Errorf("role %s: require_reason: %q is not one of the role's operations", r, op)
			}
		}
	}
	for i, r := range p.Retention {
		if err := r.check(); err != nil {
			return fmt.Errorf("retention rule %d: %w", i+1, err)
		}
	}
	for name, v := range p.Views {
		if !slices.Contains(Views, name) {
			return fmt.Errorf("unknown view %q", name)
		}
		switch v.Consent {
		case ConsentNone, ConsentResearch, ConsentPublication, ConsentLegal:
		default:
			return fmt.Errorf("view %s: unknown consent %q", name, v.Consent)
		}
		for f, t := range v.Fields {
			allowed, ok := Fields[f]
			if !ok {
				return fmt.Errorf("view %s: unknown field %q", name, f)
			}
			if t != Drop && !slices.Contains(allowed, t) {
				return fmt.Errorf("view %s: field %s cannot be %q", name, f, t)
			}
		}
	}
	return nil
}

// noDuplicateKeys rejects an object with a repeated name at any depth:
// encoding/json would silently keep the last one.
func noDuplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		keys   map[string]bool
		object bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.object && top.key {
			if top.keys[s] {
				return fmt.Errorf("duplicated name %q", s)
			}
			top.keys[s] = true
			top.key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, object: true, key: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value ended: in an object, a key comes next.
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].key = true
		}
	}
}
