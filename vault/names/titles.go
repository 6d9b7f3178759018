package names

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The title rule: a registered family name with a title or a kinship word
// ("Auntie Park", "Comrade Jang", "Mr. Kim", "Park ajumma", "Kim-ssi",
// "박 아주머니", "장동무가") is a mention, reported as Ambiguous since it may
// be any person of that family name, the registered one's aunt as well as
// herself. Titles of office (Chairman, General, President) are not in
// these lists but in officeTitles: "Chairman Kim" is a public figure
// unless the record names a Kim.
var (
	// titlesBefore come before a family name, optionally with a full stop
	// (Mr. Kim).
	titlesBefore = wordSet("aunt auntie aunty uncle grandpa grandma granny grandmother grandfather grandad granddad " +
		"comrade mr mrs ms miss mister missus madam madame teacher brother sister cousin elder old widow " +
		"señora senora senhora señor senor senhor dona don herr frau monsieur mme mlle signora signor sra sr srta " +
		// Ranks, professions and honorifics: a person's own, not an office
		// of state.
		"director manager chief boss master dr doctor prof professor nurse pastor reverend rev father deacon priest " +
		"officer sergeant sgt captain capt lieutenant lt corporal cpl private major colonel col inspector insp " +
		"detective det agent guard warden judge lawyer instructor coach principal foreman supervisor engineer " +
		// Occupations used as a title before a family name (chosen as
		// English writes them as a form of address, in the spirit of
		// ISCO-08's unit titles, not taken from that list); the roles of
		// a flight (broker, driver) are roleWords.
		"landlord landlady midwife prosecutor attorney constable bailiff matron headmaster headmistress " +
		"ranger pharmacist dentist surgeon clerk merchant trader " +
		// Clergy and religious teachers as English writes them before a
		// family name (Chaplain Byeon, Imam Yusuf, Rabbi Cohen); brother,
		// sister, elder, father, pastor and reverend are above.
		"chaplain imam rabbi bishop archbishop abbot abbess monk nun friar vicar curate padre cantor " +
		"sheikh sheik shaykh mullah ustaz ustadh ustadz " +
		// Spanish professional and kinship titles: Licenciado Ortega.
		"licenciado licenciada lic ingeniero ingeniera ing doctora profesor profesora abogado abogada letrado letrada " +
		"tio tia abuelo abuela hermano hermana " +
		// Haitian Creole: Manmzèl Nadège, Madan Pierre, Msye Wilner.
		"manmzel madan msye mesye")
	// shortTitles are the titles written with a full stop (Mr. Kim).
	shortTitles = wordSet("mr mrs ms dr prof rev sgt capt lt cpl col insp det sr sra srta mme mlle st gen maj pte lic ing")
	// kinBefore are Vietnamese kinship words that, like a title, come
	// before a given name (Chị Mai, Cô Lan; marks folded).
	kinBefore = wordSet("chi anh em co chu bac ong ba di")
	// oldPerson follow "old" in a title of two words (Old man Ri).
	oldPerson = wordSet("man woman lady")
	// personWords after a possessive family name make it a person's
	// (Yoon's daughter, Santos' office): not the Kim dynasty's.
	personWords = wordSet("daughter daughters son sons wife husband mother father brother brothers sister sisters " +
		"family children child kids parents house home flat apartment office shop assistant friend friends cousin " +
		"uncle aunt niece nephew grandmother grandfather granddaughter grandson mum mom dad widow widower phone car")
	// familyWords after "the" and a family name make it a family of
	// persons (the Yoon family), not a dynasty or a river.
	familyWords = wordSet("family families household clan")
	// establishments after "the X family" make it a name of a business
	// or a thing (the Kang family restaurant), not of persons.
	establishments = wordSet("restaurant restaurants shop shops store business company firm farm hotel bakery cafe market brand name tree tomb dynasty")
	// commonSurnames are family names that are also English words: alone
	// in capitals they are the word (A SONG, THE MOON, PARK), and "the
	// Park family" may be a family of the park.
	commonSurnames = wordSet("song moon park young long may rose wing bang hong ha ho so do ma in an oh on ban ok gil mo sun won jin min ye " +
		"son gang ham sin boo kook choo chin ko jun")
	// sentenceWords start a sentence before a name: a family name after
	// one capitalised ("Then Jeon said") is alone, as after no word.
	sentenceWords = wordSet("then later and but so when after before once soon next finally yesterday today afterwards")
	// publicSurnames are family names that alone name a public figure or
	// a dynasty more often than a witness (Kim, the Yi dynasty, Han
	// Chinese): never a mention alone.
	publicSurnames = wordSet("kim gim lee yi han mao")
	// thingWords after a family name alone make it the name of a thing
	// or an era (Jeon dynasty, Yoon government), not of a person.
	thingWords = wordSet("dynasty regime era government administration river mountain street road station line " +
		"clan family families household restaurant shop store company group university school hospital district county")
	// titlesAfter are romanised Korean titles after a family name, apart
	// or after a hyphen (Park ajumma, Kim-ssi).
	titlesAfter = wordSet("ssi nim ajumma ajumoni ajumeoni ajeossi ajossi ajusshi ajussi ajeoshi halmeoni halmoni " +
		"harabeoji harabuji halabeoji imo gomo samchon samchun seonsaeng seonsaengnim sonsaeng sonsaengnim " +
		"dongmu tongmu dongji tongji eonni unni oppa nuna noona hyung hyeong yeosa " +
		"banjang panjang bowiwon powiwon anjeonwon anjonwon jidowon chidowon")
	// roleWords after an everyday Hangul given name make it a name, as
	// a title does (장미 broker).
	roleWords = wordSet("broker brokers guide smuggler helper driver courier fixer guard officer agent teacher nurse doctor " +
		"pastor missionary interrogator jailer warden neighbour neighbor friend cousin aunt uncle auntie")
	// hangulSurnameTitles follow a Hangul family name, apart or written
	// on (박 아주머니, 박씨가, 김 사장이, 김사장님): kinship words and the
	// terms of address (호칭) of the workplace, the church and the temple
	// (사장 "boss", 기사 "driver", 목사, 집사, 장로, 스님, 선배). Not 님 or
	// 군, which make words of their own with family names (장님 "a blind
	// man", 장군 "a general"); where a title written on a family name
	// makes another word (이사장, 조교수), see surnameTitleWords.
	hangulSurnameTitles = append(strings.Fields("씨 동무 동지 선생 선생님 여사 아주머니 아줌마 아저씨 할머니 할아버지 이모 고모 삼촌 언니 오빠 누나 형 "+
		"사장 기사 교수 박사 목사 전도사 집사 장로 권사 신부 수녀 스님 선배 대표 사모 "+
		// Dialect terms of address (as 표준국어대사전 marks them 방언; the
		// list written from knowledge, not checked entry by entry):
		// granny, grandpa, auntie, uncle, mum and dad of the south-east
		// and south-west; and the plain or slighting words for an old woman,
		// an old man or a man (할멈, 영감, 할망, 양반), which a testimony
		// uses as a term of address after a family name as well.
		"할매 할배 아지매 아재 엄니 아부지 할멈 할망 영감 아짐 양반"), hangulRanks...)
	// hangulRanks are ranks and offices after a Hangul family name (강
	// 보위원이, 이 반장이, 박 지도원, 이 팀장): with 이 apart too, since a
	// testimony names its officials by family name and rank. Not 사장 or
	// 기사: 이 사장, 이 기사 are as often "this boss", "this article".
	hangulRanks = strings.Fields("반장 인민반장 작업반장 보위원 보위부원 보안원 안전원 지도원 위원장 비서 소장 과장 부장 지배인 " +
		"회장 차장 대리 주임 팀장 이사 상무 전무 " +
		"책임자 대장 중대장 소대장 정치위원 참모장 실장 국장 원장 교원 간부 감독 조장 분조장 당비서 위원 " +
		// Military and police ranks, North and South: 오 상위가, 강 중위.
		"원수 차수 상장 중장 대좌 상좌 중좌 소좌 대위 상위 중위 소위 특무상사 상사 중사 하사 상등병 " +
		"준장 중령 소령 원사 병장 상병 일병 이병 경위 경감 경정 총경 경사 경장 순경 치안감")
	// surnameTitleWords are the words a family name's syllable and a title
	// written on it make (표준국어대사전): 이사장 "chairman", 부사장
	// "vice-president", 여사장 "a woman boss", 조교수 "assistant
	// professor"; there the syllable is no family name.
	surnameTitleWords = wordSet("이사장 부사장 여사장 부회장 부교수 정교수 조교수 부목사 부이사 부원장 부소장 부대장 부반장 부실장 부부장 부국장 부위원장 " +
		"부팀장 부차장 부주임 부장로 여교수 여목사 여선배")
	// occupationSuffixes end the standard Korean nouns of an occupation or
	// a post (-사 변호사 간호사 약사, -원 의원 직원 요원, -관 경찰관, -수
	// 운전수, -자 기자, -가 작가, -장 공장장): such a word apart after a
	// family name is a title even where no list names it.
	occupationSuffixes = strings.Fields("사 원 관 수 자 가 장")
	// occupationThings end in an occupation's suffix but name a place,
	// a thing or a kind of person: 김 병원 is a clinic, not a doctor.
	occupationThings = wordSet("병원 공원 학원 법원 의원실 회사 도서관 대사관 영사관 여관 회관 체육관 박물관 미술관 국가 남자 여자 " +
		"환자 부자 사건 사람 사진 가수원 시장 공장 광장 운동장 정거장 주차장 장소 수수 가가")
	// hangulDeterminers are family names that apart before a noun are as often
	// "this", "one", "former", "current", "each", "old", "the late",
	// "both", "male", "female" or "car", or a city's, province's or
	// county's: 전 의원 is a former assembly member, 한 기자 a reporter,
	// 시 의원 a city councillor, 남 간호사 a male nurse, 양 당사자 both
	// parties, 차 운전자 the car's driver.
	hangulDeterminers = wordSet("이 한 전 현 각 구 고 시 도 군 양 남 여 차")
	// thingTitles are titles that after 한 or 이 apart are as often a
	// thing: 한 기사에 따르면 "according to an article", 이 이사 "this
	// move".
	thingTitles = wordSet("기사 이사")
	// plainPersons are terms of address that are also plain nouns for a
	// person (할멈 "an old woman", 양반 "a gentleman"): after 한 "one",
	// 양 "both" or 각 "each" apart (countDeterminers) they are counted,
	// not addressed.
	plainPersons     = wordSet("할멈 할망 영감 양반 아짐")
	countDeterminers = wordSet("한 양 각")
	// gaAfter are what makes a family name with 가 ("the Kang": 강가가
	// 때렸다, 강가 놈) a person: a particle of the subject, the topic or
	// of people written on, or a word for a fellow apart; 강가에 and
	// 강가를 걸었다 are the riverside.
	gaParticles = strings.Fields("가 는 한테 한테서 더러 네 놈")
	gaFellows   = strings.Fields("놈 놈이 놈은 놈한테 녀석 녀석이 새끼 새끼가 영감 영감이 년 년이")
)

