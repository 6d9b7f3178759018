package redact

import "testing"

// TestEmailSlips: "$" for "@" before a known top-level domain and a
// doubled "@" (review 13n) are an address; prices, shell variables and a
// doubled "@" with no domain stay.
func TestEmailSlips(t *testing.T) {
	checkRecognised(t, []recognised{
		{"redfox.kr$gmail.com", "[EMAIL]"},
		{"write to min_ji$naver.com now", "write to [EMAIL] now"},
		{"taejun.h@@kakao.com", "[EMAIL]"},
		{"mail hoa.nguyen @@ yahoo.com.vn", "mail [EMAIL]"},
		// Not addresses.
		{"it cost US$500 then $20", "it cost US$500 then $20"},
		{"echo $HOME and $PATH", "echo $HOME and $PATH"},
		{"price$ list", "price$ list"},
		{"ping @@ everyone", "ping @@ everyone"},
	})
}

// TestHandleAfterQuestion: a handle after its messenger's name past a
// question mark or in parentheses, and on Threads (review 13n); a
// question's answer, a year and sewing threads stay.
func TestHandleAfterQuestion(t *testing.T) {
	checkRecognised(t, []recognised{
		{"his Telegram handle? darkriver_09", "his Telegram handle? [HANDLE]"},
		{"her Line ID? mooncat_88.", "her Line ID? [HANDLE]."},
		{"find him on Threads, dae.un_j", "find him on Threads, [HANDLE]"},
		{"on Signal (pine_7) every night", "on Signal ([HANDLE]) every night"},
		// Not handles.
		{"Telegram? No, we never used it.", "Telegram? No, we never used it."},
		{"Telegram: no, we never used it.", "Telegram: no, we never used it."},
		{"Did he use Signal? Yes, in 2019.", "Did he use Signal? Yes, in 2019."},
		{"Signal (2019) was safer", "Signal (2019) was safer"},
		{"She sewed threads, needles and buttons.", "She sewed threads, needles and buttons."},
	})
}

// TestPlatesR18h: an Irish plate after "reg", and a Mongolian or Russian
// plate in Cyrillic capitals after a plate cue (review 13n); "regular"
// and a year or a count after a cue stay.
func TestPlatesR18h(t *testing.T) {
	checkRecognised(t, []recognised{
		{"Irish reg 191-D-12345, a blue van", "Irish reg [PLATE], a blue van"},
		{"reg. 08-KY-4411", "reg. [PLATE]"},
		{"Mongolian plate 1234 УБА", "Mongolian plate [PLATE]"},
		{"госномер А123ВС 77 на машине", "госномер [PLATE] на машине"},
		// Not plates.
		{"a regular 191-D-12345", "a regular 191-D-12345"},
		{"plate 1993 года", "plate 1993 года"},
		{"номер машины 2019 ГОДА", "номер машины 2019 ГОДА"},
		{"номер машины 2019 ГОД", "номер машины 2019 ГОД"},
	})
}

// TestSpokenLocalPart: an address read out whose local part has
// "underscore", "dash" or "hyphen" and digit words in it (review 13n) is
// hidden from its first word; the words of a sentence before it stay.
func TestSpokenLocalPart(t *testing.T) {
	checkRecognised(t, []recognised{
		{"skylark underscore zero nine one seven at naver dot com", "[EMAIL]"},
		{"write to blue dash heron at gmail dot com now", "write to [EMAIL] now"},
		{"mail me, jin hyphen woo at daum dot net", "mail me, [EMAIL]"},
		{"kim underscore lee at gmail dot com", "[EMAIL]"},
		// The sentence before stays.
		{"we met at seven, eunju at kakao dot com", "we met at seven, [EMAIL]"},
		{"she wrote at once to jiwoo at gmail dot com", "she wrote at once to [EMAIL]"},
	})
}
