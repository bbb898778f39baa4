package exchanges_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestBinanceWire(t *testing.T) {
	srv, e := jpStart(t, "binance")
	cases := []struct {
		sc      fakex.Scenario
		pairs   []string
		watched []string
		system  exchanges.Level
		info    exchanges.Level
	}{
		{fakex.Healthy, nil, nil, exchanges.Operational, exchanges.Operational},
		{fakex.Busy, nil, nil, exchanges.Operational, exchanges.Operational},
		{fakex.Halted, nil, nil, exchanges.Operational, exchanges.Outage},
		{fakex.PairHalted, []string{"ETHUSDT"}, []string{"BTCUSDT", "eth_usdt"}, exchanges.Operational, exchanges.Outage},
		{fakex.PairHalted, []string{"ETHUSDT"}, nil, exchanges.Operational, exchanges.Restricted},
		{fakex.Restricted, nil, nil, exchanges.Operational, exchanges.Restricted},
		{fakex.MaintenanceScheduled, nil, nil, exchanges.Operational, exchanges.Operational},
		{fakex.MaintenanceActive, nil, nil, exchanges.Maintenance, exchanges.Operational},
		{fakex.UnknownValue, nil, []string{"BTCUSDT"}, exchanges.Unknown, exchanges.Unknown},
	}
	for _, c := range cases {
		srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = c.sc, c.pairs })
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints()), Pairs: c.watched})
		if got := jpRun(t, probes, "system/status")[0].Level; got != c.system {
			t.Errorf("%s: system/status %v, want %v", c.sc, got, c.system)
		}
		if got := jpRun(t, probes, "exchangeInfo")[0].Level; got != c.info {
			t.Errorf("%s watching %v: exchangeInfo %v, want %v", c.sc, c.watched, got, c.info)
		}
	}
}

func TestBinanceWireFeed(t *testing.T) {
	srv, e := jpStart(t, "binance")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	c := jpDial(t, f.URL)
	c.WriteMessage(websocket.TextMessage, f.Subscribe[0])
	for i := 0; i < 3; i++ {
		if ev, err := f.Handle(jpRead(t, c)); err != nil || !ev.Alive {
			t.Fatalf("handle: %+v %v", ev, err)
		}
	}
	srv.SetScenario(fakex.MaintenanceActive)
	for i := 0; i < 200; i++ {
		ev, err := f.Handle(jpRead(t, c))
		if err != nil {
			t.Fatal(err)
		}
		if ev.Reconnect && ev.Observation != nil && ev.Observation.Level == exchanges.Maintenance {
			return
		}
	}
	t.Fatal("no serverShutdown")
}
