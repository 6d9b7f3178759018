package redact

import "testing"

func TestResidenceSet(t *testing.T) {
	cn := []string{"吉林省延吉市河南街道光明社区5栋2单元301"}
	ru := []string{"г. Владивосток, ул. Светланская, д. 120, кв. 45"}
	en := []string{"Flat 3, 27 Harbour Road, Leith, Edinburgh EH6 6LP"}
	ko := []string{"경기도 안산시 단원구 고잔동 715-3"}
	es := []string{"Colonia Kennedy, bloque 12, casa 7, Tegucigalpa"}
	vi := []string{"thôn 3, xã Nghi Phong, huyện Nghi Lộc, Nghệ An"}
	tests := []struct {
		text   string
		values []string
		want   string
	}{
		// Chinese building notation, numerals and a suffix of the value.
		{"她住在光明社区5栋2单元301。", cn, "她住在[REDACTED]。"},
		{"5号楼2单元301室", cn, "[REDACTED]"},
		{"光明社区五栋二单元三零一室", cn, "[REDACTED]"},
		{"五栋二单元三百零一", cn, "[REDACTED]"},
		{"我们在河南街道光明社区租房", cn, "我们在[REDACTED]租房"},
		{"光明社区5栋", cn, "[REDACTED]"},
		// Russian: house and flat in words, the street in another case.
		{"Светланская сто двадцать, квартира сорок пять", ru, "[REDACTED]"},
		{"жила на Светланской, сто двадцать", ru, "жила на [REDACTED]"},
		{"Светланская 120, кв. 45", ru, "[REDACTED]"},
		// English words, a flat after the address or before it.
		{"twenty-seven Harbour Road", en, "[REDACTED]"},
		{"27 Harbour Rd, flat three", en, "[REDACTED]"},
		{"flat three, twenty-seven Harbour Road, Leith", en, "[REDACTED]"},
		{"at Twenty Seven Harbour road.", en, "at [REDACTED]."},
		// Korean: the lot number in Sino-Korean numerals, 다시 for the dash.
		{"안산 단원구 고잔동 칠백십오 다시 삼", ko, "안산 [REDACTED]"},
		{"고잔동 칠백십오번지에 살았다", ko, "[REDACTED]에 살았다"},
		{"곳은 고잔동 칠백십오 다시 삼이었어요.", ko, "곳은 [REDACTED]이었어요."},
		// Spanish and Vietnamese words.
		{"en la Kennedy, bloque doce, casa siete", es, "en la [REDACTED]"},
		{"thôn ba, xã Nghi Phong", vi, "[REDACTED]"},
		// What identifies nobody stays: a number alone, a street alone,
		// other numbers, counts, other notations of other places.
		{"сто двадцать человек, сорок пять дней", ru, "сто двадцать человек, сорок пять дней"},
		{"Светланская улица длинная", ru, "Светланская улица длинная"},
		{"Светланская сто двадцать один", ru, "Светланская сто двадцать один"},
		{"Harbour Road is a long road", en, "Harbour Road is a long road"},
		{"27 girls worked there, three in each flat", en, "27 girls worked there, three in each flat"},
		{"twenty-eight Harbour Road", en, "twenty-eight Harbour Road"},
		{"三楼302", cn, "三楼302"},
		{"5个人住2个房间", cn, "5个人住2个房间"},
		{"光明日报", cn, "光明日报"},
		{"延吉市很冷", cn, "延吉市很冷"},
		{"칠백 명이 고잔동에", ko, "칠백 명이 고잔동에"},
		{"고잔동 사람들이 칠백십오 명", ko, "고잔동 사람들이 칠백십오 명"},
		{"doce personas, siete días", es, "doce personas, siete días"},
		{"Harbour Road\n27 girls", en, "Harbour Road\n27 girls"},
		{"", en, ""},
	}
	for _, tt := range tests {
		rs := NewResidenceSet(tt.values)
		spans := rs.Find(tt.text)
		checkSpans(t, tt.text, spans)
		if got := Apply(tt.text, spans); got != tt.want {
			t.Errorf("Find(%q) with %q:\n got %q\nwant %q", tt.text, tt.values, got, tt.want)
		}
	}
}

func TestNumberComposer(t *testing.T) {
	tests := []struct {
		words []string
		want  int
	}{
		{[]string{"twenty", "seven"}, 27},
		{[]string{"сто", "двадцать"}, 120},
		{[]string{"сорок", "пять"}, 45},
		{[]string{"three", "oh", "one"}, 301},
		{[]string{"seven", "hundred", "fifteen"}, 715},
		{[]string{"mil", "doscientos", "treinta", "cuatro"}, 1234},
	}
	for _, tt := range tests {
		var c numberComposer
		for _, w := range tt.words {
			v, mult := NumberWord(w), false
			switch w {
			case "hundred":
				v, mult = 100, true
			case "mil":
				v, mult = 1000, true
			}
			if !c.add(v, mult) {
				t.Fatalf("%q: %q does not continue the number", tt.words, w)
			}
		}
		if c.value() != tt.want {
			t.Errorf("%q = %d, want %d", tt.words, c.value(), tt.want)
		}
	}
	for w, want := range map[string]int{"三百零一": 301, "三零一": 301, "二十五": 25, "三百二十": 320, "十五": 15, "两千": 2000} {
		var c numberComposer
		for _, r := range w {
			if !c.add(hanNumeralValue(r)) {
				t.Fatalf("%s: %c does not continue the number", w, r)
			}
		}
		if c.value() != want {
			t.Errorf("%s = %d, want %d", w, c.value(), want)
		}
	}
}
