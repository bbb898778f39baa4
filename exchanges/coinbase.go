package exchanges

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Coinbase (Exchange): no system endpoint; per-product flags from
// GET /products, status.coinbase.com, and ws-feed's heartbeat and status
// channels.
func init() {
	Register(&Exchange{
		ID:      "coinbase",
		Name:    "Coinbase",
		Country: "US",
		Defaults: Endpoints{
			API:        "https://api.exchange.coinbase.com",
			StatusPage: "https://status.coinbase.com",
			WS:         "wss://ws-feed.exchange.coinbase.com",
		},
		Links: Links{
			Status:  "https://status.coinbase.com/",
			Notices: "https://www.coinbase.com/blog",
			Support: "https://help.coinbase.com/",
		},
		Domains:           []string{"coinbase.com", "www.coinbase.com", "exchange.coinbase.com", "status.coinbase.com", "help.coinbase.com"},
		DefaultPairs:      []string{"BTC-USD", "ETH-USD"},
		Probes:            coinbaseProbes,
		Feed:              coinbaseFeed,
		WithdrawalPage:    "https://www.coinbase.com/assets",
		WhitelistRequired: false, // /withdrawals/crypto takes a raw crypto_address
	})
}

func coinbaseProbes(t Target) []Probe {
	var ps []Probe
	watched := adpPairs(t, []string{"BTC-USD", "ETH-USD"})
	if Enabled(t.Endpoints.API) {
		ps = append(ps, Probe{
			Name:   "products",
			Source: SourceREST,
			URL:    Join(t.Endpoints.API, "/products"),
			// Public REST allows 10 req/s; one poll per second is plenty.
			MinInterval: time.Second,
			Parse:       func(r Response) (Observation, error) { return ParseCoinbaseProducts(r, watched) },
		})
	}
	if Enabled(t.Endpoints.StatusPage) {
		ps = append(ps, StatusPageProbe(t.Endpoints.StatusPage))
	}
	return ps
}

// coinbaseProduct maps one product's status and flags. ok is false for
// products that are not public markets (delisted, internal).
func coinbaseProduct(p gjson.Result) (PairStatus, bool) {
	id := p.Get("id").String()
	status := p.Get("status")
	ps := PairStatus{Pair: id}
	if status.Type != gjson.String {
		ps.Level, ps.Raw = Unknown, "status missing"
		return ps, true
	}
	raw := spClip(status.Str, 32)
	switch status.Str {
	case "delisted", "internal":
		return ps, false
	case "online":
	case "offline":
		ps.Level, ps.Raw = Outage, raw
		return ps, true
	default:
		ps.Level, ps.Raw = Unknown, "status "+raw
		return ps, true
	}
	var flags []string
	for _, f := range []string{"trading_disabled", "cancel_only", "post_only", "limit_only", "auction_mode"} {
		if p.Get(f).Type == gjson.True {
			flags = append(flags, f)
		}
	}
	switch {
	case slices.Contains(flags, "trading_disabled"):
		ps.Level = Outage
	case len(flags) > 0:
		ps.Level = Restricted
	default:
		ps.Level = Operational
	}
	ps.Raw = strings.Join(append([]string{raw}, flags...), " ")
	if msg := spClip(p.Get("status_message").String(), 80); msg != "" && ps.Level != Operational {
		ps.Raw += " (" + msg + ")"
	}
	return ps, true
}

// coinbaseFold judges every listed product against the watched ones
// (the user's, else the defaults): a halted watched product is an outage,
// other halted products a named restriction ("2 of 500 pairs halted"),
// while limit-only or auction flags on products nobody watches, which a
// list of hundreds always has, only count in the summary.
func coinbaseFold(source string, products []gjson.Result, watched []string) Observation {
	var pairs []PairStatus
	found := false
	for _, p := range products {
		if !p.IsObject() || p.Get("id").Type != gjson.String {
			continue
		}
		ps, ok := coinbaseProduct(p)
		if !ok {
			continue
		}
		pairs = append(pairs, ps)
		if slices.ContainsFunc(watched, func(w string) bool { return strings.EqualFold(w, ps.Pair) }) {
			found = true
		}
	}
	obs := FoldPairs(source, pairs, watched)
	if !found && len(pairs) > 0 && obs.Level == Operational {
		obs.Level, obs.Authoritative = Unknown, false
		obs.Summary = "None of the watched products is listed (" + strings.Join(watched, ", ") + ")"
		obs.Advice = nil
	}
	if len(obs.Reasons) == 0 {
		obs.Reasons = []Reason{{Source: source, Detail: fmt.Sprintf("%d products online, watched %s", len(pairs), strings.Join(watched, ", "))}}
	}
	return obs
}

// ParseCoinbaseProducts parses GET /products: an array of products with
// status, trading_disabled, cancel_only, post_only, limit_only, auction_mode.
func ParseCoinbaseProducts(r Response, watched []string) (Observation, error) {
	doc, err := adpJSON(r.Body, "Coinbase products")
	if err != nil {
		return Observation{}, err
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("Coinbase products: HTTP %d (%s)", r.StatusCode, spClip(doc.Get("message").String(), 80))
	}
	if !doc.IsArray() {
		if m := doc.Get("message"); m.Type == gjson.String {
			return Observation{}, adpBad("Coinbase products: error %q", spClip(m.Str, 80))
		}
		return Observation{}, adpBad("Coinbase products: body is not an array")
	}
	return coinbaseFold(SourceREST, doc.Array(), watched), nil
}

func coinbaseFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	watched := adpPairsWith(t, []string{"BTC-USD", "ETH-USD"}, func(p string) bool { return strings.Contains(p, "-") })
	// heartbeat needs at least one product and sends 1 message/s per product.
	heartbeat, _ := json.Marshal(map[string]any{
		"type":     "subscribe",
		"channels": []any{map[string]any{"name": "heartbeat", "product_ids": watched[:1]}},
	})
	return &Feed{
		URL:        t.Endpoints.WS,
		Subscribe:  [][]byte{heartbeat, []byte(`{"type":"subscribe","channels":[{"name":"status"}]}`)},
		StallAfter: 5 * time.Second,
		Handle:     func(msg []byte) (FeedEvent, error) { return HandleCoinbaseMessage(msg, watched) },
	}
}

// HandleCoinbaseMessage handles one ws-feed message: heartbeat and other
// data are liveness; a status message carries every product's flags.
func HandleCoinbaseMessage(msg []byte, watched []string) (FeedEvent, error) {
	doc, err := adpJSON(msg, "Coinbase websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	typ := doc.Get("type")
	if !doc.IsObject() || typ.Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("Coinbase websocket: message without a type")
	}
	switch typ.Str {
	case "status":
		products := doc.Get("products")
		if !products.IsArray() {
			return FeedEvent{}, fmt.Errorf("Coinbase websocket: status without products")
		}
		o := coinbaseFold(SourceWebsocket, products.Array(), watched)
		return FeedEvent{Alive: true, Observation: &o}, nil
	case "error":
		return FeedEvent{Alive: true}, fmt.Errorf("Coinbase websocket: error %q", spClip(doc.Get("message").String()+" "+doc.Get("reason").String(), 120))
	}
	return FeedEvent{Alive: true}, nil // heartbeat, subscriptions, ticker, ...
}
