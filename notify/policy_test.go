package notify

import (
	"strings"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

var (
	tokyo = time.FixedZone("JST", 9*3600)
	t0    = time.Date(2026, 11, 21, 12, 0, 0, 0, tokyo) // midday local
)

func alertsCfg() config.Config {
	cfg := config.Config{Language: "en"}
	cfg.Alerts = config.Alerts{Reminder: config.D(30 * time.Minute), GroupWindow: config.D(20 * time.Second), PreWarning: config.D(30 * time.Minute)}
	return cfg
}

func newPolicy(t *testing.T, cfg config.Config) *policy {
	t.Helper()
	d, err := New(cfg, Options{Clock: clock.NewFake(t0), Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	return d.pol
}

func ev(id string, at time.Time, l, prev exchanges.Level) watchers.Event {
	return watchers.Event{Kind: watchers.Changed, Time: at, Previous: prev, Verdict: watchers.Verdict{
		ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Level: l, Since: at, Summary: "Trading halted on btc_jpy",
		Reasons: []exchanges.Reason{{Source: "rest", Detail: "btc_jpy HALT"}},
		Pairs:   []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}},
		Links:   exchanges.Links{Status: "https://status." + id + ".example/"}}}
}

func first(id string, at time.Time, l exchanges.Level) watchers.Event {
	e := ev(id, at, l, exchanges.Unknown)
	e.First = true
	return e
}

func TestGroupingAndRecovery(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	p.handle(first("bitbank", t0, exchanges.Operational), t0)
	p.handle(first("kraken", t0, exchanges.Operational), t0)
	if a := p.handle(ev("bitbank", t0.Add(time.Minute), exchanges.Outage, exchanges.Operational), t0.Add(time.Minute)); len(a) != 0 {
		t.Fatalf("alert before the group window: %+v", a)
	}
	p.handle(ev("kraken", t0.Add(time.Minute+5*time.Second), exchanges.Restricted, exchanges.Operational), t0.Add(time.Minute+5*time.Second))
	if got := p.next(t0); !got.Equal(t0.Add(time.Minute + 20*time.Second)) {
		t.Fatalf("next wake %v", got)
	}
	a := p.tick(t0.Add(time.Minute + 20*time.Second))
	if len(a) != 1 || a[0].kind != KindGroup || len(a[0].items) != 2 || a[0].level() != exchanges.Outage {
		t.Fatalf("%+v", a)
	}
	m := render(a[0], "en", tokyo)
	if m.Title != "2 exchanges changed state" || !strings.Contains(m.Body, "Bitbank: outage") || !strings.Contains(m.Body, "Kraken: trading restricted") {
		t.Fatalf("%q\n%s", m.Title, m.Body)
	}
	// Recovery after 42 minutes, reported with the outage's duration.
	rec := t0.Add(43 * time.Minute)
	p.handle(ev("bitbank", rec, exchanges.Operational, exchanges.Outage), rec)
	a = p.tick(rec.Add(20 * time.Second))
	if len(a) != 1 || a[0].kind != KindRecovery || a[0].level() != exchanges.Outage {
		t.Fatalf("%+v", a)
	}
	m = render(a[0], "ja", tokyo)
	if m.Title != "Bitbank が復旧しました" || !strings.Contains(m.Body, "42分間の障害のあと") {
		t.Fatalf("%q %q", m.Title, m.Body)
	}
	en := render(a[0], "en", tokyo)
	if !strings.Contains(en.Body, "after 42 min of outage") {
		t.Fatal(en.Body)
	}
}

// TestGroupedRecoveryTitle: several exchanges recovering together are
// announced as recoveries, not as a bare "changed state".
func TestGroupedRecoveryTitle(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	for _, id := range []string{"bitbank", "kraken"} {
		p.handle(first(id, t0, exchanges.Outage), t0)
	}
	p.tick(t0.Add(20 * time.Second))
	back := t0.Add(10 * time.Minute)
	p.handle(ev("bitbank", back, exchanges.Operational, exchanges.Outage), back)
	p.handle(ev("kraken", back.Add(time.Second), exchanges.Operational, exchanges.Outage), back.Add(time.Second))
	a := p.tick(back.Add(20 * time.Second))
	if len(a) != 1 || a[0].kind != KindGroup || len(a[0].items) != 2 {
		t.Fatalf("%+v", a)
	}
	if m := render(a[0], "ja", tokyo); !strings.Contains(m.Body, "Kraken は10分間の障害のあと") {
		t.Errorf("ja body: %s", m.Body)
	}
	a[0].items[1].Duration = 20 * time.Second
	if m := render(a[0], "ja", tokyo); !strings.Contains(m.Body, "Kraken は1分未満の障害のあと") {
		t.Errorf("ja body, a short outage: %s", m.Body)
	}
	for lang, want := range map[string]string{"en": "2 exchanges are back to normal", "ja": "2 つの取引所が復旧しました"} {
		if m := render(a[0], lang, tokyo); m.Title != want || !strings.Contains(m.Body, "Kraken") {
			t.Errorf("%s: %q\n%s", lang, m.Title, m.Body)
		}
	}
}

func TestJapaneseOutageWording(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	p.handle(first("bitbank", t0, exchanges.Outage), t0)
	a := p.tick(t0.Add(20 * time.Second))
	if len(a) != 1 {
		t.Fatalf("troubled first verdict must alert: %+v", a)
	}
	m := render(a[0], "ja", tokyo)
	if m.Title != "Bitbank で障害が発生しています" || !strings.Contains(m.Body, "Bitbank で障害が発生しています。取引を一時停止してください。") ||
		!strings.Contains(m.Body, "対象ペア: btc_jpy") || !strings.Contains(m.Body, "https://status.bitbank.example/") || m.URL != "https://status.bitbank.example/" {
		t.Fatalf("%q\n%s", m.Title, m.Body)
	}
}

func TestFirstCalmVerdictNeverAlerts(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	for _, l := range []exchanges.Level{exchanges.Operational, exchanges.Degraded, exchanges.Unknown} {
		p.handle(first("okx"+l.String(), t0, l), t0)
	}
	if a := p.tick(t0.Add(time.Hour)); len(a) != 0 {
		t.Fatalf("%+v", a)
	}
}

func TestFlappingCancelsAndSpacing(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	p.handle(first("bybit", t0, exchanges.Operational), t0)
	p.handle(ev("bybit", t0.Add(time.Second), exchanges.Outage, exchanges.Operational), t0.Add(time.Second))
	p.handle(ev("bybit", t0.Add(5*time.Second), exchanges.Operational, exchanges.Outage), t0.Add(5*time.Second))
	if a := p.tick(t0.Add(time.Minute)); len(a) != 0 {
		t.Fatalf("flap alerted: %+v", a)
	}
	// Real outage, then a quick improvement to restricted: the improvement waits for the spacing.
	at := t0.Add(2 * time.Minute)
	p.handle(ev("bybit", at, exchanges.Outage, exchanges.Operational), at)
	if a := p.tick(at.Add(20 * time.Second)); len(a) != 1 {
		t.Fatalf("%+v", a)
	}
	p.handle(ev("bybit", at.Add(30*time.Second), exchanges.Restricted, exchanges.Outage), at.Add(30*time.Second))
	if a := p.tick(at.Add(50 * time.Second)); len(a) != 0 {
		t.Fatalf("improvement inside spacing: %+v", a)
	}
	if a := p.tick(at.Add(20*time.Second + defaultSpacing)); len(a) != 1 || a[0].items[0].Level != exchanges.Restricted {
		t.Fatalf("%+v", a)
	}
	// Unknown (offline) never alerts and keeps the alert level.
	p.handle(ev("bybit", at.Add(10*time.Minute), exchanges.Unknown, exchanges.Restricted), at.Add(10*time.Minute))
	if a := p.tick(at.Add(11 * time.Minute)); len(a) != 0 {
		t.Fatalf("%+v", a)
	}
}

func TestRemindersAndAcknowledge(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	p.handle(first("coinbase", t0, exchanges.Operational), t0)
	p.handle(ev("coinbase", t0, exchanges.Outage, exchanges.Operational), t0)
	p.tick(t0.Add(20 * time.Second))
	r1 := t0.Add(20*time.Second + 30*time.Minute)
	if got := p.next(t0.Add(time.Minute)); !got.Equal(r1) {
		t.Fatalf("next %v want %v", got, r1)
	}
	a := p.tick(r1)
	if len(a) != 1 || a[0].kind != KindReminder {
		t.Fatalf("%+v", a)
	}
	if m := render(a[0], "en", tokyo); m.Title != "Coinbase: still down after 30 min" {
		t.Fatal(m.Title)
	}
	if m := render(a[0], "ja", tokyo); m.Title != "Coinbase の障害が30分続いています" {
		t.Fatal(m.Title)
	}
	if a := p.tick(r1.Add(30 * time.Minute)); len(a) != 1 {
		t.Fatalf("second reminder %+v", a)
	}
	p.acknowledge("coinbase")
	if a := p.tick(r1.Add(2 * time.Hour)); len(a) != 0 {
		t.Fatalf("reminder after acknowledge: %+v", a)
	}
	// Reminders off.
	cfg := alertsCfg()
	cfg.Alerts.Reminder = config.D(0)
	p = newPolicy(t, cfg)
	p.handle(ev("coinbase", t0, exchanges.Outage, exchanges.Operational), t0)
	p.tick(t0.Add(20 * time.Second))
	if a := p.tick(t0.Add(5 * time.Hour)); len(a) != 0 || !p.next(t0).IsZero() {
		t.Fatalf("%+v", a)
	}
}

func TestQuietHoursAndSnooze(t *testing.T) {
	cfg := alertsCfg()
	cfg.Alerts.QuietHours = "23:00-07:00"
	p := newPolicy(t, cfg)
	night := time.Date(2026, 11, 22, 2, 0, 0, 0, tokyo)
	p.handle(first("gemini", night, exchanges.Operational), night)
	p.handle(first("okx", night, exchanges.Operational), night)
	p.handle(ev("gemini", night, exchanges.Restricted, exchanges.Operational), night)
	if a := p.tick(night.Add(time.Minute)); len(a) != 0 {
		t.Fatalf("restricted in quiet hours: %+v", a)
	}
	p.handle(ev("okx", night.Add(2*time.Minute), exchanges.Outage, exchanges.Operational), night.Add(2*time.Minute))
	if a := p.tick(night.Add(3 * time.Minute)); len(a) != 1 || a[0].level() != exchanges.Outage {
		t.Fatalf("outage in quiet hours must alert: %+v", a)
	}
	// Snooze: silences all but a new outage; reminders of that outage are silenced too.
	day := time.Date(2026, 11, 22, 12, 0, 0, 0, tokyo)
	p.snooze = day.Add(2 * time.Hour)
	p.handle(ev("gemini", day, exchanges.Operational, exchanges.Restricted), day)
	if a := p.tick(day.Add(time.Minute)); len(a) != 0 {
		t.Fatalf("recovery while snoozed: %+v", a)
	}
	p.handle(ev("gemini", day.Add(5*time.Minute), exchanges.Outage, exchanges.Operational), day.Add(5*time.Minute))
	if a := p.tick(day.Add(6 * time.Minute)); len(a) != 1 {
		t.Fatalf("new outage while snoozed: %+v", a)
	}
	if a := p.tick(day.Add(40 * time.Minute)); len(a) != 0 {
		t.Fatalf("reminder while snoozed: %+v", a)
	}
	if !(&quietHours{23 * 60, 7 * 60}).contains(time.Date(2026, 1, 1, 6, 59, 0, 0, time.UTC)) ||
		(&quietHours{23 * 60, 7 * 60}).contains(time.Date(2026, 1, 1, 7, 0, 0, 0, time.UTC)) {
		t.Fatal("quiet hours wrap")
	}
	for _, bad := range []string{"23-07", "25:00-07:00", "07:00-07:00"} {
		if _, err := parseQuietHours(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMaintenanceCalendarPreWarningAndOverrun(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	start := t0.Add(2 * time.Hour)
	w := exchanges.MaintenanceWindow{Title: "System maintenance", Start: start, End: start.Add(time.Hour), URL: "https://status.kraken.com/x", Source: "statuspage"}
	e := first("kraken", t0, exchanges.Operational)
	e.Verdict.Maintenance = []exchanges.MaintenanceWindow{w}
	p.handle(e, t0)
	// The same window from a second source is one entry.
	upd := watchers.Event{Kind: watchers.Updated, Time: t0, Verdict: e.Verdict}
	upd.Verdict.Maintenance = []exchanges.MaintenanceWindow{w, {Title: "", Start: start, End: start.Add(time.Hour), Source: "rest"}}
	p.handle(upd, t0)
	up := p.cal.Upcoming(t0)
	if len(up) != 1 || up[0].StartsIn != 2*time.Hour || up[0].Window.Title != "System maintenance" {
		t.Fatalf("%+v", up)
	}
	if got := p.next(t0); !got.Equal(start.Add(-30 * time.Minute)) {
		t.Fatalf("pre-warning wake %v", got)
	}
	a := p.tick(start.Add(-30 * time.Minute))
	if len(a) != 1 || a[0].kind != KindPreWarning {
		t.Fatalf("%+v", a)
	}
	m := render(a[0], "en", tokyo)
	if m.Title != "Kraken maintenance in 30 min" || !strings.Contains(m.Body, "Open orders may be affected") || !strings.Contains(m.Body, "14:00–15:00") {
		t.Fatalf("%q %q", m.Title, m.Body)
	}
	if a := p.tick(start.Add(-time.Minute)); len(a) != 0 {
		t.Fatal("pre-warning repeated")
	}
	// Maintenance starts as announced: calm wording.
	inMaint := ev("kraken", start, exchanges.Maintenance, exchanges.Operational)
	inMaint.Verdict.Maintenance = []exchanges.MaintenanceWindow{w}
	p.handle(inMaint, start)
	a = p.tick(start.Add(20 * time.Second))
	if len(a) != 1 || !a[0].items[0].calm {
		t.Fatalf("%+v", a)
	}
	if m := render(a[0], "ja", tokyo); m.Title != "Kraken の予定メンテナンスが始まりました" || !strings.Contains(m.Body, "15:00 まで") {
		t.Fatalf("%q %q", m.Title, m.Body)
	}
	// No reminders during the announced window; an overrun alert after its end (+grace).
	if a := p.tick(start.Add(50 * time.Minute)); len(a) != 0 {
		t.Fatalf("%+v", a)
	}
	over := start.Add(time.Hour + overrunGrace)
	if got := p.next(start.Add(56 * time.Minute)); !got.Equal(over) {
		t.Fatalf("overrun wake %v want %v", got, over)
	}
	a = p.tick(over)
	if len(a) != 1 || a[0].kind != KindOverrun {
		t.Fatalf("%+v", a)
	}
	if m := render(a[0], "en", tokyo); m.Title != "Kraken maintenance is running late" || !strings.Contains(m.Body, "15:00") {
		t.Fatalf("%q %q", m.Title, m.Body)
	}
	if a := p.tick(over.Add(time.Minute)); len(a) != 0 {
		t.Fatal("overrun repeated")
	}
	// Unannounced maintenance is not calm.
	p.handle(ev("kraken", over.Add(time.Hour), exchanges.Operational, exchanges.Maintenance), over.Add(time.Hour))
	p.tick(over.Add(time.Hour + time.Minute))
	later := over.Add(3 * time.Hour)
	p.handle(ev("kraken", later, exchanges.Maintenance, exchanges.Operational), later)
	if a := p.tick(later.Add(20 * time.Second)); len(a) != 1 || a[0].items[0].calm {
		t.Fatalf("%+v", a)
	}
}

// Kraken's API gives a window's times in whole seconds, its status page
// in milliseconds: the same maintenance, one pre-warning (the demo sent
// two, a second apart).
func TestCalendarSameWindowAtDifferentPrecision(t *testing.T) {
	p := newPolicy(t, alertsCfg())
	start := t0.Add(time.Minute).Add(33*time.Second + 822*time.Millisecond)
	api := exchanges.MaintenanceWindow{Title: "Scheduled trading engine maintenance", Start: start.Truncate(time.Second),
		End: start.Add(10 * time.Minute).Truncate(time.Second), URL: "https://status.kraken.com/incidents/mnt1", Source: "rest"}
	page := exchanges.MaintenanceWindow{Title: "Scheduled system maintenance", Start: start, End: start.Add(10 * time.Minute),
		URL: "https://stspg.io/fakem1", Source: "statuspage"}
	e := first("kraken", t0, exchanges.Operational)
	e.Verdict.Maintenance = []exchanges.MaintenanceWindow{api}
	a := p.handle(e, t0)
	upd := watchers.Event{Kind: watchers.Updated, Time: t0.Add(time.Second), Verdict: e.Verdict}
	upd.Verdict.Maintenance = []exchanges.MaintenanceWindow{page, api} // the page first, this time
	a = append(a, p.handle(upd, t0.Add(time.Second))...)
	if len(a) != 1 || a[0].kind != KindPreWarning {
		t.Fatalf("want one pre-warning, got %+v", a)
	}
	if up := p.cal.Upcoming(t0.Add(time.Second)); len(up) != 1 || up[0].Window.Title != api.Title {
		t.Fatalf("calendar %+v", up)
	}
	// A window an hour later is another maintenance.
	later := api
	later.Start, later.End = api.Start.Add(time.Hour), api.End.Add(time.Hour)
	upd.Verdict.Maintenance = []exchanges.MaintenanceWindow{page, api, later}
	p.handle(upd, t0.Add(2*time.Second))
	if up := p.cal.Upcoming(t0.Add(2 * time.Second)); len(up) != 2 {
		t.Fatalf("calendar %+v", up)
	}
}

// Several pairs halted the same way read as one line of "Why".
func TestGroupedPairReasons(t *testing.T) {
	var pairs []exchanges.PairStatus
	for _, p := range []string{"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "LTC-USD"} {
		pairs = append(pairs, exchanges.PairStatus{Pair: p, Level: exchanges.Outage, Raw: "online trading_disabled"})
	}
	obs := exchanges.FoldPairs(exchanges.SourceREST, pairs, nil)
	e := ev("coinbase", t0, exchanges.Outage, exchanges.Operational)
	e.Verdict.Summary, e.Verdict.Reasons, e.Verdict.Pairs = obs.Summary, obs.Reasons, pairs
	p := newPolicy(t, alertsCfg())
	p.handle(first("coinbase", t0, exchanges.Operational), t0)
	p.handle(e, t0)
	a := p.tick(t0.Add(20 * time.Second))
	if len(a) != 1 {
		t.Fatalf("%+v", a)
	}
	for lang, want := range map[string]string{
		"en": "Why: BTC-USD, ETH-USD, SOL-USD and 2 more: online trading_disabled\n",
		"ja": "根拠: BTC-USD、ETH-USD、SOL-USD ほか2ペアは取引停止中（取引所の表示「online trading_disabled」）\n",
	} {
		if m := render(a[0], lang, tokyo); !strings.Contains(m.Body, want) {
			t.Errorf("%s: want %q in\n%s", lang, want, m.Body)
		}
	}
}
