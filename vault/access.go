package vault

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/redact"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
)

// newEntry starts the audit entry of an operation by the context's actor.
func newEntry(ctx context.Context, action string) (*audit.Entry, error) {
	a, ok := service.ActorFrom(ctx)
	if !ok || a.Name == "" {
		return nil, service.ErrNoActor
	}
	req := a.RequestID
	if req == "" {
		b := make([]byte, 8)
		rand.Read(b)
		req = hex.EncodeToString(b)
	}
	return &audit.Entry{Actor: a.Name, Role: a.Role, Transport: a.Transport, RequestID: req,
		Action: action, Outcome: audit.OutcomeOK}, nil
}

// localActions are the administrative and audit operations, and the
// searches of what they could decrypt anyway, that whoever holds the
// passphrase of a local vault may always perform, whatever their role:
// they can read the keyring, so the policy cannot bind them there.
var localActions = map[string]bool{
	"policy.set": true, "user.add": true, "user.list": true, "user.revoke": true, "token.rotate": true,
	"audit.log": true, "audit.checkpoint": true, "audit.key": true, "audit.export": true,
	"audit.verify": true, "audit.prove": true, "restore.accept": true, "history": true, "search": true,
	"domain.grant": true, "domain.revoke": true, "domain.list": true,
	"check": true, "backup": true,
	"escrow.list": true, "escrow.add": true, "escrow.remove": true, "passphrase.change": true,
	"operator.add": true, "operator.remove": true,
	"rekey": true, "migrate": true, "format.list": true, "format.migrate": true,
	// A witness's withdrawal must be recordable whatever policy was stored.
	"consent.withdraw": true, "consent.grant": true, "consent.show": true,
}

// op is one audited operation. Every exported operation of a Vault runs
// inside do, which begins it and ends it: an operation cannot return
// without its entry in the log, whichever path it takes.
type op struct {
	v   *Vault
	ctx context.Context
	e   *audit.Entry
	// recorded is set once the entry is durable: committed with the
	// operation's write, or by commit before data streams out.
	recorded bool
}

// target is an argument naming what an operation concerns, with the check
// it must pass before it may go into the operation's entry: the log holds
// no malformed input, which may be anything a user typed.
type target struct {
	value string
	check func(string) error
	// chosen marks a name a user chose (op.checkName), not one the vault
	// made.
	chosen bool
}

func recordTarget(id string) target     { return target{id, checkID, false} }
func attachmentTarget(id string) target { return target{id, checkAttachmentID, false} }
func userTarget(name string) target     { return target{name, checkUserName, true} }

// do runs the operation action of the context's actor: it builds the
// audit entry, checks the targets (an invalid one is recorded as such and
// returned) and the policy (a denial is recorded and returned), runs fn,
// and records the entry with fn's outcome, also when fn panics. fn's
// result is returned only once its entry is durable; if the entry cannot
// be written, do returns the failure and no data (fail-closed).
func do[T any](ctx context.Context, v *Vault, action string, targets []target, fn func(o *op) (T, error)) (out T, err error) {
	e, err := newEntry(ctx, action)
	if err != nil {
		return out, err
	}
	o := &op{v: v, ctx: ctx, e: e}
	for _, t := range targets {
		err := t.check(t.value)
		if err == nil && t.chosen {
			err = o.checkName("user name", t.value)
		}
		if err != nil {
			return out, o.end(err)
		}
		o.target(t.value)
	}
	// The reason stated for the request is its purpose (service.WithReason),
	// recorded with a denial too. Blanks are no reason.
	reason := service.ReasonFrom(ctx)
	if strings.TrimSpace(reason) == "" {
		reason = ""
	}
	if reason != "" {
		if err := o.purpose("reason", reason); err != nil {
			return out, o.end(err)
		}
	}
	if err := v.refresh(ctx); err != nil {
		return out, o.end(err)
	}
	p := v.policy()
	allowed := (e.Transport == service.LocalOperator.Transport && localActions[action]) || p.Allows(e.Role, action)
	// Whatever policy is in force (one stored before the rule may break
	// it): researchers only read views (policy.ResearcherOperations).
	if e.Role == policy.Researcher && !slices.Contains(policy.ResearcherOperations, action) {
		allowed = false
	}
	if !allowed {
		return out, o.end(&service.DeniedError{Role: e.Role, Action: action})
	}
	if reason == "" && p.RequiresReason(e.Role, action) {
		return out, o.end(&service.DeniedError{Role: e.Role, Action: action, NeedsReason: true})
	}
	defer func() {
		if p := recover(); p != nil {
			o.end(fmt.Errorf("internal error: %v", p))
			panic(p)
		}
	}()
	out, err = fn(o)
	if err = o.end(o.erasedAnswer(err)); err != nil {
		var zero T
		if c, ok := err.(*concealedError); ok {
			return zero, c.answer
		}
		return zero, err
	}
	return out, nil
}

