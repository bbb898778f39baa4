package exchanges

import (
	"errors"
	"strings"
	"testing"
)

func bsPair(sym, trading, market string) string {
	return `{"name":"` + strings.ToUpper(sym[:3]) + "/" + strings.ToUpper(sym[3:]) + `","url_symbol":"` + sym + `","base_decimals":8,"counter_decimals":2,"instant_order_counter_decimals":2,"minimum_order":"10 USD","trading":"` + trading + `","instant_and_market_orders":"` + market + `","description":"x"}`
}

func bsList(ps ...string) []byte { return []byte("[" + strings.Join(ps, ",") + "]") }

func TestParseBitstampPairs(t *testing.T) {
	ok := func(s string) string { return bsPair(s, "Enabled", "Enabled") }
	for _, c := range []struct {
		name    string
		body    []byte
		watched []string
		want    Level
	}{
		{"all enabled", bsList(ok("btcusd"), ok("ethusd")), []string{"btcusd"}, Operational},
		{"watched disabled", bsList(bsPair("btcusd", "Disabled", "Disabled"), ok("ethusd")), []string{"btcusd"}, Outage},
		{"other disabled", bsList(ok("btcusd"), bsPair("xrpusd", "Disabled", "Enabled"), ok("ethusd")), []string{"btcusd"}, Restricted},
		{"all disabled", bsList(bsPair("btcusd", "Disabled", "Enabled"), bsPair("ethusd", "Disabled", "Enabled")), []string{"btcusd"}, Outage},
		{"watched market orders off", bsList(bsPair("btcusd", "Enabled", "Disabled"), ok("ethusd")), []string{"btcusd"}, Restricted},
		{"other market orders off", bsList(ok("btcusd"), bsPair("ethusd", "Enabled", "Disabled")), []string{"btcusd"}, Operational},
		{"watched unknown trading", bsList(bsPair("btcusd", "Paused", "Enabled"), ok("ethusd")), []string{"btcusd"}, Unknown},
		{"watched unknown market flag", bsList(bsPair("btcusd", "Enabled", "Sometimes"), ok("ethusd")), []string{"btcusd"}, Unknown},
		{"watched trading missing", bsList(`{"url_symbol":"btcusd"}`, ok("ethusd")), []string{"btcusd"}, Unknown},
		{"empty list", bsList(), []string{"btcusd"}, Unknown},
		{"junk tolerated", bsList(ok("btcusd"), `1`, `{"url_symbol":7}`), []string{"btcusd"}, Operational},
	} {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseBitstampPairs(Response{StatusCode: 200, Body: c.body}, c.watched)
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want || obs.Summary == "" {
				t.Fatalf("%v, want %v (%s)", obs.Level, c.want, obs.Summary)
			}
		})
	}
}

func TestParseBitstampPairsRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":     {StatusCode: 200},
		"html 503":  {StatusCode: 503, Body: []byte("<!DOCTYPE html><html>maintenance</html>")},
		"truncated": {StatusCode: 200, Body: bsList(bsPair("btcusd", "Enabled", "Enabled"))[:30]},
		"object":    {StatusCode: 200, Body: []byte(`{"status":"error","reason":"x"}`)},
		"500 list":  {StatusCode: 500, Body: bsList()},
	} {
		if _, err := ParseBitstampPairs(r, nil); !errors.Is(err, ErrNotStatus) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestBitstampCatalog(t *testing.T) {
	e, ok := Lookup("bitstamp")
	if !ok {
		t.Fatal("not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 2 || ps[0].URL != "https://www.bitstamp.net/api/v2/trading-pairs-info/" || ps[1].URL != "https://status.bitstamp.net/api/v2/summary.json" {
		t.Fatalf("%+v", ps)
	}
	f := e.Feed(Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://ws.bitstamp.net" || string(f.Ping) != `{"event":"bts:heartbeat"}` ||
		string(f.Subscribe[1]) != `{"data":{"channel":"live_trades_btcusd"},"event":"bts:subscribe"}` {
		t.Fatalf("feed %+v", f)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil {
		t.Error("off not respected")
	}
}

func TestHandleBitstampMessage(t *testing.T) {
	for _, c := range []struct {
		msg       string
		reconnect bool
		err       bool
	}{
		{`{"event":"bts:subscription_succeeded","channel":"live_trades_btcusd","data":{}}`, false, false},
		{`{"event":"bts:heartbeat","channel":"","data":{"status":"success"}}`, false, false},
		{`{"event":"data","channel":"order_book_btcusd","data":{"bids":[],"asks":[]}}`, false, false},
		{`{"event":"trade","channel":"live_trades_btcusd","data":{"price":1}}`, false, false},
		{`{"event":"bts:request_reconnect","channel":"","data":""}`, true, false},
		{`{"event":"bts:error","channel":"","data":{"code":null,"message":"Bad request."}}`, false, true},
		{`{"event":"bts:heartbeat","data":{"status":"failure"}}`, false, true},
		{`{"channel":"x"}`, false, true},
		{`not json`, false, true},
	} {
		ev, err := HandleBitstampMessage([]byte(c.msg))
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.msg, err)
			continue
		}
		if err == nil && (!ev.Alive || ev.Reconnect != c.reconnect || ev.Observation != nil) {
			t.Errorf("%s: %+v", c.msg, ev)
		}
	}
}

func FuzzParseBitstampPairs(f *testing.F) {
	f.Add(200, bsList(bsPair("btcusd", "Enabled", "Enabled"), bsPair("xrpusd", "Disabled", "Enabled")))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseBitstampPairs(Response{StatusCode: code, Body: body}, []string{"btcusd"}); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleBitstampMessage(f *testing.F) {
	f.Add([]byte(`{"event":"bts:request_reconnect","channel":"","data":""}`))
	f.Add([]byte(`{"event":"bts:heartbeat","data":{"status":"success"}}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleBitstampMessage(msg) })
}
