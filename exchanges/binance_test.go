package exchanges_test

import (
	"net/url"
	"testing"

	"safeharbor/exchanges"
)

func TestBinanceSystemStatus(t *testing.T) {
	for body, want := range map[string]exchanges.Level{
		`{"status":0,"msg":"normal"}`:             exchanges.Operational,
		`{"status":1,"msg":"system_maintenance"}`: exchanges.Maintenance,
		`{"status":2,"msg":"upgrade"}`:            exchanges.Unknown,
	} {
		obs, err := exchanges.ParseBinanceSystemStatus(jpResp(200, body))
		if err != nil || obs.Level != want || (want != exchanges.Unknown) != obs.Authoritative {
			t.Errorf("%s: %+v %v", body, obs, err)
		}
	}
	for _, b := range append([]string{`{"status":"0"}`, `{"msg":"normal"}`, `{"code":-1003,"msg":"Too many requests."}`, `{"status":0,"msg":"nor`}, jpBadBodies...) {
		_, err := exchanges.ParseBinanceSystemStatus(jpResp(200, b))
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseBinanceSystemStatus(jpResp(503, `{"status":0,"msg":"normal"}`))
	jpExpectNotStatus(t, "503", err)
}

func binanceInfo(kv ...string) string {
	s := `{"timezone":"UTC","serverTime":1771858577000,"rateLimits":[],"symbols":[`
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			s += ","
		}
		s += `{"symbol":"` + kv[i] + `","status":"` + kv[i+1] + `","baseAsset":"X","filters":[]}`
	}
	return s + `]}`
}

func TestBinanceExchangeInfo(t *testing.T) {
	w := []string{"BTCUSDT"}
	for _, c := range []struct {
		body    string
		watched []string
		want    exchanges.Level
	}{
		{binanceInfo("BTCUSDT", "TRADING", "ETHUSDT", "TRADING"), w, exchanges.Operational},
		{binanceInfo("BTCUSDT", "HALT", "ETHUSDT", "TRADING"), w, exchanges.Outage},
		{binanceInfo("BTCUSDT", "BREAK", "ETHUSDT", "TRADING"), w, exchanges.Outage},
		{binanceInfo("BTCUSDT", "TRADING", "ETHUSDT", "HALT"), w, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "CANCEL_ONLY", "ETHUSDT", "TRADING"), w, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "END_OF_DAY", "ETHUSDT", "TRADING"), w, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "PRE_TRADING"), nil, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "POST_TRADING"), nil, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "AUCTION_MATCH"), nil, exchanges.Restricted},
		{binanceInfo("BTCUSDT", "HALT", "ETHUSDT", "HALT"), nil, exchanges.Outage},
		{binanceInfo("BTCUSDT", "FROZEN", "ETHUSDT", "TRADING"), w, exchanges.Unknown},
	} {
		obs, err := exchanges.ParseBinanceExchangeInfo(jpResp(200, c.body), c.watched)
		if err != nil || obs.Level != c.want {
			t.Errorf("%s: %v %v, want %v", c.body, obs.Level, err, c.want)
		}
	}
	for _, b := range append([]string{`{"code":-1121,"msg":"Invalid symbol."}`, `{"symbols":[]}`, `{"symbols":{}}`,
		`{"symbols":[{"symbol":"BTCUSDT"}]}`, `{"symbols":[{"symbol":"BTCUSDT","status":1}]}`, `{"symbols":[{"symbol":"BTC`}, jpBadBodies...) {
		_, err := exchanges.ParseBinanceExchangeInfo(jpResp(200, b), nil)
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseBinanceExchangeInfo(jpResp(400, `{"code":-1121,"msg":"Invalid symbol."}`), nil)
	jpExpectNotStatus(t, "400", err)
}

func TestBinanceProbesAndHandle(t *testing.T) {
	e, _ := exchanges.Lookup("binance")
	ps := e.Probes(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"btc_usdt"}})
	if len(ps) != 2 || ps[0].URL != "https://api.binance.com/sapi/v1/system/status" {
		t.Fatalf("probes %+v", ps)
	}
	u, err := url.Parse(ps[1].URL)
	if err != nil || u.Path != "/api/v3/exchangeInfo" || u.Query().Get("symbols") != `["BTCUSDT"]` {
		t.Errorf("exchangeInfo url %s", ps[1].URL)
	}
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://stream.binance.com:9443/ws" || string(f.Subscribe[0]) != `{"id":1,"method":"SUBSCRIBE","params":["btcusdt@aggTrade","ethusdt@aggTrade"]}` {
		t.Fatalf("feed %+v", f)
	}
	ev, err := f.Handle([]byte(`{"result":null,"id":1}`))
	if err != nil || !ev.Alive || ev.Observation == nil || ev.Observation.Level != exchanges.Operational || ev.Observation.Authoritative {
		t.Errorf("subscribe ack: %+v %v", ev, err)
	}
	for _, m := range []string{
		`{"e":"aggTrade","E":1672515782136,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":1672515782136,"m":true,"M":true}`,
		`{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}`,
		`{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","s":"BTCUSDT"}}`} {
		ev, err := f.Handle([]byte(m))
		if err != nil || !ev.Alive || ev.Observation != nil || ev.Reconnect {
			t.Errorf("%s: %+v %v", m, ev, err)
		}
	}
	ev, err = f.Handle([]byte(`{"e":"serverShutdown","E":1746425700000}`))
	if err != nil || !ev.Reconnect || ev.Observation == nil || ev.Observation.Level != exchanges.Maintenance || !ev.Observation.Authoritative {
		t.Errorf("serverShutdown: %+v %v", ev, err)
	}
	for _, m := range []string{``, `[]`, `{}`, `{"error":{"code":2,"msg":"Invalid request"},"id":1}`, "\x00\xff{{not json]]"} {
		if _, err := f.Handle([]byte(m)); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzBinanceSystemStatus(f *testing.F) {
	f.Add([]byte(`{"status":1,"msg":"system_maintenance"}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.ParseBinanceSystemStatus(jpResp(200, string(b))) })
}

func FuzzBinanceExchangeInfo(f *testing.F) {
	f.Add([]byte(binanceInfo("BTCUSDT", "HALT", "ETHUSDT", "CANCEL_ONLY")))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.ParseBinanceExchangeInfo(jpResp(200, string(b)), []string{"BTCUSDT"})
	})
}

func FuzzBinanceFeed(f *testing.F) {
	f.Add([]byte(`{"e":"serverShutdown","E":1746425700000}`))
	f.Add([]byte(`{"stream":"x","data":{"e":"aggTrade"}}`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.HandleBinanceMessage(b) })
}
