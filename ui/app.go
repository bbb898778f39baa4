package ui

import "safeharbor/cli"

// App is the GUI entry point main hands to the command line.
type App struct{}

// Run opens the desktop app and blocks until it quits; demo watches
// simulated exchanges that go through an outage.
func (App) Run(env *cli.Env, demo bool) int { return run(env, demo) }
