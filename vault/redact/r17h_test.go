package redact

import "testing"

// TestResidenceParts17h: a line number before a bar is no house number;
// in Colombian notation the number after the street word is part of the
// street's name, so the house numbers are needed too; a postcode
// district alone is not the registered postcode; a contracted middle or
// last word of a street.
func TestResidenceParts17h(t *testing.T) {
	bogota := []string{"Carrera 7 # 45-12, apto 301, Chapinero, Bogotá"}
	london := []string{"Flat 2, 58 Kingsland High Street, London E8 2NS"}
	oaxaca := []string{"Calle Josefa Ortiz de Domínguez 27, Col. Reforma, 68050 Oaxaca de Juárez, Oax."}
	for _, tt := range []struct {
		text   string
		values []string
		want   string
	}{
		{"007| carrera séptima número cuarenta y cinco doce", bogota, "007| [REDACTED]"},
		{"002| Kingsland High Street 58", london, "002| [REDACTED]"},
		{"Carrera 7 No. 45-12", bogota, "[REDACTED]"},
		{"Cra. 7 No. 45-12", bogota, "[REDACTED]"},
		{"Carrera 7 #45-12, apto 301", bogota, "[REDACTED]"},
		{"la Carrera 7 es la más larga de Bogotá", bogota, "la Carrera 7 es la más larga de Bogotá"},
		{"E8 and E5 are Hackney districts", london, "E8 and E5 are Hackney districts"},
		{"E8 2NS", london, "[REDACTED]"},
		{"Kingsland H. St. 58", london, "[REDACTED]"},
		{"C. J. Ortiz de Dguez. 27", oaxaca, "C. [REDACTED]"},
		{"Pachuca, H. 34 personas", []string{"Calle Hidalgo 34, colonia Centro, Oaxaca"}, "Pachuca, H. 34 personas"},
		{"Kingsland H. 58 buses", london, "Kingsland H. 58 buses"},
	} {
		rs := NewResidenceSet(tt.values)
		spans := rs.Find(tt.text)
		checkSpans(t, tt.text, spans)
		if got := Apply(tt.text, spans); got != tt.want {
			t.Errorf("Find(%q) with %q:\n got %q\nwant %q", tt.text, tt.values, got, tt.want)
		}
	}
}

// TestNatoPlates: a run spelt in the NATO alphabet with digit words is a
// plate; a NATO word alone or beside other words, and digit words alone,
// stay.
func TestNatoPlates(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Lima Delta One Nine X-ray Kilo Foxtrot was the van", "[PLATE] was the van"},
		{"the plate: lima delta one nine xray kilo foxtrot.", "the plate: [PLATE]."},
		{"Echo Bravo four two", "[PLATE]"},
		{"Lima said one or two things", "Lima said one or two things"},
		{"Hotel India was full", "Hotel India was full"},
		{"one two three four", "one two three four"},
		{"Victor and Mike one two", "Victor and Mike one two"},
	} {
		spans := Recognise(tt.text)
		if got := Apply(tt.text, spans); got != tt.want {
			t.Errorf("Recognise(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
