package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/notify"
	"safeharbor/watchers"
)

var t0 = time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC)

func testConfig(ids ...string) config.Config {
	cfg := config.Default()
	cfg.Path = "/tmp/safeharbor-test.toml"
	cfg.Exchanges = nil
	for _, id := range ids {
		cfg.Exchanges = append(cfg.Exchanges, config.Exchange{ID: id})
	}
	return cfg
}

type fakeTray struct {
	menu *fyne.Menu
	icon fyne.Resource
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)    { f.menu = m }
func (f *fakeTray) SetSystemTrayIcon(r fyne.Resource) { f.icon = r }

type harness struct {
	t    *testing.T
	app  fyne.App
	u    *UI
	clk  *clock.Fake
	tray *fakeTray
}

func newHarness(t *testing.T, lang Lang, cfg config.Config, mod ...func(*Options)) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	clk := clock.NewFake(t0)
	tray := &fakeTray{}
	opts := Options{Config: cfg, Lang: lang, Clock: clk, Loc: time.UTC, Tray: tray}
	for _, m := range mod {
		m(&opts)
	}
	u := New(a, opts)
	u.win.Resize(fyne.NewSize(1040, 720))
	t.Cleanup(u.win.Close)
	return &harness{t: t, app: a, u: u, clk: clk, tray: tray}
}

func verdict(id, name string, l exchanges.Level, since time.Time, summary string) watchers.Verdict {
	return watchers.Verdict{ID: id, Name: name, Level: l, Since: since, Summary: summary, Advice: exchanges.AdviceFor(l), CheckedAt: t0}
}

func change(v watchers.Verdict, prev exchanges.Level, first bool) watchers.Event {
	return watchers.Event{Kind: watchers.Changed, Time: v.Since, Verdict: v, Previous: prev, First: first}
}

// allLevels feeds one exchange per level.
func allLevels(h *harness) {
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0.Add(-12*time.Minute), "Trading halted on btc_jpy"), exchanges.Operational, false))
	h.u.Handle(change(verdict("coincheck", "Coincheck", exchanges.Maintenance, t0.Add(-95*time.Minute), "Scheduled maintenance in progress"), exchanges.Operational, false))
	h.u.Handle(change(verdict("kraken", "Kraken", exchanges.Restricted, t0.Add(-3*time.Minute), "cancel_only"), exchanges.Operational, false))
	h.u.Handle(change(verdict("okx", "OKX", exchanges.Degraded, t0.Add(-30*time.Second), "Real-time feed stalled"), exchanges.Operational, false))
	h.u.Handle(change(verdict("binance", "Binance", exchanges.Operational, t0.Add(-26*time.Hour), "All systems normal"), exchanges.Unknown, true))
}

func texts(o fyne.CanvasObject) []string {
	var out []string
	visit(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.Hyperlink:
			out = append(out, w.Text)
		}
		return true
	})
	return out
}

func allText(h *harness) string {
	return strings.Join(texts(h.u.win.Content()), "\n") + "\n" + test.RenderToMarkup(h.u.win.Canvas())
}

func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	visit(o, func(o fyne.CanvasObject) bool {
		if found != nil {
			return false
		}
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
			return false
		}
		return true
	})
	if found == nil {
		t.Fatalf("no button %q", label)
	}
	return found
}

func findChecks(o fyne.CanvasObject) []*widget.Check {
	var out []*widget.Check
	visit(o, func(o fyne.CanvasObject) bool {
		if c, ok := o.(*widget.Check); ok {
			out = append(out, c)
			return false
		}
		return true
	})
	return out
}

func TestDashboardShowsCheckingRowsAtOnce(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank", "coincheck"))
	test.AssertRendersToMarkup(t, "dashboard_checking.xml", h.u.win.Canvas())
	if got := allText(h); !strings.Contains(got, "Checking…") || !strings.Contains(got, "Waiting for the first check") {
		t.Fatalf("checking rows missing:\n%s", got)
	}
}

