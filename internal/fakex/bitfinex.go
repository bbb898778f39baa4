package fakex

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
)

func init() { registerVenue("bitfinex", func() Venue { return &bitfinexVenue{} }) }

// bitfinexVenue imitates api-pub.bitfinex.com (v2/platform/status),
// bitfinex.statuspage.io (the shared Statuspage fake) and the public
// websocket /ws/2.
//
// Scenarios in Bitfinex's own terms: platform/status only knows operative
// [1] and maintenance [0].
//   - Busy, PairHalted, Restricted, MaintenanceScheduled: [1]; the status
//     page tells the story. PairHalted also stops that pair's ticker.
//   - Halted, MaintenanceActive: [0] (a platform stop is maintenance mode),
//     and the websocket sends info 20060 when it begins, 20061 when it ends.
//   - UnknownValue: [2].
type bitfinexVenue struct{}

func (bitfinexVenue) ID() string     { return "bitfinex" }
func (bitfinexVenue) WSPath() string { return "/ws/2" }

func bitfinexStatus(s State) int {
	switch s.Scenario {
	case Halted, MaintenanceActive:
		return 0
	case UnknownValue:
		return 2
	}
	return 1
}

func (bitfinexVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /v2/platform/status", func(w http.ResponseWriter, r *http.Request) {
		replyJSON(w, http.StatusOK, []int{bitfinexStatus(st())})
	})
	StatusPageRoutes(mux, st)
}

// ServeWS: the info event on connect, pong for ping (echoing cid),
// subscribed with a chanId, each tick a ticker update or a heartbeat per
// channel, and info 20060/20061 when maintenance begins and ends.
func (bitfinexVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	status := bitfinexStatus(st())
	info, _ := json.Marshal(map[string]any{"event": "info", "version": 2, "serverId": "fake-0001", "platform": map[string]int{"status": status}})
	if c.Send(info) != nil {
		return
	}
	tick, stop := c.Heartbeat()
	defer stop()
	chans := map[int]string{} // chanId -> symbol
	next, n := 100, 0
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			var req struct {
				Event   string          `json:"event"`
				CID     json.RawMessage `json:"cid"`
				Channel string          `json:"channel"`
				Symbol  string          `json:"symbol"`
			}
			if json.Unmarshal(msg, &req) != nil {
				continue
			}
			var reply any
			switch req.Event {
			case "ping":
				r := map[string]any{"event": "pong", "ts": time.Now().UnixMilli()}
				if len(req.CID) > 0 {
					r["cid"] = req.CID
				}
				reply = r
			case "subscribe":
				if req.Channel != "ticker" || len(req.Symbol) < 2 {
					reply = map[string]any{"event": "error", "msg": "symbol: invalid", "code": 10300}
					break
				}
				next++
				chans[next] = req.Symbol
				reply = map[string]any{"event": "subscribed", "channel": "ticker", "chanId": next, "symbol": req.Symbol, "pair": req.Symbol[1:]}
			default:
				reply = map[string]any{"event": "error", "msg": "unknown event", "code": 10000}
			}
			b, _ := json.Marshal(reply)
			if c.Send(b) != nil {
				return
			}
		case <-tick:
			n++
			s := st()
			if now := bitfinexStatus(s); now != status {
				var code int
				switch {
				case now == 0:
					code = 20060
				case status == 0:
					code = 20061
				}
				status = now
				if code != 0 {
					b, _ := json.Marshal(map[string]any{"event": "info", "code": code, "msg": "Maintenance mode change (code " + strconv.Itoa(code) + ")"})
					if c.Send(b) != nil {
						return
					}
				}
			}
			for id, sym := range chans {
				var b []byte
				if status == 0 || n%2 == 0 || (s.Scenario == PairHalted && slices.Contains(s.Pairs, sym)) {
					b, _ = json.Marshal([]any{id, "hb"})
				} else {
					b, _ = json.Marshal([]any{id, []float64{95000, 1.5, 95001, 2.1, -100, -0.001, 95000 + float64(n%5), 1234.5, 96000, 94000}})
				}
				if c.Send(b) != nil {
					return
				}
			}
		}
	}
}
