package exchanges

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Coincheck: REST exchange_status (per pair available/itayose/stop plus
// availability booleans) and the public websocket (trades, orderbook).
func init() {
	Register(&Exchange{
		ID:      "coincheck",
		Name:    "Coincheck",
		Country: "JP",
		Defaults: Endpoints{
			API: "https://coincheck.com",
			// status.coincheck.com is not a verified Statuspage: no probe on it.
			WS: "wss://ws-api.coincheck.com",
		},
		Links: Links{
			Notices: "https://coincheck.com/ja/info",
			Support: "https://faq.coincheck.com/",
		},
		Domains:        []string{"coincheck.com", "faq.coincheck.com"},
		DefaultPairs:   []string{"btc_jpy", "eth_jpy"},
		Probes:         coincheckProbes,
		Feed:           coincheckFeed,
		WithdrawalPage: "https://coincheck.com/ja/exchange/withdrawal",
		// send_money takes remittee_list_id, a pre-registered destination.
		WhitelistRequired: true,
	})
}

func coincheckProbes(t Target) []Probe {
	if !Enabled(t.Endpoints.API) {
		return nil
	}
	watched := t.Pairs
	return []Probe{{
		Name:   "exchange_status",
		Source: SourceREST,
		// Without ?pair= it lists every pair: one request covers them all.
		URL:   Join(t.Endpoints.API, "/api/exchange_status"),
		Parse: func(r Response) (Observation, error) { return ParseCoincheckStatus(r, watched) },
	}}
}

// ParseCoincheckStatus parses GET /api/exchange_status:
// {"exchange_status":[{"pair":"btc_jpy","status":"available","timestamp":1771858577,
// "availability":{"order":true,"market_order":true,"cancel":true}}]}.
func ParseCoincheckStatus(r Response, watched []string) (Observation, error) {
	if !gjson.ValidBytes(r.Body) {
		return Observation{}, badStatus("coincheck exchange_status: HTTP %d, body is not JSON (%s)", r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	if !httpOK(r.StatusCode) {
		return Observation{}, badStatus("coincheck exchange_status: HTTP %d", r.StatusCode)
	}
	list := doc.Get("exchange_status")
	if !list.IsArray() {
		if doc.Get("success").Type == gjson.False {
			return Observation{}, badStatus("coincheck exchange_status: API error %s", snippet([]byte(doc.Get("error").String())))
		}
		return Observation{}, badStatus("coincheck exchange_status: no exchange_status array")
	}
	var pairs []PairStatus
	noMarket, noCancel := false, false
	var bad error
	list.ForEach(func(_, it gjson.Result) bool {
		pair, status := it.Get("pair"), it.Get("status")
		if pair.Type != gjson.String || pair.Str == "" || status.Type != gjson.String {
			bad = badStatus("coincheck exchange_status: entry without string pair/status")
			return false
		}
		ps := PairStatus{Pair: pair.Str, Raw: status.Str}
		switch status.Str {
		case "available":
			ps.Level = Operational
		case "itayose": // call auction: no continuous trading
			ps.Level = Restricted
		case "stop":
			ps.Level = Outage
		default:
			ps.Level = Unknown
		}
		av := it.Get("availability")
		if av.Exists() {
			if !av.IsObject() {
				bad = badStatus("coincheck exchange_status: availability is not an object")
				return false
			}
			var off []string
			for _, k := range []string{"order", "market_order", "cancel"} {
				v := av.Get(k)
				if !v.Exists() {
					continue
				}
				if v.Type != gjson.True && v.Type != gjson.False {
					bad = badStatus("coincheck exchange_status: availability.%s is not a boolean", k)
					return false
				}
				if v.Type == gjson.False {
					off = append(off, k)
				}
			}
			if len(off) > 0 {
				ps.Raw += " (no " + strings.Join(off, ", no ") + ")"
				if ps.Level == Operational {
					ps.Level = Restricted
				}
				relevant := len(watched) == 0 || slices.ContainsFunc(watched, func(w string) bool { return strings.EqualFold(w, pair.Str) })
				if relevant && slices.Contains(off, "market_order") {
					noMarket = true
				}
				if relevant && slices.Contains(off, "cancel") {
					noCancel = true
				}
			}
		}
		pairs = append(pairs, ps)
		return true
	})
	if bad != nil {
		return Observation{}, bad
	}
	if len(pairs) == 0 {
		return Observation{}, badStatus("coincheck exchange_status: empty list")
	}
	obs := FoldPairs(SourceREST, pairs, watched)
	if obs.Level != Operational {
		if noMarket && !slices.Contains(obs.Advice, NoMarketOrders) {
			obs.Advice = append(obs.Advice, NoMarketOrders)
		}
		if noCancel && !slices.Contains(obs.Advice, CancelsMayFail) {
			obs.Advice = append(obs.Advice, CancelsMayFail)
		}
	}
	return obs, nil
}

func coincheckFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	pairs := feedPairs(t.Pairs)
	if len(pairs) == 0 {
		pairs = []string{"btc_jpy"}
	}
	var sub [][]byte
	for _, p := range pairs {
		p = strings.ToLower(p)
		// Trades arrive ~10/s on btc_jpy but can pause for minutes on small
		// pairs; the orderbook channel changes far more often.
		for _, ch := range []string{p + "-trades", p + "-orderbook"} {
			b, _ := json.Marshal(map[string]string{"type": "subscribe", "channel": ch})
			sub = append(sub, b)
		}
	}
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   RawFrames,
		Subscribe: sub,
		// No server heartbeat exists. The server answers websocket ping
		// frames, so protocol pings (Ping nil) keep a quiet pair's feed
		// provably alive; market data does the rest.
		PingEvery:  20 * time.Second,
		StallAfter: 60 * time.Second,
		Handle:     HandleCoincheckMessage,
	}
}

// HandleCoincheckMessage handles a public websocket message: trades
// [[id,pair,rate,amount,side,...],...] (older: [id,"btc_jpy",...]) or an
// orderbook ["btc_jpy",{"bids":[...],"asks":[...],"last_update_at":"..."}].
func HandleCoincheckMessage(msg []byte) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("coincheck stream: not JSON (%s)", snippet(msg))
	}
	doc := gjson.ParseBytes(msg)
	switch {
	case doc.IsArray() && doc.Get("0").Exists():
		return FeedEvent{Alive: true}, nil
	case doc.IsObject():
		// Undocumented, but a well-formed server message all the same.
		return FeedEvent{Alive: true}, nil
	}
	return FeedEvent{}, fmt.Errorf("coincheck stream: unexpected message %s", snippet(msg))
}
