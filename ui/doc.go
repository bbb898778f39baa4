// Package ui is SafeHarbor's desktop app: dashboard, exchange detail,
// outage playbook, wallet, history, settings, tray and notifications, in
// Japanese and English. It is the only package that imports Fyne.
//
// Threading: every widget is touched on the Fyne goroutine. Background work
// (engine events, the demo, timers, desktop notifications) reaches widgets
// only through the bridge (bridge.go), which does every fyne.Do call.
// run.go is the only file that builds the real fyne App, so the screens test
// headless with fyne.io/fyne/v2/test against synthetic engine events.
//
// Wiring: New(app, Options) builds the window from a config; Handle feeds it
// watchers events; SetWallet and SetHistory install those screens (Area);
// notifications go through notify's Dispatcher with the desktop side as a
// notify.Channel (DesktopChannel).
package ui
