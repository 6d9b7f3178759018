package vault

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tvault/tvault/crypto/keys"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/policy"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/view"
)

// Pseudonymisation domains and their grants.
//
// A view, a list or an export is made in a domain. The default domain
// (the empty name) is the officers': records are named by ID, with their
// case numbers and exact times. Any other domain refers to records only
// by its own references (refs): the record's pseudonym in the domain
// (crypto/pseudonym.Record under keys.RecordPseudonym(domain)), no case
// number, times coarsened to the month, persons by their pseudonyms of
// the domain, and records ordered by month and then by pseudonym, never
// by exact time, since an order shared by two outputs would be a join
// key. Two outputs of two domains share no reference to join records on;
// what they do share is the content of the views (see SECURITY.md).
//
// Researchers work only in domains an officer or admin granted them
// (GrantDomain; stored sealed under grant/<user>/<domain>), never in the
// default one, so that two grants cannot be joined through it. Whatever
// the policy, a researcher reads no testimony without research consent,
// and asking for one by its pseudonym gets the very answer of a missing
// record, while the audit log records the truth (conceal).

// domainName is the syntax of domain names: they go into audit entries
// and key labels as they are.
var domainName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// checkDomain checks a domain's name; the empty name, the default domain,
// is not one to check. The error does not quote the name: it may be
// anything a user typed.
func checkDomain(name string) error {
	if !domainName.MatchString(name) {
		return &service.InvalidArgumentError{Arg: "domain", Len: len(name),
			Want: "want 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"}
	}
	return nil
}

// refs is how an operation's output refers to records: by ID in the
// default domain (key nil), by the domain's record pseudonyms in any
// other.
type refs struct {
	domain string
	key    []byte
}

func (v *Vault) refs(domain string) refs {
	if domain == "" {
		return refs{}
	}
	return refs{domain: domain, key: keys.Derive(v.secrets().LineageRoot(), keys.RecordPseudonym(domain))}
}

// unlinkable reports whether r is a domain's, not the default.
func (r refs) unlinkable() bool { return r.key != nil }

// of returns how r refers to record id.
func (r refs) of(id string) string {
	if !r.unlinkable() {
		return id
	}
	b, err := idEncoding.DecodeString(id)
	if err != nil || len(b) != idBytes {
		// IDs come from the store, checked when they were made.
		panic(fmt.Sprintf("vault: malformed record ID %q", id))
	}
	return pseudonym.Record(r.key, [idBytes]byte(b))
}

// renderer makes rd refer to records as r does.
func (r refs) renderer(rd *view.Renderer) {
	if r.unlinkable() {
		rd.Unlinkable(r.of)
	}
}

// summary returns the summary of record id as r refers to it.
func (r refs) summary(id string, ie indexEntry) service.Summary {
	if r.unlinkable() {
		return service.Summary{ID: r.of(id), Created: view.Month(ie.Created), Sensitivity: ie.Sensitivity}
	}
	return service.Summary{ID: id, Case: ie.Case, Created: ie.Created, Sensitivity: ie.Sensitivity, Versions: ie.Versions}
}

// compareSummaries orders records oldest first, then by ID: in a
// domain's references, by month and then pseudonym, an order that no
// other domain shares.
func compareSummaries(a, b service.Summary) int {
	if c := a.Created.Compare(b.Created); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// decipher returns the record ID behind ref, a record pseudonym of rf's
// domain, and ref's canonical form. The entry gets both.
func (o *op) decipher(rf refs, ref string) (id, name string, err error) {
	name, err = pseudonym.ParseRecord(ref)
	if err != nil {
		return "", "", &service.InvalidArgumentError{Arg: "record", Want: "want a record ID or a record pseudonym (R-...)"}
	}
	if !rf.unlinkable() {
		return "", "", &service.InvalidArgumentError{Arg: "domain", Want: "a record pseudonym names a record only in its domain: give the domain"}
	}
	b, err := pseudonym.RecordID(rf.key, name)
	if err != nil {
		return "", "", err // ParseRecord took it
	}
	id = idEncoding.EncodeToString(b[:])
	o.attr("record-pseudonym", name)
	o.target(id)
	return id, name, nil
}

// domain checks the domain an operation works in and returns its
// references (refsOf), if the actor may work in it (granted).
func (o *op) domain(name string) (refs, error) {
	rf, err := o.refsOf(name)
	if err != nil {
		return refs{}, err
	}
	return rf, o.granted(name)
}

// refsOf checks a domain's name, sets it in the entry and returns its
// references.
func (o *op) refsOf(name string) (refs, error) {
	if name != "" {
		if err := o.domainName(name); err != nil {
			return refs{}, err
		}
	}
	return o.v.refs(name), nil
}

// domainName checks a domain's name, as text the log may hold
// (checkText), as a name (checkDomain) and as a name a user chose
// (checkName), and sets it in the entry. A name that passed as it is
// against the registry's matcher in force is not checked again: a
// researcher names a domain in every request, and checking it runs the
// recognisers and the matcher of the whole registry over it six times.
func (o *op) domainName(name string) error {
	m, _, err := o.v.names(o.ctx)
	if err == nil && o.v.reg.clean(m, name) {
		o.attr("domain", name)
		return nil
	}
	logged, err := o.checkText("domain", name)
	if err != nil {
		return err
	}
	if err := checkDomain(name); err != nil {
		return err
	}
	if err := o.checkName("domain", name); err != nil {
		return err
	}
	if logged == name && m != nil {
		o.v.reg.passed(m, name)
	}
	o.attr("domain", logged)
	return nil
}

// granted checks that the actor may work in domain name: anyone but a
// researcher may; a researcher must name a domain granted to them. The
// default domain is refused as an invalid argument, an ungranted one as a
// denial.
func (o *op) granted(name string) error {
	if o.e.Role != policy.Researcher {
		return nil
	}
	var answer error
	err := o.view(func(tx store.ReadTx) error {
		answer = o.grantedIn(tx, name)
		return nil
	})
	if err != nil {
		return fmt.Errorf("failed to read domain grants: %w", err)
	}
	return answer
}

// grantedIn is granted, reading the grant in tx: a view reads it in the
// transaction that reads the record.
func (o *op) grantedIn(tx store.ReadTx, name string) error {
	if o.e.Role != policy.Researcher {
		return nil
	}
	if name == "" {
		return &service.InvalidArgumentError{Arg: "domain", Want: "want a domain granted to you; researchers do not work in the default domain"}
	}
	_, err := tx.Get(grantKey(o.e.Actor, name))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &service.DeniedError{Role: o.e.Role, Action: o.e.Action, Domain: name}
	case err != nil:
		return fmt.Errorf("failed to read domain grants: %w", err)
	}
	return nil
}