// romanisedSurnames are the usual Latin spellings of common Korean family
// names, so that "Auntie Park" is found for a person registered as 박민서;
// with the Revised Romanization (2000) where it differs from the older
// spelling (Byeon, Guk, Gwak).
var romanisedSurnames = map[string][]string{
	"김": {"kim", "gim"}, "이": {"lee", "yi", "rhee", "ri", "rhie"}, "리": {"ri", "lee"}, "박": {"park", "pak", "bak"},
	"최": {"choi", "choe"}, "정": {"jung", "jeong", "chung", "jong"}, "강": {"kang", "gang"}, "조": {"cho", "jo"},
	"윤": {"yoon", "yun"}, "장": {"jang", "chang"}, "임": {"lim", "im", "rim", "yim"}, "림": {"rim", "lim", "im", "yim"}, "한": {"han"},
	"오": {"oh"}, "서": {"seo", "suh"}, "신": {"shin", "sin"}, "권": {"kwon", "gwon"}, "황": {"hwang"},
	"안": {"ahn", "an"}, "송": {"song"}, "전": {"jeon", "jun", "chon", "jon"}, "홍": {"hong"}, "문": {"moon", "mun"},
	"양": {"yang", "ryang"}, "량": {"ryang", "yang"}, "손": {"son", "sohn"}, "배": {"bae", "pae"}, "백": {"baek", "paek"},
	"허": {"heo", "hur", "ho"}, "유": {"yoo", "yu"}, "류": {"ryu", "yoo", "yu", "lyu"}, "남": {"nam"}, "심": {"shim", "sim"},
	"노": {"noh", "roh", "no", "ro"}, "로": {"ro", "roh", "no", "noh"}, "하": {"ha"}, "곽": {"kwak", "gwak"}, "성": {"sung", "seong"}, "차": {"cha"},
	"주": {"joo", "ju"}, "우": {"woo"}, "구": {"koo", "ku"}, "민": {"min"}, "진": {"jin"}, "지": {"ji"}, "엄": {"eom", "um"},
	"채": {"chae"}, "원": {"won"}, "천": {"cheon", "chun"}, "방": {"bang"}, "공": {"kong"}, "현": {"hyun", "hyeon"}, "함": {"ham"},
	"변": {"byun", "pyon", "byeon"}, "염": {"yeom"}, "여": {"yeo"}, "추": {"choo"}, "도": {"do", "doh"}, "소": {"so"},
	"석": {"seok"}, "선": {"sun"}, "설": {"seol"}, "마": {"ma"}, "길": {"gil", "kil"}, "연": {"yeon"}, "위": {"wi"},
	"표": {"pyo"}, "명": {"myung", "myeong"}, "기": {"ki"}, "반": {"ban"}, "왕": {"wang"}, "금": {"keum", "geum"}, "옥": {"ok"},
	"육": {"yook"}, "인": {"in"}, "맹": {"maeng"}, "제": {"je"}, "모": {"mo"}, "탁": {"tak"}, "국": {"kook", "guk"},
	"어": {"eo"}, "은": {"eun"}, "편": {"pyun", "pyeon"}, "용": {"yong"}, "예": {"ye"}, "경": {"kyung", "gyeong"}, "봉": {"bong"},
	"사": {"sa"}, "부": {"boo"}, "황보": {"hwangbo", "hwangpo"}, "남궁": {"namgung", "namkung", "namgoong"}, "제갈": {"jegal", "chegal"},
	"선우": {"sunwoo", "seonu", "sonu", "seonwoo"}, "독고": {"dokgo", "tokko", "dokko"}, "사공": {"sagong"},
	"서문": {"seomun", "somun"}, "동방": {"dongbang", "tongbang"},
}

