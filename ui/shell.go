package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

// Source is what the UI needs from the watch engine; tests feed synthetic events.
type Source interface {
	Subscribe() (<-chan watchers.Event, func())
	Verdicts() []watchers.Verdict
}

// Alerter decides which events become notifications (notify's Dispatcher,
// or the small built-in policy until it is wired). It is called from the
// bridge goroutine, Snooze from the Fyne goroutine: it must be thread-safe.
type Alerter interface {
	Handle(ev watchers.Event)
	Snooze(until time.Time)
}

// ConfigStore validates and saves the config file; it returns the config as
// saved (with Path set).
type ConfigStore interface {
	Save(cfg config.Config) (config.Config, error)
}

// TrayHost is the part of desktop.App the tray uses; tests pass a fake.
type TrayHost interface {
	SetSystemTrayMenu(*fyne.Menu)
	SetSystemTrayIcon(fyne.Resource)
}

// Options wire the UI to the rest of the app. Only Config is required.
type Options struct {
	Config config.Config
	Lang   Lang
	Clock  clock.Clock
	Loc    *time.Location // for local times; default time.Local
	Store  ConfigStore
	// Apply hands a saved config to the engine (engine.Apply) without a restart.
	Apply func(config.Config)
	// OnSecureAssets opens the wallet's withdrawal guide; nil shows "coming soon".
	OnSecureAssets func(exchangeID string)
	Tray           TrayHost
	// Snooze is called with the snooze end (zero to resume).
	Snooze func(until time.Time)
	// DemoStep, when set, marks the demo and words the current timeline step.
	DemoStep func(Lang) string
	// FirstRun opens Settings first with a welcome (no config file yet).
	FirstRun bool
	// Acknowledge stops reminders for an exchange's current trouble.
	Acknowledge func(exchangeID string)
	// OnLang follows a language switch (the alert wording).
	OnLang func(Lang)
}

type view int

const (
	viewDashboard view = iota
	viewDetail
	viewPlaybook
	viewWallet
	viewHistory
	viewSettings
)

// UI is the main window and its screens. Every method runs on the Fyne goroutine.
type UI struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	lang Lang
	clk  clock.Clock
	loc  *time.Location
	cfg  config.Config
	m    *model

	view     view
	selected string // exchange shown by detail and playbook

	root      *fyne.Container // border layout; rebuilt on language switch
	body      *fyne.Container // the current view
	banner    *fyne.Container
	demoLabel *widget.Label
	settings  *settingsForm // kept across event refreshes so edits survive
	snoozed   time.Time
	tray      trayState
	status    string // settings save result
	firstRun  bool

	lastMinute time.Time            // of the last relative-time redraw
	rowCache   map[string]cachedRow // dashboard rows reused while unchanged

	walletArea, historyArea Area
}

