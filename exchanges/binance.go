package exchanges

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Binance (spot): REST sapi/v1/system/status (0 normal, 1 maintenance),
// exchangeInfo symbol statuses, and the market stream with its
// serverShutdown event.
func init() {
	Register(&Exchange{
		ID:      "binance",
		Name:    "Binance",
		Country: "KY", // Binance Holdings is incorporated in the Cayman Islands; it serves no single home market
		Defaults: Endpoints{
			API: "https://api.binance.com",
			// Binance has no Statuspage.
			WS: "wss://stream.binance.com:9443/ws",
		},
		Links: Links{
			Notices: "https://www.binance.com/en/support/announcement",
			Support: "https://www.binance.com/en/support",
		},
		Domains:        []string{"binance.com", "www.binance.com", "accounts.binance.com"},
		DefaultPairs:   []string{"BTCUSDT", "ETHUSDT"},
		Probes:         binanceProbes,
		Feed:           binanceFeed,
		WithdrawalPage: "https://www.binance.com/en/my/wallet/account/main/withdrawal/crypto",
		// capital/withdraw/apply takes a raw address; an account-level
		// whitelist is optional.
		WhitelistRequired: false,
	})
}

var binanceSeparators = strings.NewReplacer("_", "", "-", "", "/", "")

// binanceSymbols is the upper-case symbol list to query.
func binanceSymbols(t Target) []string {
	ps := t.Pairs
	if len(ps) == 0 {
		ps = []string{"BTCUSDT", "ETHUSDT"}
	}
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		// "btc_usdt", "BTC-USDT", "btc/usdt" all mean BTCUSDT.
		out = append(out, strings.ToUpper(binanceSeparators.Replace(p)))
	}
	return out
}

func binanceProbes(t Target) []Probe {
	if !Enabled(t.Endpoints.API) {
		return nil
	}
	var watched []string // in Binance's spelling, to match the response
	if len(t.Pairs) > 0 {
		watched = binanceSymbols(t)
	}
	syms, _ := json.Marshal(binanceSymbols(t))
	return []Probe{
		{
			Name: "system/status", Source: SourceREST,
			URL:         Join(t.Endpoints.API, "/sapi/v1/system/status"),
			MinInterval: time.Second, // weight 1
			Parse:       ParseBinanceSystemStatus,
		},
		{
			Name: "exchangeInfo", Source: SourceREST,
			URL: Join(t.Endpoints.API, "/api/v3/exchangeInfo?symbols="+url.QueryEscape(string(syms))),
			// Weight 20 of 6000/min: cheap, but no need to hammer it.
			MinInterval: 5 * time.Second,
			Parse:       func(r Response) (Observation, error) { return ParseBinanceExchangeInfo(r, watched) },
		},
	}
}

