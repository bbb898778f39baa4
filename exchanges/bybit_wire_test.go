package exchanges_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestBybitWire(t *testing.T) {
	srv := adpwStart(t, "bybit")
	e, _ := exchanges.Lookup("bybit")
	tg := adpwTarget(srv)
	rest := adpwProbe(t, e, tg, "system/status")
	want := map[fakex.Scenario]exchanges.Level{
		fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Operational, fakex.Halted: exchanges.Maintenance,
		fakex.PairHalted: exchanges.Operational, fakex.Restricted: exchanges.Operational, fakex.MaintenanceScheduled: exchanges.Operational,
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
		if sc == fakex.MaintenanceScheduled && (len(obs.Maintenance) != 1 || !obs.Maintenance[0].End.Equal(srv.State().MaintEnd)) {
			t.Errorf("scheduled window %+v", obs.Maintenance)
		}
	}

	srv.SetScenario(fakex.Healthy)
	adpwFaults(t, srv, rest)
	f := e.Feed(tg)
	ws := adpwDial(t, f)
	adpwUntil(t, ws, f, "first push", adpwObsLevel(exchanges.Operational))
	if err := ws.WriteMessage(websocket.TextMessage, f.Ping); err != nil {
		t.Fatal(err)
	}
	adpwUntil(t, ws, f, "pong", func(ev exchanges.FeedEvent) bool { return ev.Alive && ev.Observation == nil })
	srv.SetScenario(fakex.MaintenanceActive)
	adpwUntil(t, ws, f, "maintenance push", adpwObsLevel(exchanges.Maintenance))
	srv.SetScenario(fakex.Healthy)
	adpwUntil(t, ws, f, "recovery push", adpwObsLevel(exchanges.Operational))
}