func TestDashboardEveryLevelWorstFirstWithBanner(t *testing.T) {
	h := newHarness(t, English, testConfig("binance", "okx", "kraken", "coincheck", "bitbank"))
	allLevels(h)
	order := []string{}
	for _, r := range h.u.m.sorted() {
		order = append(order, r.ID)
	}
	if got, want := strings.Join(order, ","), "bitbank,coincheck,kraken,okx,binance"; got != want {
		t.Fatalf("order %s, want %s", got, want)
	}
	test.AssertRendersToMarkup(t, "dashboard_levels_en.xml", h.u.win.Canvas())
	got := allText(h)
	for _, want := range []string{
		"Pause trading on bitbank, Coincheck, Kraken",
		"since 10:18 (12 min)", "since 08:55 (1 h 35 min)", "just now",
		"Outage", "Maintenance", "Restricted", "Degraded", "Operational",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
}

func TestDashboardJapanese(t *testing.T) {
	h := newHarness(t, Japanese, testConfig("binance", "okx", "kraken", "coincheck", "bitbank"))
	allLevels(h)
	test.AssertRendersToMarkup(t, "dashboard_levels_ja.xml", h.u.win.Canvas())
	got := allText(h)
	for _, want := range []string{"bitbank、Coincheck、Kraken での取引を一時停止してください", "障害", "メンテナンス中", "一部制限", "混雑・遅延", "正常", "10:18 から（12分）"} {
		if !strings.Contains(got, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
}

// Maintenance announced for the next day shows on the dashboard row, in
// local time with a countdown; further out, only in the detail.
func TestDashboardAnnouncesUpcomingMaintenance(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		want string
	}{
		{English, "Maintenance at 11:30 (in 1 h)"},
		{Japanese, "11:30 からメンテナンス予定（あと 1時間）"},
	} {
		h := newHarness(t, c.lang, testConfig("kraken"))
		v := verdict("kraken", "Kraken", exchanges.Operational, t0.Add(-time.Hour), "Kraken trading engine online")
		v.Maintenance = []exchanges.MaintenanceWindow{
			{Title: "Far away", Start: t0.Add(48 * time.Hour), End: t0.Add(49 * time.Hour)},
			{Title: "Database upgrade", Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)},
		}
		h.u.Handle(change(v, exchanges.Unknown, true))
		got := test.RenderToMarkup(h.u.win.Canvas())
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: dashboard lacks %q:\n%s", c.lang, c.want, got)
		}
		// Once it has started, the row says nothing more: the verdict does.
		h.clk.Advance(time.Hour + time.Minute)
		h.u.Tick()
		if got := test.RenderToMarkup(h.u.win.Canvas()); strings.Contains(got, "11:30") {
			t.Errorf("%s: started maintenance still announced", c.lang)
		}
	}
}

func TestBannerNamesAffectedPairs(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	v := verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading halted on btc_jpy")
	v.Pairs = []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}
	h.u.Handle(change(v, exchanges.Operational, false))
	if got := allText(h); !strings.Contains(got, "Affected pairs: btc_jpy") {
		t.Fatalf("no pairs in banner:\n%s", got)
	}
	// Recovery clears the banner.
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Operational, t0, "ok"), exchanges.Outage, false))
	if got := allText(h); strings.Contains(got, "Pause trading") {
		t.Fatal("banner still shown after recovery")
	}
	if n := len(h.u.m.rows["bitbank"].History); n != 2 {
		t.Fatalf("history has %d ticks, want 2", n)
	}
}

func TestHistoryStripKeepsLastChanges(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	for i := 0; i < historyLen+5; i++ {
		l := exchanges.Outage
		if i%2 == 0 {
			l = exchanges.Operational
		}
		h.u.Handle(change(verdict("bitbank", "bitbank", l, t0.Add(time.Duration(i)*time.Minute), ""), exchanges.Unknown, i == 0))
	}
	// Updated events do not add ticks.
	h.u.Handle(watchers.Event{Kind: watchers.Updated, Verdict: verdict("bitbank", "bitbank", exchanges.Outage, t0, "new summary")})
	r := h.u.m.rows["bitbank"]
	if len(r.History) != historyLen || r.Verdict.Summary != "new summary" {
		t.Fatalf("history %d, summary %q", len(r.History), r.Verdict.Summary)
	}
	// Unwatched exchanges are ignored.
	h.u.Handle(change(verdict("gemini", "Gemini", exchanges.Outage, t0, ""), exchanges.Unknown, true))
	if _, ok := h.u.m.rows["gemini"]; ok {
		t.Fatal("unwatched exchange added")
	}
}

