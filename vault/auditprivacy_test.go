package vault

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tvault/tvault/audit"
	"github.com/tvault/tvault/crypto/pseudonym"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/view"
)

// traces are what of the fixtures' registry the calls below type into
// free-text arguments; none may reach the log, in any case. Digits are
// looked for whole: a hex MAC or hash in the log may hold any four.
var traces = []string{"minji", "min-ji", "sunhee", "sparrow", "tw-0101", "tw-0102", "5550-2468", "minji.park87", "870311-2345678", "장미",
	"pothae", "오오오공", "fifty-five fifty", "valentine", "m12345678", "1234567", "nwbk6016", "gomc850214", "칠칠팔일", "quatre-vingt-dix", "45 06"}

// lastEntry returns the log's last entry before the audit.log read that
// fetches it.
func lastEntry(t *testing.T, v *Vault) *audit.Entry {
	t.Helper()
	var all []*audit.Entry
	if err := v.AuditLog(ctx, service.AuditFilter{}, func(e *audit.Entry) error { all = append(all, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return all[len(all)-2]
}

// tracesIn returns the first of traces that e holds, or "".
func tracesIn(e *audit.Entry) string {
	text, _ := e.MarshalText()
	for _, s := range traces {
		if bytes.Contains(bytes.ToLower(text), []byte(s)) {
			return s
		}
	}
	return ""
}

// TestAuditPrivacy: a purpose, reason or domain that holds an identifier,
// names a registered person or holds a registered witness key is refused
// as an invalid argument that says which without quoting it, and the
// attempt is recorded without it; a pseudonym or view argument enters an
// entry only once it is valid. No trace of any of it is in the log.
func TestAuditPrivacy(t *testing.T) {
	v, _ := newEngine(t, Options{})
	docs := loadFixtures(t)
	// A witness whose given name is also a word (장미, "rose"),
	// which a researcher view takes for her only in a record naming her.
	everyday := *docs[0]
	everyday.Case, everyday.Witness.Key, everyday.Witness.Name, everyday.Witness.Aliases = "TV-2020-777", "TW-0777", "오장미", nil
	everyday.Witness.Contact, everyday.Witness.Residence, everyday.Persons = "", "양강도 삼지연시 포태동", nil
	// Witnesses whose residences a purpose quotes by their parts (r17a).
	albion, lenina := everyday, everyday
	albion.Case, albion.Witness.Key, albion.Witness.Name = "TV-2020-778", "TW-0778", "Đinh Thị Xuyến"
	albion.Witness.Residence = "14 Albion Street, Hull HU1 3TG"
	lenina.Case, lenina.Witness.Key, lenina.Witness.Name = "TV-2020-779", "TW-0779", "Таисия Глебовна Журавлёва"
	lenina.Witness.Residence = "г. Хабаровск, ул. Ленина, д. 45, кв. 12"
	// A witness named in another spelling (review 13l Q2).
	dari := everyday
	dari.Case, dari.Witness.Key, dari.Witness.Name, dari.Witness.Residence = "TV-2020-780", "TW-0780", "Zarghuna Ahmadzai", ""
	ids, _, err := v.Put(ctx, append(docs, &everyday, &albion, &lenina, &dari))
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.PersonByKey(ctx, "TW-0101")
	if err != nil {
		t.Fatal(err)
	}
	export := func(c context.Context, o service.ExportOptions) error {
		_, err := v.Export(c, o, func(*view.Record) error { return nil })
		return err
	}
	const (
		person = "names a registered person"
		key    = "holds a registered witness key"
	)
	for _, c := range []struct {
		name, action, found string
		call                func() error
	}{
		{"purpose names a witness", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "follow-up on Park Minji"})
		}},
		{"purpose names a person by alias", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "as Min-ji asked"})
		}},
		{"purpose, a given name in capitals", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "SUNHEE's follow-up"})
		}},
		{"purpose, an everyday given name with a particle", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "follow-up: 장미가 요청"})
		}},
		{"reason, an everyday given name with an ending", "reidentify", person, func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "장미가 전화했다")
			return err
		}},
		{"purpose holds a phone number", "export", "identifier (phone)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "call back on +82 10-5550-2468"})
		}},
		{"purpose holds a witness key", "export", key, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "tw-0101 follow-up"})
		}},
		{"export domain names a person", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "study", Domain: "sparrow"})
		}},
		{"view domain names a person", "get", person, func() error {
			_, err := v.GetView(ctx, ids[0], "researcher", "study of Jang Sunhee")
			return err
		}},
		{"reason names a person", "reidentify", person, func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "Park Minji asked to withdraw")
			return err
		}},
		{"reason holds an e-mail address", "reidentify", "identifier (email)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "mail from minji.park87@example.com")
			return err
		}},
		{"reason holds a resident number", "reidentify", "identifier (national-id)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "RRN 870311-2345678 matches")
			return err
		}},
		{"purpose names a witness in another spelling", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "Zarghona Ahmadzay follow-up"})
		}},
		{"reason gives a birth year by the Tibetan cycle", "reidentify", "identifier (date)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "born in the Iron Horse year, check")
			return err
		}},
		{"purpose gives a birth year by its Hijri month", "export", "identifier (date)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "born in Ramadan 1411 check"})
		}},
		{"purpose gives a birth year by the can chi", "export", "identifier (date)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "sinh năm Bính Tý check"})
		}},
		{"purpose gives a birth year, which a view bands", "export", "identifier (date)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "those born in 1987, Seoul"})
		}},
		{"purpose, a phone with the arae-a for a middle dot", "export", "identifier (phone)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "call 010\u318D5550\u318D2468"})
		}},
		{"purpose, a phone read in thousands", "export", "identifier (phone)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "영일공 오천오백오십 이천사백육십팔"})
		}},
		// What a view hides of a registered value, in other forms (review
		// 13f): a residence romanised, a contact read out in numbers of
		// tens or by a group of its digits.
		{"purpose, a residence romanised", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "Pothae-dong returnees"})
		}},
		{"purpose, a residence's street with its number after it", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "Albion St, no. 14 visit"})
		}},
		{"purpose, a residence's street romanised", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "Lenina 45, apt 12 visit"})
		}},
		{"purpose, a residence's postcode without its space, not a handle", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "HU13TG home visit"})
		}},
		{"purpose, a registered phone read in numbers of tens", "export", person, func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "ten fifty-five fifty twenty-four sixty-eight"})
		}},
		{"reason, a group of a registered phone read out", "reidentify", person, func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "오오오공 callback")
			return err
		}},
		{"purpose, a date by a holiday and its year", "export", "identifier (date)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "Valentine's Day 1987 cohort"})
		}},
		{"purpose, an address in Chinese numerals", "export", "identifier (address)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "东莞长安镇锦厦路十八号"})
		}},
		{"reason, a plate without separators", "reidentify", "identifier (plate)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "biển 37A 12345")
			return err
		}},
		{"purpose, a handle of a name and digits", "export", "identifier (handle)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "카톡 아이디는 하늘79"})
		}},
		{"purpose, a handle of a record by its shape", "export", "identifier (handle)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "sky_haneul79 check"})
		}},
		{"reason, a handle of letters and digits", "reidentify", "identifier (handle)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "crane71 follow-up")
			return err
		}},
		{"purpose, a birthday", "export", "identifier (date)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "생일은 음력 오월 초팔일"})
		}},
		// Documents, accounts, plates and phones read out (r14j).
		{"purpose, a passport number", "export", "identifier (passport)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "여권번호 M12345678 follow-up"})
		}},
		{"reason, a Russian passport", "reidentify", "identifier (passport)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "паспорт серии 45 06 № 123456")
			return err
		}},
		{"purpose, an IBAN", "export", "identifier (id-number)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "paid to GB29NWBK60161331926819"})
		}},
		{"purpose, a CURP", "export", "identifier (national-id)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "CURP GOMC850214MDFRRR09 case"})
		}},
		{"reason, a plate in words", "reidentify", "identifier (plate)", func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "", "번호판 삼사나 칠칠팔일")
			return err
		}},
		{"purpose, a phone in French words", "export", "identifier (phone)", func() error {
			return export(ctx, service.ExportOptions{View: "researcher", Purpose: "numéro zéro six, douze, trente-quatre, soixante-dix-huit, quatre-vingt-dix"})
		}},
		{"reason of a reidentify that would fail, a phone", "reidentify", "identifier (phone)", func() error {
			_, err := v.Reidentify(ctx, "P-XXXX-XXXX", "", "call 010-5550-2468")
			return err
		}},
		{"reidentify domain holds a key", "reidentify", key, func() error {
			_, err := v.Reidentify(ctx, p.Pseudonym, "TW-0102", "duplicate check")
			return err
		}},
		{"user name names a person as words", "user.add", person, func() error {
			_, err := v.AddUser(ctx, "minji.park", "researcher", 0)
			return err
		}},
		{"user name, to an admin", "user.add", "may name a person", func() error {
			_, err := v.AddUser(as("admin"), "sunhee_jang", "researcher", 0)
			return err
		}},
		{"revoking a user name that names a person", "user.revoke", person, func() error {
			return v.RevokeUser(ctx, "park.minji")
		}},
		{"user name holds a phone number", "user.add", "identifier (phone)", func() error {
			_, err := v.AddUser(ctx, "r.010-5550-2468", "researcher", 0)
			return err
		}},
		{"domain names a person as words", "domain.grant", person, func() error {
			return v.GrantDomain(ctx, "Minji.Park", "lee.research")
		}},
		{"domain names a person, to an admin", "domain.grant", "may name a person", func() error {
			return v.GrantDomain(as("admin"), "study_Sunhee", "lee.research")
		}},
		{"a name for a pseudonym", "reidentify", "P-XXXX-XXXX", func() error {
			_, err := v.Reidentify(ctx, "Park Minji", "", "x")
			return err
		}},
		{"a name for a view", "export", "want one of", func() error {
			return export(ctx, service.ExportOptions{View: "Park Minji", Purpose: "study"})
		}},
	} {
		err := c.call()
		if !errors.Is(err, service.ErrInvalidArgument) && !errors.Is(err, pseudonym.ErrMalformed) {
			t.Errorf("%s: %v, want an invalid argument", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.found) {
			t.Errorf("%s: %q does not say it %s", c.name, err, c.found)
		}
		var ie *service.InvalidArgumentError
		if errors.As(err, &ie) && ie.Value != "" {
			t.Errorf("%s: the error quotes the value: %q", c.name, err)
		}
		e := lastEntry(t, v)
		if e.Action != c.action || e.Outcome != audit.OutcomeError || e.Attr("error") != "invalid-argument" {
			t.Errorf("%s: last entry %s:%s (%s), want %s:error (invalid-argument)", c.name, e.Action, e.Outcome, e.Attr("error"), c.action)
		}
		if s := tracesIn(e); s != "" {
			t.Errorf("%s: the refused attempt is recorded with %q: %+v", c.name, s, e)
		}
	}

	// Arguments that name no one are recorded as typed.
	if err := export(ctx, service.ExportOptions{View: "researcher", Purpose: "border crossing study, March 2026", Domain: "study-2026-03"}); err != nil {
		t.Fatal(err)
	}
	if e := lastEntry(t, v); e.Purpose != "border crossing study, March 2026" || e.Attr("domain") != "study-2026-03" || e.Attr("view") != "researcher" {
		t.Fatalf("export entry %+v", e)
	}
	if _, err := v.Reidentify(ctx, strings.ToLower(p.Pseudonym), "", "witness asked to withdraw"); err != nil {
		t.Fatal(err)
	}
	if e := lastEntry(t, v); len(e.Targets) != 1 || e.Targets[0] != p.Pseudonym || e.Purpose != "witness asked to withdraw" {
		t.Fatalf("reidentify entry %+v, want the canonical pseudonym %s", e, p.Pseudonym)
	}

	var log bytes.Buffer
	if err := v.AuditExport(ctx, &log); err != nil {
		t.Fatal(err)
	}
	lower := bytes.ToLower(log.Bytes())
	for _, s := range traces {
		if bytes.Contains(lower, []byte(s)) {
			t.Errorf("the audit log holds %q", s)
		}
	}
}

