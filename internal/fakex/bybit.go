package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

func init() { registerVenue("bybit", func() Venue { return &bybitVenue{} }) }

// bybitVenue imitates api.bybit.com (/v5/system/status) and
// stream.bybit.com/v5/public/misc/status (topic system.status, op ping/pong).
//
// Scenarios in Bybit's own terms: the system-status API only announces
// maintenance, so
//   - Healthy, Busy, PairHalted, Restricted: no active event (a completed one
//     is listed, as the real API does); Bybit states per-instrument halts and
//     restrictions elsewhere (instruments-info), not in system status.
//   - Halted: Bybit announces an unplanned stop as an ongoing maintenance.
//   - MaintenanceScheduled: a scheduled event at State.MaintStart/MaintEnd.
//   - MaintenanceActive: an ongoing event.
//   - UnknownValue: an event in a state nobody has seen.
type bybitVenue struct{}

func (bybitVenue) ID() string     { return "bybit" }
func (bybitVenue) WSPath() string { return "/v5/public/misc/status" }

func bybitEventsFor(st State, now time.Time) []map[string]any {
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
	ev := func(state, title string) map[string]any {
		return map[string]any{
			"id": "4d95b2a0-587f-11f0-bcc9-56f28c94d6ea", "title": title, "state": state,
			"begin": strconv.FormatInt(start.UnixMilli(), 10), "end": strconv.FormatInt(end.UnixMilli(), 10),
			"href": "https://announcements.bybit.com/en/article/system-upgrade", "serviceTypes": []int{2, 3, 4, 5},
			"product": []int{1, 2}, "uidSuffix": []int{}, "maintainType": 1, "env": 1,
		}
	}
	switch st.Scenario {
	case Halted:
		e := ev("ongoing", "Unplanned system interruption")
		e["maintainType"] = 2
		return []map[string]any{e}
	case MaintenanceScheduled:
		return []map[string]any{ev("scheduled", "System upgrade")}
	case MaintenanceActive:
		return []map[string]any{ev("ongoing", "System upgrade")}
	case UnknownValue:
		return []map[string]any{ev("paused_for_review", "System upgrade")}
	}
	done := ev("completed", "t06")
	done["begin"], done["end"] = "1751596902000", "1751597011000"
	return []map[string]any{done}
}

func (bybitVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /v5/system/status", func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		spWriteJSON(w, http.StatusOK, map[string]any{
			"retCode": 0, "retMsg": "OK",
			"result":     map[string]any{"list": bybitEventsFor(st(), now)},
			"retExtInfo": map[string]any{}, "time": now.UnixMilli(),
		})
	})
}

// ServeWS speaks the system-status stream: subscribe ack, a push of the
// current events on subscribe and on every change, and pongs to op ping.
// The real stream is otherwise silent, so heartbeat ticks only check for changes.
func (bybitVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	connID := "cfa2bc6a-" + strconv.FormatInt(time.Now().UnixNano()%1e8, 16)
	subscribed := false
	last := st().Scenario
	push := func(s State) error {
		b, _ := json.Marshal(map[string]any{"topic": "system.status", "ts": time.Now().UnixMilli(), "data": bybitEventsFor(s, time.Now())})
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
			var req struct {
				ReqID string   `json:"req_id"`
				Op    string   `json:"op"`
				Args  []string `json:"args"`
			}
			if json.Unmarshal(msg, &req) != nil {
				continue
			}
			var reply map[string]any
			switch req.Op {
			case "ping":
				reply = map[string]any{"success": true, "ret_msg": "pong", "conn_id": connID, "op": "ping"}
			case "subscribe":
				ok := len(req.Args) > 0
				for _, a := range req.Args {
					ok = ok && a == "system.status"
				}
				reply = map[string]any{"success": ok, "ret_msg": "", "conn_id": connID, "op": "subscribe"}
				if !ok {
					reply["ret_msg"] = "Invalid topic"
				}
				subscribed = subscribed || ok
			default:
				reply = map[string]any{"success": false, "ret_msg": "Invalid op", "conn_id": connID, "op": req.Op}
			}
			if req.ReqID != "" {
				reply["req_id"] = req.ReqID
			}
			b, _ := json.Marshal(reply)
			if c.Send(b) != nil {
				return
			}
			if req.Op == "subscribe" && subscribed && push(st()) != nil {
				return
			}
		case <-tick:
			s := st()
			if subscribed && s.Scenario != last {
				if push(s) != nil {
					return
				}
			}
			last = s.Scenario
		}
	}
}
