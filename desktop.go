//go:build !nogui

package main

import (
	"safeharbor/cli"
	"safeharbor/ui"
)

// desktop is the Fyne app; `-tags nogui` leaves it out (see nogui.go).
var desktop cli.GUI = ui.App{}
