package exchanges

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// bitFlyer: REST gethealth and getboardstate per product (values contain
// spaces: "VERY BUSY", "NO ORDER", "CIRCUIT BREAK"), and the JSON-RPC 2.0
// lightstream whose ticker messages carry the board state.
func init() {
	Register(&Exchange{
		ID:      "bitflyer",
		Name:    "bitFlyer",
		Country: "JP",
		Defaults: Endpoints{
			API: "https://api.bitflyer.com",
			// status.bitflyer.com is not a verified Statuspage: no probe on it.
			WS: "wss://ws.lightstream.bitflyer.com/json-rpc",
		},
		Links: Links{
			// No verified status page: announcements carry maintenance notices.
			Notices: "https://bitflyer.com/ja-jp/", // the home page lists the announcements
			Support: "https://support.bitflyer.com/hc/ja",
		},
		Domains:        []string{"bitflyer.com", "lightning.bitflyer.com", "support.bitflyer.com"},
		DefaultPairs:   []string{"BTC_JPY", "ETH_JPY"},
		Probes:         bitflyerProbes,
		Feed:           bitflyerFeed,
		WithdrawalPage: "https://bitflyer.com/ja-jp/ex/withdraw",
		// The public API has no crypto withdrawal at all (fiat only), so
		// crypto leaves through the web, to addresses registered there.
		WhitelistRequired: true,
	})
}

// bitflyerMaxProducts caps per-product probes: the public API allows 500
// requests per 5 minutes per IP, shared by both endpoints.
const bitflyerMaxProducts = 3

func bitflyerProducts(t Target) []string {
	ps := t.Pairs
	if len(ps) == 0 {
		ps = []string{"BTC_JPY"}
	}
	if len(ps) > bitflyerMaxProducts {
		ps = ps[:bitflyerMaxProducts]
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = strings.ToUpper(p)
	}
	return out
}

func bitflyerProbes(t Target) []Probe {
	if !Enabled(t.Endpoints.API) {
		return nil
	}
	watched := t.Pairs
	products := bitflyerProducts(t)
	// 500 requests per 5 minutes per IP (0.6 s each), shared by every
	// probe: keep the whole set under ~400.
	minInterval := time.Duration(2*len(products)) * 750 * time.Millisecond
	var ps []Probe
	for _, pc := range products {
		q := "?product_code=" + url.QueryEscape(pc)
		ps = append(ps,
			Probe{
				Name: "gethealth " + pc, Source: SourceREST,
				URL:         Join(t.Endpoints.API, "/v1/gethealth"+q),
				MinInterval: minInterval,
				Parse:       func(r Response) (Observation, error) { return ParseBitflyerHealth(r, pc, watched) },
			},
			Probe{
				Name: "getboardstate " + pc, Source: SourceREST,
				URL:         Join(t.Endpoints.API, "/v1/getboardstate"+q),
				MinInterval: minInterval,
				Parse:       func(r Response) (Observation, error) { return ParseBitflyerBoardState(r, pc, watched) },
			})
	}
	return ps
}

// BitflyerHealthLevel maps a gethealth / board "health" value.
func BitflyerHealthLevel(s string) Level {
	switch s {
	case "NORMAL":
		return Operational
	case "BUSY", "VERY BUSY", "SUPER BUSY": // SUPER BUSY: orders may fail or be delayed
		return Degraded
	case "NO ORDER":
		return Restricted
	case "STOP":
		return Outage
	}
	return Unknown
}

// BitflyerStateLevel maps a board "state" value.
func BitflyerStateLevel(s string) Level {
	switch s {
	case "RUNNING":
		return Operational
	case "CLOSED":
		return Outage
	case "STARTING", "PREOPEN", "CIRCUIT BREAK",
		"AWAITING SQ", "MATURED": // futures past their trading period: no continuous trading
		return Restricted
	}
	return Unknown
}

