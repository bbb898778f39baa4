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
	// A feed's pairs the verdict does not list group by their code.
	rs = append(rs, Reason{Source: SourceWebsocket, Detail: "ETH-BTC offline"}, Reason{Source: SourceWebsocket, Detail: "BTC-EUR offline"},
		Reason{Source: SourceWebsocket, Detail: "feed stalled for 30s"}, Reason{Source: SourceWebsocket, Detail: "feed stalled for 30s"})

	var got []string
	for _, g := range GroupReasons(rs, pairs) {
		got = append(got, g.Source+"|"+g.Text())
	}
	want := []string{
		"statuspage|incident: Trading unavailable",
		"rest|BTC-USD, ETH-USD, SOL-USD and 2 more: online trading_disabled",
		"rest|DOGE-USD cancel_only",
		"websocket|BTC-USD online trading_disabled",
		"websocket|ETH-BTC, BTC-EUR: offline",
		"websocket|feed stalled for 30s",
		"websocket|feed stalled for 30s",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without the pair statuses (the history) pairs still group by code,
	// with no level read for them.
	if g := GroupReasons(rs[:4], nil); len(g) != 2 || g[1].Stated || len(g[1].Pairs) != 3 {
		t.Fatalf("%+v", g)
	}
}
