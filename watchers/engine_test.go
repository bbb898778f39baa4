package watchers

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

const iv = 15 * time.Second

// neutral is a connectivity URL that always answers.
func neutral(t *testing.T) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	t.Cleanup(s.Close)
	return s.URL
}

func restCfg(t *testing.T, api *fakeAPI) config.Config {
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: api.srv.URL})
	c.Connectivity.URLs = []string{neutral(t)}
	return c
}

func TestFirstVerdictAndBlip(t *testing.T) {
	api := newAPI(t, "ok")
	// Hold the first answer so "before the first check" is a state the
	// test can see, not a race with the engine's immediate first probe.
	gate := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(gate) }) }
	t.Cleanup(open)
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		<-gate
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"ok"}`)
	})
	h := start(t, restCfg(t, api), nil)
	if v := h.e.Verdicts(); len(v) != 1 || v[0].Level != exchanges.Unknown || v[0].Summary != waitingSummary {
		t.Fatalf("before first check: %+v", v)
	}
	open()
	h.waitChecks(1)
	ev := h.next()
	if ev.Kind != Changed || !ev.First || ev.Verdict.Level != exchanges.Operational || !ev.Time.Equal(t0) || ev.Verdict.Links.Status == "" {
		t.Fatalf("first event %+v", ev)
	}
	api.code(500)
	h.step(iv, 1) // one failure: no alarm
	h.noEvent()
	api.set("ok")
	h.step(3*time.Second, 1) // quick re-check
	h.noEvent()
	if v := h.verdict("test-rest"); v.Level != exchanges.Operational {
		t.Fatalf("blip changed verdict: %+v", v)
	}
	// Back to the normal interval: nothing at the quick delay.
	h.clk.Advance(3 * time.Second)
	select {
	case c := <-h.checks:
		t.Fatalf("unexpected check %s", c)
	default:
	}
	h.step(iv, 1)
}

func TestInferredOutageAndRecovery(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	h.next()
	api.code(503)
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.noEvent()
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Kind != Changed || ev.Verdict.Level != exchanges.Outage || ev.Previous != exchanges.Operational {
		t.Fatalf("want outage, got %+v", ev)
	}
	if !hasReason(ev.Verdict, "API unreachable: HTTP 503") || ev.Verdict.Summary != "API unreachable: HTTP 503" {
		t.Fatalf("reason: %+v", ev.Verdict)
	}
	since := ev.Verdict.Since
	if h.e.Connectivity() != Online {
		t.Fatalf("connectivity %v", h.e.Connectivity())
	}
	// Still failing: normal interval, same verdict, Since kept.
	h.step(iv, 1)
	h.noEvent()
	api.set("ok")
	h.step(iv, 1) // first success: not yet
	h.noEvent()
	h.step(3*time.Second, 1) // second: recovered
	ev = h.next()
	if ev.Verdict.Level != exchanges.Operational || ev.Previous != exchanges.Outage {
		t.Fatalf("want recovery, got %+v", ev)
	}
	if !ev.Verdict.Since.After(since) {
		t.Fatal("Since not reset on level change")
	}
}

func TestAuthoritativeImmediate(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	h.next()
	api.set("halt")
	h.step(iv, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Outage || ev.Verdict.Summary != "Trading halted" || !hasReason(ev.Verdict, "status HALT") {
		t.Fatalf("%+v", ev)
	}
	if !containsAdvice(ev.Verdict.Advice, exchanges.ConsiderColdWallet) {
		t.Fatalf("advice %v", ev.Verdict.Advice)
	}
	api.set("ok") // an authoritative all-clear also applies at once
	h.step(iv, 1)
	if ev := h.next(); ev.Verdict.Level != exchanges.Operational {
		t.Fatalf("%+v", ev)
	}
}

func containsAdvice(as []exchanges.Advice, a exchanges.Advice) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

func TestOfflineIsUnknownNotOutage(t *testing.T) {
	api := newAPI(t, "ok")
	dead, err := fakex.Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: api.srv.URL})
	c.Connectivity.URLs = []string{dead.URL()}
	h := start(t, c, nil)
	h.waitChecks(1)
	h.next()
	api.srv.CloseClientConnections()
	api.srv.Listener.Close() // refused from now on
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Unknown || !hasReason(ev.Verdict, OfflineReason) {
		t.Fatalf("want unknown offline, got %+v", ev)
	}
	if h.e.Connectivity() != Offline {
		t.Fatalf("connectivity %v", h.e.Connectivity())
	}
	h.step(iv, 1)
	h.noEvent()
}

func TestOtherExchangeAnsweringMeansOnline(t *testing.T) {
	good := newAPI(t, "ok")
	bad := newAPI(t, "ok")
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: bad.srv.URL}, config.Exchange{ID: "test-ws", API: good.srv.URL, WS: exchanges.Off})
	c.Connectivity.URLs = []string{"http://127.0.0.1:1/"} // nothing listens there
	h := start(t, c, nil)
	h.waitChecks(2)
	h.next()
	h.next()
	bad.code(502)
	h.step(iv, 2)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.ID != "test-rest" || ev.Verdict.Level != exchanges.Outage {
		t.Fatalf("want outage, got %+v", ev)
	}
}

func TestRateLimitHonoured(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	h.next()
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "40")
		http.Error(w, `{"error":"slow down"}`, http.StatusTooManyRequests)
	})
	h.step(iv, 1)
	ev := h.next()
	if ev.Kind != Updated || ev.Verdict.Level != exchanges.Operational || !hasReason(ev.Verdict, "rate limited, retrying in 40s") {
		t.Fatalf("%+v", ev)
	}
	hits := api.hits.Load()
	h.clk.Advance(39 * time.Second)
	if api.hits.Load() != hits {
		t.Fatal("polled during Retry-After")
	}
	api.set("ok")
	h.step(time.Second, 1)
	if ev := h.next(); ev.Kind != Updated || hasReason(ev.Verdict, "rate limited") {
		t.Fatalf("note not cleared: %+v", ev)
	}
}

func TestSlowBodyIsDegraded(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), func(e *Engine) { e.opt.RequestTimeout = 200 * time.Millisecond })
	h.waitChecks(1)
	h.next()
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.Write([]byte(`{"sta`))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Degraded || ev.Verdict.Summary != "API responding very slowly" {
		t.Fatalf("%+v", ev)
	}
}

