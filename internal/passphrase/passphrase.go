// Package passphrase reads a vault passphrase from where an operator keeps
// it for tvault and tvaultd: a file (TVAULT_PASSPHRASE_FILE,
// --passphrase-file) or the output of a command (TVAULT_PASSPHRASE_COMMAND,
// as restic's RESTIC_PASSWORD_COMMAND). Neither ever shows what it read in
// an error.
package passphrase

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// MaxSize bounds what is read of a passphrase file or command output.
const MaxSize = 4 << 10

// File returns the passphrase in the file name: its contents without one
// trailing line ending (\n or \r\n), which editors and echo add. An empty
// passphrase or a file over MaxSize is an error.
func File(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("failed to read passphrase file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return "", fmt.Errorf("failed to read passphrase file: %w", err)
	}
	if len(data) > MaxSize {
		return "", fmt.Errorf("passphrase file %s is larger than %d bytes", name, MaxSize)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	if len(data) == 0 {
		return "", fmt.Errorf("passphrase file %s is empty", name)
	}
	return string(data), nil
}

// ErrCommandOutput is the error of a passphrase command whose output holds
// no passphrase: nothing, an empty first line, or more than MaxSize bytes.
var ErrCommandOutput = errors.New("passphrase command printed no passphrase on its first line")

// Command runs command with /bin/sh -c, so that it may be a pipeline or
// quote its arguments as the shell does, and returns the first line of
// its standard output (without \n or \r\n). The command reads tvault's
// standard input and writes its errors to tvault's standard error, so
// that a password manager may ask for its own passphrase. An exit status
// other than zero is an error naming the status, never the output.
func Command(command string) (string, error) {
	var out limitedBuffer
	cmd := exec.Command("/bin/sh", "-c", command)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, &out, os.Stderr
	err := cmd.Run()
	if out.over {
		return "", fmt.Errorf("%w: it printed more than %d bytes", ErrCommandOutput, MaxSize)
	}
	if err != nil {
		return "", fmt.Errorf("passphrase command failed: %w", err)
	}
	line, _, _ := bytes.Cut(out.buf.Bytes(), []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return "", ErrCommandOutput
	}
	return string(line), nil
}

// limitedBuffer keeps the first MaxSize bytes written to it and reports
// more as an error, which ends the copy from the command.
type limitedBuffer struct {
	buf  bytes.Buffer
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > MaxSize {
		b.over = true
		return 0, errors.New("passphrase command output too large")
	}
	return b.buf.Write(p)
}
