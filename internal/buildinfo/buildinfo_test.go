package buildinfo

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "e76e677c1234567890abcdef1234567890abcdef"
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "(devel) " + runtime.Version() + " " + platform},
		{"no version", &debug.BuildInfo{GoVersion: "go1.26.0"}, "(devel) go1.26.0 " + platform},
		{"devel, no vcs", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "(devel) go1.26.0 " + platform},
		{"tag", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: vcs(rev, "false")},
			"v1.2.0 (commit e76e677c1234) go1.26.0 " + platform},
		{"modified tree", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261129154742-e76e677c1234+dirty"}, Settings: vcs(rev, "true")},
			"v0.0.0-20261129154742-e76e677c1234+dirty (commit e76e677c1234, modified) go1.26.0 " + platform},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FromBuildInfo(tc.bi).String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	if got := FromBuildInfo(&debug.BuildInfo{Settings: vcs(rev, "true")}); got.Commit != rev || !got.Modified {
		t.Errorf("commit %q, modified %v; want the full revision, modified", got.Commit, got.Modified)
	}
}
