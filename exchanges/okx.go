package exchanges

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// OKX: REST /api/v5/system/status (maintenance events, 1 request per 5 s)
// and the public websocket's status channel, which pushes the same events.
// status.okx.com is not a verified Statuspage, so there is no probe on it.
func init() {
	Register(&Exchange{
		ID:      "okx",
		Name:    "OKX",
		Country: "SC",
		Defaults: Endpoints{
			API: "https://www.okx.com",
			WS:  "wss://ws.okx.com:8443/ws/v5/public",
		},
		Links: Links{
			Status:  "https://www.okx.com/status",
			Notices: "https://www.okx.com/help/section/announcements-latest-announcements",
			Support: "https://www.okx.com/help",
		},
		Domains:           []string{"okx.com", "www.okx.com", "app.okx.com"},
		DefaultPairs:      []string{"BTC-USDT", "ETH-USDT"},
		Probes:            okxProbes,
		Feed:              okxFeed,
		WithdrawalPage:    "https://www.okx.com/balance/withdrawal",
		WhitelistRequired: true, // toAddr must be a verified address set up on the web or app
	})
}

func okxProbes(t Target) []Probe {
	if !Enabled(t.Endpoints.API) {
		return nil
	}
	return []Probe{{
		Name:        "system/status",
		Source:      SourceREST,
		URL:         Join(t.Endpoints.API, "/api/v5/system/status"),
		MinInterval: 5 * time.Second, // documented: 1 request per 5 seconds
		Parse:       ParseOKXSystemStatus,
	}}
}

// okxServices names the serviceType values; trading marks the ones whose
// maintenance stops spot trading.
var okxServices = map[string]struct {
	name    string
	trading bool
}{
	"0": {"WebSocket", false}, "1": {"Spot/Margin", true}, "2": {"Futures", false}, "3": {"Perpetual", false},
	"4": {"Options", false}, "5": {"Trading service", true}, "6": {"Block trading", false}, "7": {"Trading bot", false},
	"8": {"Trading service (batches of accounts)", true}, "9": {"Trading service (batches of products)", true},
	"10": {"Spread trading", false}, "11": {"Copy trading", false}, "99": {"Others (e.g. suspended instruments)", true},
}

// okxPartial are the services whose maintenance stops only some products:
// a restriction, named, rather than a whole-exchange maintenance.
var okxPartial = map[string]bool{"9": true, "99": true}

// okxEvents folds status events (REST data[] or a ws status push) into one
// observation. scheduled events are annotations; ongoing ones are
// maintenance (system disruption, maintType 3, is an outage); pre_open is a
// restriction; completed and canceled events end it. Demo (env 2) events are ignored.
func okxEvents(source string, events []gjson.Result) Observation {
	obs := Observation{Level: Operational, Authoritative: true}
	var whats []string
	raise := func(l Level, what string) {
		if l.Worse(obs.Level) {
			obs.Level, whats = l, nil
		}
		if l == obs.Level && what != "" {
			whats = append(whats, what)
		}
	}
	for _, ev := range events {
		if !ev.IsObject() {
			continue
		}
		if ev.Get("env").String() == "2" {
			continue
		}
		state := ev.Get("state").String()
		title := spClip(ev.Get("title").String(), 200)
		if title == "" {
			title = "OKX system maintenance"
		}
		st := ev.Get("serviceType").String()
		svc, known := okxServices[st]
		if !known {
			svc.name = "serviceType " + spClip(st, 16)
		}
		maintType := ev.Get("maintType").String()
		detail := fmt.Sprintf("%s: %s (%s, maintType %s)", spClip(state, 32), title, svc.name, spClip(maintType, 8))
		window := func() {
			obs.Maintenance = append(obs.Maintenance, MaintenanceWindow{
				Title: title, Start: adpTime(ev.Get("begin")), End: adpTime(ev.Get("end")),
				URL: spURL(ev.Get("href").String()), Status: spClip(state, 32), Source: source,
			})
		}
		obs.Reasons = append(obs.Reasons, Reason{Source: source, Detail: detail})
		switch state {
		case "scheduled":
			window()
		case "ongoing":
			window()
			switch {
			case !known:
				raise(Unknown, "maintenance on unrecognised "+svc.name)
			case st == "0":
				raise(Degraded, "websocket maintenance: "+title)
			case !svc.trading:
				// Derivatives, bots, block trading: named, not a spot trading stop.
			case maintType == "3":
				raise(Outage, "system disruption: "+title)
			case okxPartial[st]:
				raise(Restricted, "some products suspended: "+title)
			default:
				raise(Maintenance, "maintenance in progress: "+title)
			}
		case "pre_open":
			window()
			if svc.trading || !known {
				raise(Restricted, "pre-open after maintenance (cancels and post-only orders only): "+title)
			}
		case "completed", "canceled":
		default:
			raise(Unknown, fmt.Sprintf("unrecognised maintenance state %q", spClip(state, 32)))
		}
	}
	switch {
	case obs.Level == Operational && len(obs.Maintenance) > 0:
		obs.Summary = "OKX trading normally; maintenance scheduled: " + obs.Maintenance[0].Title
	case obs.Level == Operational:
		obs.Summary = "OKX trading normally; no maintenance in progress"
	default:
		obs.Summary = "OKX " + strings.Join(whats, "; ")
	}
	if obs.Level == Unknown {
		obs.Authoritative = false
	}
	obs.Advice = AdviceFor(obs.Level)
	return obs
}

