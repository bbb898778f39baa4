package cli

import (
	"context"
	"flag"
	"fmt"

	"safeharbor/internal/demo"
)

func init() {
	register("demo", "the app against simulated exchanges that go through an outage (--headless: text)", runDemo)
}

func runDemo(env *Env) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	headless := fs.Bool("headless", false, "no window: print watch-style lines")
	asJSON := fs.Bool("json", false, "with --headless: JSON lines")
	serveOnly := fs.Bool("serve-only", false, "only run the simulated exchanges and print their config (for benchmarks)")
	steady := fs.Bool("steady", false, "keep every simulated exchange healthy (no timeline)")
	configOut := fs.String("config-out", "", "with --serve-only: write the config to this file")
	pos, err := parseFlags(fs, env.Args)
	if err != nil {
		return usageError(env, "demo", err)
	}
	if len(pos) > 0 {
		return usageError(env, "demo", fmt.Errorf("unexpected argument %q", clipArg(pos[0])))
	}
	if !*headless && !*serveOnly {
		if env.GUI == nil {
			fmt.Fprintln(env.Stderr, "safeharbor demo: this build has no desktop app; try 'safeharbor demo --headless'")
			return ExitUsage
		}
		return env.GUI.Run(env, true)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	opt := demo.Options{NoTimeline: *steady}
	if *headless && !*asJSON {
		opt.OnStep = func(i int, s demo.Step) {
			// Stderr, so stdout stays the same shape as `watch`.
			fmt.Fprintf(env.Stderr, "-- demo step %d: %s\n", i+1, s.Title)
		}
	}
	d, err := demo.StartWith(ctx, opt)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor demo: %s\n", oneLine(err))
		return ExitFailure
	}
	defer d.Close()
	cfg := d.Config()
	if *serveOnly {
		data, err := cfg.Marshal()
		if err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor demo: %s\n", oneLine(err))
			return ExitFailure
		}
		if *configOut != "" {
			if err := cfg.Save(*configOut); err != nil {
				fmt.Fprintf(env.Stderr, "safeharbor demo: %s\n", oneLine(err))
				return ExitFailure
			}
			fmt.Fprintf(env.Stdout, "simulated exchanges running; config written to %s\n", *configOut)
		} else {
			env.Stdout.Write(data)
		}
		<-ctx.Done()
		return ExitOK
	}
	return watchUntil(ctx, env, "demo", cfg, *asJSON)
}
