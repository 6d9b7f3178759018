package names

// doubleSurname returns the variant of a Spanish name of three or four
// Latin tokens without particles (José Manuel García Torres) that is its
// two family names alone, as Spanish documents and speakers use them
// (García Torres filed the appeal; García Torres, José Manuel):
// capitalised, the first of four letters or more and the second of three
// (Martínez Paz), eight together. It reports false for any other name.
func doubleSurname(person int32, name []token) (rawVariant, bool) {
	if len(name) < 3 || len(name) > 4 || vietnameseSurnames[plainKey(name[0].words[0])] {
		return rawVariant{}, false
	}
	for _, t := range name {
		if t.particle() || len(t.words) != 1 || !isASCIIWord(plainKey(t.words[0])) || patronymic(t.words[0]) {
			return rawVariant{}, false
		}
	}
	last := name[len(name)-2:]
	if last[0].weight < 4 || last[1].weight < 3 || weight(last) < 8 {
		return rawVariant{}, false
	}
	v := newRaw(person, rankGiven, last)
	v.capitals = true
	return v, true
}

// spanishGivenVariants returns the variants of a Spanish name of four
// tokens with two family names (doubleSurname) that its given names make:
// the compound given name alone (José Luis for José Luis Ramírez Ortega),
// as a nickname: capitalised, where the record names the person, and not
// before another capitalised name (José Luis Rodríguez Zapatero;
// otherNameNext); and the second given name with the first family name
// (Yesenia Martínez for Karla Yesenia Martínez Paz), capitalised, as a
// full name is. nil for any other name.
func spanishGivenVariants(person int32, name []token) []rawVariant {
	if _, ok := doubleSurname(person, name); !ok || len(name) != 4 {
		return nil
	}
	nick := newRaw(person, rankGiven, name[:2])
	nick.capitals, nick.nick = true, true
	second := newRaw(person, rankGiven, name[1:3])
	second.capitals = true
	return []rawVariant{nick, second}
}
