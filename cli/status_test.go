package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeharbor/internal/fakex"
	"safeharbor/watchers"
)

// fastEngine shortens the engine's retry so failure tests stay quick.
func fastEngine(t *testing.T) {
	t.Helper()
	old := engineOptions
	engineOptions = func() watchers.Options {
		return watchers.Options{QuickRecheck: 20 * time.Millisecond, RequestTimeout: 3 * time.Second}
	}
	t.Cleanup(func() { engineOptions = old })
}

func startVenue(t *testing.T, id string) *fakex.Server {
	t.Helper()
	srv, ok := fakex.StartVenue(id)
	if !ok {
		t.Skipf("no fake for %s yet", id)
	}
	t.Cleanup(srv.Close)
	return srv
}

// onlineURL is a "neutral host" that always answers.
func onlineURL(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(s.Close)
	return s.URL + "/generate_204"
}

// closedURL is a loopback URL nobody listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/"
}

func venueBlock(srv *fakex.Server, id string, pairs ...string) string {
	ep := srv.Endpoints()
	ws := ep.WS
	if ws == "" {
		ws = "off"
	}
	var p string
	if len(pairs) > 0 {
		p = fmt.Sprintf("pairs = [%q]\n", pairs[0])
	}
	return fmt.Sprintf("[[exchange]]\nid = %q\n%sapi = %q\npublic = %q\nstatuspage = %q\nws = %q\n\n", id, p, ep.API, ep.Public, ep.StatusPage, ws)
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb, nil)
	return code, out.String(), errb.String()
}

func TestStatusExitCodes(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	cfg := writeConfig(t, "[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+venueBlock(srv, "bitbank", "btc_jpy"))
	for _, tc := range []struct {
		sc    fakex.Scenario
		code  int
		level string
	}{
		{fakex.Healthy, 0, "operational"},
		{fakex.Busy, 1, "degraded"},
		{fakex.MaintenanceActive, 1, "maintenance"},
		{fakex.PairHalted, 2, "outage"},
		{fakex.Halted, 2, "outage"},
		{fakex.UnknownValue, 3, "unknown"},
	} {
		t.Run(string(tc.sc), func(t *testing.T) {
			srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = tc.sc, []string{"btc_jpy"} })
			code, out, errs := run("status", "--config", cfg)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, "bitbank") || !strings.Contains(out, tc.level) || !strings.Contains(out, "EXCHANGE") {
				t.Fatalf("table:\n%s", out)
			}
		})
	}
}

func TestStatusJSON(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = fakex.PairHalted, []string{"btc_jpy"} })
	cfg := writeConfig(t, "[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+venueBlock(srv, "bitbank", "btc_jpy"))
	// Flags after the positional id work too.
	code, out, errs := run("status", "bitbank", "--json", "--config", cfg)
	if code != 2 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"checked_at", "connectivity", "exchanges"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if _, err := time.Parse(time.RFC3339, doc["checked_at"].(string)); err != nil {
		t.Error(err)
	}
	exs := doc["exchanges"].([]any)
	if len(exs) != 1 {
		t.Fatalf("%d exchanges", len(exs))
	}
	ex := exs[0].(map[string]any)
	for _, k := range []string{"id", "name", "level", "since", "summary", "reasons", "advice", "maintenance", "links"} {
		if _, ok := ex[k]; !ok {
			t.Errorf("exchange misses %q: %v", k, ex)
		}
	}
	if ex["id"] != "bitbank" || ex["level"] != "outage" || !strings.Contains(ex["summary"].(string), "btc_jpy") {
		t.Errorf("%v", ex)
	}
	if rs := ex["reasons"].([]any); len(rs) == 0 || rs[0].(map[string]any)["source"] == "" {
		t.Errorf("reasons %v", rs)
	}
}

func TestStatusOffline(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	block := venueBlock(srv, "bitbank")
	srv.Close()
	cfg := writeConfig(t, "[connectivity]\nurls = [\""+closedURL(t)+"\"]\n\n"+block)
	code, out, errs := run("status", "--config", cfg)
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "offline") {
		t.Errorf("table does not say offline:\n%s", out)
	}
}

func TestStatusUnreachableWhileOnlineIsOutage(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	block := venueBlock(srv, "bitbank")
	srv.Close()
	cfg := writeConfig(t, "[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+block)
	if code, out, errs := run("status", "--config", cfg); code != 2 {
		t.Fatalf("exit %d, want 2\n%s%s", code, out, errs)
	}
}

func TestStatusConfigErrors(t *testing.T) {
	cfg := writeConfig(t, "language = \"en\"\n[[exchange]]\nid = \"bitbank\"\ninterval = \"1x\"\n")
	code, out, errs := run("status", "--config", cfg)
	if code != ExitConfig || out != "" {
		t.Fatalf("exit %d out %q", code, out)
	}
	if !strings.Contains(errs, "config.toml:4: exchange[0].interval:") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("stderr %q", errs)
	}
	code, _, errs = run("status", "--config", filepath.Join(t.TempDir(), "missing.toml"))
	if code != ExitConfig || !strings.Contains(errs, "missing.toml") {
		t.Fatalf("missing file: %d %q", code, errs)
	}
}

func TestStatusUsageErrors(t *testing.T) {
	cfg := writeConfig(t, "")
	for _, args := range [][]string{
		{"status", "--config", cfg, "mtgox"},
		{"status", "--bogus"},
		{"status", "--timeout", "-1s", "--config", cfg},
		{"watch", "--config", cfg, "nosuch"},
	} {
		code, _, errs := run(args...)
		if code != ExitUsage || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d stderr %q", args, code, errs)
		}
		if args[len(args)-1] == "mtgox" && !strings.Contains(errs, `"mtgox"`) {
			t.Errorf("unknown id not named: %q", errs)
		}
	}
}

func TestStatusExitCodePrecedence(t *testing.T) {
	v := func(l string) watchers.Verdict {
		var out watchers.Verdict
		out.Level.UnmarshalText([]byte(l))
		return out
	}
	for _, tc := range []struct {
		conn   watchers.Connectivity
		levels []string
		want   int
	}{
		{watchers.Online, []string{"operational", "operational"}, 0},
		{watchers.Online, []string{"operational", "restricted"}, 1},
		{watchers.Online, []string{"degraded", "unknown"}, 3},
		{watchers.Online, []string{"unknown", "outage", "degraded"}, 2},
		{watchers.Offline, []string{"unknown", "unknown"}, 3},
		{watchers.Offline, nil, 3},
		{watchers.ConnectivityNA, []string{"maintenance"}, 1},
	} {
		rep := watchers.Report{Connectivity: tc.conn}
		for _, l := range tc.levels {
			rep.Verdicts = append(rep.Verdicts, v(l))
		}
		if got := StatusExitCode(rep); got != tc.want {
			t.Errorf("%s %v: %d want %d", tc.conn, tc.levels, got, tc.want)
		}
	}
}

func TestStatusMaintenanceAnnotation(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "kraken")
	start := time.Now().Add(time.Hour).Truncate(time.Minute)
	srv.Update(func(s *fakex.State) {
		s.Scenario, s.MaintStart, s.MaintEnd = fakex.MaintenanceScheduled, start, start.Add(2*time.Hour)
	})
	cfg := writeConfig(t, "[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+venueBlock(srv, "kraken"))
	code, out, errs := run("status", "--config", cfg)
	if code != 0 {
		t.Fatalf("scheduled maintenance is not a level: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "maintenance: ") || !strings.Contains(out, "starts in") {
		t.Fatalf("no maintenance annotation:\n%s", out)
	}
}