// latinSurnames holds every spelling in romanisedSurnames.
var latinSurnames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, spellings := range romanisedSurnames {
		for _, s := range spellings {
			m[s] = true
		}
	}
	return m
})

// Surname reports whether word, in any case, is a usual Latin spelling of
// a common Korean family name (Kim, PARK, Ri).
func Surname(word string) bool { return latinSurnames()[strings.ToLower(word)] }

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(s) {
		m[w] = true
	}
	return m
}

// vietnameseMiddles are the Vietnamese middle names, folded, that go
// with the family name after a title: Mr Tran Van, Mrs Le Thi.
var vietnameseMiddles = wordSet("van thi")

// withMiddle extends *last, the end of the family name words[j:*last+1],
// over a Vietnamese middle name after a Vietnamese family name (Mr Tran
// Van), and returns it.
func withMiddle(words []word, buf []byte, j int, last *int) int {
	if k := *last + 1; k < len(words) && words[k].before == gapSpace && vietnameseMiddles[string(buf[words[k].fstart:words[k].fend])] &&
		vietnameseSurnames[string(buf[words[j].fstart:words[*last].fend])] {
		*last = k
	}
	return *last
}

// Classes of a word before a name, bits of titleClasses.
const (
	classBefore = 1 << iota // titlesBefore
	classKin                // kinBefore
	classOffice             // officeTitles
	classRole               // roleWords
)

