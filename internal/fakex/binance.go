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

func init() { registerVenue("binance", func() Venue { return &binanceVenue{} }) }

// binanceVenue imitates api.binance.com (sapi/v1/system/status,
// api/v3/exchangeInfo) and the market stream at /ws.
//
// Scenarios in Binance's own terms:
//   - Busy, MaintenanceScheduled: nothing in the API expresses load or an
//     upcoming window (announcements only): status 0, symbols TRADING.
//   - Halted: every symbol HALT.
//   - PairHalted: State.Pairs HALT.
//   - Restricted: every symbol CANCEL_ONLY.
//   - MaintenanceActive: system status 1 "system_maintenance"; the stream
//     sends serverShutdown once and then goes quiet.
//   - UnknownValue: system status 2 and BTCUSDT in a status nobody has seen.
type binanceVenue struct{}

var binanceSymbols = []string{"BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT", "SOLUSDT", "ETHBTC"}

func (binanceVenue) ID() string     { return "binance" }
func (binanceVenue) WSPath() string { return "/ws" }

func binanceSymbolStatus(s State, sym string) string {
	switch s.Scenario {
	case Halted:
		return "HALT"
	case PairHalted:
		if slices.ContainsFunc(s.Pairs, func(p string) bool { return strings.EqualFold(p, sym) }) {
			return "HALT"
		}
	case Restricted:
		return "CANCEL_ONLY"
	case UnknownValue:
		if sym == "BTCUSDT" {
			return "FROZEN"
		}
	}
	return "TRADING"
}

func (binanceVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /sapi/v1/system/status", func(w http.ResponseWriter, r *http.Request) {
		switch st().Scenario {
		case MaintenanceActive:
			replyJSON(w, http.StatusOK, map[string]any{"status": 1, "msg": "system_maintenance"})
		case UnknownValue:
			replyJSON(w, http.StatusOK, map[string]any{"status": 2, "msg": "system_upgrade"})
		default:
			replyJSON(w, http.StatusOK, map[string]any{"status": 0, "msg": "normal"})
		}
	})
	mux.HandleFunc("GET /api/v3/exchangeInfo", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		q := r.URL.Query()
		var want []string
		if v := q.Get("symbols"); v != "" {
			if json.Unmarshal([]byte(v), &want) != nil || len(want) == 0 {
				replyJSON(w, http.StatusBadRequest, map[string]any{"code": -1100, "msg": "Illegal characters found in parameter 'symbols'."})
				return
			}
		} else if v := q.Get("symbol"); v != "" {
			want = []string{v}
		}
		for _, sym := range want {
			if !slices.Contains(binanceSymbols, sym) {
				replyJSON(w, http.StatusBadRequest, map[string]any{"code": -1121, "msg": "Invalid symbol."})
				return
			}
		}
		if len(want) == 0 {
			want = binanceSymbols
		}
		var list []map[string]any
		for _, sym := range want {
			list = append(list, map[string]any{"symbol": sym, "status": binanceSymbolStatus(s, sym),
				"baseAsset": strings.TrimSuffix(strings.TrimSuffix(sym, "USDT"), "BTC"), "quoteAsset": "USDT",
				"orderTypes": []string{"LIMIT", "MARKET"}, "isSpotTradingAllowed": true, "filters": []any{}, "permissionSets": [][]string{{"SPOT"}}})
		}
		replyJSON(w, http.StatusOK, map[string]any{"timezone": "UTC", "serverTime": time.Now().UnixMilli(),
			"rateLimits":      []map[string]any{{"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000}},
			"exchangeFilters": []any{}, "symbols": list})
	})
}

// ServeWS: SUBSCRIBE gets {"result":null,"id":N}; each tick an aggTrade per
// stream; a protocol ping every 5 ticks (real: 20 s); serverShutdown when
// maintenance begins, after which nothing more is sent.
func (binanceVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	streams := map[string]bool{}
	n := 0
	shutdownSent := false
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
				Params []string        `json:"params"`
				ID     json.RawMessage `json:"id"`
			}
			if json.Unmarshal(msg, &req) != nil || len(req.ID) == 0 {
				if c.Send([]byte(`{"error":{"code":2,"msg":"Invalid request: request ID must be an unsigned integer"},"id":null}`)) != nil {
					return
				}
				continue
			}
			for _, p := range req.Params {
				switch req.Method {
				case "SUBSCRIBE":
					streams[p] = true
				case "UNSUBSCRIBE":
					delete(streams, p)
				}
			}
			b, _ := json.Marshal(map[string]any{"result": nil, "id": req.ID})
			if c.Send(b) != nil {
				return
			}
		case <-tick:
			n++
			if n%5 == 0 && c.Ping() != nil {
				return
			}
			s := st()
			if s.Scenario == MaintenanceActive {
				if !shutdownSent {
					shutdownSent = true
					if c.Send([]byte(`{"e":"serverShutdown","E":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}`)) != nil {
						return
					}
				}
				continue
			}
			shutdownSent = false
			for stream := range streams {
				sym, kind, _ := strings.Cut(stream, "@")
				sym = strings.ToUpper(sym)
				if kind != "aggTrade" || !slices.Contains(binanceSymbols, sym) || binanceSymbolStatus(s, sym) != "TRADING" {
					continue
				}
				now := time.Now().UnixMilli()
				b, _ := json.Marshal(map[string]any{"e": "aggTrade", "E": now, "s": sym, "a": n, "p": "95000.01", "q": "0.010",
					"f": 100 + n, "l": 100 + n, "T": now, "m": n%2 == 0, "M": true})
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
