package notify

import (
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
)

// A settings change builds a new Dispatcher: the outage in progress must
// carry over, so recovery still says how long it lasted and nothing is
// announced twice.
func TestInheritKeepsOutageInProgress(t *testing.T) {
	clk := clock.NewFake(t0)
	ch1 := newFakeChannel("desk", nil)
	d1, err := New(alertsCfg(), Options{Clock: clk, Channels: []Channel{ch1}})
	if err != nil {
		t.Fatal(err)
	}
	stop1 := start(t, d1)
	outage(d1, clk, "bitbank")
	if m := recv(t, ch1.got); m.Kind != KindChange || m.Level != exchanges.Outage {
		t.Fatalf("first alert %+v", m)
	}

	ch2 := newFakeChannel("desk", nil)
	d2, err := New(alertsCfg(), Options{Clock: clk, Channels: []Channel{ch2}})
	if err != nil {
		t.Fatal(err)
	}
	d2.Inherit(d1)
	stop1()
	start(t, d2)

	clk.Advance(10 * time.Minute)
	d2.Handle(ev("bitbank", clk.Now(), exchanges.Operational, exchanges.Outage))
	clk.Advance(time.Minute)
	m := recv(t, ch2.got)
	if m.Kind != KindRecovery || !strings.Contains(m.Body, "after 10 min") {
		t.Fatalf("want a recovery naming the ~10 min outage, got %v %q %q", m.Kind, m.Title, m.Body)
	}
}