// titleClasses gives each word of titlesBefore, kinBefore, officeTitles
// and roleWords its classes: titled, tried at most words of a text, looks
// a word up once, not in each set.
var titleClasses = func() map[string]uint8 {
	m := map[string]uint8{}
	for class, set := range map[uint8]map[string]bool{classBefore: titlesBefore, classKin: kinBefore, classOffice: officeTitles, classRole: roleWords} {
		for w := range set {
			m[w] |= class
		}
	}
	return m
}()

// titled returns the mention of a family name with a title that starts at
// words[i], if any, and the index of the word after it.
func (m *Matcher) titled(text string, words []word, buf []byte, i int, ev *evidence) (Match, int, bool) {
	if len(m.surnames) == 0 {
		return Match{}, 0, false
	}
	w := &words[i]
	match := func(p int32, end int) Match {
		return Match{Start: w.start, End: end, PersonID: m.ids[p], Ambiguous: true}
	}
	// A title before: "Auntie Park", "Mr. Kim", "Old man Ri"; an initial
	// before: "D. Yoon", "M. dos Santos", "D.Yoon". Not "Comrade Kim Jong
	// Un", and not where a whole name follows ("Auntie Park Minseo").
	f := buf[w.fstart:w.fend]
	j, inits := initialRun(text, words, buf, i)
	if !inits {
		j = i + 1
	}
	// A role (Broker Lee, guide Kang) is a title as an office is: only
	// where a person of the record has the family name.
	var c uint8
	if titleFilter.mayHold(f) {
		c = titleClasses[string(f)]
	}
	before := c&classBefore != 0
	office := !inits && (c&classOffice != 0 || c&classRole != 0 && !before)
	if j < len(words) && (inits || (before || office) && titleGap(string(f), text[w.end:words[j].start])) {
		if string(f) == "old" && oldPerson[string(buf[words[j].fstart:words[j].fend])] && j+1 < len(words) && words[j+1].before == gapSpace {
			j++ // Old man Ri
		}
		// A title of office only where a person of the record has the
		// family name: Chairman Kang.
		if p, last, ok := m.surnameAt(text, words, buf, j); ok && !continued(text, words, withMiddle(words, buf, j, &last)) &&
			(!office || before || m.hasSurname(ev, string(buf[words[j].fstart:words[last].fend]))) {
			if _, _, full := m.longest(text, words, buf, j, ev.ids, nil); !full {
				return match(p, words[last].end), last + 1, true
			}
		}
		// Any part of a registered name of several tokens after a
		// person's title: Ms. Fernández, Senhora Silva.
		if p, last, ok := m.partAt(text, words, buf, j); ok && !inits && !office && !continued(text, words, last) {
			if _, _, full := m.longest(text, words, buf, j, ev.ids, nil); !full {
				return match(p, words[last].end), last + 1, true
			}
		}
	}
	// Initials before what is found alone after them, a part of the name
	// of a person the record names: P. L. Ortega R. for Pedro Luis Ortega
	// Ramos. Once: what follows the run is no initial.
	if inits && j < len(words) && words[j].end-words[j].start > 1 {
		if mt, next, ok := m.titled(text, words, buf, j, ev); ok && mt.Start == words[j].start {
			mt.Start = w.start
			return mt, next, true
		}
	}
	// A title or kinship word before the last part of a given name:
	// Auntie Mai, Chị Mai for Tran Thi Mai.
	if !inits && j < len(words) && (before || c&classKin != 0) && titleGap(string(f), text[w.end:words[j].start]) {
		if p, ok := m.givens[string(buf[words[j].fstart:words[j].fend])]; ok && capitalFirst(text, words[j:j+1]) &&
			rightBoundary(words, buf, j) && !continued(text, words, j) && !dayOrPublic(text, words[j:j+1]) {
			return match(p, words[j].end), j + 1, true
		}
	}
	// The family in the plural: the Hwangbos, the van den Broeks; or a
	// name of one word that may be the family name (the O'Neills).
	if i > 0 && words[i].before == gapSpace && string(buf[words[i-1].fstart:words[i-1].fend]) == "the" {
		if p, end, ok := m.pluralName(text, words, buf, i); ok {
			return match(p, words[end].end), end + 1, true
		}
	}
	if i > 0 && words[i].before == gapSpace && string(buf[words[i-1].fstart:words[i-1].fend]) == "the" {
		if p, last, ok := m.surnameSpan(text, words, buf, i, true); ok && !continued(text, words, last) {
			return match(p, words[last].end), last + 1, true
		}
	}
	p, last, ok := m.surnameAt(text, words, buf, i)
	if ok && last+1 < len(words) {
		// A title after, apart or after a hyphen: "Park ajumma", "Kim-ssi",
		// "박 아주머니가". Not 이 apart before a title but a rank: 이
		// 아저씨 is "this man", 이 반장이 a team leader Lee.
		n := &words[last+1]
		nf := buf[n.fstart:n.fend]
		if n.before == gapSpace || n.before == gapHyphen {
			if titlesAfter[string(nf)] && rightBoundary(words, buf, last+1) {
				return match(p, n.end), last + 2, true
			}
			family := string(buf[w.fstart:words[last].fend])
			t, rank := hangulTitlePrefix(nf)
			if t == 0 && !hangulDeterminers[family] {
				t = hangulTitleShape(nf)
			}
			if t > 0 && (rank || family != "이") && !((family == "이" || family == "한") && thingTitles[string(nf[:t])]) &&
				!(countDeterminers[family] && plainPersons[string(nf[:t])]) {
				if end, ok := m.origOffset(text[n.start:n.end], t); ok {
					return match(p, n.start+end), last + 2, true
				}
			}
		}
	}
	plural := false
	if !ok && !lowerStart(text, words[i]) {
		// A part of the name of a person the record names, as a family
		// name alone is one (Sokolov said, the Gutiérrez family), and in
		// the plural (the Sokolovs, Sokolovs' house): capitalised.
		p, plural, ok = m.evidentPart(text, words, buf, i, ev)
		last = i
	}
	if ok && plural {
		return match(p, words[i].end), i + 1, true
	}
	if ok {
		// A family name alone: with its particle (dos Santos, van der
		// Berg), possessive before a person word (Yoon's daughter,
		// Santos' office), after "the" before "family" (the Yoon family),
		// with an initial after it (Yoon D.), or in capitals when it is
		// not an English word too (SANTOS, not PARK).
		if alone, end := m.surnameAlone(text, words, buf, i, last); alone {
			return match(p, end), last + 1, true
		}
	}
	// A title written on: 박씨가, 장동무는.
	for _, k := range []int{3, 6} {
		if len(f) <= k || !isHangulSyllable(firstRune(f)) {
			break
		}
		if !m.surnameFilter.mayHold(f[:k]) {
			continue
		}
		p, ok := m.surnames[string(f[:k])]
		if !ok {
			continue
		}
		if t, _ := hangulTitlePrefix(f[k:]); t > 0 && !surnameTitleWords[string(f[:k+t])] {
			if end, ok := m.origOffset(text[w.start:w.end], k+t); ok {
				return match(p, w.start+end), i + 1, true
			}
		}
		if t := gaForm(words, buf, i, k); t > 0 {
			if end, ok := m.origOffset(text[w.start:w.end], k+t); ok {
				return match(p, w.start+end), i + 1, true
			}
		}
	}
	// A term of address before a name part of a person the record
	// names, capitalised: Maman Esther, Ama Pema (address.go).
	if i+1 == len(words) || lowerStart(text, words[i+1]) {
		return Match{}, 0, false
	}
	return m.addressed(text, words, buf, i, ev)
}

