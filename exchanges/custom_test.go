package exchanges

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCustom(t *testing.T) {
	ok := []string{"none", "ok", "true"}
	cases := []struct {
		body  string
		code  int
		level Level
		err   bool
		why   string
	}{
		{`{"status":{"indicator":"none"}}`, 200, Operational, false, `status.indicator = "none"`},
		{`{"status":{"indicator":"major"}}`, 200, Outage, false, `status.indicator = "major"`},
		{`{"status":{"indicator":"major"}}`, 503, Outage, false, `status.indicator = "major"`},
		{`{"status":{}}`, 200, 0, true, ""},
		{`{"status":{"indicator":"none"`, 200, 0, true, ""},
		{`<html>oops</html>`, 502, 0, true, ""},
		{``, 200, 0, true, ""},
	}
	for _, c := range cases {
		obs, err := ParseCustom(Response{StatusCode: c.code, Body: []byte(c.body)}, "status.indicator", ok)
		if c.err {
			if !errors.Is(err, ErrNotStatus) {
				t.Errorf("%q: want ErrNotStatus, got %v", c.body, err)
			}
			continue
		}
		if err != nil || obs.Level != c.level || !obs.Authoritative || obs.Summary != c.why {
			t.Errorf("%q: got %v %+v", c.body, err, obs)
		}
	}
	// Booleans and numbers compare in their string form.
	obs, err := ParseCustom(Response{StatusCode: 200, Body: []byte(`{"healthy":true}`)}, "healthy", ok)
	if err != nil || obs.Level != Operational {
		t.Fatalf("bool: %v %+v", err, obs)
	}
}

func TestCustomProbe(t *testing.T) {
	e := Custom("mybroker", "", "http://127.0.0.1:1/health?token=s3cret", "status", []string{"ok"})
	if e.Name != "mybroker" || e.Links != (Links{}) {
		t.Fatalf("bad entry %+v", e)
	}
	ps := e.Probes(Target{Endpoints: e.Defaults})
	if len(ps) != 1 || ps[0].URL != e.Defaults.API {
		t.Fatalf("probes %+v", ps)
	}
	obs, err := ps[0].Parse(Response{StatusCode: 200, Body: []byte(`{"status":"down"}`)})
	if err != nil || obs.Level != Outage {
		t.Fatalf("%v %+v", err, obs)
	}
	for _, r := range obs.Reasons {
		if r.Detail == "" || strings.Contains(r.Detail, "s3cret") {
			t.Fatalf("reason leaks url: %q", r.Detail)
		}
	}
	if ps := e.Probes(Target{Endpoints: Endpoints{API: Off}}); len(ps) != 0 {
		t.Fatal("off should disable the probe")
	}
	if e.Feed(Target{}) != nil {
		t.Fatal("custom has no feed")
	}
}

func FuzzParseCustom(f *testing.F) {
	for _, s := range []string{`{"status":{"indicator":"none"}}`, `{"status":"ok"}`, `[1,2]`, `{"status":`, `null`, `"x"`, ``, `{"status":{"indicator":["a",{"b":1}]}}`} {
		f.Add([]byte(s), "status.indicator", 200)
	}
	f.Fuzz(func(t *testing.T, body []byte, path string, code int) {
		obs, err := ParseCustom(Response{StatusCode: code, Body: body}, path, []string{"none", "ok"})
		if err != nil {
			if !errors.Is(err, ErrNotStatus) {
				t.Fatalf("error does not wrap ErrNotStatus: %v", err)
			}
			return
		}
		if obs.Level != Operational && obs.Level != Outage {
			t.Fatalf("level %v", obs.Level)
		}
	})
}
