package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tvault/tvault/internal/progress"
	"github.com/tvault/tvault/vault"
	"github.com/tvault/tvault/vault/service"
	"github.com/tvault/tvault/vault/testimony"
)

const putUsage = `Usage: tvault put FILE... [--files-from LIST] [--json]
       tvault put --replace ID FILE [--json]

Stores each testimony file (JSON in the import format; - reads standard
input) and prints the new record IDs, one per line, in the order given.
Every file is checked before anything is stored: one bad file stores none.
Any number of files may be stored at once; a few hundred at a time are
in memory.

Each field has a bound, in bytes of UTF-8 (a Hangul syllable is 3) or,
for a list, entries: case 128, title 512, interview.place 512,
interview.interviewer 256, interview.language 64, persons 256, tags 64
of at most 64 bytes each, redact 256 of 256; and of each person: key 64,
name 256, aliases 32 of 256, gender 64, contact 256, residence 512,
relation 128. The narrative is bounded only by the file's 16 MiB.
Records stored before these bounds still open, list and export; a new
version of one must be within them. The registry's record of a person
is bounded too ("tvault help person"): a testimony that would give a
person a 33rd alias or a 65th past contact or residence is refused.

Options:
    --files-from LIST  store the files named in LIST too, one a line, after
                       those given as arguments (- reads the list from
                       standard input): for more files than a command
                       line holds
    --replace ID       store FILE as a new version of record ID; earlier
                       versions are kept
    --json             print JSON Lines, one {"id", "file"} object a line;
                       with --replace, one {"id", "version"} object

Examples:
    $ tvault put interviews/*.json
    $ find interviews -name '*.json' | tvault put --files-from -
    $ tvault put --replace 5kq2m9xd7cz3vbn4rhtwp6ajye corrected.json
`

func putCommand(g *globals) *command {
	var replace, filesFrom string
	var asJSON bool
	return &command{
		name:  "put",
		short: "store testimonies",
		usage: putUsage,
		flags: func(fs *flag.FlagSet) {
			g.vaultFlags(fs)
			fs.StringVar(&filesFrom, "files-from", "", "file listing testimony files, one a line")
			fs.StringVar(&replace, "replace", "", "record ID to replace")
			fs.BoolVar(&asJSON, "json", false, "JSON output")
		},
		run: func(args []string) error {
			if filesFrom != "" {
				switch {
				case replace != "":
					return &usageError{msg: "--files-from and --replace given together", hint: "--replace takes exactly one file"}
				case filesFrom == "-" && slices.Contains(args, "-"):
					return &usageError{msg: "--files-from - and a testimony on standard input (-) given together"}
				}
				more, err := readFileList(filesFrom)
				if err != nil {
					return err
				}
				args = append(args, more...)
			}
			return runPut(g, args, replace, asJSON)
		},
	}
}

// putLine is a line of put --json.
type putLine struct {
	ID      string `json:"id"`
	File    string `json:"file,omitempty"`
	Version int    `json:"version,omitempty"`
}

