package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// snoozeFor is the tray's "Snooze alerts" length.
const snoozeFor = time.Hour

// updateTray sets the tray icon to the worst level and lists the exchanges.
func (u *UI) updateTray() {
	if u.opts.Tray == nil {
		return
	}
	u.opts.Tray.SetSystemTrayIcon(trayIcon(u.m.worst()))
	u.opts.Tray.SetSystemTrayMenu(u.trayMenu())
}

func (u *UI) trayMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, r := range u.m.sorted() {
		id := r.ID
		items = append(items, fyne.NewMenuItem(u.lang.T("tray.item", r.Name, levelWords(u.lang, r)), func() {
			u.openDetail(id)
			u.win.Show()
			u.win.RequestFocus()
		}))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(u.lang.T("tray.open"), func() {
		u.win.Show()
		u.win.RequestFocus()
	}))
	if u.snoozed.After(u.now()) {
		items = append(items, fyne.NewMenuItem(u.lang.T("tray.snoozed", u.localTime(u.snoozed)), func() { u.SnoozeAlerts(time.Time{}) }))
	} else {
		items = append(items, fyne.NewMenuItem(u.lang.T("tray.snooze"), func() { u.SnoozeAlerts(u.now().Add(snoozeFor)) }))
	}
	quit := fyne.NewMenuItem(u.lang.T("tray.quit"), func() { u.app.Quit() })
	quit.IsQuit = true
	items = append(items, quit)
	return fyne.NewMenu(u.lang.T("app.title"), items...)
}

// SnoozeAlerts silences notifications until t (zero resumes them).
func (u *UI) SnoozeAlerts(t time.Time) {
	u.snoozed = t
	if u.opts.Snooze != nil {
		u.opts.Snooze(t)
	}
	u.updateTray()
}