// lowerStart reports whether w starts with an ASCII letter in lower case,
// as most words of a text do: no rule that needs a capital reads it.
func lowerStart(text string, w word) bool {
	return 'a' <= text[w.start] && text[w.start] <= 'z'
}

// gaForm returns the length of 가 after the family name of k bytes that
// starts words[i] ("the Kang"), if the rest of the word is one of
// gaParticles, or nothing where a word of gaFellows follows or a rank
// comes before (안전원 강가): 강가 alone is also "the riverside".
func gaForm(words []word, buf []byte, i, k int) int {
	w := &words[i]
	f := buf[w.fstart:w.fend]
	rest, ok := bytes.CutPrefix(f[k:], []byte("가"))
	if !ok {
		return 0
	}
	word := func(j int) string { return string(buf[words[j].fstart:words[j].fend]) }
	switch {
	case slices.Contains(gaParticles, string(rest)):
	case len(rest) > 0:
		return 0
	case i+1 < len(words) && words[i+1].before == gapSpace && slices.Contains(gaFellows, word(i+1)):
	case i > 0 && w.before == gapSpace && slices.Contains(hangulRanks, word(i-1)):
	default:
		return 0
	}
	return len("가")
}

// pluralName returns the last word of a registered name of one token
// (as registered, O'Neill, or a family name) written capitalised in the
// plural from words[i], its parts joined by apostrophes or hyphens: the
// O'Neills.
func (m *Matcher) pluralName(text string, words []word, buf []byte, i int) (int32, int, bool) {
	for k := i; k < len(words) && k < i+3; k++ {
		if k > i && words[k].before != gapApostrophe && words[k].before != gapHyphen {
			break
		}
		key, ok := bytes.CutSuffix(buf[words[i].fstart:words[k].fend], []byte("s"))
		if !ok || len(key) < 3 || commonSurnames[string(key)] || publicSurnames[string(key)] {
			continue
		}
		if p, ok := m.singles[string(key)]; ok && rightBoundary(words, buf, k) && capitalFirst(text, words[i:i+1]) && !continued(text, words, k) {
			return p, k, true
		}
	}
	return 0, 0, false
}