func bitflyerDoc(r Response, what string) (gjson.Result, error) {
	if !gjson.ValidBytes(r.Body) {
		return gjson.Result{}, badStatus("bitFlyer %s: HTTP %d, body is not JSON (%s)", what, r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	if !doc.IsObject() {
		return doc, badStatus("bitFlyer %s: body is not an object", what)
	}
	if em := doc.Get("error_message"); em.Exists() {
		// {"status":-100,"error_message":"...","data":null}: a request error, not a status.
		return doc, badStatus("bitFlyer %s: HTTP %d, API error %s", what, r.StatusCode, snippet([]byte(em.String())))
	}
	if !httpOK(r.StatusCode) {
		return doc, badStatus("bitFlyer %s: HTTP %d", what, r.StatusCode)
	}
	return doc, nil
}

// ParseBitflyerHealth parses GET /v1/gethealth?product_code=X: {"status":"NORMAL"}.
func ParseBitflyerHealth(r Response, product string, watched []string) (Observation, error) {
	doc, err := bitflyerDoc(r, "gethealth")
	if err != nil {
		return Observation{}, err
	}
	st := doc.Get("status")
	if st.Type != gjson.String {
		return Observation{}, badStatus("bitFlyer gethealth: no string \"status\"")
	}
	ps := PairStatus{Pair: product, Level: BitflyerHealthLevel(st.Str), Raw: st.Str}
	return bitflyerFold(SourceREST, ps, watched), nil
}

// ParseBitflyerBoardState parses GET /v1/getboardstate?product_code=X:
// {"health":"NORMAL","state":"RUNNING","data":{...futures only}}.
func ParseBitflyerBoardState(r Response, product string, watched []string) (Observation, error) {
	doc, err := bitflyerDoc(r, "getboardstate")
	if err != nil {
		return Observation{}, err
	}
	health, state := doc.Get("health"), doc.Get("state")
	if health.Type != gjson.String || state.Type != gjson.String {
		return Observation{}, badStatus("bitFlyer getboardstate: no string \"health\"/\"state\"")
	}
	return bitflyerFold(SourceREST, bitflyerBoard(product, health.Str, state.Str), watched), nil
}

// bitflyerBoard combines health and state into the worse of the two,
// keeping both raw words.
func bitflyerBoard(product, health, state string) PairStatus {
	hl, sl := Operational, BitflyerStateLevel(state)
	if health != "" { // the websocket ticker carries only the state
		hl = BitflyerHealthLevel(health)
	}
	lvl := sl
	if hl.Worse(sl) {
		lvl = hl
	}
	if (hl == Unknown) != (sl == Unknown) {
		// A known problem next to an unknown word still counts as that problem.
		known := hl
		if hl == Unknown {
			known = sl
		}
		if known != Operational {
			lvl = known
		}
	}
	raw := state
	if health != "" {
		raw = state + " (health " + health + ")"
	}
	return PairStatus{Pair: product, Level: lvl, Raw: raw}
}

// bitflyerFold is FoldPairs for one product. The product is checked
// because the user watches it or because it is the default; either way it
// stands for the exchange, so it counts as watched.
func bitflyerFold(source string, ps PairStatus, watched []string) Observation {
	if len(watched) == 0 {
		watched = []string{ps.Pair}
	}
	obs := FoldPairs(source, []PairStatus{ps}, watched)
	if ps.Level != Operational {
		obs.Summary = fmt.Sprintf("%s: %s", ps.Pair, ps.Raw)
		switch ps.Level {
		case Degraded:
			obs.Summary = "bitFlyer busy on " + obs.Summary
		case Restricted:
			obs.Summary = "Trading restricted on " + obs.Summary
		case Outage:
			obs.Summary = "Trading stopped on " + obs.Summary
		case Unknown:
			obs.Summary = "Unrecognised bitFlyer status on " + obs.Summary
		}
	} else {
		obs.Summary = ps.Pair + " trading normally"
	}
	return obs
}

func bitflyerFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	watched := t.Pairs
	products := bitflyerProducts(t)
	var pushes pairPushes
	var sub [][]byte
	for i, pc := range products {
		b, _ := json.Marshal(map[string]any{
			"jsonrpc": "2.0", "method": "subscribe", "id": i + 1,
			"params": map[string]string{"channel": "lightning_ticker_" + pc},
		})
		sub = append(sub, b)
	}
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   RawFrames,
		Subscribe: sub,
		// The server pings at the protocol level (~15 s; gorilla answers
		// those); tickers come several times a second on BTC_JPY, but a
		// quiet product can go many seconds between ticks.
		StallAfter: 30 * time.Second,
		// Tickers come many times a second: only a change of some
		// product's state is reported, folded with the other products'.
		Handle: func(msg []byte) (FeedEvent, error) {
			ev, err := HandleBitflyerMessage(msg, watched)
			if err == nil && ev.Observation != nil && len(ev.Observation.Pairs) == 1 {
				single := *ev.Observation
				ev.Observation = pushes.update(SourceWebsocket, single.Pairs[0], products,
					func(PairStatus) Observation { return single })
			}
			return ev, err
		},
	}
}

// HandleBitflyerMessage handles a JSON-RPC 2.0 message from the lightstream:
// subscribe results, and channelMessage tickers whose "state" is the board
// state of that product (an authoritative status push).
func HandleBitflyerMessage(msg []byte, watched []string) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: not JSON (%s)", snippet(msg))
	}
	doc := gjson.ParseBytes(msg)
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: not a JSON-RPC message")
	}
	if e := doc.Get("error"); e.Exists() {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: JSON-RPC error %s", snippet([]byte(e.Raw)))
	}
	if doc.Get("result").Exists() {
		return FeedEvent{Alive: true}, nil
	}
	if doc.Get("method").String() != "channelMessage" {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: unexpected method %s", snippet([]byte(doc.Get("method").Raw)))
	}
	ch := doc.Get("params.channel")
	m := doc.Get("params.message")
	if ch.Type != gjson.String || !m.Exists() {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: channelMessage without channel/message")
	}
	ev := FeedEvent{Alive: true}
	if !strings.HasPrefix(ch.Str, "lightning_ticker_") || !m.IsObject() {
		return ev, nil
	}
	state := m.Get("state")
	if !state.Exists() {
		return ev, nil
	}
	if state.Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("bitFlyer stream: ticker state is not a string")
	}
	product := m.Get("product_code").String()
	if product == "" {
		product = strings.TrimPrefix(ch.Str, "lightning_ticker_")
	}
	obs := bitflyerFold(SourceWebsocket, bitflyerBoard(product, "", state.Str), watched)
	if state.Str == "PREOPEN" || state.Str == "CIRCUIT BREAK" {
		// preopen_end / circuit_break_end say when continuous trading resumes.
		for _, k := range []string{"preopen_end", "circuit_break_end"} {
			if v := m.Get(k); v.Type == gjson.String && v.Str != "" {
				obs.Summary += " until " + v.Str
			}
		}
	}
	ev.Observation = &obs
	return ev, nil
}
