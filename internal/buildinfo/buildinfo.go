// Package buildinfo says which build of tvault is running, from the
// information the Go toolchain embeds in every binary
// (runtime/debug.ReadBuildInfo): the module version, the VCS commit and
// whether the tree had uncommitted changes. tvault and tvaultd print it
// for "version" and --version, so that a bug report names the build.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Unknown is the version of a build that carries none: a test binary, or
// a binary built without module information.
const Unknown = "(devel)"

// Info is what a binary knows of its build. It marshals to the JSON object
// that "tvault version --json" prints.
type Info struct {
	// Version is the main module's version: a tag (v1.2.0), a
	// pseudo-version for an untagged commit (v0.0.0-20261129154742-e76e677c1234,
	// with +dirty for a modified tree), or Unknown.
	Version string `json:"version"`
	// Commit is the full VCS revision the binary was built from, "" when
	// not recorded (go build -buildvcs=false, or outside a repository).
	Commit string `json:"commit,omitempty"`
	// Modified reports uncommitted changes in the tree at build time.
	Modified bool `json:"modified,omitempty"`
	// Go is the toolchain's version, as go1.26.0; Platform is GOOS/GOARCH.
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// Read returns the running binary's Info.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return FromBuildInfo(bi)
}

// FromBuildInfo returns the Info that bi (which may be nil) records.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{Version: Unknown, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi == nil {
		return info
	}
	if bi.Main.Version != "" {
		info.Version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		info.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String formats i as one line after the program's name, as
//
//	tvault v1.2.0 (commit e76e677c1234, modified) go1.26.0 linux/amd64
func (i Info) String() string {
	commit := ""
	switch {
	case i.Commit != "" && i.Modified:
		commit = fmt.Sprintf(" (commit %.12s, modified)", i.Commit)
	case i.Commit != "":
		commit = fmt.Sprintf(" (commit %.12s)", i.Commit)
	}
	return fmt.Sprintf("%s%s %s %s", i.Version, commit, i.Go, i.Platform)
}
