package cli

import (
	"fmt"
	"runtime"
)

// Version is set at build time with -ldflags "-X safeharbor/cli.Version=...".
var Version = "0.1.0"

func init() {
	register("version", "print the version", func(env *Env) int {
		fmt.Fprintf(env.Stdout, "safeharbor %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return ExitOK
	})
}
