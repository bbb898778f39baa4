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
