package demo

import (
	"context"
	"testing"
	"time"

	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
)

func TestTimelinePlaysAndLoops(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC))
	steps := make(chan int, 64)
	d, err := StartWith(context.Background(), Options{Clock: clk, OnStep: func(i int, _ Step) { steps <- i }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	cfg := d.Config()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("demo config invalid: %v", err)
	}
	if len(cfg.Exchanges) != len(d.IDs()) || len(cfg.Connectivity.URLs) != 1 {
		t.Fatalf("config: %+v", cfg)
	}
	for _, e := range cfg.Exchanges {
		if e.API == "" || e.StatusPage == "" {
			t.Errorf("%s not pointed at its fake: %+v", e.ID, e)
		}
	}

	tl := d.Timeline()
	if len(tl) < 6 {
		t.Fatalf("%d steps", len(tl))
	}
	if i := <-steps; i != 0 {
		t.Fatalf("first step %d", i)
	}
	for i := 1; i < len(tl); i++ {
		clk.BlockUntil(1)
		clk.Advance(tl[i].At - tl[i-1].At)
		if got := <-steps; got != i {
			t.Fatalf("step %d, want %d", got, i)
		}
		if cur, s := d.Current(); cur != i || s.Title != tl[i].Title {
			t.Fatalf("Current %d %q", cur, s.Title)
		}
		checkState(t, d, tl[i].Title)
	}
	// The cycle loops back to healthy.
	clk.BlockUntil(1)
	clk.Advance(Cycle - tl[len(tl)-1].At)
	if got := <-steps; got != 0 {
		t.Fatalf("loop restarted at %d", got)
	}
	for _, id := range d.IDs() {
		if s, _ := d.Venue(id); s.State().Scenario != fakex.Healthy {
			t.Errorf("%s not healthy after the loop: %v", id, s.State().Scenario)
		}
	}
}

// checkState spot-checks the venues a step is about.
func checkState(t *testing.T, d *Demo, title string) {
	t.Helper()
	want := map[string]map[string]fakex.Scenario{
		"bitbank is busy":                                   {"bitbank": fakex.Busy},
		"bitbank halts trading on btc_jpy":                  {"bitbank": fakex.PairHalted},
		"Kraken announces maintenance starting in 1 minute": {"kraken": fakex.MaintenanceScheduled},
		"Coinbase reports an incident on its status page":   {"coinbase": fakex.Halted},
		"Kraken maintenance in progress":                    {"kraken": fakex.MaintenanceActive},
		"Everything recovers":                               {"bitbank": fakex.Healthy, "kraken": fakex.Healthy},
	}[title]
	for id, sc := range want {
		s, ok := d.Venue(id)
		if !ok {
			continue // that venue's fake has not landed yet
		}
		if got := s.State().Scenario; got != sc {
			t.Errorf("%s: %s is %s, want %s", title, id, got, sc)
		}
	}
}

func TestNoTimelineAndClose(t *testing.T) {
	d, err := StartWith(context.Background(), Options{NoTimeline: true})
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := d.Current(); cur != 0 {
		t.Fatal(cur)
	}
	d.Close()
	d.Close()
}

func TestContextEndsTimeline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	d, err := StartWith(ctx, Options{Clock: clock.NewFake(time.Unix(0, 0))})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	<-d.done
	d.Close()
}
