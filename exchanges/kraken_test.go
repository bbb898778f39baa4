package exchanges

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func krakenBody(status, extra string) []byte {
	return []byte(`{"error":[],"result":{"status":"` + status + `","timestamp":"2026-11-21T10:00:00Z"` + extra + `}}`)
}

func TestParseKrakenSystemStatus(t *testing.T) {
	cases := []struct {
		name string
		code int
		body []byte
		want Level
		auth bool
	}{
		{"online", 200, krakenBody("online", `,"upcoming_maintenance":[],"emergency":[]`), Operational, true},
		{"online, arrays absent", 200, krakenBody("online", ""), Operational, true},
		{"maintenance", 200, krakenBody("maintenance", ""), Maintenance, true},
		{"cancel_only", 200, krakenBody("cancel_only", ""), Restricted, true},
		{"post_only", 200, krakenBody("post_only", ""), Restricted, true},
		{"limit_only", 200, krakenBody("limit_only", ""), Restricted, true},
		{"unknown status", 200, krakenBody("reduce_only_mode", ""), Unknown, false},
		{"busy envelope", 200, []byte(`{"error":["EService:Busy"]}`), Degraded, true},
		{"unavailable envelope on 503", 503, []byte(`{"error":["EService:Unavailable"]}`), Outage, false},
		{"cancel_only envelope", 200, []byte(`{"error":["EService:Market in cancel_only mode"]}`), Restricted, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseKrakenSystemStatus(Response{StatusCode: c.code, Body: c.body})
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want || obs.Authoritative != c.auth {
				t.Fatalf("got %v auth=%v, want %v auth=%v (%s)", obs.Level, obs.Authoritative, c.want, c.auth, obs.Summary)
			}
			if obs.Summary == "" || len(obs.Reasons) == 0 {
				t.Errorf("summary %q reasons %v", obs.Summary, obs.Reasons)
			}
		})
	}
}

func TestParseKrakenSystemStatusNotices(t *testing.T) {
	body := krakenBody("online", `,"upcoming_maintenance":[{"id":"m1","title":"Engine upgrade","start":"2026-11-22T01:00:00Z","end":1763780400000,"url":"https://status.kraken.com/incidents/m1"},"junk",{"name":"no times"}],`+
		`"emergency":[{"id":"e1","name":"ETH funding delayed","status":"identified","impact":"minor","incident_updates":[{"body":"working on it","created_at":"2026-11-21T09:00:00Z"}],"shortlink":"https://stspg.io/e1"}]`)
	obs, err := ParseKrakenSystemStatus(Response{StatusCode: 200, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if obs.Level != Operational {
		t.Errorf("level %v: notices must not change the engine state", obs.Level)
	}
	if len(obs.Maintenance) != 2 {
		t.Fatalf("windows %+v", obs.Maintenance)
	}
	m := obs.Maintenance[0]
	if m.Title != "Engine upgrade" || !m.Start.Equal(time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)) || m.End.IsZero() || m.Status != "scheduled" || m.Source != SourceREST || m.URL == "" {
		t.Errorf("window %+v", m)
	}
	if len(obs.Incidents) != 1 || obs.Incidents[0].Title != "ETH funding delayed" || obs.Incidents[0].Update != "working on it" || obs.Incidents[0].URL != "https://stspg.io/e1" {
		t.Errorf("incidents %+v", obs.Incidents)
	}
}

func TestParseKrakenSystemStatusRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":            {StatusCode: 200},
		"html":             {StatusCode: 200, Body: []byte("<html>Cloudflare</html>")},
		"html 502":         {StatusCode: 502, Body: []byte("<html>Bad gateway</html>")},
		"truncated":        {StatusCode: 200, Body: krakenBody("online", "")[:30]},
		"no result":        {StatusCode: 200, Body: []byte(`{"error":[]}`)},
		"status number":    {StatusCode: 200, Body: []byte(`{"error":[],"result":{"status":1}}`)},
		"result array":     {StatusCode: 200, Body: []byte(`{"error":[],"result":[]}`)},
		"error not array":  {StatusCode: 200, Body: []byte(`{"error":"x","result":{"status":"online"}}`)},
		"other error":      {StatusCode: 200, Body: []byte(`{"error":["EGeneral:Invalid arguments"]}`)},
		"rate limit":       {StatusCode: 429, Body: []byte(`{"error":["EAPI:Rate limit exceeded"]}`)},
		"500 without body": {StatusCode: 500, Body: []byte(`{}`)},
		"array body":       {StatusCode: 200, Body: []byte(`[1]`)},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseKrakenSystemStatus(r); !errors.Is(err, ErrNotStatus) {
				t.Fatalf("err %v, want ErrNotStatus", err)
			}
		})
	}
}

