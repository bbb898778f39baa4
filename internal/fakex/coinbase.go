package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { registerVenue("coinbase", func() Venue { return &coinbaseVenue{} }) }

// coinbaseVenue imitates api.exchange.coinbase.com (/products),
// status.coinbase.com (Statuspage v2) and ws-feed.exchange.coinbase.com.
//
// Scenarios in Coinbase's own terms (products carry flags, not a system state):
//   - Busy: products have no busy flag; they stay normal and the status page shows degraded performance.
//   - Halted: every product trading_disabled.
//   - PairHalted: State.Pairs trading_disabled.
//   - Restricted: every product cancel_only.
//   - MaintenanceScheduled: products normal; a scheduled maintenance on the status page.
//   - MaintenanceActive: Coinbase puts markets in cancel-only during
//     maintenance; the status page shows it in progress.
//   - UnknownValue: BTC-USD has a status nobody has seen.
type coinbaseVenue struct{}

var coinbaseProducts = []string{"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "LTC-USD", "BTC-EUR", "ETH-BTC", "DOGE-USD"}

func (coinbaseVenue) ID() string     { return "coinbase" }
func (coinbaseVenue) WSPath() string { return "/" }

// coinbaseProductList is the product array for the REST list and the ws status channel.
func coinbaseProductList(st State, ws bool) []map[string]any {
	var out []map[string]any
	for _, id := range coinbaseProducts {
		base, quote, _ := strings.Cut(id, "-")
		p := map[string]any{
			"id": id, "base_currency": base, "quote_currency": quote, "display_name": strings.ReplaceAll(id, "-", "/"),
			"base_increment": "0.00000001", "quote_increment": "0.01", "min_market_funds": "1",
			"status": "online", "status_message": "", "cancel_only": false, "post_only": false, "limit_only": false,
			"fx_stablecoin": false, "max_slippage_percentage": "0.02000000",
		}
		if !ws {
			p["margin_enabled"] = false
			p["trading_disabled"] = false
			p["auction_mode"] = false
			p["high_bid_limit_percentage"] = ""
		}
		switch {
		case st.Scenario == Halted, st.Scenario == PairHalted && slices.Contains(st.Pairs, id):
			p["trading_disabled"] = true
			p["status"] = "offline" // the ws status channel has no trading_disabled flag
			if !ws {
				p["status"] = "online"
			}
			p["status_message"] = "Trading is temporarily disabled"
		case st.Scenario == Restricted, st.Scenario == MaintenanceActive:
			p["cancel_only"] = true
			p["status_message"] = "Cancel only mode"
		case st.Scenario == UnknownValue && id == "BTC-USD":
			p["status"] = "paused_for_review"
		}
		out = append(out, p)
	}
	return out
}

func (coinbaseVenue) Routes(mux *http.ServeMux, st func() State) {
	StatusPageRoutes(mux, st)
	mux.HandleFunc("GET /products", func(w http.ResponseWriter, r *http.Request) {
		spWriteJSON(w, http.StatusOK, coinbaseProductList(st(), false))
	})
}

// ServeWS speaks ws-feed: subscriptions ack, heartbeat messages (one per
// product per tick) and status messages on subscribe, on change and every 10 ticks.
func (coinbaseVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	var hbProducts []string
	statusOn := false
	last := st().Scenario
	seq := 0
	sendStatus := func() error {
		b, _ := json.Marshal(map[string]any{"type": "status", "products": coinbaseProductList(st(), true), "currencies": []any{}})
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
				Type     string            `json:"type"`
				Products []string          `json:"product_ids"`
				Channels []json.RawMessage `json:"channels"`
			}
			if json.Unmarshal(msg, &req) != nil || req.Type != "subscribe" {
				b, _ := json.Marshal(map[string]any{"type": "error", "message": "Failed to subscribe", "reason": "type is not recognised"})
				if c.Send(b) != nil {
					return
				}
				continue
			}
			var acks []map[string]any
			for _, raw := range req.Channels {
				var ch struct {
					Name     string   `json:"name"`
					Products []string `json:"product_ids"`
				}
				if json.Unmarshal(raw, &ch) != nil {
					var name string
					if json.Unmarshal(raw, &name) != nil {
						continue
					}
					ch.Name = name
				}
				if len(ch.Products) == 0 {
					ch.Products = req.Products
				}
				switch ch.Name {
				case "heartbeat":
					if len(ch.Products) == 0 {
						b, _ := json.Marshal(map[string]any{"type": "error", "message": "Failed to subscribe",
							"reason": "You need to specify at least one product ID for channel heartbeat"})
						if c.Send(b) != nil {
							return
						}
						continue
					}
					hbProducts = ch.Products
					acks = append(acks, map[string]any{"name": "heartbeat", "product_ids": ch.Products, "account_ids": nil})
				case "status":
					statusOn = true
					acks = append(acks, map[string]any{"name": "status", "product_ids": []string{}, "account_ids": nil})
				}
			}
			b, _ := json.Marshal(map[string]any{"type": "subscriptions", "channels": acks})
			if c.Send(b) != nil {
				return
			}
			if statusOn && sendStatus() != nil {
				return
			}
		case <-tick:
			seq++
			now := time.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
			for _, p := range hbProducts {
				b, _ := json.Marshal(map[string]any{"type": "heartbeat", "sequence": 1000 + seq, "last_trade_id": 500 + seq, "product_id": p, "time": now})
				if c.Send(b) != nil {
					return
				}
			}
			if sc := st().Scenario; statusOn && (sc != last || seq%10 == 0) {
				last = sc
				if sendStatus() != nil {
					return
				}
			}
		}
	}
}