func TestHangIsUnreachable(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), func(e *Engine) { e.opt.RequestTimeout = 100 * time.Millisecond })
	h.waitChecks(1)
	h.next()
	api.handle(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Outage || !hasReason(ev.Verdict, "API unreachable: no response within 100ms") {
		t.Fatalf("%+v", ev)
	}
}

func TestMalformedIsUnknownNotOutage(t *testing.T) {
	for name, fn := range map[string]http.HandlerFunc{
		"malformed": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"oops": [1, 2,, }`)) },
		"html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>checking your browser</html>"))
		},
		"truncated": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.Write([]byte(`{"status":"o`))
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		},
		"forbidden": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", 403) },
	} {
		t.Run(name, func(t *testing.T) {
			api := newAPI(t, "ok")
			h := start(t, restCfg(t, api), nil)
			h.waitChecks(1)
			h.next()
			api.handle(fn)
			h.step(iv, 1)
			h.step(3*time.Second, 1)
			h.step(3*time.Second, 1)
			// The only signal is unusable: Unknown, never Outage, never Operational.
			ev := h.next()
			if ev.Verdict.Level != exchanges.Unknown || !hasReason(ev.Verdict, "unusable response: ") {
				t.Fatalf("%+v", ev)
			}
			t.Log(ev.Verdict.Reasons)
		})
	}
}

func TestOversizedBodyLimited(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), func(e *Engine) { e.opt.MaxBody = 1024 })
	h.waitChecks(1)
	h.next()
	api.handle(func(w http.ResponseWriter, r *http.Request) { // chunked: no Content-Length to trust
		chunk := bytes.Repeat([]byte(" "), 512)
		w.Write([]byte(`{"status":"ok"`))
		for i := 0; i < 64; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
		w.Write([]byte(`}`))
	})
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Unknown || !hasReason(ev.Verdict, "unusable response: response too large") {
		t.Fatalf("%+v", ev)
	}
}