func detailVerdict() watchers.Verdict {
	v := verdict("bitbank", "bitbank", exchanges.Outage, t0.Add(-12*time.Minute), "Trading halted on btc_jpy")
	v.Reasons = []exchanges.Reason{{Source: "rest", Detail: "btc_jpy HALT"}, {Source: "websocket", Detail: "real-time feed stalled"}}
	v.Pairs = []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}
	v.Maintenance = []exchanges.MaintenanceWindow{
		{Title: "Wallet maintenance", Start: t0.Add(25 * time.Minute), End: t0.Add(85 * time.Minute), URL: "https://blog.bitbank.cc/maint"},
		{Title: "Emergency maintenance", Start: t0.Add(-10 * time.Minute), URL: "javascript:alert(1)"},
	}
	v.Incidents = []exchanges.Incident{{Title: "Trading halted", Status: "investigating", Update: "We are investigating an issue with order matching."}}
	v.Links = exchanges.Links{Status: "https://status.bitbank.cc/", Notices: "https://blog.bitbank.cc/", Support: "https://support.bitbank.cc/"}
	v.Domains = []string{"bitbank.cc", "app.bitbank.cc"}
	return v
}

func TestDetailShowsReasonsMaintenanceLinksDomains(t *testing.T) {
	for _, lang := range []Lang{English, Japanese} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t, lang, testConfig("bitbank"))
			h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
			test.Tap(findButton(t, h.u.win.Content(), lang.T("dash.details")))
			if h.u.view != viewDetail || h.u.selected != "bitbank" {
				t.Fatalf("view %v selected %q", h.u.view, h.u.selected)
			}
			test.AssertRendersToMarkup(t, "detail_"+string(lang)+".xml", h.u.win.Canvas())
			got := allText(h)
			wants := map[Lang][]string{
				English:  {"Exchange API: btc_jpy HALT", "Real-time feed: real-time feed stalled", "starts in 25 min", "10:55 – 11:55", "Emergency maintenance", "in progress", "Status page  (status.bitbank.cc)", "Only trust these addresses", "app.bitbank.cc", "Pause trading until", "btc_jpy (HALT)", "We are investigating"},
				Japanese: {"取引所API：btc_jpy は取引停止中（取引所の表示「HALT」）", "リアルタイム配信：リアルタイム配信が停止しています", "影響のある通貨ペア：btc_jpy（取引停止中）", "Trading halted — 調査中", "開始まで 25分", "10:55 〜 11:55", "信頼できるのは次のアドレスだけです", "取引所が復旧を告知するまで"},
			}[lang]
			for _, w := range wants {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q", w)
				}
			}
			if strings.Contains(got, "javascript:") {
				t.Error("non-http link rendered as a hyperlink")
			}
			test.Tap(findButton(t, h.u.win.Content(), lang.T("detail.back")))
			if h.u.view != viewDashboard {
				t.Fatal("back did not return to the dashboard")
			}
		})
	}
}

// Several pairs in one state read as one line, in the reasons and in the
// affected pairs.
func TestDetailGroupsPairsInOneState(t *testing.T) {
	v := verdict("coinbase", "Coinbase", exchanges.Outage, t0.Add(-time.Minute), "Trading halted on all pairs")
	for _, p := range []string{"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD"} {
		v.Pairs = append(v.Pairs, exchanges.PairStatus{Pair: p, Level: exchanges.Outage, Raw: "offline"})
	}
	v.Pairs = append(v.Pairs, exchanges.PairStatus{Pair: "DOGE-USD", Level: exchanges.Restricted, Raw: "cancel_only"})
	v.Reasons = exchanges.FoldPairs(exchanges.SourceREST, v.Pairs, nil).Reasons
	for lang, wants := range map[Lang][]string{
		English: {"Exchange API: BTC-USD, ETH-USD, SOL-USD and 1 more: offline", "Exchange API: DOGE-USD cancel_only",
			"Affected pairs: BTC-USD, ETH-USD, SOL-USD, XRP-USD (offline); DOGE-USD (cancel_only)"},
		Japanese: {"取引所API：BTC-USD、ETH-USD、SOL-USD ほか1ペアは取引停止中（取引所の表示「offline」）",
			"影響のある通貨ペア：BTC-USD、ETH-USD、SOL-USD、XRP-USD（取引停止中）、DOGE-USD（取引制限中）"},
	} {
		h := newHarness(t, lang, testConfig("coinbase"))
		h.u.Handle(change(v, exchanges.Operational, false))
		h.u.selected = "coinbase"
		h.u.show(viewDetail)
		got := allText(h)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s: detail lacks %q in\n%s", lang, w, got)
			}
		}
	}
}

