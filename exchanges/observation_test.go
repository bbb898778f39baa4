package exchanges

import (
	"slices"
	"strings"
	"testing"
)

func TestLevelTextRoundTrip(t *testing.T) {
	for l := Operational; l <= Unknown; l++ {
		b, _ := l.MarshalText()
		var got Level
		if err := got.UnmarshalText(b); err != nil || got != l {
			t.Fatalf("%v: got %v %v", l, got, err)
		}
	}
	if _, err := ParseLevel("fine"); err == nil {
		t.Fatal("want error for unknown level")
	}
	if !Outage.Worse(Unknown) || !Unknown.Worse(Maintenance) || Degraded.Worse(Restricted) {
		t.Fatal("severity order wrong")
	}
}

func pairs(kv ...string) []PairStatus {
	var out []PairStatus
	for i := 0; i < len(kv); i += 2 {
		lvl, raw := Operational, kv[i+1]
		switch raw {
		case "HALT":
			lvl = Outage
		case "BUSY":
			lvl = Degraded
		case "CANCEL_ONLY":
			lvl = Restricted
		case "MAINT":
			lvl = Maintenance
		case "NORMAL":
		default:
			lvl = Unknown
		}
		out = append(out, PairStatus{Pair: kv[i], Level: lvl, Raw: raw})
	}
	return out
}

func TestFoldPairs(t *testing.T) {
	tests := []struct {
		name    string
		pairs   []PairStatus
		watched []string
		want    Level
		summary string
	}{
		{"all normal", pairs("btc_jpy", "NORMAL", "eth_jpy", "NORMAL"), nil, Operational, "All pairs trading normally"},
		{"all halted", pairs("btc_jpy", "HALT", "eth_jpy", "HALT"), nil, Outage, "all pairs"},
		{"watched halted", pairs("btc_jpy", "HALT", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, Outage, "Trading halted on btc_jpy"},
		{"watched case-insensitive", pairs("BTC_JPY", "HALT", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, Outage, "BTC_JPY"},
		{"other halted", pairs("btc_jpy", "NORMAL", "xrp_jpy", "HALT", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, Restricted, "1 of 3 pairs halted (xrp_jpy)"},
		{"restricted unwatched", pairs("btc_jpy", "NORMAL", "xrp_jpy", "CANCEL_ONLY"), nil, Restricted, "1 of 2 pairs restricted"},
		{"restricted but watched fine", pairs("btc_jpy", "NORMAL", "xrp_jpy", "CANCEL_ONLY"), []string{"btc_jpy"}, Operational, "Watched pairs normal"},
		{"watched busy", pairs("btc_jpy", "BUSY", "xrp_jpy", "NORMAL"), []string{"btc_jpy"}, Degraded, "Busy: btc_jpy"},
		{"minority busy unwatched", pairs("btc_jpy", "BUSY", "xrp_jpy", "NORMAL", "eth_jpy", "NORMAL"), nil, Operational, ""},
		{"majority busy", pairs("btc_jpy", "BUSY", "xrp_jpy", "BUSY", "eth_jpy", "NORMAL"), nil, Degraded, "Busy"},
		{"all maintenance", pairs("btc_jpy", "MAINT"), nil, Maintenance, "maintenance"},
		{"watched unknown", pairs("btc_jpy", "WEIRD", "eth_jpy", "NORMAL"), []string{"btc_jpy"}, Unknown, "Unrecognised"},
		{"empty", nil, nil, Unknown, "No pair status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obs := FoldPairs(SourceREST, tc.pairs, tc.watched)
			if obs.Level != tc.want {
				t.Fatalf("level %v, want %v (%s)", obs.Level, tc.want, obs.Summary)
			}
			if !strings.Contains(strings.ToLower(obs.Summary), strings.ToLower(tc.summary)) {
				t.Fatalf("summary %q lacks %q", obs.Summary, tc.summary)
			}
			if tc.want == Outage && !slices.Contains(obs.Advice, PauseTrading) {
				t.Fatalf("outage without pause_trading advice: %v", obs.Advice)
			}
		})
	}
}

func TestFoldPairsKeepsRawValues(t *testing.T) {
	obs := FoldPairs(SourceREST, pairs("btc_jpy", "SOMETHING_NEW"), nil)
	if obs.Level == Operational {
		t.Fatal("unknown value must never be operational")
	}
	if len(obs.Reasons) == 0 || !strings.Contains(obs.Reasons[0].Detail, "SOMETHING_NEW") {
		t.Fatalf("raw value lost: %+v", obs.Reasons)
	}
}

func TestEndpointsOverride(t *testing.T) {
	e := Endpoints{API: "https://api.x", WS: "wss://ws.x"}.Override(Endpoints{API: "http://127.0.0.1:9", WS: Off})
	if e.API != "http://127.0.0.1:9" || Enabled(e.WS) || !Enabled(e.API) {
		t.Fatalf("%+v", e)
	}
	if Join("http://h/", "/v1/x") != "http://h/v1/x" {
		t.Fatal("join")
	}
}
