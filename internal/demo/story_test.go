package demo

import (
	"context"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

// TestStoryVerdicts plays each step and checks the engine sees what the
// step's title promises, so the demo tells the story it claims to.
func TestStoryVerdicts(t *testing.T) {
	clk := clock.NewFake(time.Now())
	steps := make(chan int, 64)
	d, err := StartWith(context.Background(), Options{Clock: clk, OnStep: func(i int, _ Step) { steps <- i }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	want := []map[string]exchanges.Level{
		{"bitbank": exchanges.Operational, "kraken": exchanges.Operational, "coinbase": exchanges.Operational},
		{"bitbank": exchanges.Degraded},
		{"bitbank": exchanges.Outage},
		{"kraken": exchanges.Operational},
		{"coinbase": exchanges.Outage, "bitbank": exchanges.Outage},
		{"kraken": exchanges.Maintenance},
		{"bitbank": exchanges.Operational, "kraken": exchanges.Operational, "coinbase": exchanges.Operational},
	}
	tl := d.Timeline()
	if len(tl) != len(want) {
		t.Fatalf("timeline has %d steps, test knows %d", len(tl), len(want))
	}
	<-steps
	for i := range tl {
		if i > 0 {
			clk.BlockUntil(1)
			clk.Advance(tl[i].At - tl[i-1].At)
			<-steps
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		rep, err := watchers.CheckOnce(ctx, d.Config(), watchers.Options{QuickRecheck: 10 * time.Millisecond})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]watchers.Verdict{}
		for _, v := range rep.Verdicts {
			got[v.ID] = v
		}
		for id, lvl := range want[i] {
			v, ok := got[id]
			if !ok {
				continue // venue not built in yet
			}
			if v.Level != lvl {
				t.Errorf("step %d %q: %s is %s (%s), want %s", i+1, tl[i].Title, id, v.Level, v.Summary, lvl)
			}
		}
		if i == 3 {
			if v, ok := got["kraken"]; ok && len(v.Maintenance) == 0 {
				t.Errorf("announced Kraken maintenance not in the verdict: %+v", v)
			}
		}
	}
}
