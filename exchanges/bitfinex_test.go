package exchanges_test

import (
	"strings"
	"testing"

	"safeharbor/exchanges"
)

func TestBitfinexPlatformStatus(t *testing.T) {
	for body, want := range map[string]exchanges.Level{`[1]`: exchanges.Operational, `[0]`: exchanges.Maintenance, `[2]`: exchanges.Unknown, `[1,"extra"]`: exchanges.Operational} {
		obs, err := exchanges.ParseBitfinexPlatformStatus(jpResp(200, body))
		if err != nil || obs.Level != want || (want != exchanges.Unknown) != obs.Authoritative {
			t.Errorf("%s: %+v %v", body, obs, err)
		}
	}
	for _, b := range append([]string{`["error",10020,"ratelimit: error"]`, `["1"]`, `[null]`, `[1`, `{"status":1}`}, jpBadBodies...) {
		_, err := exchanges.ParseBitfinexPlatformStatus(jpResp(200, b))
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseBitfinexPlatformStatus(jpResp(500, `[1]`))
	jpExpectNotStatus(t, "500", err)
}

func TestBitfinexProbesAndHandle(t *testing.T) {
	e, _ := exchanges.Lookup("bitfinex")
	ps := e.Probes(exchanges.Target{Endpoints: e.Defaults})
	if len(ps) != 2 || ps[0].URL != "https://api-pub.bitfinex.com/v2/platform/status" || ps[1].URL != "https://bitfinex.statuspage.io/api/v2/summary.json" {
		t.Fatalf("probes %+v", ps)
	}
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"btcusd"}})
	if f == nil || string(f.Subscribe[0]) != `{"channel":"ticker","event":"subscribe","symbol":"tBTCUSD"}` || string(f.Ping) != `{"event":"ping","cid":1}` || f.PingEvery == 0 {
		t.Fatalf("feed %+v", f)
	}
	for in, want := range map[string]string{"trxusd": "tTRXUSD", "tBTCUSD": "tBTCUSD", "BTCUSD": "tBTCUSD", "fUSD": "fUSD", "btc_usd": "tBTCUSD"} {
		f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{in}})
		if !strings.Contains(string(f.Subscribe[0]), `"symbol":"`+want+`"`) {
			t.Errorf("%s: %s", in, f.Subscribe[0])
		}
	}
	type want struct {
		level     exchanges.Level
		obs       bool
		reconnect bool
	}
	for m, w := range map[string]want{
		`{"event":"info","version":2,"serverId":"x","platform":{"status":1}}`:                          {exchanges.Operational, true, false},
		`{"event":"info","version":2,"platform":{"status":0}}`:                                         {exchanges.Maintenance, true, false},
		`{"event":"info","version":2,"platform":{"status":7}}`:                                         {exchanges.Unknown, true, false},
		`{"event":"info","code":20051,"msg":"Stopping. Please try to reconnect"}`:                      {0, false, true},
		`{"event":"info","code":20060,"msg":"Entering in Maintenance mode."}`:                          {exchanges.Maintenance, true, false},
		`{"event":"info","code":20061,"msg":"Maintenance ended."}`:                                     {exchanges.Operational, true, true},
		`{"event":"pong","ts":1511545528111,"cid":1234}`:                                               {0, false, false},
		`{"event":"subscribed","channel":"ticker","chanId":224555,"symbol":"tBTCUSD","pair":"BTCUSD"}`: {0, false, false},
		`[224555,"hb"]`: {0, false, false},
		`[224555,[7616.5,31.89,7617,57.2,-140,-0.0181,7617,14597.6,7790,7460]]`: {0, false, false},
	} {
		ev, err := f.Handle([]byte(m))
		if err != nil || !ev.Alive || (ev.Observation != nil) != w.obs || ev.Reconnect != w.reconnect || (w.obs && ev.Observation.Level != w.level) {
			t.Errorf("%s: %+v %v", m, ev, err)
		}
	}
	for _, m := range []string{``, `[]`, `{}`, `["hb"]`, `[1]`, `{"event":"error","msg":"symbol: invalid","code":10300}`, `"x"`, "\x00\xff{{not json]]"} {
		if _, err := f.Handle([]byte(m)); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzBitfinexPlatformStatus(f *testing.F) {
	f.Add([]byte(`[1]`))
	f.Add([]byte(`["error",10020,"ratelimit: error"]`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.ParseBitfinexPlatformStatus(jpResp(200, string(b))) })
}

func FuzzBitfinexFeed(f *testing.F) {
	f.Add([]byte(`{"event":"info","code":20060}`))
	f.Add([]byte(`[1,"hb"]`))
	f.Add([]byte(`{"event":"info","version":2,"platform":{"status":1}}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.HandleBitfinexMessage(b) })
}
