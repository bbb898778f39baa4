package watchers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
)

// Test exchanges: "test-rest" has one REST probe, "test-ws" a REST probe
// and a websocket feed, "test-two" two probes on one host.
func init() {
	parse := func(r exchanges.Response) (exchanges.Observation, error) {
		var doc struct {
			Status *string `json:"status"`
		}
		if err := json.Unmarshal(r.Body, &doc); err != nil || doc.Status == nil {
			return exchanges.Observation{}, fmt.Errorf("%w: no status field", exchanges.ErrNotStatus)
		}
		switch *doc.Status {
		case "ok":
			return exchanges.Observation{Level: exchanges.Operational, Authoritative: true, Summary: "All good"}, nil
		case "halt":
			return exchanges.Observation{Level: exchanges.Outage, Authoritative: true, Summary: "Trading halted",
				Reasons: []exchanges.Reason{{Source: exchanges.SourceREST, Detail: "status HALT"}}, Advice: exchanges.AdviceFor(exchanges.Outage)}, nil
		case "busy":
			return exchanges.Observation{Level: exchanges.Degraded, Authoritative: true, Summary: "Busy",
				Reasons: []exchanges.Reason{{Source: exchanges.SourceREST, Detail: "status BUSY"}}}, nil
		}
		return exchanges.UnknownValue(exchanges.SourceREST, "status", *doc.Status), nil
	}
	probes := func(paths ...string) func(exchanges.Target) []exchanges.Probe {
		return func(t exchanges.Target) []exchanges.Probe {
			if !exchanges.Enabled(t.Endpoints.API) {
				return nil
			}
			var ps []exchanges.Probe
			for _, p := range paths {
				ps = append(ps, exchanges.Probe{Name: p, Source: exchanges.SourceREST, URL: exchanges.Join(t.Endpoints.API, p), Parse: parse})
			}
			return ps
		}
	}
	exchanges.Register(&exchanges.Exchange{ID: "test-rest", Name: "Test REST", Defaults: exchanges.Endpoints{API: "https://test.invalid"},
		Links: exchanges.Links{Status: "https://status.test.invalid"}, Probes: probes("/status")})
	exchanges.Register(&exchanges.Exchange{ID: "test-two", Name: "Test two", Defaults: exchanges.Endpoints{API: "https://test.invalid"}, Probes: probes("/status", "/status2")})
	exchanges.Register(&exchanges.Exchange{ID: "test-ws", Name: "Test WS", Defaults: exchanges.Endpoints{API: "https://test.invalid", WS: "wss://test.invalid/ws"},
		Probes: probes("/status"),
		Feed: func(t exchanges.Target) *exchanges.Feed {
			return &exchanges.Feed{URL: t.Endpoints.WS, Subscribe: [][]byte{[]byte(`{"sub":"ticker"}`)}, StallAfter: 5 * time.Second,
				Handle: func(m []byte) (exchanges.FeedEvent, error) {
					switch string(m) {
					case "hb":
						return exchanges.FeedEvent{Alive: true}, nil
					case "reconnect":
						return exchanges.FeedEvent{Reconnect: true}, nil
					case "ping":
						return exchanges.FeedEvent{Alive: true, Reply: []byte("pong")}, nil
					case "halt":
						o := exchanges.Observation{Level: exchanges.Outage, Authoritative: true, Summary: "Pushed halt"}
						return exchanges.FeedEvent{Observation: &o}, nil
					}
					return exchanges.FeedEvent{}, errors.New("garbage")
				}}
		}})
}

var t0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// fakeAPI is an httptest server whose answer the test switches.
type fakeAPI struct {
	srv  *httptest.Server
	mu   sync.Mutex
	fn   http.HandlerFunc
	hits atomic.Int64
}

func newAPI(t testing.TB, body string) *fakeAPI {
	a := &fakeAPI{}
	a.set(body)
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.hits.Add(1)
		a.mu.Lock()
		fn := a.fn
		a.mu.Unlock()
		fn(w, r)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

// set answers 200 with a JSON status body.
func (a *fakeAPI) set(status string) {
	a.handle(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":%q}`, status)
	})
}

func (a *fakeAPI) handle(fn http.HandlerFunc) {
	a.mu.Lock()
	a.fn = fn
	a.mu.Unlock()
}

func (a *fakeAPI) code(code int) {
	a.handle(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", code) })
}

// harness runs an engine on a fake clock and lets the test step it.
type harness struct {
	t      testing.TB
	clk    *clock.Fake
	e      *Engine
	events <-chan Event
	checks chan string
	feeds  chan string
	stop   func()
}

func start(t testing.TB, cfg config.Config, tune func(*Engine)) *harness {
	t.Helper()
	h := &harness{t: t, clk: clock.NewFake(t0), checks: make(chan string, 10000), feeds: make(chan string, 10000)}
	e, err := New(cfg, Options{Clock: h.clk, QuickRecheck: 3 * time.Second, RequestTimeout: 2 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	e.jitter = func(d time.Duration) time.Duration { return d }
	e.onCheck = func(id, key string) { h.checks <- id + " " + key }
	e.onFeed = func(id, what string) { h.feeds <- id + " " + what }
	if tune != nil {
		tune(e)
	}
	h.e = e
	var cancelSub func()
	h.events, cancelSub = e.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			cancelSub()
		})
	}
	t.Cleanup(h.stop)
	return h
}

