package ui

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"safeharbor/cli"
	"safeharbor/config"
	"safeharbor/internal/clock"
	"safeharbor/internal/demo"
	"safeharbor/notify"
	"safeharbor/wallet"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

// tickEvery refreshes relative times and the demo step.
const tickEvery = 5 * time.Second

// run is the real app: the only place fyne.io/fyne/v2/app is used, so the
// rest of the package tests headless.
func run(env *cli.Env, demoMode bool) int {
	cfg, err := config.Load("")
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor: %v\n", err)
		return cli.ExitConfig
	}
	firstRun := cfg.Path == ""
	clk := clock.Real{}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup // every background goroutine run starts
	defer wg.Wait()
	defer cancel() // runs before wg.Wait

	var demoStep func(Lang) string
	if demoMode {
		d, err := demo.Start(ctx)
		if err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor demo: %v\n", err)
			return cli.ExitFailure
		}
		defer d.Close()
		lang := cfg.Language
		cfg = d.Config()
		cfg.Language = lang
		firstRun = false
		demoStep = func(l Lang) string {
			_, s := d.Current()
			if l == Japanese && s.TitleJA != "" {
				return s.TitleJA
			}
			return s.Title
		}
	}
	eng, err := watchers.New(cfg, watchers.Options{Clock: clk})
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor: %v\n", err)
		return cli.ExitConfig
	}
	wg.Add(1)
	go func() { defer wg.Done(); _ = eng.Run(ctx) }()
	trimMemory(ctx, &wg, clk)

	lang := chooseLang(env.Getenv, cfg.Language)
	a := app.NewWithID("app.safeharbor.desktop")
	a.SetIcon(appIcon())
	a.Settings().SetTheme(newAppTheme())
	b := newBridge()
	desk := newDesktopChannel(a, b, cfg.Alerts.DesktopEnabled())
	alerts := &alertSwitch{}
	var u *UI // built below; background work reaches it only through the bridge
	// History: the user's record (a throwaway one for the demo), fed by the engine.
	st, closeStore := openHistoryStore(env.Getenv, demoMode, clk, cfg.History.Retention.Duration, env.Stderr)
	stopRecord := func() {}
	if st != nil {
		stopRecord = recordHistory(ctx, eng, st, func(err error) { fmt.Fprintf(env.Stderr, "safeharbor: history: %v\n", err) })
	}
	// The Dispatcher resolves keyring references when built: never on the
	// Fyne goroutine, so the window shows at once.
	var dispatcher struct {
		sync.Mutex
		d *notify.Dispatcher
	}
	rebuildAlerts := func(c config.Config, l Lang) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := vault.Default()
			opt := notify.Options{Clock: clk, Channels: []notify.Channel{desk}, Language: string(l), Secrets: v.Get}
			if demoMode {
				opt.Spacing = demo.AlertSpacing
			}
			if st != nil {
				opt.Outbox, opt.History = st, st
			}
			d, err := notify.New(c, opt)
			if err != nil {
				fmt.Fprintf(env.Stderr, "safeharbor: notifications: %v\n", err)
				alerts.set(ctx, newBasicAlerts(clk, l, desk)) // desktop alerts still work
				return
			}
			for _, p := range d.Problems() {
				fmt.Fprintf(env.Stderr, "safeharbor: notifications: %v\n", p)
			}
			dispatcher.Lock()
			d.Inherit(dispatcher.d) // an outage in progress survives a settings change
			dispatcher.d = d
			dispatcher.Unlock()
			alerts.set(ctx, d)
			b.onUI(func() { u.refresh() }) // History shows the calendar and channels now
		}()
	}
	rebuildAlerts(cfg, lang)

	current := cfg
	opts := Options{
		Config: cfg, Lang: lang, Clock: clk, FirstRun: firstRun,
		Store:    fileStore{getenv: env.Getenv},
		Snooze:   alerts.Snooze,
		DemoStep: demoStep,
		Acknowledge: func(id string) {
			dispatcher.Lock()
			d := dispatcher.d
			dispatcher.Unlock()
			if d != nil {
				d.Acknowledge(id)
			}
		},
		Apply: func(c config.Config) {
			current = c
			desk.SetEnabled(c.Alerts.DesktopEnabled())
			if err := eng.Apply(c); err != nil {
				fmt.Fprintf(env.Stderr, "safeharbor: applying settings: %v\n", err)
			}
			rebuildAlerts(c, chooseLang(env.Getenv, c.Language))
		},
		OnLang: func(l Lang) { rebuildAlerts(current, l) },
	}
	if demoMode {
		opts.Store = nil // the demo never writes the user's config
	}
	if d, ok := a.(desktop.App); ok {
		opts.Tray = d
	}
	u = New(a, opts)
	wv := vault.Default()
	if demoMode {
		wv = vault.New(vault.NewMemory(), 0) // the demo keeps nothing and never touches the user's keyring
		if acct, err := wallet.ParseAccount(demo.Wallet, demo.WalletNetwork, ""); err == nil {
			_ = wv.Set("wallet/"+acct.ID(), acct.Descriptor()) // in memory, instant
		}
	}
	wdeps, closeWallet, err := walletDepsFromConfig(cfg, wv, st, eng, clk)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor: wallet: %v\n", err)
	}
	wdeps.Do = b.onUI
	u.SetWallet(Lazy(func() Area { return newWalletArea(u, wdeps) }))
	u.SetHistory(Lazy(func() Area {
		return newHistoryArea(u, HistoryDeps{Store: st, Clock: clk, Do: b.onUI, Dispatcher: func() *notify.Dispatcher {
			dispatcher.Lock()
			defer dispatcher.Unlock()
			return dispatcher.d
		}})
	}))
	if opts.Tray != nil {
		// Closing keeps watching from the tray if a tray is shown then.
		u.win.SetCloseIntercept(u.closeToTray(trayShown, func(f func()) {
			wg.Add(1) // closes happen in the event loop, before wg.Wait
			go func() { defer wg.Done(); f() }()
		}, b.onUI))
	}
	u.showInitial(env.Getenv("SAFEHARBOR_SCREEN"))
	b.start(ctx, eng, u, alerts, clk, tickEvery)
	u.win.ShowAndRun()
	// Shutdown, users before what they use: UI feeds, areas, the
	// Dispatcher and recorder (both write the store), then the store.
	b.close()
	cancel()
	b.stop()
	wg.Wait() // engine, demo, tray check, Dispatcher builders
	u.closeAreas()
	alerts.close()
	stopRecord()
	closeWallet()
	closeStore()
	return cli.ExitOK
}

// trimMemory keeps the idle footprint small: a lower GC target (the app
// allocates little once running) and, once startup's garbage (font
// loading, first layout) is collected, the freed pages go back to the OS.
func trimMemory(ctx context.Context, wg *sync.WaitGroup, clk clock.Clock) {
	debug.SetGCPercent(50)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := clk.NewTimer(8 * time.Second)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C():
			debug.FreeOSMemory()
		}
	}()
}

// showInitial opens a named screen at start ("detail:bitbank",
// "playbook:bitbank", "settings", ...): for screenshots and support.
func (u *UI) showInitial(s string) {
	name, id, _ := strings.Cut(s, ":")
	switch name {
	case "detail":
		u.selected = id
		u.show(viewDetail)
	case "playbook":
		u.selected = id
		u.show(viewPlaybook)
	case "settings":
		u.show(viewSettings)
	case "wallet":
		u.show(viewWallet)
		selectAreaTab(u.walletArea, name, id)
	case "history":
		u.show(viewHistory)
		selectAreaTab(u.historyArea, name, id)
	case "dashboard":
		u.show(viewDashboard)
	}
}
