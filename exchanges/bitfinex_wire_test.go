package exchanges_test

import (
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestBitfinexWire(t *testing.T) {
	srv, e := jpStart(t, "bitfinex")
	for sc, want := range map[fakex.Scenario]exchanges.Level{
		fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Operational, fakex.Restricted: exchanges.Operational,
		fakex.Halted: exchanges.Maintenance, fakex.MaintenanceActive: exchanges.Maintenance, fakex.UnknownValue: exchanges.Unknown,
	} {
		srv.SetScenario(sc)
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
		if got := jpRun(t, probes, "platform/status")[0].Level; got != want {
			t.Errorf("%s: platform/status %v, want %v", sc, got, want)
		}
		// The shared Statuspage fake and parser answer on the same server.
		jpRun(t, probes, "summary.json")
	}
	srv.SetScenario(fakex.MaintenanceActive)
	probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	if got := jpRun(t, probes, "summary.json")[0].Level; got != exchanges.Maintenance {
		t.Errorf("summary.json in maintenance: %v", got)
	}
}

func TestBitfinexWireFeed(t *testing.T) {
	srv, e := jpStart(t, "bitfinex")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	c := jpDial(t, f.URL)
	ev, err := f.Handle(jpRead(t, c))
	if err != nil || ev.Observation == nil || ev.Observation.Level != exchanges.Operational {
		t.Fatalf("info: %+v %v", ev, err)
	}
	c.WriteMessage(websocket.TextMessage, f.Subscribe[0])
	c.WriteMessage(websocket.TextMessage, f.Ping)
	var pong, data bool
	for i := 0; i < 100 && !(pong && data); i++ {
		m := jpRead(t, c)
		ev, err := f.Handle(m)
		if err != nil || !ev.Alive {
			t.Fatalf("%s: %+v %v", m, ev, err)
		}
		pong = pong || strings.Contains(string(m), `"event":"pong"`)
		data = data || m[0] == '['
	}
	if !pong || !data {
		t.Fatalf("pong %v data %v", pong, data)
	}
	srv.SetScenario(fakex.MaintenanceActive)
	seen := map[exchanges.Level]bool{}
	for i := 0; i < 200; i++ {
		ev, err := f.Handle(jpRead(t, c))
		if err != nil {
			t.Fatal(err)
		}
		if ev.Observation == nil {
			continue
		}
		seen[ev.Observation.Level] = true
		if ev.Observation.Level == exchanges.Maintenance {
			srv.SetScenario(fakex.Healthy)
		}
		if ev.Observation.Level == exchanges.Operational && ev.Reconnect {
			return // 20061
		}
	}
	t.Fatalf("no 20060/20061 pair: %v", seen)
}
