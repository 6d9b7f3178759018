package client_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoStorageEngine checks that a program talking to tvaultd links no
// storage engine: the client depends on the service contract, not on the
// engine behind it.
func TestNoStorageEngine(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/tvault/tvault/client").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/dgraph-io/", "go.opentelemetry.io/", "github.com/tvault/tvault/vault/store/badgerstore"} {
			if strings.HasPrefix(pkg, banned) {
				t.Errorf("client depends on %s", pkg)
			}
		}
	}
}
