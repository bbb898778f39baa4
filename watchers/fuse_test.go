package watchers

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
)

var testEx = &exchanges.Exchange{ID: "x", Name: "X", Links: exchanges.Links{Status: "https://status.x"}, Domains: []string{"x.com"}}

func known(key string, o exchanges.Observation) *signal {
	return &signal{key: key, source: exchanges.SourceREST, known: true, obs: o}
}

func TestFuseWorstIgnoringUnknown(t *testing.T) {
	win := exchanges.MaintenanceWindow{Title: "Upgrade", Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)}
	a := known("a", exchanges.Observation{Level: exchanges.Restricted, Authoritative: true, Summary: "1 of 3 pairs halted (xrp_jpy)",
		Reasons: []exchanges.Reason{{Source: "rest", Detail: "xrp_jpy HALT"}}, Advice: []exchanges.Advice{exchanges.PauseTrading},
		Pairs:       []exchanges.PairStatus{{Pair: "xrp_jpy", Level: exchanges.Outage, Raw: "HALT"}, {Pair: "btc_jpy", Level: exchanges.Operational, Raw: "NORMAL"}},
		Maintenance: []exchanges.MaintenanceWindow{win}})
	b := known("b", exchanges.Observation{Level: exchanges.Operational, Authoritative: true, Summary: "All Systems Operational",
		Maintenance: []exchanges.MaintenanceWindow{win}, Incidents: []exchanges.Incident{{ID: "i1", Title: "Slow deposits"}}})
	c := known("c", inferred(exchanges.Unknown, "websocket", "unusable response: junk"))
	d := &signal{key: "d"} // not known yet
	v := fuse(testEx, []*signal{a, b, c, d})
	if v.Level != exchanges.Restricted || v.Summary != "1 of 3 pairs halted (xrp_jpy)" {
		t.Fatalf("%+v", v)
	}
	if len(v.Maintenance) != 1 || len(v.Incidents) != 1 || len(v.Pairs) != 1 || v.Pairs[0].Pair != "xrp_jpy" {
		t.Fatalf("merge: %+v", v)
	}
	if !hasReason(v, "xrp_jpy HALT") || !hasReason(v, "unusable response: junk") {
		t.Fatalf("reasons: %+v", v.Reasons)
	}
	want := []exchanges.Advice{exchanges.PauseTrading, exchanges.NoMarketOrders, exchanges.CheckOfficialSources}
	if !slices.Equal(v.Advice, want) {
		t.Fatalf("advice %v", v.Advice)
	}
	if v.Links.Status == "" || len(v.Domains) != 1 || v.Name != "X" {
		t.Fatalf("catalog fields: %+v", v)
	}
}

func TestFuseOnlyUnknownAndNothing(t *testing.T) {
	v := fuse(testEx, []*signal{known("a", offlineObs())})
	if v.Level != exchanges.Unknown || !hasReason(v, OfflineReason) {
		t.Fatalf("%+v", v)
	}
	v = fuse(testEx, nil)
	if v.Level != exchanges.Unknown || v.Summary != waitingSummary || v.Reasons == nil || v.Advice == nil || v.Maintenance == nil {
		t.Fatalf("%+v", v)
	}
}

func TestFuseStalledFeedAloneIsDegraded(t *testing.T) {
	rest := known("rest", exchanges.Observation{Level: exchanges.Operational, Authoritative: true, Summary: "OK"})
	ws := known("ws", inferred(exchanges.Degraded, exchanges.SourceWebsocket, "real-time feed stalled"))
	v := fuse(testEx, []*signal{rest, ws})
	if v.Level != exchanges.Degraded || v.Summary != "Real-time feed stalled" || !slices.Contains(v.Advice, exchanges.NoMarketOrders) {
		t.Fatalf("%+v", v)
	}
}

