package names

import "testing"

func TestTibetanForms(t *testing.T) {
	for _, c := range []struct{ name, han, pinyin, wylie string }{
		{"Pema Yangchen", "白玛央金", "baima yangjin", "padma dbyangs-can"},
		{"Lobsang Tashi", "洛桑扎西", "luosang zhaxi", "blo-bzang bkra-shis"},
		{"Péma Yangchen", "白玛央金", "baima yangjin", "padma dbyangs-can"},
		{"Tenzin Tsering", "丹增次仁", "danzeng ciren", "bstan-'dzin tshe-ring"},
	} {
		han, pinyin, wylie, ok := tibetanForms(c.name)
		if !ok || han != c.han || pinyin != c.pinyin || wylie != c.wylie {
			t.Errorf("tibetanForms(%q) = %q, %q, %q, %v", c.name, han, pinyin, wylie, ok)
		}
	}
	// Not Tibetan names: an element with a word that is none, or alone.
	for _, name := range []string{"Pema Chodron Smith", "Tashi", "Karma Police"} {
		if _, _, _, ok := tibetanForms(name); ok {
			t.Errorf("tibetanForms(%q): a Tibetan name", name)
		}
	}
}

// TestTibetanNames checks review 13l's q8 (Pema Yangchen, Lobsang Tashi)
// in Tibetan script, Wylie, Han and pinyin, and what must stay: an
// element alone, the greeting Tashi Delek in each script, ordinary
// Tibetan and Chinese.
func TestTibetanNames(t *testing.T) {
	m := newMatcher(t, []Person{
		{ID: "pema", Name: "Pema Yangchen", Aliases: []string{"Yangchen-la"}},
		{ID: "lobsang", Name: "Lobsang Tashi", Aliases: []string{"Gen Lobsang"}},
	})
	checkFound(t, m, []struct{ text, want, id string }{
		{"པདྨ་དབྱངས་ཅན། ང་རང་གི་མིང་ཡིན།", "པདྨ་དབྱངས་ཅན", "pema"},
		{"Padma Dbyangs-can, in Wylie", "Padma Dbyangs-can", "pema"},
		{"白玛央金，在拉萨的档案里", "白玛央金", "pema"},
		{"Baima Yangjin, the Chinese ID says", "Baima Yangjin", "pema"},
		{"洛桑扎西是线人", "洛桑扎西", "lobsang"},
		{"Blo-bzang Bkra-shis, the monastery list", "Blo-bzang Bkra-shis", "lobsang"},
		{"བློ་བཟང་བཀྲ་ཤིས་ཡིན།", "བློ་བཟང་བཀྲ་ཤིས", "lobsang"},
	})
	checkKept(t, m, []struct{ text, keep string }{
		{"扎西德勒！我们说", "扎西德勒"},
		{"བཀྲ་ཤིས་བདེ་ལེགས། we said", "བཀྲ་ཤིས་བདེ་ལེགས"},
		{"ང་རང་གི་མིང་ཡིན།", "ང་རང་གི་མིང་ཡིན"},
		{"拉萨的白玛瑙", "白玛瑙"},
		{"Losar in Lhasa, the Potala", "Lhasa"},
	})
}
