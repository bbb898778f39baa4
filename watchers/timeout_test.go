package watchers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
)

// `safeharbor status --timeout D` with a request timeout shorter than the
// one second CheckOnce allows each try at least: the request gives up at
// its own (shorter) limit, and the reason must say so, not "within 1s".
// With the engine's own client the limit was its response-header timeout
// while the reason named the lengthened request timeout; with a client
// that has no limit of its own the request waited the lengthened 1s.
func TestCheckOnceStatesTheTimeoutThatApplied(t *testing.T) {
	plain := newHTTPClient(0) // no response-header timeout
	defer plain.CloseIdleConnections()
	for name, client := range map[string]*http.Client{"own client": nil, "caller's client": plain} {
		t.Run(name, func(t *testing.T) {
			srv, _ := fakex.StartVenue("bitbank")
			defer srv.Close()
			srv.SetFault(fakex.Hang)
			ep := srv.Endpoints()
			cfg := cfgFor(iv, config.Exchange{ID: "bitbank", API: ep.API, Public: ep.Public, StatusPage: ep.StatusPage, WS: exchanges.Off})
			cfg.Connectivity.URLs = []string{neutral(t)}
			clk := clock.NewFake(t0)
			// The retry waits QuickRecheck on the fake clock; the time limit
			// left after it is below every per-try budget, so CheckOnce
			// shortens the request timeout as far as it goes.
			opt := Options{Clock: clk, HTTPClient: client, RequestTimeout: 100 * time.Millisecond, QuickRecheck: time.Hour}
			e, err := New(cfg, opt)
			if err != nil {
				t.Fatal(err)
			}
			probes := len(e.watchers[0].probes)

			ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a guard, never reached
			defer cancel()
			type result struct {
				rep Report
				err error
			}
			done := make(chan result, 1)
			go func() {
				rep, err := CheckOnce(ctx, cfg, opt)
				done <- result{rep, err}
			}()
			clk.BlockUntil(probes) // every probe timed out once and waits to retry
			clk.Advance(time.Hour)
			r := <-done
			if r.err != nil {
				t.Fatal(r.err)
			}
			v := r.rep.Verdicts[0]
			if v.Level != exchanges.Outage || !hasReason(v, "API unreachable: no response within 100ms") {
				t.Fatalf("%s %q %+v", v.Level, v.Summary, v.Reasons)
			}
			for _, rs := range v.Reasons {
				if strings.Contains(rs.Detail, "within 1s") {
					t.Fatalf("reason states a limit that did not apply: %+v", v.Reasons)
				}
			}
		})
	}
}

// A request that the HTTP client gives up on before the request timeout
// names the client's limit.
func TestTimeoutReasonNamesTheLimitThatApplied(t *testing.T) {
	srv, _ := fakex.StartVenue("bitbank")
	defer srv.Close()
	srv.SetFault(fakex.Hang)
	headers := newHTTPClient(100 * time.Millisecond)
	overall := newHTTPClient(time.Hour)
	overall.Timeout = 100 * time.Millisecond
	for name, tc := range map[string]struct {
		client  *http.Client
		request time.Duration
	}{
		"request timeout":         {newHTTPClient(time.Hour), 100 * time.Millisecond},
		"response header timeout": {headers, time.Hour},
		"client timeout":          {overall, time.Hour},
	} {
		t.Run(name, func(t *testing.T) {
			e, err := New(cfgFor(iv), Options{Clock: clock.NewFake(t0), HTTPClient: tc.client, RequestTimeout: tc.request})
			if err != nil {
				t.Fatal(err)
			}
			out := e.check(context.Background(), exchanges.Probe{Name: "status", URL: srv.URL() + "/status"}, &probeMemo{})
			if out.class != unreachable || out.detail != "no response within 100ms" {
				t.Fatalf("class %d, detail %q", out.class, out.detail)
			}
		})
	}
}

// The same for a websocket whose handshake never gets an answer: the
// dialer's handshake timeout, not the longer request timeout.
func TestFeedDialTimeoutNamesTheLimitThatApplied(t *testing.T) {
	api := newAPI(t, "")
	api.handle(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	e, err := New(cfgFor(iv), Options{Clock: clock.NewFake(t0), RequestTimeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	e.opt.Dialer.HandshakeTimeout = 100 * time.Millisecond
	res := e.session(context.Background(), nil, &exchanges.Feed{URL: wsURL(api.srv)}, nil, nil)
	if res.reason != endDial || res.detail != "no response within 100ms" {
		t.Fatalf("%+v", res)
	}
}
