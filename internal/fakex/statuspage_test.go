package fakex

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
)

// The fake status page must read, through the real parser, as the scenario it stands for.
func TestStatusPageRoutesScenarios(t *testing.T) {
	var st State
	mux := http.NewServeMux()
	StatusPageRoutes(mux, func() State { return st })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	start := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	want := map[Scenario]exchanges.Level{
		Healthy:              exchanges.Operational,
		Busy:                 exchanges.Degraded,
		Halted:               exchanges.Outage,
		PairHalted:           exchanges.Restricted,
		Restricted:           exchanges.Restricted,
		MaintenanceScheduled: exchanges.Operational,
		MaintenanceActive:    exchanges.Maintenance,
		UnknownValue:         exchanges.Unknown,
	}
	for sc, level := range want {
		st = State{Scenario: sc, MaintStart: start, MaintEnd: start.Add(time.Hour)}
		for _, path := range []string{"/api/v2/summary.json", "/api/v2/status.json"} {
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s %s: %d %v", sc, path, resp.StatusCode, err)
			}
			obs, err := exchanges.ParseStatusPage(exchanges.Response{StatusCode: 200, Body: body})
			if err != nil {
				t.Fatalf("%s %s: %v", sc, path, err)
			}
			if path == "/api/v2/summary.json" && obs.Level != level {
				t.Errorf("%s: level %v, want %v (%s)", sc, obs.Level, level, obs.Summary)
			}
			if path == "/api/v2/summary.json" && sc == MaintenanceScheduled {
				if len(obs.Maintenance) != 1 || !obs.Maintenance[0].Start.Equal(start) || !obs.Maintenance[0].End.Equal(start.Add(time.Hour)) {
					t.Errorf("scheduled window %+v", obs.Maintenance)
				}
			}
			if path == "/api/v2/summary.json" && sc == Halted && (len(obs.Incidents) != 1 || obs.Incidents[0].Update == "") {
				t.Errorf("halted incidents %+v", obs.Incidents)
			}
		}
	}
}

// adpVenueSmoke checks one of the coinbase/kraken/gemini/bitstamp/okx/bybit
// fakes: every scenario answers each REST path with JSON (or the venue's
// documented maintenance page), the websocket talks after the adapter's
// subscriptions, WSDrop ends it, and Close returns with the loops stopped.
func adpVenueSmoke(t *testing.T, id string, paths ...string) {
	t.Helper()
	srv, ok := StartVenue(id)
	if !ok {
		t.Fatalf("no venue %s", id)
	}
	defer srv.Close()
	srv.HeartbeatEvery = 10 * time.Millisecond
	for _, sc := range []Scenario{Healthy, Busy, Halted, PairHalted, Restricted, MaintenanceScheduled, MaintenanceActive, UnknownValue} {
		srv.Update(func(s *State) { s.Scenario, s.Pairs = sc, []string{"x"} })
		for _, p := range append(paths, "/api/v2/summary.json") {
			resp, err := http.Get(srv.URL() + p)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 404 && p == "/api/v2/summary.json" {
				continue // no status page for this venue
			}
			if ct := resp.Header.Get("Content-Type"); !json.Valid(body) && !(id == "bitstamp" && sc == MaintenanceActive && strings.HasPrefix(ct, "text/html")) {
				t.Errorf("%s %s %s: %d %q", id, sc, p, resp.StatusCode, body)
			}
		}
	}
	srv.SetScenario(Healthy)
	e, ok := exchanges.Lookup(id)
	if !ok {
		t.Fatalf("no adapter %s", id)
	}
	f := e.Feed(exchanges.Target{Endpoints: srv.Endpoints()})
	ws, _, err := websocket.DefaultDialer.Dial(f.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, s := range f.Subscribe {
		ws.WriteMessage(websocket.TextMessage, s)
	}
	if f.Ping != nil {
		ws.WriteMessage(websocket.TextMessage, f.Ping)
	}
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, _, err := ws.ReadMessage(); err != nil {
		t.Fatalf("%s websocket silent: %v", id, err)
	}
	if srv.Conns() != 1 {
		t.Errorf("conns %d", srv.Conns())
	}
	srv.SetFault(WSDrop)
	for i := 0; ; i++ {
		ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, _, err := ws.ReadMessage(); err != nil {
			break
		}
		if i > 1000 {
			t.Fatal("WSDrop did not close the websocket")
		}
	}
}
