package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
)

// recordingTray keeps every call, as the real tray sees them.
type recordingTray struct {
	menus []*fyne.Menu
	icons []string
}

func (r *recordingTray) SetSystemTrayMenu(m *fyne.Menu)    { r.menus = append(r.menus, m) }
func (r *recordingTray) SetSystemTrayIcon(i fyne.Resource) { r.icons = append(r.icons, i.Name()) }

func menuLabels(m *fyne.Menu) string {
	var l []string
	for _, it := range m.Items {
		l = append(l, it.Label)
	}
	return strings.Join(l, "|")
}

func withTray(r *recordingTray) func(*Options) { return func(o *Options) { o.Tray = r } }

// Fyne's tray re-applies the first menu it was given once it is on the
// bus, which happens after the first verdicts arrive: that menu must be
// the current one, or the tray lists "Checking…" until the next change.
func TestTrayFirstMenuStaysCurrent(t *testing.T) {
	tr := &recordingTray{}
	h := newHarness(t, English, testConfig("bitbank", "coincheck"), withTray(tr))
	if len(tr.menus) != 1 || menuLabels(tr.menus[0]) != "bitbank — Checking…|Coincheck — Checking…||Open SafeHarbor|Snooze alerts 1 h|Quit" {
		t.Fatalf("startup menu %d calls %q", len(tr.menus), menuLabels(tr.menus[0]))
	}
	h.u.Handle(change(verdict("coincheck", "Coincheck", exchanges.Operational, t0, ""), exchanges.Unknown, true))
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Degraded, t0, ""), exchanges.Unknown, true))
	want := "bitbank — Degraded|Coincheck — Operational||Open SafeHarbor|Snooze alerts 1 h|Quit"
	if got := menuLabels(tr.menus[0]); got != want {
		t.Fatalf("the first menu shows %q\nwant %q", got, want)
	}
	for i, m := range tr.menus {
		if m != tr.menus[0] {
			t.Fatalf("call %d gave the tray another menu", i)
		}
	}
}

// Each SetSystemTrayMenu rebuilds the D-Bus menu: an event or a tick that
// changes nothing in the tray sends nothing.
func TestTrayQuietWhenUnchanged(t *testing.T) {
	tr := &recordingTray{}
	h := newHarness(t, English, testConfig("bitbank", "coincheck"), withTray(tr))
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading halted"), exchanges.Unknown, true))
	menus, icons := len(tr.menus), len(tr.icons)
	if menus != 2 || icons != 2 || tr.icons[1] != "tray-outage.png" {
		t.Fatalf("after the first verdict: %d menus, icons %v", menus, tr.icons)
	}
	// Same level, new words; then time passes.
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading still halted"), exchanges.Outage, false))
	h.clk.Advance(10 * time.Minute)
	h.u.Tick()
	if len(tr.menus) != menus || len(tr.icons) != icons {
		t.Fatalf("nothing changed, yet the tray got %d menus and %d icons more", len(tr.menus)-menus, len(tr.icons)-icons)
	}
	// A level that changes the list but not the worst: a menu, no icon.
	h.u.Handle(change(verdict("coincheck", "Coincheck", exchanges.Operational, t0, ""), exchanges.Unknown, true))
	if len(tr.menus) != menus+1 || len(tr.icons) != icons {
		t.Fatalf("coincheck checked: %d menus and %d icons more, want 1 and 0", len(tr.menus)-menus, len(tr.icons)-icons)
	}
}

// The "snoozed until" entry goes back to "Snooze alerts 1 h" when the
// snooze ends, not at the next verdict.
func TestTraySnoozeEntryEnds(t *testing.T) {
	tr := &recordingTray{}
	h := newHarness(t, English, testConfig("bitbank"), withTray(tr))
	m := tr.menus[0]
	m.Items[3].Action() // Snooze alerts 1 h
	if got := m.Items[3].Label; got != "Alerts snoozed until 11:30 — resume" {
		t.Fatalf("snoozed entry %q", got)
	}
	h.clk.Advance(59 * time.Minute)
	h.u.Tick()
	if got := m.Items[3].Label; got != "Alerts snoozed until 11:30 — resume" {
		t.Fatalf("a minute before the end: %q", got)
	}
	h.clk.Advance(time.Minute)
	h.u.Tick()
	if got := m.Items[3].Label; got != "Snooze alerts 1 h" {
		t.Fatalf("after the snooze: %q", got)
	}
}

type quitApp struct {
	fyne.App
	quits int
}

func (a *quitApp) Quit() { a.quits++ }

// Whether closing hides or quits is asked when the window is closed, not
// at startup: the panel may start after the app, or go away.
func TestCloseToTrayAsksAtClose(t *testing.T) {
	a := &quitApp{App: test.NewTempApp(t)}
	u := New(a, Options{Config: testConfig("bitbank"), Clock: clock.NewFake(t0), Loc: time.UTC, Tray: &recordingTray{}})
	t.Cleanup(u.win.Close)
	asked, shown := 0, true
	var spawned, onUI int
	closeBtn := u.closeToTray(func() bool { asked++; return shown },
		func(f func()) { spawned++; f() }, func(f func()) { onUI++; f() })
	if asked != 0 {
		t.Fatal("asked for a tray before any close")
	}
	closeBtn()
	if asked != 1 || spawned != 1 || onUI != 1 || a.quits != 0 {
		t.Fatalf("tray shown: asked %d, spawned %d, onUI %d, quits %d; want 1, 1, 1, 0", asked, spawned, onUI, a.quits)
	}
	shown = false // the panel went away
	closeBtn()
	if asked != 2 || a.quits != 1 {
		t.Fatalf("no tray: asked %d, quits %d; want 2, 1", asked, a.quits)
	}
}
