package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"safeharbor/cli"
	"safeharbor/config"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

// tickEvery refreshes relative times and the demo step.
const tickEvery = 5 * time.Second

// run is the real app: the only place fyne.io/fyne/v2/app is used, so the
// rest of the package tests headless.
func run(env *cli.Env, demo bool) int {
	cfg, err := config.Load("")
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor: %v\n", err)
		return cli.ExitConfig
	}
	clk := clock.Real{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup // every background goroutine Run started
	defer wg.Wait()
	defer cancel() // runs before wg.Wait

	var src Source
	var apply func(config.Config)
	var demoStep func() string
	if demo {
		s := newScriptSource(clk)
		lang := cfg.Language
		cfg = demoConfig()
		cfg.Language = lang
		src, demoStep = s, s.Step
		wg.Add(1)
		go func() { defer wg.Done(); s.Run(ctx) }()
	} else {
		eng, err := watchers.New(cfg, watchers.Options{Clock: clk})
		if err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor: %v\n", err)
			return cli.ExitConfig
		}
		src = eng
		apply = func(c config.Config) {
			if err := eng.Apply(c); err != nil {
				fmt.Fprintf(env.Stderr, "safeharbor: applying settings: %v\n", err)
			}
		}
		wg.Add(1)
		go func() { defer wg.Done(); _ = eng.Run(ctx) }()
	}

	lang := chooseLang(env.Getenv, cfg.Language)
	a := app.NewWithID("app.safeharbor.desktop")
	a.SetIcon(appIcon())
	b := newBridge()
	desk := newDesktopChannel(a, b, cfg.Alerts.DesktopEnabled())
	alerts := newBasicAlerts(clk, lang, desk)

	opts := Options{
		Config: cfg, Lang: lang, Clock: clk,
		Store:    fileStore{getenv: env.Getenv},
		Snooze:   alerts.Snooze,
		OnLang:   alerts.SetLang,
		DemoStep: demoStep,
		Apply: func(c config.Config) {
			desk.SetEnabled(c.Alerts.DesktopEnabled())
			if apply != nil {
				apply(c)
			}
		},
	}
	if demo {
		opts.Store = nil // the demo never writes the user's config
	}
	if d, ok := a.(desktop.App); ok {
		opts.Tray = d
	}
	u := New(a, opts)
	if opts.Tray != nil {
		u.win.SetCloseIntercept(u.win.Hide) // closing keeps watching from the tray
	}
	u.showInitial(env.Getenv("SAFEHARBOR_SCREEN"))
	b.start(ctx, src, u, alerts, clk, tickEvery)
	u.win.ShowAndRun()
	cancel()
	b.stop()
	return cli.ExitOK
}

// showInitial opens a named screen at start ("detail:bitbank", "playbook:bitbank",
// "settings", ...): for screenshots and support instructions.
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
	case "history":
		u.show(viewHistory)
	case "dashboard":
		u.show(viewDashboard)
	}
}
