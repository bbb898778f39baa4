package exchanges_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

func TestGMOCoinWire(t *testing.T) {
	srv, e := jpStart(t, "gmocoin")
	for sc, want := range map[fakex.Scenario]exchanges.Level{
		fakex.Healthy: exchanges.Operational, fakex.Busy: exchanges.Operational, fakex.PairHalted: exchanges.Operational,
		fakex.Halted: exchanges.Maintenance, fakex.Restricted: exchanges.Restricted,
		fakex.MaintenanceScheduled: exchanges.Operational, fakex.MaintenanceActive: exchanges.Maintenance,
		fakex.UnknownValue: exchanges.Unknown,
	} {
		srv.SetScenario(sc)
		probes := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
		if got := jpRun(t, probes, "public/v1/status")[0].Level; got != want {
			t.Errorf("%s: %v, want %v", sc, got, want)
		}
	}
}

func TestGMOCoinWireFeed(t *testing.T) {
	srv, e := jpStart(t, "gmocoin")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults.Override(srv.Endpoints())})
	c := jpDial(t, f.URL)
	pinged := false
	c.SetPingHandler(func(s string) error {
		pinged = true // runs on the reading goroutine (this test)
		return c.WriteControl(websocket.PongMessage, []byte(s), jpDeadline())
	})
	c.WriteMessage(websocket.TextMessage, f.Subscribe[0])
	for i := 0; i < 3; i++ {
		if ev, err := f.Handle(jpRead(t, c)); err != nil || !ev.Alive {
			t.Fatalf("handle: %+v %v", ev, err)
		}
	}
	if !pinged {
		t.Error("no protocol ping between tickers")
	}
	// Maintenance: the upgrade itself is refused with 503.
	srv.SetScenario(fakex.MaintenanceActive)
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	_, res, err := d.Dial(f.URL, nil)
	if err == nil || res == nil || res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("maintenance dial: %v %v", res, err)
	}
}
