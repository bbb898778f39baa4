package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// Every Japanese character SafeHarbor writes must be in SafeHarbor JP, in
// both weights; otherwise Fyne falls back to a system font (a 16 MB parse,
// and on many machines a Chinese glyph shape) or draws a box.
func TestJapaneseFontCoversOurText(t *testing.T) {
	faces := map[string]*font.Face{}
	for name, res := range map[string]fyne.Resource{"Regular": japaneseRegular, "Bold": japaneseBold} {
		f, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("SafeHarbor JP %s: %v", name, err)
		}
		faces[name] = f
	}
	missing := map[rune]string{}
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, r := range string(b) {
			if !japanese(r) {
				continue
			}
			for _, f := range faces {
				if _, ok := f.NominalGlyph(r); !ok {
					missing[r] = p
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for r, p := range missing {
		t.Errorf("%c (%U, used in %s) is not in SafeHarbor JP: run scripts/subset-font.sh", r, r, p)
	}
}

func japanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

func TestAppThemeFonts(t *testing.T) {
	th := newAppTheme()
	cases := []struct {
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{fyne.TextStyle{}, japaneseRegular},
		{fyne.TextStyle{Italic: true}, japaneseRegular},
		{fyne.TextStyle{Monospace: true}, japaneseRegular},
		{fyne.TextStyle{Bold: true}, japaneseBold},
		{fyne.TextStyle{Bold: true, Italic: true}, japaneseBold},
		{fyne.TextStyle{Symbol: true}, theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true})},
	}
	for _, c := range cases {
		if got := th.Font(c.style); got != c.want {
			t.Errorf("Font(%+v) = %s, want %s", c.style, got.Name(), c.want.Name())
		}
	}
	// Latin must stay with Fyne's font: SafeHarbor JP carries none.
	f, err := font.ParseTTF(bytes.NewReader(japaneseRegular.Content()))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.NominalGlyph('A'); ok {
		t.Error("SafeHarbor JP has Latin glyphs; English would change typeface")
	}
}
