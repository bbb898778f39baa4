package watchers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
)

func init() {
	// A 1/s heartbeat feed for the stall benchmark: three missed beats is a stall.
	exchanges.Register(&exchanges.Exchange{ID: "test-hb", Name: "Test heartbeat", Defaults: exchanges.Endpoints{WS: "wss://test.invalid/hb"},
		Feed: func(t exchanges.Target) *exchanges.Feed {
			return &exchanges.Feed{URL: t.Endpoints.WS, StallAfter: 3 * time.Second,
				Handle: func(m []byte) (exchanges.FeedEvent, error) { return exchanges.FeedEvent{Alive: true}, nil }}
		}})
}

// runReal runs an engine on the wall clock (benchmarks only).
func runReal(b *testing.B, cfg config.Config, opt Options) (*Engine, <-chan Event) {
	b.Helper()
	e, err := New(cfg, opt)
	if err != nil {
		b.Fatal(err)
	}
	ev, cancelSub := e.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	b.Cleanup(func() { cancel(); <-done; cancelSub() })
	return e, ev
}

func waitLevel(ev <-chan Event, l exchanges.Level) time.Time {
	for e := range ev {
		if e.Kind == Changed && e.Verdict.Level == l {
			return time.Now()
		}
	}
	return time.Time{}
}

func reportLatency(b *testing.B, lat []time.Duration, floor time.Duration) {
	var sum, worst time.Duration
	for _, l := range lat {
		sum += l
		worst = max(worst, l)
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(sum/time.Duration(len(lat))), "mean-ms")
	b.ReportMetric(ms(worst), "max-ms")
	b.ReportMetric(ms(worst-floor), "max-over-floor-ms")
	b.ReportMetric(0, "ns/op")
}

// (a) An authoritative halt: detected within one interval (+1 s target).
func BenchmarkDetectAuthoritative(b *testing.B) {
	const interval = time.Second
	api := newAPI(b, "ok")
	c := cfgFor(interval, config.Exchange{ID: "test-rest", API: api.srv.URL})
	_, ev := runReal(b, c, Options{})
	waitLevel(ev, exchanges.Operational)
	var lat []time.Duration
	for b.Loop() {
		api.set("halt")
		t := time.Now()
		lat = append(lat, waitLevel(ev, exchanges.Outage).Sub(t))
		api.set("ok")
		waitLevel(ev, exchanges.Operational)
	}
	reportLatency(b, lat, interval+interval/10)
}

// (b) An inferred REST outage (HTTP 500): one interval, then two quick re-checks.
func BenchmarkDetectInferred(b *testing.B) {
	const interval, quick = time.Second, 200 * time.Millisecond
	api := newAPI(b, "ok")
	n := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	b.Cleanup(n.Close)
	c := cfgFor(interval, config.Exchange{ID: "test-rest", API: api.srv.URL})
	c.Connectivity.URLs = []string{n.URL}
	_, ev := runReal(b, c, Options{QuickRecheck: quick})
	waitLevel(ev, exchanges.Operational)
	var lat []time.Duration
	for b.Loop() {
		api.code(500)
		t := time.Now()
		lat = append(lat, waitLevel(ev, exchanges.Outage).Sub(t))
		api.set("ok")
		waitLevel(ev, exchanges.Operational)
	}
	reportLatency(b, lat, interval+interval/10+2*quick)
}

// (c) A stall of a 1/s heartbeat websocket (StallAfter 3 s).
func BenchmarkDetectWSStall(b *testing.B) {
	var silent atomic.Bool
	up := websocket.Upgrader{}
	stop := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		go func() { // drain: control frames and close
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
			}
		}()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if silent.Load() {
					continue
				}
				if c.WriteMessage(websocket.TextMessage, []byte("hb")) != nil {
					return
				}
			}
		}
	}))
	b.Cleanup(func() { close(stop); s.CloseClientConnections(); s.Close() })
	c := cfgFor(time.Second, config.Exchange{ID: "test-hb", WS: "ws" + s.URL[len("http"):]})
	e, ev := runReal(b, c, Options{})
	e.mu.Lock()
	e.wsBackoffMin = 100 * time.Millisecond
	e.mu.Unlock()
	waitLevel(ev, exchanges.Operational)
	var lat []time.Duration
	for b.Loop() {
		silent.Store(true)
		t := time.Now()
		lat = append(lat, waitLevel(ev, exchanges.Degraded).Sub(t))
		silent.Store(false)
		waitLevel(ev, exchanges.Operational)
	}
	reportLatency(b, lat, 3*time.Second)
}

// (d) Scale: n user-defined endpoints on one loopback server. Rounds are
// driven by a fake clock so the benchmark measures work, not waiting:
// CPU per check (process user+sys, the loopback server included) and
// memory per endpoint (heap and stacks).
func BenchmarkScaleCustomEndpoints(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(`{"status":{"indicator":"none"}}`))
			}))
			defer srv.Close()
			var list []config.Exchange
			for i := range n {
				list = append(list, config.Exchange{ID: fmt.Sprintf("ep%d", i), URL: fmt.Sprintf("%s/health/%d", srv.URL, i), Path: "status.indicator", OK: []string{"none"}})
			}
			cfg := cfgFor(time.Minute, list...)
			tr := http.DefaultTransport.(*http.Transport).Clone()
			tr.MaxConnsPerHost, tr.MaxIdleConnsPerHost = 64, 64
			runtime.GC()
			var m0 runtime.MemStats
			runtime.ReadMemStats(&m0)
			clk := clock.NewFake(t0)
			e, err := New(cfg, Options{Clock: clk, HTTPClient: &http.Client{Transport: tr}})
			if err != nil {
				b.Fatal(err)
			}
			checks := make(chan struct{}, n)
			e.onCheck = func(string, string) { checks <- struct{}{} }
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { e.Run(ctx); close(done) }()
			defer func() { cancel(); <-done; tr.CloseIdleConnections() }()
			for range n {
				<-checks
			}
			runtime.GC()
			var m1 runtime.MemStats
			runtime.ReadMemStats(&m1)
			perEP := float64((m1.HeapAlloc+m1.StackInuse)-(m0.HeapAlloc+m0.StackInuse)) / float64(n)

			cpu0 := cpuTime()
			b.ResetTimer()
			rounds := 0
			for b.Loop() {
				clk.Advance(time.Minute + time.Minute/10) // every probe is due
				for range n {
					<-checks
				}
				rounds++
			}
			b.StopTimer()
			total := float64(rounds * n)
			b.ReportMetric(float64(cpuTime()-cpu0)/total, "cpu-ns/check")
			b.ReportMetric(float64(b.Elapsed())/total, "wall-ns/check")
			b.ReportMetric(perEP, "B/endpoint")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