// grant is the sealed store value of a domain grant.
type grant struct {
	Domain  string    `json:"domain"`
	User    string    `json:"user"`
	Granted time.Time `json:"granted"`
	By      string    `json:"by"`
}

// GrantDomain lets researcher user work in domain. The user must exist,
// be a researcher and not be revoked; granting a domain again changes
// nothing (the first grant stays on record).
func (v *Vault) GrantDomain(ctx context.Context, domain, user string) error {
	_, err := do(ctx, v, "domain.grant", []target{userTarget(user)}, func(o *op) (struct{}, error) {
		if err := o.domainName(domain); err != nil {
			return struct{}{}, err
		}
		err := o.write(func(tx store.Tx) error {
			u, err := v.readUser(tx, user)
			switch {
			case err != nil:
				return err
			case !u.Revoked.IsZero():
				return fmt.Errorf("user %s: %w", user, service.ErrUserRevoked)
			case u.Role != policy.Researcher:
				return &service.InvalidArgumentError{Arg: "user", Value: user,
					Want: fmt.Sprintf("domains are granted to researchers; %s is %s", user, u.Role)}
			}
			if _, err := tx.Get(grantKey(user, domain)); !errors.Is(err, store.ErrNotFound) {
				return err
			}
			return putJSON(tx, grantKey(user, domain), grant{Domain: domain, User: user, Granted: time.Now().UTC(), By: o.e.Actor})
		})
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to grant domain: %w", err)
		}
		return struct{}{}, nil
	})
	return err
}

// RevokeDomain withdraws the grant of domain to user, at once: the
// user's next view, list or export in it is denied.
func (v *Vault) RevokeDomain(ctx context.Context, domain, user string) error {
	_, err := do(ctx, v, "domain.revoke", []target{userTarget(user)}, func(o *op) (struct{}, error) {
		if err := o.domainName(domain); err != nil {
			return struct{}{}, err
		}
		err := o.write(func(tx store.Tx) error {
			if _, err := tx.Get(grantKey(user, domain)); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					err = fmt.Errorf("domain %s of user %s: %w", domain, user, service.ErrNoGrant)
				}
				return err
			}
			return tx.Delete(grantKey(user, domain))
		})
		if err != nil {
			return struct{}{}, fmt.Errorf("failed to revoke domain: %w", err)
		}
		return struct{}{}, nil
	})
	return err
}

// Domains returns the grants of user, or every grant if user is empty,
// ordered by user and domain. A researcher gets only their own, whatever
// user says: asking for another's is denied.
func (v *Vault) Domains(ctx context.Context, user string) ([]service.DomainGrant, error) {
	var targets []target
	if user != "" {
		targets = []target{userTarget(user)}
	}
	return do(ctx, v, "domain.list", targets, func(o *op) ([]service.DomainGrant, error) {
		if o.e.Role == policy.Researcher {
			if user != "" && user != o.e.Actor {
				return nil, &service.DeniedError{Role: o.e.Role, Action: o.e.Action}
			}
			user = o.e.Actor
		}
		prefix := []byte(grantPrefix)
		if user != "" {
			prefix = grantUserPrefix(user)
		}
		var out []service.DomainGrant
		err := o.view(func(tx store.ReadTx) error {
			out = out[:0]
			return tx.Scan(prefix, func(key, _ []byte) error {
				var g grant
				if err := getJSON(tx, key, &g); err != nil {
					return err
				}
				out = append(out, service.DomainGrant{Domain: g.Domain, User: g.User, Granted: g.Granted, By: g.By})
				return nil
			})
		})
		o.attr("count", fmt.Sprint(len(out)))
		if err != nil {
			return nil, fmt.Errorf("failed to list domain grants: %w", err)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].User != out[j].User {
				return out[i].User < out[j].User
			}
			return out[i].Domain < out[j].Domain
		})
		return out, nil
	})
}
