package fakex

import (
	"encoding/json"
	"net/http"
	"time"
)

// Statuspage v2 shapes, as served by status.kraken.com, status.coinbase.com
// and other Atlassian pages.
type (
	spPage struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		URL       string `json:"url"`
		TimeZone  string `json:"time_zone"`
		UpdatedAt string `json:"updated_at"`
	}
	spStatus struct {
		Indicator   string `json:"indicator"`
		Description string `json:"description"`
	}
	spComponent struct {
		ID                 string   `json:"id"`
		Name               string   `json:"name"`
		Status             string   `json:"status"`
		CreatedAt          string   `json:"created_at"`
		UpdatedAt          string   `json:"updated_at"`
		Position           int      `json:"position"`
		Description        *string  `json:"description"`
		Showcase           bool     `json:"showcase"`
		StartDate          *string  `json:"start_date"`
		GroupID            *string  `json:"group_id"`
		PageID             string   `json:"page_id"`
		Group              bool     `json:"group"`
		OnlyShowIfDegraded bool     `json:"only_show_if_degraded"`
		Components         []string `json:"components,omitempty"`
	}
	spUpdate struct {
		ID                 string `json:"id"`
		Status             string `json:"status"`
		Body               string `json:"body"`
		IncidentID         string `json:"incident_id"`
		CreatedAt          string `json:"created_at"`
		UpdatedAt          string `json:"updated_at"`
		DisplayAt          string `json:"display_at"`
		AffectedComponents any    `json:"affected_components"`
	}
	spIncident struct {
		ID              string        `json:"id"`
		Name            string        `json:"name"`
		Status          string        `json:"status"`
		Impact          string        `json:"impact"`
		CreatedAt       string        `json:"created_at"`
		UpdatedAt       string        `json:"updated_at"`
		MonitoringAt    *string       `json:"monitoring_at"`
		ResolvedAt      *string       `json:"resolved_at"`
		Shortlink       string        `json:"shortlink"`
		StartedAt       string        `json:"started_at"`
		PageID          string        `json:"page_id"`
		IncidentUpdates []spUpdate    `json:"incident_updates"`
		Components      []spComponent `json:"components"`
		ScheduledFor    string        `json:"scheduled_for,omitempty"`
		ScheduledUntil  string        `json:"scheduled_until,omitempty"`
	}
	spSummary struct {
		Page                  spPage        `json:"page"`
		Status                spStatus      `json:"status"`
		Components            []spComponent `json:"components"`
		Incidents             []spIncident  `json:"incidents"`
		ScheduledMaintenances []spIncident  `json:"scheduled_maintenances"`
	}
)

const spPageID = "fakepage0001"

func spComp(id, name, status string, groupID string, pos int) spComponent {
	c := spComponent{ID: id, Name: name, Status: status, CreatedAt: "2020-01-01T00:00:00.000Z",
		UpdatedAt: "2026-11-21T09:00:00.000Z", Position: pos, PageID: spPageID}
	if groupID != "" {
		g := groupID
		c.GroupID = &g
	}
	return c
}

