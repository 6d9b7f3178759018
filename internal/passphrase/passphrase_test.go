package passphrase

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content, want, err string
	}{
		{"plain", "correct horse", "correct horse", ""},
		{"newline", "correct horse\n", "correct horse", ""},
		{"crlf", "correct horse\r\n", "correct horse", ""},
		{"one ending only", "pass\n\n", "pass\n", ""},
		{"spaces kept", " pass ", " pass ", ""},
		{"empty", "", "", "is empty"},
		{"only newline", "\n", "", "is empty"},
		{"too large", strings.Repeat("x", MaxSize+1), "", "larger than"},
		{"at the limit", strings.Repeat("x", MaxSize), strings.Repeat("x", MaxSize), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			if err := os.WriteFile(name, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := File(name)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("File = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, err := File(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v, want ErrNotExist", err)
	}
}

func TestCommand(t *testing.T) {
	const secret = "s3cret-output"
	for _, tc := range []struct {
		name, command, want string
		err                 error  // errors.Is
		errText             string // or a part of the message
	}{
		{"first line", "printf 'correct horse\\nsecond line\\n'", "correct horse", nil, ""},
		{"no newline", "printf pass", "pass", nil, ""},
		{"crlf", "printf 'pass\\r\\n'", "pass", nil, ""},
		{"quoting and pipes", `echo "a  b" | tr a-z A-Z`, "A  B", nil, ""},
		{"nothing printed", "true", "", ErrCommandOutput, ""},
		{"empty first line", "printf '\\npass\\n'", "", ErrCommandOutput, ""},
		{"too much", "head -c 5000 /dev/zero | tr '\\0' x", "", ErrCommandOutput, ""},
		{"fails", "echo " + secret + "; exit 3", "", nil, "exit status 3"},
		{"not found", "/nonexistent/tvault-pass", "", nil, "exit status 127"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Command(tc.command)
			switch {
			case tc.err != nil || tc.errText != "":
				if err == nil || tc.err != nil && !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.errText) {
					t.Fatalf("error %v, want %v %q", err, tc.err, tc.errText)
				}
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error %q shows the command's output", err)
				}
			case err != nil || got != tc.want:
				t.Fatalf("Command = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
