package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/watchers"
)

func init() {
	register("watch", "watch headless, one line per verdict change, until Ctrl-C", runWatch)
}

// A WatchHook consumes the events of a running `safeharbor watch` (and
// `demo --headless`): notification delivery, history recording. Each hook
// runs on its own goroutine with its own subscription; it must return once
// events is closed (after ctx ends, at shutdown).
type WatchHook func(ctx context.Context, cfg config.Config, events <-chan watchers.Event)

var (
	hooksMu    sync.Mutex
	watchHooks []WatchHook
)

// RegisterWatchHook adds a hook to every later watch run; the integrator
// calls it (from main or an init) to wire notify and history.
func RegisterWatchHook(h WatchHook) {
	hooksMu.Lock()
	defer hooksMu.Unlock()
	watchHooks = append(watchHooks, h)
}

func runWatch(env *Env) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON lines")
	cfgPath := fs.String("config", "", "config file")
	ids, err := parseFlags(fs, env.Args)
	if err != nil {
		return usageError(env, "watch", err)
	}
	cfg, code := loadConfig(env, "watch", *cfgPath)
	if code != ExitOK {
		return code
	}
	if cfg, err = selectExchanges(cfg, ids); err != nil {
		return usageError(env, "watch", err)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	return watchUntil(ctx, env, "watch", cfg, *asJSON)
}

// watchUntil runs the engine and the hooks until ctx ends, printing every
// level change. Everything it starts has stopped when it returns.
func watchUntil(ctx context.Context, env *Env, cmd string, cfg config.Config, asJSON bool) int {
	eng, err := watchers.New(cfg, engineOptions())
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor %s: %s\n", cmd, oneLine(err))
		return ExitConfig
	}
	events, unsubscribe := eng.Subscribe()
	defer unsubscribe()

	var hooks []WatchHook
	if cmd != "demo" { // the demo never records into the user's history or pages their phone
		hooksMu.Lock()
		hooks = append(hooks, watchHooks...)
		hooksMu.Unlock()
	}
	var wg sync.WaitGroup
	var unsubs []func()
	for _, h := range hooks {
		ch, unsub := eng.Subscribe()
		unsubs = append(unsubs, unsub)
		wg.Go(func() { h(ctx, cfg, ch) })
	}

	engineDone := make(chan struct{})
	go func() {
		defer close(engineDone)
		eng.Run(ctx)
	}()
	pr := &eventPrinter{w: env.Stdout, json: asJSON}
loop:
	for {
		select {
		case ev := <-events:
			pr.print(ev)
		case <-ctx.Done():
			break loop
		}
	}
	<-engineDone
	// Unsubscribing closes each hook's channel: the signal to return.
	for _, u := range unsubs {
		u()
	}
	wg.Wait()
	return ExitOK
}

// eventPrinter writes one line per level change.
type eventPrinter struct {
	w    io.Writer
	json bool
}

// watchLine is SPEC §3's `watch --json` object.
type watchLine struct {
	Time        time.Time                     `json:"time"`
	Exchange    string                        `json:"exchange"`
	Name        string                        `json:"name"`
	Level       exchanges.Level               `json:"level"`
	Previous    string                        `json:"previous,omitempty"`
	Summary     string                        `json:"summary"`
	Reasons     []exchanges.Reason            `json:"reasons"`
	Advice      []exchanges.Advice            `json:"advice"`
	Maintenance []exchanges.MaintenanceWindow `json:"maintenance,omitempty"`
	Links       exchanges.Links               `json:"links"`
}

func (p *eventPrinter) print(ev watchers.Event) {
	if ev.Kind != watchers.Changed {
		return
	}
	v := jsonVerdict(ev.Verdict)
	prev := ""
	if !ev.First {
		prev = ev.Previous.String()
	}
	if p.json {
		b, err := json.Marshal(watchLine{
			Time: utc(ev.Time), Exchange: v.ID, Name: v.Name, Level: v.Level, Previous: prev,
			Summary: v.Summary, Reasons: v.Reasons, Advice: v.Advice, Maintenance: ev.Verdict.Maintenance, Links: v.Links,
		})
		if err == nil {
			fmt.Fprintf(p.w, "%s\n", b)
		}
		return
	}
	was := "(first check)"
	if prev != "" {
		was = "(was " + prev + ")"
	}
	fmt.Fprintf(p.w, "%s  %-10s %-12s %-20s %s\n", ev.Time.Local().Format("2006-01-02 15:04:05"), v.ID, v.Level, was, v.Summary)
}