func TestKrakenCatalog(t *testing.T) {
	e, ok := Lookup("kraken")
	if !ok {
		t.Fatal("kraken not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 2 || ps[0].URL != "https://api.kraken.com/0/public/SystemStatus" || ps[1].URL != "https://status.kraken.com/api/v2/summary.json" {
		t.Fatalf("probes %+v", ps)
	}
	if ps := e.Probes(Target{Endpoints: Endpoints{API: "http://127.0.0.1:1", StatusPage: Off}}); len(ps) != 1 {
		t.Errorf("statuspage off: %d probes", len(ps))
	}
	f := e.Feed(Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://ws.kraken.com/v2" || len(f.Subscribe) != 1 || string(f.Subscribe[0]) != `{"method":"subscribe","params":{"channel":"ticker","symbol":["BTC/USD"]}}` || f.Ping == nil {
		t.Fatalf("feed %+v", f)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil {
		t.Error("feed not off")
	}
}

func TestHandleKrakenMessage(t *testing.T) {
	for _, c := range []struct {
		msg   string
		level Level // Unknown+1 = no observation
		err   bool
	}{
		{`{"channel":"heartbeat"}`, -1, false},
		{`{"channel":"status","type":"update","data":[{"api_version":"v2","connection_id":1,"system":"online","version":"2.0.0"}]}`, Operational, false},
		{`{"channel":"status","type":"update","data":[{"system":"cancel_only"}]}`, Restricted, false},
		{`{"channel":"status","type":"update","data":[{"system":"post_only"}]}`, Restricted, false},
		{`{"channel":"status","type":"update","data":[{"system":"maintenance"}]}`, Maintenance, false},
		{`{"channel":"status","type":"update","data":[{"system":"new_mode"}]}`, Unknown, false},
		{`{"channel":"status","type":"update","data":[]}`, -1, true},
		{`{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","last":1}]}`, -1, false},
		{`{"method":"pong","req_id":1,"time_in":"x","time_out":"y"}`, -1, false},
		{`{"method":"subscribe","success":true,"result":{"channel":"ticker"}}`, -1, false},
		{`{"method":"subscribe","success":false,"error":"Currency pair not supported"}`, -1, true},
		{`{"event":"heartbeat"}`, -1, false},
		{`{"connectionID":1,"event":"systemStatus","status":"online","version":"1.9.1"}`, Operational, false},
		{`[42,{"a":["1","2"]},"ticker","XBT/USD"]`, -1, false},
		{"\x00\xff{{not json]]", -1, true},
		{``, -1, true},
		{`"ping"`, -1, true},
	} {
		ev, err := HandleKrakenMessage([]byte(c.msg))
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.msg, err)
			continue
		}
		if c.err {
			continue
		}
		if !ev.Alive {
			t.Errorf("%s: not alive", c.msg)
		}
		if c.level < 0 {
			if ev.Observation != nil {
				t.Errorf("%s: unexpected observation %+v", c.msg, ev.Observation)
			}
		} else if ev.Observation == nil || ev.Observation.Level != c.level {
			t.Errorf("%s: observation %+v, want %v", c.msg, ev.Observation, c.level)
		}
	}
}

func ExampleParseKrakenSystemStatus() {
	obs, err := ParseKrakenSystemStatus(Response{StatusCode: 200, Body: []byte(
		`{"error":[],"result":{"status":"cancel_only","timestamp":"2026-11-21T10:00:00Z"}}`)})
	fmt.Println(obs.Level, err)
	fmt.Println(obs.Summary)
	fmt.Println(obs.Advice)
	// Output:
	// restricted <nil>
	// Kraken in cancel-only mode: no new orders
	// [pause_trading no_market_orders check_official_sources]
}

func FuzzParseKrakenSystemStatus(f *testing.F) {
	f.Add(200, krakenBody("online", `,"upcoming_maintenance":[{"title":"x","start":"2026-11-22T01:00:00Z"}],"emergency":[{"title":"y"}]`))
	f.Add(200, krakenBody("cancel_only", ""))
	f.Add(503, []byte(`{"error":["EService:Unavailable"]}`))
	f.Add(200, []byte(`{"error":[],"result":{"status":"online","upcoming_maintenance":[1,{"start":99999999999999999}]}}`))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseKrakenSystemStatus(Response{StatusCode: code, Body: body}); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleKrakenMessage(f *testing.F) {
	f.Add([]byte(`{"channel":"status","type":"update","data":[{"system":"online"}]}`))
	f.Add([]byte(`{"channel":"heartbeat"}`))
	f.Add([]byte(`{"method":"pong","req_id":1}`))
	f.Add([]byte(`{"event":"systemStatus","status":"maintenance"}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleKrakenMessage(msg) })
}

func TestKrakenFeedPairSpelling(t *testing.T) {
	e, _ := Lookup("kraken")
	for pairs, want := range map[string]string{
		"XBTUSD":         `["BTC/USD"]`, // REST spelling: not a v2 symbol, fall back
		"ETH/USD":        `["ETH/USD"]`,
		"XBTUSD,SOL/EUR": `["SOL/EUR"]`,
	} {
		f := e.Feed(Target{Endpoints: e.Defaults, Pairs: strings.Split(pairs, ",")})
		if !strings.Contains(string(f.Subscribe[0]), `"symbol":`+want) {
			t.Errorf("%s: %s", pairs, f.Subscribe[0])
		}
	}
}
