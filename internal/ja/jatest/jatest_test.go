package jatest

import (
	"strings"
	"testing"
)

// TestGuard: the guard flags English words, and lets through what a
// Japanese sentence may keep.
func TestGuard(t *testing.T) {
	c := New()
	c.Allow("XRP-USD")
	for _, tc := range []struct {
		ja   string
		want []string
	}{
		{"障害が発生しています（HTTP 503 from /v1/spot/status）", []string{"from"}},
		{"btc_jpy：取引停止（取引所の表示「HALT」）", nil},
		{"公式発表：「Trading halted on all markets」", nil},
		{"GMO Coin と bitFlyer で取引停止（BTC-USD、エラーコード ERR-5201）", nil},
		{"XRP-USD は取引制限中です", nil},
		{"XRP-EUR、sol_jpy、ETH/BTC は取引制限中です", nil}, // any pair's code, not only the defaults
		{"Non-Stop trading と Fast-Track", []string{"Non-Stop", "trading", "Fast-Track"}},
		{"[wallet] esplora を設定してください", nil},
		{"Matching engine on fire", []string{"Matching", "engine", "on", "fire"}},
	} {
		if got := c.English(tc.ja); strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: %v, want %v", tc.ja, got, tc.want)
		}
	}
}
