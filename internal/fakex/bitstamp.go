package fakex

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() { registerVenue("bitstamp", func() Venue { return &bitstampVenue{} }) }

// bitstampVenue imitates www.bitstamp.net (/api/v2/trading-pairs-info/),
// status.bitstamp.net (Statuspage v2) and ws.bitstamp.net.
//
// Scenarios in Bitstamp's own terms (per-pair Enabled/Disabled flags):
//   - Busy: pairs have no busy flag; they stay enabled and the status page shows degraded performance.
//   - Halted: every pair trading Disabled.
//   - PairHalted: State.Pairs trading Disabled.
//   - Restricted: instant_and_market_orders Disabled on every pair (limit orders only).
//   - MaintenanceScheduled: enabled; a scheduled maintenance on the status page.
//   - MaintenanceActive: the site answers HTTP 503 with an HTML maintenance
//     page; the status page shows the maintenance and the websocket sends bts:request_reconnect.
//   - UnknownValue: btcusd trading has a value nobody has seen.
type bitstampVenue struct{}

var bitstampPairs = [][2]string{{"btcusd", "BTC/USD"}, {"btceur", "BTC/EUR"}, {"ethusd", "ETH/USD"}, {"xrpusd", "XRP/USD"}, {"ltcusd", "LTC/USD"}, {"ethbtc", "ETH/BTC"}}

func (bitstampVenue) ID() string     { return "bitstamp" }
func (bitstampVenue) WSPath() string { return "/" }

func (bitstampVenue) Routes(mux *http.ServeMux, st func() State) {
	StatusPageRoutes(mux, st)
	mux.HandleFunc("GET /api/v2/trading-pairs-info/", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		if s.Scenario == MaintenanceActive {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Bitstamp - Maintenance</title></head><body><h1>We are currently performing scheduled maintenance.</h1></body></html>")
			return
		}
		var out []map[string]any
		for _, p := range bitstampPairs {
			trading, market := "Enabled", "Enabled"
			switch {
			case s.Scenario == Halted, s.Scenario == PairHalted && slices.ContainsFunc(s.Pairs, func(x string) bool { return strings.EqualFold(x, p[0]) }):
				trading = "Disabled"
			case s.Scenario == Restricted:
				market = "Disabled"
			case s.Scenario == UnknownValue && p[0] == "btcusd":
				trading = "Paused"
			}
			base, quote, _ := strings.Cut(p[1], "/")
			out = append(out, map[string]any{
				"name": p[1], "url_symbol": p[0], "base_decimals": 8, "counter_decimals": 2, "instant_order_counter_decimals": 2,
				"minimum_order": "10 " + quote, "trading": trading, "instant_and_market_orders": market,
				"description": base + " / " + quote,
			})
		}
		spWriteJSON(w, http.StatusOK, out)
	})
}

// ServeWS speaks the Bitstamp websocket: bts:subscription_succeeded,
// order_book data every tick and a trade every third, answers to
// bts:heartbeat, and bts:request_reconnect when maintenance begins.
func (bitstampVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	var channels []string
	last := st().Scenario
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
				Event string `json:"event"`
				Data  struct {
					Channel string `json:"channel"`
				} `json:"data"`
			}
			var reply any
			switch {
			case json.Unmarshal(msg, &req) != nil:
				reply = map[string]any{"event": "bts:error", "channel": "", "data": map[string]any{"code": nil, "message": "Bad request."}}
			case req.Event == "bts:heartbeat":
				reply = map[string]any{"event": "bts:heartbeat", "channel": "", "data": map[string]string{"status": "success"}}
			case req.Event == "bts:subscribe" && req.Data.Channel != "":
				channels = append(channels, req.Data.Channel)
				reply = map[string]any{"event": "bts:subscription_succeeded", "channel": req.Data.Channel, "data": map[string]any{}}
			case req.Event == "bts:unsubscribe":
				channels = slices.DeleteFunc(channels, func(c string) bool { return c == req.Data.Channel })
				reply = map[string]any{"event": "bts:unsubscription_succeeded", "channel": req.Data.Channel, "data": map[string]any{}}
			default:
				reply = map[string]any{"event": "bts:error", "channel": "", "data": map[string]any{"code": nil, "message": "Incorrect JSON format."}}
			}
			b, _ := json.Marshal(reply)
			if c.Send(b) != nil {
				return
			}
		case <-tick:
			n++
			s := st()
			if s.Scenario != last && s.Scenario == MaintenanceActive {
				if c.Send([]byte(`{"event":"bts:request_reconnect","channel":"","data":""}`)) != nil {
					return
				}
			}
			last = s.Scenario
			now := time.Now()
			ts, micro := strconv.FormatInt(now.Unix(), 10), strconv.FormatInt(now.UnixMicro(), 10)
			for _, ch := range channels {
				var b []byte
				switch {
				case strings.HasPrefix(ch, "order_book_"):
					b, _ = json.Marshal(map[string]any{"event": "data", "channel": ch, "data": map[string]any{
						"timestamp": ts, "microtimestamp": micro,
						"bids": [][]string{{"97000", "0.10000000"}}, "asks": [][]string{{"97001", "0.20000000"}}}})
				case strings.HasPrefix(ch, "live_trades_") && n%3 == 0:
					b, _ = json.Marshal(map[string]any{"event": "trade", "channel": ch, "data": map[string]any{
						"id": 300000000 + n, "timestamp": ts, "amount": 0.01, "amount_str": "0.01000000", "price": 97000.5,
						"price_str": "97000.5", "type": 0, "microtimestamp": micro, "buy_order_id": 1, "sell_order_id": 2}})
				default:
					continue
				}
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
