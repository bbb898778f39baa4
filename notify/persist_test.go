package notify

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
)

// Killed mid-outage and restarted: the outage already announced is not
// announced again, and the recovery still says how long it lasted.
func TestRestartMidOutageNoRepeat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	clk := clock.NewFake(t0)
	open := func() *history.Store {
		s, err := history.Open(path, history.Options{Clock: clk})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	store := open()
	ch1 := newFakeChannel("hook", nil)
	d1, err := New(alertsCfg(), Options{Clock: clk, Outbox: store, History: store, Channels: []Channel{ch1}})
	if err != nil {
		t.Fatal(err)
	}
	stop1 := start(t, d1)
	outage(d1, clk, "bitbank")
	if m := recv(t, ch1.got); m.Level != exchanges.Outage {
		t.Fatalf("first run: %+v", m)
	}
	stop1() // the process dies
	store.Close()

	store = open()
	defer store.Close()
	ch2 := newFakeChannel("hook", nil)
	d2, err := New(alertsCfg(), Options{Clock: clk, Outbox: store, History: store, Channels: []Channel{ch2}})
	if err != nil {
		t.Fatal(err)
	}
	if p := d2.Problems(); len(p) > 0 {
		t.Fatalf("problems: %v", p)
	}
	start(t, d2)
	// The restarted engine's first verdict: still down.
	d2.Handle(first("bitbank", clk.Now(), exchanges.Outage))
	clk.Advance(time.Minute)
	clk.Advance(10 * time.Minute)
	d2.Handle(ev("bitbank", clk.Now(), exchanges.Operational, exchanges.Outage))
	clk.Advance(time.Minute)
	m := recv(t, ch2.got) // FIFO: a repeated outage alert would come first
	if m.Kind != KindRecovery || !strings.Contains(m.Body, "after 11 min") {
		t.Fatalf("want the recovery (after 11 min) first, got %v %q %q", m.Kind, m.Title, m.Body)
	}
}
