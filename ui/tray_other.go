//go:build !linux

package ui

// trayShown: Windows and macOS always show tray (menu bar) icons.
func trayShown() bool { return true }
