// Command fynefloor is the GUI benchmark's control: an empty Fyne window
// (one label, SafeHarbor's window size) so the idle RSS the benchmark
// reports for SafeHarbor can be read against what Fyne alone costs on the
// same display and OpenGL driver. scripts/gui-smoke.sh (BENCH=1) runs it.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.safeharbor.fynefloor")
	w := a.NewWindow("Fyne floor")
	w.SetContent(widget.NewLabel("An empty Fyne window"))
	w.Resize(fyne.NewSize(1040, 720))
	w.ShowAndRun()
}
