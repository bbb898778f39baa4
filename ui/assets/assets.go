// Package assets holds SafeHarbor's embedded icons (the app icon, a badge
// per verdict level and a tray icon per level; gen.go draws them) and its
// Japanese font (scripts/subset-font.sh cuts it from Noto Sans CJK JP).
package assets

import (
	"embed"

	"safeharbor/exchanges"
)

//go:embed *.png
var files embed.FS

// The fonts are plain variables, not read from files: embed.FS.ReadFile
// copies, and a copy of each font would sit on the heap for the app's life.
var (
	//go:embed fonts/SafeHarborJP-Regular.otf
	japaneseRegular []byte
	//go:embed fonts/SafeHarborJP-Bold.otf
	japaneseBold []byte
)

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: missing " + name) // a build error in disguise: the files are embedded
	}
	return b
}

// Icon is the app icon PNG (512×512).
func Icon() []byte { return mustRead("icon.png") }

// LevelBadge is the round badge PNG for a level: colour plus a distinct glyph.
func LevelBadge(l exchanges.Level) []byte { return mustRead("level-" + levelName(l) + ".png") }

// JapaneseFont is SafeHarbor JP (OpenType/CFF): kana, CJK punctuation,
// full-width forms and JIS level-1 kanji, no Latin. fonts/OFL.txt is its licence.
func JapaneseFont(bold bool) []byte {
	if bold {
		return japaneseBold
	}
	return japaneseRegular
}

// Tray is the tray icon PNG for the worst current level.
func Tray(l exchanges.Level) []byte { return mustRead("tray-" + levelName(l) + ".png") }

func levelName(l exchanges.Level) string {
	if l < exchanges.Operational || l > exchanges.Unknown {
		return exchanges.Unknown.String()
	}
	return l.String()
}
