package exchanges_test

import (
	"testing"

	"safeharbor/exchanges"
)

func TestGMOCoinStatus(t *testing.T) {
	cases := []struct {
		code int
		body string
		want exchanges.Level
		auth bool
	}{
		{200, `{"status":0,"data":{"status":"OPEN"},"responsetime":"2019-03-19T02:15:06.001Z"}`, exchanges.Operational, true},
		{200, `{"status":0,"data":{"status":"PREOPEN"},"responsetime":"2019-03-19T02:15:06.001Z"}`, exchanges.Restricted, true},
		{200, `{"status":0,"data":{"status":"MAINTENANCE"}}`, exchanges.Maintenance, true},
		{200, `{"status":0,"data":{"status":"CLOSED_FOREVER","extra":1}}`, exchanges.Unknown, false},
		{503, `{"status":5,"messages":[{"message_code":"ERR-5201","message_string":"MAINTENANCE. Please wait for a while"}]}`, exchanges.Maintenance, true},
		{200, `{"status":5,"messages":[{"message_code":"ERR-5202","message_string":"MAINTENANCE. Please wait for a while"}]}`, exchanges.Maintenance, true},
	}
	for _, c := range cases {
		obs, err := exchanges.ParseGMOCoinStatus(jpResp(c.code, c.body))
		if err != nil || obs.Level != c.want || obs.Authoritative != c.auth || len(obs.Reasons) == 0 {
			t.Errorf("%s: %+v %v, want %v", c.body, obs, err, c.want)
		}
	}
	for _, b := range append([]string{
		`{"status":5,"messages":[{"message_code":"ERR-5003","message_string":"Requests are too many."}]}`,
		`{"status":1,"messages":[]}`, `{"status":"0","data":{"status":"OPEN"}}`, `{"status":0,"data":{}}`,
		`{"status":0,"data":{"status":1}}`, `{"status":0,"data":{"status":"OP`,
	}, jpBadBodies...) {
		_, err := exchanges.ParseGMOCoinStatus(jpResp(200, b))
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseGMOCoinStatus(jpResp(502, `{"status":0,"data":{"status":"OPEN"}}`))
	jpExpectNotStatus(t, "502", err)
}

func TestGMOCoinFeed(t *testing.T) {
	e, _ := exchanges.Lookup("gmocoin")
	ps := e.Probes(exchanges.Target{Endpoints: e.Defaults})
	if len(ps) != 1 || ps[0].URL != "https://api.coin.z.com/public/v1/status" {
		t.Errorf("probes %+v", ps)
	}
	for _, c := range []struct {
		ep   exchanges.Endpoints
		want string
	}{
		{exchanges.Endpoints{API: "http://127.0.0.1:1"}, "http://127.0.0.1:1/public/v1/status"},
		{exchanges.Endpoints{Public: "http://127.0.0.1:2"}, "http://127.0.0.1:2/public/v1/status"},
		{exchanges.Endpoints{API: "http://127.0.0.1:1", Public: "http://127.0.0.1:2"}, "http://127.0.0.1:2/public/v1/status"},
		{exchanges.Endpoints{API: exchanges.Off}, "https://api.coin.z.com/public/v1/status"},
	} {
		ps := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(c.ep)})
		if len(ps) != 1 || ps[0].URL != c.want {
			t.Errorf("%+v: %+v", c.ep, ps)
		}
	}
	if ps := e.Probes(exchanges.Target{Endpoints: e.Defaults.Override(exchanges.Endpoints{Public: exchanges.Off})}); len(ps) != 0 {
		t.Errorf("public off: %+v", ps)
	}
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"eth"}})
	if f == nil || f.URL != "wss://api.coin.z.com/ws/public/v1" || len(f.Subscribe) != 1 ||
		string(f.Subscribe[0]) != `{"channel":"ticker","command":"subscribe","symbol":"ETH"}` {
		t.Fatalf("feed %+v", f)
	}
	ev, err := f.Handle([]byte(`{"channel":"ticker","ask":"750760","bid":"750600","high":"762302","last":"756662","low":"704874","symbol":"BTC","timestamp":"2018-03-30T12:34:56.789Z","volume":"194785.8484"}`))
	if err != nil || !ev.Alive || ev.Observation != nil {
		t.Errorf("ticker: %+v %v", ev, err)
	}
	for _, m := range []string{``, `[]`, `{}`, `{"error":"ERR-5106 Invalid request parameter. symbol"}`, `{"error":"ERR-5201 MAINTENANCE. Please wait for a while"}`, `{"channel":1}`, "\x00\xff{{not json]]"} {
		if _, err := f.Handle([]byte(m)); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzGMOCoinStatus(f *testing.F) {
	f.Add(200, []byte(`{"status":0,"data":{"status":"OPEN"},"responsetime":"2019-03-19T02:15:06.001Z"}`))
	f.Add(503, []byte(`{"status":5,"messages":[{"message_code":"ERR-5201","message_string":"MAINTENANCE."}]}`))
	f.Fuzz(func(t *testing.T, code int, b []byte) {
		obs, err := exchanges.ParseGMOCoinStatus(jpResp(code, string(b)))
		if err == nil && obs.Level == exchanges.Operational && !obs.Authoritative {
			t.Fatal("operational without authority")
		}
	})
}

func FuzzGMOCoinFeed(f *testing.F) {
	f.Add([]byte(`{"channel":"ticker","symbol":"BTC","last":"1"}`))
	f.Add([]byte(`{"error":"ERR-5202 MAINTENANCE"}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.HandleGMOCoinMessage(b) })
}
