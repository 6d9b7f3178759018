// Package multidaemon holds the end-to-end test of several tvaultd
// processes serving one vault in one PostgreSQL database (issue 17): two
// daemons, 16 clients writing and reading through both at once. It has no
// code of its own.
//
// CI runs it for a few seconds; the documented run (docs/DEPLOY.md) for
// 30:
//
//	go test ./cmd/tvaultd/multidaemon/ -run TestTwoDaemons -v -duration 30s
package multidaemon