func runPut(g *globals, files []string, replace string, asJSON bool) error {
	switch {
	case len(files) == 0:
		return &usageError{msg: "no files to store", hint: `give testimony files, or - for standard input`}
	case replace != "" && len(files) != 1:
		return &usageError{msg: "--replace takes exactly one file"}
	}
	if replace != "" {
		return runReplace(g, files[0], replace, asJSON)
	}
	// Every file is checked before anything is encrypted, and read again
	// to be stored, so that memory stays flat whatever their number.
	m := g.meter("checking")
	stdin, err := checkTestimonies(files, m)
	m.Done()
	if err != nil {
		return err
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	m = g.meter("storing")
	read := 0
	ids, notes, err := v.PutBatch(localContext(), func() (string, []byte, error) {
		if read == len(files) {
			return "", nil, io.EOF
		}
		name := files[read]
		read++
		m.Printf("%d of %d files", read, len(files))
		if name == "-" {
			return displayName(name), stdin, nil
		}
		data, err := readFile(name)
		return name, data, err
	})
	m.Done()
	if err != nil {
		return err
	}
	lines := make([]putLine, len(ids))
	for i, id := range ids {
		lines[i] = putLine{ID: id, File: files[i]}
		if !asJSON {
			fmt.Println(id)
		}
	}
	if asJSON {
		if err := printJSONLines(lines); err != nil {
			return err
		}
	}
	printAliasNotes(files, notes)
	return v.Close()
}

func runReplace(g *globals, file, id string, asJSON bool) error {
	data, err := readFile(file)
	if err != nil {
		return err
	}
	doc, err := checkTestimony(file, data)
	if err != nil {
		return err
	}
	v, err := g.connect()
	if err != nil {
		return err
	}
	defer v.Close()
	version, notes, err := v.Replace(localContext(), id, doc)
	if err != nil {
		return err
	}
	if asJSON {
		err = printJSON(putLine{ID: id, Version: version})
	} else {
		_, err = fmt.Println(id)
	}
	if err != nil {
		return err
	}
	printAliasNotes([]string{file}, notes)
	return v.Close()
}

// printAliasNotes tells the officer which known witness keys came with a
// new name, and which fields of the registry a testimony changed. It
// names the key, file and fields, never a value: terminals get recorded
// and shared.
func printAliasNotes(files []string, notes []service.AliasNote) {
	for _, n := range notes {
		if n.Alias {
			fmt.Fprintf(os.Stderr, "tvault: note: %s: witness key %s is registered under another name; the new name was added as an alias\n", displayName(files[n.Record]), n.Key)
		}
		if len(n.Changed) > 0 {
			fmt.Fprintf(os.Stderr, "tvault: note: %s: the registry's %s of witness key %s changed to this testimony's; views still hide a former contact or residence (tvault person show %s)\n",
				displayName(files[n.Record]), strings.Join(n.Changed, ", "), n.Key, n.Key)
		}
	}
}

func displayName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return file
}

// openInput opens the file name, or standard input for "-", which its
// Close leaves open.
func openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	return os.Open(name)
}

// readFileList reads the file names of --files-from, one a line; blank
// lines are skipped. A list read from standard input leaves none for a
// testimony.
func readFileList(list string) ([]string, error) {
	r, err := openInput(list)
	if err != nil {
		return nil, fmt.Errorf("failed to read the file list: %w", err)
	}
	defer r.Close()
	var names []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		switch name := sc.Text(); {
		case name == "":
		case name == "-" && list == "-":
			return nil, &usageError{msg: "--files-from - and a testimony on standard input (-) given together"}
		default:
			names = append(names, name)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("failed to read the file list: %w", err)
	}
	return names, nil
}

// checkTestimonies parses and checks every file, on all cores, before
// any is stored, and returns the first failure in the order given. It
// keeps no testimony, but what standard input held (-), which cannot be
// read twice.
func checkTestimonies(files []string, m *progress.Meter) (stdin []byte, err error) {
	stdinUses := 0
	for _, name := range files {
		if name == "-" {
			stdinUses++
		}
	}
	if stdinUses > 1 {
		return nil, &usageError{msg: "standard input (-) given more than once"}
	}
	errs := make([]error, len(files))
	var checked atomic.Int64
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := readFile(files[i])
				if err == nil {
					_, err = checkTestimony(files[i], data)
				}
				if files[i] == "-" {
					stdin = data
				}
				errs[i] = err
				m.Printf("%d of %d files", checked.Add(1), len(files))
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return stdin, nil
}

// readFile reads a testimony file (- is standard input), and no more of
// it than testimony.ParseBytes, which refuses it, needs to tell that it is
// larger than an import file may be.
func readFile(name string) ([]byte, error) {
	r, err := openInput(name)
	if err != nil {
		return nil, fmt.Errorf("failed to read testimony: %w", err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, testimony.MaxSize+1))
	if err != nil {
		return nil, &testimony.ParseError{File: displayName(name), Err: err}
	}
	return data, nil
}

// checkTestimony parses data, the file name, and checks that its names
// can be stored.
func checkTestimony(name string, data []byte) (*testimony.Testimony, error) {
	d, err := testimony.ParseBytes(displayName(name), data)
	if err != nil {
		return nil, err
	}
	return d, vault.CheckNames(displayName(name), d)
}
