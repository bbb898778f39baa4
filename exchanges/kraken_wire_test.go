package exchanges_test

import (
	"testing"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestKrakenWire(t *testing.T) {
	srv := adpwStart(t, "kraken")
	e, _ := exchanges.Lookup("kraken")
	tg := adpwTarget(srv)
	rest := adpwProbe(t, e, tg, "SystemStatus")
	page := adpwProbe(t, e, tg, "summary.json")
	want := map[fakex.Scenario][2]exchanges.Level{ // REST, status page
		fakex.Healthy:              {exchanges.Operational, exchanges.Operational},
		fakex.Busy:                 {exchanges.Degraded, exchanges.Degraded},
		fakex.Halted:               {exchanges.Maintenance, exchanges.Outage},
		fakex.PairHalted:           {exchanges.Operational, exchanges.Restricted},
		fakex.Restricted:           {exchanges.Restricted, exchanges.Restricted},
		fakex.MaintenanceScheduled: {exchanges.Operational, exchanges.Operational},
		fakex.MaintenanceActive:    {exchanges.Maintenance, exchanges.Maintenance},
		fakex.UnknownValue:         {exchanges.Unknown, exchanges.Unknown},
	}
	for _, sc := range adpwScenarios {
		srv.SetScenario(sc)
		for i, p := range []exchanges.Probe{rest, page} {
			obs, err := adpwRun(t, p)
			if err != nil {
				t.Fatalf("%s %s: %v", sc, p.Name, err)
			}
			if obs.Level != want[sc][i] {
				t.Errorf("%s %s: %v, want %v (%s)", sc, p.Name, obs.Level, want[sc][i], obs.Summary)
			}
			if sc == fakex.MaintenanceScheduled && len(obs.Maintenance) != 1 {
				t.Errorf("%s %s: windows %+v", sc, p.Name, obs.Maintenance)
			}
		}
	}
	srv.SetScenario(fakex.Healthy)
	adpwFaults(t, srv, rest, page)
	srv.SetFault(fakex.HTMLError)
	if _, err := adpwRun(t, rest); err == nil {
		t.Error("HTML error page parsed")
	}
	srv.SetFault(fakex.NoFault)

	f := e.Feed(tg)
	ws := adpwDial(t, f)
	adpwUntil(t, ws, f, "status online", adpwObsLevel(exchanges.Operational))
	adpwUntil(t, ws, f, "heartbeat", func(ev exchanges.FeedEvent) bool { return ev.Alive && ev.Observation == nil })
	srv.SetScenario(fakex.Restricted)
	adpwUntil(t, ws, f, "status cancel_only", adpwObsLevel(exchanges.Restricted))
	srv.SetScenario(fakex.MaintenanceActive)
	adpwUntil(t, ws, f, "status maintenance", adpwObsLevel(exchanges.Maintenance))
}