func TestGzipAndBomb(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	api := newAPI(t, "ok")
	var sawGzip atomic.Bool
	good := gz([]byte(`{"status":"halt"}`))
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		sawGzip.Store(r.Header.Get("Accept-Encoding") == "gzip" && strings.HasPrefix(r.Header.Get("User-Agent"), "SafeHarbor/"))
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(good)
	})
	h := start(t, restCfg(t, api), func(e *Engine) { e.opt.MaxBody = 4096 })
	h.waitChecks(1)
	if ev := h.next(); ev.Verdict.Level != exchanges.Outage || !sawGzip.Load() {
		t.Fatalf("gzip: %+v %v", ev, sawGzip.Load())
	}
	bomb := gz(append(append([]byte(`{"status":"ok","pad":"`), bytes.Repeat([]byte("a"), 1<<20)...), `"}`...))
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	h.step(iv, 1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Unknown || !hasReason(ev.Verdict, "response too large") {
		t.Fatalf("bomb: %+v", ev)
	}
}

func TestConditional304(t *testing.T) {
	api := newAPI(t, "ok")
	var conditional atomic.Int64
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(`{"status":"busy"}`))
	})
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	if ev := h.next(); ev.Verdict.Level != exchanges.Degraded {
		t.Fatalf("%+v", ev)
	}
	h.step(iv, 1)
	h.step(iv, 1)
	h.noEvent()
	if conditional.Load() != 2 || h.verdict("test-rest").Level != exchanges.Degraded {
		t.Fatalf("304 not reused: %d %+v", conditional.Load(), h.verdict("test-rest"))
	}
}

func TestUnknownValueNeverOperational(t *testing.T) {
	api := newAPI(t, "SUPER_WEIRD")
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	h.step(3*time.Second, 1)
	h.step(3*time.Second, 1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Unknown || !hasReason(ev.Verdict, "SUPER_WEIRD") {
		t.Fatalf("%+v", ev)
	}
}

func TestHostRateLimitShared(t *testing.T) {
	// Two probes of one (non-loopback-exempt, for this test) host are spaced.
	api := newAPI(t, "ok")
	c := cfgFor(iv, config.Exchange{ID: "test-two", API: api.srv.URL})
	h := start(t, c, func(e *Engine) { e.hostGap = time.Second; e.gapLoopback = true })
	h.waitChecks(1)
	select {
	case c := <-h.checks:
		t.Fatalf("second probe of the same host ran at once: %s", c)
	default:
	}
	h.step(time.Second, 1)
}

// A failing probe's re-check takes the first free slot on its host, not a
// place behind a sibling probe's regular check an interval away (which
// delayed inferred outages on bitFlyer, Binance and Gemini by ~15 s per re-check).
func TestHostGapDoesNotQueueRechecks(t *testing.T) {
	api := newAPI(t, "ok")
	var failing atomic.Value // the path that answers 503
	failing.Store("")
	ok := api.fn
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == failing.Load().(string) {
			http.Error(w, "boom", http.StatusServiceUnavailable)
			return
		}
		ok(w, r)
	})
	c := cfgFor(iv, config.Exchange{ID: "test-two", API: api.srv.URL})
	h := start(t, c, func(e *Engine) { e.hostGap = time.Second; e.gapLoopback = true })
	h.waitChecks(1)
	h.step(time.Second, 1) // both probes checked once, a second apart
	h.clk.Advance(iv - time.Second)
	first := strings.Fields(h.recvCheck())[1] // the first probe's regular check
	second := "/status"
	if first == "/status" {
		second = "/status2"
	}
	failing.Store(second) // the other probe fails at its next check
	h.step(time.Second, 1)
	failedAt := h.clk.Now()
	if got, want := h.nextAt(second), failedAt.Add(3*time.Second); !got.Equal(want) {
		t.Fatalf("re-check of %s booked for %s, want %s (the sibling's next check is at %s)",
			second, got.Format(time.TimeOnly), want.Format(time.TimeOnly), h.nextAt(first).Format(time.TimeOnly))
	}
	h.step(3*time.Second, 1)
}

func TestSubscriberSlowNeverBlocksAndKeepsChanged(t *testing.T) {
	api := newAPI(t, "ok")
	h := start(t, restCfg(t, api), nil)
	h.waitChecks(1)
	slow, cancel := h.e.Subscribe() // never read until the end
	h.next()
	for i := 0; i < 50; i++ {
		if i%2 == 0 {
			api.set("halt")
		} else {
			api.set("ok")
		}
		h.step(iv, 1)
		h.next()
	}
	var n int
	for range 50 {
		ev := <-slow
		if ev.Kind != Changed {
			t.Fatalf("event %d kind %v", n, ev.Kind)
		}
		n++
	}
	cancel()
	if _, ok := <-slow; ok {
		t.Fatal("channel not closed by cancel")
	}
}

