package exchanges

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Gemini: no system endpoint; per-symbol status from
// GET /v1/symbols/details/{symbol}, status.gemini.com, and the v2 market
// data websocket as a liveness signal.
func init() {
	Register(&Exchange{
		ID:      "gemini",
		Name:    "Gemini",
		Country: "US",
		Defaults: Endpoints{
			API:        "https://api.gemini.com",
			StatusPage: "https://status.gemini.com",
			WS:         "wss://api.gemini.com/v2/marketdata",
		},
		Links: Links{
			Status:  "https://status.gemini.com/",
			Notices: "https://www.gemini.com/blog",
			Support: "https://support.gemini.com/",
		},
		Domains:           []string{"gemini.com", "www.gemini.com", "exchange.gemini.com", "status.gemini.com", "support.gemini.com"},
		DefaultPairs:      []string{"BTCUSD", "ETHUSD"},
		Probes:            geminiProbes,
		Feed:              geminiFeed,
		WithdrawalPage:    "https://exchange.gemini.com/transfer/withdraw",
		WhitelistRequired: true, // /v1/withdraw only to addresses on the approved list
	})
}

// geminiMaxSymbols caps per-symbol requests: public REST allows 120/min
// and recommends at most 1 request per second.
const geminiMaxSymbols = 4

func geminiProbes(t Target) []Probe {
	var ps []Probe
	if Enabled(t.Endpoints.API) {
		for i, sym := range adpPairs(t, []string{"BTCUSD", "ETHUSD"}) {
			sym = strings.ToUpper(adpCompact(sym)) // "btc/usd" -> "BTCUSD"
			if i == geminiMaxSymbols {
				break
			}
			ps = append(ps, Probe{
				Name:        "symbols/details/" + sym,
				Source:      SourceREST,
				URL:         Join(t.Endpoints.API, "/v1/symbols/details/"+url.PathEscape(sym)),
				MinInterval: geminiMaxSymbols * time.Second,
				Parse:       func(r Response) (Observation, error) { return ParseGeminiSymbolDetails(r, sym) },
			})
		}
	}
	if Enabled(t.Endpoints.StatusPage) {
		ps = append(ps, StatusPageProbe(t.Endpoints.StatusPage))
	}
	return ps
}

func geminiSymbolLevel(s string) Level {
	switch s {
	case "open":
		return Operational
	case "limit_only", "cancel_only", "post_only", "auction_only", "auction", "reduce_only":
		return Restricted
	case "closed", "halted", "suspended":
		return Outage
	}
	return Unknown
}

// ParseGeminiSymbolDetails parses GET /v1/symbols/details/{symbol}:
// {"symbol":"BTCUSD","base_currency":"BTC","quote_currency":"USD","status":"open",...},
// and the error envelope {"result":"error","reason":"Maintenance","message":"..."}.
func ParseGeminiSymbolDetails(r Response, symbol string) (Observation, error) {
	doc, err := adpJSON(r.Body, "Gemini symbol details")
	if err != nil {
		return Observation{}, err
	}
	if !doc.IsObject() {
		return Observation{}, adpBad("Gemini symbol details: body is not a JSON object")
	}
	if doc.Get("result").String() == "error" {
		reason := doc.Get("reason").String()
		msg := spClip(doc.Get("message").String(), 120)
		switch reason {
		case "Maintenance":
			return adpStated(Maintenance, SourceREST, "Gemini down for maintenance", "error Maintenance: "+msg), nil
		case "System":
			o := adpStated(Outage, SourceREST, "Gemini reports a system error", "error System: "+msg)
			o.Authoritative = false // may be a blip: let the engine confirm it
			return o, nil
		}
		return Observation{}, adpBad("Gemini symbol details %s: error %s %q", symbol, spClip(reason, 32), msg)
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("Gemini symbol details %s: HTTP %d without an error envelope", symbol, r.StatusCode)
	}
	st := doc.Get("status")
	if st.Type != gjson.String {
		return Observation{}, adpBad("Gemini symbol details %s: status missing or not a string", symbol)
	}
	if s := doc.Get("symbol"); s.Exists() && (s.Type != gjson.String || !strings.EqualFold(s.Str, symbol)) {
		return Observation{}, adpBad("Gemini symbol details: asked for %s, got %q", symbol, spClip(s.String(), 32))
	}
	pair := PairStatus{Pair: symbol, Level: geminiSymbolLevel(st.Str), Raw: spClip(st.Str, 32)}
	obs := FoldPairs(SourceREST, []PairStatus{pair}, []string{symbol})
	if len(obs.Reasons) == 0 {
		obs.Reasons = []Reason{{Source: SourceREST, Detail: symbol + " status " + pair.Raw}}
	}
	switch pair.Level {
	case Operational:
		obs.Summary = symbol + " open for trading"
	case Restricted:
		obs.Summary = fmt.Sprintf("%s in %s mode", symbol, pair.Raw)
	case Outage:
		obs.Summary = fmt.Sprintf("Trading %s on %s", pair.Raw, symbol)
	case Unknown:
		obs.Summary = fmt.Sprintf("Unrecognised status %q on %s", pair.Raw, symbol)
	}
	return obs, nil
}

func geminiFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	syms := []string{strings.ToUpper(adpCompact(adpPairs(t, []string{"BTCUSD"})[0]))}
	sub, _ := json.Marshal(map[string]any{"type": "subscribe", "subscriptions": []any{map[string]any{"name": "l2", "symbols": syms}}})
	return &Feed{
		URL:       t.Endpoints.WS,
		Subscribe: [][]byte{sub},
		// Heartbeat rules are undocumented; l2 updates on a major symbol come
		// several times a second, but be generous about quiet spells.
		StallAfter: 30 * time.Second,
		Handle:     HandleGeminiMessage,
	}
}

// HandleGeminiMessage handles one v2 market data message (l2_updates,
// trade, heartbeat, ...). Any well-formed message shows the feed is alive.
func HandleGeminiMessage(msg []byte) (FeedEvent, error) {
	doc, err := adpJSON(msg, "Gemini websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("Gemini websocket: message is not an object")
	}
	if doc.Get("result").String() == "error" || doc.Get("type").String() == "error" {
		return FeedEvent{Alive: true}, fmt.Errorf("Gemini websocket: error %s %q", spClip(doc.Get("reason").String(), 32), spClip(doc.Get("message").String(), 120))
	}
	if doc.Get("type").Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("Gemini websocket: message without a type")
	}
	return FeedEvent{Alive: true}, nil
}
