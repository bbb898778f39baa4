package exchanges

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Kraken: REST SystemStatus (trading-engine state plus upcoming
// maintenance and emergency notices), status.kraken.com, and websocket v2
// whose status channel pushes the engine state on connect and on change.
func init() {
	Register(&Exchange{
		ID:      "kraken",
		Name:    "Kraken",
		Country: "US",
		Defaults: Endpoints{
			API:        "https://api.kraken.com",
			StatusPage: "https://status.kraken.com",
			WS:         "wss://ws.kraken.com/v2",
		},
		Links: Links{
			Status:  "https://status.kraken.com/",
			Notices: "https://blog.kraken.com/",
			Support: "https://support.kraken.com/",
		},
		Domains:           []string{"kraken.com", "www.kraken.com", "pro.kraken.com", "status.kraken.com", "support.kraken.com"},
		DefaultPairs:      []string{"BTC/USD", "ETH/USD"},
		Probes:            krakenProbes,
		Feed:              krakenFeed,
		WithdrawalPage:    "https://www.kraken.com/u/funding/withdraw",
		WhitelistRequired: true, // Withdraw takes the name (key) of a pre-configured address
	})
}

func krakenProbes(t Target) []Probe {
	var ps []Probe
	if Enabled(t.Endpoints.API) {
		ps = append(ps, Probe{
			Name:   "SystemStatus",
			Source: SourceREST,
			URL:    Join(t.Endpoints.API, "/0/public/SystemStatus"),
			// Public REST: "1 per second (or less)" stays within the limit.
			MinInterval: time.Second,
			Parse:       ParseKrakenSystemStatus,
		})
	}
	if Enabled(t.Endpoints.StatusPage) {
		ps = append(ps, StatusPageProbe(t.Endpoints.StatusPage))
	}
	return ps
}

// krakenSystemLevel maps the trading-engine state (REST status, WS v2
// system, WS v1 status).
func krakenSystemLevel(s string) (Level, string, bool) {
	switch s {
	case "online":
		return Operational, "Kraken trading engine online", true
	case "maintenance":
		return Maintenance, "Kraken under maintenance: no new orders or cancels", true
	case "cancel_only":
		return Restricted, "Kraken in cancel-only mode: no new orders", true
	case "post_only":
		return Restricted, "Kraken in post-only mode: only post-only limit orders", true
	case "limit_only":
		return Restricted, "Kraken in limit-only mode: no market orders", true
	}
	return Unknown, "", false
}

func krakenSystemObservation(source, raw string) Observation {
	l, summary, ok := krakenSystemLevel(raw)
	if !ok {
		return UnknownValue(source, "Kraken system status", raw)
	}
	return adpStated(l, source, summary, "status "+raw)
}

// Kraken error strings that state the exchange's condition.
func krakenErrorObservation(errs []string) (Observation, bool) {
	for _, e := range errs {
		switch {
		case strings.HasPrefix(e, "EService:Unavailable"):
			// Stated by Kraken, but "unavailable" is transient as often as
			// not: let the engine confirm it like any failure.
			o := adpStated(Outage, SourceREST, "Kraken API unavailable", "error "+spClip(e, 80))
			o.Authoritative = false
			return o, true
		case strings.HasPrefix(e, "EService:Busy"):
			return adpStated(Degraded, SourceREST, "Kraken API busy", "error "+spClip(e, 80)), true
		case strings.Contains(e, "cancel_only"):
			return adpStated(Restricted, SourceREST, "Kraken in cancel-only mode: no new orders", "error "+spClip(e, 80)), true
		case strings.Contains(e, "post_only"):
			return adpStated(Restricted, SourceREST, "Kraken in post-only mode: only post-only limit orders", "error "+spClip(e, 80)), true
		}
	}
	return Observation{}, false
}

// ParseKrakenSystemStatus parses GET /0/public/SystemStatus:
// {"error":[],"result":{"status":"online","timestamp":"...","upcoming_maintenance":[],"emergency":[]}}.
// The item fields of upcoming_maintenance and emergency are undocumented:
// common spellings are accepted and anything else is tolerated.
func ParseKrakenSystemStatus(r Response) (Observation, error) {
	doc, err := adpJSON(r.Body, "Kraken SystemStatus")
	if err != nil {
		if !adpHTTPOK(r.StatusCode) {
			return Observation{}, adpBad("Kraken SystemStatus: HTTP %d, %v", r.StatusCode, err)
		}
		return Observation{}, err
	}
	if !doc.IsObject() {
		return Observation{}, adpBad("Kraken SystemStatus: body is not a JSON object")
	}
	if e := doc.Get("error"); e.Exists() && !e.IsArray() {
		return Observation{}, adpBad("Kraken SystemStatus: error is not an array")
	}
	var errs []string
	for _, e := range doc.Get("error").Array() {
		errs = append(errs, e.String())
	}
	if len(errs) > 0 {
		if o, ok := krakenErrorObservation(errs); ok {
			return o, nil
		}
		return Observation{}, adpBad("Kraken SystemStatus: error %q", spClip(strings.Join(errs, ", "), 120))
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("Kraken SystemStatus: HTTP %d without an error envelope", r.StatusCode)
	}
	res := doc.Get("result")
	if !res.IsObject() {
		return Observation{}, adpBad("Kraken SystemStatus: no result object")
	}
	st := res.Get("status")
	if st.Type != gjson.String {
		return Observation{}, adpBad("Kraken SystemStatus: result.status missing or not a string")
	}
	obs := krakenSystemObservation(SourceREST, st.Str)

	for _, m := range res.Get("upcoming_maintenance").Array() {
		if !m.IsObject() {
			continue
		}
		w := MaintenanceWindow{
			Title:  spClip(adpFirst(m, "title", "name", "description", "id").String(), 200),
			Start:  adpTime(adpFirst(m, "start", "starts_at", "start_at", "scheduled_for", "start_time", "begin", "from", "starts")),
			End:    adpTime(adpFirst(m, "end", "ends_at", "end_at", "scheduled_until", "end_time", "finish", "until", "to", "ends")),
			URL:    spURL(adpFirst(m, "shortlink", "url", "link", "href").String()),
			Status: spClip(adpFirst(m, "status").String(), 32),
			Source: SourceREST,
		}
		if w.Title == "" {
			w.Title = "Kraken scheduled maintenance"
		}
		if w.Status == "" {
			w.Status = "scheduled"
		}
		obs.Maintenance = append(obs.Maintenance, w)
		obs.Reasons = append(obs.Reasons, Reason{Source: SourceREST, Detail: "upcoming maintenance: " + w.Title})
	}
	for _, e := range res.Get("emergency").Array() {
		if !e.IsObject() {
			continue
		}
		in := Incident{
			ID:      spClip(adpFirst(e, "id").String(), 64),
			Title:   spClip(adpFirst(e, "title", "name", "description").String(), 200),
			Status:  spClip(adpFirst(e, "status").String(), 32),
			Impact:  spClip(adpFirst(e, "impact").String(), 32),
			Update:  spClip(adpFirst(e, "body", "message", "update", "description").String(), 1000),
			URL:     spURL(adpFirst(e, "shortlink", "url", "link", "href").String()),
			Started: adpTime(adpFirst(e, "started_at", "created_at", "start", "starts_at")),
		}
		if in.Update == "" {
			in.Update = spLatestUpdate(e)
		}
		if in.Title == "" {
			in.Title = "Kraken emergency notice"
		}
		obs.Incidents = append(obs.Incidents, in)
		obs.Reasons = append(obs.Reasons, Reason{Source: SourceREST, Detail: "emergency notice: " + in.Title})
	}
	return obs, nil
}

func krakenFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	symbols := adpPairsWith(t, []string{"BTC/USD"}, func(p string) bool { return strings.Contains(p, "/") })
	sub, _ := json.Marshal(map[string]any{
		"method": "subscribe",
		"params": map[string]any{"channel": "ticker", "symbol": symbols},
	})
	return &Feed{
		URL: t.Endpoints.WS,
		// status arrives by itself on connect; the ticker subscription turns
		// on the ~1/s heartbeat channel.
		Subscribe: [][]byte{sub},
		Ping:      []byte(`{"method":"ping","req_id":1}`),
		PingEvery: 30 * time.Second,
		// Heartbeats come about once a second once subscribed.
		StallAfter: 5 * time.Second,
		Handle:     HandleKrakenMessage,
	}
}

