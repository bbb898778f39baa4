package notify

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
	"safeharbor/internal/ja"
	"safeharbor/internal/ja/jatest"
	"safeharbor/watchers"
)

// engineVerdicts asks the real engine (watchers.CheckOnce) about fake
// exchanges once: what a notification gets to word.
//   - coincheck: its API refuses connections ("API unreachable: connection refused");
//   - bitbank: btc_jpy halted ("Trading halted on btc_jpy", reason "btc_jpy HALT");
//   - kraken: halted, with a status page incident ("…; incident: Trading unavailable").
func engineVerdicts(t *testing.T) map[string]watchers.Verdict {
	t.Helper()
	closed, err := fakex.Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer closed.Close()
	bb, _ := fakex.StartVenue("bitbank")
	defer bb.Close()
	bb.Update(func(s *fakex.State) { s.Scenario, s.Pairs = fakex.PairHalted, []string{"btc_jpy"} })
	kr, _ := fakex.StartVenue("kraken")
	defer kr.Close()
	kr.Update(func(s *fakex.State) { s.Scenario = fakex.Halted })
	ex := func(id string, srv *fakex.Server, pairs []string) config.Exchange {
		ep := srv.Endpoints()
		return config.Exchange{ID: id, Pairs: pairs, API: ep.API, Public: ep.Public, StatusPage: ep.StatusPage, WS: exchanges.Off}
	}
	cfg := config.Config{Interval: config.D(time.Minute), Exchanges: []config.Exchange{
		{ID: "coincheck", API: closed.URL(), Public: exchanges.Off, StatusPage: exchanges.Off, WS: exchanges.Off},
		ex("bitbank", bb, []string{"btc_jpy"}),
		ex("kraken", kr, nil),
	}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := watchers.CheckOnce(ctx, cfg, watchers.Options{QuickRecheck: time.Nanosecond, RequestTimeout: 5 * time.Second, MaxBody: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]watchers.Verdict{}
	for _, v := range rep.Verdicts {
		out[v.ID] = v
	}
	for id, want := range map[string]string{
		"coincheck": "API unreachable: connection refused",
		"bitbank":   "Trading halted on btc_jpy",
		"kraken":    "incident: Trading unavailable",
	} {
		if v := out[id]; v.Level != exchanges.Outage || !strings.Contains(v.Summary, want) {
			t.Fatalf("%s: %s %q, want an outage with %q", id, v.Level, v.Summary, want)
		}
	}
	return out
}

// engineMessages sends the verdicts through a Dispatcher in lang: a
// change (bitbank), a group (coincheck and kraken together), and a
// reminder for each once the reminder interval has passed.
func engineMessages(t *testing.T, lang string, vs map[string]watchers.Verdict) (change, group Message, reminders map[string]Message) {
	t.Helper()
	clk := clock.NewFake(t0)
	ch := newFakeChannel(lang, nil)
	d, err := New(alertsCfg(), Options{Clock: clk, Channels: []Channel{ch}, Language: lang, Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	stop := start(t, d)
	defer stop()
	changed := func(id string) watchers.Event {
		v := vs[id]
		v.Since = clk.Now()
		return watchers.Event{Kind: watchers.Changed, Time: clk.Now(), Previous: exchanges.Operational, Verdict: v}
	}
	for _, id := range []string{"bitbank", "coincheck", "kraken"} {
		d.Handle(first(id, clk.Now(), exchanges.Operational))
	}
	d.Handle(changed("bitbank"))
	clk.Advance(20 * time.Second) // the group window
	change = recv(t, ch.got)
	d.Handle(changed("coincheck"))
	d.Handle(changed("kraken"))
	clk.Advance(20 * time.Second)
	group = recv(t, ch.got)
	clk.Advance(30 * time.Minute) // the reminder interval
	reminders = map[string]Message{}
	for len(reminders) < 3 {
		m := recv(t, ch.got)
		if m.Kind != KindReminder || len(m.Exchanges) != 1 {
			t.Fatalf("want reminders, got %+v", m)
		}
		reminders[m.Exchanges[0]] = m
	}
	if change.Kind != KindChange || group.Kind != KindGroup {
		t.Fatalf("kinds: %s, %s", change.Kind, group.Kind)
	}
	return change, group, reminders
}

var reURL = regexp.MustCompile(`https?://\S+`)

// TestJapaneseMessagesWordEngineText: a Japanese change, group and
// reminder carry the Japanese of the engine's summaries and reasons, and
// no English but the exchange's own words in 「」; the English messages
// keep the engine's words as they are.
func TestJapaneseMessagesWordEngineText(t *testing.T) {
	vs := engineVerdicts(t)
	change, group, reminders := engineMessages(t, "ja", vs)
	sum := func(id string) string { v := vs[id]; return ja.Summary(v.Level, v.Summary) }

	for _, c := range []struct {
		name string
		m    Message
		want []string
	}{
		{"change", change, []string{
			"状況: btc_jpy の取引が停止中",
			"根拠: btc_jpy は取引停止中（取引所の表示「HALT」）",
		}},
		{"group", group, []string{
			"状況: API に接続できません（接続が拒否されました）",
			"状況: " + sum("kraken"),
			"公式発表「Trading unavailable」",
			"公式の緊急告知「Trading halted」",
		}},
		{"bitbank reminder", reminders["bitbank"], []string{"btc_jpy の取引が停止中"}},
		{"coincheck reminder", reminders["coincheck"], []string{"API に接続できません（接続が拒否されました）"}},
		{"kraken reminder", reminders["kraken"], []string{sum("kraken")}},
	} {
		text := c.m.Title + "\n" + c.m.Body
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", c.name, w, text)
			}
		}
		// Engine text appears once, in Japanese: never twice worded.
		for _, v := range vs {
			if v.Summary != "" && strings.Contains(text, v.Summary) {
				t.Errorf("%s carries the English summary %q:\n%s", c.name, v.Summary, text)
			}
		}
		if left := jatest.New().English(reURL.ReplaceAllString(text, " ")); len(left) > 0 {
			t.Errorf("%s leaves English %v:\n%s", c.name, left, text)
		}
	}
	if !strings.Contains(sum("kraken"), "ステータスページ") {
		t.Errorf("kraken's summary is not in Japanese: %q", sum("kraken"))
	}
	// The webhook's details stay the engine's English (SPEC: JSON is English).
	if d := change.Details[0]; d.Summary != vs["bitbank"].Summary || d.Reasons[0].Detail != "btc_jpy HALT" {
		t.Errorf("details changed: %+v", d)
	}

	change, group, reminders = engineMessages(t, "en", vs)
	for _, c := range []struct {
		name string
		m    Message
		want []string
	}{
		{"change", change, []string{"Status: Trading halted on btc_jpy", "Why: btc_jpy HALT"}},
		{"group", group, []string{"Status: API unreachable: connection refused", "Status: " + vs["kraken"].Summary}},
		{"reminder", reminders["bitbank"], []string{"\nTrading halted on btc_jpy\n"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.m.Body, w) {
				t.Errorf("English %s lacks %q:\n%s", c.name, w, c.m.Body)
			}
		}
	}
}

// TestJapanesePreWarningTitle: an adapter's stand-in title reads in
// Japanese, an exchange's own in 「」; in English both stay as they are.
func TestJapanesePreWarningTitle(t *testing.T) {
	for _, c := range []struct{ title, ja string }{
		{"Kraken scheduled maintenance", "Kraken: 予定されたメンテナンス（13:00〜14:00）"},
		{"System upgrade", "Kraken: 「System upgrade」（13:00〜14:00）"},
		{"", "Kraken: （13:00〜14:00）"},
	} {
		w := exchanges.MaintenanceWindow{Title: c.title, Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)}
		a := alert{kind: KindPreWarning, at: t0, items: []item{{Detail: Detail{Exchange: "kraken", Name: "Kraken", Window: &w}, lead: 30 * time.Minute}}}
		if m := render(a, "ja", tokyo); !strings.Contains(m.Body, c.ja+"\n") {
			t.Errorf("%q: %s", c.title, m.Body)
		}
		if m := render(a, "en", tokyo); !strings.Contains(m.Body, "Kraken: "+c.title+" (13:00–14:00)\n") {
			t.Errorf("English %q: %s", c.title, m.Body)
		}
	}
}
