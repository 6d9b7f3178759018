package service

import (
	"testing"
	"time"

	"github.com/tvault/tvault/audit"
)

func TestAuditFilterMatch(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	e := &audit.Entry{Time: t0, Actor: "kim", Action: "export", Targets: []string{"a", "b"}}
	tests := []struct {
		name string
		f    AuditFilter
		want bool
	}{
		{"zero filter", AuditFilter{}, true},
		{"actor", AuditFilter{Actor: "kim"}, true},
		{"other actor", AuditFilter{Actor: "lee"}, false},
		{"actor is exact", AuditFilter{Actor: "ki"}, false},
		{"action", AuditFilter{Action: "export"}, true},
		{"other action", AuditFilter{Action: "get"}, false},
		{"first target", AuditFilter{Target: "a"}, true},
		{"second target", AuditFilter{Target: "b"}, true},
		{"other target", AuditFilter{Target: "c"}, false},
		{"since its time", AuditFilter{Since: t0}, true},
		{"since later", AuditFilter{Since: t0.Add(time.Microsecond)}, false},
		{"until its time", AuditFilter{Until: t0}, false},
		{"until later", AuditFilter{Until: t0.Add(time.Microsecond)}, true},
		{"all fields", AuditFilter{Actor: "kim", Action: "export", Target: "b", Since: t0, Until: t0.Add(time.Hour)}, true},
		{"all fields but one", AuditFilter{Actor: "kim", Action: "export", Target: "b", Since: t0, Until: t0}, false},
	}
	for _, tt := range tests {
		if got := tt.f.Match(e); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}
