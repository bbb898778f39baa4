package cli

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

func seedHistory(t *testing.T) (string, time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := history.Open(path, history.Options{Clock: clock.NewFake(now)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := now.Add(-3 * time.Hour)
	rec := func(kind watchers.EventKind, d time.Duration, l exchanges.Level, inc []exchanges.Incident) {
		err := s.Record(watchers.Event{Kind: kind, Time: at.Add(d), Verdict: watchers.Verdict{ID: "bitbank", Name: "bitbank", Level: l,
			Summary: "=HYPERLINK(\"x\") Trading halted on btc_jpy", Links: exchanges.Links{Status: "https://status.bitbank.cc/"}, Incidents: inc}})
		if err != nil {
			t.Fatal(err)
		}
	}
	rec(watchers.Changed, 0, exchanges.Operational, nil)
	rec(watchers.Changed, time.Hour, exchanges.Outage, nil)
	rec(watchers.Updated, time.Hour+10*time.Minute, exchanges.Outage, []exchanges.Incident{{Title: "Trading halted", Started: at.Add(time.Hour + 4*time.Minute)}})
	rec(watchers.Changed, time.Hour+42*time.Minute, exchanges.Operational, nil)
	return path, now
}

func runHist(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := Main(args, strings.NewReader(""), &out, &errb, nil)
	return code, out.String(), errb.String()
}

func TestHistoryTableAndJSON(t *testing.T) {
	path, now := seedHistory(t)
	old := historyNow
	historyNow = func() time.Time { return now }
	defer func() { historyNow = old }()
	code, out, errs := runHist(t, "history", "--db", path)
	if code != ExitOK || errs != "" {
		t.Fatalf("%d %s", code, errs)
	}
	for _, want := range []string{"bitbank", "76.67%", "42m", "+4m (n=1)", "bitbank usually confirms 4m after we see trouble", "outage", "official: Trading halted"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	code, out, _ = runHist(t, "history", "bitbank", "--json", "--since", "7d", "--db", path)
	var doc struct {
		Exchanges []struct {
			ID     string              `json:"id"`
			Uptime map[string]*float64 `json:"uptime"`
			Lag    *int64              `json:"confirmation_lag_seconds"`
		} `json:"exchanges"`
		Incidents []struct {
			DurationS int64  `json:"duration_seconds"`
			Worst     string `json:"worst"`
		} `json:"incidents"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitOK {
		t.Fatalf("%v %s", err, out)
	}
	if len(doc.Exchanges) != 1 || *doc.Exchanges[0].Lag != 240 || len(doc.Incidents) != 1 || doc.Incidents[0].DurationS != 42*60 || doc.Incidents[0].Worst != "outage" {
		t.Fatalf("%s", out)
	}
}

func TestHistoryExport(t *testing.T) {
	path, _ := seedHistory(t)
	code, out, _ := runHist(t, "history", "export", "--csv", "--db", path)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != ExitOK || err != nil || len(rows) != 1+3+1 {
		t.Fatalf("%d %v\n%s", code, err, out)
	}
	if strings.Join(rows[0], ",") != strings.Join(history.CSVHeader, ",") || rows[4][0] != "incident" || rows[4][6] != "2520" {
		t.Fatalf("%v", rows)
	}
	if !strings.HasPrefix(rows[2][7], "'=") {
		t.Fatalf("formula not defused: %q", rows[2][7])
	}
	code, out, _ = runHist(t, "history", "export", "--json", "--db", path)
	var e history.Export
	if code != ExitOK || json.Unmarshal([]byte(out), &e) != nil || len(e.Changes) != 3 || len(e.Incidents) != 1 {
		t.Fatalf("%d %s", code, out)
	}
}

func TestHistoryUsageErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	for _, args := range [][]string{
		{"history", "--bogus"},
		{"history", "export", "--db", path},
		{"history", "export", "--csv", "--json", "--db", path},
		{"history", "--since", "yesterday", "--db", path},
		{"history", "--csv", "--db", path},
		{"history", "export", "--csv", "bitbank", "--db", path},
	} {
		if code, _, errs := runHist(t, args...); code != ExitUsage || !strings.Contains(errs, "safeharbor history") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if code, out, _ := runHist(t, "history", "--db", path); code != ExitOK || !strings.Contains(out, "No history yet") {
		t.Fatalf("%d %s", code, out)
	}
}
