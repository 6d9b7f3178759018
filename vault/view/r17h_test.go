package view

import (
	"slices"
	"testing"

	"github.com/tvault/tvault/vault/testimony"
)

// TestPartHandles: a handle-shaped token holding a name part of the
// record's persons, any part, is found whole and attributed; a handle of
// no part, a name with a full stop or hyphen alone, an address and a
// particle stay.
func TestPartHandles(t *testing.T) {
	in := Input{
		Doc: &testimony.Testimony{
			Witness: testimony.Person{Name: "Itzel Berenice Palma Rosales", Aliases: []string{"Bere"}},
			Persons: []testimony.Person{{Name: "Efraín Mora del Castillo"}, {Name: "Ana Mora"}},
		},
		WitnessID: "w", PersonIDs: []string{"efrain", "ana"},
	}
	parts := nameParts(in)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"sale como itzel_rosales27 en Insta", []string{"itzel_rosales27=w"}},
		{"aparece como palma-rosales.05.", []string{"palma-rosales.05=w"}},
		{"usa efrain.castillo_oax", []string{"efrain.castillo_oax=efrain"}},
		{"tag: BERE2005", []string{"BERE2005=w"}},
		{"los mora_hermanos", []string{"mora_hermanos="}},
		{"bere_y_efrain", []string{"bere_y_efrain="}},
		{"la cuenta es cantina_norte", nil},
		{"Rosales. Palma-Rosales dijo", nil},
		{"escribe a bere.palma@correo.mx", nil},
		{"el bar del_sol_77", nil},
		{"itzel_rosales27ñ", nil},
	} {
		var got []string
		for _, h := range partHandles(c.text, func() map[string]string { return parts }) {
			got = append(got, c.text[h.start:h.end]+"="+h.id)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestKanaNames: runs of katakana joined by a middle dot are listed as
// possible names; a katakana word alone and a dangling dot are not.
func TestKanaNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"チェ・ウンビョル was her name. ハン・ソック too", []string{"チェ・ウンビョル", "ハン・ソック"}},
		{"パク・チヨンさんは", []string{"パク・チヨン"}},
		{"シェルター staff", nil},
		{"チェ・ and ・ウン", nil},
		{"[P-1]・ウン", nil},
	} {
		if got := kanaNames(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