func TestSubscriberCoalescesUpdated(t *testing.T) {
	s := newSubscriber(t.Logf)
	defer close(s.done)
	v := Verdict{ID: "x"}
	s.mu.Lock() // hold the pump off while queueing
	s.mu.Unlock()
	for i := 0; i < 100; i++ {
		v.Summary = fmt.Sprint(i)
		s.push(Event{Kind: Updated, Verdict: v})
	}
	s.push(Event{Kind: Changed, Verdict: Verdict{ID: "y"}})
	var got []Event
	for ev := range s.ch {
		got = append(got, ev)
		if ev.Verdict.ID == "y" {
			break
		}
	}
	if len(got) > 3 || got[len(got)-2].Verdict.Summary != "99" {
		t.Fatalf("not coalesced: %d events, %+v", len(got), got)
	}
}

func TestApplyKeepsUnaffectedState(t *testing.T) {
	a := newAPI(t, "halt")
	b := newAPI(t, "ok")
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: a.srv.URL})
	c.Connectivity.URLs = []string{neutral(t)}
	h := start(t, c, nil)
	h.waitChecks(1)
	h.next()
	c2 := c
	c2.Exchanges = []config.Exchange{{ID: "test-rest", API: a.srv.URL, Interval: config.Duration{Duration: time.Minute}}, {ID: "test-ws", API: b.srv.URL, WS: exchanges.Off}}
	if err := h.e.Apply(c2); err != nil {
		t.Fatal(err)
	}
	h.waitChecks(1) // only the new exchange checks at once
	if ev := h.next(); ev.Verdict.ID != "test-ws" || !ev.First {
		t.Fatalf("%+v", ev)
	}
	if v := h.verdict("test-rest"); v.Level != exchanges.Outage {
		t.Fatalf("state lost: %+v", v)
	}
	vs := h.e.Verdicts()
	if len(vs) != 2 {
		t.Fatalf("%+v", vs)
	}
	c3 := c2
	c3.Exchanges = c2.Exchanges[1:]
	if err := h.e.Apply(c3); err != nil {
		t.Fatal(err)
	}
	if vs := h.e.Verdicts(); len(vs) != 1 || vs[0].ID != "test-ws" {
		t.Fatalf("%+v", vs)
	}
	if err := h.e.Apply(config.Config{Exchanges: []config.Exchange{{ID: "nope"}}}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("want unknown exchange error, got %v", err)
	}
}

func TestNewValidates(t *testing.T) {
	for _, c := range []config.Exchange{
		{ID: "nope"},
		{ID: "test-rest", API: "http://example.com"},
		{ID: "test-ws", WS: "ws://example.com/x"},
		{ID: "mine", URL: "https://example.com/h"},
	} {
		if _, err := New(cfgFor(0, c), Options{}); err == nil {
			t.Errorf("%+v: want error", c)
		}
	}
	e, err := New(config.Config{}, Options{})
	if err != nil || len(e.Verdicts()) != len(exchanges.All()) {
		t.Fatalf("empty list should watch the catalog: %v", err)
	}
}

