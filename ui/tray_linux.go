//go:build linux

package ui

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// trayShown reports whether a tray host (a StatusNotifier watcher) is on the
// session bus. Without one the tray icon is invisible, so closing the window
// must quit rather than hide the app where nobody can reach it.
func trayShown() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := dbus.SessionBusPrivate(dbus.WithContext(ctx))
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
