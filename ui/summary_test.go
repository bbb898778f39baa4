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
		{exchanges.Outage, "Coinbase: Major outage on Trading", "Coinbase: Major outage on Trading"},
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
