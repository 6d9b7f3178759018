package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// maxIdentityFile bounds an identity file, as age bounds its own.
const maxIdentityFile = 1 << 20

// readIdentities reads the age identity files given with --identity, as
// age -i reads them: one identity a line, blank lines and # comments
// skipped; native (AGE-SECRET-KEY-PQ-1..., AGE-SECRET-KEY-1...) or a
// plugin's (AGE-PLUGIN-...), whose program age-plugin-NAME must be
// installed. Passphrase-encrypted identity files are not read: decrypt
// them with age first, to a file only the operator can read.
func readIdentities(files []string) ([]age.Identity, error) {
	var ids []age.Identity
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("failed to read identity file: %w", err)
		}
		got, err := parseIdentities(io.LimitReader(f, maxIdentityFile+1))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("identity file %s: %w", name, err)
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

func parseIdentities(r io.Reader) ([]age.Identity, error) {
	var ids []age.Identity
	sc := bufio.NewScanner(r)
	n, size := 0, 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		size += len(sc.Bytes()) + 1
		if size > maxIdentityFile {
			return nil, fmt.Errorf("larger than %d bytes", maxIdentityFile)
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var id age.Identity
		var err error
		if strings.HasPrefix(line, "AGE-PLUGIN-") {
			id, err = plugin.NewIdentity(line, pluginUI)
		} else {
			var got []age.Identity
			got, err = age.ParseIdentities(strings.NewReader(line))
			if err == nil {
				id = got[0]
			}
		}
		if err != nil {
			// Never the line: it is a secret key.
			return nil, fmt.Errorf("line %d: not an age identity", n)
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no identity in it")
	}
	return ids, nil
}

// pluginUI is how an age plugin talks to the operator: on the terminal.
var pluginUI = plugin.NewTerminalUI(
	func(format string, v ...any) { fmt.Fprintf(os.Stderr, "tvault: "+format+"\n", v...) },
	func(format string, v ...any) { fmt.Fprintf(os.Stderr, "tvault: warning: "+format+"\n", v...) })