func TestSignalThresholds(t *testing.T) {
	s := &signal{}
	ok := exchanges.Observation{Level: exchanges.Operational}
	down := inferred(exchanges.Outage, "reachability", "API unreachable: x")
	s.succeed(ok, 3, 2, t0)
	for i := 0; i < 2; i++ {
		s.fail(down, 3, t0)
		if s.obs.Level != exchanges.Operational {
			t.Fatalf("alarm after %d failures", i+1)
		}
	}
	s.fail(down, 3, t0)
	if s.obs.Level != exchanges.Outage || !s.inferredFail {
		t.Fatal("no alarm after 3")
	}
	s.succeed(ok, 3, 2, t0)
	if s.obs.Level != exchanges.Outage {
		t.Fatal("recovered after one success")
	}
	s.fail(down, 3, t0) // a failure restarts the recovery count
	s.succeed(ok, 3, 2, t0)
	if s.obs.Level != exchanges.Outage {
		t.Fatal("recovered on a broken streak")
	}
	s.succeed(ok, 3, 2, t0)
	if s.obs.Level != exchanges.Operational {
		t.Fatal("not recovered after 2")
	}
	// An authoritative trouble state beats the thresholds both ways.
	s.succeed(exchanges.Observation{Level: exchanges.Maintenance, Authoritative: true}, 3, 2, t0)
	if s.obs.Level != exchanges.Maintenance {
		t.Fatal("authoritative not immediate")
	}
}

func TestRetryAfter(t *testing.T) {
	mk := func(code int, v string) *http.Response {
		return &http.Response{StatusCode: code, Header: http.Header{"Retry-After": {v}}}
	}
	for _, c := range []struct {
		code int
		v    string
		d    time.Duration
		ok   bool
	}{
		{429, "7", 7 * time.Second, true},
		{429, "", 30 * time.Second, true},
		{418, "0", time.Second, true},
		{429, "999999", maxRetryAfter, true},
		{503, "", 0, false},
		{503, "5", 5 * time.Second, true},
		{429, t0.Add(20 * time.Second).Format(http.TimeFormat), 20 * time.Second, true},
		{500, "5", 0, false},
	} {
		d, ok := retryAfter(mk(c.code, c.v), t0)
		if d != c.d || ok != c.ok {
			t.Errorf("%d %q: got %v %v", c.code, c.v, d, ok)
		}
	}
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"1", "", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", "1.5"} {
		f.Add(429, s)
	}
	f.Fuzz(func(t *testing.T, code int, v string) {
		d, ok := retryAfter(&http.Response{StatusCode: code, Header: http.Header{"Retry-After": {v}}}, t0)
		if ok && (d < time.Second || d > maxRetryAfter) {
			t.Fatalf("out of range: %v", d)
		}
	})
}

// FuzzReadBody: any bytes, gzip or not, never more than max and never a panic.
func FuzzReadBody(f *testing.F) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(bytes.Repeat([]byte("a"), 5000))
	w.Close()
	f.Add([]byte(`{"status":"ok"}`), false)
	f.Add(gz.Bytes(), true)
	f.Add(gz.Bytes()[:10], true)
	f.Add([]byte{}, true)
	f.Fuzz(func(t *testing.T, body []byte, gzipped bool) {
		h := http.Header{}
		if gzipped {
			h.Set("Content-Encoding", "gzip")
		}
		resp := &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: -1}
		b, err := readBody(resp, 1024)
		if len(b) > 1024 {
			t.Fatalf("read %d > limit", len(b))
		}
		if err == nil {
			why(exchanges.ErrNotStatus, b, h)
		}
	})
}

func TestWhy(t *testing.T) {
	if w := why(exchanges.ErrNotStatus, []byte("  <html>"), http.Header{}); w != "HTML instead of JSON" {
		t.Fatal(w)
	}
	if w := why(exchanges.ErrNotStatus, nil, http.Header{}); w != "empty body" {
		t.Fatal(w)
	}
	long := strings.Repeat("x", 500)
	if w := why(&wrapErr{long}, []byte("{}"), http.Header{}); len(w) > 130 {
		t.Fatalf("not shortened: %d", len(w))
	}
}

type wrapErr struct{ s string }

func (w *wrapErr) Error() string { return w.s }