// ParseOKXSystemStatus parses GET /api/v5/system/status:
// {"code":"0","msg":"","data":[{"begin","end","href","preOpenBegin","scheDesc","serviceType","state","maintType","env","system","title"}]}.
func ParseOKXSystemStatus(r Response) (Observation, error) {
	doc, err := adpJSON(r.Body, "OKX system/status")
	if err != nil {
		return Observation{}, err
	}
	if !doc.IsObject() {
		return Observation{}, adpBad("OKX system/status: body is not a JSON object")
	}
	code := doc.Get("code")
	if code.Type != gjson.String && code.Type != gjson.Number {
		return Observation{}, adpBad("OKX system/status: code missing")
	}
	if c := code.String(); c != "0" {
		msg := spClip(doc.Get("msg").String(), 120)
		switch c {
		case "50001": // "Service temporarily unavailable": often maintenance, sometimes a blip
			o := adpStated(Outage, SourceREST, "OKX service temporarily unavailable", "code 50001 "+msg)
			o.Authoritative = false
			return o, nil
		case "50013": // "Systems are busy"
			return adpStated(Degraded, SourceREST, "OKX systems busy", "code 50013 "+msg), nil
		}
		return Observation{}, adpBad("OKX system/status: error code %s %q", spClip(c, 16), msg)
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("OKX system/status: HTTP %d with code 0", r.StatusCode)
	}
	data := doc.Get("data")
	if !data.IsArray() {
		return Observation{}, adpBad("OKX system/status: data is not an array")
	}
	return okxEvents(SourceREST, data.Array()), nil
}

func okxFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	inst := adpPairsWith(t, []string{"BTC-USDT"}, func(p string) bool { return strings.Contains(p, "-") })[0]
	tickers, _ := json.Marshal(map[string]any{"op": "subscribe", "args": []any{map[string]string{"channel": "tickers", "instId": inst}}})
	return &Feed{
		URL:       t.Endpoints.WS,
		Subscribe: [][]byte{[]byte(`{"op":"subscribe","args":[{"channel":"status"}]}`), tickers},
		// OKX drops a connection silent for 30 s; the client pings with the text "ping".
		Ping:      []byte("ping"),
		PingEvery: 20 * time.Second,
		// tickers push several times a second on BTC-USDT, and "pong" comes
		// every 20 s even on a quiet instrument.
		StallAfter: 25 * time.Second,
		Handle:     HandleOKXMessage,
	}
}

// HandleOKXMessage handles one public websocket message: "pong", event
// acks and errors, status channel pushes, ticker data, and the notice that
// announces a disconnect for a service upgrade.
func HandleOKXMessage(msg []byte) (FeedEvent, error) {
	if string(msg) == "pong" {
		return FeedEvent{Alive: true}, nil
	}
	doc, err := adpJSON(msg, "OKX websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("OKX websocket: message is not an object")
	}
	switch doc.Get("event").String() {
	case "error":
		return FeedEvent{Alive: true}, fmt.Errorf("OKX websocket: error %s %q", spClip(doc.Get("code").String(), 16), spClip(doc.Get("msg").String(), 120))
	case "notice":
		// 64008: "The connection will soon be closed for a service upgrade."
		return FeedEvent{Alive: true, Reconnect: true}, nil
	case "":
	default:
		return FeedEvent{Alive: true}, nil // subscribe, unsubscribe acks
	}
	if doc.Get("arg.channel").String() == "status" {
		data := doc.Get("data")
		if !data.IsArray() {
			return FeedEvent{}, fmt.Errorf("OKX websocket: status push without data")
		}
		o := okxEvents(SourceWebsocket, data.Array())
		return FeedEvent{Alive: true, Observation: &o}, nil
	}
	return FeedEvent{Alive: true}, nil
}
