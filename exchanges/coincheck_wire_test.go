package exchanges_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestCoincheckWire(t *testing.T) {
	srv, e := jpStart(t, "coincheck")
	cases := []struct {
		sc      fakex.Scenario
		pairs   []string
		watched []string
		want    exchanges.Level
	}{
		{fakex.Healthy, nil, nil, exchanges.Operational},
		{fakex.Busy, nil, []string{"btc_jpy"}, exchanges.Restricted},
		{fakex.Busy, nil, []string{"eth_jpy"}, exchanges.Operational},
		{fakex.Halted, nil, nil, exchanges.Outage},
		{fakex.PairHalted, []string{"xrp_jpy"}, []string{"btc_jpy"}, exchanges.Restricted},
		{fakex.PairHalted, []string{"xrp_jpy"}, []string{"xrp_jpy"}, exchanges.Outage},
		{fakex.Restricted, nil, nil, exchanges.Restricted},
		{fakex.MaintenanceScheduled, nil, nil, exchanges.Operational},
		{fakex.MaintenanceActive, nil, nil, exchanges.Outage},
		{fakex.UnknownValue, nil, []string{"btc_jpy"}, exchanges.Unknown},
	}
	for _, c := range cases {
		srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = c.sc, c.pairs })
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints()), Pairs: c.watched})
		if got := jpRun(t, probes, "exchange_status")[0].Level; got != c.want {
			t.Errorf("%s watching %v: %v, want %v", c.sc, c.watched, got, c.want)
		}
	}
}

func TestCoincheckWireFeed(t *testing.T) {
	srv, e := jpStart(t, "coincheck")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	c := jpDial(t, f.URL)
	for _, s := range f.Subscribe {
		c.WriteMessage(websocket.TextMessage, s)
	}
	for i := 0; i < 4; i++ {
		if ev, err := f.Handle(jpRead(t, c)); err != nil || !ev.Alive {
			t.Fatalf("handle: %+v %v", ev, err)
		}
	}
	srv.SetFault(fakex.WSGarbage)
	for i := 0; i < 50; i++ {
		if _, err := f.Handle(jpRead(t, c)); err != nil {
			return
		}
	}
	t.Fatal("garbage never reported")
}
