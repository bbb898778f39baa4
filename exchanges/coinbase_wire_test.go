package exchanges_test

import (
	"testing"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestCoinbaseWire(t *testing.T) {
	srv := adpwStart(t, "coinbase")
	srv.Update(func(s *fakex.State) { s.Pairs = []string{"SOL-USD"} })
	e, _ := exchanges.Lookup("coinbase")
	for _, pairs := range [][]string{nil, {"SOL-USD"}} {
		tg := adpwTarget(srv, pairs...)
		rest := adpwProbe(t, e, tg, "products")
		pairHalted := exchanges.Restricted // an unwatched product halted: named, "1 of 8 pairs halted"
		if pairs != nil {
			pairHalted = exchanges.Outage
		}
		want := map[fakex.Scenario]exchanges.Level{
			fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Operational, fakex.Halted: exchanges.Outage,
			fakex.PairHalted: pairHalted, fakex.Restricted: exchanges.Restricted, fakex.MaintenanceScheduled: exchanges.Operational,
			fakex.MaintenanceActive: exchanges.Restricted, fakex.UnknownValue: exchanges.Unknown,
		}
		if pairs != nil {
			want[fakex.UnknownValue] = exchanges.Operational // BTC-USD is not watched
		}
		for _, sc := range adpwScenarios {
			srv.SetScenario(sc)
			obs, err := adpwRun(t, rest)
			if err != nil {
				t.Fatalf("%s: %v", sc, err)
			}
			if obs.Level != want[sc] {
				t.Errorf("pairs %v %s: %v, want %v (%s)", pairs, sc, obs.Level, want[sc], obs.Summary)
			}
		}
	}
	srv.SetScenario(fakex.MaintenanceActive)
	if obs, err := adpwRun(t, adpwProbe(t, e, adpwTarget(srv), "summary.json")); err != nil || obs.Level != exchanges.Maintenance {
		t.Errorf("status page in maintenance: %v %v", obs.Level, err)
	}

	srv.SetScenario(fakex.Healthy)
	adpwFaults(t, srv, adpwProbe(t, e, adpwTarget(srv), "products"), adpwProbe(t, e, adpwTarget(srv), "summary.json"))
	f := e.Feed(adpwTarget(srv))
	ws := adpwDial(t, f)
	adpwUntil(t, ws, f, "status online", adpwObsLevel(exchanges.Operational))
	adpwUntil(t, ws, f, "heartbeat", func(ev exchanges.FeedEvent) bool { return ev.Alive && ev.Observation == nil })
	srv.SetScenario(fakex.Halted)
	adpwUntil(t, ws, f, "status halted", adpwObsLevel(exchanges.Outage))
	srv.SetScenario(fakex.Restricted)
	adpwUntil(t, ws, f, "status cancel_only", adpwObsLevel(exchanges.Restricted))
}
