package exchanges_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestBitflyerWire(t *testing.T) {
	srv, e := jpStart(t, "bitflyer")
	cases := []struct {
		sc      fakex.Scenario
		pairs   []string
		watched []string
		health  exchanges.Level
		board   exchanges.Level
	}{
		{fakex.Healthy, nil, nil, exchanges.Operational, exchanges.Operational},
		{fakex.Busy, nil, nil, exchanges.Degraded, exchanges.Degraded},
		{fakex.Halted, nil, nil, exchanges.Outage, exchanges.Outage},
		{fakex.PairHalted, []string{"BTC_JPY"}, []string{"BTC_JPY"}, exchanges.Outage, exchanges.Outage},
		{fakex.PairHalted, []string{"ETH_JPY"}, []string{"BTC_JPY"}, exchanges.Operational, exchanges.Operational},
		{fakex.Restricted, nil, nil, exchanges.Restricted, exchanges.Restricted},
		{fakex.MaintenanceScheduled, nil, nil, exchanges.Operational, exchanges.Operational},
		{fakex.MaintenanceActive, nil, nil, exchanges.Outage, exchanges.Outage},
		{fakex.UnknownValue, nil, nil, exchanges.Unknown, exchanges.Unknown},
	}
	for _, c := range cases {
		srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = c.sc, c.pairs })
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints()), Pairs: c.watched})
		if got := jpRun(t, probes, "gethealth")[0].Level; got != c.health {
			t.Errorf("%s: gethealth %v, want %v", c.sc, got, c.health)
		}
		if got := jpRun(t, probes, "getboardstate")[0].Level; got != c.board {
			t.Errorf("%s: getboardstate %v, want %v", c.sc, got, c.board)
		}
	}
}

func TestBitflyerWireFeed(t *testing.T) {
	srv, e := jpStart(t, "bitflyer")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	c := jpDial(t, f.URL)
	pinged := make(chan struct{}, 1)
	c.SetPingHandler(func(s string) error {
		select {
		case pinged <- struct{}{}:
		default:
		}
		return c.WriteControl(websocket.PongMessage, []byte(s), jpDeadline())
	})
	for _, s := range f.Subscribe {
		c.WriteMessage(websocket.TextMessage, s)
	}
	want := exchanges.Operational
	var sawResult, sawRestricted bool
	for i := 0; i < 300; i++ {
		ev, err := f.Handle(jpRead(t, c))
		if err != nil || !ev.Alive {
			t.Fatalf("handle: %+v %v", ev, err)
		}
		if ev.Observation == nil {
			sawResult = true
			continue
		}
		if ev.Observation.Level != want {
			continue
		}
		if want == exchanges.Restricted {
			sawRestricted = true
			break
		}
		srv.SetScenario(fakex.Restricted) // pushed on the next ticker
		want = exchanges.Restricted
	}
	if !sawResult || !sawRestricted {
		t.Fatalf("result %v restricted %v", sawResult, sawRestricted)
	}
	select {
	case <-pinged:
	default:
		// Pings come every 5 ticks; by now many ticks have passed.
		for i := 0; i < 20; i++ {
			jpRead(t, c)
			select {
			case <-pinged:
				return
			default:
			}
		}
		t.Fatal("server never pinged")
	}
}