// initial reports whether words[i] is a capital initial with a full stop
// before words[j], apart or not (D. Yoon, D.Yoon).
func initial(text string, words []word, i, j int) bool {
	w := &words[i]
	if w.end-w.start != 1 || text[w.start] < 'A' || text[w.start] > 'Z' || (i > 0 && words[i-1].end == w.start-1 && text[w.start-1] == '.') {
		return false
	}
	g := text[w.end:words[j].start]
	return g == "." || g == ". "
}

// abbreviations are runs of initials that are not a person's: U.S.
// Yoon, Yoon D.C.
var abbreviations = wordSet("us un uk eu dc nk sk rok dprk prc pr ps ie eg am pm ad bc no st mt vs")

// initialRun reports whether words[i] starts a run of one to three capital
// initials, each with a full stop, apart or not or after a hyphen (D.
// Yoon, D.H. Jeon, D. H. Jeon, D.-H. Jeon), that is no abbreviation, and
// returns the index of the word after the run.
func initialRun(text string, words []word, buf []byte, i int) (int, bool) {
	if i > 0 && words[i-1].end == words[i].start-1 && text[words[i].start-1] == '.' {
		return 0, false // U.S. is one run, not S. before a name
	}
	k := i
	for ; k < len(words) && k < i+3; k++ {
		w := &words[k]
		if w.end-w.start != 1 || text[w.start] < 'A' || text[w.start] > 'Z' || w.end >= len(text) || text[w.end] != '.' {
			break
		}
		if k+1 >= len(words) {
			return 0, false
		}
		g := text[w.end:words[k+1].start]
		if n := &words[k+1]; g == ". " && !(n.end-n.start == 1 && n.end < len(text) && text[n.end] == '.') {
			k++
			break
		}
		if g == ". " {
			continue // D. H. Jeon
		}
		if g != "." && g != ".-" {
			return 0, false
		}
	}
	if k == i || k >= len(words) || k-i > 3 || abbreviations[string(buf[words[i].fstart:words[k-1].fend])] {
		return 0, false
	}
	return k, true
}

// trailingInitials reports whether words[k] starts a run of one to three
// capital initials, each with a full stop after it, that ends the name
// (Yoon D., Jeon D.H.; not Yoon D.C.), and returns the end of the run.
func trailingInitials(text string, words []word, buf []byte, k int) (int, bool) {
	end := 0
	j := k
	for ; j < len(words) && j < k+3; j++ {
		n := &words[j]
		if n.end-n.start != 1 || text[n.start] < 'A' || text[n.start] > 'Z' || n.end >= len(text) || text[n.end] != '.' {
			break
		}
		end = n.end + 1
		if j+1 >= len(words) || words[j+1].start != end {
			j++
			break
		}
	}
	if end == 0 || j < len(words) && words[j].start == end || abbreviations[string(buf[words[k].fstart:words[j-1].fend])] {
		return 0, false
	}
	return end, true
}

// surnameAlone reports whether the family name words[i:last+1] is a
// mention on its own, and where the mention ends (see titled).
func (m *Matcher) surnameAlone(text string, words []word, buf []byte, i, last int) (bool, int) {
	w, l := &words[i], &words[last]
	switch {
	case last > i && particles[string(buf[w.fstart:w.fend])]:
		return true, l.end // dos Santos
	case m.joined[string(buf[w.fstart:l.fend])]:
		return true, l.end // vandenbroek, v.d. Broek
	case last+1 < len(words) && words[last+1].before == gapSpace:
		if end, ok := trailingInitials(text, words, buf, last+1); ok {
			return true, end // Yoon D., Jeon D.H.
		}
	}
	if continued(text, words, last) {
		return false, 0 // Kim Jong Un
	}
	if k, ok := possessive(text, words, l.end); ok && personWords[string(buf[words[k].fstart:words[k].fend])] {
		return true, l.end
	}
	if i > 0 && last+1 < len(words) && words[last+1].before == gapSpace && words[i].before == gapSpace &&
		string(buf[words[i-1].fstart:words[i-1].fend]) == "the" && !commonSurnames[string(buf[w.fstart:l.fend])] && familyWords[string(buf[words[last+1].fstart:words[last+1].fend])] &&
		!(last+2 < len(words) && words[last+2].before == gapSpace && establishments[string(buf[words[last+2].fstart:words[last+2].fend])]) {
		return true, l.end // the Yoon family, not the Kang family restaurant
	}
	s := text[w.start:l.end]
	if last == i && l.weight >= 3 && strings.ToUpper(s) == s && strings.ToLower(s) != s &&
		!commonSurnames[string(buf[w.fstart:w.fend])] && !(i > 0 && words[i].before == gapSpace && capitalFirst(text, words[i-1:i])) {
		return true, l.end // SANTOS
	}
	// Alone and capitalised, a family name registered in the testimony
	// is its person, unless it is a word too (Song, Moon), names a public
	// figure (Kim), lost its particles (Santos is also a port), follows a
	// capitalised word (Hong Kong) or "the", names a thing (the Jeon
	// dynasty), or comes before a comma and its person's given name
	// (Yoon, Dahye), which takes it.
	key := string(buf[w.fstart:l.fend])
	// One word, or one broken by a hyphen (Kar-la, Kar-⏎la).
	one, wt := last == i, l.weight
	if last == i+1 && (l.before == gapHyphen || lineBroken(text[w.end:l.start])) {
		one, wt = true, w.weight+l.weight
	}
	if one && wt >= 3 && titleCase(s) &&
		!commonSurnames[key] && !publicSurnames[key] && !m.bare[key] &&
		!(i > 0 && words[i].before == gapSpace && !apart(text, words, i-1) && !m.personalA(buf, words, i, key) && (capitalFirst(text, words[i-1:i]) && !sentenceWords[string(buf[words[i-1].fstart:words[i-1].fend])] || determiners[string(buf[words[i-1].fstart:words[i-1].fend])])) &&
		!(last+1 < len(words) && words[last+1].before == gapSpace && thingWords[string(buf[words[last+1].fstart:words[last+1].fend])]) &&
		!(last+1 < len(words) && text[l.end:words[last+1].start] == ", " && m.startsMentionOf(text, words, buf, last+1, key)) &&
		!wordPhrase(text, *l, true) {
		return true, l.end // Jeon said; not Brown rice
	}
	return false, 0
}

