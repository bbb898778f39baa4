package exchanges_test

import (
	"testing"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestGeminiWire(t *testing.T) {
	srv := adpwStart(t, "gemini")
	srv.Update(func(s *fakex.State) { s.Pairs = []string{"ETHUSD"} })
	e, _ := exchanges.Lookup("gemini")
	tg := adpwTarget(srv, "BTCUSD", "ethusd")
	btc := adpwProbe(t, e, tg, "symbols/details/BTCUSD")
	eth := adpwProbe(t, e, tg, "symbols/details/ETHUSD")
	page := adpwProbe(t, e, tg, "summary.json")
	want := map[fakex.Scenario][3]exchanges.Level{ // BTCUSD, ethusd, status page
		fakex.Healthy:              {exchanges.Operational, exchanges.Operational, exchanges.Operational},
		fakex.Busy:                 {exchanges.Operational, exchanges.Operational, exchanges.Degraded},
		fakex.Halted:               {exchanges.Outage, exchanges.Outage, exchanges.Outage},
		fakex.PairHalted:           {exchanges.Operational, exchanges.Outage, exchanges.Restricted},
		fakex.Restricted:           {exchanges.Restricted, exchanges.Restricted, exchanges.Restricted},
		fakex.MaintenanceScheduled: {exchanges.Operational, exchanges.Operational, exchanges.Operational},
		fakex.MaintenanceActive:    {exchanges.Maintenance, exchanges.Maintenance, exchanges.Maintenance},
		fakex.UnknownValue:         {exchanges.Unknown, exchanges.Operational, exchanges.Unknown},
	}
	for _, sc := range adpwScenarios {
		srv.SetScenario(sc)
		for i, p := range []exchanges.Probe{btc, eth, page} {
			obs, err := adpwRun(t, p)
			if err != nil {
				t.Fatalf("%s %s: %v", sc, p.Name, err)
			}
			if obs.Level != want[sc][i] {
				t.Errorf("%s %s: %v, want %v (%s)", sc, p.Name, obs.Level, want[sc][i], obs.Summary)
			}
		}
	}
	if _, err := adpwRun(t, adpwProbe(t, e, adpwTarget(srv, "NOPE"), "symbols/details/NOPE")); err == nil {
		t.Error("invalid symbol parsed")
	}

	srv.SetScenario(fakex.Healthy)
	adpwFaults(t, srv, btc, eth, page)
	f := e.Feed(tg)
	ws := adpwDial(t, f)
	for i := 0; i < 3; i++ {
		adpwUntil(t, ws, f, "market data", adpwAlive)
	}
}
