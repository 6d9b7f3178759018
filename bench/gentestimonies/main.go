// Command gentestimonies writes N invented testimonies of about 4 KiB each
// in the import format, for benchmarks.
//
//	go run ./bench/gentestimonies -n 10000 -out /tmp/t
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tvault/tvault/internal/synthetic"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "gentestimonies: error: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 10000, "number of testimonies")
	out := flag.String("out", "", "output directory (created)")
	flag.Parse()
	if *out == "" {
		return fmt.Errorf("missing -out DIR")
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return err
	}
	for i := range *n {
		data, err := json.Marshal(synthetic.Testimony(i))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("t%06d.json", i)), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}
