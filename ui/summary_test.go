package ui

import (
	"testing"

	"safeharbor/exchanges"
)

func TestJapaneseSummaries(t *testing.T) {
	for _, c := range []struct {
		level    exchanges.Level
		en, want string
	}{
		{exchanges.Outage, "Trading halted on btc_jpy", "btc_jpy の取引が停止中"},
		{exchanges.Restricted, "2 of 40 pairs halted (xrp_jpy, eth_jpy)", "40 ペア中 2 ペアで取引停止（xrp_jpy, eth_jpy）"},
		{exchanges.Operational, "GMO Coin is open", "通常どおり稼働しています"},
		{exchanges.Outage, "Coinbase: Major outage on Trading", "障害が発生しています（Coinbase: Major outage on Trading）"},
		{exchanges.Outage, "API unreachable: HTTP 503", "API に接続できません（HTTP 503）"},
		{exchanges.Restricted, "Watched pairs normal; 1 of 3 not (xrp_jpy)", "監視中のペアは正常（3 ペア中 1 ペアに問題：xrp_jpy）"},
		{exchanges.Unknown, "This computer appears to be offline", "このコンピューターがオフラインのようです"},
	} {
		if got := Japanese.summary(c.level, c.en); got != c.want {
			t.Errorf("%q: %q, want %q", c.en, got, c.want)
		}
		if got := English.summary(c.level, c.en); got != c.en {
			t.Errorf("English changed %q to %q", c.en, got)
		}
	}
}
