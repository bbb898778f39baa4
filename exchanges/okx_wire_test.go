package exchanges_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestOKXWire(t *testing.T) {
	srv := adpwStart(t, "okx")
	srv.Update(func(s *fakex.State) { s.Pairs = []string{"XRP-USDT"} })
	e, _ := exchanges.Lookup("okx")
	tg := adpwTarget(srv)
	rest := adpwProbe(t, e, tg, "system/status")
	want := map[fakex.Scenario]exchanges.Level{
		fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Degraded, fakex.Halted: exchanges.Outage,
		fakex.PairHalted: exchanges.Restricted, fakex.Restricted: exchanges.Restricted, fakex.MaintenanceScheduled: exchanges.Operational,
		fakex.MaintenanceActive: exchanges.Maintenance, fakex.UnknownValue: exchanges.Unknown,
	}
	for _, sc := range adpwScenarios {
		srv.SetScenario(sc)
		obs, err := adpwRun(t, rest)
		if err != nil {
			t.Fatalf("%s: %v", sc, err)
		}
		if obs.Level != want[sc] {
			t.Errorf("%s: %v, want %v (%s)", sc, obs.Level, want[sc], obs.Summary)
		}
		if sc == fakex.MaintenanceScheduled && (len(obs.Maintenance) != 1 || !obs.Maintenance[0].Start.Equal(srv.State().MaintStart)) {
			t.Errorf("scheduled window %+v", obs.Maintenance)
		}
	}

	adpwFaults(t, srv, rest)
	srv.SetScenario(fakex.MaintenanceActive)
	f := e.Feed(tg)
	ws := adpwDial(t, f)
	adpwUntil(t, ws, f, "status ongoing", adpwObsLevel(exchanges.Maintenance))
	adpwUntil(t, ws, f, "ticker", func(ev exchanges.FeedEvent) bool { return ev.Alive && ev.Observation == nil })
	if err := ws.WriteMessage(websocket.TextMessage, f.Ping); err != nil {
		t.Fatal(err)
	}
	srv.SetScenario(fakex.Healthy)
	adpwUntil(t, ws, f, "status completed", adpwObsLevel(exchanges.Operational))
	srv.SetScenario(fakex.Halted)
	adpwUntil(t, ws, f, "status disruption", adpwObsLevel(exchanges.Outage))
}