func TestCustomEndpoint(t *testing.T) {
	api := newAPI(t, "")
	api.handle(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"health":{"state":"down"}}`)) })
	c := cfgFor(iv, config.Exchange{ID: "mybroker", Name: "My broker", URL: api.srv.URL + "/h?token=s3cret", Path: "health.state", OK: []string{"up"}})
	h := start(t, c, nil)
	h.waitChecks(1)
	ev := h.next()
	if ev.Verdict.Level != exchanges.Outage || ev.Verdict.Name != "My broker" || !hasReason(ev.Verdict, `health.state = "down"`) {
		t.Fatalf("%+v", ev)
	}
	if strings.Contains(fmt.Sprintf("%+v", ev.Verdict), "s3cret") {
		t.Fatal("url token leaked into the verdict")
	}
}

func TestCheckOnce(t *testing.T) {
	good := newAPI(t, "ok")
	flaky := newAPI(t, "ok")
	var n atomic.Int64
	flaky.handle(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			http.Error(w, "x", 500)
			return
		}
		w.Write([]byte(`{"status":"ok"}`))
	})
	down := newAPI(t, "ok")
	down.code(500)
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: good.srv.URL}, config.Exchange{ID: "test-two", API: flaky.srv.URL + "/x"}, config.Exchange{ID: "test-ws", API: down.srv.URL, WS: exchanges.Off})
	rep, err := CheckOnce(context.Background(), c, Options{QuickRecheck: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]exchanges.Level{}
	for _, v := range rep.Verdicts {
		got[v.ID] = v.Level
	}
	if got["test-rest"] != exchanges.Operational || got["test-ws"] != exchanges.Outage || rep.Connectivity != Online {
		t.Fatalf("%+v %v", got, rep.Connectivity)
	}
	// test-two: one probe failed once then recovered on the retry.
	if got["test-two"] != exchanges.Operational {
		t.Fatalf("retry not applied: %+v", rep.Verdicts)
	}
}

func TestOfflineEveryExchangeUnknownNoOutage(t *testing.T) {
	a := newAPI(t, "ok")
	b := newAPI(t, "ok")
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: a.srv.URL}, config.Exchange{ID: "test-ws", API: b.srv.URL, WS: exchanges.Off})
	c.Connectivity.URLs = []string{"http://127.0.0.1:1/"}
	h := start(t, c, nil)
	h.waitChecks(2)
	h.next()
	h.next()
	for _, s := range []*fakeAPI{a, b} { // the network goes away
		s.srv.CloseClientConnections()
		s.srv.Listener.Close()
	}
	h.runFor(time.Minute)
	for _, v := range h.e.Verdicts() {
		if v.Level != exchanges.Unknown || !hasReason(v, OfflineReason) {
			t.Fatalf("%s: %s %+v", v.ID, v.Level, v.Reasons)
		}
	}
	for {
		select {
		case ev := <-h.events:
			if ev.Verdict.Level == exchanges.Outage {
				t.Fatalf("outage raised while offline: %+v", ev)
			}
			continue
		default:
		}
		break
	}
	if h.e.Connectivity() != Offline {
		t.Fatal(h.e.Connectivity())
	}
}

// When the network goes away, a signal that last said "fine" must not
// outvote one that went offline: no false recovery from stale answers.
func TestOfflineNoFalseRecoveryFromStaleSignal(t *testing.T) {
	a := newAPI(t, "ok")
	a.handle(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/status" {
			fmt.Fprint(w, `{"status":"halt"}`)
			return
		}
		fmt.Fprint(w, `{"status":"ok"}`)
	})
	c := cfgFor(iv, config.Exchange{ID: "test-two", API: a.srv.URL})
	c.Connectivity.URLs = []string{"http://127.0.0.1:1/"}
	h := start(t, c, nil)
	h.waitChecks(2)
	if ev := h.next(); ev.Verdict.Level != exchanges.Outage {
		t.Fatalf("first verdict %+v", ev)
	}
	a.srv.CloseClientConnections() // the network goes away
	a.srv.Listener.Close()
	h.runFor(time.Minute)
	v := h.verdict("test-two")
	if v.Level != exchanges.Unknown || !hasReason(v, OfflineReason) || hasReason(v, "status HALT") {
		t.Fatalf("verdict %s %q %+v", v.Level, v.Summary, v.Reasons)
	}
	for {
		select {
		case ev := <-h.events:
			if l := ev.Verdict.Level; l == exchanges.Operational || l == exchanges.Degraded {
				t.Fatalf("false recovery while offline: %+v", ev)
			}
			continue
		default:
		}
		break
	}
}

// A cached "online" from before the failing request began does not count:
// the connection may have gone down in between.
func TestStaleOnlineCacheIgnored(t *testing.T) {
	a := newAPI(t, "ok")
	c := cfgFor(iv, config.Exchange{ID: "test-rest", API: a.srv.URL})
	c.Connectivity.URLs = []string{"http://127.0.0.1:1/"}
	h := start(t, c, nil)
	h.waitChecks(1)
	h.next()
	h.e.mu.Lock()
	h.e.conn.state, h.e.conn.checkedAt = Online, h.clk.Now() // an old check said online
	h.e.mu.Unlock()
	h.clk.Advance(time.Second)
	if h.e.online(context.Background(), h.e.watchers[0].sigs[0], h.clk.Now()) {
		t.Fatal("a cached online result older than the attempt was trusted")
	}
}
