package main

import (
	"flag"
	"os"

	"github.com/tvault/tvault/vault/service"
)

const searchUsage = `Usage: tvault search [--person KEY] [--tag TAG] [--text WORDS] [--case CASE]
                     [--sensitivity LEVEL] [--from DATE] [--to DATE] [--json]

Finds the testimonies that match every criterion given, and lists them
oldest first as "tvault list" does: record ID, case number, when it was
first stored (UTC) and its sensitivity. Officers; each search is audited
with the records it found, its terms only as keyed MACs.

Words, tags and case numbers are compared normalised: Unicode NFKC and
case folding, so "SEOUL", "Seoul" and "Ｓｅｏｕｌ" are one word. A Korean word
also finds the words it begins: "평양" finds "평양에서". Other words match
whole: "sea" does not find "seoul". Nothing is written to disk in clear:
the index holds keyed MACs of the words, sealed (see SECURITY.md).

Options:
    --person KEY        testimonies naming the person of witness key KEY,
                        as witness or other person (merged keys included)
    --tag TAG           testimonies with tag TAG (the whole tag)
    --text WORDS        testimonies whose narrative or title holds every
                        word of WORDS
    --case CASE         testimonies of case number CASE
    --sensitivity LEVEL low, medium or high
    --from DATE         interviewed on or after DATE (YYYY-MM-DD)
    --to DATE           interviewed on or before DATE (YYYY-MM-DD)
    --json              print JSON Lines: one {"id", "case", "created",
                        "sensitivity", "versions"} object per testimony

Examples:
    $ tvault search --person TW-0101
    $ tvault search --tag detention --from 2019-01-01 --to 2019-12-31
    $ tvault search --text "Hyesan mill"
    $ tvault search --text 평양 --json | jq -r .id
`

func searchCommand(g *globals) *command {
	var q service.SearchQuery
	var asJSON bool
	return &command{
		name:  "search",
		short: "find testimonies by person, tag, words or dates (officers)",
		usage: searchUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&q.Person, "person", "", "witness key of a person named")
			fs.StringVar(&q.Tag, "tag", "", "tag")
			fs.StringVar(&q.Text, "text", "", "words of the narrative or title")
			fs.StringVar(&q.Case, "case", "", "case number")
			fs.StringVar(&q.Sensitivity, "sensitivity", "", "low, medium or high")
			fs.StringVar(&q.From, "from", "", "first interview date, YYYY-MM-DD")
			fs.StringVar(&q.To, "to", "", "last interview date, YYYY-MM-DD")
			fs.BoolVar(&asJSON, "json", false, "JSON Lines output")
		},
		run: func(args []string) error {
			if len(args) != 0 {
				return &usageError{msg: "search takes no arguments; give words with --text"}
			}
			if q == (service.SearchQuery{}) {
				return &usageError{msg: "search needs at least one of --person, --tag, --text, --case, --sensitivity, --from, --to"}
			}
			return withVault(g, func(v service.Service) error {
				found, err := v.Search(localContext(), q)
				if err != nil {
					return err
				}
				p := newSummaryPrinter(os.Stdout, asJSON, false)
				for _, s := range found {
					if err := p.print(s); err != nil {
						return err
					}
				}
				return p.flush()
			})
		},
	}
}
