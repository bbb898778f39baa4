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

	"safeharbor/internal/socketio"
)

func init() { registerVenue("bitbank", func() Venue { return &bitbankVenue{} }) }

// bitbankVenue imitates api.bitbank.cc (spot/status), public.bitbank.cc
// (circuit_break_info) and stream.bitbank.cc (Socket.IO v4).
//
// Scenarios in bitbank's own terms:
//   - Busy: every pair BUSY, btc_jpy VERY_BUSY.
//   - Halted: every pair HALT.
//   - PairHalted: State.Pairs HALT, the rest NORMAL.
//   - Restricted: bitbank's spot/status has no restriction value; the real
//     thing is a circuit break, so spot/status stays NORMAL and
//     circuit_break_info says CIRCUIT_BREAK (for State.Pairs, or every pair).
//   - MaintenanceScheduled: bitbank announces maintenance only on its blog,
//     so the API stays NORMAL.
//   - MaintenanceActive: HTTP 503 with the error envelope code 10007.
//   - UnknownValue: btc_jpy reports a status nobody has seen.
type bitbankVenue struct{}

var bitbankPairs = []string{"btc_jpy", "eth_jpy", "xrp_jpy", "ltc_jpy", "mona_jpy", "bcc_jpy", "xlm_jpy", "qtum_jpy"}

func (bitbankVenue) ID() string     { return "bitbank" }
func (bitbankVenue) WSPath() string { return "/socket.io/" }

func bitbankPairStatus(st State, pair string) string {
	switch st.Scenario {
	case Busy:
		if pair == "btc_jpy" {
			return "VERY_BUSY"
		}
		return "BUSY"
	case Halted:
		return "HALT"
	case PairHalted:
		if slices.Contains(st.Pairs, pair) {
			return "HALT"
		}
	case UnknownValue:
		if pair == "btc_jpy" {
			return "SUSPENDED_FOR_REASONS"
		}
	}
	return "NORMAL"
}

func bitbankMaintenanceBody(w http.ResponseWriter) {
	replyJSON(w, http.StatusServiceUnavailable, map[string]any{"success": 0, "data": map[string]any{"code": 10007}})
}

func (bitbankVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("GET /v1/spot/status", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		if s.Scenario == MaintenanceActive {
			bitbankMaintenanceBody(w)
			return
		}
		var list []map[string]any
		for _, p := range bitbankPairs {
			list = append(list, map[string]any{"pair": p, "status": bitbankPairStatus(s, p), "min_amount": "0.0001"})
		}
		replyJSON(w, http.StatusOK, map[string]any{"success": 1, "data": map[string]any{"statuses": list}})
	})
	// "/{pair}/circuit_break_info" would conflict with the websocket's
	// "/socket.io/" pattern, so the public host is a catch-all.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s := st()
		pair, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/circuit_break_info")
		if !ok || strings.Contains(pair, "/") {
			http.NotFound(w, r)
			return
		}
		if !slices.Contains(bitbankPairs, pair) {
			replyJSON(w, http.StatusOK, map[string]any{"success": 0, "data": map[string]any{"code": 10000}})
			return
		}
		if s.Scenario == MaintenanceActive {
			bitbankMaintenanceBody(w)
			return
		}
		replyJSON(w, http.StatusOK, map[string]any{"success": 1, "data": bitbankCircuitData(s, pair)})
	})
}

// bitbankCircuitData is circuit_break_info's data for a pair (REST and stream).
func bitbankCircuitData(s State, pair string) map[string]any {
	mode := "NONE"
	var reopen any
	switch s.Scenario {
	case Restricted:
		if len(s.Pairs) == 0 || slices.Contains(s.Pairs, pair) {
			mode = "CIRCUIT_BREAK"
			reopen = time.Now().Add(15 * time.Minute).UnixMilli()
		}
	case UnknownValue:
		if pair == "btc_jpy" {
			mode = "HYPER_BREAK"
		}
	}
	return map[string]any{
		"mode": mode, "estimated_itayose_price": nil, "estimated_itayose_amount": nil,
		"itayose_upper_price": nil, "itayose_lower_price": nil,
		"upper_trigger_price": "16500000", "lower_trigger_price": "13500000",
		"fee_type": "NORMAL", "reopen_timestamp": reopen, "timestamp": time.Now().UnixMilli(),
	}
}

