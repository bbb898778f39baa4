package ui

import "fyne.io/fyne/v2"

// Area is a screen that another part of the app fills in (Wallet,
// History). View is called on every refresh of the screen, on the Fyne
// goroutine; an area keeps its widgets so typed text survives.
type Area interface {
	View() fyne.CanvasObject
}

// SetWallet installs the Wallet screen (until then a placeholder shows).
func (u *UI) SetWallet(a Area) {
	u.walletArea = a
	u.refresh()
}

// SetHistory installs the History screen (until then a placeholder shows).
func (u *UI) SetHistory(a Area) {
	u.historyArea = a
	u.refresh()
}

// closeAreas lets areas stop their background work when the app quits.
func (u *UI) closeAreas() {
	for _, a := range []Area{u.walletArea, u.historyArea} {
		if c, ok := a.(interface{ Close() }); ok {
			c.Close()
		}
	}
}

// lazyArea builds its area the first time it is shown: the Wallet and
// History screens cost memory (their fonts, their widgets) that an app
// watching from the tray should not pay until they are opened.
type lazyArea struct {
	build func() Area
	area  Area
}

// Lazy wraps an area constructor so it runs on first view, on the Fyne goroutine.
func Lazy(build func() Area) Area { return &lazyArea{build: build} }

func (l *lazyArea) View() fyne.CanvasObject {
	if l.area == nil {
		l.area = l.build()
	}
	return l.area.View()
}

func (l *lazyArea) Close() {
	if c, ok := l.area.(interface{ Close() }); ok {
		c.Close()
	}
}

// A tabbedArea can open one of its tabs by index (showInitial: "wallet:receive").
type tabbedArea interface{ SelectTab(i int) }

func (l *lazyArea) SelectTab(i int) {
	l.View() // build it first
	if t, ok := l.area.(tabbedArea); ok {
		t.SelectTab(i)
	}
}

func (w *walletArea) SelectTab(i int) {
	if w.tabs != nil && i >= 0 && i < len(w.tabs.Items) {
		w.tabs.SelectIndex(i)
	}
}

func (h *historyArea) SelectTab(i int) {
	if h.tabs != nil && i >= 0 && i < len(h.tabs.Items) {
		h.tabs.SelectIndex(i)
	}
}

// areaTabs name the Wallet and History tabs for showInitial, in order.
var areaTabs = map[string][]string{
	"wallet":  {"accounts", "receive", "check", "withdrawals"},
	"history": {"incidents", "uptime", "calendar", "channels"},
}

func selectAreaTab(a Area, area, tab string) {
	t, ok := a.(tabbedArea)
	if !ok || tab == "" {
		return
	}
	for i, n := range areaTabs[area] {
		if n == tab {
			t.SelectTab(i)
		}
	}
}

// A planStarter opens the withdrawal guide for an exchange (the playbook's
// "secure assets" step).
type planStarter interface{ StartPlan(exchangeID string) }

func (l *lazyArea) StartPlan(exchangeID string) {
	l.View() // build it first
	if p, ok := l.area.(planStarter); ok {
		p.StartPlan(exchangeID)
	}
}