func TestPlaybookTicksAndSecureHook(t *testing.T) {
	var secured []string
	h := newHarness(t, English, testConfig("bitbank"), func(o *Options) {
		o.OnSecureAssets = func(id string) { secured = append(secured, id) }
	})
	h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
	test.Tap(findButton(t, h.u.win.Content(), "What to do now"))
	if h.u.view != viewPlaybook {
		t.Fatal("banner did not open the playbook")
	}
	test.AssertRendersToMarkup(t, "playbook_en.xml", h.u.win.Canvas())
	checks := findChecks(h.u.win.Content())
	if len(checks) != len(playbookSteps) {
		t.Fatalf("%d checks", len(checks))
	}
	test.Tap(checks[0])
	test.Tap(checks[1])
	if !h.u.m.rows["bitbank"].Done["confirm"] || !h.u.m.rows["bitbank"].Done["stop"] {
		t.Fatal("ticks not recorded")
	}
	if got := allText(h); !strings.Contains(got, "2 of 5 steps done") || !strings.Contains(got, "never asks for your seed phrase") {
		t.Fatalf("playbook text:\n%s", got)
	}
	// Ticks survive an engine update.
	h.u.Handle(watchers.Event{Kind: watchers.Updated, Verdict: detailVerdict()})
	if !findChecks(h.u.win.Content())[1].Checked {
		t.Fatal("tick lost on refresh")
	}
	test.Tap(findButton(t, h.u.win.Content(), "Open withdrawal guide"))
	if len(secured) != 1 || secured[0] != "bitbank" {
		t.Fatalf("secure hook got %v", secured)
	}
	// Recovery clears the checklist for next time.
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Operational, t0, ""), exchanges.Outage, false))
	if len(h.u.m.rows["bitbank"].Done) != 0 {
		t.Fatal("checklist not cleared on recovery")
	}
}

func TestPlaybookSecureComingSoonWithoutHook(t *testing.T) {
	h := newHarness(t, Japanese, testConfig("bitbank"))
	h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
	h.u.openPlaybook("bitbank")
	test.AssertRendersToMarkup(t, "playbook_ja.xml", h.u.win.Canvas())
	b := findButton(t, h.u.win.Content(), "出金ガイド（近日対応）")
	if !b.Disabled() {
		t.Fatal("secure button enabled without a hook")
	}
}

func TestPlaceholders(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	test.Tap(findButton(t, h.u.win.Content(), "Wallet"))
	if !strings.Contains(allText(h), "cold wallet") {
		t.Fatal("wallet placeholder")
	}
	test.Tap(findButton(t, h.u.win.Content(), "History"))
	if !strings.Contains(allText(h), "Past outages") {
		t.Fatal("history placeholder")
	}
	test.AssertRendersToMarkup(t, "history.xml", h.u.win.Canvas())
}

func TestTrayMenuAndIcon(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank", "coincheck"))
	if h.tray.icon == nil || h.tray.icon.Name() != "tray-unknown.png" {
		t.Fatalf("initial tray icon %v", h.tray.icon)
	}
	h.u.Handle(change(verdict("coincheck", "Coincheck", exchanges.Operational, t0, ""), exchanges.Unknown, true))
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, ""), exchanges.Operational, false))
	if h.tray.icon.Name() != "tray-outage.png" {
		t.Fatalf("tray icon %s", h.tray.icon.Name())
	}
	var labels []string
	for _, it := range h.tray.menu.Items {
		labels = append(labels, it.Label)
	}
	want := "bitbank — Outage|Coincheck — Operational||Open SafeHarbor|Snooze alerts 1 h|Quit"
	if got := strings.Join(labels, "|"); got != want {
		t.Fatalf("tray menu %q\nwant %q", got, want)
	}
	if !h.tray.menu.Items[5].IsQuit {
		t.Fatal("Quit is not the quit item")
	}
	h.tray.menu.Items[0].Action()
	if h.u.view != viewDetail || h.u.selected != "bitbank" {
		t.Fatal("tray item did not open the detail")
	}
}

