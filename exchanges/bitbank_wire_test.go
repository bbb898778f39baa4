package exchanges_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
	"safeharbor/internal/socketio"
)

// jpStart starts the fake venue for id with a fast heartbeat.
func jpStart(t *testing.T, id string) (*fakex.Server, *exchanges.Exchange) {
	t.Helper()
	srv, ok := fakex.StartVenue(id)
	if !ok {
		t.Fatalf("no fake for %s", id)
	}
	srv.HeartbeatEvery = 20 * time.Millisecond
	t.Cleanup(srv.Close)
	e, ok := exchanges.Lookup(id)
	if !ok {
		t.Fatalf("%s not registered", id)
	}
	return srv, e
}

// jpFetch GETs url over loopback and returns what the engine would hand a parser.
func jpFetch(t *testing.T, url string) exchanges.Response {
	t.Helper()
	cl := &http.Client{Timeout: 10 * time.Second}
	res, err := cl.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return exchanges.Response{StatusCode: res.StatusCode, Header: res.Header, Body: b}
}

// jpRun fetches and parses every probe whose name starts with prefix and
// returns the observations.
func jpRun(t *testing.T, probes []exchanges.Probe, prefix string) []exchanges.Observation {
	t.Helper()
	var out []exchanges.Observation
	for _, p := range probes {
		if !strings.HasPrefix(p.Name, prefix) {
			continue
		}
		obs, err := p.Parse(jpFetch(t, p.URL))
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		out = append(out, obs)
	}
	if len(out) == 0 {
		t.Fatalf("no probe named %q", prefix)
	}
	return out
}

// jpDial opens a websocket to url; reads are bounded by the returned deadline helper.
func jpDial(t *testing.T, url string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	c, _, err := d.Dial(url, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// jpDeadline bounds one websocket operation.
func jpDeadline() time.Time { return time.Now().Add(5 * time.Second) }

func jpRead(t *testing.T, c *websocket.Conn) []byte {
	t.Helper()
	c.SetReadDeadline(jpDeadline())
	_, m, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return m
}

func TestBitbankWire(t *testing.T) {
	srv, e := jpStart(t, "bitbank")
	cases := []struct {
		sc      fakex.Scenario
		pairs   []string
		watched []string
		status  exchanges.Level
		circuit exchanges.Level
	}{
		{fakex.Healthy, nil, []string{"btc_jpy"}, exchanges.Operational, exchanges.Operational},
		{fakex.Busy, nil, []string{"btc_jpy"}, exchanges.Degraded, exchanges.Operational},
		{fakex.Halted, nil, []string{"btc_jpy"}, exchanges.Outage, exchanges.Operational},
		{fakex.PairHalted, []string{"xrp_jpy"}, []string{"btc_jpy"}, exchanges.Restricted, exchanges.Operational},
		{fakex.PairHalted, []string{"xrp_jpy"}, []string{"xrp_jpy"}, exchanges.Outage, exchanges.Operational},
		{fakex.Restricted, []string{"btc_jpy"}, []string{"btc_jpy"}, exchanges.Operational, exchanges.Restricted},
		{fakex.MaintenanceScheduled, nil, []string{"btc_jpy"}, exchanges.Operational, exchanges.Operational},
		{fakex.MaintenanceActive, nil, []string{"btc_jpy"}, exchanges.Maintenance, exchanges.Maintenance},
		{fakex.UnknownValue, nil, []string{"btc_jpy"}, exchanges.Unknown, exchanges.Unknown},
	}
	for _, c := range cases {
		srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = c.sc, c.pairs })
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints()), Pairs: c.watched})
		if got := jpRun(t, probes, "spot/status")[0].Level; got != c.status {
			t.Errorf("%s watching %v: spot/status %v, want %v", c.sc, c.watched, got, c.status)
		}
		if got := jpRun(t, probes, "circuit_break_info")[0].Level; got != c.circuit {
			t.Errorf("%s: circuit_break_info %v, want %v", c.sc, got, c.circuit)
		}
	}
	// Transport faults never parse as a status.
	srv.SetScenario(fakex.Healthy)
	for _, f := range []fakex.Fault{fakex.HTTP500, fakex.HTMLError, fakex.Malformed, fakex.RateLimit} {
		srv.SetFault(f)
		p := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})[0]
		if _, err := p.Parse(jpFetch(t, p.URL)); err == nil {
			t.Errorf("fault %s parsed as a status", f)
		}
	}
	srv.SetFault(fakex.NoFault)
}

func TestBitbankWireFeed(t *testing.T) {
	srv, e := jpStart(t, "bitbank")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints()), Pairs: []string{"btc_jpy"}})
	c := jpDial(t, f.URL)
	p, err := socketio.Decode(jpRead(t, c))
	if err != nil || p.EIO != socketio.Open {
		t.Fatalf("open packet: %+v %v", p, err)
	}
	if _, err := socketio.DecodeHandshake(p.Data); err != nil {
		t.Fatal(err)
	}
	c.WriteMessage(websocket.TextMessage, socketio.ConnectFrame)
	for _, s := range f.Subscribe {
		c.WriteMessage(websocket.TextMessage, socketio.EncodeEvent(s))
	}
	var connected, pinged bool
	rooms := map[string]bool{}
	circuit := exchanges.Unknown
	for i := 0; i < 300 && !(connected && pinged && rooms["ticker_btc_jpy"] && rooms["depth_whole_btc_jpy"] && circuit == exchanges.Restricted); i++ {
		p, err := socketio.Decode(jpRead(t, c))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case p.EIO == socketio.Ping:
			pinged = true
			c.WriteMessage(websocket.TextMessage, socketio.PongFrame)
		case p.EIO == socketio.Message && p.SIO == socketio.Connect:
			connected = true
		case p.EIO == socketio.Message && p.SIO == socketio.Event:
			ev, err := f.Handle(p.Data)
			if err != nil || !ev.Alive {
				t.Fatalf("handle %s: %+v %v", p.Data, ev, err)
			}
			if ev.Observation != nil {
				// First the current mode on join, then the pushed change.
				circuit = ev.Observation.Level
				if circuit == exchanges.Operational {
					srv.SetScenario(fakex.Restricted)
				}
			}
			for _, r := range []string{"ticker_btc_jpy", "depth_whole_btc_jpy"} {
				if strings.Contains(string(p.Data), `"`+r+`"`) {
					rooms[r] = true
				}
			}
		}
	}
	if !connected || !pinged || len(rooms) != 2 || circuit != exchanges.Restricted {
		t.Fatalf("connected %v pinged %v rooms %v circuit %v", connected, pinged, rooms, circuit)
	}
}
