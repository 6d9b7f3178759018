package pgstore_test

import (
	"context"
	"os"
	"testing"

	"github.com/tvault/tvault/internal/pgtest"
	"github.com/tvault/tvault/vault/blob"
	"github.com/tvault/tvault/vault/blob/blobtest"
	"github.com/tvault/tvault/vault/store"
	"github.com/tvault/tvault/vault/store/pgstore"
	"github.com/tvault/tvault/vault/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

func open(t *testing.T) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), pgtest.Conn(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestBlobConformance(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s.Blobs()
	})
}
