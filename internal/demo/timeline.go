package demo

import (
	"time"

	"safeharbor/internal/fakex"
)

// timeline is the scripted outage story, about two and a half minutes a
// cycle. Offsets leave each state on screen for a few poll intervals.
func (d *Demo) timeline() []Step {
	healthy := func(st *fakex.State) { *st = fakex.State{Scenario: fakex.Healthy} }
	return []Step{
		{At: 0, Title: "All exchanges operating normally", TitleJA: "全取引所が正常に稼働中",
			apply: func(d *Demo, _ time.Time) {
				for _, id := range d.ids {
					d.set(id, healthy)
				}
			}},
		{At: 15 * time.Second, Title: "bitbank is busy", TitleJA: "bitbank が混雑",
			apply: func(d *Demo, _ time.Time) {
				d.set("bitbank", func(st *fakex.State) { st.Scenario = fakex.Busy })
			}},
		{At: 30 * time.Second, Title: "bitbank halts trading on btc_jpy", TitleJA: "bitbank が btc_jpy の取引を停止",
			apply: func(d *Demo, _ time.Time) {
				d.set("bitbank", func(st *fakex.State) { st.Scenario, st.Pairs = fakex.PairHalted, []string{"btc_jpy"} })
			}},
		{At: 45 * time.Second, Title: "Kraken announces maintenance starting in 1 minute", TitleJA: "Kraken が1分後からのメンテナンスを告知",
			apply: func(d *Demo, now time.Time) {
				d.set("kraken", func(st *fakex.State) {
					st.Scenario = fakex.MaintenanceScheduled
					st.MaintStart, st.MaintEnd = now.Add(time.Minute), now.Add(11*time.Minute) // planned 10 min; the story recovers early
				})
			}},
		{At: 65 * time.Second, Title: "Coinbase reports an incident on its status page", TitleJA: "Coinbase がステータスページで障害を報告",
			apply: func(d *Demo, _ time.Time) {
				d.set("coinbase", func(st *fakex.State) { st.Scenario = fakex.Halted })
			}},
		{At: 105 * time.Second, Title: "Kraken maintenance in progress", TitleJA: "Kraken がメンテナンス中",
			apply: func(d *Demo, _ time.Time) {
				d.set("kraken", func(st *fakex.State) { st.Scenario = fakex.MaintenanceActive })
			}},
		{At: 125 * time.Second, Title: "Everything recovers", TitleJA: "すべて復旧",
			apply: func(d *Demo, _ time.Time) {
				for _, id := range d.ids {
					d.set(id, healthy)
				}
			}},
	}
}
