package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeharbor/ui"
)

func noticeChecker(t *testing.T, lang ui.Lang) (*labels, *noticeCheck) {
	t.Helper()
	c := newLabels(lang)
	if err := c.withDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	k, err := newNoticeCheck(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c, k
}

// fromApp is a notice as the app sends it: notify's words with the
// verdict's lines between the first and the last.
func fromApp(id uint32, at float64, title, body string) notice {
	return notice{ID: id, At: at, Time: time.Unix(1e9, 0).Add(time.Duration(at * float64(time.Second))),
		AppName: "app.safeharbor.desktop", Icon: "app", Summary: title, Body: body}
}

func withMiddle(body string, mid ...string) string {
	l := strings.Split(body, "\n")
	return strings.Join(append(append([]string{l[0]}, mid...), l[1:]...), "\n")
}

func TestNoticeChecks(t *testing.T) {
	for _, tc := range []struct {
		lang       ui.Lang
		mid, alien string
	}{
		{ui.English, "Status: Trading halted on btc_jpy", "状況: btc_jpy の取引が停止中"},
		{ui.Japanese, "根拠: btc_jpy は取引停止中（取引所の表示「HALT」）", "Why: btc_jpy HALT"},
	} {
		c, k := noticeChecker(t, tc.lang)
		out := k.outage["bitbank"]
		if !strings.Contains(out.Title, "bitbank") || !strings.Contains(out.Body, "bitbank") {
			t.Fatalf("%s: notify's outage words do not name bitbank: %q / %q", tc.lang, out.Title, out.Body)
		}
		good := fromApp(1, 33, out.Title, withMiddle(out.Body, tc.mid, "Check official sources only: https://status.bitbank.cc/"))
		if tc.lang == ui.Japanese {
			good.Body = withMiddle(out.Body, tc.mid, "公式情報のみを確認してください: https://status.bitbank.cc/")
		}
		if nt, err := k.outageNotice([]notice{good}, "bitbank"); err != nil || nt.ID != 1 {
			t.Fatalf("%s: %v", tc.lang, err)
		}
		if err := k.all([]notice{good}); err != nil {
			t.Fatalf("%s: %v", tc.lang, err)
		}
		if _, err := k.outageNotice(nil, "bitbank"); err == nil || !strings.Contains(err.Error(), "so far: none") {
			t.Fatalf("%s: no notice: %v", tc.lang, err)
		}
		wrong := good
		wrong.Body = "Pause trading. " + out.Body // basicAlerts' words, not notify's
		if _, err := k.outageNotice([]notice{wrong}, "bitbank"); err == nil || !strings.Contains(err.Error(), "begins") {
			t.Fatalf("%s: other words: %v", tc.lang, err)
		}
		alien := good
		alien.Body = withMiddle(out.Body, tc.alien)
		if err := k.all([]notice{alien}); err == nil || !strings.Contains(err.Error(), "in a") {
			t.Fatalf("%s: the other language passes: %v", tc.lang, err)
		}
		noIcon := good
		noIcon.Icon, noIcon.AppIcon = "none", ""
		if err := k.all([]notice{noIcon}); err == nil || !strings.Contains(err.Error(), "icon") {
			t.Fatalf("%s: no icon passes: %v", tc.lang, err)
		}
		again := good
		again.ID, again.At, again.Time = 2, 90, good.Time.Add(57*time.Second)
		if err := k.all([]notice{good, again}); err == nil || !strings.Contains(err.Error(), "twice in a row") {
			t.Fatalf("%s: a repeat passes: %v", tc.lang, err)
		}

		// The maintenance notice: once, or twice from two sources.
		m, err := k.maintenanceWords(context.Background(), c, "kraken")
		if err != nil || !strings.Contains(m.Title, "Kraken") {
			t.Fatalf("%s: %v %q", tc.lang, err, m.Title)
		}
		source := func(title string) string { // notify's body, with a source's title
			return strings.Replace(m.Body, "maintenance", title, 1)
		}
		pre := fromApp(2, 45.2, m.Title, source("Scheduled trading engine maintenance"))
		pre.Time = time.Now()
		dir := t.TempDir()
		writeNotices(t, dir, good, pre)
		check := k.expectMaintenanceNotice(dir, m)
		if _, err := check(nil); err == nil || !strings.Contains(err.Error(), "waiting") {
			t.Fatalf("%s: a fresh notice passes at once: %v", tc.lang, err)
		}
		pre.Time = time.Now().Add(-settle)
		writeNotices(t, dir, good, pre)
		if msg, err := check(nil); err != nil || !strings.Contains(msg, "no other for") {
			t.Fatalf("%s: %q %v", tc.lang, msg, err)
		}
		second := pre
		second.ID, second.At, second.Body = 3, 46.5, source("Scheduled system maintenance")
		second.Time = pre.Time.Add(1300 * time.Millisecond)
		writeNotices(t, dir, good, pre, second)
		_, err = check(nil)
		if err == nil || !strings.Contains(err.Error(), "same title 1.3 s apart") {
			t.Fatalf("%s: told twice passes: %v", tc.lang, err)
		}
		if _, ok := err.(permanent); !ok {
			t.Fatalf("%s: told twice is worth waiting for: %T", tc.lang, err)
		}

		// While snoozed only a new outage, alone or in a group, comes.
		if !k.newOutage(good) || k.newOutage(pre) {
			t.Fatalf("%s: newOutage", tc.lang)
		}
		group := fromApp(4, 67, "2 exchanges changed state", "• "+k.outage["coinbase"].Title+"\n  ...")
		if !k.newOutage(group) {
			t.Fatalf("%s: a group with an outage", tc.lang)
		}
	}
}

func writeNotices(t *testing.T, dir string, ns ...notice) {
	t.Helper()
	var b []byte
	for _, nt := range ns {
		j, err := json.Marshal(nt)
		if err != nil {
			t.Fatal(err)
		}
		b = append(append(b, j...), '\n')
	}
	if err := os.WriteFile(filepath.Join(dir, notesFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A line the server is writing is read next time.
func TestLoadNoticesSkipsAPartLine(t *testing.T) {
	dir := t.TempDir()
	if ns, err := loadNotices(dir); err != nil || len(ns) != 0 {
		t.Fatalf("no file: %v %v", ns, err)
	}
	writeNotices(t, dir, fromApp(1, 1, "a", "b"), fromApp(2, 2, "c", "d"))
	b, _ := os.ReadFile(filepath.Join(dir, notesFile))
	os.WriteFile(filepath.Join(dir, notesFile), b[:len(b)-5], 0o644)
	if ns, err := loadNotices(dir); err != nil || len(ns) != 1 || ns[0].Summary != "a" {
		t.Fatalf("%+v %v", ns, err)
	}
}

// The recovery notice is found alone or as a group's entry, and must carry
// what to check before trading again.
func TestRecoveryNoticeCheck(t *testing.T) {
	for _, lang := range []ui.Lang{ui.English, ui.Japanese} {
		c, k := noticeChecker(t, lang)
		want, err := k.recoveryWords(context.Background(), c, "bitbank")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(want.Title, "bitbank") {
			t.Fatalf("%s: %q", lang, want.Title)
		}
		indent := "  " + strings.ReplaceAll(want.Body, "\n", "\n  ")
		for name, tc := range map[string]struct {
			ns []notice
			ok bool
		}{
			"alone":         {[]notice{fromApp(5, 130, want.Title, want.Body)}, true},
			"in a group":    {[]notice{fromApp(5, 130, "3 group", "• "+want.Title+"\n"+indent+"\n• …")}, true},
			"no advice":     {[]notice{fromApp(5, 130, want.Title, firstLine(want.Body))}, false},
			"not recovered": {[]notice{fromApp(1, 33, k.outage["bitbank"].Title, k.outage["bitbank"].Body)}, false},
		} {
			if lang == ui.Japanese && name == "in a group" {
				tc.ns[0].Summary = "3 つの取引所が復旧しました"
			}
			dir := t.TempDir()
			writeNotices(t, dir, tc.ns...)
			got, err := k.expectRecoveryNotice(dir, want)(nil)
			if (err == nil) != tc.ok {
				t.Errorf("%s %s: %q, %v", lang, name, got, err)
			}
		}
	}
}
