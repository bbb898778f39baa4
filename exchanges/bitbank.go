package exchanges

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"
)

// bitbank: REST spot/status (per-pair NORMAL/BUSY/VERY_BUSY/HALT), per-pair
// circuit_break_info on the public host, and the Socket.IO public stream.
func init() {
	Register(&Exchange{
		ID:      "bitbank",
		Name:    "bitbank",
		Country: "JP",
		Defaults: Endpoints{
			API:    "https://api.bitbank.cc",
			Public: "https://public.bitbank.cc",
			// status.bitbank.cc is not a verified Statuspage: no probe on it.
			WS: "wss://stream.bitbank.cc/socket.io/?EIO=4&transport=websocket",
		},
		Links: Links{
			Status:  "https://status.bitbank.cc/",
			Notices: "https://blog.bitbank.cc/tag/service/",
			Support: "https://support.bitbank.cc/hc/ja",
		},
		Domains:           []string{"bitbank.cc", "app.bitbank.cc", "blog.bitbank.cc", "support.bitbank.cc"},
		DefaultPairs:      []string{"btc_jpy", "eth_jpy"},
		Probes:            bitbankProbes,
		Feed:              bitbankFeed,
		WithdrawalPage:    "https://app.bitbank.cc/account/withdrawal",
		WhitelistRequired: true, // request_withdrawal takes the uuid of a pre-registered account
	})
}

// bitbankMaxCircuitProbes caps per-pair circuit_break_info requests: they
// are one request per pair per poll, and a long watch list should not turn
// into a request storm.
const bitbankMaxCircuitProbes = 5

func bitbankProbes(t Target) []Probe {
	var ps []Probe
	watched := t.Pairs
	if Enabled(t.Endpoints.API) {
		ps = append(ps, Probe{
			Name:   "spot/status",
			Source: SourceREST,
			URL:    Join(t.Endpoints.API, "/v1/spot/status"),
			Parse:  func(r Response) (Observation, error) { return ParseBitbankStatus(r, watched) },
		})
	}
	if Enabled(t.Endpoints.Public) {
		// Circuit breaks are per pair: the watched ones, or the main pair
		// standing in for the exchange.
		cb := t.Pairs
		if len(cb) == 0 {
			cb = []string{"btc_jpy"}
		}
		for i, p := range cb {
			if i == bitbankMaxCircuitProbes {
				break
			}
			pair := strings.ToLower(p)
			ps = append(ps, Probe{
				Name:   "circuit_break_info " + pair,
				Source: SourceREST,
				URL:    Join(t.Endpoints.Public, "/"+url.PathEscape(pair)+"/circuit_break_info"),
				Parse:  func(r Response) (Observation, error) { return ParseBitbankCircuitBreak(r, pair) },
			})
		}
	}
	return ps
}

// bitbank error codes (errors.md) that state the exchange's condition.
const (
	bitbankMaintenance = 10007
	bitbankBusy        = 10008
	bitbankTooMany     = 10009
)

// bitbankEnvelope checks the {"success":N,"data":...} envelope. For
// success 0 it returns the observation the error code states, if any.
func bitbankEnvelope(r Response, what string) (gjson.Result, *Observation, error) {
	if !gjson.ValidBytes(r.Body) {
		return gjson.Result{}, nil, badStatus("bitbank %s: HTTP %d, body is not JSON (%s)", what, r.StatusCode, snippet(r.Body))
	}
	doc := gjson.ParseBytes(r.Body)
	success := doc.Get("success")
	if success.Type != gjson.Number {
		return doc, nil, badStatus("bitbank %s: HTTP %d, no numeric \"success\" field", what, r.StatusCode)
	}
	if success.Raw == "0" {
		code := doc.Get("data.code")
		if code.Type != gjson.Number {
			return doc, nil, badStatus("bitbank %s: error envelope without numeric data.code", what)
		}
		switch code.Raw {
		case strconv.Itoa(bitbankMaintenance):
			o := stated(Maintenance, SourceREST, "bitbank is under system maintenance", "error 10007 system maintenance")
			return doc, &o, nil
		case strconv.Itoa(bitbankBusy):
			o := stated(Degraded, SourceREST, "bitbank reports its servers are busy", "error 10008 server busy")
			return doc, &o, nil
		case strconv.Itoa(bitbankTooMany):
			return doc, nil, badStatus("bitbank %s: rate limited (error 10009)", what)
		}
		return doc, nil, badStatus("bitbank %s: error code %s", what, snippet([]byte(code.Raw)))
	}
	if success.Raw != "1" {
		return doc, nil, badStatus("bitbank %s: unexpected success value %s", what, snippet([]byte(success.Raw)))
	}
	if !httpOK(r.StatusCode) {
		return doc, nil, badStatus("bitbank %s: HTTP %d with a success body", what, r.StatusCode)
	}
	return doc, nil, nil
}

