package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { registerVenue("bitflyer", func() Venue { return &bitflyerVenue{} }) }

// bitflyerVenue imitates api.bitflyer.com (gethealth, getboardstate with
// ?product_code=) and the JSON-RPC 2.0 lightstream.
//
// Scenarios in bitFlyer's own terms:
//   - Busy: health SUPER BUSY on BTC_JPY, BUSY elsewhere; board RUNNING.
//   - Halted: health STOP, board CLOSED.
//   - PairHalted: State.Pairs STOP/CLOSED.
//   - Restricted: circuit break: health NO ORDER, board CIRCUIT BREAK.
//   - MaintenanceScheduled: announced on the website only; API normal.
//   - MaintenanceActive: bitFlyer has no maintenance value; during its
//     maintenance the board is CLOSED and health STOP, which is what this
//     serves (the adapter reports an outage, which is what the API says).
//   - UnknownValue: values nobody has seen.
type bitflyerVenue struct{}

var bitflyerProducts = []string{"BTC_JPY", "ETH_JPY", "ETH_BTC", "BCH_BTC", "FX_BTC_JPY", "XRP_JPY"}

func (bitflyerVenue) ID() string     { return "bitflyer" }
func (bitflyerVenue) WSPath() string { return "/json-rpc" }

// bitflyerBoard returns health and board state for a product.
func bitflyerBoard(s State, pc string) (health, state string) {
	switch s.Scenario {
	case Busy:
		if pc == "BTC_JPY" {
			return "SUPER BUSY", "RUNNING"
		}
		return "BUSY", "RUNNING"
	case Halted, MaintenanceActive:
		return "STOP", "CLOSED"
	case PairHalted:
		if slices.ContainsFunc(s.Pairs, func(p string) bool { return strings.EqualFold(p, pc) }) {
			return "STOP", "CLOSED"
		}
	case Restricted:
		return "NO ORDER", "CIRCUIT BREAK"
	case UnknownValue:
		return "SLEEPY", "DREAMING"
	}
	return "NORMAL", "RUNNING"
}

func bitflyerProduct(w http.ResponseWriter, r *http.Request) (string, bool) {
	pc := r.URL.Query().Get("product_code")
	if pc == "" {
		pc = "BTC_JPY" // the real API defaults to BTC_JPY
	}
	pc = strings.ToUpper(pc)
	if !slices.Contains(bitflyerProducts, pc) {
		replyJSON(w, http.StatusBadRequest, map[string]any{"status": -156, "error_message": "Invalid product_code", "data": nil})
		return "", false
	}
	return pc, true
}

func (bitflyerVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /v1/gethealth", func(w http.ResponseWriter, r *http.Request) {
		pc, ok := bitflyerProduct(w, r)
		if !ok {
			return
		}
		h, _ := bitflyerBoard(st(), pc)
		replyJSON(w, http.StatusOK, map[string]any{"status": h})
	})
	mux.HandleFunc("GET /v1/getboardstate", func(w http.ResponseWriter, r *http.Request) {
		pc, ok := bitflyerProduct(w, r)
		if !ok {
			return
		}
		h, s := bitflyerBoard(st(), pc)
		body := map[string]any{"health": h, "state": s}
		if strings.HasPrefix(pc, "BTCJPY") { // futures only
			body["data"] = map[string]any{"special_quotation": 15000000}
		}
		replyJSON(w, http.StatusOK, body)
	})
}

// ServeWS speaks JSON-RPC 2.0: subscribe gets {"result":true}, every tick
// each subscribed ticker channel gets a channelMessage whose "state" is the
// board state, and the server sends protocol pings (real: ~15 s; here every
// 5 ticks).
func (bitflyerVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
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
			var req struct {
				Method string          `json:"method"`
				ID     json.RawMessage `json:"id"`
				Params struct {
					Channel string `json:"channel"`
				} `json:"params"`
			}
			if json.Unmarshal(msg, &req) != nil {
				continue
			}
			var reply map[string]any
			switch req.Method {
			case "subscribe":
				subs[req.Params.Channel] = true
				reply = map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": true}
			case "unsubscribe":
				delete(subs, req.Params.Channel)
				reply = map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": true}
			default:
				reply = map[string]any{"jsonrpc": "2.0", "id": req.ID, "error": map[string]any{"code": -32601, "message": "Method not found"}}
			}
			if len(req.ID) == 0 {
				continue // a notification gets no reply
			}
			b, _ := json.Marshal(reply)
			if c.Send(b) != nil {
				return
			}
		case <-tick:
			n++
			if n%5 == 0 && c.Ping() != nil {
				return
			}
			s := st()
			for ch := range subs {
				pc, ok := strings.CutPrefix(ch, "lightning_ticker_")
				if !ok || !slices.Contains(bitflyerProducts, pc) {
					continue
				}
				_, state := bitflyerBoard(s, pc)
				m := map[string]any{
					"product_code": pc, "state": state, "timestamp": time.Now().UTC().Format("2006-01-02T15:04:05.000"),
					"tick_id": n, "best_bid": 15000000, "best_ask": 15000100, "best_bid_size": 0.1, "best_ask_size": 0.2,
					"total_bid_depth": 1234.5, "total_ask_depth": 1200.1, "market_bid_size": 0, "market_ask_size": 0,
					"ltp": 15000050, "volume": 4321.1, "volume_by_product": 4321.1,
				}
				if state == "CIRCUIT BREAK" {
					m["circuit_break_end"] = time.Now().Add(10 * time.Minute).UTC().Format("2006-01-02T15:04:05")
				}
				b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "channelMessage",
					"params": map[string]any{"channel": ch, "message": m}})
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
