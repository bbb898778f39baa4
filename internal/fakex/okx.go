package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func init() { registerVenue("okx", func() Venue { return &okxVenue{} }) }

// okxVenue imitates www.okx.com (/api/v5/system/status) and
// ws.okx.com:8443/ws/v5/public (status and tickers channels, text ping/pong).
//
// Scenarios in OKX's own terms (events with state, serviceType, maintType):
//   - Healthy: no production events; a demo-trading (env 2) event that clients must ignore.
//   - Busy: error envelope code 50013 "Systems are busy".
//   - Halted: an ongoing trading-service event with maintType 3 (system disruption).
//   - PairHalted: an ongoing serviceType 99 event (suspension of some instruments) naming State.Pairs.
//   - Restricted: a pre_open trading-service event (cancels and post-only orders only).
//   - MaintenanceScheduled: a scheduled event at State.MaintStart/MaintEnd.
//   - MaintenanceActive: an ongoing trading-service event.
//   - UnknownValue: an event in a state nobody has seen.
type okxVenue struct{}

func (okxVenue) ID() string     { return "okx" }
func (okxVenue) WSPath() string { return "/ws/v5/public" }

func okxMs(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// okxEventsFor returns the status events of a state; ended is the event to
// push when a maintenance finishes.
func okxEventsFor(st State, now time.Time) []map[string]any {
	start, end := st.MaintStart, st.MaintEnd
	if start.IsZero() {
		start = now.Add(-10 * time.Minute)
		if st.Scenario == MaintenanceScheduled {
			start = now.Add(time.Hour)
		}
	}
	if end.IsZero() {
		end = start.Add(2 * time.Hour)
	}
	ev := func(state, title, service, maintType, env string) map[string]any {
		return map[string]any{
			"begin": okxMs(start), "end": okxMs(end), "href": "https://www.okx.com/help/okx-system-upgrade",
			"preOpenBegin": "", "scheDesc": "", "serviceType": service, "state": state, "maintType": maintType,
			"env": env, "system": "unified", "title": title,
		}
	}
	switch st.Scenario {
	case Healthy:
		return []map[string]any{ev("ongoing", "Demo trading upgrade", "5", "1", "2")}
	case Halted:
		return []map[string]any{ev("ongoing", "Trading system disruption", "5", "3", "1")}
	case PairHalted:
		return []map[string]any{ev("ongoing", "Suspension of "+strings.Join(st.Pairs, ", ")+" trading", "99", "2", "1")}
	case Restricted:
		e := ev("pre_open", "Trading service upgrade", "5", "1", "1")
		e["preOpenBegin"] = okxMs(now.Add(-time.Minute))
		return []map[string]any{e}
	case MaintenanceScheduled:
		return []map[string]any{ev("scheduled", "Trading service upgrade", "5", "1", "1")}
	case MaintenanceActive:
		return []map[string]any{ev("ongoing", "Trading service upgrade", "5", "1", "1")}
	case UnknownValue:
		return []map[string]any{ev("paused_for_review", "Trading service upgrade", "5", "1", "1")}
	}
	return []map[string]any{}
}

func (okxVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /api/v5/system/status", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		if s.Scenario == Busy {
			spWriteJSON(w, http.StatusOK, map[string]any{"code": "50013", "msg": "Systems are busy. Please try again later.", "data": []any{}})
			return
		}
		evs := okxEventsFor(s, time.Now())
		if state := r.URL.Query().Get("state"); state != "" {
			var keep []map[string]any
			for _, e := range evs {
				if e["state"] == state {
					keep = append(keep, e)
				}
			}
			evs = append([]map[string]any{}, keep...)
		}
		spWriteJSON(w, http.StatusOK, map[string]any{"code": "0", "msg": "", "data": evs})
	})
}

// ServeWS speaks the public websocket: subscribe acks, a status push of the
// latest change on subscribe and on every change (a completed event when a
// maintenance ends), tickers data every tick, and "pong" to "ping".
func (okxVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	connID := strconv.FormatInt(time.Now().UnixNano()%1e8, 16)
	statusOn := false
	var ticker []string
	last := st().Scenario
	push := func(s State, completed bool) error {
		evs := okxEventsFor(s, time.Now())
		if completed {
			done := okxEventsFor(State{Scenario: MaintenanceActive, MaintStart: s.MaintStart, MaintEnd: s.MaintEnd}, time.Now())
			done[0]["state"] = "completed"
			evs = done
		}
		for _, e := range evs {
			e["ts"] = okxMs(time.Now())
		}
		if len(evs) == 0 {
			return nil // OKX pushes changes only
		}
		b, _ := json.Marshal(map[string]any{"arg": map[string]string{"channel": "status"}, "data": evs})
		return c.Send(b)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			if string(msg) == "ping" {
				if c.Send([]byte("pong")) != nil {
					return
				}
				continue
			}
			var req struct {
				ID   string              `json:"id"`
				Op   string              `json:"op"`
				Args []map[string]string `json:"args"`
			}
			if json.Unmarshal(msg, &req) != nil || req.Op != "subscribe" {
				b, _ := json.Marshal(map[string]any{"event": "error", "code": "60012", "msg": "Invalid request: " + string(msg), "connId": connID})
				if c.Send(b) != nil {
					return
				}
				continue
			}
			for _, a := range req.Args {
				ack := map[string]any{"event": "subscribe", "arg": a, "connId": connID}
				if req.ID != "" {
					ack["id"] = req.ID
				}
				b, _ := json.Marshal(ack)
				if c.Send(b) != nil {
					return
				}
				switch a["channel"] {
				case "status":
					statusOn = true
					if push(st(), false) != nil {
						return
					}
				case "tickers":
					ticker = append(ticker, a["instId"])
				}
			}
		case <-tick:
			s := st()
			if statusOn && s.Scenario != last {
				if push(s, s.Scenario == Healthy || s.Scenario == Busy) != nil {
					return
				}
			}
			last = s.Scenario
			for _, inst := range ticker {
				b, _ := json.Marshal(map[string]any{"arg": map[string]string{"channel": "tickers", "instId": inst}, "data": []map[string]string{{
					"instType": "SPOT", "instId": inst, "last": "97000.1", "lastSz": "0.01", "askPx": "97000.2", "askSz": "1",
					"bidPx": "97000.1", "bidSz": "2", "open24h": "96000", "high24h": "98000", "low24h": "95000",
					"volCcy24h": "100000000", "vol24h": "1000", "sodUtc0": "96500", "sodUtc8": "96600", "ts": okxMs(time.Now())}}})
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
