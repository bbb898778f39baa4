package exchanges

import (
	"errors"
	"testing"
	"time"
)

func okxEv(state, service, maintType, env string) string {
	return `{"begin":"1763780400000","end":"1763787600000","href":"https://www.okx.com/help/x","preOpenBegin":"","scheDesc":"","serviceType":"` + service +
		`","state":"` + state + `","maintType":"` + maintType + `","env":"` + env + `","system":"unified","title":"Spot upgrade"}`
}

func okxBody(evs ...string) []byte {
	s := `{"code":"0","msg":"","data":[`
	for i, e := range evs {
		if i > 0 {
			s += ","
		}
		s += e
	}
	return []byte(s + `]}`)
}

func TestParseOKXSystemStatus(t *testing.T) {
	cases := []struct {
		name    string
		code    int
		body    []byte
		want    Level
		windows int
	}{
		{"no events", 200, okxBody(), Operational, 0},
		{"scheduled is an annotation", 200, okxBody(okxEv("scheduled", "5", "1", "1")), Operational, 1},
		{"ongoing trading", 200, okxBody(okxEv("ongoing", "5", "1", "1")), Maintenance, 1},
		{"ongoing unscheduled", 200, okxBody(okxEv("ongoing", "8", "2", "1")), Maintenance, 1},
		{"ongoing spot (older serviceType 1)", 200, okxBody(okxEv("ongoing", "1", "1", "1")), Maintenance, 1},
		{"system disruption", 200, okxBody(okxEv("ongoing", "5", "3", "1")), Outage, 1},
		{"batches of products", 200, okxBody(okxEv("ongoing", "9", "1", "1")), Restricted, 1},
		{"suspended instruments", 200, okxBody(okxEv("ongoing", "99", "2", "1")), Restricted, 1},
		{"websocket maintenance", 200, okxBody(okxEv("ongoing", "0", "1", "1")), Degraded, 1},
		{"copy trading only", 200, okxBody(okxEv("ongoing", "11", "1", "1")), Operational, 1},
		{"futures only", 200, okxBody(okxEv("ongoing", "2", "1", "1")), Operational, 1},
		{"unknown serviceType", 200, okxBody(okxEv("ongoing", "42", "1", "1")), Unknown, 1},
		{"pre_open", 200, okxBody(okxEv("pre_open", "5", "1", "1")), Restricted, 1},
		{"completed", 200, okxBody(okxEv("completed", "5", "1", "1")), Operational, 0},
		{"canceled", 200, okxBody(okxEv("canceled", "5", "1", "1")), Operational, 0},
		{"demo env ignored", 200, okxBody(okxEv("ongoing", "5", "3", "2")), Operational, 0},
		{"unknown state", 200, okxBody(okxEv("frozen", "5", "1", "1")), Unknown, 0},
		{"worst wins", 200, okxBody(okxEv("scheduled", "5", "1", "1"), okxEv("ongoing", "5", "3", "1"), okxEv("pre_open", "5", "1", "1")), Outage, 3},
		{"numeric fields", 200, []byte(`{"code":0,"msg":"","data":[{"begin":1763780400000,"end":1763787600000,"serviceType":5,"state":"ongoing","maintType":1,"env":1,"title":"x"}]}`), Maintenance, 1},
		{"busy envelope", 200, []byte(`{"code":"50013","msg":"Systems are busy. Please try again later.","data":[]}`), Degraded, 0},
		{"unavailable envelope on 503", 503, []byte(`{"code":"50001","msg":"Service temporarily unavailable. Please try again later.","data":[]}`), Outage, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseOKXSystemStatus(Response{StatusCode: c.code, Body: c.body})
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want || len(obs.Maintenance) != c.windows {
				t.Fatalf("level %v windows %d, want %v %d (%s)", obs.Level, len(obs.Maintenance), c.want, c.windows, obs.Summary)
			}
			if obs.Summary == "" {
				t.Error("no summary")
			}
		})
	}
	obs, _ := ParseOKXSystemStatus(Response{StatusCode: 200, Body: okxBody(okxEv("scheduled", "5", "1", "1"))})
	m := obs.Maintenance[0]
	if !m.Start.Equal(time.UnixMilli(1763780400000)) || !m.End.Equal(time.UnixMilli(1763787600000)) || m.Title != "Spot upgrade" || m.Status != "scheduled" || m.URL == "" || m.Source != SourceREST {
		t.Errorf("window %+v", m)
	}
}

func TestParseOKXSystemStatusRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":        {StatusCode: 200},
		"html":         {StatusCode: 200, Body: []byte("<html></html>")},
		"truncated":    {StatusCode: 200, Body: okxBody(okxEv("ongoing", "5", "1", "1"))[:60]},
		"no code":      {StatusCode: 200, Body: []byte(`{"data":[]}`)},
		"data object":  {StatusCode: 200, Body: []byte(`{"code":"0","data":{}}`)},
		"no data":      {StatusCode: 200, Body: []byte(`{"code":"0","msg":""}`)},
		"rate limited": {StatusCode: 429, Body: []byte(`{"code":"50011","msg":"Too Many Requests"}`)},
		"500 code 0":   {StatusCode: 500, Body: okxBody()},
		"array":        {StatusCode: 200, Body: []byte(`[]`)},
	} {
		if _, err := ParseOKXSystemStatus(r); !errors.Is(err, ErrNotStatus) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestOKXCatalog(t *testing.T) {
	e, ok := Lookup("okx")
	if !ok {
		t.Fatal("not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 1 || ps[0].URL != "https://www.okx.com/api/v5/system/status" || ps[0].MinInterval != 5*time.Second {
		t.Fatalf("%+v", ps)
	}
	f := e.Feed(Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://ws.okx.com:8443/ws/v5/public" || string(f.Ping) != "ping" || f.PingEvery >= 30*time.Second || len(f.Subscribe) != 2 ||
		string(f.Subscribe[1]) != `{"args":[{"channel":"tickers","instId":"BTC-USDT"}],"op":"subscribe"}` {
		t.Fatalf("feed %+v", f)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil || e.Probes(Target{Endpoints: Endpoints{API: Off}}) != nil {
		t.Error("off not respected")
	}
}

func TestHandleOKXMessage(t *testing.T) {
	for _, c := range []struct {
		msg       string
		level     Level
		reconnect bool
		err       bool
	}{
		{`pong`, -1, false, false},
		{`{"event":"subscribe","arg":{"channel":"status"},"connId":"a4d3ae55"}`, -1, false, false},
		{`{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","last":"1"}]}`, -1, false, false},
		{`{"arg":{"channel":"status"},"data":[` + okxEv("ongoing", "5", "1", "1") + `]}`, Maintenance, false, false},
		{`{"arg":{"channel":"status"},"data":[` + okxEv("completed", "5", "1", "1") + `]}`, Operational, false, false},
		{`{"arg":{"channel":"status"},"data":[` + okxEv("pre_open", "5", "1", "1") + `]}`, Restricted, false, false},
		{`{"arg":{"channel":"status"}}`, -1, false, true},
		{`{"event":"error","code":"60012","msg":"Invalid request"}`, -1, false, true},
		{`{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade."}`, -1, true, false},
		{`ping`, -1, false, true},
		{"\x00\xff{{", -1, false, true},
		{`[1]`, -1, false, true},
	} {
		ev, err := HandleOKXMessage([]byte(c.msg))
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.msg, err)
			continue
		}
		if err != nil {
			continue
		}
		if !ev.Alive || ev.Reconnect != c.reconnect {
			t.Errorf("%s: %+v", c.msg, ev)
		}
		if c.level < 0 && ev.Observation != nil || c.level >= 0 && (ev.Observation == nil || ev.Observation.Level != c.level) {
			t.Errorf("%s: observation %+v, want %v", c.msg, ev.Observation, c.level)
		}
	}
}

func FuzzParseOKXSystemStatus(f *testing.F) {
	f.Add(200, okxBody(okxEv("ongoing", "5", "3", "1"), okxEv("scheduled", "0", "1", "1")))
	f.Add(200, okxBody())
	f.Add(503, []byte(`{"code":"50001","msg":"x"}`))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseOKXSystemStatus(Response{StatusCode: code, Body: body}); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleOKXMessage(f *testing.F) {
	f.Add([]byte(`pong`))
	f.Add([]byte(`{"arg":{"channel":"status"},"data":[` + okxEv("ongoing", "5", "1", "1") + `]}`))
	f.Add([]byte(`{"event":"notice","code":"64008"}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleOKXMessage(msg) })
}
