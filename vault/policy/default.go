package policy

import "slices"

// Default returns the built-in policy:
//
//   - officers do everything with testimonies and persons, in every view,
//     search them, record witnesses' consent, and erase (erase,
//     retention.plan, retention.apply);
//   - legal staff read the legal view: the narrative with pseudonyms and
//     no contact data, of testimonies with legal consent;
//   - researchers read and export the researcher view (no direct
//     identifier, quasi-identifiers generalised, no case number) of
//     testimonies with research consent, and list their domain grants;
//     the publication view, which requires publication consent, is the
//     officers' (see ErrResearcherGrant);
//   - auditors read the metadata view (ID and time), records' histories
//     (who stored each version, when, its size: what the log holds) and
//     the audit log, and check the vault (check);
//   - administrators manage users, domain grants and the policy, check
//     the vault, and read no content (so they do not search, which would
//     tell them what narratives say); officers grant domains too.
func Default() *Policy {
	reads := []string{"get", "list", "export", "policy.show"}
	domains := []string{"domain.grant", "domain.revoke", "domain.list"}
	auditOps := []string{"audit.log", "audit.checkpoint", "audit.key", "audit.export", "audit.verify", "audit.prove", "check"}
	return &Policy{
		Roles: map[string]Grant{
			Officer: {
				Operations: append([]string{"put", "put.replace", "history", "search", "export-raw", "redact.check",
					"erase", "retention.plan", "retention.apply",
					"person.list", "person.show", "person.merge", "person.edit", "reidentify",
					"consent.withdraw", "consent.grant", "consent.show",
					"attach", "attachment.list", "attachment.get", "attachment.raw", "audit.hash"}, slices.Concat(reads, domains)...),
				Views: []string{ViewFull, ViewLegal, ViewResearcher, ViewPublication, ViewMetadata},
			},
			Legal:      {Operations: reads, Views: []string{ViewLegal, ViewMetadata}},
			Researcher: {Operations: append(slices.Clone(reads), "domain.list"), Views: []string{ViewResearcher}},
			Auditor: {
				Operations: append([]string{"get", "history", "policy.show", "audit.hash"}, auditOps...),
				Views:      []string{ViewMetadata},
			},
			Admin: {Operations: append([]string{"policy.show", "policy.set", "user.add", "user.list", "user.revoke", "token.rotate", "audit.key", "check", "backup",
				"escrow.list", "escrow.add", "escrow.remove", "rekey", "format.list", "format.migrate"}, domains...)},
		},
		Views: map[string]View{
			ViewFull: {Fields: keepAll()},
			ViewLegal: {Consent: ConsentLegal, Fields: map[string]string{
				"case": Keep, "title": Pseudonymise,
				"interview.date": Keep, "interview.place": Keep, "interview.interviewer": Keep, "interview.language": Keep,
				"witness.name": Pseudonymise, "witness.birth_year": Keep, "witness.gender": Keep,
				"persons.name": Pseudonymise, "persons.relation": Keep,
				"consent": Keep, "sensitivity": Keep, "tags": Keep, "narrative": Pseudonymise,
			}},
			ViewResearcher:  {Consent: ConsentResearch, Fields: sharedFields()},
			ViewPublication: {Consent: ConsentPublication, Fields: sharedFields()},
			// The metadata view shows only what every view shows: the
			// record's ID and time.
			ViewMetadata: {Fields: map[string]string{}},
		},
	}
}

func keepAll() map[string]string {
	m := make(map[string]string, len(Fields))
	for f := range Fields {
		m[f] = Keep
	}
	return m
}

// sharedFields keeps no direct identifier (names, aliases, contacts,
// residence, interview place, interviewer, witness key) and no case number,
// and generalises quasi-identifiers.
func sharedFields() map[string]string {
	return map[string]string{
		"title":          Redact,
		"interview.date": Generalise, "interview.language": Keep,
		"witness.name": Pseudonymise, "witness.birth_year": Generalise, "witness.gender": Keep,
		"persons.name": Pseudonymise, "persons.relation": Keep,
		"consent": Keep, "sensitivity": Keep, "tags": Keep, "narrative": Redact,
	}
}
