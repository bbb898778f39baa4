package exchanges

import (
	"strings"
	"testing"
)

func TestGroupReasons(t *testing.T) {
	var pairs []PairStatus
	for _, p := range []string{"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "LTC-USD"} {
		pairs = append(pairs, PairStatus{Pair: p, Level: Outage, Raw: "online trading_disabled"})
	}
	pairs = append(pairs, PairStatus{Pair: "DOGE-USD", Level: Restricted, Raw: "cancel_only"})
	obs := FoldPairs(SourceREST, pairs, nil)
	rs := append([]Reason{{Source: SourceStatusPage, Detail: "incident: Trading unavailable"}}, obs.Reasons...)
	rs = append(rs, Reason{Source: SourceWebsocket, Detail: "BTC-USD online trading_disabled"}) // another source stays apart

	var got []string
	for _, g := range GroupReasons(rs, pairs) {
		got = append(got, g.Source+"|"+g.Text())
	}
	want := []string{
		"statuspage|incident: Trading unavailable",
		"rest|BTC-USD, ETH-USD, SOL-USD and 2 more: online trading_disabled",
		"rest|DOGE-USD cancel_only",
		"websocket|BTC-USD online trading_disabled",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without the pair statuses (the history) nothing is merged.
	if g := GroupReasons(rs, nil); len(g) != len(rs) {
		t.Fatalf("%d groups for %d reasons without pairs", len(g), len(rs))
	}
}
