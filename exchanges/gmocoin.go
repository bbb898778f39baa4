package exchanges

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// GMO Coin: REST public/v1/status (OPEN/PREOPEN/MAINTENANCE, and the
// ERR-5201/5202 maintenance envelope), and the public websocket ticker.
func init() {
	Register(&Exchange{
		ID:      "gmocoin",
		Name:    "GMO Coin",
		Country: "JP",
		Defaults: Endpoints{
			API:    gmocoinHost,
			Public: gmocoinHost, // the request path carries /public/v1/...
			WS:     "wss://api.coin.z.com/ws/public/v1",
		},
		Links: Links{
			Notices: "https://coin.z.com/jp/news/",
			Support: "https://support.coin.z.com/hc/ja",
		},
		Domains:        []string{"coin.z.com", "api.coin.z.com", "support.coin.z.com"},
		DefaultPairs:   []string{"BTC", "ETH"},
		Probes:         gmocoinProbes,
		Feed:           gmocoinFeed,
		WithdrawalPage: "https://coin.z.com/jp/member/",
		// Not verified in the API docs; in practice crypto leaves GMO Coin
		// only to destinations registered beforehand (travel rule).
		WhitelistRequired: true,
	})
}

const gmocoinHost = "https://api.coin.z.com"

func gmocoinProbes(t Target) []Probe {
	base := t.Endpoints.Public
	if base == gmocoinHost && Enabled(t.Endpoints.API) && t.Endpoints.API != gmocoinHost {
		// Public and private REST share one host at GMO: an override of
		// only "api" means that host too.
		base = t.Endpoints.API
	}
	if !Enabled(base) {
		return nil
	}
	return []Probe{{
		Name:   "public/v1/status",
		Source: SourceREST,
		URL:    Join(base, "/public/v1/status"),
		// The public REST limit is unpublished; private tier 1 is 20 req/s.
		MinInterval: time.Second,
		Parse:       ParseGMOCoinStatus,
	}}
}

// gmocoinEnvelopeError reads {"status":N,"messages":[{"message_code":"ERR-5201",...}]}.
// Maintenance codes are authoritative; other codes are not a status.
func gmocoinEnvelopeError(doc gjson.Result, what string) (Observation, error) {
	var codes []string
	for _, m := range doc.Get("messages").Array() {
		if c := m.Get("message_code"); c.Type == gjson.String {
			codes = append(codes, c.Str)
		}
	}
	for _, c := range codes {
		switch c {
		case "ERR-5201":
			return stated(Maintenance, SourceREST, "GMO Coin regular maintenance in progress", "ERR-5201 regular maintenance"), nil
		case "ERR-5202":
			return stated(Maintenance, SourceREST, "GMO Coin emergency maintenance in progress", "ERR-5202 emergency maintenance"), nil
		}
	}
	if len(codes) == 0 {
		return Observation{}, badStatus("GMO Coin %s: error status %s without message codes", what, snippet([]byte(doc.Get("status").Raw)))
	}
	return Observation{}, badStatus("GMO Coin %s: API error %s", what, snippet([]byte(strings.Join(codes, ","))))
}

// ParseGMOCoinStatus parses GET /public/v1/status:
// {"status":0,"data":{"status":"OPEN"},"responsetime":"..."}.
func ParseGMOCoinStatus(r Response) (Observation, error) {
	if !gjson.ValidBytes(r.Body) {
		return Observation{}, badStatus("GMO Coin status: HTTP %d, body is not JSON (%s)", r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	st := doc.Get("status")
	if st.Type != gjson.Number {
		return Observation{}, badStatus("GMO Coin status: HTTP %d, no numeric envelope status", r.StatusCode)
	}
	if st.Raw != "0" {
		return gmocoinEnvelopeError(doc, "status")
	}
	if !httpOK(r.StatusCode) {
		return Observation{}, badStatus("GMO Coin status: HTTP %d with a success envelope", r.StatusCode)
	}
	v := doc.Get("data.status")
	if v.Type != gjson.String {
		return Observation{}, badStatus("GMO Coin status: no string data.status")
	}
	detail := "status " + v.Str
	switch v.Str {
	case "OPEN":
		return stated(Operational, SourceREST, "GMO Coin is open", detail), nil
	case "PREOPEN":
		return stated(Restricted, SourceREST, "GMO Coin is in pre-open (no continuous trading yet)", detail), nil
	case "MAINTENANCE":
		return stated(Maintenance, SourceREST, "GMO Coin is under maintenance", detail), nil
	}
	return UnknownValue(SourceREST, "GMO Coin status", v.Str), nil
}

func gmocoinFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	symbol := "BTC"
	if len(t.Pairs) > 0 {
		symbol = strings.ToUpper(t.Pairs[0])
	}
	// One subscription only: the public websocket allows one
	// subscribe/unsubscribe per second per IP, and a second burst request
	// would be refused.
	sub, _ := json.Marshal(map[string]string{"command": "subscribe", "channel": "ticker", "symbol": symbol})
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   RawFrames,
		Subscribe: [][]byte{sub},
		// The server protocol-pings once a minute; the ticker moves with
		// every trade, which on BTC is many times a minute. Our own
		// protocol pings (their pongs count as traffic) cover a quiet symbol.
		PingEvery:  30 * time.Second,
		StallAfter: 70 * time.Second,
		Handle:     HandleGMOCoinMessage,
	}
}

// HandleGMOCoinMessage handles a public websocket message: channel data
// {"channel":"ticker","symbol":"BTC",...} or {"error":"ERR-5106 ..."}.
func HandleGMOCoinMessage(msg []byte) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("GMO Coin stream: not JSON (%s)", snippet(msg))
	}
	doc := gjson.ParseBytes(msg)
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("GMO Coin stream: message is not an object")
	}
	if e := doc.Get("error"); e.Exists() {
		// Not turned into a status: the stream never announces the end of
		// a state, so a pushed maintenance would outlive it. During
		// maintenance the upgrade itself fails (HTTP 503) and REST says so.
		return FeedEvent{}, fmt.Errorf("GMO Coin stream: error %s", snippet([]byte(e.String())))
	}
	if doc.Get("channel").Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("GMO Coin stream: message without channel")
	}
	return FeedEvent{Alive: true}, nil
}
