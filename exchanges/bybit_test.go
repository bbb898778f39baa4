package exchanges

import (
	"errors"
	"testing"
	"time"
)

func bybitEv(state string) string {
	return `{"id":"4d95b2a0","title":"System upgrade","state":"` + state + `","begin":"1763780400000","end":"1763787600000","href":"https://announcements.bybit.com/x","serviceTypes":[2,3,4,5],"product":[1,2],"uidSuffix":[],"maintainType":1,"env":1}`
}

func bybitBody(evs ...string) []byte {
	s := `{"retCode":0,"retMsg":"OK","result":{"list":[`
	for i, e := range evs {
		if i > 0 {
			s += ","
		}
		s += e
	}
	return []byte(s + `]},"retExtInfo":{},"time":1763780000000}`)
}

func TestParseBybitSystemStatus(t *testing.T) {
	for _, c := range []struct {
		name    string
		body    []byte
		want    Level
		windows int
	}{
		{"empty list", bybitBody(), Operational, 0},
		{"completed ignored", bybitBody(bybitEv("completed")), Operational, 0},
		{"canceled ignored", bybitBody(bybitEv("canceled")), Operational, 0},
		{"scheduled annotation", bybitBody(bybitEv("scheduled")), Operational, 1},
		{"pending annotation", bybitBody(bybitEv("pending")), Operational, 1},
		{"ongoing", bybitBody(bybitEv("ongoing")), Maintenance, 1},
		{"in_progress", bybitBody(bybitEv("in_progress")), Maintenance, 1},
		{"processing", bybitBody(bybitEv("processing")), Maintenance, 1},
		{"unknown state", bybitBody(bybitEv("frozen")), Unknown, 0},
		{"numeric times", bybitBody(`{"title":"x","state":"ongoing","begin":1763780400000,"end":1763787600000}`), Maintenance, 1},
		{"junk items tolerated", bybitBody(`1`, `null`, bybitEv("scheduled")), Operational, 1},
		{"maintenance beats unknown order", bybitBody(bybitEv("ongoing"), bybitEv("completed"), bybitEv("scheduled")), Maintenance, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseBybitSystemStatus(Response{StatusCode: 200, Body: c.body})
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want || len(obs.Maintenance) != c.windows || obs.Summary == "" {
				t.Fatalf("level %v windows %d, want %v %d (%s)", obs.Level, len(obs.Maintenance), c.want, c.windows, obs.Summary)
			}
		})
	}
	obs, _ := ParseBybitSystemStatus(Response{Body: bybitBody(bybitEv("scheduled"))})
	if m := obs.Maintenance[0]; !m.Start.Equal(time.UnixMilli(1763780400000)) || !m.End.Equal(time.UnixMilli(1763787600000)) || m.Title != "System upgrade" || m.URL == "" {
		t.Errorf("window %+v", m)
	}
}

func TestParseBybitSystemStatusRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":          {StatusCode: 200},
		"html":           {StatusCode: 403, Body: []byte("<html>access too frequent</html>")},
		"truncated":      {StatusCode: 200, Body: bybitBody(bybitEv("ongoing"))[:70]},
		"retCode string": {StatusCode: 200, Body: []byte(`{"retCode":"0","result":{"list":[]}}`)},
		"too many":       {StatusCode: 200, Body: []byte(`{"retCode":10006,"retMsg":"Too many visits!","result":{}}`)},
		"no list":        {StatusCode: 200, Body: []byte(`{"retCode":0,"retMsg":"OK","result":{}}`)},
		"list object":    {StatusCode: 200, Body: []byte(`{"retCode":0,"result":{"list":{}}}`)},
		"500 retCode 0":  {StatusCode: 500, Body: bybitBody()},
		"array":          {StatusCode: 200, Body: []byte(`[]`)},
	} {
		if _, err := ParseBybitSystemStatus(r); !errors.Is(err, ErrNotStatus) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestBybitCatalog(t *testing.T) {
	e, ok := Lookup("bybit")
	if !ok {
		t.Fatal("not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 1 || ps[0].URL != "https://api.bybit.com/v5/system/status" {
		t.Fatalf("%+v", ps)
	}
	f := e.Feed(Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://stream.bybit.com/v5/public/misc/status" || f.PingEvery != 20*time.Second ||
		string(f.Subscribe[0]) != `{"op":"subscribe","args":["system.status"]}` {
		t.Fatalf("feed %+v", f)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil || e.Probes(Target{Endpoints: Endpoints{API: Off}}) != nil {
		t.Error("off not respected")
	}
}

func TestHandleBybitMessage(t *testing.T) {
	for _, c := range []struct {
		msg   string
		level Level
		err   bool
	}{
		{`{"success":true,"ret_msg":"pong","conn_id":"x","op":"ping"}`, -1, false},
		{`{"success":true,"ret_msg":"","conn_id":"x","op":"subscribe"}`, -1, false},
		{`{"success":false,"ret_msg":"Invalid topic","conn_id":"x","op":"subscribe"}`, -1, true},
		{`{"topic":"system.status","ts":1,"data":[` + bybitEv("ongoing") + `]}`, Maintenance, false},
		{`{"topic":"system.status","ts":1,"data":[` + bybitEv("completed") + `]}`, Operational, false},
		{`{"topic":"system.status","ts":1,"data":[` + bybitEv("weird") + `]}`, Unknown, false},
		{`{"topic":"system.status","ts":1}`, -1, true},
		{`{"topic":"tickers.BTCUSDT","data":{}}`, -1, false},
		{"garbage\x00", -1, true},
		{`"x"`, -1, true},
	} {
		ev, err := HandleBybitMessage([]byte(c.msg))
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.msg, err)
			continue
		}
		if err != nil {
			continue
		}
		if !ev.Alive || c.level < 0 && ev.Observation != nil || c.level >= 0 && (ev.Observation == nil || ev.Observation.Level != c.level) {
			t.Errorf("%s: %+v, want %v", c.msg, ev, c.level)
		}
	}
}

func FuzzParseBybitSystemStatus(f *testing.F) {
	f.Add(200, bybitBody(bybitEv("ongoing"), bybitEv("scheduled")))
	f.Add(200, bybitBody())
	f.Add(200, []byte(`{"retCode":10006,"retMsg":"Too many visits!"}`))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseBybitSystemStatus(Response{StatusCode: code, Body: body}); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleBybitMessage(f *testing.F) {
	f.Add([]byte(`{"success":true,"ret_msg":"pong","op":"ping"}`))
	f.Add([]byte(`{"topic":"system.status","data":[` + bybitEv("ongoing") + `]}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleBybitMessage(msg) })
}
