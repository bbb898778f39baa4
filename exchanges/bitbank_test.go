package exchanges_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"safeharbor/exchanges"
)

// jpResp builds a Response for parser tests.
func jpResp(code int, body string) exchanges.Response {
	return exchanges.Response{StatusCode: code, Body: []byte(body)}
}

// jpBadBodies are bodies every parser must reject with ErrNotStatus.
var jpBadBodies = []string{
	``, `   `, `null`, `[]`, `{}`, `"NORMAL"`, `{"oops": [1, 2,, }`,
	`<html><body><h1>Cloudflare: checking your browser</h1></body></html>`,
}

func jpExpectNotStatus(t *testing.T, name string, err error) {
	t.Helper()
	if err == nil || !errors.Is(err, exchanges.ErrNotStatus) {
		t.Errorf("%s: err = %v, want ErrNotStatus", name, err)
	}
}

func bitbankBody(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, fmt.Sprintf(`{"pair":%q,"status":%q,"min_amount":"0.0001"}`, kv[i], kv[i+1]))
	}
	return `{"success":1,"data":{"statuses":[` + strings.Join(parts, ",") + `]}}`
}

func TestBitbankStatus(t *testing.T) {
	cases := []struct {
		name    string
		code    int
		body    string
		watched []string
		want    exchanges.Level
		auth    bool
	}{
		{"normal", 200, bitbankBody("btc_jpy", "NORMAL", "eth_jpy", "NORMAL"), nil, exchanges.Operational, true},
		{"busy watched", 200, bitbankBody("btc_jpy", "BUSY", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, exchanges.Degraded, true},
		{"very busy all", 200, bitbankBody("btc_jpy", "VERY_BUSY", "eth_jpy", "VERY_BUSY"), nil, exchanges.Degraded, true},
		{"halt watched", 200, bitbankBody("btc_jpy", "HALT", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, exchanges.Outage, true},
		{"halt other pair", 200, bitbankBody("btc_jpy", "NORMAL", "xrp_jpy", "HALT"), []string{"btc_jpy"}, exchanges.Restricted, true},
		{"halt all", 200, bitbankBody("btc_jpy", "HALT", "xrp_jpy", "HALT"), nil, exchanges.Outage, true},
		{"unknown watched", 200, bitbankBody("btc_jpy", "FROZEN", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, exchanges.Unknown, false},
		{"unknown all", 200, bitbankBody("btc_jpy", "FROZEN"), nil, exchanges.Unknown, false},
		{"extra fields", 200, `{"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":"NORMAL","min_amount":"1","x":[1]}],"y":2},"z":null}`, nil, exchanges.Operational, true},
		{"maintenance 503", 503, `{"success":0,"data":{"code":10007}}`, nil, exchanges.Maintenance, true},
		{"maintenance 200", 200, `{"success":0,"data":{"code":10007}}`, nil, exchanges.Maintenance, true},
		{"busy envelope", 503, `{"success":0,"data":{"code":10008}}`, nil, exchanges.Degraded, true},
	}
	for _, c := range cases {
		obs, err := exchanges.ParseBitbankStatus(jpResp(c.code, c.body), c.watched)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if obs.Level != c.want || obs.Authoritative != c.auth {
			t.Errorf("%s: level %v auth %v, want %v %v (%s)", c.name, obs.Level, obs.Authoritative, c.want, c.auth, obs.Summary)
		}
		if obs.Summary == "" || len(obs.Reasons) == 0 && obs.Level != exchanges.Operational {
			t.Errorf("%s: missing summary/reasons: %+v", c.name, obs)
		}
	}
	// Raw unknown value kept.
	obs, _ := exchanges.ParseBitbankStatus(jpResp(200, bitbankBody("btc_jpy", "FROZEN")), nil)
	if len(obs.Reasons) == 0 || !strings.Contains(obs.Reasons[0].Detail, "FROZEN") {
		t.Errorf("raw value lost: %+v", obs.Reasons)
	}

	bad := append([]string{
		`{"success":0,"data":{"code":10009}}`, // rate limited: no status
		`{"success":0,"data":{"code":20001}}`,
		`{"success":0,"data":{}}`,
		`{"success":"1","data":{"statuses":[]}}`,
		`{"success":2,"data":{"statuses":[]}}`,
		`{"success":1,"data":{"statuses":[]}}`,
		`{"success":1,"data":{"statuses":{}}}`,
		`{"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":1}]}}`,
		`{"success":1,"data":{"statuses":[{"pair":"btc_jpy"}]}}`,
		`{"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":"NORMAL"}`, // truncated
	}, jpBadBodies...)
	for _, b := range bad {
		_, err := exchanges.ParseBitbankStatus(jpResp(200, b), nil)
		jpExpectNotStatus(t, b, err)
	}
	// A success body on a 5xx is not trusted.
	_, err := exchanges.ParseBitbankStatus(jpResp(502, bitbankBody("btc_jpy", "NORMAL")), nil)
	jpExpectNotStatus(t, "502 success", err)
}

func TestBitbankCircuitBreak(t *testing.T) {
	body := func(mode string) string {
		return `{"success":1,"data":{"mode":"` + mode + `","estimated_itayose_price":null,"reopen_timestamp":1771858577000,"timestamp":1771858000000}}`
	}
	for mode, want := range map[string]exchanges.Level{
		"NONE": exchanges.Operational, "CIRCUIT_BREAK": exchanges.Restricted, "FULL_RANGE_CIRCUIT_BREAK": exchanges.Restricted,
		"RESUMPTION": exchanges.Restricted, "LISTING": exchanges.Restricted, "MELTDOWN": exchanges.Unknown,
	} {
		obs, err := exchanges.ParseBitbankCircuitBreak(jpResp(200, body(mode)), "btc_jpy")
		if err != nil || obs.Level != want {
			t.Errorf("%s: %v %v, want %v", mode, obs.Level, err, want)
		}
		if want == exchanges.Restricted && (!obs.Authoritative || !strings.Contains(obs.Summary, "btc_jpy")) {
			t.Errorf("%s: %+v", mode, obs)
		}
	}
	obs, err := exchanges.ParseBitbankCircuitBreak(jpResp(503, `{"success":0,"data":{"code":10007}}`), "btc_jpy")
	if err != nil || obs.Level != exchanges.Maintenance {
		t.Errorf("maintenance: %v %v", obs.Level, err)
	}
	for _, b := range append([]string{`{"success":1,"data":{"mode":null}}`, `{"success":1,"data":{}}`, `{"success":1}`}, jpBadBodies...) {
		_, err := exchanges.ParseBitbankCircuitBreak(jpResp(200, b), "btc_jpy")
		jpExpectNotStatus(t, b, err)
	}
}

func TestBitbankProbesAndFeed(t *testing.T) {
	e, ok := exchanges.Lookup("bitbank")
	if !ok {
		t.Fatal("bitbank not registered")
	}
	tg := exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"btc_jpy", "XRP_JPY"}}
	ps := e.Probes(tg)
	var urls []string
	for _, p := range ps {
		urls = append(urls, p.URL)
	}
	want := []string{"https://api.bitbank.cc/v1/spot/status", "https://public.bitbank.cc/btc_jpy/circuit_break_info", "https://public.bitbank.cc/xrp_jpy/circuit_break_info"}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("urls %v, want %v", urls, want)
	}
	if ps := e.Probes(exchanges.Target{Endpoints: e.Defaults}); len(ps) != 2 || ps[1].URL != "https://public.bitbank.cc/btc_jpy/circuit_break_info" {
		t.Errorf("no watched pairs: %+v", ps)
	}
	tg.Endpoints.Public = exchanges.Off
	tg.Endpoints.API = "http://127.0.0.1:9/prefix/"
	ps = e.Probes(tg)
	if len(ps) != 1 || ps[0].URL != "http://127.0.0.1:9/prefix/v1/spot/status" {
		t.Errorf("override: %+v", ps)
	}
	f := e.Feed(tg)
	if f == nil || f.Framing != exchanges.SocketIO || f.URL != e.Defaults.WS || f.StallAfter <= 15*1e9 {
		t.Fatalf("feed %+v", f)
	}
	if string(f.Subscribe[0]) != `["join-room","ticker_btc_jpy"]` || string(f.Subscribe[1]) != `["join-room","depth_whole_btc_jpy"]` {
		t.Errorf("subscribe %q", f.Subscribe)
	}
	tg.Endpoints.WS = exchanges.Off
	if e.Feed(tg) != nil {
		t.Error("feed not off")
	}
}

