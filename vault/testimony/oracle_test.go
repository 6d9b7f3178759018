package testimony

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// The oracle that FuzzParse checks the decoder against: the parser this
// package had before its decoder, which checked the schema over
// encoding/json's tokens and then decoded with json.Unmarshal, each
// reading of the input by encoding/json's own rules.

// oracleParse is ParseBytes by the oracle, for input already checked
// for size and UTF-8, without its byte-order mark.
func oracleParse(data []byte) (*Testimony, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := oracleCheckObject(dec, schema, ""); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the testimony object")
	}
	var t Testimony
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

func oracleExpectDelim(dec *json.Decoder, path string, want json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		if path == "" {
			return fmt.Errorf("want a JSON %s, got %s", what, oracleDescribe(tok))
		}
		return fieldErr(path, "want %s, got %s", what, oracleDescribe(tok))
	}
	return nil
}

func oracleCheckObject(dec *json.Decoder, fields []field, path string) error {
	if err := oracleExpectDelim(dec, path, '{', "object"); err != nil {
		return err
	}
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // json.Decoder yields only string keys in objects
		var f *field
		for i := range fields {
			if fields[i].name == key {
				f = &fields[i]
			}
		}
		if f == nil {
			return fieldErr(join(path, key), "unknown field")
		}
		if seen[key] {
			return fieldErr(join(path, key), "duplicated field")
		}
		seen[key] = true
		if err := oracleCheckValue(dec, *f, join(path, key)); err != nil {
			return err
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			return fieldErr(join(path, f.name), "missing required field")
		}
	}
	_, err := dec.Token() // the closing brace; More said there is no other
	return err
}

func oracleCheckValue(dec *json.Decoder, f field, path string) error {
	switch f.kind {
	case kindObject:
		return oracleCheckObject(dec, f.fields, path)
	case kindPersons:
		return oracleCheckList(dec, path, func(i int) error {
			return oracleCheckObject(dec, f.fields, fmt.Sprintf("%s[%d]", path, i))
		})
	case kindStrings:
		return oracleCheckList(dec, path, func(i int) error {
			return oracleStringToken(dec, fmt.Sprintf("%s[%d]", path, i))
		})
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch f.kind {
	case kindBool:
		if _, ok := tok.(bool); !ok {
			return fieldErr(path, "want true or false, got %s", oracleDescribe(tok))
		}
		return nil
	case kindYear:
		n, ok := tok.(json.Number)
		if !ok {
			return fieldErr(path, "want an integer year, got %s", oracleDescribe(tok))
		}
		y, err := strconv.Atoi(string(n))
		if err != nil || y < 1850 || y > 2100 {
			return fieldErr(path, "want a year from 1850 to 2100, got %s", n)
		}
		return nil
	}
	s, ok := tok.(string)
	if !ok {
		return fieldErr(path, "want a string, got %s", oracleDescribe(tok))
	}
	return checkString(f, path, s)
}

func oracleStringToken(dec *json.Decoder, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if _, ok := tok.(string); !ok {
		return fieldErr(path, "want a string, got %s", oracleDescribe(tok))
	}
	return nil
}

func oracleCheckList(dec *json.Decoder, path string, elem func(i int) error) error {
	if err := oracleExpectDelim(dec, path, '[', "a list"); err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		if err := elem(i); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// describe names a JSON token's type for an error message.
func oracleDescribe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		if v == '[' {
			return "a list"
		}
	}
	return fmt.Sprintf("%v", tok)
}
