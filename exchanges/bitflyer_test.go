package exchanges_test

import (
	"strings"
	"testing"

	"safeharbor/exchanges"
)

func TestBitflyerHealth(t *testing.T) {
	for raw, want := range map[string]exchanges.Level{
		"NORMAL": exchanges.Operational, "BUSY": exchanges.Degraded, "VERY BUSY": exchanges.Degraded,
		"SUPER BUSY": exchanges.Degraded, "NO ORDER": exchanges.Restricted, "STOP": exchanges.Outage,
		"VERY_BUSY": exchanges.Unknown, "normal": exchanges.Unknown, "": exchanges.Unknown,
	} {
		obs, err := exchanges.ParseBitflyerHealth(jpResp(200, `{"status":"`+raw+`"}`), "BTC_JPY", nil)
		if err != nil || obs.Level != want {
			t.Errorf("%q: %v %v, want %v", raw, obs.Level, err, want)
			continue
		}
		if want != exchanges.Unknown && !obs.Authoritative {
			t.Errorf("%q: not authoritative", raw)
		}
		if want != exchanges.Operational && !strings.Contains(obs.Reasons[0].Detail, raw) {
			t.Errorf("%q: raw lost in %+v", raw, obs.Reasons)
		}
	}
	for _, b := range append([]string{`{"status":1}`, `{"health":"NORMAL"}`, `{"status":-100,"error_message":"Invalid product","data":null}`, `{"status":"NORMAL"`}, jpBadBodies...) {
		_, err := exchanges.ParseBitflyerHealth(jpResp(200, b), "BTC_JPY", nil)
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseBitflyerHealth(jpResp(500, `{"status":"NORMAL"}`), "BTC_JPY", nil)
	jpExpectNotStatus(t, "500", err)
}

func TestBitflyerBoardState(t *testing.T) {
	cases := []struct {
		health, state string
		want          exchanges.Level
	}{
		{"NORMAL", "RUNNING", exchanges.Operational},
		{"BUSY", "RUNNING", exchanges.Degraded},
		{"SUPER BUSY", "RUNNING", exchanges.Degraded},
		{"NORMAL", "CLOSED", exchanges.Outage},
		{"STOP", "CLOSED", exchanges.Outage},
		{"NORMAL", "STARTING", exchanges.Restricted},
		{"NORMAL", "PREOPEN", exchanges.Restricted},
		{"NO ORDER", "CIRCUIT BREAK", exchanges.Restricted},
		{"NORMAL", "AWAITING SQ", exchanges.Restricted},
		{"NORMAL", "MATURED", exchanges.Restricted},
		{"NORMAL", "SIESTA", exchanges.Unknown},
		{"SLEEPY", "RUNNING", exchanges.Unknown},
		{"SLEEPY", "CLOSED", exchanges.Outage},
		{"STOP", "SIESTA", exchanges.Outage},
	}
	for _, c := range cases {
		body := `{"health":"` + c.health + `","state":"` + c.state + `","data":{"special_quotation":1}}`
		obs, err := exchanges.ParseBitflyerBoardState(jpResp(200, body), "BTC_JPY", []string{"btc_jpy"})
		if err != nil || obs.Level != c.want {
			t.Errorf("%s/%s: %v %v, want %v", c.health, c.state, obs.Level, err, c.want)
		}
	}
	for _, b := range append([]string{`{"health":"NORMAL"}`, `{"health":"NORMAL","state":null}`, `{"state":"RUNNING"}`}, jpBadBodies...) {
		_, err := exchanges.ParseBitflyerBoardState(jpResp(200, b), "BTC_JPY", nil)
		jpExpectNotStatus(t, b, err)
	}
}

func TestBitflyerProbesAndFeed(t *testing.T) {
	e, _ := exchanges.Lookup("bitflyer")
	ps := e.Probes(exchanges.Target{Endpoints: e.Defaults})
	if len(ps) != 2 || ps[0].URL != "https://api.bitflyer.com/v1/gethealth?product_code=BTC_JPY" ||
		ps[1].URL != "https://api.bitflyer.com/v1/getboardstate?product_code=BTC_JPY" {
		t.Errorf("probes %+v", ps)
	}
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"fx_btc_jpy"}})
	if f == nil || f.URL != "wss://ws.lightstream.bitflyer.com/json-rpc" ||
		string(f.Subscribe[0]) != `{"id":1,"jsonrpc":"2.0","method":"subscribe","params":{"channel":"lightning_ticker_FX_BTC_JPY"}}` {
		t.Fatalf("feed %+v", f)
	}
}