func TestSnoozeFromTray(t *testing.T) {
	var until []time.Time
	h := newHarness(t, English, testConfig("bitbank"), func(o *Options) {
		o.Snooze = func(t time.Time) { until = append(until, t) }
	})
	h.tray.menu.Items[3].Action() // Snooze alerts 1 h
	if len(until) != 1 || !until[0].Equal(t0.Add(time.Hour)) {
		t.Fatalf("snooze %v", until)
	}
	if got := h.tray.menu.Items[3].Label; got != "Alerts snoozed until 11:30 — resume" {
		t.Fatalf("snoozed label %q", got)
	}
	h.tray.menu.Items[3].Action()
	if len(until) != 2 || !until[1].IsZero() {
		t.Fatalf("resume %v", until)
	}
}

func TestLanguageSwitchRerenders(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	h.u.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, ""), exchanges.Operational, false))
	h.u.SetLang(Japanese)
	got := allText(h)
	if !strings.Contains(got, "bitbank での取引を一時停止してください") || strings.Contains(got, "Pause trading") {
		t.Fatalf("not re-rendered:\n%s", got)
	}
	if h.tray.menu.Items[0].Label != "bitbank — 障害" {
		t.Fatalf("tray not re-rendered: %q", h.tray.menu.Items[0].Label)
	}
}

// syncRecorder stands in for fyne.Do in bridge tests: it runs fn at once, serialised.
type syncRecorder struct{ mu sync.Mutex }

