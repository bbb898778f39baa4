package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"safeharbor/ui/assets"
)

var (
	japaneseRegular = fyne.NewStaticResource("SafeHarborJP-Regular.otf", assets.JapaneseFont(false))
	japaneseBold    = fyne.NewStaticResource("SafeHarborJP-Bold.otf", assets.JapaneseFont(true))
)

// appTheme is Fyne's theme with SafeHarbor JP first in every text font
// chain. The font has no Latin, so English keeps Fyne's own regular, bold,
// italic or monospace face (Fyne tries each face in turn per character);
// Japanese is drawn with Japanese glyph shapes
// on any machine — without it, kanji fall back to whichever system CJK face
// answers first, often a Chinese one — and without parsing a 16 MB system
// font per weight.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

func (t appTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return japaneseBold
	}
	return japaneseRegular
}