func TestBitflyerHandle(t *testing.T) {
	ticker := func(state string) string {
		return `{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":{"product_code":"BTC_JPY","state":"` + state + `","timestamp":"2026-11-21T10:00:00.000","tick_id":1,"best_bid":1,"ltp":1}}}`
	}
	for state, want := range map[string]exchanges.Level{"RUNNING": exchanges.Operational, "CLOSED": exchanges.Outage,
		"CIRCUIT BREAK": exchanges.Restricted, "PREOPEN": exchanges.Restricted, "WHAT": exchanges.Unknown} {
		ev, err := exchanges.HandleBitflyerMessage([]byte(ticker(state)), []string{"BTC_JPY"})
		if err != nil || !ev.Alive || ev.Observation == nil || ev.Observation.Level != want {
			t.Errorf("%s: %+v %v", state, ev, err)
		}
	}
	for _, m := range []string{`{"jsonrpc":"2.0","id":1,"result":true}`,
		`{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_executions_BTC_JPY","message":[{"id":1}]}}`} {
		ev, err := exchanges.HandleBitflyerMessage([]byte(m), nil)
		if err != nil || !ev.Alive || ev.Observation != nil {
			t.Errorf("%s: %+v %v", m, ev, err)
		}
	}
	for _, m := range []string{``, `[]`, `{}`, `"x"`, `{"jsonrpc":"2.0","id":1,"error":{"code":-32600}}`, `{"jsonrpc":"2.0","method":"x"}`,
		`{"jsonrpc":"2.0","method":"channelMessage","params":{}}`, `{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":{"state":7}}}`,
		"\x00\xff{{not json]]"} {
		if _, err := exchanges.HandleBitflyerMessage([]byte(m), nil); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzBitflyerBoardState(f *testing.F) {
	f.Add([]byte(`{"health":"NORMAL","state":"RUNNING"}`))
	f.Add([]byte(`{"health":"NO ORDER","state":"CIRCUIT BREAK","data":{"special_quotation":1}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.ParseBitflyerBoardState(jpResp(200, string(b)), "BTC_JPY", nil)
	})
}

func FuzzBitflyerHealth(f *testing.F) {
	f.Add([]byte(`{"status":"SUPER BUSY"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.ParseBitflyerHealth(jpResp(200, string(b)), "BTC_JPY", nil)
	})
}

func FuzzBitflyerFeed(f *testing.F) {
	f.Add([]byte(`{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_BTC_JPY","message":{"state":"RUNNING"}}}`))
	f.Add([]byte(`{"jsonrpc":"2.0","id":1,"result":true}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.HandleBitflyerMessage(b, []string{"BTC_JPY"})
	})
}

func TestBitflyerFeedFoldsProducts(t *testing.T) {
	e, _ := exchanges.Lookup("bitflyer")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"BTC_JPY", "ETH_JPY"}})
	ticker := func(pc, state string) []byte {
		return []byte(`{"jsonrpc":"2.0","method":"channelMessage","params":{"channel":"lightning_ticker_` + pc + `","message":{"product_code":"` + pc + `","state":"` + state + `"}}}`)
	}
	steps := []struct {
		msg  []byte
		want exchanges.Level
		obs  bool
	}{
		{ticker("BTC_JPY", "RUNNING"), exchanges.Operational, true},
		{ticker("BTC_JPY", "RUNNING"), 0, false}, // unchanged: not reported again
		{ticker("ETH_JPY", "CLOSED"), exchanges.Outage, true},
		{ticker("BTC_JPY", "RUNNING"), 0, false}, // does not hide ETH_JPY's stop
		{ticker("ETH_JPY", "RUNNING"), exchanges.Operational, true},
	}
	for i, s := range steps {
		ev, err := f.Handle(s.msg)
		if err != nil || !ev.Alive || (ev.Observation != nil) != s.obs || (s.obs && ev.Observation.Level != s.want) {
			t.Errorf("step %d: %+v %v", i, ev, err)
		}
	}
}