// titleCase reports whether s is a word of letters with only its first
// one a capital (Jeon, Gutiérrez; not JEON or McKay).
func titleCase(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && strings.ToLower(s[n:]) == s[n:] && strings.ToUpper(s[n:]) != s[n:]
}

// evidentPart returns the person of ev whose Latin name token of
// minFuzzy letters or more words[i] spells, capitalised and not an
// English word (evidence.parts), or spells in the plural after "the" or
// before a possessive apostrophe (the Sokolovs, Sokolovs' house), and
// whether it was the plural.
func (m *Matcher) evidentPart(text string, words []word, buf []byte, i int, ev *evidence) (p int32, plural, ok bool) {
	w := &words[i]
	if ev == nil || len(ev.ids) == 0 || w.weight < minFuzzy || !titleCase(text[w.start:w.end]) || !rightBoundary(words, buf, i) ||
		nameAsWord(text, *w, text[w.end:min(len(text), w.end+24)]) {
		return 0, false, false
	}
	if !ev.built {
		m.build1(ev)
	}
	key := buf[w.fstart:w.fend]
	if p, ok = ev.parts[string(key)]; ok {
		return p, false, true
	}
	stem, cut := bytes.CutSuffix(key, []byte("s"))
	if !cut || continued(text, words, i) {
		return 0, false, false
	}
	if p, ok = ev.parts[string(stem)]; !ok {
		return 0, false, false
	}
	the := i > 0 && w.before == gapSpace && string(buf[words[i-1].fstart:words[i-1].fend]) == "the"
	_, poss := possessive(text, words, w.end)
	return p, true, the || poss
}

// startsMentionOf reports whether a mention of the person whose family
// name is key starts at words[i]: in "Yoon, Dahye" the family name goes
// with it, in "los de Wilmer, Chepe" (another person's alias) it does not.
func (m *Matcher) startsMentionOf(text string, words []word, buf []byte, i int, key string) bool {
	mt, _, ok := m.longest(text, words, buf, i, nil, nil)
	p, own := m.surnames[key]
	return ok && own && mt.PersonID == m.ids[p]
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// possessive returns the index of the word after a possessive that starts
// at text[end:] ('s, ’s or a bare apostrophe, then white space).
func possessive(text string, words []word, end int) (int, bool) {
	rest := text[end:]
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if r, ok := strings.CutPrefix(rest, p); ok && len(r) > 1 && (r[0] == ' ' || r[0] == '\n') {
			at := end + len(p) + 1
			k, found := slices.BinarySearchFunc(words, at, func(w word, at int) int { return cmp.Compare(w.start, at) })
			return k, found
		}
	}
	return 0, false
}

// hangulTitlePrefix returns the length of the title that starts f, if the
// rest of f is nothing or a suffix of the grammar, or 0, and whether it is
// a rank (hangulRanks).
func hangulTitlePrefix(f []byte) (n int, rank bool) {
	for _, t := range hangulSurnameTitles {
		if len(t) > n && strings.HasPrefix(string(f), t) {
			if _, ok := hangulSuffix(f[len(t):]); len(f) == len(t) || ok {
				n = len(t)
			}
		}
	}
	return n, n > 0 && slices.Contains(hangulRanks, string(f[:n]))
}

// hangulTitleShape returns the length of the title that starts f, a word
// apart after a family name, by its shape rather than a list: a word of
// two syllables or more ending in an occupation's suffix (신 변호사가,
// 황 의원이), or any word before the honorific 님 (최 사모님이), if the
// rest of f is nothing or a suffix of the grammar; else 0.
func hangulTitleShape(f []byte) int {
	if !allHangul(f) {
		return 0
	}
	// The shortest stem first, so that the particle stays the
	// suffix's: 간호사 + 가, not 간호사가.
	for n := 3; n <= len(f); n += 3 {
		rest := f[n:]
		if _, ok := hangulSuffix(rest); len(rest) > 0 && !ok {
			continue
		}
		stem := string(f[:n])
		if strings.HasPrefix(string(rest), "님") {
			return n
		}
		if n >= 6 && slices.Contains(occupationSuffixes, stem[n-3:]) && !occupationThings[stem] {
			return n
		}
	}
	return 0
}