// ParseBitbankStatus parses GET /v1/spot/status:
// {"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":"NORMAL",...}]}}.
// watched are the user's pairs: a HALT there is an outage for them.
func ParseBitbankStatus(r Response, watched []string) (Observation, error) {
	doc, stated, err := bitbankEnvelope(r, "spot/status")
	if err != nil {
		return Observation{}, err
	}
	if stated != nil {
		return *stated, nil
	}
	list := doc.Get("data.statuses")
	if !list.IsArray() {
		return Observation{}, badStatus("bitbank spot/status: data.statuses is not an array")
	}
	var pairs []PairStatus
	var bad error
	list.ForEach(func(_, it gjson.Result) bool {
		pair, status := it.Get("pair"), it.Get("status")
		if pair.Type != gjson.String || status.Type != gjson.String || pair.Str == "" {
			bad = badStatus("bitbank spot/status: entry without string pair/status")
			return false
		}
		pairs = append(pairs, PairStatus{Pair: pair.Str, Level: bitbankPairLevel(status.Str), Raw: status.Str})
		return true
	})
	if bad != nil {
		return Observation{}, bad
	}
	if len(pairs) == 0 {
		return Observation{}, badStatus("bitbank spot/status: empty statuses list")
	}
	return FoldPairs(SourceREST, pairs, watched), nil
}

func bitbankPairLevel(s string) Level {
	switch s {
	case "NORMAL":
		return Operational
	case "BUSY", "VERY_BUSY":
		return Degraded
	case "HALT": // all order and cancel requests suspended
		return Outage
	}
	return Unknown
}

// ParseBitbankCircuitBreak parses GET {public}/{pair}/circuit_break_info:
// {"success":1,"data":{"mode":"NONE",...,"reopen_timestamp":null}}.
func ParseBitbankCircuitBreak(r Response, pair string) (Observation, error) {
	doc, stated, err := bitbankEnvelope(r, "circuit_break_info")
	if err != nil {
		return Observation{}, err
	}
	if stated != nil {
		return *stated, nil
	}
	mode := doc.Get("data.mode")
	if mode.Type != gjson.String {
		return Observation{}, badStatus("bitbank circuit_break_info: no string data.mode")
	}
	lvl := bitbankCircuitLevel(mode.Str)
	return bitbankCircuitObservation(SourceREST, pair, mode.Str, lvl, doc.Get("data.reopen_timestamp")), nil
}

func bitbankCircuitLevel(mode string) Level {
	switch mode {
	case "NONE":
		return Operational
	case "CIRCUIT_BREAK", "FULL_RANGE_CIRCUIT_BREAK", "RESUMPTION", "LISTING":
		// Circuit break, or a call auction before (re)opening: orders are
		// matched by itayose, not continuously.
		return Restricted
	}
	return Unknown
}

func bitbankCircuitObservation(source, pair, mode string, lvl Level, reopen gjson.Result) Observation {
	obs := FoldPairs(source, []PairStatus{{Pair: pair, Level: lvl, Raw: mode}}, []string{pair})
	switch lvl {
	case Operational:
		obs.Summary = "No circuit break on " + pair
	case Restricted:
		obs.Summary = fmt.Sprintf("Circuit break mode %s on %s", mode, pair)
		if reopen.Type == gjson.Number && reopen.Int() > 0 {
			obs.Summary += ", reopening " + time.UnixMilli(reopen.Int()).UTC().Format(time.RFC3339)
		}
	}
	return obs
}

func bitbankFeed(t Target) *Feed {
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
		// ticker: ~1/s on busy pairs. depth_whole: every ~15 s even on a
		// suspended pair, so the feed never goes quiet while the server is alive.
		// circuit_break_info: pushed circuit-break mode changes.
		sub = append(sub, jsonArray("join-room", "ticker_"+p), jsonArray("join-room", "depth_whole_"+p),
			jsonArray("join-room", "circuit_break_info_"+p))
	}
	subscribed := make([]string, len(pairs))
	for i, p := range pairs {
		subscribed[i] = strings.ToLower(p)
	}
	var pushes pairPushes
	return &Feed{
		URL:       t.Endpoints.WS,
		Framing:   SocketIO,
		Subscribe: sub,
		// Engine.IO pings (every 25 s) are answered by the engine; they are
		// not data. depth_whole every 15 s is the slowest guaranteed message.
		StallAfter: 20 * time.Second,
		Handle: func(msg []byte) (FeedEvent, error) {
			ev, err := HandleBitbankMessage(msg)
			if err == nil && ev.Observation != nil && len(ev.Observation.Pairs) == 1 {
				single := *ev.Observation
				ev.Observation = pushes.update(SourceWebsocket, single.Pairs[0], subscribed,
					func(PairStatus) Observation { return single })
			}
			return ev, err
		},
	}
}