func TestSIOFrame(t *testing.T) {
	subs := [][]byte{[]byte(`["join-room","ticker_btc_jpy"]`)}
	st, err := sioFrame([]byte(`0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`), subs)
	if err != nil || st.window != 45*time.Second || len(st.send) != 2 || string(st.send[0]) != "40" || string(st.send[1]) != `42["join-room","ticker_btc_jpy"]` {
		t.Fatalf("open: %+v %v", st, err)
	}
	if st, _ := sioFrame([]byte("2"), subs); !st.alive || string(st.send[0]) != "3" {
		t.Fatalf("ping: %+v", st)
	}
	if st, _ := sioFrame([]byte(`42["message",{}]`), subs); string(st.payload) != `["message",{}]` {
		t.Fatalf("event: %+v", st)
	}
	if st, _ := sioFrame([]byte(`44{"message":"nope"}`), subs); st.end == "" {
		t.Fatalf("connect error: %+v", st)
	}
	if _, err := sioFrame([]byte("0{}"), subs); err == nil {
		t.Fatal("bad open accepted")
	}
}

func FuzzSIOFrame(f *testing.F) {
	for _, s := range []string{`0{"sid":"a","pingInterval":1,"pingTimeout":1}`, "2", "3", "40", "41", `42["a",1]`, "44", "1", "", "\x00\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := sioFrame(b, [][]byte{[]byte(`["x"]`)})
		if err == nil && st.window != 0 && st.window < time.Second {
			t.Fatalf("window %v", st.window)
		}
	})
}

func TestFuseStatedUnknownOutranksOperational(t *testing.T) {
	weird := exchanges.UnknownValue(exchanges.SourceREST, "status", "new_mode")
	var s signal
	for range 3 {
		s.succeed(weird, 3, 2, t0)
	}
	if !s.known || s.cause != causeStated {
		t.Fatalf("unrecognised value not in effect after the threshold: %+v", s)
	}
	ok := known("page", exchanges.Observation{Level: exchanges.Operational, Authoritative: true, Summary: "All Systems Operational"})
	v := fuse(testEx, []*signal{ok, &s})
	if v.Level != exchanges.Unknown || !hasReason(v, `unrecognised status "new_mode"`) {
		t.Fatalf("want unknown naming the raw value, got %v %q %+v", v.Level, v.Summary, v.Reasons)
	}
	// A worse known level still wins; an unusable response never outranks.
	maint := known("page", exchanges.Observation{Level: exchanges.Maintenance, Authoritative: true, Summary: "Under maintenance"})
	if v := fuse(testEx, []*signal{maint, &s}); v.Level != exchanges.Maintenance {
		t.Fatalf("maintenance lost to unknown: %v", v.Level)
	}
	junk := known("rest", inferred(exchanges.Unknown, exchanges.SourceREST, "unusable response: junk"))
	if v := fuse(testEx, []*signal{ok, junk}); v.Level != exchanges.Operational {
		t.Fatalf("unusable response outranked operational: %v", v.Level)
	}
}

// Unreachable is an outage only when the exchange answers nowhere.
func TestFusePartlyReachable(t *testing.T) {
	down := func(key, source string) *signal {
		s := &signal{key: key, source: source}
		for range 3 {
			s.failWith(inferred(exchanges.Outage, exchanges.SourceReachability, "API unreachable: connection refused"), 3, t0, causeUnreachable)
		}
		return s
	}
	fine := known("api", exchanges.Observation{Level: exchanges.Operational, Authoritative: true, Summary: "All pairs trading normally"})
	v := fuse(testEx, []*signal{fine, down("public", exchanges.SourceREST)})
	if v.Level != exchanges.Degraded || !strings.Contains(v.Summary, "Part of the API unreachable") {
		t.Fatalf("one of two endpoints down: %v %q", v.Level, v.Summary)
	}
	if v := fuse(testEx, []*signal{down("api", exchanges.SourceREST), down("public", exchanges.SourceREST)}); v.Level != exchanges.Outage {
		t.Fatalf("all endpoints down: %v", v.Level)
	}
	// A status page alone answering does not make an unreachable API reachable.
	page := known("summary.json", exchanges.Observation{Level: exchanges.Operational, Authoritative: true})
	page.source = exchanges.SourceStatusPage
	if v := fuse(testEx, []*signal{page, down("api", exchanges.SourceREST)}); v.Level != exchanges.Outage {
		t.Fatalf("API down, status page fine: %v", v.Level)
	}
}
