package ui

import (
	"testing"
)

// The incident timeline in Japanese: what SafeHarbor recorded (in English,
// as the history keeps it) reads in Japanese; the exchange's own incident
// report stays as it wrote it, with its state in Japanese.
func TestHistoryTimelineJapanese(t *testing.T) {
	e := newHistoryEnv(t, Japanese, testConfig("bitbank", "coincheck"), nil)
	e.must(
		"bitbank — 障害",
		"btc_jpy の取引が停止中",
		"• 取引所API：btc_jpy の状態（取引所の表示「HALT」）",
		"取引所の発表", "Trading halt on BTC/JPY（解決済み）", "Trading has resumed.",
	)
}
