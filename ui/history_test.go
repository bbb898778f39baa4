package ui

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/fakex"
	"safeharbor/notify"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

type historyEnv struct {
	*harness
	q     *uiQueue
	store *history.Store
	cal   *notify.Calendar
	a     *historyArea
}

func hchange(id string, at time.Time, l, prev exchanges.Level, first bool, summary string) watchers.Event {
	return watchers.Event{Kind: watchers.Changed, Time: at, Previous: prev, First: first,
		Verdict: watchers.Verdict{ID: id, Level: l, Since: at, Summary: summary,
			Reasons: []exchanges.Reason{{Source: "rest", Detail: summary}}}}
}

// newHistoryEnv records a bitbank outage (confirmed 12 min after we saw
// it) and an ongoing Coincheck maintenance, and announces maintenance.
func newHistoryEnv(t *testing.T, lang Lang, cfg config.Config, d *notify.Dispatcher) *historyEnv {
	t.Helper()
	h := newHarness(t, lang, cfg)
	e := &historyEnv{harness: h, q: &uiQueue{}, cal: notify.NewCalendar()}
	var err error
	e.store, err = history.Open(filepath.Join(t.TempDir(), "history.db"), history.Options{Clock: h.clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Close() })
	start := t0.Add(-3 * time.Hour)
	official := watchers.Event{Kind: watchers.Updated, Time: start.Add(20 * time.Minute), Verdict: watchers.Verdict{
		ID: "bitbank", Level: exchanges.Outage, Since: start, Summary: "Trading halted on btc_jpy",
		Reasons: []exchanges.Reason{{Source: "rest", Detail: "btc_jpy HALT"}},
		Links:   exchanges.Links{Status: "https://status.bitbank.cc/"},
		Incidents: []exchanges.Incident{{ID: "i1", Title: "Trading halt on BTC/JPY", Status: "resolved",
			Update: "Trading has resumed.", URL: "https://status.bitbank.cc/incidents/i1", Started: start.Add(12 * time.Minute)}}}}
	halt := hchange("bitbank", start, exchanges.Outage, exchanges.Operational, false, "Trading halted on btc_jpy")
	halt.Verdict.Reasons = []exchanges.Reason{{Source: "rest", Detail: "btc_jpy HALT"}}
	for _, ev := range []watchers.Event{
		hchange("bitbank", t0.Add(-10*24*time.Hour), exchanges.Operational, exchanges.Unknown, true, "normal"),
		hchange("coincheck", t0.Add(-5*24*time.Hour), exchanges.Operational, exchanges.Unknown, true, "normal"),
		halt,
		official,
		hchange("bitbank", start.Add(time.Hour), exchanges.Operational, exchanges.Outage, false, "normal"),
		hchange("coincheck", t0.Add(-20*time.Minute), exchanges.Maintenance, exchanges.Operational, false, "Scheduled maintenance in progress"),
	} {
		if err := e.store.Record(ev); err != nil {
			t.Fatal(err)
		}
	}
	e.cal.Update("coincheck", "Coincheck", []exchanges.MaintenanceWindow{
		{Title: "System maintenance", Start: t0.Add(-20 * time.Minute), End: t0.Add(40 * time.Minute)},
		{Title: "Wallet upgrade", Start: t0.Add(48 * time.Hour), End: t0.Add(50 * time.Hour), URL: "https://coincheck.com/info/maintenance"},
	})
	e.a = newHistoryArea(h.u, HistoryDeps{Store: e.store, Calendar: e.cal, Dispatcher: func() *notify.Dispatcher { return d }, Clock: h.clk, Do: e.q.do})
	t.Cleanup(e.a.Close)
	h.u.win.SetContent(e.a.View())
	return e
}

func (e *historyEnv) show(tab int) {
	e.a.tabs.SelectIndex(tab)
	e.u.win.SetContent(e.a.View())
}

func (e *historyEnv) must(substr ...string) {
	e.t.Helper()
	s := strings.Join(texts(e.u.win.Content()), "\n")
	for _, x := range substr {
		if !strings.Contains(s, x) {
			e.t.Fatalf("%q not shown in:\n%s", x, s)
		}
	}
}

func TestHistoryTimeline(t *testing.T) {
	e := newHistoryEnv(t, English, testConfig("bitbank", "coincheck"), nil)
	e.must(
		"Coincheck — Maintenance", "10:10 – ongoing (20 min)",
		"bitbank — Outage", "07:30 – 08:30 (1 h)", "• Exchange API: btc_jpy HALT",
		"What the exchange said", "Trading halt on BTC/JPY (resolved)", "Trading has resumed.", "Official incident report  (status.bitbank.cc)",
	)
	s := strings.Join(texts(e.u.win.Content()), "\n")
	if strings.Index(s, "Coincheck — Maintenance") > strings.Index(s, "bitbank — Outage") {
		t.Fatal("timeline not newest first")
	}
	test.AssertRendersToMarkup(t, "history_incidents.xml", e.u.win.Canvas())
}

func TestHistoryUptimeAndLag(t *testing.T) {
	e := newHistoryEnv(t, English, testConfig("bitbank", "coincheck"), nil)
	e.show(1)
	// bitbank: 1 h down in the last 24 h.
	e.must("95.83% · 1 incidents", "bitbank usually confirms trouble 12 min after SafeHarbor sees it (incidents: 1).")
	test.AssertRendersToMarkup(t, "history_uptime.xml", e.u.win.Canvas())
}

