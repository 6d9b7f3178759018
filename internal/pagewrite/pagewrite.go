// Package pagewrite writes large files through the page cache in small
// write(2) calls.
//
// On the 2-vCPU benchmark machine (a VM, Linux 6.18, ext4), writing 1 GiB
// to a new file cost 1.3 to 2.0 s of system time in 1 MiB writes and 0.44
// to 0.60 s in 32 KiB writes, about the size of age's own output writes
// (docs/BENCHMARKS.md, "Session 8"), nearly all of it in the kernel's copy
// into the page cache. The likely cause: the kernel gives a write of n
// bytes page-cache folios of up to n bytes, and large blocks of memory are
// those a VM has handed back to its host, paid for again at first touch.
// The system calls that smaller writes add cost far less.
package pagewrite

import "io"

// Max is the most a Writer passes on in one Write.
const Max = 32 << 10

// Writer returns a writer that passes each Write on to w in pieces of at
// most Max bytes, stopping at the first error; it returns the bytes w
// took.
func Writer(w io.Writer) io.Writer { return writer{w} }

type writer struct{ w io.Writer }

// Unwrap returns the writer that the pieces go to, for a caller that can
// hand a file to another writer (package client passes it to tvaultd,
// which writes in pieces of its own).
func (s writer) Unwrap() io.Writer { return s.w }

func (s writer) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		m, err := s.w.Write(p[:min(len(p), Max)])
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}
