package redact

import (
	"slices"
	"testing"
)

// TestHanAddressesS13 covers the Chinese address classes review 13 found
// kept: parts apart, unit words, rural units, districts that begin with a
// stop word, Japanese 丁目, and what stays.
func TestHanAddressesS13(t *testing.T) {
	tests := []struct {
		class, text, want string
	}{
		{"separators", "延吉市 河南街 63号", "[ADDRESS]"},
		{"separators", "我住在延吉市\u3000河南街\u300063号", "我住在[ADDRESS]"},
		{"separators", "延吉市\u00a0河南街\u00a063号", "[ADDRESS]"},
		{"separators", "延吉市、河南街、63号", "[ADDRESS]"},
		{"separators", "延吉市, 河南街, 63号", "[ADDRESS]"},
		{"separators", "延吉市　朝阳街　七十八号", "[ADDRESS]"},
		{"separators", "住在延吉市 河南街 63号 2单元 301室，后来", "住在[ADDRESS]，后来"},
		{"units", "延吉市河南街63號", "[ADDRESS]"},
		{"units", "沈阳市和平区南京北街5号楼", "[ADDRESS]"},
		{"units", "和平区南京北街5号楼3单元", "[ADDRESS]"},
		{"units", "图们市月宫街道5栋2单元301室", "[ADDRESS]"},
		{"units", "图们市月宫街道 5幢 2单元", "[ADDRESS]"},
		{"units", "富裕屯12号", "[ADDRESS]"},
		{"rural", "住址：和龙市南坪镇3组", "住址：[ADDRESS]"},
		{"rural", "和龙市南坪镇柳洞村3组", "[ADDRESS]"},
		{"rural", "南坪镇5社", "[ADDRESS]"},
		{"rural", "安图县明月镇7队", "[ADDRESS]"},
		{"rural", "南坪镇第三生产队", "[ADDRESS]"},
		{"rural", "光明村二村民小组", "[ADDRESS]"},
		{"rural", "红旗大队3小组", "[ADDRESS]"},
		{"rural", "南坪镇3组组长", "[ADDRESS]组长"},
		{"whole district", "沈阳市于洪区北陵街8号", "[ADDRESS]"},
		{"whole district", "我住在和龙市南坪镇3组。", "我住在[ADDRESS]。"},
		{"whole district", "我和妈妈住在河南街63号", "我和妈妈住在[ADDRESS]"},
		{"choume", "东京都新宿区西新宿2丁目8番地", "[ADDRESS]"},
		{"choume", "三丁目5番3号", "[ADDRESS]"},
		{"keep", "吉林省", "吉林省"},
		{"keep", "延吉市", "延吉市"},
		{"keep", "3月5号", "3月5号"},
		{"keep", "号码我忘了", "号码我忘了"},
		{"keep", "村里有3栋房子", "村里有3栋房子"},
		{"keep", "社会组织", "社会组织"},
		{"keep", "他是队长", "他是队长"},
		{"keep", "第三组的人", "第三组的人"},
		{"keep", "他家在仁化村", "他家在仁化村"},
		{"keep", "延边州龙井市东盛涌镇仁化村", "延边州龙井市东盛涌镇仁化村"},
	}
	for _, tt := range tests {
		if got := Apply(tt.text, Recognise(tt.text), nil); got != tt.want {
			t.Errorf("%s: %q -> %q, want %q", tt.class, tt.text, got, tt.want)
		}
	}
}

func TestHanVillages(t *testing.T) {
	tests := []struct {
		address string
		want    []string
	}{
		{"吉林省龙井市东盛涌镇仁化村", []string{"仁化村"}},
		{"和龙市南坪镇柳洞村3组", []string{"柳洞村"}},
		{"黑龙江省富裕县富裕屯", []string{"富裕屯"}},
		{"延边州 东盛涌镇 仁化村", []string{"仁化村"}},
		{"吉林省延吉市河南街道光明社区", nil},
		{"吉林省农村", nil}, // a word of two, the countryside
		{"Sangdong-ri, Hoeryong", nil},
	}
	for _, tt := range tests {
		if got := HanVillages(tt.address); !slices.Equal(got, tt.want) {
			t.Errorf("HanVillages(%q) = %q, want %q", tt.address, got, tt.want)
		}
	}
}
