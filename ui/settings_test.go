package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"safeharbor/config"
)

func TestFirstRunStartsInSettings(t *testing.T) {
	cfg := testConfig("bitbank")
	cfg.Path = ""
	h := newHarness(t, English, cfg, func(o *Options) { o.FirstRun = true })
	if h.u.view != viewSettings || !strings.Contains(allText(h), "Welcome!") {
		t.Fatal("first run did not open settings")
	}
}

func TestSettingsRoundTripToConfigFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "safeharbor", "config.toml")
	cfg := testConfig("bitbank", "kraken")
	cfg.Path = ""
	var applied []config.Config
	var langs []Lang
	h := newHarness(t, English, cfg, func(o *Options) {
		o.Store = fileStore{path: path}
		o.Apply = func(c config.Config) { applied = append(applied, c) }
		o.OnLang = func(l Lang) { langs = append(langs, l) }
		o.FirstRun = true
	})
	f := h.u.settings
	f.watch["kraken"].SetChecked(false)
	f.watch["coincheck"].SetChecked(true)
	test.Type(f.pairs["bitbank"], "btc_jpy, xrp_jpy")
	f.interval.SetText("20s")
	f.failures.SetText("4")
	f.reminder.SetText("45m")
	f.quiet.SetText("23:00-07:00")
	f.desktop.SetChecked(false)
	f.language.SetSelected("日本語")
	test.Tap(f.save)

	got, err := config.Load(path)
	if err != nil {
		t.Fatalf("load back: %v", err)
	}
	if ids := strings.Join(got.IDs(), ","); ids != "bitbank,coincheck" {
		t.Fatalf("watched %s", ids)
	}
	if p := strings.Join(got.Exchanges[0].Pairs, ","); p != "btc_jpy,xrp_jpy" {
		t.Fatalf("pairs %s", p)
	}
	if got.Interval.Duration != 20*time.Second || got.Failures != 4 || got.Alerts.Reminder.Duration != 45*time.Minute ||
		got.Alerts.QuietHours != "23:00-07:00" || got.Alerts.DesktopEnabled() || got.Language != "ja" {
		t.Fatalf("round trip lost settings: %+v", got)
	}
	// Applied without a restart: engine, rows, language.
	if len(applied) != 1 || applied[0].Path != path {
		t.Fatalf("applied %v", applied)
	}
	if _, ok := h.u.m.rows["coincheck"]; !ok {
		t.Fatal("new exchange has no row")
	}
	if _, ok := h.u.m.rows["kraken"]; ok {
		t.Fatal("removed exchange still has a row")
	}
	if h.u.lang != Japanese || len(langs) != 1 || !strings.Contains(allText(h), "に保存し、適用しました。") {
		t.Fatalf("language not switched: %s %v", h.u.lang, langs)
	}
}

func TestSettingsRejectsBadInput(t *testing.T) {
	var applied int
	h := newHarness(t, English, testConfig("bitbank"), func(o *Options) {
		o.Store = fileStore{path: filepath.Join(t.TempDir(), "c.toml")}
		o.Apply = func(config.Config) { applied++ }
	})
	h.u.show(viewSettings)
	f := h.u.settings
	for _, c := range []struct {
		set  func()
		want string
	}{
		{func() { f.interval.SetText("soon") }, `Check every: "soon" is not a duration`},
		{func() { f.interval.SetText("15s"); f.failures.SetText("0") }, `Failures before an outage: "0" is not a whole number`},
		{func() { f.failures.SetText("3"); f.quiet.SetText("late") }, "quiet_hours"},
		{func() { f.quiet.SetText(""); f.watch["bitbank"].SetChecked(false) }, "choose at least one exchange"},
	} {
		c.set()
		test.Tap(f.save)
		if !strings.Contains(f.status.Text, "Not saved") || !strings.Contains(f.status.Text, c.want) {
			t.Errorf("status %q, want %q", f.status.Text, c.want)
		}
	}
	if applied != 0 {
		t.Fatal("bad settings were applied")
	}
	// An engine event does not wipe edits in progress.
	f.interval.SetText("99s")
	h.u.Handle(change(verdict("bitbank", "bitbank", 4, t0, ""), 0, false))
	if h.u.settings.interval.Text != "99s" {
		t.Fatal("edit lost on refresh")
	}
}
