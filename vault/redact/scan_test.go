package redact

import "testing"

// TestPatternsCompile compiles every pattern of the package: lazyRegexp
// compiles each at its first use, so a pattern no other test reaches
// would otherwise panic only in a user's process.
func TestPatternsCompile(t *testing.T) {
	if len(patterns) == 0 {
		t.Fatal("no patterns: lazyRegexp did not register them")
	}
	for _, re := range patterns {
		re()
	}
}
