package cli

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/watchers"
)

func TestNotifyTest(t *testing.T) {
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		if r.URL.Path == "/broken" {
			w.WriteHeader(404)
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	oldSecret, oldClient := resolveSecret, notifyClient
	resolveSecret = func(name string) (string, error) {
		if name == "notify/hook" {
			return "hook-token-123", nil
		}
		return "", errors.New("not found")
	}
	notifyClient = func() *http.Client { return srv.Client() }
	defer func() { resolveSecret, notifyClient = oldSecret, oldClient }()

	cfgFile := filepath.Join(t.TempDir(), "config.toml")
	cfg := `language = "en"
[[notify]]
name = "hook"
kind = "webhook"
url = "` + srv.URL + `/hook"
token = "keyring:notify/hook"

[[notify]]
name = "broken"
kind = "webhook"
url = "` + srv.URL + `/broken"
`
	if err := os.WriteFile(cfgFile, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runHist(t, "notify", "test", "hook", "--config", cfgFile)
	if code != ExitOK || !strings.Contains(out, "hook: test message delivered") || auth.Load() != "Bearer hook-token-123" {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	code, out, errs = runHist(t, "notify", "test", "--config", cfgFile)
	if code != ExitFailure || !strings.Contains(out, "hook: test message delivered") || !strings.Contains(errs, "broken: FAILED") || !strings.Contains(errs, "404") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	if strings.Contains(out+errs, "hook-token-123") {
		t.Fatal("secret in output")
	}
	if code, _, errs := runHist(t, "notify", "test", "nope", "--config", cfgFile); code != ExitFailure || !strings.Contains(errs, "no channel named") {
		t.Fatalf("%d %q", code, errs)
	}
	for _, args := range [][]string{{"notify"}, {"notify", "send"}, {"notify", "test", "a", "b", "--config", cfgFile}, {"notify", "test", "--bogus"}} {
		if code, _, _ := runHist(t, args...); code != ExitUsage {
			t.Errorf("%v: %d", args, code)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.toml")
	os.WriteFile(empty, []byte("language = \"en\"\n"), 0o600)
	if code, _, errs := runHist(t, "notify", "test", "--config", empty); code != ExitConfig || !strings.Contains(errs, "no [[notify]]") {
		t.Fatalf("%d %q", code, errs)
	}
}

func TestDeliveryHookRecordsAndDelivers(t *testing.T) {
	got := make(chan string, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Path
	}))
	defer srv.Close()
	oldClient := notifyClient
	notifyClient = func() *http.Client { return srv.Client() }
	defer func() { notifyClient = oldClient }()
	cfg := config.Default()
	cfg.Alerts.GroupWindow = config.D(0) // deliver at once: this test runs on the wall clock
	cfg.Notify = []config.Notify{{Kind: "webhook", URL: srv.URL + "/hook"}}
	path := filepath.Join(t.TempDir(), "history.db")
	events := make(chan watchers.Event)
	var errb strings.Builder
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { defer close(done); DeliveryHook(path, &errb)(ctx, cfg, events) }()
	now := time.Now()
	events <- watchers.Event{Kind: watchers.Changed, Time: now, First: true, Verdict: watchers.Verdict{ID: "bitbank", Level: exchanges.Outage}}
	if p := <-got; p != "/hook" {
		t.Fatal(p)
	}
	cancel()
	close(events)
	<-done
	s, err := history.Open(path, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes, _ := s.Changes("bitbank", time.Time{})
	if len(changes) != 1 || errb.Len() != 0 {
		t.Fatalf("%+v %q", changes, errb.String())
	}
}