// binanceDoc validates JSON and recognises the {"code":-1121,"msg":"..."} error envelope.
func binanceDoc(r Response, what string) (gjson.Result, error) {
	if !gjson.ValidBytes(r.Body) {
		return gjson.Result{}, badStatus("Binance %s: HTTP %d, body is not JSON (%s)", what, r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	if !doc.IsObject() {
		return doc, badStatus("Binance %s: body is not an object", what)
	}
	if c := doc.Get("code"); c.Type == gjson.Number && doc.Get("msg").Exists() && c.Int() < 0 {
		return doc, badStatus("Binance %s: HTTP %d, API error %s %s", what, r.StatusCode, c.Raw, snippet([]byte(doc.Get("msg").String())))
	}
	if !httpOK(r.StatusCode) {
		return doc, badStatus("Binance %s: HTTP %d", what, r.StatusCode)
	}
	return doc, nil
}

// ParseBinanceSystemStatus parses GET /sapi/v1/system/status: {"status":0,"msg":"normal"}.
func ParseBinanceSystemStatus(r Response) (Observation, error) {
	doc, err := binanceDoc(r, "system/status")
	if err != nil {
		return Observation{}, err
	}
	st := doc.Get("status")
	if st.Type != gjson.Number {
		return Observation{}, badStatus("Binance system/status: no numeric status")
	}
	msg := doc.Get("msg").String()
	detail := fmt.Sprintf("system status %s (%s)", st.Raw, msg)
	switch st.Raw {
	case "0":
		return stated(Operational, SourceREST, "Binance system status normal", detail), nil
	case "1":
		return stated(Maintenance, SourceREST, "Binance system maintenance", detail), nil
	}
	return UnknownValue(SourceREST, "Binance system status", st.Raw+" "+msg), nil
}

// BinanceSymbolLevel maps an exchangeInfo symbols[].status value.
func BinanceSymbolLevel(s string) Level {
	switch s {
	case "TRADING":
		return Operational
	case "HALT", "BREAK": // no trading at all on the symbol
		return Outage
	case "CANCEL_ONLY", "END_OF_DAY", "PRE_TRADING", "POST_TRADING", "AUCTION_MATCH":
		return Restricted
	}
	return Unknown
}

// ParseBinanceExchangeInfo parses GET /api/v3/exchangeInfo?symbols=[...]:
// {"timezone":"UTC","serverTime":...,"symbols":[{"symbol":"BTCUSDT","status":"TRADING",...}]}.
func ParseBinanceExchangeInfo(r Response, watched []string) (Observation, error) {
	doc, err := binanceDoc(r, "exchangeInfo")
	if err != nil {
		return Observation{}, err
	}
	list := doc.Get("symbols")
	if !list.IsArray() {
		return Observation{}, badStatus("Binance exchangeInfo: no symbols array")
	}
	var pairs []PairStatus
	var bad error
	list.ForEach(func(_, it gjson.Result) bool {
		sym, st := it.Get("symbol"), it.Get("status")
		if sym.Type != gjson.String || sym.Str == "" || st.Type != gjson.String {
			bad = badStatus("Binance exchangeInfo: symbol without string symbol/status")
			return false
		}
		pairs = append(pairs, PairStatus{Pair: sym.Str, Level: BinanceSymbolLevel(st.Str), Raw: st.Str})
		return true
	})
	if bad != nil {
		return Observation{}, bad
	}
	if len(pairs) == 0 {
		return Observation{}, badStatus("Binance exchangeInfo: empty symbols list")
	}
	return FoldPairs(SourceREST, pairs, watched), nil
}

func binanceFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	var streams []string
	for _, s := range feedPairs(binanceSymbols(t)) {
		streams = append(streams, strings.ToLower(s)+"@aggTrade")
	}
	sub, _ := json.Marshal(map[string]any{"method": "SUBSCRIBE", "params": streams, "id": 1})
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   RawFrames,
		Subscribe: [][]byte{sub},
		// Server ping frames come every 20 s (gorilla answers them);
		// aggTrade on the majors arrives many times a second.
		StallAfter: 30 * time.Second,
		Handle:     HandleBinanceMessage,
	}
}

// HandleBinanceMessage handles a market-stream message: subscribe results,
// events with "e" (aggTrade, serverShutdown, ...), bookTicker objects, and
// combined-stream wrappers {"stream":...,"data":{...}}.
func HandleBinanceMessage(msg []byte) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("Binance stream: not JSON (%s)", snippet(msg))
	}
	doc := gjson.ParseBytes(msg)
	if d := doc.Get("data"); doc.Get("stream").Exists() && d.IsObject() {
		doc = d
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("Binance stream: message is not an object")
	}
	if e := doc.Get("error"); e.Exists() {
		return FeedEvent{}, fmt.Errorf("Binance stream: error %s", snippet([]byte(e.Raw)))
	}
	if doc.Get("id").Exists() && doc.Get("result").Exists() {
		// A stream server that accepts the subscription is up: this clears
		// an earlier serverShutdown (the engine keeps the latest push).
		// Not authoritative: it says nothing about trading.
		return FeedEvent{Alive: true, Observation: &Observation{Level: Operational, Summary: "Binance stream subscribed"}}, nil
	}
	if ev := doc.Get("e"); ev.Type == gjson.String {
		if ev.Str == "serverShutdown" {
			o := stated(Maintenance, SourceWebsocket, "Binance stream server shutting down for maintenance", "serverShutdown event")
			return FeedEvent{Alive: true, Observation: &o, Reconnect: true}, nil
		}
		return FeedEvent{Alive: true}, nil
	}
	if doc.Get("s").Type == gjson.String || doc.Get("u").Exists() {
		return FeedEvent{Alive: true}, nil // bookTicker / depth without an event type
	}
	return FeedEvent{}, fmt.Errorf("Binance stream: unrecognised message %s", snippet(msg))
}
