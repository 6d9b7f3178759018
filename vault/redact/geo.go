package redact

import (
	"strconv"
)

var (
	decPairRe = lazyRegexp(`([-+−]?)(\d{1,2}\.(\d{1,8}))[ ]?(°)?[ ]?([NS])?[ ]?([,;/]?)[ ]?([-+−]?)(\d{1,3}\.(\d{1,8}))[ ]?(°)?[ ]?([EW])?`)
	decPrefRe = lazyRegexp(`[NS][ ]?(\d{1,2}\.\d{1,8})°?[ ]?[,;/]?[ ]?[EW][ ]?(\d{1,3}\.\d{1,8})°?`)

	dmsComp = `(\d{1,3})[ ]?°[ ]?(\d{1,2}(?:\.\d{1,6})?)[ ]?['′’][ ]?(?:(\d{1,2}(?:\.\d{1,6})?)[ ]?(?:"|′′|''|”|’’|″)[ ]?)?([NSEW])(?i:orth|outh|ast|est)?`
	dmsRe   = lazyRegexp(dmsComp + `(?:[ ]?[,;/]?[ ]?` + dmsComp + `)?`)
)

func parseFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 1e9
	}
	return f
}

func findCoordinates(c *collector) {
	s := c.s
	scan(decPairRe(), s, c.needWide(req{digits: 4, dots: 2}), func(m []int) bool {
		if !numLeftOK(s, m[0]) {
			return false
		}
		lat, lon := parseFloat(sub(s, m, 2)), parseFloat(sub(s, m, 8))
		if lat > 90 || lon > 180 {
			return false
		}
		end := m[1]
		for end > m[0] && s[end-1] == ' ' {
			end--
		}
		hemi2 := sub(s, m, 11)
		if hemi2 != "" && !wordRightOK(s, end) {
			// "… 125.7625 East": the E belongs to a word.
			hemi2, end = "", m[2*11]
			for end > m[0] && s[end-1] == ' ' {
				end--
			}
		}
		marked := sub(s, m, 5) != "" || hemi2 != "" || sub(s, m, 4) != "" || sub(s, m, 10) != ""
		if !marked {
			if sub(s, m, 6) == "" || len(sub(s, m, 3)) < 3 || len(sub(s, m, 9)) < 3 {
				return false
			}
		} else if sub(s, m, 6) == "" && sub(s, m, 5) == "" && sub(s, m, 4) == "" {
			// Two numbers side by side need a comma or a marker
			// after the first.
			return false
		}
		if !numRightOK(s, end) {
			return false
		}
		c.add(m[0], end, KindCoordinates, "")
		return true
	})
	scan(decPrefRe(), s, c.needWide(req{digits: 4, dots: 2, any: "NS"}), func(m []int) bool {
		if !wordLeftOK(s, m[0]) || !numRightOK(s, m[1]) {
			return false
		}
		if parseFloat(sub(s, m, 1)) > 90 || parseFloat(sub(s, m, 2)) > 180 {
			return false
		}
		c.add(m[0], m[1], KindCoordinates, "")
		return true
	})
	scan(dmsRe(), s, c.needWide(req{digits: 2, sub: "°"}), func(m []int) bool {
		if !numLeftOK(s, m[0]) || !wordRightOK(s, m[1]) {
			return false
		}
		for k := 0; k < 2; k++ {
			g := 4 * k
			if m[2*(g+1)] < 0 {
				continue
			}
			deg, mins := atoi(sub(s, m, g+1)), parseFloat(sub(s, m, g+2))
			limit := 180
			if h := sub(s, m, g+4); h == "N" || h == "S" {
				limit = 90
			}
			if deg > limit || mins >= 60 {
				return false
			}
			if sec := sub(s, m, g+3); sec != "" && parseFloat(sec) >= 60 {
				return false
			}
		}
		c.add(m[0], m[1], KindCoordinates, "")
		return true
	})
}
