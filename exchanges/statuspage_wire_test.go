package exchanges_test

import (
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

// Helpers for the wire tests of the coinbase, kraken, gemini, bitstamp, okx
// and bybit adapters (prefixed adpw to stay clear of sibling tests).

var adpwScenarios = []fakex.Scenario{fakex.Healthy, fakex.Busy, fakex.Halted, fakex.PairHalted, fakex.Restricted,
	fakex.MaintenanceScheduled, fakex.MaintenanceActive, fakex.UnknownValue}

// adpwStart starts a venue's fake with a fast heartbeat and a maintenance window.
func adpwStart(t *testing.T, id string) *fakex.Server {
	t.Helper()
	srv, ok := fakex.StartVenue(id)
	if !ok {
		t.Fatalf("no fake venue %q", id)
	}
	srv.HeartbeatEvery = 20 * time.Millisecond
	start := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
	srv.Update(func(s *fakex.State) { s.MaintStart, s.MaintEnd = start, start.Add(time.Hour) })
	t.Cleanup(srv.Close)
	return srv
}

// adpwTarget points an adapter at the fake.
func adpwTarget(srv *fakex.Server, pairs ...string) exchanges.Target {
	return exchanges.Target{Endpoints: srv.Endpoints(), Pairs: pairs}
}

var adpwClient = &http.Client{Timeout: 5 * time.Second}

// adpwRun fetches a probe over loopback and parses the answer.
func adpwRun(t *testing.T, p exchanges.Probe) (exchanges.Observation, error) {
	t.Helper()
	resp, err := adpwClient.Get(p.URL)
	if err != nil {
		t.Fatalf("GET %s: %v", p.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		t.Fatalf("read %s: %v", p.URL, err)
	}
	return p.Parse(exchanges.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body})
}

// adpwProbe finds a target's probe by name.
func adpwProbe(t *testing.T, e *exchanges.Exchange, tg exchanges.Target, name string) exchanges.Probe {
	t.Helper()
	for _, p := range e.Probes(tg) {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("%s has no probe %q", e.ID, name)
	return exchanges.Probe{}
}

// adpwDial connects to a raw-frame feed and sends its subscriptions.
func adpwDial(t *testing.T, f *exchanges.Feed) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	ws, _, err := d.Dial(f.URL, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", f.URL, err)
	}
	t.Cleanup(func() { ws.Close() })
	for _, s := range f.Subscribe {
		if err := ws.WriteMessage(websocket.TextMessage, s); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// adpwUntil reads messages through the feed's handler until pred holds;
// it sends a handler's Reply back, and fails after a bounded number of
// messages or a read deadline.
func adpwUntil(t *testing.T, ws *websocket.Conn, f *exchanges.Feed, what string, pred func(exchanges.FeedEvent) bool) exchanges.FeedEvent {
	t.Helper()
	for i := 0; i < 500; i++ {
		ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, msg, err := ws.ReadMessage()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		ev, err := f.Handle(msg)
		if err != nil {
			t.Fatalf("waiting for %s: handler error %v on %q", what, err, msg)
		}
		if ev.Reply != nil {
			ws.WriteMessage(websocket.TextMessage, ev.Reply)
		}
		if pred(ev) {
			return ev
		}
	}
	t.Fatalf("no %s within 500 messages", what)
	return exchanges.FeedEvent{}
}

func adpwObsLevel(l exchanges.Level) func(exchanges.FeedEvent) bool {
	return func(ev exchanges.FeedEvent) bool { return ev.Observation != nil && ev.Observation.Level == l }
}

func adpwAlive(ev exchanges.FeedEvent) bool { return ev.Alive }

func adpwDeadline() time.Time { return time.Now().Add(5 * time.Second) }

// adpwFaults checks that transport faults never parse as a status: each
// is an error wrapping ErrNotStatus (the engine then counts a failure).
func adpwFaults(t *testing.T, srv *fakex.Server, probes ...exchanges.Probe) {
	t.Helper()
	defer srv.SetFault(fakex.NoFault)
	for _, f := range []fakex.Fault{fakex.Malformed, fakex.HTMLError, fakex.HTTP500, fakex.HTTP503, fakex.RateLimit} {
		srv.SetFault(f)
		for _, p := range probes {
			obs, err := adpwRun(t, p)
			if !errors.Is(err, exchanges.ErrNotStatus) {
				t.Errorf("%s under %s: %v %v", p.Name, f, obs.Level, err)
			}
		}
	}
}
