package client_test

import (
	"testing"

	"github.com/tvault/tvault/client"
)

func TestFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	good := "tvt_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	for _, c := range []struct {
		vars map[string]string
		ok   bool
	}{
		{map[string]string{"TVAULT_ADDR": "unix:/run/tvaultd.sock", "TVAULT_TOKEN": good}, true},
		{map[string]string{"TVAULT_ADDR": "https://vault.example:8443", "TVAULT_TOKEN": good}, true},
		{map[string]string{"TVAULT_ADDR": "http://vault.example:8443", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "https://vault.example/x", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "unix:", "TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_TOKEN": good}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN": "secret"}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN": good, "TVAULT_TOKEN_FILE": "/x"}, false},
		{map[string]string{"TVAULT_ADDR": "unix:/s", "TVAULT_TOKEN_FILE": "/nonexistent/token"}, false},
	} {
		c2, err := client.FromEnv(env(c.vars))
		if (err == nil) != c.ok {
			t.Errorf("FromEnv(%v): %v", c.vars, err)
		}
		if c2 != nil {
			c2.Close()
		}
	}
}