func (s *syncRecorder) do(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

type chanSource struct {
	ch       chan watchers.Event
	verdicts []watchers.Verdict
	unsub    chan struct{}
}

func (c *chanSource) Subscribe() (<-chan watchers.Event, func()) {
	return c.ch, func() { close(c.unsub) }
}
func (c *chanSource) Verdicts() []watchers.Verdict { return c.verdicts }

type recordAlerts struct {
	mu  sync.Mutex
	evs []watchers.Event
}

func (r *recordAlerts) Handle(ev watchers.Event) {
	r.mu.Lock()
	r.evs = append(r.evs, ev)
	r.mu.Unlock()
}
func (r *recordAlerts) Snooze(time.Time) {}

func TestBridgeDeliversEventsAndStops(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank", "coincheck"))
	rec := &syncRecorder{}
	b := &bridge{do: rec.do}
	src := &chanSource{ch: make(chan watchers.Event), unsub: make(chan struct{}),
		verdicts: []watchers.Verdict{verdict("coincheck", "Coincheck", exchanges.Operational, t0, "")}}
	alerts := &recordAlerts{}
	b.start(context.Background(), src, h.u, alerts, h.clk, tickEvery)
	src.ch <- change(verdict("bitbank", "bitbank", exchanges.Outage, t0, ""), exchanges.Operational, false)
	src.ch <- change(verdict("bitbank", "bitbank", exchanges.Outage, t0, ""), exchanges.Operational, false) // unbuffered: the first was handled
	h.clk.BlockUntil(1)
	h.clk.Advance(tickEvery) // a tick refreshes relative times
	b.stop()
	<-src.unsub
	rec.do(func() {
		if !h.u.m.rows["coincheck"].Seen || h.u.m.rows["bitbank"].Verdict.Level != exchanges.Outage {
			t.Fatal("events not applied")
		}
	})
	if len(alerts.evs) != 2 {
		t.Fatalf("alerter saw %d events", len(alerts.evs))
	}
}

func TestDesktopNotifications(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	b := newBridge() // fyne.Do runs synchronously in the test driver
	desk := newDesktopChannel(h.app, b, true)
	alerts := newBasicAlerts(h.clk, English, desk)
	out := verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading halted on btc_jpy")
	test.AssertNotificationSent(t, fyne.NewNotification("bitbank: Outage", "Pause trading. Trading halted on btc_jpy"), func() {
		alerts.Handle(change(out, exchanges.Operational, false))
	})
	// Flapping back within minutes: the recovery is told, a repeat outage is not.
	back := verdict("bitbank", "bitbank", exchanges.Operational, t0.Add(2*time.Minute), "ok")
	test.AssertNotificationSent(t, fyne.NewNotification("bitbank: recovered", "bitbank is back to normal after 2 min"), func() {
		alerts.Handle(change(back, exchanges.Outage, false))
	})
	again := out
	again.Since = t0.Add(3 * time.Minute)
	test.AssertNotificationSent(t, nil, func() { alerts.Handle(change(again, exchanges.Operational, false)) })
	back.Since = t0.Add(4 * time.Minute)
	test.AssertNotificationSent(t, nil, func() { alerts.Handle(change(back, exchanges.Outage, false)) })
	// A real outage later is told again, and its recovery carries its duration.
	later := out
	later.Since = t0.Add(20 * time.Minute)
	test.AssertNotificationSent(t, fyne.NewNotification("bitbank: Outage", "Pause trading. Trading halted on btc_jpy"), func() {
		alerts.Handle(change(later, exchanges.Operational, false))
	})
	back.Since = t0.Add(62 * time.Minute)
	test.AssertNotificationSent(t, fyne.NewNotification("bitbank: recovered", "bitbank is back to normal after 42 min"), func() {
		alerts.Handle(change(back, exchanges.Outage, false))
	})
	// Degraded and first "all fine" verdicts stay quiet.
	test.AssertNotificationSent(t, nil, func() {
		alerts.Handle(change(verdict("bitbank", "bitbank", exchanges.Degraded, t0.Add(50*time.Minute), ""), exchanges.Outage, false))
		alerts.Handle(change(verdict("coincheck", "Coincheck", exchanges.Operational, t0, ""), exchanges.Unknown, true))
	})
	// Snooze silences, Japanese wording follows the language.
	alerts.SetLang(Japanese)
	alerts.Snooze(t0.Add(2 * time.Hour))
	test.AssertNotificationSent(t, nil, func() {
		alerts.Handle(change(verdict("coincheck", "Coincheck", exchanges.Maintenance, t0.Add(time.Hour), "m"), exchanges.Operational, false))
	})
	alerts.Snooze(time.Time{})
	test.AssertNotificationSent(t, fyne.NewNotification("Coincheck：一部制限", "取引を一時停止してください。取引が制限されています（x）"), func() {
		alerts.Handle(change(verdict("coincheck", "Coincheck", exchanges.Restricted, t0.Add(3*time.Hour), "x"), exchanges.Maintenance, false))
	})
	// Switched off in settings: nothing shown.
	desk.SetEnabled(false)
	test.AssertNotificationSent(t, nil, func() {
		_ = desk.Send(context.Background(), notify.Message{Title: "x", Body: "y"})
	})
}

func TestCatalogComplete(t *testing.T) {
	for k, m := range catalog {
		if strings.TrimSpace(m.en) == "" || strings.TrimSpace(m.ja) == "" {
			t.Errorf("%s: missing a language", k)
		}
		if strings.Count(m.en, "%") != strings.Count(m.ja, "%") {
			t.Errorf("%s: format verbs differ between languages", k)
		}
	}
	for l := exchanges.Operational; l <= exchanges.Unknown; l++ {
		if _, ok := catalog["level."+l.String()]; !ok {
			t.Errorf("no words for level %v", l)
		}
	}
	for _, a := range []exchanges.Advice{exchanges.PauseTrading, exchanges.NoMarketOrders, exchanges.CancelsMayFail, exchanges.WithdrawalsSuspended, exchanges.CheckOfficialSources, exchanges.ConsiderColdWallet, exchanges.BewarePhishing} {
		if _, ok := catalog["advice."+string(a)]; !ok {
			t.Errorf("no words for advice %s", a)
		}
	}
}

func TestChooseLang(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		cfg  string
		want Lang
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "", Japanese},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "en", English},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "", English},
		{map[string]string{"LANG": "en_US", "SAFEHARBOR_LANG": "ja"}, "en", Japanese},
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP"}, "", English},
		{map[string]string{}, "", English},
	}
	for _, c := range cases {
		if got := chooseLang(env(c.env), c.cfg); got != c.want {
			t.Errorf("%v cfg %q: %s, want %s", c.env, c.cfg, got, c.want)
		}
	}
	if got := English.Duration(26*time.Hour + 5*time.Minute); got != "1 d 2 h" {
		t.Errorf("duration %q", got)
	}
	if got := Japanese.Duration(2 * time.Hour); got != "2時間" {
		t.Errorf("duration %q", got)
	}
}

