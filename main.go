// Command safeharbor watches crypto exchanges for outages and guides
// traders to move coins to their own cold wallet.
package main

import (
	"os"

	"safeharbor/cli"
)

func main() {
	// `safeharbor watch` records history and delivers the config's notifications.
	cli.RegisterWatchHook(cli.DeliveryHook("", os.Stderr))
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, desktop))
}
