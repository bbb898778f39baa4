package exchanges

import (
	"fmt"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Bybit (V5): REST /v5/system/status (maintenance announcements) and the
// system-status websocket stream, topic system.status. Bybit has no status
// page. The state enum is not documented beyond "completed": common
// spellings are mapped and anything else is named as unknown.
func init() {
	Register(&Exchange{
		ID:      "bybit",
		Name:    "Bybit",
		Country: "AE",
		Defaults: Endpoints{
			API: "https://api.bybit.com",
			WS:  "wss://stream.bybit.com/v5/public/misc/status",
		},
		Links: Links{
			Status:  "https://announcements.bybit.com/en/?category=maintenance_updates",
			Notices: "https://announcements.bybit.com/en/",
			Support: "https://www.bybit.com/en/help-center",
		},
		Domains:           []string{"bybit.com", "www.bybit.com", "announcements.bybit.com"},
		DefaultPairs:      []string{"BTCUSDT", "ETHUSDT"},
		Probes:            bybitProbes,
		Feed:              bybitFeed,
		WithdrawalPage:    "https://www.bybit.com/user/assets/withdraw",
		WhitelistRequired: true, // the address must already be in the address book
	})
}

func bybitProbes(t Target) []Probe {
	if !Enabled(t.Endpoints.API) {
		return nil
	}
	return []Probe{{
		Name:   "system/status",
		Source: SourceREST,
		URL:    Join(t.Endpoints.API, "/v5/system/status"),
		// 600 requests per 5 s per IP: no practical limit for one poll, but
		// "403 access too frequent" bans for 10 min, so stay gentle.
		MinInterval: time.Second,
		Parse:       ParseBybitSystemStatus,
	}}
}

func bybitInts(v gjson.Result) string {
	var out []string
	for _, x := range v.Array() {
		out = append(out, spClip(x.String(), 8))
	}
	return strings.Join(out, ",")
}

// bybitEvents folds maintenance events (REST result.list or a
// system.status push): active ones are maintenance, scheduled ones are
// annotations, finished ones are ignored.
func bybitEvents(source string, events []gjson.Result) Observation {
	obs := Observation{Level: Operational, Authoritative: true}
	var whats []string
	for _, ev := range events {
		if !ev.IsObject() {
			continue
		}
		raw := ev.Get("state").String()
		state := strings.ToLower(strings.TrimSpace(raw))
		title := spClip(ev.Get("title").String(), 200)
		if title == "" {
			title = "Bybit system maintenance"
		}
		w := MaintenanceWindow{Title: title, Start: adpTime(ev.Get("begin")), End: adpTime(ev.Get("end")),
			URL: spURL(ev.Get("href").String()), Status: spClip(raw, 32), Source: source}
		detail := fmt.Sprintf("%s: %s (serviceTypes %s, product %s, maintainType %s)", spClip(raw, 32), title,
			bybitInts(ev.Get("serviceTypes")), bybitInts(ev.Get("product")), spClip(ev.Get("maintainType").String(), 8))
		var l Level
		switch state {
		case "ongoing", "in_progress", "processing", "active", "maintaining", "started":
			l = Maintenance
			obs.Maintenance = append(obs.Maintenance, w)
		case "scheduled", "pending", "upcoming", "planned", "notified":
			l = Operational
			obs.Maintenance = append(obs.Maintenance, w)
		case "completed", "complete", "canceled", "cancelled", "finished", "ended", "done":
			continue
		default:
			l = Unknown
			detail = fmt.Sprintf("unrecognised state %q: %s", spClip(raw, 32), title)
		}
		obs.Reasons = append(obs.Reasons, Reason{Source: source, Detail: detail})
		if l.Worse(obs.Level) {
			obs.Level, whats = l, nil
		}
		if l == obs.Level && l != Operational {
			whats = append(whats, title)
		}
	}
	switch obs.Level {
	case Operational:
		obs.Summary = "Bybit: no maintenance in progress"
		if len(obs.Maintenance) > 0 {
			obs.Summary = "Bybit: maintenance scheduled: " + obs.Maintenance[0].Title
		}
	case Maintenance:
		obs.Summary = "Bybit maintenance in progress: " + strings.Join(whats, "; ")
	case Unknown:
		obs.Summary = "Bybit: unrecognised maintenance state"
		obs.Authoritative = false
	}
	obs.Advice = AdviceFor(obs.Level)
	return obs
}

// ParseBybitSystemStatus parses GET /v5/system/status:
// {"retCode":0,"retMsg":"OK","result":{"list":[{"id","title","state","begin","end","href","serviceTypes","product","uidSuffix","maintainType","env"}]},"time":...}.
func ParseBybitSystemStatus(r Response) (Observation, error) {
	doc, err := adpJSON(r.Body, "Bybit system/status")
	if err != nil {
		return Observation{}, err
	}
	if !doc.IsObject() {
		return Observation{}, adpBad("Bybit system/status: body is not a JSON object")
	}
	rc := doc.Get("retCode")
	if rc.Type != gjson.Number {
		return Observation{}, adpBad("Bybit system/status: retCode missing or not a number")
	}
	if rc.Int() != 0 || rc.Num != 0 {
		// 10006 "Too many visits", 10016 server error, ...: no documented
		// code states a maintenance, so none is read as one.
		return Observation{}, adpBad("Bybit system/status: retCode %d %q", rc.Int(), spClip(doc.Get("retMsg").String(), 120))
	}
	if !adpHTTPOK(r.StatusCode) {
		return Observation{}, adpBad("Bybit system/status: HTTP %d with retCode 0", r.StatusCode)
	}
	list := doc.Get("result.list")
	if !list.IsArray() {
		return Observation{}, adpBad("Bybit system/status: result.list is not an array")
	}
	return bybitEvents(SourceREST, list.Array()), nil
}

func bybitFeed(t Target) *Feed {
	if !Enabled(t.Endpoints.WS) {
		return nil
	}
	return &Feed{
		URL:       t.Endpoints.WS,
		Subscribe: [][]byte{[]byte(`{"op":"subscribe","args":["system.status"]}`)},
		Ping:      []byte(`{"req_id":"safeharbor","op":"ping"}`),
		PingEvery: 20 * time.Second, // Bybit recommends a ping every 20 s
		// The status stream pushes only on change: the pong to the 20 s
		// ping is the only regular message, so allow two to go missing.
		StallAfter: 45 * time.Second,
		Handle:     HandleBybitMessage,
	}
}

// HandleBybitMessage handles one message of the system-status stream.
func HandleBybitMessage(msg []byte) (FeedEvent, error) {
	doc, err := adpJSON(msg, "Bybit websocket")
	if err != nil {
		return FeedEvent{}, err
	}
	if !doc.IsObject() {
		return FeedEvent{}, fmt.Errorf("Bybit websocket: message is not an object")
	}
	if op := doc.Get("op"); op.Type == gjson.String {
		if doc.Get("success").Type == gjson.False {
			return FeedEvent{Alive: true}, fmt.Errorf("Bybit websocket: %s failed: %q", spClip(op.Str, 16), spClip(doc.Get("ret_msg").String(), 120))
		}
		return FeedEvent{Alive: true}, nil // pong, subscribe ack
	}
	if doc.Get("topic").String() == "system.status" {
		data := doc.Get("data")
		if !data.IsArray() {
			return FeedEvent{}, fmt.Errorf("Bybit websocket: system.status without data")
		}
		o := bybitEvents(SourceWebsocket, data.Array())
		return FeedEvent{Alive: true, Observation: &o}, nil
	}
	return FeedEvent{Alive: true}, nil
}
