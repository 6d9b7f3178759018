package view

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// WriteJSON writes r to w followed by a newline, byte for byte as a
// json.Encoder with SetEscapeHTML(false) and SetIndent(prefix, indent)
// writes it, but without holding the encoding of the narrative in memory:
// the narrative goes out in pieces of 64 KiB (WriteJSONString), the rest is
// encoded whole. An Encoder would build the whole encoding, and indent it
// into a second buffer, before writing: two more copies of a narrative of
// up to 16 MiB.
func (r *Record) WriteJSON(w io.Writer, prefix, indent string) error {
	head := *r
	head.Narrative = ""
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(&head); err != nil {
		return err
	}
	if r.Narrative == "" {
		_, err := w.Write(buf.Bytes())
		return err
	}
	// Narrative is Record's last member, and id, view and created are
	// always there: the narrative goes after them, before the closing
	// brace ("}\n", or "\n" prefix "}\n" indented).
	closing := "}\n"
	if prefix != "" || indent != "" {
		closing = "\n" + prefix + closing
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte(closing))
	member := `,"narrative":`
	if prefix != "" || indent != "" {
		member = ",\n" + prefix + indent + `"narrative": `
	}
	if _, err := w.Write(append(b, member...)); err != nil {
		return err
	}
	if err := WriteJSONString(w, r.Narrative); err != nil {
		return err
	}
	_, err := io.WriteString(w, closing)
	return err
}

// jsonPiece is how much of a string WriteJSONString encodes at a time.
const jsonPiece = 64 << 10

// WriteJSONString writes s to w as a JSON string, byte for byte as
// encoding/json with HTML escaping off encodes it, a piece at a time, so
// that the encoding of a long string is never whole in memory.
func WriteJSONString(w io.Writer, s string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if _, err := io.WriteString(w, `"`); err != nil {
		return err
	}
	for len(s) > 0 {
		// A piece ends where a rune starts, or after three continuation
		// bytes, which no valid rune spans: a valid rune is then whole in
		// one piece, and encoding/json replaces each byte of an invalid
		// sequence by itself, so the pieces encode as the whole does.
		n := min(len(s), jsonPiece)
		for k := 0; k < utf8.UTFMax-1 && n < len(s) && !utf8.RuneStart(s[n]); k++ {
			n++
		}
		buf.Reset()
		if err := enc.Encode(s[:n]); err != nil {
			return err
		}
		// Encode wrote the piece quoted, and a newline.
		if _, err := w.Write(buf.Bytes()[1 : buf.Len()-2]); err != nil {
			return err
		}
		s = s[n:]
	}
	_, err := io.WriteString(w, `"`)
	return err
}
