// Package h2frames reads what an HTTP/2 endpoint announces when a
// connection opens (RFC 9113, sections 3.4, 6.5 and 6.9), so that tests can
// check the flow-control windows and frame sizes that tvaultd and its client
// put on the wire, not only what they configure.
package h2frames

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Preface is the client's connection preface (RFC 9113, section 3.4).
const Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

// Setting identifiers (RFC 9113, section 6.5.2).
const (
	SettingInitialWindowSize = 0x4
	SettingMaxFrameSize      = 0x5
)

// Frame types (RFC 9113, section 6).
const (
	typeSettings     = 0x4
	typeWindowUpdate = 0x8
)

// flagAck marks a SETTINGS frame that acknowledges the peer's.
const flagAck = 0x1

// Opening is what an endpoint announced at the start of a connection: its
// first SETTINGS frame, and the increment of the connection's
// flow-control window (stream 0) in any WINDOW_UPDATE read before
// ReadOpening stopped, 0 if none.
type Opening struct {
	Settings   map[uint16]uint32
	ConnWindow uint32
}

// ReadOpening reads frames from r, which must start at a frame (after the
// client's preface, for a client), until it has read the endpoint's
// first SETTINGS frame and then either a WINDOW_UPDATE of stream 0 or
// maxFrames frames in all. It fails if r ends first or a frame is
// malformed.
func ReadOpening(r io.Reader, maxFrames int) (*Opening, error) {
	var o Opening
	for range maxFrames {
		var hdr [9]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, fmt.Errorf("failed to read a frame header: %w", err)
		}
		n := uint32(hdr[0])<<16 | uint32(hdr[1])<<8 | uint32(hdr[2])
		typ, flags := hdr[3], hdr[4]
		stream := binary.BigEndian.Uint32(hdr[5:]) & (1<<31 - 1)
		if n > 1<<14 { // the opening frames are small; none is above the minimum frame size
			return nil, fmt.Errorf("frame of type %#x is %d bytes long", typ, n)
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(r, payload); err != nil {
			return nil, fmt.Errorf("failed to read a frame of type %#x: %w", typ, err)
		}
		switch {
		case typ == typeSettings && flags&flagAck == 0 && o.Settings == nil:
			if n%6 != 0 {
				return nil, fmt.Errorf("SETTINGS frame of %d bytes, not a multiple of 6", n)
			}
			o.Settings = make(map[uint16]uint32)
			for p := payload; len(p) > 0; p = p[6:] {
				o.Settings[binary.BigEndian.Uint16(p)] = binary.BigEndian.Uint32(p[2:])
			}
		case typ == typeWindowUpdate && stream == 0:
			if n != 4 {
				return nil, fmt.Errorf("WINDOW_UPDATE frame of %d bytes, want 4", n)
			}
			o.ConnWindow = binary.BigEndian.Uint32(payload) & (1<<31 - 1)
		}
		if o.Settings != nil && o.ConnWindow != 0 {
			return &o, nil
		}
	}
	if o.Settings == nil {
		return nil, errors.New("no SETTINGS frame")
	}
	return &o, nil
}