// spSummaryFor builds the whole summary.json for a state.
func spSummaryFor(st State, now time.Time) spSummary {
	ts := now.UTC().Format("2006-01-02T15:04:05.000Z")
	trading, api, web, funding, btc := "operational", "operational", "operational", "operational", "operational"
	limited := "operational"
	s := spSummary{
		Page:   spPage{ID: spPageID, Name: "Fake Exchange", URL: "https://status.example.invalid", TimeZone: "Etc/UTC", UpdatedAt: ts},
		Status: spStatus{Indicator: "none", Description: "All Systems Operational"},
	}
	incident := func(name, impact, status, body string, comps ...spComponent) spIncident {
		return spIncident{ID: "inc1", Name: name, Status: status, Impact: impact, CreatedAt: ts, UpdatedAt: ts,
			Shortlink: "https://stspg.io/fake1", StartedAt: ts, PageID: spPageID, Components: comps,
			IncidentUpdates: []spUpdate{
				{ID: "upd2", Status: status, Body: body, IncidentID: "inc1", CreatedAt: ts, UpdatedAt: ts, DisplayAt: ts, AffectedComponents: nil},
				{ID: "upd1", Status: "investigating", Body: "We are investigating reports of issues.", IncidentID: "inc1",
					CreatedAt: now.Add(-10 * time.Minute).UTC().Format(time.RFC3339), UpdatedAt: ts, DisplayAt: now.Add(-10 * time.Minute).UTC().Format(time.RFC3339)},
			}}
	}
	maint := func(status string) spIncident {
		start, end := st.MaintStart, st.MaintEnd
		if start.IsZero() {
			start = now.Add(time.Hour)
		}
		if end.IsZero() {
			end = start.Add(2 * time.Hour)
		}
		m := incident("Scheduled system maintenance", "maintenance", status, "Trading will be unavailable during the maintenance window.")
		m.ID = "maint1"
		m.Shortlink = "https://stspg.io/fakem1"
		m.ScheduledFor = start.UTC().Format("2006-01-02T15:04:05.000Z")
		m.ScheduledUntil = end.UTC().Format("2006-01-02T15:04:05.000Z")
		m.Components = []spComponent{spComp("c-trading", "Trading", "under_maintenance", "g-exchange", 1)}
		if status == "scheduled" {
			m.Components[0].Status = "operational"
		}
		return m
	}
	switch st.Scenario {
	case Busy:
		s.Status = spStatus{"minor", "Minor Service Outage"}
		api = "degraded_performance"
	case Halted:
		s.Status = spStatus{"critical", "Major System Outage"}
		trading, api = "major_outage", "major_outage"
		s.Incidents = []spIncident{incident("Trading unavailable", "critical", "identified",
			"Trading is currently halted. We have identified the issue and are working on a fix.",
			spComp("c-trading", "Trading", "major_outage", "g-exchange", 1))}
	case PairHalted:
		s.Status = spStatus{"minor", "Partial System Outage"}
		trading = "partial_outage"
		s.Incidents = []spIncident{incident("Trading halted on some markets", "minor", "investigating",
			"Trading is halted on some markets while we investigate.",
			spComp("c-trading", "Trading", "partial_outage", "g-exchange", 1))}
	case Restricted:
		s.Status = spStatus{"minor", "Partial System Outage"}
		limited = "partial_outage"
		s.Incidents = []spIncident{incident("Exchange in cancel-only mode", "minor", "identified",
			"The exchange is in cancel-only mode: open orders can be cancelled, no new orders are accepted.",
			spComp("c-limited", "Trading - limited", "partial_outage", "g-exchange", 5))}
	case MaintenanceScheduled:
		s.ScheduledMaintenances = []spIncident{maint("scheduled")}
	case MaintenanceActive:
		s.Status = spStatus{"maintenance", "System Under Maintenance"}
		trading, api, web = "under_maintenance", "under_maintenance", "under_maintenance"
		s.ScheduledMaintenances = []spIncident{maint("in_progress")}
	case UnknownValue:
		s.Status = spStatus{"minor", "Something odd"}
		trading = "weird_status"
	}
	exch := spComp("g-exchange", "Exchange", "operational", "", 0)
	exch.Group = true
	exch.Components = []string{"c-trading", "c-api", "c-web", "c-limited"}
	fund := spComp("g-funding", "Digital Currency Funding", "operational", "", 10)
	fund.Group = true
	fund.Components = []string{"c-funding", "c-btc"}
	s.Components = []spComponent{
		exch,
		spComp("c-trading", "Trading", trading, "g-exchange", 1),
		spComp("c-api", "API", api, "g-exchange", 2),
		spComp("c-web", "Website", web, "g-exchange", 3),
		spComp("c-limited", "Trading - limited", limited, "g-exchange", 5),
		fund,
		spComp("c-funding", "Deposits and Withdrawals", funding, "g-funding", 11),
		spComp("c-btc", "Bitcoin (BTC)", btc, "g-funding", 12),
		spComp("c-support", "Customer Support", "operational", "", 20),
	}
	if s.Incidents == nil {
		s.Incidents = []spIncident{}
	}
	if s.ScheduledMaintenances == nil {
		s.ScheduledMaintenances = []spIncident{}
	}
	return s
}

// StatusPageRoutes serves an Atlassian Statuspage v2 site
// (/api/v2/summary.json and /api/v2/status.json) whose content follows the
// scenario: a venue with a status page calls it from Routes.
func StatusPageRoutes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /api/v2/summary.json", func(w http.ResponseWriter, r *http.Request) {
		spWriteJSON(w, http.StatusOK, spSummaryFor(st(), time.Now()))
	})
	mux.HandleFunc("GET /api/v2/status.json", func(w http.ResponseWriter, r *http.Request) {
		s := spSummaryFor(st(), time.Now())
		spWriteJSON(w, http.StatusOK, struct {
			Page   spPage   `json:"page"`
			Status spStatus `json:"status"`
		}{s.Page, s.Status})
	})
}

// spWriteJSON writes v as a JSON response.
func spWriteJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
}
