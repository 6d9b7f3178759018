package main

import (
	"encoding/json"
	"os"
)

// printJSON writes v as one line of JSON on standard output. Narratives
// and notes quote "<" and "&"; they are printed as they are.
func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printJSONList writes list as a JSON array, "[]" when empty, never null,
// so that scripts can always iterate over it.
func printJSONList[T any](list []T) error {
	if list == nil {
		list = []T{}
	}
	return printJSON(list)
}
