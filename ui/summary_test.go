package ui

import (
	"testing"

	"safeharbor/exchanges"
	"safeharbor/internal/ja"
)

// TestLangWording: in Japanese the screens show internal/ja's wording (its
// own tests hold the translations), in English the engine's words as
// they are.
func TestLangWording(t *testing.T) {
	halt := []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}
	r := exchanges.Reason{Source: "rest", Detail: "btc_jpy HALT"}
	for _, c := range []struct{ name, got, want string }{
		{"summary ja", Japanese.summary(exchanges.Outage, "Trading halted on btc_jpy"), "btc_jpy の取引が停止中"},
		{"summary en", English.summary(exchanges.Outage, "Trading halted on btc_jpy"), "Trading halted on btc_jpy"},
		{"summary operational", Japanese.summary(exchanges.Operational, "GMO Coin is open"), "通常どおり稼働しています"},
		{"reason ja", Japanese.reason(r.Detail, halt), ja.Reason(r.Detail, halt)},
		{"reason en", English.reason(r.Detail, halt), "btc_jpy HALT"},
		{"reasonLine ja", Japanese.reasonLine(r, halt), "取引所API：btc_jpy は取引停止中（取引所の表示「HALT」）"},
		{"reasonLine ja history", Japanese.reasonLine(r, nil), "取引所API：btc_jpy の状態（取引所の表示「HALT」）"},
		{"reasonLine en", English.reasonLine(r, halt), "Exchange API: btc_jpy HALT"},
		{"reasonLine connectivity", Japanese.reasonLine(exchanges.Reason{Source: "connectivity", Detail: "this computer appears to be offline"}, nil),
			"お使いの回線：このコンピューターがオフラインのようです"},
		{"title ja", Japanese.title("Kraken scheduled maintenance"), "予定されたメンテナンス"},
		{"title official", Japanese.title("Wallet maintenance"), "Wallet maintenance"},
		{"title en", English.title("Kraken scheduled maintenance"), "Kraken scheduled maintenance"},
		{"incident ja", Japanese.incidentStatus("investigating"), "調査中"},
		{"incident unknown", Japanese.incidentStatus("pondering"), "pondering"},
		{"incident empty", Japanese.incidentStatus(""), ""},
		{"incident en", English.incidentStatus("investigating"), "investigating"},
		{"pair ja", Japanese.pairRaw(exchanges.PairStatus{Pair: "btc_jpy", Level: exchanges.Restricted, Raw: "CIRCUIT_BREAK"}), "取引制限中"},
		{"pair en", English.pairRaw(exchanges.PairStatus{Pair: "btc_jpy", Level: exchanges.Restricted, Raw: "CIRCUIT_BREAK"}), "CIRCUIT_BREAK"},
		{"level", Japanese.Level(exchanges.Restricted), ja.Level(exchanges.Restricted)},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}

// ui's own rules (wallet and plan texts) are compiled on first use: a bad
// pattern must fail here, not in front of a user.
func TestUIRulesCompile(t *testing.T) {
	if n := ja.CompileRules(); n == 0 {
		t.Fatal("no rules")
	}
}