// HandleKrakenMessage handles one websocket v2 message (v1 heartbeat and
// systemStatus are understood too).
func HandleKrakenMessage(msg []byte) (FeedEvent, error) {
	doc, err := adpJSON(msg, "Kraken websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	if doc.IsArray() {
		return FeedEvent{Alive: true}, nil // v1 channel data
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("Kraken websocket: message is not an object or array")
	}
	if ch := doc.Get("channel"); ch.Type == gjson.String {
		if ch.Str != "status" {
			return FeedEvent{Alive: true}, nil // heartbeat, ticker, ...
		}
		sys := doc.Get("data.0.system")
		if sys.Type != gjson.String {
			return FeedEvent{}, fmt.Errorf("Kraken websocket: status without data[0].system")
		}
		o := krakenSystemObservation(SourceWebsocket, sys.Str)
		return FeedEvent{Alive: true, Observation: &o}, nil
	}
	if m := doc.Get("method"); m.Type == gjson.String {
		if s := doc.Get("success"); s.Type == gjson.False {
			return FeedEvent{Alive: true}, fmt.Errorf("Kraken websocket: %s failed: %s", spClip(m.Str, 32), spClip(doc.Get("error").String(), 120))
		}
		return FeedEvent{Alive: true}, nil // pong, subscribe acks
	}
	switch doc.Get("event").String() {
	case "systemStatus": // v1
		st := doc.Get("status")
		if st.Type != gjson.String {
			return FeedEvent{}, fmt.Errorf("Kraken websocket: systemStatus without status")
		}
		o := krakenSystemObservation(SourceWebsocket, st.Str)
		return FeedEvent{Alive: true, Observation: &o}, nil
	case "error":
		return FeedEvent{Alive: true}, fmt.Errorf("Kraken websocket: error %s", spClip(doc.Get("errorMessage").String(), 120))
	}
	return FeedEvent{Alive: true}, nil
}