// registeredSurname reports whether w is the compact form of a registered
// family name.
func (m *Matcher) registeredSurname(w []byte) bool {
	if !m.surnameFilter.mayHold(w) {
		return false
	}
	_, ok := m.surnames[string(w)]
	return ok
}

// surnameAt returns the person whose registered family name is spelt by
// words[j:last+1] (one to three words: "da Silva"), capitalised if Latin.
func (m *Matcher) surnameAt(text string, words []word, buf []byte, j int) (p int32, last int, ok bool) {
	return m.surnameSpan(text, words, buf, j, false)
}

// surnameSpan is surnameAt, for the family name in the plural (the last
// word with an s added: the Hwangbos) if plural is set. A family name
// with particles may have them abbreviated to initials with full stops
// (v.d. Broek), and written together in any case (vandenbroek).
func (m *Matcher) surnameSpan(text string, words []word, buf []byte, j int, plural bool) (p int32, last int, ok bool) {
	// Most words are neither a family name nor the particle that starts
	// one: one lookup each.
	w := buf[words[j].fstart:words[j].fend]
	// A word broken by a hyphen, in the line or at its end: Kar-la, Kar-⏎la.
	broken := func() bool {
		return j+1 < len(words) && (words[j+1].before == gapHyphen || lineBroken(text[words[j].end:words[j+1].start]))
	}
	if !m.registeredSurname(w) && len(w) != 1 && !plural && !(particleFilter.mayHold(w) && particles[string(w)]) && !broken() {
		return 0, 0, false
	}
	for k := j; k < len(words) && k < j+3; k++ {
		if k > j && words[k].before != gapSpace && words[k].before != gapHyphen {
			// Only an abbreviated particle before a full stop: v.d. Broek.
			if g := text[words[k-1].end:words[k].start]; words[k-1].weight != 1 || g != "." && g != ". " {
				break
			}
		}
		key := buf[words[j].fstart:words[k].fend]
		if plural {
			var cut bool
			if key, cut = bytes.CutSuffix(key, []byte("s")); !cut || commonSurnames[string(key)] || publicSurnames[string(key)] {
				continue
			}
		}
		q, hit := m.surnames[string(key)]
		if hit && rightBoundary(words, buf, k) && (capitalFirst(text, words[j:k+1]) || m.joined[string(key)]) {
			p, last, ok = q, k, true
		}
	}
	return p, last, ok
}

// capitalFirst reports whether the first word of ws that is not a particle
// starts with a letter that is not lower case.
func capitalFirst(text string, ws []word) bool {
	for _, w := range ws {
		s := text[w.start:w.end]
		// One word is looked at whatever it is: no lookup (fuzzy asks
		// this of most words of a text).
		if len(ws) > 1 && particles[strings.ToLower(s)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		return !unicode.IsLower(r)
	}
	return false
}

// continued reports whether the word after words[last] continues a name:
// a capitalised word after a space or hyphen ("Kim Jong Un").
func continued(text string, words []word, last int) bool {
	if last+1 >= len(words) {
		return false
	}
	n := &words[last+1]
	if n.before != gapSpace && n.before != gapHyphen || apart(text, words, last) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[n.start:])
	return unicode.IsUpper(r)
}

// apart reports whether words[k] and words[k+1] cannot be parts of one
// name: a line break comes between them, or one holds a digit (a new
// line or a code: "Director Jeon\nN57 ...", "N47 Jeon said").
func apart(text string, words []word, k int) bool {
	return strings.ContainsAny(text[words[k].end:words[k+1].start], "\n\r") ||
		strings.ContainsAny(text[words[k].start:words[k+1].end], "0123456789")
}

// titleGap reports whether g, the text between title and a family name,
// is white space with at most one line break, optionally after a full
// stop if title is an abbreviation (Mr. Kim; "the guard. Kim" is two
// sentences).
func titleGap(title, g string) bool {
	if shortTitles[title] {
		g = strings.TrimPrefix(g, ".")
	}
	if g == "" || len(g) > 8 || strings.Count(g, "\n") > 1 {
		return false
	}
	for _, r := range g {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func firstRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// otherSpellings returns the other usual Latin spellings of a Korean
// family name registered in Latin letters (Pak and Bak for Park; Yi, Rhee
// and Ri for Lee; Choe for Choi; Chung and Jeong for Jung), so that a
// title or a given name next to any of them finds it.
func otherSpellings(latin string) []string { return spellingsOf()[latin] }

var spellingsOf = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, spellings := range romanisedSurnames {
		for _, a := range spellings {
			for _, b := range spellings {
				if a != b && !slices.Contains(m[a], b) {
					m[a] = append(m[a], b)
				}
			}
		}
	}
	for _, v := range m {
		slices.Sort(v)
	}
	return m
})

// personalA reports whether the word before words[i], whose compact form
// is key, is the Spanish personal a before a Spanish given name
// (spanishGivens: "A Karla la separaron", "Vi a Karla"), not the English
// article ("a Kim") nor a capitalised word before a name (Hong Kong).
func (m *Matcher) personalA(buf []byte, words []word, i int, key string) bool {
	return string(buf[words[i-1].fstart:words[i-1].fend]) == "a" && m.spanishGivens[key]
}