func TestHistoryCalendarJapanese(t *testing.T) {
	e := newHistoryEnv(t, Japanese, testConfig("bitbank", "coincheck"), nil)
	e.show(2)
	e.must("実施中・終了まで 40分", "開始まで 2日0時間", "Wallet upgrade", "11/21 10:10 UTC 〜 11/21 11:10 UTC")
	test.AssertRendersToMarkup(t, "history_calendar_ja.xml", e.u.win.Canvas())
	// A minute later the countdown moved on.
	e.clk.Advance(time.Minute)
	e.show(2)
	e.must("実施中・終了まで 39分")
	// An adapter's stand-in title reads in Japanese.
	e.cal.Update("kraken", "Kraken", []exchanges.MaintenanceWindow{
		{Title: "Kraken scheduled maintenance", Start: t0.Add(3 * time.Hour), End: t0.Add(4 * time.Hour)},
	})
	e.show(2)
	e.must("予定されたメンテナンス")
	if strings.Contains(strings.Join(texts(e.u.win.Content()), "\n"), "Kraken scheduled maintenance") {
		t.Fatal("the stand-in title shown in English")
	}
}

func TestHistoryChannelsSendTest(t *testing.T) {
	var got atomic.Int32
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got.Add(1) }))
	defer ok.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "nope", http.StatusForbidden) }))
	defer bad.Close()
	cfg := testConfig("bitbank")
	cfg.Notify = []config.Notify{
		{Name: "phone", Kind: "ntfy", URL: ok.URL + "/my-topic"},
		{Kind: "webhook", URL: bad.URL + "/hook", MinLevel: "outage"},
	}
	d, err := notify.New(cfg, notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newHistoryEnv(t, English, cfg, d)
	e.show(3)
	e.must("phone (ntfy) — 127.0.0.1", "webhook — 127.0.0.1", "alerts from outage")
	if strings.Contains(strings.Join(texts(e.u.win.Content()), "\n"), "my-topic") {
		t.Fatal("channel path shown")
	}
	buttons := findButtons(e.u.win.Content(), "Send test message")
	if len(buttons) != 2 {
		t.Fatalf("%d test buttons", len(buttons))
	}
	test.Tap(buttons[0])
	e.must("Sending…")
	e.q.flush(e.a.jobs)
	e.must("Test message sent at 10:30.")
	if got.Load() != 1 {
		t.Fatalf("ntfy got %d", got.Load())
	}
	test.Tap(findButtons(e.u.win.Content(), "Send test message")[1])
	e.q.flush(e.a.jobs)
	e.must("Failed: notify webhook: HTTP 403")
}

func TestHistoryWithoutBackends(t *testing.T) {
	cfg := testConfig("bitbank")
	cfg.Notify = []config.Notify{{Kind: "discord", URL: "https://discord.com/api/webhooks/1/secret"}}
	h := newHarness(t, English, cfg)
	a := newHistoryArea(h.u, HistoryDeps{})
	defer a.Close()
	h.u.win.SetContent(a.View())
	s := strings.Join(texts(h.u.win.Content()), "\n")
	if !strings.Contains(s, English.T("history.nostore")) {
		t.Fatal(s)
	}
	a.tabs.SelectIndex(3)
	h.u.win.SetContent(a.View())
	s = strings.Join(texts(h.u.win.Content()), "\n")
	if !strings.Contains(s, English.T("history.ch.nodispatcher")) || !strings.Contains(s, "discord — discord.com") || strings.Contains(s, "secret") {
		t.Fatal(s)
	}
	if b := findButtons(h.u.win.Content(), "Send test message"); len(b) != 1 || !b[0].Disabled() {
		t.Fatal("test button without a dispatcher")
	}
}

// findButtons returns every button labelled label, in layout order.
func findButtons(o fyne.CanvasObject, label string) []*widget.Button {
	var out []*widget.Button
	visit(o, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			out = append(out, b)
			return false
		}
		return true
	})
	return out
}

// In Japanese a failed test says what happened and what to check; only the
// service's own words stay as they were, in 「」.
func TestHistoryChannelsSendTestJapanese(t *testing.T) {
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"code":40101,"http":401,"error":"invalid token"}`)
	}))
	defer bad.Close()
	gone, err := fakex.Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	cfg := testConfig("bitbank")
	cfg.Notify = []config.Notify{
		{Name: "phone", Kind: "ntfy", URL: bad.URL + "/my-topic", MinLevel: "outage"},
		{Name: "hook", Kind: "webhook", URL: gone.URL() + "/hook"},
		{Name: "chat", Kind: "telegram", Token: "keyring:notify/telegram", ChatID: "1"},
	}
	missing := func(string) (string, error) { return "", fmt.Errorf("vault: notify/telegram: %w", vault.ErrNotFound) }
	d, err := notify.New(cfg, notify.Options{Secrets: missing})
	if err != nil {
		t.Fatal(err)
	}
	e := newHistoryEnv(t, Japanese, cfg, d)
	e.show(3)
	e.must("障害 以上を通知")
	buttons := findButtons(e.u.win.Content(), Japanese.T("history.ch.test"))
	if len(buttons) != 3 {
		t.Fatalf("%d test buttons", len(buttons))
	}
	for _, b := range buttons {
		test.Tap(b)
		e.q.flush(e.a.jobs)
	}
	e.must(
		"失敗しました：認証を拒否されました（HTTP 401）。トークンと URL を確認してください。 応答：「invalid token」",
		"失敗しました：送信できませんでした（接続が拒否されました）。",
		"失敗しました：トークンをキーリングから読めません。キーリングに見つかりません。",
	)
	guard := newInventory()
	for _, s := range texts(e.u.win.Content()) {
		if strings.HasPrefix(s, "失敗しました") {
			if en := guard.english(s); len(en) > 0 {
				t.Errorf("English in %q: %q", s, en)
			}
		}
	}
}