// TestAuditPrivacyNoOracle: to a role that may not list the registry, a
// refusal would tell whether a name is registered, so a purpose that names
// a registered person is answered as one that names no one, and enters the
// entry as its keyed MAC. An identifier, which tells nothing of the
// registry, is refused for every role.
func TestAuditPrivacyNoOracle(t *testing.T) {
	v, _ := newEngine(t, Options{})
	if _, _, err := v.Put(ctx, loadFixtures(t)); err != nil {
		t.Fatal(err)
	}
	researcher := asResearcher(t, v, "study")
	for _, purpose := range []string{"follow-up on Park Minji", "follow-up on Kim Nobody"} {
		if _, err := v.Export(researcher, service.ExportOptions{View: "researcher", Purpose: purpose, Domain: "study"}, func(*view.Record) error { return nil }); err != nil {
			t.Fatalf("researcher export for %q: %v", purpose, err)
		}
	}
	var got []string
	v.AuditLog(ctx, service.AuditFilter{Actor: "user-researcher"}, func(e *audit.Entry) error {
		got = append(got, e.Purpose)
		return nil
	})
	if want := []string{v.auditMAC("follow-up on Park Minji"), "follow-up on Kim Nobody"}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("researcher export purposes %q, want %q", got, want)
	}
	_, err := v.Export(researcher, service.ExportOptions{View: "researcher", Purpose: "call +82 10-5550-2468", Domain: "study"}, func(*view.Record) error { return nil })
	if !errors.Is(err, service.ErrInvalidArgument) {
		t.Fatalf("researcher export with a phone number in its purpose: %v", err)
	}
}

func TestContainsWord(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"TW-0101", "TW-0101", true},
		{"SEE TW-0101.", "TW-0101", true},
		{"(TW-0101)", "TW-0101", true},
		{"TW-01012", "TW-0101", false},
		{"XTW-0101", "TW-0101", false},
		{"TW-01012 AND TW-0101", "TW-0101", true},
		{"민서TW-0101", "TW-0101", false},
		{"", "TW-0101", false},
		{"ANYTHING", "", false},
	} {
		if got := containsWord(c.s, c.w); got != c.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", c.s, c.w, got, c.want)
		}
	}
}

// containsWord reports whether w occurs in s with no letter or digit
// either side, as keySet.in finds a key.
func containsWord(s, w string) bool {
	return w != "" && (&keySet{set: map[string]*regPerson{w: nil}, longest: len(w)}).in(s)
}