// New builds the window (not shown) for a; events arrive through Handle.
func New(a fyne.App, opts Options) *UI {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.Loc == nil {
		opts.Loc = time.Local
	}
	if opts.Lang == "" {
		opts.Lang = English
	}
	u := &UI{app: a, opts: opts, lang: opts.Lang, clk: opts.Clock, loc: opts.Loc, cfg: opts.Config}
	u.m = newModel(opts.Config)
	u.win = a.NewWindow(u.lang.T("app.title"))
	u.win.Resize(fyne.NewSize(1040, 720))
	if opts.FirstRun {
		u.firstRun = true
		u.view = viewSettings
	}
	u.rebuild()
	u.updateTray()
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Handle applies one engine event to every screen.
func (u *UI) Handle(ev watchers.Event) {
	u.m.apply(ev)
	u.updateDemo()
	u.refresh()
	u.updateTray()
}

// Seed shows verdicts known before the UI subscribed, without overriding newer events.
func (u *UI) Seed(vs []watchers.Verdict) {
	for _, v := range vs {
		if r, ok := u.m.rows[v.ID]; ok && !r.Seen {
			u.m.apply(watchers.Event{Kind: watchers.Changed, Time: v.Since, Verdict: v, First: true})
		}
	}
	u.refresh()
	u.updateTray()
}

// Tick refreshes relative times ("12 min"), the demo step and the tray
// (whose "snoozed until" entry ends with the snooze).
func (u *UI) Tick() {
	u.updateDemo()
	u.updateTray() // sends nothing unless the menu changed
	// Relative times have minute resolution: redraw only when the minute turns.
	if m := u.now().Truncate(time.Minute); !m.Equal(u.lastMinute) {
		u.lastMinute = m
		if u.view != viewSettings {
			u.refresh()
		}
	}
}

func (u *UI) updateDemo() {
	if u.demoLabel != nil && u.opts.DemoStep != nil {
		u.demoLabel.SetText(u.demoText())
	}
}

func (u *UI) demoText() string { return u.lang.T("app.demo.step", u.opts.DemoStep(u.lang)) }

// SetLang switches language and re-renders everything.
func (u *UI) SetLang(l Lang) {
	if l == u.lang {
		return
	}
	u.lang = l
	u.settings = nil
	if u.opts.OnLang != nil {
		u.opts.OnLang(l)
	}
	u.rebuild()
	u.updateTray()
}

func (u *UI) rebuild() {
	u.win.SetTitle(u.lang.T("app.title"))
	u.body = container.NewStack()
	u.banner = container.NewVBox()
	top := container.NewVBox()
	if u.opts.DemoStep != nil {
		badge := canvas.NewText(" "+u.lang.T("app.demo")+" ", theme.Color(theme.ColorNameForegroundOnPrimary))
		badge.TextStyle.Bold = true
		bg := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bg.CornerRadius = 4
		u.demoLabel = widget.NewLabel(u.demoText())
		top.Add(container.NewHBox(container.NewStack(bg, container.NewPadded(badge)), u.demoLabel))
	}
	top.Add(u.banner)
	u.root = container.NewBorder(top, nil, u.nav(), nil, u.body)
	u.win.SetContent(u.root)
	u.refresh()
}

// nav is the sidebar: Dashboard, Wallet, History, Settings.
func (u *UI) nav() fyne.CanvasObject {
	item := func(key string, icon fyne.Resource, v view) *widget.Button {
		b := widget.NewButtonWithIcon(u.lang.T(key), icon, func() { u.show(v) })
		b.Alignment = widget.ButtonAlignLeading
		if u.view == v || (v == viewDashboard && (u.view == viewDetail || u.view == viewPlaybook)) {
			b.Importance = widget.HighImportance
		}
		return b
	}
	logo := canvas.NewImageFromResource(appIcon())
	logo.SetMinSize(fyne.NewSize(48, 48))
	logo.FillMode = canvas.ImageFillContain
	title := widget.NewLabelWithStyle(u.lang.T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewHBox(container.NewVBox(
		logo, title,
		item("nav.dashboard", theme.HomeIcon(), viewDashboard),
		item("nav.wallet", theme.AccountIcon(), viewWallet),
		item("nav.history", theme.HistoryIcon(), viewHistory),
		item("nav.settings", theme.SettingsIcon(), viewSettings),
	), widget.NewSeparator())
}

func (u *UI) show(v view) {
	u.view = v
	u.root.Objects = nil
	u.rebuild()
}

func (u *UI) openDetail(id string) {
	u.selected = id
	u.show(viewDetail)
}

func (u *UI) openPlaybook(id string) {
	u.selected = id
	u.show(viewPlaybook)
}

// refresh redraws the banner and the current view from the model.
func (u *UI) refresh() {
	u.banner.Objects = []fyne.CanvasObject{u.bannerView()}
	u.banner.Refresh()
	var content fyne.CanvasObject
	switch u.view {
	case viewDetail:
		content = u.detailView(u.selected)
	case viewPlaybook:
		content = u.playbookView(u.selected)
	case viewWallet:
		if u.walletArea != nil {
			content = u.walletArea.View()
			break
		}
		content = placeholder(u.lang.T("wallet.title"), u.lang.T("wallet.body"), theme.AccountIcon())
	case viewHistory:
		if u.historyArea != nil {
			content = u.historyArea.View()
			break
		}
		content = placeholder(u.lang.T("history.title"), u.lang.T("history.body"), theme.HistoryIcon())
	case viewSettings:
		if u.settings == nil {
			u.settings = u.newSettingsForm()
		}
		content = u.settings.view()
	default:
		content = u.dashboardView()
	}
	u.body.Objects = []fyne.CanvasObject{content}
	u.body.Refresh()
}

func placeholder(title, body string, icon fyne.Resource) fyne.CanvasObject {
	img := widget.NewIcon(icon)
	h := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	b := widget.NewLabel(body)
	b.Wrapping = fyne.TextWrapWord
	b.Alignment = fyne.TextAlignCenter
	return container.NewVBox(layout.NewSpacer(), container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), img)), h, b, layout.NewSpacer())
}

func (u *UI) now() time.Time { return u.clk.Now() }

func (u *UI) localTime(t time.Time) string {
	t = t.In(u.loc)
	if y, m, d := t.Date(); true {
		ny, nm, nd := u.now().In(u.loc).Date()
		if y == ny && m == nm && d == nd {
			return t.Format("15:04")
		}
	}
	if u.lang == Japanese {
		return t.Format("1/2 15:04")
	}
	return t.Format("Jan 2 15:04")
}

func levelWords(l Lang, r *row) string {
	if !r.Seen {
		return l.T("level.checking")
	}
	return l.Level(r.Verdict.Level)
}

func levelOf(r *row) exchanges.Level {
	if !r.Seen {
		return exchanges.Unknown
	}
	return r.Verdict.Level
}
