package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"safeharbor/exchanges"
)

// snoozeFor is the tray's "Snooze alerts" length.
const snoozeFor = time.Hour

// trayState is what the tray was last given.
type trayState struct {
	menu  *fyne.Menu // the one menu the tray has; its Items are replaced
	level exchanges.Level
	key   string // the entries shown, as "id\x00label" lines
}

// updateTray sets the tray icon to the worst level and lists the exchanges.
//
// The tray always gets the same *fyne.Menu with new Items: Fyne re-applies
// the first menu it was given when the tray comes up on the bus, a moment
// after startup, so a fresh Menu each time would leave the tray listing
// every exchange as "Checking…" until the next change. And nothing is sent
// when nothing changed: every SetSystemTrayMenu rebuilds the D-Bus menu
// (new item ids, two signals per entry), which panels re-read and which
// can close a menu the user has open.
func (u *UI) updateTray() {
	if u.opts.Tray == nil {
		return
	}
	t := &u.tray
	first := t.menu == nil
	if l := u.m.worst(); first || l != t.level {
		t.level = l
		u.opts.Tray.SetSystemTrayIcon(trayIcon(l))
	}
	items, key := u.trayItems()
	if !first && key == t.key {
		return
	}
	if first {
		t.menu = fyne.NewMenu("")
	}
	t.key = key
	t.menu.Label = u.lang.T("app.title")
	t.menu.Items = items
	u.opts.Tray.SetSystemTrayMenu(t.menu)
}

// trayItems are the menu's entries and a key that changes with what they do.
func (u *UI) trayItems() ([]*fyne.MenuItem, string) {
	var items []*fyne.MenuItem
	var key strings.Builder
	add := func(id string, it *fyne.MenuItem) {
		items = append(items, it)
		key.WriteString(id + "\x00" + it.Label + "\n")
	}
	for _, r := range u.m.sorted() {
		id := r.ID
		add("x/"+id, fyne.NewMenuItem(u.lang.T("tray.item", r.Name, levelWords(u.lang, r)), func() {
			u.openDetail(id)
			u.win.Show()
			u.win.RequestFocus()
		}))
	}
	add("-", fyne.NewMenuItemSeparator())
	add("open", fyne.NewMenuItem(u.lang.T("tray.open"), func() {
		u.win.Show()
		u.win.RequestFocus()
	}))
	if u.snoozed.After(u.now()) {
		add("resume", fyne.NewMenuItem(u.lang.T("tray.snoozed", u.localTime(u.snoozed)), func() { u.SnoozeAlerts(time.Time{}) }))
	} else {
		add("snooze", fyne.NewMenuItem(u.lang.T("tray.snooze"), func() { u.SnoozeAlerts(u.now().Add(snoozeFor)) }))
	}
	quit := fyne.NewMenuItem(u.lang.T("tray.quit"), func() { u.app.Quit() })
	quit.IsQuit = true
	add("quit", quit)
	return items, key.String()
}

// SnoozeAlerts silences notifications until t (zero resumes them).
func (u *UI) SnoozeAlerts(t time.Time) {
	u.snoozed = t
	if u.opts.Snooze != nil {
		u.opts.Snooze(t)
	}
	u.updateTray()
}

// closeToTray is the window's close button when the app has a tray: it
// hides the window if a tray shows the app at that moment and quits
// otherwise, so the app never hides where nobody can reach it, whether the
// panel started after the app or has gone since. shown asks the session
// bus (it may be slow), so it runs on a goroutine that spawn starts and
// its caller owns; onUI brings the answer back to the Fyne goroutine.
func (u *UI) closeToTray(shown func() bool, spawn, onUI func(func())) func() {
	return func() {
		spawn(func() {
			if shown() {
				onUI(u.win.Hide)
			} else {
				onUI(u.app.Quit)
			}
		})
	}
}
