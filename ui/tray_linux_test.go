//go:build linux

package ui

import "testing"

func TestTrayShownWithoutBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
	if trayShown() {
		t.Fatal("no bus, yet a tray is said to be shown")
	}
}