// concealedError is an outcome that the log records as it is (truth) but
// that the caller is answered otherwise: a researcher asking for a
// withheld testimony gets the answer of a missing one. The entry says
// what was answered.
type concealedError struct{ truth, answer error }

func (e *concealedError) Error() string { return e.truth.Error() }
func (e *concealedError) Unwrap() error { return e.truth }

// conceal returns truth, to be recorded, and answer, to be returned.
func (o *op) conceal(truth, answer error) error {
	o.attr("answered", errorClass(answer))
	return &concealedError{truth, answer}
}

// checkText returns a free-text argument (a purpose, a reason, a domain)
// as its operation's entry may hold it, or refuses it as the argument it
// is, the attempt recorded without it. The log holds valid UTF-8 of
// bounded size. Auditors read it, and must learn no one's identity there
// (invariant 4): a value that holds anything a researcher view would hide
// (an identifier, a birth date, a registered person's name or contact:
// screen), a token shaped like a handle (handleShaped) or a registered
// witness key is refused with an error that says which and never quotes
// the value.
//
// Only an actor who may list the registry is told that a value names a
// registered person or key: to anyone else the refusal would answer
// whether that person is in the vault. Such a value enters their entry as
// its keyed MAC instead, which an investigator matches with audit.hash.
func (o *op) checkText(arg, value string) (string, error) {
	if !utf8.ValidString(value) || len(value) > audit.MaxValueSize {
		return "", &service.InvalidArgumentError{Arg: arg, Len: len(value), Want: fmt.Sprintf("want valid UTF-8 of at most %d bytes", audit.MaxValueSize)}
	}
	ident, what, err := o.screen(value)
	// A registered value shaped like a handle (a postcode, HU13TG) is
	// refused as what it is.
	if err == nil && ident == "" && what == "" && handleShaped(value) {
		ident = redact.KindHandle
	}
	switch {
	case err != nil:
		return "", err
	case ident != "":
		return "", &service.InvalidArgumentError{Arg: arg,
			Want: fmt.Sprintf("it holds an identifier (%s), which the audit log would keep in clear; say it without", ident)}
	case what == "":
		return value, nil
	case !o.listsRegistry():
		return o.v.auditMAC(value), nil
	}
	return "", &service.InvalidArgumentError{Arg: arg, Want: what}
}

// checkName checks a name a user chose for what the vault keeps (a user,
// a domain): it goes as it is into store keys, audit entries and
// researchers' outputs, and cannot be kept as a MAC, so it must not hold
// an identifier or name a registered person, read as it is and as words
// ("dahye.yoon", "Ms.Santos"). It is refused to anyone; an actor who may
// not list the registry is not told whether a person was named.
func (o *op) checkName(arg, name string) error {
	words := strings.NewReplacer(".", " ", "_", " ").Replace(name)
	for _, text := range []string{name, words} {
		ident, what, err := o.screen(text)
		switch {
		case err != nil:
			return err
		case ident != "":
			return &service.InvalidArgumentError{Arg: arg,
				Want: fmt.Sprintf("it holds an identifier (%s), which the vault would keep in clear; choose another", ident)}
		case what == "":
			continue
		case !o.listsRegistry():
			what = "it may name a person or hold an identifier; choose another"
		}
		return &service.InvalidArgumentError{Arg: arg, Want: what}
	}
	return nil
}

