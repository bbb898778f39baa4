package ja

import (
	"testing"

	"safeharbor/exchanges"
)

func TestReasonGroup(t *testing.T) {
	var pairs []exchanges.PairStatus
	for _, p := range []string{"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "LTC-USD"} {
		pairs = append(pairs, exchanges.PairStatus{Pair: p, Level: exchanges.Outage, Raw: "online trading_disabled"})
	}
	obs := exchanges.FoldPairs(exchanges.SourceREST, pairs, nil)
	gs := exchanges.GroupReasons(obs.Reasons, pairs)
	if len(gs) != 1 {
		t.Fatalf("%d groups", len(gs))
	}
	want := "BTC-USD、ETH-USD、SOL-USD ほか2ペアは取引停止中（取引所の表示「online trading_disabled」）"
	if got := ReasonGroup(gs[0], pairs); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	two := exchanges.GroupReasons(obs.Reasons[:2], pairs[:2])
	if got := ReasonGroup(two[0], pairs[:2]); got != "BTC-USD、ETH-USD は取引停止中（取引所の表示「online trading_disabled」）" {
		t.Fatal(got)
	}
	feed := exchanges.GroupReasons([]exchanges.Reason{{Detail: "ETH-BTC offline"}, {Detail: "BTC-EUR offline"}}, pairs)
	if got := ReasonGroup(feed[0], pairs); got != "ETH-BTC、BTC-EUR の状態（取引所の表示「offline」）" {
		t.Fatal(got)
	}
	var feedPairs []exchanges.Reason
	for _, p := range []string{"ETH-BTC", "BTC-EUR", "SOL-USD", "XRP-USD"} {
		feedPairs = append(feedPairs, exchanges.Reason{Detail: p + " offline"})
	}
	many := exchanges.GroupReasons(feedPairs, nil)
	if got := ReasonGroup(many[0], nil); got != "ETH-BTC、BTC-EUR、SOL-USD ほか1ペアの状態（取引所の表示「offline」）" {
		t.Fatal(got)
	}
	alone := exchanges.ReasonGroup{Reason: exchanges.Reason{Detail: "btc_jpy HALT"}}
	if got := ReasonGroup(alone, nil); got != Reason("btc_jpy HALT", nil) {
		t.Fatal(got)
	}
}
