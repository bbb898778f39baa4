package fakex

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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