// screen says what of text a researcher view of a record naming every
// registered person would hide (view.Screener: the same names, registered
// values, recognisers and birth dates), read as written and in capitals,
// or that it holds as a whole word, in any case, a key a person was
// registered under: the kind of an identifier it holds, or else why it
// mentions the registry; neither if "".
func (o *op) screen(text string) (ident redact.Kind, what string, err error) {
	_, keys, err := o.v.names(o.ctx)
	if err != nil {
		return "", "", err
	}
	// In capitals too: a view keeps an alias that is a word in lower case
	// ("sparrow"), but the log must not hold it in any case. A word taken
	// for a name here costs a MAC in place of the text, or a refusal
	// that says why.
	upper := strings.ToUpper(text)
	named := false
	for _, s := range []string{text, upper} {
		for _, sp := range keys.screen.Screen(s) {
			switch sp.Kind {
			case redact.KindPerson, redact.KindPhrase:
				named = true
			default:
				return sp.Kind, "", nil
			}
		}
		if upper == text {
			break
		}
	}
	switch {
	case named:
		return "", "it names a registered person, whom the audit log would name in clear; say it without the name", nil
	case keys.in(upper):
		return "", "it holds a registered witness key, which the audit log would keep in clear; say it without", nil
	}
	return "", "", nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// listsRegistry reports whether the actor may list every registered
// person: whoever holds a local vault's passphrase, or a role the policy
// lets list persons.
func (o *op) listsRegistry() bool {
	return o.e.Transport == service.LocalOperator.Transport || o.v.policy().Allows(o.e.Role, "person.list")
}

// text sets the attribute key to value, a free-text argument, as
// checkText lets it in.
func (o *op) text(arg, key, value string) error {
	v, err := o.checkText(arg, value)
	if err != nil {
		return err
	}
	o.attr(key, v)
	return nil
}

// purpose sets the entry's purpose (a reason, a purpose), as checkText
// lets it in.
func (o *op) purpose(arg, value string) error {
	v, err := o.checkText(arg, value)
	if err != nil {
		return err
	}
	o.e.Purpose = v
	return nil
}

// target adds to the entry an ID that the operation found or made.
func (o *op) target(ids ...string) { o.e.Targets = append(o.e.Targets, ids...) }

// targetParts names ids in the operation's entry. An audit entry is
// bounded in size, so many IDs are recorded as several entries, each
// naming a part of them with the entry's purpose and attributes and
// "part" i/n: the last is the operation's own, and the returned function
// appends the others in the operation's transaction (write, commitWith).
// Set the attributes first.
func (o *op) targetParts(ids []string) func(tx store.Tx) error {
	parts := slices.Collect(slices.Chunk(ids, maxTargetsPerEntry))
	if len(parts) == 0 {
		return func(store.Tx) error { return nil }
	}
	o.target(parts[len(parts)-1]...)
	if len(parts) > 1 {
		o.attr("part", fmt.Sprintf("%d/%d", len(parts), len(parts)))
	}
	return func(tx store.Tx) error {
		for i, part := range parts[:len(parts)-1] {
			pe := *o.e
			pe.Targets, pe.Attrs = part, slices.Clone(o.e.Attrs)
			pe.SetAttr("part", fmt.Sprintf("%d/%d", i+1, len(parts)))
			if err := audit.Append(tx, &pe); err != nil {
				return err
			}
		}
		return nil
	}
}

// attr sets an attribute of the operation's entry.
func (o *op) attr(key, value string) { o.e.SetAttr(key, value) }

// write runs fn and appends the operation's entry in one durable
// transaction: the write and its entry commit together or not at all.
func (o *op) write(fn func(tx store.Tx) error) error {
	if o.recorded {
		return errors.New("operation already recorded")
	}
	err := o.v.audit.Submit(o.ctx, o.e, fn)
	o.recorded = err == nil
	return err
}

// commit records the access now, before data streams out to the caller.
// A failure after it is recorded by end in a second entry.
func (o *op) commit() error { return o.commitWith(nil) }

// commitWith is commit, running fn in the entry's transaction.
func (o *op) commitWith(fn func(tx store.Tx) error) error {
	if err := o.v.audit.Submit(context.WithoutCancel(o.ctx), o.e, fn); err != nil {
		return fmt.Errorf("failed to record the access in the audit log, so nothing is returned: %w", err)
	}
	o.recorded = true
	return nil
}

// view runs fn on a snapshot of the store.
func (o *op) view(fn func(tx store.ReadTx) error) error { return o.v.store.View(o.ctx, fn) }

// end records the operation's outcome, err, unless a write or commit
// already recorded it; a failure after that gets a second entry with the
// same request ID and phase=stream. It returns err, or the failure to
// record it. Entries are written even when the context was canceled
// midway: the attempt happened.
func (o *op) end(err error) error {
	e := o.e
	if o.recorded {
		if err == nil {
			return nil
		}
		f := &audit.Entry{Actor: e.Actor, Role: e.Role, Transport: e.Transport, RequestID: e.RequestID,
			Action: e.Action, Targets: e.Targets, Purpose: e.Purpose, Outcome: audit.OutcomeOK}
		for _, a := range e.Attrs {
			f.SetAttr(a.Key, a.Value)
		}
		f.SetAttr("phase", "stream")
		e = f
	}
	if err != nil {
		if denial(err) {
			e.Outcome = audit.OutcomeDenied
			e.SetAttr("policy", o.v.policy().Hash())
		} else {
			e.Outcome = audit.OutcomeError
			e.SetAttr("error", errorClass(err))
		}
		var ia *service.InvalidArgumentError
		if errors.As(err, &ia) {
			for k, v := range ia.Attrs() {
				e.SetAttr(k, v)
			}
		}
	}
	if aerr := o.v.audit.Submit(context.WithoutCancel(o.ctx), e, nil); aerr != nil {
		if err == nil {
			return fmt.Errorf("failed to record the access in the audit log, so nothing is returned: %w", aerr)
		}
		// The failure first: it is what went wrong, and often why the log
		// could not record it too (a store failed closed on damage).
		if strings.Contains(aerr.Error(), err.Error()) {
			return fmt.Errorf("%w (nor could the audit log record this failure, for the same reason)", err)
		}
		return fmt.Errorf("%w (and the audit log could not record this failure: %w)", err, aerr)
	}
	o.recorded = true
	return err
}

// denial reports whether err is a refusal by the policy or by consent,
// which the log records as denied rather than failed.
func denial(err error) bool {
	return errors.Is(err, service.ErrDenied) || errors.Is(err, service.ErrNoConsent)
}

// errorClass names the kind of a failure for the audit log without
// copying its message, which may quote input.
func errorClass(err error) string {
	var ie *service.IntegrityError
	switch {
	case errors.As(err, &ie), errors.Is(err, store.ErrCorrupt):
		return "integrity"
	case errors.Is(err, service.ErrNotFound), errors.Is(err, service.ErrNoPerson),
		errors.Is(err, service.ErrNoAttachment), errors.Is(err, service.ErrNoUser), errors.Is(err, service.ErrNoGrant):
		return "not-found"
	case errors.Is(err, service.ErrUserRevoked):
		return "revoked"
	case errors.Is(err, service.ErrUserExists):
		return "exists"
	case errors.Is(err, service.ErrInvalidArgument), errors.Is(err, service.ErrReasonRequired),
		errors.Is(err, service.ErrPurposeRequired), errors.Is(err, service.ErrRange),
		errors.Is(err, pseudonym.ErrMalformed), errors.Is(err, pseudonym.ErrCheck):
		return "invalid-argument"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	case errors.Is(err, service.ErrNoSpace):
		return "no-space"
	}
	return "failed"
}

// auditOrigin names the vault's log in checkpoints.
func (v *Vault) auditOrigin() string { return "tvault/" + v.secrets().VaultID }

// verifierKey derives the public verifier key from a signed-note Ed25519
// private key ("PRIVATE+KEY+name+hash+base64(1 || seed)"), which is all the
// keyring keeps.
func verifierKey(skey string) (string, error) {
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" {
		return "", errors.New("malformed audit key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return "", errors.New("malformed audit key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	return note.NewEd25519VerifierKey(parts[2], pub)
}

// verifier returns the verifier of the vault's audit log.
func (v *Vault) verifier() (note.Verifier, error) {
	key, err := verifierKey(v.auditKey())
	if err != nil {
		return nil, err
	}
	return note.NewVerifier(key)
}

// firstVerifier returns the verifier of the first key that signed the log
// in tx, from which the vault's own checks follow every handover to the
// current key (audit.Verifiers; a rekey hands over).
func (v *Vault) firstVerifier(tx store.ReadTx) (note.Verifier, error) {
	cur, err := v.verifier()
	if err != nil {
		return nil, err
	}
	vs, err := audit.Verifiers(tx, cur)
	if err != nil {
		return nil, err
	}
	return vs[0], nil
}

// auditMAC returns the keyed MAC under which a value that identifies a
// person may appear in the audit log.
func (v *Vault) auditMAC(value string) string {
	return audit.MACValue(v.derive(v.secrets().Live().Root, keys.AuditMAC), value)
}
