package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

func init() { registerVenue("kraken", func() Venue { return &krakenVenue{} }) }

// krakenVenue imitates api.kraken.com (/0/public/SystemStatus),
// status.kraken.com (Statuspage v2) and ws.kraken.com/v2.
//
// Scenarios in Kraken's own terms (SystemStatus has no busy or per-pair value):
//   - Busy: the API answers {"error":["EService:Busy"]}; the status page shows degraded performance.
//   - Halted: Kraken reports a stopped engine as "maintenance", with an
//     emergency notice; the status page shows a major outage.
//   - PairHalted: status stays online, an emergency notice names State.Pairs.
//   - Restricted: cancel_only.
//   - MaintenanceScheduled: online, with an upcoming_maintenance item at State.MaintStart/MaintEnd.
//   - MaintenanceActive: maintenance.
//   - UnknownValue: a status nobody has seen.
type krakenVenue struct{}

func (krakenVenue) ID() string     { return "kraken" }
func (krakenVenue) WSPath() string { return "/v2" }

// krakenSystem is the engine state as REST and the WS status channel report it.
func krakenSystem(st State) string {
	switch st.Scenario {
	case Halted, MaintenanceActive:
		return "maintenance"
	case Restricted:
		return "cancel_only"
	case UnknownValue:
		return "degraded_mode_x"
	}
	return "online"
}

func (krakenVenue) Routes(mux *http.ServeMux, st func() State) {
	StatusPageRoutes(mux, st)
	mux.HandleFunc("GET /0/public/SystemStatus", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		now := time.Now().UTC()
		if s.Scenario == Busy {
			spWriteJSON(w, http.StatusOK, map[string]any{"error": []string{"EService:Busy"}})
			return
		}
		upcoming, emergency := []any{}, []any{}
		switch s.Scenario {
		case MaintenanceScheduled:
			start, end := s.MaintStart, s.MaintEnd
			if start.IsZero() {
				start = now.Add(time.Hour)
			}
			if end.IsZero() {
				end = start.Add(2 * time.Hour)
			}
			upcoming = append(upcoming, map[string]any{
				"id": "mnt1", "title": "Scheduled trading engine maintenance",
				"start": start.UTC().Format(time.RFC3339), "end": end.UTC().Format(time.RFC3339),
				"url": "https://status.kraken.com/incidents/mnt1",
			})
		case Halted:
			emergency = append(emergency, map[string]any{
				"id": "em1", "title": "Trading halted", "status": "investigating", "impact": "critical",
				"url": "https://status.kraken.com/incidents/em1",
			})
		case PairHalted:
			emergency = append(emergency, map[string]any{
				"id": "em2", "title": "Trading halted on " + strings.Join(s.Pairs, ", "), "status": "identified", "impact": "minor",
				"url": "https://status.kraken.com/incidents/em2",
			})
		}
		spWriteJSON(w, http.StatusOK, map[string]any{
			"error": []string{},
			"result": map[string]any{
				"status":               krakenSystem(s),
				"timestamp":            now.Format(time.RFC3339),
				"upcoming_maintenance": upcoming,
				"emergency":            emergency,
			},
		})
	})
}

func krakenStatusMsg(system, typ string) []byte {
	b, _ := json.Marshal(map[string]any{
		"channel": "status", "type": typ,
		"data": []map[string]any{{"api_version": "v2", "connection_id": 1234567890, "system": system, "version": "2.0.10"}},
	})
	return b
}

// ServeWS speaks websocket v2: a status message on connect and on every
// change, subscribe acks, a ticker snapshot, heartbeats once subscribed,
// and pongs to {"method":"ping"}.
func (krakenVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	system := krakenSystem(st())
	if c.Send(krakenStatusMsg(system, "update")) != nil {
		return
	}
	tick, stop := c.Heartbeat()
	defer stop()
	subscribed := false
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			var req struct {
				Method string          `json:"method"`
				ReqID  json.RawMessage `json:"req_id"`
				Params struct {
					Channel string   `json:"channel"`
					Symbol  []string `json:"symbol"`
				} `json:"params"`
			}
			if json.Unmarshal(msg, &req) != nil {
				continue
			}
			now := time.Now().UTC().Format(time.RFC3339Nano)
			var out []byte
			switch req.Method {
			case "ping":
				m := map[string]any{"method": "pong", "time_in": now, "time_out": now}
				if len(req.ReqID) > 0 {
					m["req_id"] = req.ReqID
				}
				out, _ = json.Marshal(m)
			case "subscribe":
				subscribed = true
				for _, sym := range req.Params.Symbol {
					ack, _ := json.Marshal(map[string]any{"method": "subscribe", "success": true, "time_in": now, "time_out": now,
						"result": map[string]any{"channel": req.Params.Channel, "symbol": sym, "snapshot": true, "event_trigger": "trades"}})
					if c.Send(ack) != nil {
						return
					}
					snap, _ := json.Marshal(map[string]any{"channel": "ticker", "type": "snapshot", "data": []map[string]any{{
						"symbol": sym, "bid": 97000.1, "bid_qty": 0.5, "ask": 97000.2, "ask_qty": 1.2, "last": 97000.1,
						"volume": 1234.5, "vwap": 96500.0, "low": 95000.0, "high": 98000.0, "change": 100.0, "change_pct": 0.1}}})
					if c.Send(snap) != nil {
						return
					}
				}
				continue
			default:
				continue
			}
			if c.Send(out) != nil {
				return
			}
		case <-tick:
			if now := krakenSystem(st()); now != system {
				system = now
				if c.Send(krakenStatusMsg(system, "update")) != nil {
					return
				}
			}
			if subscribed && c.Send([]byte(`{"channel":"heartbeat"}`)) != nil {
				return
			}
		}
	}
}
