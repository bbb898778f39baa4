// Command shheadless is safeharbor's command line without the desktop app,
// used by scripts/footprint.sh to tell the watcher's own footprint from the
// GUI toolkit's share of a full build.
package main

import (
	"os"

	"safeharbor/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, nil)) }
