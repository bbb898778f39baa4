package exchanges_test

import (
	"errors"
	"testing"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestBitstampWire(t *testing.T) {
	srv := adpwStart(t, "bitstamp")
	srv.Update(func(s *fakex.State) { s.Pairs = []string{"xrpusd"} })
	e, _ := exchanges.Lookup("bitstamp")
	tg := adpwTarget(srv)
	rest := adpwProbe(t, e, tg, "trading-pairs-info")
	want := map[fakex.Scenario]exchanges.Level{
		fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Operational, fakex.Halted: exchanges.Outage,
		fakex.PairHalted: exchanges.Restricted, fakex.Restricted: exchanges.Restricted, fakex.MaintenanceScheduled: exchanges.Operational,
		fakex.UnknownValue: exchanges.Unknown,
	}
	for _, sc := range adpwScenarios {
		srv.SetScenario(sc)
		obs, err := adpwRun(t, rest)
		if sc == fakex.MaintenanceActive {
			// An HTML maintenance page is no status document; the status page tells.
			if !errors.Is(err, exchanges.ErrNotStatus) {
				t.Errorf("maintenance page: %v %v", obs.Level, err)
			}
			if obs, err := adpwRun(t, adpwProbe(t, e, tg, "summary.json")); err != nil || obs.Level != exchanges.Maintenance {
				t.Errorf("status page in maintenance: %v %v", obs.Level, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", sc, err)
		}
		if obs.Level != want[sc] {
			t.Errorf("%s: %v, want %v (%s)", sc, obs.Level, want[sc], obs.Summary)
		}
	}
	srv.SetScenario(fakex.PairHalted)
	if obs, _ := adpwRun(t, adpwProbe(t, e, adpwTarget(srv, "xrpusd"), "trading-pairs-info")); obs.Level != exchanges.Outage {
		t.Errorf("watched pair halted: %v", obs.Level)
	}

	srv.SetScenario(fakex.Healthy)
	adpwFaults(t, srv, rest, adpwProbe(t, e, tg, "summary.json"))
	f := e.Feed(tg)
	ws := adpwDial(t, f)
	adpwUntil(t, ws, f, "order book data", adpwAlive)
	srv.SetScenario(fakex.MaintenanceActive)
	adpwUntil(t, ws, f, "bts:request_reconnect", func(ev exchanges.FeedEvent) bool { return ev.Reconnect })

	srv.SetScenario(fakex.Healthy)
	srv.SetFault(fakex.WSGarbage)
	for i := 0; ; i++ { // messages already in flight are fine; garbage must follow
		ws.SetReadDeadline(adpwDeadline())
		_, msg, err := ws.ReadMessage()
		if err != nil || i == 100 {
			t.Fatalf("no garbage rejected: %v", err)
		}
		if _, err := f.Handle(msg); err != nil {
			break
		}
	}
}
