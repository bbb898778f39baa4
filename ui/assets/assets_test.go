package assets

import (
	"bytes"
	"image/png"
	"testing"

	"safeharbor/exchanges"
)

func TestEveryLevelHasIcons(t *testing.T) {
	for l := exchanges.Operational; l <= exchanges.Unknown+1; l++ {
		for _, b := range [][]byte{LevelBadge(l), Tray(l)} {
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Fatalf("%v: %v", l, err)
			}
		}
	}
	if _, err := png.Decode(bytes.NewReader(Icon())); err != nil {
		t.Fatal(err)
	}
}
