package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"safeharbor/config"
	"safeharbor/history"
	"safeharbor/notify"
	"safeharbor/watchers"
)

func init() {
	register("notify", "test [NAME]: send a test message through the configured channels", runNotify)
}

const notifyUsage = "usage: safeharbor notify test [NAME] [--config FILE]"

// resolveSecret reads the keyring entry NAME of a "keyring:NAME" token
// reference in [[notify]]. It defaults to the OS keyring (the same vault
// as 'safeharbor secrets'); tests replace it with an in-memory map.
var resolveSecret = func(name string) (string, error) { return newVault().Get(name) }

// notifyClient is the HTTP client of the channels; tests point it at loopback servers.
var notifyClient = func() *http.Client { return nil }

func runNotify(env *Env) int {
	if len(env.Args) == 0 || env.Args[0] != "test" {
		return usageError(env, "notify", errors.New(notifyUsage))
	}
	fs := flag.NewFlagSet("notify test", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "config file")
	pos, err := parseFlags(fs, env.Args[1:])
	if err != nil {
		return usageError(env, "notify", fmt.Errorf("%v; %s", err, notifyUsage))
	}
	if len(pos) > 1 {
		return usageError(env, "notify", errors.New("at most one channel name; "+notifyUsage))
	}
	cfg, code := loadConfig(env, "notify", *cfgPath)
	if code != ExitOK {
		return code
	}
	if len(cfg.Notify) == 0 {
		fmt.Fprintln(env.Stderr, "safeharbor notify: no [[notify]] channels in the config file")
		return ExitConfig
	}
	d, err := notify.New(cfg, notify.Options{Secrets: resolveSecret, Language: cfg.Lang(env.Getenv), Client: notifyClient()})
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor notify: %s\n", histErr(err))
		return ExitConfig
	}
	names := d.Channels()
	if len(pos) == 1 {
		names = []string{pos[0]}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	failed := false
	for _, n := range names {
		if err := d.SendTest(ctx, n); err != nil {
			fmt.Fprintf(env.Stderr, "%s: FAILED: %s\n", n, histErr(err))
			failed = true
			continue
		}
		fmt.Fprintf(env.Stdout, "%s: test message delivered\n", n)
	}
	if failed {
		return ExitFailure
	}
	return ExitOK
}

// DeliveryHook is a WatchHook that records every event in the history file
// (path "" = the default location) and delivers the config's notifications,
// with the outbox in that same file. The integrator registers it:
//
//	cli.RegisterWatchHook(cli.DeliveryHook("", os.Stderr))
//
// Problems (a locked or damaged history file, a channel whose secret is
// missing) are reported on stderr; delivery still runs with an in-memory
// outbox when the file cannot be opened.
func DeliveryHook(path string, stderr io.Writer) WatchHook {
	return func(ctx context.Context, cfg config.Config, events <-chan watchers.Event) {
		report := func(err error) { fmt.Fprintf(stderr, "safeharbor: %s\n", histErr(err)) }
		p := path
		if p == "" {
			var err error
			if p, err = history.PathFrom(os.Getenv); err != nil {
				report(err)
			}
		}
		var store *history.Store
		if p != "" {
			s, err := history.Open(p, history.Options{Retention: cfg.History.Retention.Duration})
			var rec *history.Recovered
			if err != nil {
				report(err)
			}
			if err == nil || errors.As(err, &rec) {
				store = s
				defer store.Close()
			}
		}
		opt := notify.Options{Secrets: resolveSecret, Language: cfg.Lang(os.Getenv), OnError: report, Client: notifyClient()}
		if store != nil {
			opt.Outbox, opt.History = store, store
		}
		d, err := notify.New(cfg, opt)
		if err != nil {
			report(err)
		}
		var done chan struct{}
		if d != nil {
			for _, p := range d.Problems() {
				report(p)
			}
			runCtx, stop := context.WithCancel(ctx)
			done = make(chan struct{})
			go func() { defer close(done); d.Run(runCtx) }()
			defer func() { stop(); <-done }()
		}
		for ev := range events {
			if store != nil {
				if err := store.Record(ev); err != nil {
					report(err)
				}
			}
			if d != nil {
				d.Handle(ev)
			}
		}
	}
}
