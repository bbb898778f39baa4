package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { registerVenue("gemini", func() Venue { return &geminiVenue{} }) }

// geminiVenue imitates api.gemini.com (/v1/symbols/details/{symbol}),
// status.gemini.com (Statuspage v2) and api.gemini.com/v2/marketdata.
//
// Scenarios in Gemini's own terms (a status per symbol):
//   - Busy: symbols have no busy status; they stay open and the status page shows degraded performance.
//   - Halted: every symbol closed.
//   - PairHalted: State.Pairs closed (matched case-insensitively).
//   - Restricted: every symbol cancel_only.
//   - MaintenanceScheduled: open; a scheduled maintenance on the status page.
//   - MaintenanceActive: HTTP 503 with {"result":"error","reason":"Maintenance"}.
//   - UnknownValue: BTCUSD has a status nobody has seen.
type geminiVenue struct{}

var geminiSymbols = []string{"BTCUSD", "ETHUSD", "SOLUSD", "BTCEUR", "ETHBTC", "DOGEUSD"}

func (geminiVenue) ID() string     { return "gemini" }
func (geminiVenue) WSPath() string { return "/v2/marketdata" }

func geminiStatus(st State, sym string) string {
	switch {
	case st.Scenario == Halted, st.Scenario == PairHalted && slices.ContainsFunc(st.Pairs, func(p string) bool { return strings.EqualFold(p, sym) }):
		return "closed"
	case st.Scenario == Restricted:
		return "cancel_only"
	case st.Scenario == UnknownValue && sym == "BTCUSD":
		return "paused_for_review"
	}
	return "open"
}

func (geminiVenue) Routes(mux *http.ServeMux, st func() State) {
	StatusPageRoutes(mux, st)
	mux.HandleFunc("GET /v1/symbols/details/{symbol}", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		sym := strings.ToUpper(r.PathValue("symbol"))
		if s.Scenario == MaintenanceActive {
			spWriteJSON(w, http.StatusServiceUnavailable, map[string]any{"result": "error", "reason": "Maintenance",
				"message": "The Gemini Exchange is currently undergoing maintenance. Please try again later."})
			return
		}
		if !slices.Contains(geminiSymbols, sym) {
			spWriteJSON(w, http.StatusBadRequest, map[string]any{"result": "error", "reason": "InvalidSymbol",
				"message": "Supplied value '" + r.PathValue("symbol") + "' is not a valid symbol."})
			return
		}
		spWriteJSON(w, http.StatusOK, map[string]any{
			"symbol": sym, "base_currency": sym[:3], "quote_currency": sym[3:], "tick_size": 1e-8, "quote_increment": 0.01,
			"min_order_size": "0.00001", "status": geminiStatus(s, sym), "wrap_enabled": false,
			"product_type": "spot", "contract_type": "vanilla", "contract_price_currency": sym[3:],
		})
	})
}

// ServeWS speaks v2 market data: an l2_updates snapshot on subscribe, then
// an l2_updates or trade message every tick and a heartbeat every fifth.
func (geminiVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	var syms []string
	n := 0
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			var req struct {
				Type          string `json:"type"`
				Subscriptions []struct {
					Name    string   `json:"name"`
					Symbols []string `json:"symbols"`
				} `json:"subscriptions"`
			}
			if json.Unmarshal(msg, &req) != nil || req.Type != "subscribe" {
				b, _ := json.Marshal(map[string]any{"type": "error", "result": "error", "reason": "InvalidJson", "message": "Could not parse request"})
				if c.Send(b) != nil {
					return
				}
				continue
			}
			for _, s := range req.Subscriptions {
				for _, sym := range s.Symbols {
					syms = append(syms, sym)
					b, _ := json.Marshal(map[string]any{"type": "l2_updates", "symbol": sym,
						"changes": [][]string{{"buy", "97000.00", "0.5"}, {"sell", "97001.00", "0.7"}}, "trades": []any{}})
					if c.Send(b) != nil {
						return
					}
				}
			}
		case <-tick:
			n++
			if n%5 == 0 {
				b, _ := json.Marshal(map[string]any{"type": "heartbeat", "timestamp": time.Now().UnixMilli()})
				if c.Send(b) != nil {
					return
				}
			}
			for _, sym := range syms {
				var b []byte
				if n%3 == 0 {
					b, _ = json.Marshal(map[string]any{"type": "trade", "symbol": sym, "event_id": n, "timestamp": time.Now().UnixMilli(),
						"price": "97000.50", "quantity": "0.01", "side": "buy", "tid": 1000 + n})
				} else {
					b, _ = json.Marshal(map[string]any{"type": "l2_updates", "symbol": sym, "changes": [][]string{{"buy", "97000.00", "0.4"}}})
				}
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
