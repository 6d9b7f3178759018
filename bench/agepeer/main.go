// Command agepeer is the peer of a batch put in bench/put-batch.sh: it
// encrypts every file of a directory with age to the given recipients,
// one after another on one core (GOMAXPROCS=1), as the age CLI does
// without its process start-up, and writes nothing (io.Discard): the
// cost of age's own encryption of the same records.
//
//	go run ./bench/agepeer -r age1pq1... [-r ...] DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"filippo.io/age"
)

type recipients []string

func (r *recipients) String() string     { return strings.Join(*r, ",") }
func (r *recipients) Set(s string) error { *r = append(*r, s); return nil }

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "agepeer: error: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	var rs recipients
	flag.Var(&rs, "r", "recipient (age1... or age1pq1...), repeatable")
	flag.Parse()
	if len(rs) == 0 || flag.NArg() != 1 {
		return fmt.Errorf("usage: agepeer -r RECIPIENT... DIR")
	}
	runtime.GOMAXPROCS(1)
	var recips []age.Recipient
	for _, s := range rs {
		var r age.Recipient
		var err error
		if strings.HasPrefix(s, "age1pq1") {
			r, err = age.ParseHybridRecipient(s)
		} else {
			r, err = age.ParseX25519Recipient(s)
		}
		if err != nil {
			return err
		}
		recips = append(recips, r)
	}
	files, err := filepath.Glob(filepath.Join(flag.Arg(0), "*.json"))
	if err != nil {
		return err
	}
	start := time.Now()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		w, err := age.Encrypt(io.Discard, recips...)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	d := time.Since(start)
	fmt.Printf("%d files in %.2fs: %.0f files/s\n", len(files), d.Seconds(), float64(len(files))/d.Seconds())
	return nil
}
