package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

// TestConn checks that each test gets an empty place of its own: tables
// created without a schema in one are not seen from the other.
func TestConn(t *testing.T) {
	ctx := context.Background()
	a, b := Conn(t), Conn(t)
	if a == b {
		t.Fatalf("two calls returned the connection string %q", a)
	}
	for _, conn := range []string{a, b} {
		c, err := pgx.Connect(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		var seen bool
		if err := c.QueryRow(ctx, "SELECT to_regclass('t') IS NOT NULL").Scan(&seen); err != nil || seen {
			t.Fatalf("table t seen before it is created: %v, %v", seen, err)
		}
		if _, err := c.Exec(ctx, "CREATE TABLE t (k bytea PRIMARY KEY)"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "INSERT INTO t VALUES ('x')"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWithParam(t *testing.T) {
	for _, tt := range []struct{ in, key, want string }{
		{"postgres://u:p@h:5432/db?sslmode=disable", "dbname", "postgres://u:p@h:5432/x?sslmode=disable"},
		{"postgresql://h", "dbname", "postgresql://h/x"},
		{"postgres://h/db?sslmode=disable", "options", "postgres://h/db?options=x&sslmode=disable"},
		{"host=/tmp user=u dbname=db", "dbname", "host=/tmp user=u dbname=db dbname=x"},
		{"host=/tmp dbname=db", "options", "host=/tmp dbname=db options=x"},
	} {
		got, err := withParam(tt.in, tt.key, "x")
		if err != nil || got != tt.want {
			t.Errorf("withParam(%q, %s) = %q, %v; want %q", tt.in, tt.key, got, err, tt.want)
		}
	}
}
