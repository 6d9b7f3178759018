package names

// Pinyin returns the Mandarin reading of Han character r in pinyin
// without tones ("jie" for 解), the first reading Unihan's kMandarin
// gives, for the common characters of hanziTable (GB 2312, Big5's first
// level); false for another character.
func Pinyin(r rune) (string, bool) {
	rd, ok := hanziReadings()[r]
	return rd[0], ok && rd[0] != ""
}