// hangGuard bounds every wait on the engine: a guard against a hung test,
// never a timing assertion (the engine runs on the fake clock).
const hangGuard = 60 * time.Second

// waitChecks waits for n completed probe checks.
func (h *harness) waitChecks(n int) {
	h.t.Helper()
	guard := time.After(hangGuard)
	for i := range n {
		select {
		case <-h.checks:
		case <-guard:
			h.t.Fatalf("waited for %d probe checks, %d came (fake clock at %s)\n%s", n, i, h.clk.Now().Format(time.TimeOnly), h.pending())
		}
	}
}

// recvCheck returns the next completed check ("id key").
func (h *harness) recvCheck() string {
	h.t.Helper()
	select {
	case c := <-h.checks:
		return c
	case <-time.After(hangGuard):
		h.t.Fatalf("no probe check came (fake clock at %s)\n%s", h.clk.Now().Format(time.TimeOnly), h.pending())
	}
	return ""
}

// nextAt is when the probe named key checks next.
func (h *harness) nextAt(key string) time.Time {
	h.e.mu.Lock()
	defer h.e.mu.Unlock()
	for _, w := range h.e.watchers {
		for _, s := range w.sigs[:len(w.probes)] {
			if s.key == key {
				return s.nextAt
			}
		}
	}
	h.t.Fatalf("no probe %q", key)
	return time.Time{}
}

// pending describes every probe's next check, for hang reports.
func (h *harness) pending() string {
	h.e.mu.Lock()
	defer h.e.mu.Unlock()
	var b strings.Builder
	for _, w := range h.e.watchers {
		for _, s := range w.sigs[:len(w.probes)] {
			fmt.Fprintf(&b, "  %s %s next at %s fails=%d\n", w.ex.ID, s.key, s.nextAt.Format(time.TimeOnly), s.fails)
		}
	}
	return b.String()
}

// step advances the clock by d and waits for n checks.
func (h *harness) step(d time.Duration, n int) {
	h.t.Helper()
	h.clk.Advance(d)
	h.waitChecks(n)
}

func (h *harness) waitFeed(what string) {
	h.t.Helper()
	guard := time.After(hangGuard)
	for {
		select {
		case s := <-h.feeds:
			if strings.HasSuffix(s, " "+what) {
				return
			}
		case <-guard:
			h.t.Fatalf("no %q from the feed", what)
		}
	}
}

// next returns the next event.
func (h *harness) next() Event {
	h.t.Helper()
	select {
	case ev := <-h.events:
		return ev
	case <-time.After(hangGuard):
		h.t.Fatalf("no event came (fake clock at %s)\n%s", h.clk.Now().Format(time.TimeOnly), h.pending())
	}
	return Event{}
}

// noEvent asserts nothing is queued. Events are emitted before the check
// hook runs, and the pump hands them over in order, so after waitChecks a
// due event is already in flight: give the pump a chance with Gosched-free
// polling of the queue itself.
func (h *harness) noEvent() {
	h.t.Helper()
	for s := range h.e.subsSnapshot() {
		s.mu.Lock()
		n := len(s.q)
		s.mu.Unlock()
		if n > 0 {
			h.t.Fatalf("unexpected queued event: %+v", s.q[0])
		}
	}
	select {
	case ev := <-h.events:
		h.t.Fatalf("unexpected event: %v %s %q", ev.Kind, ev.Verdict.Level, ev.Verdict.Summary)
	default:
	}
}

func (e *Engine) subsSnapshot() map[*subscriber]struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := map[*subscriber]struct{}{}
	for s := range e.subs {
		m[s] = struct{}{}
	}
	return m
}

func (h *harness) verdict(id string) Verdict {
	h.t.Helper()
	for _, v := range h.e.Verdicts() {
		if v.ID == id {
			return v
		}
	}
	h.t.Fatalf("no verdict for %s", id)
	return Verdict{}
}

func hasReason(v Verdict, sub string) bool {
	for _, r := range v.Reasons {
		if strings.Contains(r.Detail, sub) {
			return true
		}
	}
	return false
}

func cfgFor(interval time.Duration, ex ...config.Exchange) config.Config {
	return config.Config{Interval: config.Duration{Duration: interval}, Exchanges: ex}
}

// wsServer is a loopback websocket server; serve runs per connection.
func wsServer(t testing.TB, serve func(c *websocket.Conn)) *httptest.Server {
	up := websocket.Upgrader{}
	var (
		mu     sync.Mutex
		closed bool
		wg     sync.WaitGroup // hijacked connections: httptest does not wait for them
	)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if closed {
			mu.Unlock()
			return
		}
		wg.Add(1)
		mu.Unlock()
		defer wg.Done()
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		serve(c)
	}))
	t.Cleanup(func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		s.CloseClientConnections()
		s.Close()
		wg.Wait()
	})
	return s
}

func wsURL(s *httptest.Server) string { return "ws" + strings.TrimPrefix(s.URL, "http") }

// waitGoroutines waits (bounded, without sleeping for sync) until the
// goroutine count drops to at most n.
func waitGoroutines(t testing.TB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: %d > %d\n%s", runtime.NumGoroutine(), n, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		<-time.After(time.Millisecond) // a poll of a counter, not synchronisation
	}
}
