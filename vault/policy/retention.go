package policy

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A RetentionRule says how long the testimonies it matches are kept: a
// record of the sensitivity Sensitivity (low, medium or high), or with
// the tag Tag, or both when both are set, is due for erasure After (a
// number and a unit: "10y", "18m" or "90d", years, months or days) from
// its interview date, or, for a testimony that gives none, from when it
// was stored. When several rules match a record, the earliest due date
// wins. Nothing is erased by a rule alone: "tvault retention apply" or
// tvaultd's --retention-interval erases what is due, each erasure
// audited with the rule as its reason.
//
// In a policy file, "retention" is an optional list:
//
//	"retention": [{"sensitivity": "low", "after": "10y"}, {"tag": "duplicate", "after": "30d"}]
type RetentionRule struct {
	Sensitivity string `json:"sensitivity,omitempty"`
	Tag         string `json:"tag,omitempty"`
	After       string `json:"after"`
}

// Sensitivities lists the sensitivity levels of a testimony.
var Sensitivities = []string{"low", "medium", "high"}

// String describes r as audit entries give it as an erasure's reason.
func (r RetentionRule) String() string {
	var what []string
	if r.Sensitivity != "" {
		what = append(what, "sensitivity "+r.Sensitivity)
	}
	if r.Tag != "" {
		what = append(what, "tag "+r.Tag)
	}
	return fmt.Sprintf("retention rule: %s, %s after the interview", strings.Join(what, " and "), r.After)
}

// Matches reports whether r applies to a testimony of that sensitivity
// and tags.
func (r RetentionRule) Matches(sensitivity string, tags []string) bool {
	return (r.Sensitivity == "" || r.Sensitivity == sensitivity) && (r.Tag == "" || slices.Contains(tags, r.Tag))
}

// Due returns when a testimony of that start (its interview date) is due
// for erasure under r. r must have passed Check.
func (r RetentionRule) Due(start time.Time) time.Time {
	n, unit, _ := parsePeriod(r.After)
	switch unit {
	case 'y':
		return start.AddDate(n, 0, 0)
	case 'm':
		return start.AddDate(0, n, 0)
	}
	return start.AddDate(0, 0, n)
}

// check reports what is wrong with r.
func (r RetentionRule) check() error {
	if r.Sensitivity == "" && r.Tag == "" {
		return errors.New(`a rule needs "sensitivity", "tag" or both`)
	}
	if r.Sensitivity != "" && !slices.Contains(Sensitivities, r.Sensitivity) {
		return fmt.Errorf("unknown sensitivity %q: want %s", r.Sensitivity, strings.Join(Sensitivities, ", "))
	}
	if _, _, err := parsePeriod(r.After); err != nil {
		return err
	}
	return nil
}

// parsePeriod parses "10y", "18m" or "90d": a positive whole number of at
// most 3 digits and a unit (a due date stays within four-digit years).
func parsePeriod(s string) (int, byte, error) {
	bad := fmt.Errorf("after %q: want a number and y, m or d, such as \"10y\"", s)
	if len(s) < 2 || len(s) > 4 {
		return 0, 0, bad
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || strings.IndexFunc(s[:len(s)-1], func(r rune) bool { return r < '0' || r > '9' }) >= 0 ||
		(unit != 'y' && unit != 'm' && unit != 'd') {
		return 0, 0, bad
	}
	return n, unit, nil
}
