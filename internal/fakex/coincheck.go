package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() { registerVenue("coincheck", func() Venue { return &coincheckVenue{} }) }

// coincheckVenue imitates coincheck.com/api/exchange_status and the public
// websocket ws-api.coincheck.com (no heartbeat: market data only).
//
// Scenarios in Coincheck's own terms:
//   - Busy: Coincheck publishes no load level; the closest real thing is
//     market orders switched off (availability.market_order false) on btc_jpy.
//   - Halted: every pair "stop" with all availability false.
//   - PairHalted: State.Pairs "stop".
//   - Restricted: every pair "itayose" (call auction).
//   - MaintenanceScheduled: announced on the news page only; API normal.
//   - MaintenanceActive: there is no maintenance value; during maintenance
//     trading is stopped, so every pair is "stop" with orders and cancels off.
//   - UnknownValue: btc_jpy reports a status nobody has seen.
type coincheckVenue struct{}

var coincheckPairs = []string{"btc_jpy", "eth_jpy", "etc_jpy", "lsk_jpy", "xrp_jpy", "bch_jpy", "ltc_jpy", "mona_jpy"}

func (coincheckVenue) ID() string     { return "coincheck" }
func (coincheckVenue) WSPath() string { return "/" }

func coincheckPairState(s State, pair string) (status string, order, market, cancel bool) {
	switch s.Scenario {
	case Busy:
		return "available", true, pair != "btc_jpy", true
	case Halted, MaintenanceActive:
		return "stop", false, false, false
	case PairHalted:
		if slices.Contains(s.Pairs, pair) {
			return "stop", false, false, false
		}
	case Restricted:
		return "itayose", true, false, true
	case UnknownValue:
		if pair == "btc_jpy" {
			return "paused", true, true, true
		}
	}
	return "available", true, true, true
}

func (coincheckVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /api/exchange_status", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		want := r.URL.Query().Get("pair")
		if want != "" && !slices.Contains(coincheckPairs, want) {
			replyJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": "invalid pair"})
			return
		}
		var list []map[string]any
		for _, p := range coincheckPairs {
			if want != "" && p != want {
				continue
			}
			status, order, market, cancel := coincheckPairState(s, p)
			list = append(list, map[string]any{"pair": p, "status": status, "timestamp": time.Now().Unix(),
				"availability": map[string]bool{"order": order, "market_order": market, "cancel": cancel}})
		}
		replyJSON(w, http.StatusOK, map[string]any{"exchange_status": list})
	})
}

// ServeWS: subscribe {"type":"subscribe","channel":"btc_jpy-trades"} (no
// ack); each tick a trades message and an orderbook diff per channel. A
// stopped pair sends nothing, as there is nothing to trade.
func (coincheckVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	subs := map[string]bool{}
	n := 0
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			var req struct{ Type, Channel string }
			if json.Unmarshal(msg, &req) == nil && req.Type == "subscribe" {
				subs[req.Channel] = true
			}
		case <-tick:
			n++
			s := st()
			for ch := range subs {
				pair, kind, ok := strings.Cut(ch, "-")
				if !ok || !slices.Contains(coincheckPairs, pair) {
					continue
				}
				if status, _, _, _ := coincheckPairState(s, pair); status == "stop" {
					continue
				}
				var v any
				switch kind {
				case "trades":
					id := strconv.Itoa(1000000 + n)
					v = [][]string{{strconv.FormatInt(time.Now().Unix(), 10), id, pair, "15000000.0", "0.01", "buy", "1" + id, "2" + id}}
				case "orderbook":
					v = []any{pair, map[string]any{"bids": [][]string{{"14999000.0", "0.1"}}, "asks": [][]string{{"15001000.0", "0.2"}},
						"last_update_at": strconv.FormatInt(time.Now().Unix(), 10)}}
				default:
					continue
				}
				b, _ := json.Marshal(v)
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
