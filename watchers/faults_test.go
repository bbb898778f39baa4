package watchers

import (
	"strings"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

// runFor drives the fake clock d forward, stopping at every probe's due
// time and waiting for the checks that came due.
func (h *harness) runFor(d time.Duration) {
	h.t.Helper()
	end := h.clk.Now().Add(d)
	for {
		h.e.mu.Lock()
		var next time.Time
		for _, w := range h.e.watchers {
			for _, s := range w.sigs[:len(w.probes)] {
				if next.IsZero() || s.nextAt.Before(next) {
					next = s.nextAt
				}
			}
		}
		due := 0
		for _, w := range h.e.watchers {
			for _, s := range w.sigs[:len(w.probes)] {
				if !s.nextAt.After(next) {
					due++
				}
			}
		}
		h.e.mu.Unlock()
		if next.IsZero() || next.After(end) {
			h.clk.Set(end)
			return
		}
		h.clk.Set(next)
		h.waitChecks(due)
	}
}

// waitFeedFor waits for a feed hook, failing (not hanging) if it never comes.
func (h *harness) waitFeedFor(what string, limit time.Duration) {
	h.t.Helper()
	deadline := time.After(limit) // a guard against hanging, not a timing assertion
	for {
		select {
		case s := <-h.feeds:
			if strings.HasSuffix(s, " "+what) {
				return
			}
		case <-deadline:
			h.t.Fatalf("no %q from the feed", what)
		}
	}
}

// advanceUntil waits for a feed hook, calling move whenever nothing has
// happened for a moment. The outcome does not depend on the timing; only
// how long it takes does.
func (h *harness) advanceUntil(what string, move func()) {
	h.t.Helper()
	guard := time.After(30 * time.Second)
	for {
		select {
		case s := <-h.feeds:
			if strings.HasSuffix(s, " "+what) {
				return
			}
		case <-time.After(100 * time.Millisecond):
			move()
		case <-guard:
			h.t.Fatalf("no %q from the feed", what)
		}
	}
}

type faultWant struct {
	level  exchanges.Level
	reason string // substring of some reason
	ws     bool   // a websocket fault: REST stays healthy
}

var faultTable = map[fakex.Fault]faultWant{
	fakex.HTTP500:   {exchanges.Outage, "API unreachable: HTTP 500", false},
	fakex.HTTP503:   {exchanges.Outage, "API unreachable: HTTP 503", false},
	fakex.Refused:   {exchanges.Outage, "API unreachable: ", false},
	fakex.Hang:      {exchanges.Outage, "API unreachable: no response within", false},
	fakex.RateLimit: {exchanges.Operational, "rate limited, retrying in 2s", false},
	fakex.SlowBody:  {exchanges.Degraded, "API responding very slowly", false},
	fakex.Malformed: {exchanges.Unknown, "unusable response: ", false},
	fakex.Truncated: {exchanges.Unknown, "unusable response: ", false},
	fakex.HugeBody:  {exchanges.Unknown, "unusable response: response too large", false},
	fakex.HTMLError: {exchanges.Unknown, "unusable response: ", false},
	fakex.WSStall:   {exchanges.Degraded, "real-time feed stalled", true},
	fakex.WSDrop:    {exchanges.Operational, "", true},
	fakex.WSGarbage: {exchanges.Operational, "unreadable messages", true},
}

// TestFaultSuite: every fake venue × every fault: no panic, no false
// outage, the right level and reason.
func TestFaultSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("fault suite is long")
	}
	for _, f := range fakex.AllFaults {
		if _, ok := faultTable[f]; !ok {
			t.Errorf("fault %q has no expectation in the table", f)
		}
	}
	for _, id := range fakex.VenueIDs() {
		if _, ok := exchanges.Lookup(id); !ok {
			continue
		}
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			for _, f := range fakex.AllFaults {
				t.Run(string(f), func(t *testing.T) { runFault(t, id, f, faultTable[f]) })
			}
		})
	}
}

func runFault(t *testing.T, id string, f fakex.Fault, want faultWant) {
	srv, _ := fakex.StartVenue(id)
	defer srv.Close()
	srv.HeartbeatEvery = 20 * time.Millisecond
	ep := srv.Endpoints()
	c := config.Exchange{ID: id, API: ep.API, Public: ep.Public, StatusPage: ep.StatusPage, WS: ep.WS}
	if !want.ws || c.WS == "" {
		if want.ws {
			t.Skip("venue has no websocket")
		}
		c.WS = exchanges.Off
	}
	cfg := cfgFor(iv, c)
	cfg.Connectivity.URLs = []string{neutral(t)}
	h := start(t, cfg, func(e *Engine) { e.opt.RequestTimeout = 300 * time.Millisecond })
	defer h.stop()
	h.e.mu.Lock()
	w := h.e.watchers[0]
	nprobes := len(w.probes)
	var stall time.Duration
	if w.feed != nil {
		stall = w.feed.StallAfter
	}
	h.e.mu.Unlock()
	h.waitChecks(nprobes)
	if want.ws {
		h.waitFeedFor("alive", 10*time.Second)
	}
	if v := h.verdict(id); v.Level != exchanges.Operational {
		t.Fatalf("healthy venue not operational: %s %q %+v", v.Level, v.Summary, v.Reasons)
	}

	srv.SetFault(f)
	switch f {
	case fakex.WSStall:
		// A heartbeat already in flight when the fault began may land after
		// the clock moved on; keep moving it until the watchdog bites.
		h.runFor(stall + time.Second)
		h.advanceUntil("ended", func() { h.runFor(stall) })
	case fakex.WSDrop:
		h.waitFeedFor("ended", 10*time.Second)
		h.clk.Advance(time.Second) // the reconnect backoff
		h.waitFeedFor("connected", 10*time.Second)
		h.waitFeedFor("alive", 10*time.Second)
	case fakex.WSGarbage:
		// Quiet streams (Bybit) only answer our pings: move the clock on
		// whenever nothing arrives so the pings, and their garbled pongs, go.
		step := w.feed.PingEvery
		if step <= 0 || step >= stall {
			step = time.Second
		}
		h.advanceUntil("ended", func() { h.clk.Advance(step) })
	default:
		h.runFor(time.Minute)
	}
	v := h.verdict(id)
	if v.Level != want.level {
		t.Errorf("level %s, want %s (%q %+v)", v.Level, want.level, v.Summary, v.Reasons)
	}
	if want.reason != "" && !hasReason(v, want.reason) {
		t.Errorf("no reason %q in %+v", want.reason, v.Reasons)
	}
	if f == fakex.WSDrop && hasReason(v, "stalled") {
		t.Errorf("a drop reported as a stall: %+v", v.Reasons)
	}
}