func TestBitbankHandle(t *testing.T) {
	alive := []string{
		`["message",{"room_name":"ticker_btc_jpy","message":{"data":{"sell":"1","buy":"1","last":"1","timestamp":1}}}]`,
		`["message",{"room_name":"depth_whole_btc_jpy","message":{"data":{"asks":[],"bids":[]}}}]`,
		`["other",1]`,
	}
	for _, m := range alive {
		ev, err := exchanges.HandleBitbankMessage([]byte(m))
		if err != nil || !ev.Alive {
			t.Errorf("%s: %+v %v", m, ev, err)
		}
	}
	for mode, want := range map[string]exchanges.Level{"NONE": exchanges.Operational, "CIRCUIT_BREAK": exchanges.Restricted,
		"LISTING": exchanges.Restricted, "NEW_MODE": exchanges.Unknown} {
		m := `["message",{"room_name":"circuit_break_info_btc_jpy","message":{"data":{"mode":"` + mode + `","reopen_timestamp":null,"timestamp":1}}}]`
		ev, err := exchanges.HandleBitbankMessage([]byte(m))
		if err != nil || !ev.Alive || ev.Observation == nil || ev.Observation.Level != want {
			t.Errorf("circuit %s: %+v %v", mode, ev, err)
		}
	}
	for _, m := range []string{``, `{}`, `[1]`, `[]`, `["message"]`, `["message",{"room_name":"circuit_break_info_btc_jpy","message":{"data":{}}}]`, `["message",{"room_name":1}]`, "\x00\xff{{not json]]", `["message",{`} {
		if _, err := exchanges.HandleBitbankMessage([]byte(m)); err == nil {
			t.Errorf("%q: want error", m)
		}
	}
}

