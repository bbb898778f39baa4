//go:build nogui

package main

import "safeharbor/cli"

// desktop is nil in a headless build (`make build-headless`): the same
// command line for servers and cron, half the memory, no GUI toolkit.
var desktop cli.GUI
