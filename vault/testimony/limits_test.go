package testimony

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// docBounds reads the bounds of the table in the package documentation
// (testimony.go): field path ("person.name" for any person's) to the
// bound of the value and, for a list of strings, of each string.
func docBounds(t testing.TB) map[string][2]int {
	t.Helper()
	src, err := os.ReadFile("testimony.go")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^//\t([a-z_.]+) +.*?   +(\d+)(?: of (\d+))?$`)
	out := map[string][2]int{}
	for _, m := range row.FindAllStringSubmatch(string(src), -1) {
		n, _ := strconv.Atoi(m[2])
		item, _ := strconv.Atoi(m[3])
		out[m[1]] = [2]int{n, item}
	}
	if len(out) < 10 {
		t.Fatalf("found %d bounds in the documentation's table", len(out))
	}
	return out
}

// TestBoundsDocumented checks that the schema bounds exactly the fields
// the documentation says, as it says.
func TestBoundsDocumented(t *testing.T) {
	want := docBounds(t)
	got := map[string][2]int{}
	var walk func(prefix string, fields []field)
	walk = func(prefix string, fields []field) {
		for _, f := range fields {
			if f.max > 0 {
				got[prefix+f.name] = [2]int{f.max, f.itemMax}
			}
			if f.kind == kindObject && f.name != "witness" {
				walk(prefix+f.name+".", f.fields)
			}
		}
	}
	walk("", schema)
	walk("person.", personSchema)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the schema's bounds\n%v\nthe documentation's\n%v", got, want)
	}
}

// withField returns minimal with the value of the field at path (as the
// documentation's table names it, person.* being the witness's) set to
// v, and persons[0] added if path is a person's.
func withField(t testing.TB, path string, v any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(minimal), &m); err != nil {
		t.Fatal(err)
	}
	obj := m
	if name, ok := strings.CutPrefix(path, "person."); ok {
		obj, path = m["witness"].(map[string]any), name
	} else if name, ok := strings.CutPrefix(path, "interview."); ok {
		obj = map[string]any{}
		m["interview"], path = obj, name
	}
	obj[path] = v
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// text returns a string of n bytes, Hangul where it fits: bounds count
// bytes, not characters.
func text(n int) string {
	return strings.Repeat("가", n/3) + strings.Repeat("a", n%3)
}

func list(n int, item string) []any {
	l := make([]any, n)
	for i := range l {
		l[i] = item
	}
	return l
}

func persons(n int) []any {
	l := make([]any, n)
	for i := range l {
		l[i] = map[string]any{"key": fmt.Sprintf("P-%d", i), "name": "A B"}
	}
	return l
}

// TestParseBounds checks every bound of the documentation: a value at it
// is accepted, one over it refused by ParseBytes and ParsePerson with a
// *LimitError naming the field, the bound and the size, and accepted as
// stored (ParseStored, ParseStoredPerson) unchanged.
func TestParseBounds(t *testing.T) {
	for path, b := range docBounds(t) {
		type value struct {
			v     any
			field string
			limit LimitError
		}
		var at, over []value
		switch {
		case path == "persons":
			at = []value{{v: persons(b[0])}}
			over = []value{{persons(b[0] + 1), path, LimitError{b[0], b[0] + 1, true}}}
		case path == "interview.language":
			at = []value{{v: "en" + strings.Repeat("-abcdefg", (b[0]-2)/8)}}
			long := "en" + strings.Repeat("-abcdefg", (b[0]-2)/8+1)
			over = []value{{long, path, LimitError{b[0], len(long), false}}}
		case b[1] > 0:
			at = []value{{v: list(b[0], text(b[1]))}}
			over = []value{
				{list(b[0]+1, "x"), path, LimitError{b[0], b[0] + 1, true}},
				{list(3, text(b[1]+1)), path + "[0]", LimitError{b[1], b[1] + 1, false}},
			}
		case path == "narrative":
			continue // MaxSize: TestParseSizeLimit
		default:
			at = []value{{v: "A" + text(b[0]-1)}}
			over = []value{{"A" + text(b[0]), path, LimitError{b[0], b[0] + 1, false}}}
		}
		field := func(f string) string { return strings.Replace(f, "person.", "witness.", 1) }
		for _, c := range at {
			data := withField(t, path, c.v)
			if _, err := ParseBytes("f.json", data); err != nil {
				t.Errorf("%s at its bound: %v", path, err)
			}
		}
		for _, c := range over {
			data := withField(t, path, c.v)
			_, err := ParseBytes("f.json", data)
			var pe *ParseError
			var le *LimitError
			if !errors.As(err, &pe) || pe.Field != field(c.field) || !errors.As(err, &le) || *le != c.limit {
				t.Errorf("%s over its bound: %v, want field %s and %+v", path, err, field(c.field), c.limit)
				continue
			}
			unit := map[bool]string{false: "bytes", true: "entries"}[c.limit.Entries]
			if want := fmt.Sprintf("f.json: field %s: %d %s, over the limit of %d", field(c.field), c.limit.Size, unit, c.limit.Limit); err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			stored, err := ParseStored("f.json", data)
			if err != nil {
				t.Errorf("%s over its bound, as stored: %v", path, err)
			} else if back, _ := ParseStored("c", stored.Canonical()); !reflect.DeepEqual(back, stored) {
				t.Errorf("%s over its bound, as stored: canonical form reads back as %+v", path, back)
			}
			if p, ok := strings.CutPrefix(path, "person."); ok {
				person, _ := json.Marshal(map[string]any{"key": "K", "name": "A B", p: c.v})
				if _, err := ParsePerson("person", person); !errors.As(err, &le) {
					t.Errorf("ParsePerson, %s over its bound: %v", p, err)
				}
				if _, err := ParseStoredPerson("person", person); err != nil {
					t.Errorf("ParseStoredPerson, %s over its bound: %v", p, err)
				}
			}
		}
	}
}

// TestParseBoundedMemory checks that the entries of a list beyond its
// bound are counted, not kept: a file of 32,768 tags is refused without
// a list of them (512 KiB of their strings' headers alone, twice that as
// it grows).
func TestParseBoundedMemory(t *testing.T) {
	const n = 1 << 15
	data := withField(t, "tags", list(n, "a"))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ParseBytes("f.json", data)
	runtime.ReadMemStats(&after)
	var le *LimitError
	if !errors.As(err, &le) || le.Size != n {
		t.Fatalf("%d tags: %v", n, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<10 {
		t.Fatalf("%d bytes allocated to refuse %d tags", alloc, n)
	}
}
