package exchanges

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tidwall/gjson"
)

// Bitstamp: no system endpoint; per-pair trading flags from
// GET /api/v2/trading-pairs-info/, status.bitstamp.net, and the websocket
// (client heartbeat, server bts:request_reconnect).
func init() {
	Register(&Exchange{
		ID:      "bitstamp",
		Name:    "Bitstamp",
		Country: "LU",
		Defaults: Endpoints{
			API:        "https://www.bitstamp.net",
			StatusPage: "https://status.bitstamp.net",
			WS:         "wss://ws.bitstamp.net",
		},
		Links: Links{
			Status:  "https://status.bitstamp.net/",
			Notices: "https://www.bitstamp.net/news/",
			Support: "https://www.bitstamp.net/faq/",
		},
		Domains:           []string{"bitstamp.net", "www.bitstamp.net", "status.bitstamp.net"},
		DefaultPairs:      []string{"btcusd", "btceur"},
		Probes:            bitstampProbes,
		Feed:              bitstampFeed,
		WithdrawalPage:    "https://www.bitstamp.net/account/withdraw/",
		WhitelistRequired: false, // the whitelist is an optional account feature; the API takes a raw address
	})
}

func bitstampProbes(t Target) []Probe {
	var ps []Probe
	// The defaults stand in for an empty watch list, so one obscure pair
	// with market orders off does not make the whole venue "restricted".
	var watched []string
	for _, p := range adpPairs(t, []string{"btcusd", "btceur"}) {
		watched = append(watched, adpCompact(p)) // url_symbol spelling
	}
	if Enabled(t.Endpoints.API) {
		ps = append(ps, Probe{
			Name:   "trading-pairs-info",
			Source: SourceREST,
			URL:    Join(t.Endpoints.API, "/api/v2/trading-pairs-info/"),
			// ccxt: 8000 requests per 10 minutes; one a second is far below.
			MinInterval: time.Second,
			Parse:       func(r Response) (Observation, error) { return ParseBitstampPairs(r, watched) },
		})
	}
	if Enabled(t.Endpoints.StatusPage) {
		ps = append(ps, StatusPageProbe(t.Endpoints.StatusPage))
	}
	return ps
}

// ParseBitstampPairs parses GET /api/v2/trading-pairs-info/: an array of
// {"name":"BTC/USD","url_symbol":"btcusd","trading":"Enabled","instant_and_market_orders":"Enabled",...}.
// trading Disabled is a halted pair; market orders disabled is a restriction.
func ParseBitstampPairs(r Response, watched []string) (Observation, error) {
	doc, err := adpJSON(r.Body, "Bitstamp trading-pairs-info")
	if err != nil {
		return Observation{}, err
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("Bitstamp trading-pairs-info: HTTP %d (%s)", r.StatusCode, spClip(doc.Get("reason").String(), 80))
	}
	if !doc.IsArray() {
		return Observation{}, adpBad("Bitstamp trading-pairs-info: body is not an array")
	}
	var pairs []PairStatus
	for _, p := range doc.Array() {
		if !p.IsObject() {
			continue
		}
		sym := p.Get("url_symbol")
		if sym.Type != gjson.String || sym.Str == "" {
			continue
		}
		ps := PairStatus{Pair: spClip(sym.Str, 32)}
		trading := p.Get("trading")
		market := p.Get("instant_and_market_orders")
		switch {
		case trading.Type != gjson.String:
			ps.Level, ps.Raw = Unknown, "trading missing"
		case trading.Str == "Disabled":
			ps.Level, ps.Raw = Outage, "trading Disabled"
		case trading.Str != "Enabled":
			ps.Level, ps.Raw = Unknown, "trading "+spClip(trading.Str, 32)
		case market.Type == gjson.String && market.Str == "Disabled":
			ps.Level, ps.Raw = Restricted, "instant_and_market_orders Disabled"
		case market.Exists() && market.Type == gjson.String && market.Str != "Enabled":
			ps.Level, ps.Raw = Unknown, "instant_and_market_orders "+spClip(market.Str, 32)
		default:
			ps.Level, ps.Raw = Operational, "trading Enabled"
		}
		pairs = append(pairs, ps)
	}
	obs := FoldPairs(SourceREST, pairs, watched)
	if len(obs.Reasons) == 0 {
		obs.Reasons = []Reason{{Source: SourceREST, Detail: fmt.Sprintf("%d pairs, all trading Enabled", len(pairs))}}
	}
	return obs, nil
}

func bitstampFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	pair := adpCompact(adpPairs(t, []string{"btcusd"})[0])
	sub := func(ch string) []byte {
		b, _ := json.Marshal(map[string]any{"event": "bts:subscribe", "data": map[string]string{"channel": ch}})
		return b
	}
	return &Feed{
		URL: t.Endpoints.WS,
		// order_book updates many times a second on a major pair; live_trades too when it trades.
		Subscribe: [][]byte{sub("order_book_" + pair), sub("live_trades_" + pair)},
		Ping:      []byte(`{"event":"bts:heartbeat"}`),
		PingEvery: 10 * time.Second,
		// The heartbeat answer every 10 s keeps even a quiet pair's feed talking.
		StallAfter: 25 * time.Second,
		Handle:     HandleBitstampMessage,
	}
}

// HandleBitstampMessage handles one websocket message: data events and
// heartbeat answers are liveness, bts:request_reconnect asks for a reconnect.
func HandleBitstampMessage(msg []byte) (FeedEvent, error) {
	doc, err := adpJSON(msg, "Bitstamp websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	ev := doc.Get("event")
	if !doc.IsObject() || ev.Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("Bitstamp websocket: message without an event")
	}
	switch ev.Str {
	case "bts:request_reconnect":
		return FeedEvent{Alive: true, Reconnect: true}, nil
	case "bts:error":
		return FeedEvent{Alive: true}, fmt.Errorf("Bitstamp websocket: error %q", spClip(doc.Get("data.message").String(), 120))
	case "bts:heartbeat":
		if s := doc.Get("data.status"); s.Exists() && s.String() != "success" {
			return FeedEvent{Alive: true}, fmt.Errorf("Bitstamp websocket: heartbeat status %q", spClip(s.String(), 32))
		}
	}
	return FeedEvent{Alive: true}, nil
}
