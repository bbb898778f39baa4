package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"safeharbor/exchanges"
	"safeharbor/ui"
)

// menuFor is the menu the app shows with every exchange at level l, but
// the first at first.
func menuFor(c *labels, first, l exchanges.Level, snooze string) *state {
	s := &state{Registered: true, Bus: ":1.2", Path: "/StatusNotifierItem", Icon: first.String()}
	for i, n := range c.names {
		lv := l
		if i == 0 {
			lv = first
		}
		s.Menu = append(s.Menu, entry{ID: int32(i + 1), Label: c.lang.T("tray.item", n, c.lang.Level(lv)), Enabled: true})
	}
	s.Menu = append(s.Menu, entry{Separator: true, Enabled: true},
		entry{Label: c.open, Enabled: true}, entry{Label: snooze, Enabled: true}, entry{Label: c.quit, Enabled: true})
	return s
}

func TestLabelsReadTheMenu(t *testing.T) {
	for _, lang := range []ui.Lang{ui.English, ui.Japanese} {
		c := newLabels(lang)
		if err := c.withDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(c.names) < 2 {
			t.Fatalf("demo exchanges %v", c.names)
		}
		s := menuFor(c, exchanges.Outage, exchanges.Operational, c.snooze)
		v, err := c.settled(s)
		if err != nil || v.worst != exchanges.Outage || v.snoozed {
			t.Fatalf("%s: %v %+v", lang, err, v)
		}
		s.Icon = "operational"
		if _, err := c.settled(s); err == nil || !strings.Contains(err.Error(), "worst level is outage") {
			t.Fatalf("%s: icon not the worst: %v", lang, err)
		}
		s = menuFor(c, exchanges.Operational, exchanges.Outage, c.lang.T("tray.snoozed", "11:30"))
		if _, err := c.parse(s); err == nil || !strings.Contains(err.Error(), "worst must come first") {
			t.Fatalf("%s: order: %v", lang, err)
		}
		s = menuFor(c, exchanges.Outage, exchanges.Operational, c.lang.T("tray.snoozed", "11:30"))
		if v, err := c.parse(s); err != nil || !v.snoozed {
			t.Fatalf("%s: snoozed: %v %+v", lang, err, v)
		}
		s.Menu = s.Menu[:len(s.Menu)-1]
		if _, err := c.parse(s); err == nil {
			t.Fatalf("%s: a menu without Quit passes", lang)
		}
	}
}

func TestTrayIconsAreDistinct(t *testing.T) {
	icons := trayIcons()
	if len(icons) != 6 {
		t.Fatalf("%d icons", len(icons))
	}
	for a, pa := range icons {
		for b, pb := range icons {
			if a != b && bytes.Equal(pa, pb) {
				t.Fatalf("%s and %s look the same", a, b)
			}
		}
	}
}
