package notify

import (
	"context"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/demo"
	"safeharbor/watchers"
)

// TestDemoStoryAlerts plays the demo's timeline through the real alert
// policy with the demo's spacing: both outages are announced, and so are
// the recoveries, before the loop starts again. With the default two-minute
// spacing the recoveries came after the demo had restarted its story.
func TestDemoStoryAlerts(t *testing.T) {
	start := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	demoClk := clock.NewFake(start)
	steps := make(chan int, 64)
	d, err := demo.StartWith(context.Background(), demo.Options{Clock: demoClk, OnStep: func(i int, _ demo.Step) { steps <- i }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	disp, err := New(d.Config(), Options{Clock: clock.NewFake(start), Spacing: demo.AlertSpacing})
	if err != nil {
		t.Fatal(err)
	}
	p := disp.pol

	const detect = 4 * time.Second // the demo's 2 s interval and 2 failures
	var sent []alert
	cur := start
	tickUntil := func(end time.Time) { // as the Dispatcher's timer would
		for next := p.next(cur); !next.IsZero() && !next.After(end); next = p.next(cur) {
			if next.After(cur) {
				cur = next
			}
			sent = append(sent, p.tick(cur)...)
		}
		cur = end
	}
	previous := map[string]exchanges.Level{}
	tl := d.Timeline()
	<-steps
	for i := range tl {
		if i > 0 {
			demoClk.BlockUntil(1)
			demoClk.Advance(tl[i].At - tl[i-1].At)
			<-steps
		}
		now := start.Add(tl[i].At + detect)
		tickUntil(now)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		rep, err := watchers.CheckOnce(ctx, d.Config(), watchers.Options{QuickRecheck: 10 * time.Millisecond})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range rep.Verdicts {
			prev, seen := previous[v.ID]
			kind := watchers.Changed
			if seen && prev == v.Level {
				kind = watchers.Updated // e.g. a maintenance announced
			}
			previous[v.ID] = v.Level
			sent = append(sent, p.handle(watchers.Event{Kind: kind, Time: now, Verdict: v, Previous: prev, First: !seen}, now)...)
		}
	}
	tickUntil(start.Add(demo.Cycle))

	announced, recovered := map[string]time.Duration{}, map[string]time.Duration{}
	for _, a := range sent {
		m := render(a, "en", time.UTC)
		t.Logf("%s %s %q", a.at.Sub(start), m.Kind, m.Title)
		for _, x := range m.Details {
			if x.Level == exchanges.Outage {
				announced[x.Exchange] = a.at.Sub(start)
			}
			if x.Level == exchanges.Operational && x.Previous.Troubled() {
				recovered[x.Exchange] = a.at.Sub(start)
			}
		}
	}
	back := tl[len(tl)-1].At
	for _, id := range []string{"bitbank", "coinbase"} {
		if _, ok := announced[id]; !ok {
			t.Errorf("%s's outage was not announced", id)
		}
		if at, ok := recovered[id]; !ok || at < back || at > demo.Cycle {
			t.Errorf("%s's recovery announced at %v (announced: %t), want between the recovery step (%s) and the loop's end (%s)", id, at, ok, back, demo.Cycle)
		}
	}
}
