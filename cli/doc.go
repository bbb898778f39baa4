// Package cli implements SafeHarbor's command line (SPEC §3). Each
// subcommand lives in its own file and registers itself; main.go only
// passes os.Args here. The GUI is injected so this package stays free of Fyne.
package cli