// HandleBitbankMessage handles one Socket.IO event array, e.g.
// ["message",{"room_name":"ticker_btc_jpy","message":{"data":{...}}}].
func HandleBitbankMessage(msg []byte) (FeedEvent, error) {
	if !gjson.ValidBytes(msg) {
		return FeedEvent{}, fmt.Errorf("bitbank stream: not JSON (%s)", snippet(msg))
	}
	arr := gjson.ParseBytes(msg)
	if !arr.IsArray() {
		return FeedEvent{}, fmt.Errorf("bitbank stream: event is not an array")
	}
	name := arr.Get("0")
	if name.Type != gjson.String {
		return FeedEvent{}, fmt.Errorf("bitbank stream: event without a name")
	}
	if name.Str != "message" {
		// Other events are still the server talking.
		return FeedEvent{Alive: true}, nil
	}
	room := arr.Get("1.room_name")
	if room.Type != gjson.String || !arr.Get("1.message").IsObject() {
		return FeedEvent{}, fmt.Errorf("bitbank stream: message without room_name/message")
	}
	ev := FeedEvent{Alive: true}
	if pair, ok := strings.CutPrefix(room.Str, "circuit_break_info_"); ok {
		mode := arr.Get("1.message.data.mode")
		if mode.Type != gjson.String {
			return FeedEvent{}, fmt.Errorf("bitbank stream: circuit_break_info without a string mode")
		}
		obs := bitbankCircuitObservation(SourceWebsocket, pair, mode.Str, bitbankCircuitLevel(mode.Str), arr.Get("1.message.data.reopen_timestamp"))
		ev.Observation = &obs
	}
	return ev, nil
}

// --- helpers shared by this file's sibling adapters ---

// maxFeedPairs caps per-pair websocket subscriptions: liveness needs only a
// few busy pairs, and exchanges limit subscriptions per connection
// (Bitfinex: 30).
const maxFeedPairs = 5

func feedPairs(pairs []string) []string {
	if len(pairs) > maxFeedPairs {
		return pairs[:maxFeedPairs]
	}
	return pairs
}

// badStatus returns an error wrapping ErrNotStatus with a specific reason.
func badStatus(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrNotStatus, fmt.Sprintf(format, a...))
}

// httpOK treats 0 (no status, as in unit tests) and 2xx as success.
func httpOK(code int) bool { return code == 0 || (code >= 200 && code < 300) }

// snippet quotes the start of a body for an error message (public data only).
func snippet(b []byte) string {
	const n = 40
	s := string(b)
	if len(s) > n {
		s = s[:n] + "..."
	}
	return strconv.Quote(s)
}

// stated is an authoritative observation of a single exchange-wide state.
func stated(l Level, source, summary, detail string) Observation {
	return Observation{
		Level:         l,
		Authoritative: true,
		Summary:       summary,
		Reasons:       []Reason{{Source: source, Detail: detail}},
		Advice:        AdviceFor(l),
	}
}

// jsonArray encodes a flat array of strings (subscription messages).
func jsonArray(items ...string) []byte {
	b, _ := json.Marshal(items) // []string always marshals
	return b
}

// pairPushes remembers the latest pushed state of each pair on one feed.
// The engine keeps only a feed's latest status observation, so one pair's
// "normal" push must not overwrite another pair's trouble: every push is
// folded with the others, and only a change is reported.
type pairPushes struct {
	mu      sync.Mutex
	last    map[string]PairStatus
	emitted string
}

// update records ps and returns the folded observation, or nil when
// nothing changed since the last one returned.
func (p *pairPushes) update(source string, ps PairStatus, watched []string, single func(PairStatus) Observation) *Observation {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		p.last = map[string]PairStatus{}
	}
	p.last[strings.ToUpper(ps.Pair)] = ps
	keys := make([]string, 0, len(p.last))
	for k := range p.last {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var fp strings.Builder
	all := make([]PairStatus, 0, len(keys))
	for _, k := range keys {
		s := p.last[k]
		all = append(all, s)
		fmt.Fprintf(&fp, "%s=%d:%s;", k, s.Level, s.Raw)
	}
	if fp.String() == p.emitted {
		return nil
	}
	p.emitted = fp.String()
	var obs Observation
	if len(all) == 1 && single != nil {
		obs = single(all[0])
	} else {
		obs = FoldPairs(source, all, watched)
	}
	return &obs
}
