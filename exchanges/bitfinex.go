package exchanges

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Bitfinex: REST v2/platform/status ([1] operative, [0] maintenance), its
// Statuspage (bitfinex.statuspage.io), and the public websocket with info
// codes 20051/20060/20061.
func init() {
	Register(&Exchange{
		ID:      "bitfinex",
		Name:    "Bitfinex",
		Country: "VG",
		Defaults: Endpoints{
			API:        "https://api-pub.bitfinex.com",
			StatusPage: "https://bitfinex.statuspage.io",
			WS:         "wss://api-pub.bitfinex.com/ws/2",
		},
		Links: Links{
			Status:  "https://bitfinex.statuspage.io/",
			Notices: "https://www.bitfinex.com/posts",
			Support: "https://support.bitfinex.com/",
		},
		Domains:        []string{"bitfinex.com", "www.bitfinex.com", "support.bitfinex.com"},
		DefaultPairs:   []string{"tBTCUSD", "tETHUSD"},
		Probes:         bitfinexProbes,
		Feed:           bitfinexFeed,
		WithdrawalPage: "https://www.bitfinex.com/withdrawal",
		// Not verified: address whitelisting is an optional account setting.
		WhitelistRequired: false,
	})
}

func bitfinexProbes(t Target) []Probe {
	var ps []Probe
	if Enabled(t.Endpoints.API) {
		ps = append(ps, Probe{
			Name: "platform/status", Source: SourceREST,
			URL: Join(t.Endpoints.API, "/v2/platform/status"),
			// Public REST limits are 10-90 req/min per endpoint (60 s block
			// when exceeded); stay well under the lowest.
			MinInterval: 10 * time.Second,
			Parse:       ParseBitfinexPlatformStatus,
		})
	}
	if Enabled(t.Endpoints.StatusPage) {
		ps = append(ps, StatusPageProbe(t.Endpoints.StatusPage))
	}
	return ps
}

// ParseBitfinexPlatformStatus parses GET /v2/platform/status: [1] or [0].
// Errors come as ["error",10020,"..."].
func ParseBitfinexPlatformStatus(r Response) (Observation, error) {
	if !gjson.ValidBytes(r.Body) {
		return Observation{}, badStatus("Bitfinex platform/status: HTTP %d, body is not JSON (%s)", r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	if !doc.IsArray() {
		return Observation{}, badStatus("Bitfinex platform/status: body is not an array")
	}
	first := doc.Get("0")
	if first.Str == "error" {
		return Observation{}, badStatus("Bitfinex platform/status: HTTP %d, API error %s", r.StatusCode, snippet([]byte(doc.Raw)))
	}
	if !httpOK(r.StatusCode) {
		return Observation{}, badStatus("Bitfinex platform/status: HTTP %d", r.StatusCode)
	}
	if first.Type != gjson.Number {
		return Observation{}, badStatus("Bitfinex platform/status: no numeric status")
	}
	return bitfinexPlatform(SourceREST, first.Raw), nil
}

func bitfinexPlatform(source, raw string) Observation {
	switch raw {
	case "1":
		return stated(Operational, source, "Bitfinex platform operative", "platform status 1 (operative)")
	case "0":
		return stated(Maintenance, source, "Bitfinex platform in maintenance", "platform status 0 (maintenance)")
	}
	return UnknownValue(source, "Bitfinex platform status", raw)
}

// bitfinexPing is the application ping; cid is echoed in the pong.
var bitfinexPing = []byte(`{"event":"ping","cid":1}`)

func bitfinexFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	pairs := feedPairs(t.Pairs)
	if len(pairs) == 0 {
		pairs = []string{"tBTCUSD"}
	}
	var sub [][]byte
	for _, p := range pairs {
		p = bitfinexSymbol(p)
		b, _ := json.Marshal(map[string]string{"event": "subscribe", "channel": "ticker", "symbol": p})
		sub = append(sub, b)
	}
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   RawFrames,
		Subscribe: sub,
		Ping:      bitfinexPing,
		PingEvery: 10 * time.Second,
		// A channel sends [chanId,"hb"] after 15 s without data, and every
		// ping gets a pong: 25 s of silence is a stall.
		StallAfter: 25 * time.Second,
		Handle:     HandleBitfinexMessage,
	}
}

// bitfinexSymbol turns "btcusd" or "BTCUSD" into "tBTCUSD"; "tBTCUSD" and
// funding symbols like "fUSD" are kept.
func bitfinexSymbol(p string) string {
	if len(p) > 1 && (p[0] == 't' || p[0] == 'f') && p[1] >= 'A' && p[1] <= 'Z' {
		return p
	}
	return "t" + strings.ToUpper(strings.NewReplacer("_", "", "-", "", "/", "").Replace(p))
}

// HandleBitfinexMessage handles a ws/2 message: events ({"event":"info",...},
// pong, subscribed, error) and channel arrays ([chanId,"hb"], [chanId,[...]]).
func HandleBitfinexMessage(msg []byte) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("Bitfinex stream: not JSON (%s)", snippet(msg))
	}
	doc := gjson.ParseBytes(msg)
	if doc.IsArray() {
		if doc.Get("0").Type != gjson.Number || !doc.Get("1").Exists() {
			return FeedEvent{}, fmt.Errorf("Bitfinex stream: channel message without channel id and payload")
		}
		return FeedEvent{Alive: true}, nil
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("Bitfinex stream: unexpected message %s", snippet(msg))
	}
	event := doc.Get("event")
	if event.Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("Bitfinex stream: object without event")
	}
	switch event.Str {
	case "info":
		// Rely on the code, not the message text.
		if code := doc.Get("code"); code.Exists() {
			switch code.Raw {
			case "20051": // websocket server stopping/restarting
				return FeedEvent{Alive: true, Reconnect: true}, nil
			case "20060":
				o := stated(Maintenance, SourceWebsocket, "Bitfinex entering maintenance", "info 20060 maintenance mode")
				return FeedEvent{Alive: true, Observation: &o}, nil
			case "20061":
				// Maintenance ended: subscriptions must be renewed, which
				// a reconnect does.
				o := stated(Operational, SourceWebsocket, "Bitfinex maintenance ended", "info 20061 maintenance ended")
				return FeedEvent{Alive: true, Observation: &o, Reconnect: true}, nil
			}
			return FeedEvent{Alive: true}, nil
		}
		if st := doc.Get("platform.status"); st.Exists() {
			o := bitfinexPlatform(SourceWebsocket, st.Raw)
			return FeedEvent{Alive: true, Observation: &o}, nil
		}
		return FeedEvent{Alive: true}, nil
	case "error":
		return FeedEvent{}, fmt.Errorf("Bitfinex stream: error %s %s", doc.Get("code").Raw, snippet([]byte(doc.Get("msg").String())))
	}
	return FeedEvent{Alive: true}, nil // pong, subscribed, conf, ...
}