func FuzzBitbankStatus(f *testing.F) {
	f.Add(200, []byte(bitbankBody("btc_jpy", "NORMAL", "xrp_jpy", "HALT")))
	f.Add(503, []byte(`{"success":0,"data":{"code":10007}}`))
	f.Add(200, []byte(`{"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":"BUSY"}]}}`))
	f.Fuzz(func(t *testing.T, code int, b []byte) {
		obs, err := exchanges.ParseBitbankStatus(jpResp(code, string(b)), []string{"btc_jpy"})
		if err == nil && obs.Level == exchanges.Operational && !obs.Authoritative {
			t.Fatal("operational without authority")
		}
	})
}

func FuzzBitbankCircuitBreak(f *testing.F) {
	f.Add([]byte(`{"success":1,"data":{"mode":"CIRCUIT_BREAK","reopen_timestamp":1771858577000}}`))
	f.Add([]byte(`{"success":1,"data":{"mode":"NONE","reopen_timestamp":null}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.ParseBitbankCircuitBreak(jpResp(200, string(b)), "btc_jpy")
	})
}

func FuzzBitbankFeed(f *testing.F) {
	f.Add([]byte(`["message",{"room_name":"ticker_btc_jpy","message":{"data":{"last":"1"}}}]`))
	f.Add([]byte(`["join-room","x"]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = exchanges.HandleBitbankMessage(b)
	})
}

func ExampleParseBitbankStatus() {
	body := `{"success":1,"data":{"statuses":[{"pair":"btc_jpy","status":"HALT"},{"pair":"eth_jpy","status":"NORMAL"}]}}`
	obs, _ := exchanges.ParseBitbankStatus(exchanges.Response{StatusCode: 200, Body: []byte(body)}, []string{"btc_jpy"})
	fmt.Println(obs.Level, "-", obs.Summary)
	// Output: outage - Trading halted on btc_jpy
}

func TestBitbankFeedFoldsCircuitPushes(t *testing.T) {
	e, _ := exchanges.Lookup("bitbank")
	f := e.Feed(exchanges.Target{Endpoints: e.Defaults, Pairs: []string{"btc_jpy", "xrp_jpy"}})
	push := func(pair, mode string) []byte {
		return []byte(`["message",{"room_name":"circuit_break_info_` + pair + `","message":{"data":{"mode":"` + mode + `","reopen_timestamp":null}}}]`)
	}
	steps := []struct {
		msg  []byte
		want exchanges.Level
		obs  bool
	}{
		{push("btc_jpy", "NONE"), exchanges.Operational, true},
		{push("xrp_jpy", "CIRCUIT_BREAK"), exchanges.Restricted, true},
		{push("btc_jpy", "NONE"), 0, false}, // no change, and it must not hide xrp_jpy
		{push("xrp_jpy", "NONE"), exchanges.Operational, true},
	}
	for i, s := range steps {
		ev, err := f.Handle(s.msg)
		if err != nil || !ev.Alive || (ev.Observation != nil) != s.obs || (s.obs && ev.Observation.Level != s.want) {
			t.Errorf("step %d: %+v %v", i, ev, err)
		}
	}
	// One pair: the adapter's own wording survives.
	f = e.Feed(exchanges.Target{Endpoints: e.Defaults})
	ev, _ := f.Handle(push("btc_jpy", "CIRCUIT_BREAK"))
	if ev.Observation == nil || !strings.Contains(ev.Observation.Summary, "Circuit break mode CIRCUIT_BREAK on btc_jpy") {
		t.Errorf("single: %+v", ev.Observation)
	}
}
