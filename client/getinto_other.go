//go:build !linux

package client

import (
	"context"
	"io"
	"os"
)

// getInto streams: the daemon takes an output file's descriptor on Linux
// only (getinto_linux.go).
func (c *Client) getInto(context.Context, string, *os.File, io.Writer) error {
	return &DescriptorError{Reason: "not passed on this system"}
}
