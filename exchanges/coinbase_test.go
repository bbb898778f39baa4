package exchanges

import (
	"errors"
	"strings"
	"testing"
)

func cbProduct(id, status string, flags ...string) string {
	f := map[string]string{"trading_disabled": "false", "cancel_only": "false", "post_only": "false", "limit_only": "false", "auction_mode": "false"}
	for _, x := range flags {
		f[x] = "true"
	}
	return `{"id":"` + id + `","base_currency":"BTC","quote_currency":"USD","quote_increment":"0.01","base_increment":"0.00000001","display_name":"` + id + `","min_market_funds":"1","margin_enabled":false,"post_only":` + f["post_only"] +
		`,"limit_only":` + f["limit_only"] + `,"cancel_only":` + f["cancel_only"] + `,"status":"` + status + `","status_message":"","trading_disabled":` + f["trading_disabled"] +
		`,"fx_stablecoin":false,"max_slippage_percentage":"0.02","auction_mode":` + f["auction_mode"] + `,"high_bid_limit_percentage":""}`
}

func cbList(ps ...string) []byte { return []byte("[" + strings.Join(ps, ",") + "]") }

func TestParseCoinbaseProducts(t *testing.T) {
	on := func(id string, flags ...string) string { return cbProduct(id, "online", flags...) }
	w := []string{"BTC-USD"}
	cases := []struct {
		name string
		body []byte
		want Level
	}{
		{"all online", cbList(on("BTC-USD"), on("ETH-USD")), Operational},
		{"watched trading_disabled", cbList(on("BTC-USD", "trading_disabled"), on("ETH-USD")), Outage},
		{"watched cancel_only", cbList(on("BTC-USD", "cancel_only"), on("ETH-USD")), Restricted},
		{"watched post_only", cbList(on("BTC-USD", "post_only")), Restricted},
		{"watched limit_only", cbList(on("BTC-USD", "limit_only")), Restricted},
		{"watched auction_mode", cbList(on("BTC-USD", "auction_mode")), Restricted},
		{"watched offline", cbList(cbProduct("BTC-USD", "offline")), Outage},
		{"watched unknown status", cbList(cbProduct("BTC-USD", "frozen"), on("ETH-USD")), Unknown},
		{"other product halted is a named restriction", cbList(on("BTC-USD"), on("ETH-USD", "trading_disabled")), Restricted},
		{"other product limit_only is only counted", cbList(on("BTC-USD"), on("ETH-USD", "limit_only"), on("SOL-USD", "auction_mode")), Operational},
		{"other product unknown is only counted", cbList(on("BTC-USD"), cbProduct("ETH-USD", "weird")), Operational},
		{"delisted products ignored", cbList(on("BTC-USD"), cbProduct("ETH-USD", "delisted")), Operational},
		{"watched product missing", cbList(on("ETH-USD")), Unknown},
		{"empty list", cbList(), Unknown},
		{"junk entries tolerated", cbList(on("BTC-USD"), `1`, `{"id":5}`, `null`), Operational},
		{"status missing", cbList(`{"id":"BTC-USD","trading_disabled":false}`), Unknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseCoinbaseProducts(Response{StatusCode: 200, Body: c.body}, w)
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want {
				t.Fatalf("level %v, want %v (%s)", obs.Level, c.want, obs.Summary)
			}
			if obs.Summary == "" {
				t.Error("no summary")
			}
		})
	}
	obs, _ := ParseCoinbaseProducts(Response{Body: cbList(on("BTC-USD"), on("ETH-USD", "trading_disabled"), on("SOL-USD"))}, w)
	if !strings.Contains(obs.Summary, "1 of 3 pairs halted") || !strings.Contains(obs.Summary, "ETH-USD") {
		t.Errorf("others not named: %q", obs.Summary)
	}
	obs, _ = ParseCoinbaseProducts(Response{Body: cbList(on("BTC-USD", "trading_disabled"), on("ETH-USD"))}, w)
	if obs.Summary != "Trading halted on BTC-USD" || !obs.Authoritative {
		t.Errorf("summary %q", obs.Summary)
	}
}

func TestParseCoinbaseProductsRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":         {StatusCode: 200},
		"html":          {StatusCode: 200, Body: []byte("<html></html>")},
		"truncated":     {StatusCode: 200, Body: cbList(cbProduct("BTC-USD", "online"))[:50]},
		"object":        {StatusCode: 200, Body: []byte(`{"products":[]}`)},
		"error message": {StatusCode: 200, Body: []byte(`{"message":"Internal server error"}`)},
		"503 json":      {StatusCode: 503, Body: []byte(`{"message":"Service unavailable"}`)},
		"500 list":      {StatusCode: 500, Body: cbList()},
	} {
		if _, err := ParseCoinbaseProducts(r, []string{"BTC-USD"}); !errors.Is(err, ErrNotStatus) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestCoinbaseCatalog(t *testing.T) {
	e, ok := Lookup("coinbase")
	if !ok {
		t.Fatal("not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 2 || ps[0].URL != "https://api.exchange.coinbase.com/products" || ps[1].URL != "https://status.coinbase.com/api/v2/summary.json" {
		t.Fatalf("%+v", ps)
	}
	f := e.Feed(Target{Endpoints: e.Defaults, Pairs: []string{"ETH-USD"}})
	if f == nil || f.URL != "wss://ws-feed.exchange.coinbase.com" ||
		len(f.Subscribe) != 2 || string(f.Subscribe[0]) != `{"channels":[{"name":"heartbeat","product_ids":["ETH-USD"]}],"type":"subscribe"}` ||
		string(f.Subscribe[1]) != `{"type":"subscribe","channels":[{"name":"status"}]}` {
		t.Fatalf("feed %+v %s", f, f.Subscribe)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil || len(e.Probes(Target{Endpoints: Endpoints{API: Off, StatusPage: Off}})) != 0 {
		t.Error("off not respected")
	}
}

func TestHandleCoinbaseMessage(t *testing.T) {
	w := []string{"BTC-USD"}
	for _, c := range []struct {
		msg   string
		level Level
		err   bool
	}{
		{`{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"BTC-USD","time":"2026-11-21T10:00:00.000000Z"}`, -1, false},
		{`{"type":"subscriptions","channels":[{"name":"heartbeat","product_ids":["BTC-USD"]}]}`, -1, false},
		{`{"type":"status","products":[{"id":"BTC-USD","status":"online","cancel_only":false,"post_only":false,"limit_only":false}],"currencies":[]}`, Operational, false},
		{`{"type":"status","products":[{"id":"BTC-USD","status":"online","cancel_only":true}],"currencies":[]}`, Restricted, false},
		{`{"type":"status","products":[{"id":"BTC-USD","status":"offline"}]}`, Outage, false},
		{`{"type":"status","products":[{"id":"BTC-USD","status":"weird"}]}`, Unknown, false},
		{`{"type":"status"}`, -1, true},
		{`{"type":"error","message":"Failed to subscribe","reason":"You need to specify at least one product ID for channel heartbeat"}`, -1, true},
		{`{"no":"type"}`, -1, true},
		{"\x00garbage", -1, true},
		{`[]`, -1, true},
	} {
		ev, err := HandleCoinbaseMessage([]byte(c.msg), w)
		if (err != nil) != c.err {
			t.Errorf("%s: err %v", c.msg, err)
			continue
		}
		if err != nil {
			continue
		}
		if !ev.Alive {
			t.Errorf("%s: not alive", c.msg)
		}
		if c.level < 0 && ev.Observation != nil || c.level >= 0 && (ev.Observation == nil || ev.Observation.Level != c.level) {
			t.Errorf("%s: observation %+v, want %v", c.msg, ev.Observation, c.level)
		}
	}
}

func FuzzParseCoinbaseProducts(f *testing.F) {
	f.Add(200, cbList(cbProduct("BTC-USD", "online"), cbProduct("ETH-USD", "online", "cancel_only")))
	f.Add(200, cbList(cbProduct("BTC-USD", "offline")))
	f.Add(503, []byte(`{"message":"x"}`))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseCoinbaseProducts(Response{StatusCode: code, Body: body}, []string{"BTC-USD"}); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleCoinbaseMessage(f *testing.F) {
	f.Add([]byte(`{"type":"heartbeat","product_id":"BTC-USD"}`))
	f.Add([]byte(`{"type":"status","products":[{"id":"BTC-USD","status":"online","cancel_only":true}]}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleCoinbaseMessage(msg, []string{"BTC-USD"}) })
}