// ServeWS speaks Engine.IO v4 / Socket.IO v4 like stream.bitbank.cc: open
// packet, "40" connect answered with "40{sid}", join-room events, "2" pings
// that the client must answer with "3", and room messages every tick.
func (v bitbankVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	// Real: pingInterval 25000, pingTimeout 20000. Scaled to the heartbeat so
	// tests run fast: one ping every 5 ticks, a generous timeout.
	interval := max(5*c.server.HeartbeatEvery, time.Millisecond)
	timeout := 4 * interval
	sid := strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := c.Send(socketio.EncodeOpen(socketio.Handshake{SID: sid, Upgrades: []string{},
		PingInterval: int(interval / time.Millisecond), PingTimeout: int(timeout / time.Millisecond), MaxPayload: 1000000})); err != nil {
		return
	}
	tick, stop := c.Heartbeat()
	defer stop()
	connected := false
	rooms := map[string]bool{}
	circuit := map[string]string{} // room -> mode last pushed
	n := 0
	start := time.Now()
	lastPong := start
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-c.In:
			if !ok {
				return
			}
			p, err := socketio.Decode(msg)
			if err != nil {
				continue
			}
			switch {
			case p.EIO == socketio.Pong:
				lastPong = time.Now()
			case p.EIO == socketio.Message && p.SIO == socketio.Connect:
				connected = true
				if c.Send([]byte(`40{"sid":"`+sid+`x"}`)) != nil {
					return
				}
			case p.EIO == socketio.Message && p.SIO == socketio.Event:
				var ev []string
				if json.Unmarshal(p.Data, &ev) == nil && len(ev) == 2 {
					switch ev[0] {
					case "join-room":
						rooms[ev[1]] = true
					case "leave-room":
						delete(rooms, ev[1])
						delete(circuit, ev[1])
					}
				}
			}
		case <-tick:
			n++
			if n%5 == 0 {
				if time.Since(lastPong) > interval+timeout {
					return // the real server drops a client that stops answering pings
				}
				if c.Send(socketio.PingFrame) != nil {
					return
				}
			}
			if !connected {
				if time.Since(start) > interval+timeout {
					return // the real server drops a socket that never sends "40"
				}
				continue
			}
			s := st()
			for room := range rooms {
				if pair, ok := strings.CutPrefix(room, "circuit_break_info_"); ok && slices.Contains(bitbankPairs, pair) {
					// Pushed on join and whenever the mode changes.
					data := bitbankCircuitData(s, pair)
					if mode := data["mode"].(string); circuit[room] != mode {
						circuit[room] = mode
						msg, err := json.Marshal([]any{"message", map[string]any{"room_name": room, "message": map[string]any{"data": data}}})
						if err != nil || c.Send(socketio.EncodeEvent(msg)) != nil {
							return
						}
					}
					continue
				}
				msg, ok := bitbankRoomMessage(s, room, n)
				if !ok {
					continue
				}
				if c.Send(socketio.EncodeEvent(msg)) != nil {
					return
				}
			}
		}
	}
}

// bitbankRoomMessage builds the data frame for one room at tick n.
func bitbankRoomMessage(s State, room string, n int) ([]byte, bool) {
	var data any
	switch {
	case strings.HasPrefix(room, "ticker_"):
		pair := strings.TrimPrefix(room, "ticker_")
		if !slices.Contains(bitbankPairs, pair) || bitbankPairStatus(s, pair) == "HALT" || s.Scenario == MaintenanceActive {
			return nil, false // no trades, no ticker
		}
		data = map[string]any{"sell": "15000001", "buy": "15000000", "open": "14900000", "high": "15100000",
			"low": "14800000", "last": fmt.Sprint(15000000 + n%7), "vol": "123.4567", "timestamp": time.Now().UnixMilli()}
	case strings.HasPrefix(room, "depth_whole_"):
		// Sent every 15 s in reality (every 3 ticks here), even for a
		// suspended pair (then with empty books).
		if n%3 != 0 || !slices.Contains(bitbankPairs, strings.TrimPrefix(room, "depth_whole_")) {
			return nil, false
		}
		asks, bids := [][]string{{"15000001", "0.1"}}, [][]string{{"15000000", "0.2"}}
		if s.Scenario == Halted || s.Scenario == MaintenanceActive {
			asks, bids = [][]string{}, [][]string{}
		}
		data = map[string]any{"asks": asks, "bids": bids, "asks_over": "0", "bids_under": "0", "timestamp": time.Now().UnixMilli(), "sequenceId": strconv.Itoa(n)}
	default:
		return nil, false // unknown rooms are silently ignored
	}
	b, err := json.Marshal([]any{"message", map[string]any{"room_name": room, "message": map[string]any{"data": data}}})
	return b, err == nil
}

// replyJSON writes v with the given status (shared by the venue files).
func replyJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(b)
}
