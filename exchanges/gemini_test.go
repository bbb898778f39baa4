package exchanges

import (
	"errors"
	"testing"
)

func geminiBody(sym, status string) []byte {
	return []byte(`{"symbol":"` + sym + `","base_currency":"BTC","quote_currency":"USD","tick_size":1E-8,"quote_increment":0.01,"min_order_size":"0.00001","status":"` + status + `","wrap_enabled":false,"product_type":"spot","contract_type":"vanilla","contract_price_currency":"USD"}`)
}

func TestParseGeminiSymbolDetails(t *testing.T) {
	for _, c := range []struct {
		name string
		code int
		body []byte
		want Level
		auth bool
	}{
		{"open", 200, geminiBody("BTCUSD", "open"), Operational, true},
		{"symbol case differs", 200, geminiBody("btcusd", "open"), Operational, true},
		{"limit_only", 200, geminiBody("BTCUSD", "limit_only"), Restricted, true},
		{"cancel_only", 200, geminiBody("BTCUSD", "cancel_only"), Restricted, true},
		{"post_only", 200, geminiBody("BTCUSD", "post_only"), Restricted, true},
		{"closed", 200, geminiBody("BTCUSD", "closed"), Outage, true},
		{"unknown", 200, geminiBody("BTCUSD", "paused"), Unknown, false},
		{"maintenance envelope", 503, []byte(`{"result":"error","reason":"Maintenance","message":"The system is down for maintenance"}`), Maintenance, true},
		{"system envelope", 503, []byte(`{"result":"error","reason":"System","message":"We are experiencing technical issues"}`), Outage, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseGeminiSymbolDetails(Response{StatusCode: c.code, Body: c.body}, "BTCUSD")
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want || obs.Authoritative != c.auth || obs.Summary == "" || len(obs.Reasons) == 0 {
				t.Fatalf("%+v, want %v auth %v", obs, c.want, c.auth)
			}
		})
	}
}

func TestParseGeminiSymbolDetailsRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":          {StatusCode: 200},
		"html":           {StatusCode: 200, Body: []byte("<html></html>")},
		"truncated":      {StatusCode: 200, Body: geminiBody("BTCUSD", "open")[:40]},
		"no status":      {StatusCode: 200, Body: []byte(`{"symbol":"BTCUSD"}`)},
		"status number":  {StatusCode: 200, Body: []byte(`{"symbol":"BTCUSD","status":1}`)},
		"other symbol":   {StatusCode: 200, Body: geminiBody("ETHUSD", "open")},
		"invalid symbol": {StatusCode: 400, Body: []byte(`{"result":"error","reason":"InvalidSymbol","message":"Supplied value 'x' is not a valid symbol."}`)},
		"rate limited":   {StatusCode: 429, Body: []byte(`{"result":"error","reason":"RateLimited","message":"x"}`)},
		"500 no env":     {StatusCode: 500, Body: []byte(`{}`)},
		"array":          {StatusCode: 200, Body: []byte(`[]`)},
	} {
		if _, err := ParseGeminiSymbolDetails(r, "BTCUSD"); !errors.Is(err, ErrNotStatus) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestGeminiCatalog(t *testing.T) {
	e, ok := Lookup("gemini")
	if !ok {
		t.Fatal("not registered")
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 3 || ps[0].URL != "https://api.gemini.com/v1/symbols/details/BTCUSD" || ps[1].URL != "https://api.gemini.com/v1/symbols/details/ETHUSD" || ps[2].URL != "https://status.gemini.com/api/v2/summary.json" {
		t.Fatalf("%+v", ps)
	}
	if ps := e.Probes(Target{Endpoints: e.Defaults, Pairs: []string{"btc/usd", "c?d", "d", "e", "f"}}); len(ps) != geminiMaxSymbols+1 || ps[0].URL != "https://api.gemini.com/v1/symbols/details/BTCUSD" || ps[1].URL != "https://api.gemini.com/v1/symbols/details/C%3FD" {
		t.Errorf("pairs not capped/escaped: %d %s", len(ps), ps[0].URL)
	}
	f := e.Feed(Target{Endpoints: e.Defaults})
	if f == nil || f.URL != "wss://api.gemini.com/v2/marketdata" || string(f.Subscribe[0]) != `{"subscriptions":[{"name":"l2","symbols":["BTCUSD"]}],"type":"subscribe"}` {
		t.Fatalf("feed %+v", f)
	}
	if e.Feed(Target{Endpoints: Endpoints{WS: Off}}) != nil || len(e.Probes(Target{Endpoints: Endpoints{API: Off, StatusPage: Off}})) != 0 {
		t.Error("off not respected")
	}
}

func TestHandleGeminiMessage(t *testing.T) {
	for msg, wantErr := range map[string]bool{
		`{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","1","2"]]}`: false,
		`{"type":"trade","symbol":"BTCUSD","price":"1"}`:                      false,
		`{"type":"heartbeat","timestamp":1}`:                                  false,
		`{"result":"error","reason":"InvalidJson","message":"x"}`:             true,
		`{"type":"error","reason":"x"}`:                                       true,
		`{"symbol":"BTCUSD"}`:                                                 true,
		`[1]`:                                                                 true,
		"\xff\x00":                                                            true,
	} {
		ev, err := HandleGeminiMessage([]byte(msg))
		if (err != nil) != wantErr || !wantErr && !ev.Alive {
			t.Errorf("%s: %+v %v", msg, ev, err)
		}
	}
}

func FuzzParseGeminiSymbolDetails(f *testing.F) {
	f.Add(200, geminiBody("BTCUSD", "open"))
	f.Add(503, []byte(`{"result":"error","reason":"Maintenance","message":"x"}`))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if _, err := ParseGeminiSymbolDetails(Response{StatusCode: code, Body: body}, "BTCUSD"); err != nil && !errors.Is(err, ErrNotStatus) {
			t.Fatal(err)
		}
	})
}

func FuzzHandleGeminiMessage(f *testing.F) {
	f.Add([]byte(`{"type":"l2_updates","symbol":"BTCUSD","changes":[]}`))
	f.Fuzz(func(t *testing.T, msg []byte) { HandleGeminiMessage(msg) })
}
