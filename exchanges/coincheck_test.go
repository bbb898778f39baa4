package exchanges_test

import (
	"slices"
	"strings"
	"testing"

	"safeharbor/exchanges"
)

func coincheckEntry(pair, status string, order, market, cancel bool) string {
	b := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	return `{"pair":"` + pair + `","status":"` + status + `","timestamp":1771858577,"availability":{"order":` + b(order) + `,"market_order":` + b(market) + `,"cancel":` + b(cancel) + `}}`
}

func coincheckBody(entries ...string) string {
	return `{"exchange_status":[` + strings.Join(entries, ",") + `]}`
}

func TestCoincheckStatus(t *testing.T) {
	ok := coincheckEntry("eth_jpy", "available", true, true, true)
	cases := []struct {
		name    string
		body    string
		watched []string
		want    exchanges.Level
		advice  exchanges.Advice
	}{
		{"available", coincheckBody(coincheckEntry("btc_jpy", "available", true, true, true), ok), nil, exchanges.Operational, ""},
		{"stop watched", coincheckBody(coincheckEntry("btc_jpy", "stop", false, false, false), ok), []string{"btc_jpy"}, exchanges.Outage, exchanges.CancelsMayFail},
		{"stop other", coincheckBody(coincheckEntry("btc_jpy", "stop", false, false, false), ok), []string{"eth_jpy"}, exchanges.Restricted, ""},
		{"itayose watched", coincheckBody(coincheckEntry("btc_jpy", "itayose", true, false, true), ok), []string{"BTC_JPY"}, exchanges.Restricted, exchanges.NoMarketOrders},
		{"order off", coincheckBody(coincheckEntry("btc_jpy", "available", false, true, true), ok), []string{"btc_jpy"}, exchanges.Restricted, exchanges.PauseTrading},
		{"market off", coincheckBody(coincheckEntry("btc_jpy", "available", true, false, true), ok), []string{"btc_jpy"}, exchanges.Restricted, exchanges.NoMarketOrders},
		{"cancel off", coincheckBody(coincheckEntry("btc_jpy", "available", true, true, false), ok), []string{"btc_jpy"}, exchanges.Restricted, exchanges.CancelsMayFail},
		{"unknown watched", coincheckBody(coincheckEntry("btc_jpy", "paused", true, true, true), ok), []string{"btc_jpy"}, exchanges.Unknown, ""},
		{"no availability", coincheckBody(`{"pair":"btc_jpy","status":"available","timestamp":1}`), nil, exchanges.Operational, ""},
		{"extra fields", coincheckBody(`{"pair":"btc_jpy","status":"available","x":{"y":1},"availability":{"order":true,"new_flag":"z"}}`), nil, exchanges.Operational, ""},
	}
	for _, c := range cases {
		obs, err := exchanges.ParseCoincheckStatus(jpResp(200, c.body), c.watched)
		if err != nil || obs.Level != c.want {
			t.Errorf("%s: %v %v, want %v", c.name, obs.Level, err, c.want)
			continue
		}
		if c.advice != "" && !slices.Contains(obs.Advice, c.advice) {
			t.Errorf("%s: advice %v lacks %s", c.name, obs.Advice, c.advice)
		}
	}
	obs, _ := exchanges.ParseCoincheckStatus(jpResp(200, coincheckBody(coincheckEntry("btc_jpy", "available", true, false, true))), []string{"btc_jpy"})
	if !strings.Contains(obs.Reasons[0].Detail, "no market_order") {
		t.Errorf("reason %+v", obs.Reasons)
	}
	for _, b := range append([]string{
		`{"exchange_status":[]}`, `{"exchange_status":{}}`, `{"success":false,"error":"invalid pair"}`,
		`{"exchange_status":[{"pair":"btc_jpy","status":null}]}`,
		`{"exchange_status":[{"pair":"btc_jpy","status":"available","availability":[]}]}`,
		`{"exchange_status":[{"pair":"btc_jpy","status":"available","availability":{"order":"yes"}}]}`,
		`{"exchange_status":[{"pair":"btc_jpy","status":"avail`,
	}, jpBadBodies...) {
		_, err := exchanges.ParseCoincheckStatus(jpResp(200, b), nil)
		jpExpectNotStatus(t, b, err)
	}
	_, err := exchanges.ParseCoincheckStatus(jpResp(503, coincheckBody(coincheckEntry("btc_jpy", "available", true, true, true))), nil)
	jpExpectNotStatus(t, "503", err)
}

func TestCoincheckFeedAndHandle(t *testing.T) {
	e, _ := exchanges.Lookup("coincheck")
	if ps := e.Probes(exchanges.Target{Endpoints: e.Defaults}); len(ps) != 1 || ps[0].URL != "https://coincheck.com/api/exchange_status" {
		t.Errorf("probes %+v", ps)
	}
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://ws-api.coincheck.com" || string(f.Subscribe[0]) != `{"channel":"btc_jpy-trades","type":"subscribe"}` || f.StallAfter < 60e9 {
		t.Fatalf("feed %+v", f)
	}
	for _, m := range []string{`[["1663318663","2357062","btc_jpy","2820896.0","5.0","sell","1193401","2078767"]]`,
		`[2357062,"btc_jpy","2820896.0","5.0","sell"]`, `["btc_jpy",{"bids":[["1","2"]],"asks":[],"last_update_at":"1"}]`} {
		if ev, err := f.Handle([]byte(m)); err != nil || !ev.Alive {
			t.Errorf("%s: %+v %v", m, ev, err)
		}
	}
	for _, m := range []string{``, `[]`, `"x"`, `12`, "\x00\xff{{not json]]"} {
		if _, err := f.Handle([]byte(m)); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzCoincheckStatus(f *testing.F) {
	f.Add([]byte(coincheckBody(coincheckEntry("btc_jpy", "itayose", true, false, true), coincheckEntry("eth_jpy", "stop", false, false, false))))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.ParseCoincheckStatus(jpResp(200, string(b)), []string{"btc_jpy"})
	})
}

func FuzzCoincheckFeed(f *testing.F) {
	f.Add([]byte(`["btc_jpy",{"bids":[["1","2"]],"asks":[]}]`))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = exchanges.HandleCoincheckMessage(b) })
}
