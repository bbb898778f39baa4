package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

func init() { registerVenue("gmocoin", func() Venue { return &gmocoinVenue{} }) }

// gmocoinVenue imitates api.coin.z.com: /public/v1/status and the public
// websocket /ws/public/v1.
//
// Scenarios in GMO Coin's own terms:
//   - Busy, PairHalted, MaintenanceScheduled: GMO's status is exchange-wide
//     and has no load or per-symbol value; it stays OPEN (maintenance is
//     announced on the news page).
//   - Halted: an unplanned stop is an emergency maintenance at GMO: the
//     ERR-5202 envelope with HTTP 503, and websocket upgrades get 503.
//   - Restricted: PREOPEN.
//   - MaintenanceActive: data.status MAINTENANCE; websocket upgrades get 503.
//   - UnknownValue: a status nobody has seen.
type gmocoinVenue struct{}

const gmocoinWSPath = "/ws/public/v1"

func (gmocoinVenue) ID() string     { return "gmocoin" }
func (gmocoinVenue) WSPath() string { return gmocoinWSPath }

func gmocoinTime() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

func (gmocoinVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /public/v1/status", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		status := "OPEN"
		switch s.Scenario {
		case Halted:
			replyJSON(w, http.StatusServiceUnavailable, map[string]any{"status": 5, "messages": []map[string]string{
				{"message_code": "ERR-5202", "message_string": "MAINTENANCE. Please wait for a while"}}, "responsetime": gmocoinTime()})
			return
		case Restricted:
			status = "PREOPEN"
		case MaintenanceActive:
			status = "MAINTENANCE"
		case UnknownValue:
			status = "HIBERNATING"
		}
		replyJSON(w, http.StatusOK, map[string]any{"status": 0, "data": map[string]string{"status": status}, "responsetime": gmocoinTime()})
	})
	// During maintenance the real upgrade answers HTTP 503. The server
	// registers the websocket handler on the bare path after Routes; this
	// GET pattern is more specific, so it sees upgrades first and hands the
	// rest to that handler (found by looking the path up with another method).
	mux.HandleFunc("GET "+gmocoinWSPath, func(w http.ResponseWriter, r *http.Request) {
		if sc := st().Scenario; sc == MaintenanceActive || sc == Halted {
			http.Error(w, "503 Service Temporarily Unavailable", http.StatusServiceUnavailable)
			return
		}
		probe := r.Clone(r.Context())
		probe.Method = http.MethodPost
		if h, pattern := mux.Handler(probe); pattern == gmocoinWSPath {
			h.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
}

// ServeWS: subscribe {"command":"subscribe","channel":"ticker","symbol":"BTC"}
// (no ack; a bad request gets {"error":"ERR-5106 ..."}), a ticker per
// subscribed symbol every tick, and a protocol ping every tick (real: once
// a minute).
func (gmocoinVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	symbols := map[string]bool{}
	n := 0
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			var req struct{ Command, Channel, Symbol string }
			if json.Unmarshal(msg, &req) != nil || req.Command == "" || req.Symbol == "" {
				if c.Send([]byte(`{"error":"ERR-5106 Invalid request parameter. symbol"}`)) != nil {
					return
				}
				continue
			}
			if req.Channel != "ticker" {
				continue
			}
			switch req.Command {
			case "subscribe":
				symbols[req.Symbol] = true
			case "unsubscribe":
				delete(symbols, req.Symbol)
			}
		case <-tick:
			n++
			if c.Ping() != nil {
				return
			}
			for sym := range symbols {
				b, _ := json.Marshal(map[string]string{"channel": "ticker", "ask": "15000100", "bid": "15000000",
					"high": "15100000", "last": strconv.Itoa(15000050 + n%5), "low": "14900000", "symbol": sym,
					"timestamp": gmocoinTime(), "volume": "123.4567"})
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