func TestAcknowledgeFromDetail(t *testing.T) {
	var acked []string
	h := newHarness(t, English, testConfig("bitbank"), func(o *Options) {
		o.Acknowledge = func(id string) { acked = append(acked, id) }
	})
	h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
	h.u.openDetail("bitbank")
	b := findButton(t, h.u.win.Content(), "Stop reminders for this trouble")
	test.Tap(b)
	if len(acked) != 1 || acked[0] != "bitbank" || !b.Disabled() {
		t.Fatalf("acknowledge %v", acked)
	}
}

type textArea struct{ calls int }

func (a *textArea) View() fyne.CanvasObject { a.calls++; return widget.NewLabel("wallet area here") }

func TestAreasReplacePlaceholders(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	a := &textArea{}
	h.u.SetWallet(a)
	h.u.show(viewWallet)
	if !strings.Contains(allText(h), "wallet area here") || a.calls == 0 {
		t.Fatal("wallet area not shown")
	}
	// Without an OnSecureAssets hook the playbook leads to the Wallet screen.
	h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
	h.u.openPlaybook("bitbank")
	test.Tap(findButton(t, h.u.win.Content(), "Open withdrawal guide"))
	if h.u.view != viewWallet {
		t.Fatal("secure assets did not open the wallet")
	}
}

func TestLazyAreaBuildsOnFirstView(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	built := 0
	a := &textArea{}
	h.u.SetHistory(Lazy(func() Area { built++; return a }))
	if built != 0 {
		t.Fatal("built before being shown")
	}
	h.u.show(viewHistory)
	h.u.Tick()
	h.u.show(viewHistory)
	if built != 1 || !strings.Contains(allText(h), "wallet area here") {
		t.Fatalf("built %d times", built)
	}
	h.u.closeAreas()
}

func TestBridgeDropsCallbacksAfterClose(t *testing.T) {
	ran := 0
	b := &bridge{do: func(fn func()) { fn() }}
	b.onUI(func() { ran++ })
	b.close()
	b.onUI(func() { ran++ })
	if ran != 1 {
		t.Fatalf("ran %d", ran)
	}
}

type planArea struct{ started []string }

func (p *planArea) View() fyne.CanvasObject     { return widget.NewLabel("wallet") }
func (p *planArea) StartPlan(exchangeID string) { p.started = append(p.started, exchangeID) }

// Without an explicit hook, "secure assets" opens the Wallet area's plan for that exchange.
func TestPlaybookSecureOpensWalletPlan(t *testing.T) {
	h := newHarness(t, English, testConfig("bitbank"))
	wallet := &planArea{}
	h.u.SetWallet(Lazy(func() Area { return wallet }))
	h.u.Handle(change(detailVerdict(), exchanges.Operational, false))
	test.Tap(findButton(t, h.u.win.Content(), "What to do now"))
	test.Tap(findButton(t, h.u.win.Content(), "Open withdrawal guide"))
	if h.u.view != viewWallet || len(wallet.started) != 1 || wallet.started[0] != "bitbank" {
		t.Fatalf("view %v, plans started %v", h.u.view, wallet.started)
	}
}

// A countdown under a minute reads as such, never "in just now".
func TestSpanUnderAMinute(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		d    time.Duration
		want string
	}{
		{English, 30 * time.Second, "under a minute"},
		{Japanese, 30 * time.Second, "1分未満"},
		{English, 90 * time.Minute, "1 h 30 min"},
		{Japanese, 90 * time.Minute, "1時間30分"},
	} {
		if got := c.lang.Span(c.d); got != c.want {
			t.Errorf("%s Span(%s) = %q, want %q", c.lang, c.d, got, c.want)
		}
	}
	h := newHarness(t, English, testConfig("kraken"))
	v := verdict("kraken", "Kraken", exchanges.Operational, t0, "Kraken trading engine online")
	v.Maintenance = []exchanges.MaintenanceWindow{{Title: "Upgrade", Start: t0.Add(30 * time.Second), End: t0.Add(time.Hour)}}
	h.u.Handle(change(v, exchanges.Unknown, true))
	if got := test.RenderToMarkup(h.u.win.Canvas()); !strings.Contains(got, "Maintenance at 10:30 (in under a minute)") {
		t.Errorf("dashboard:\n%s", got)
	}
}
