package ui

import (
	"fmt"

	"safeharbor/cli"
)

// App is the GUI entry point main hands to the command line.
type App struct{}

// Run opens the desktop app. (Placeholder until the GUI lands.)
func (App) Run(env *cli.Env, demo bool) int {
	fmt.Fprintln(env.Stderr, "safeharbor: the desktop app is not built yet; try 'safeharbor status'")
	return 1
}
