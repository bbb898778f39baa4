package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/notify"
)

// TestDispatcherDeliversToDesktop wires the real notify.Dispatcher to the
// desktop channel the way run does, and checks an outage reaches the
// desktop as one notification through the bridge.
func TestDispatcherDeliversToDesktop(t *testing.T) {
	a := test.NewTempApp(t)
	clk := clock.NewFake(t0)
	shown := make(chan *fyne.Notification, 4)
	var mu sync.Mutex
	b := &bridge{do: func(fn func()) { mu.Lock(); defer mu.Unlock(); fn() }}
	desk := newDesktopChannel(recordingApp{a, shown}, b, true)
	cfg := testConfig("bitbank", "coincheck")
	d, err := notify.New(cfg, notify.Options{Clock: clk, Channels: []notify.Channel{desk}, Language: "en", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	sw := &alertSwitch{}
	ctx, cancel := context.WithCancel(context.Background())
	sw.set(ctx, d)
	defer func() { cancel(); sw.close() }()

	sw.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading halted on btc_jpy"), exchanges.Operational, false))
	// Let the group window pass: the alert goes out once.
	for i := 0; i < 10 && len(shown) == 0; i++ {
		clk.BlockUntil(1)
		clk.Advance(cfg.Alerts.GroupWindow.Duration)
	}
	n := <-shown
	if !strings.Contains(n.Title+n.Content, "bitbank") {
		t.Fatalf("notification %+v", n)
	}
}

// recordingApp passes notifications to a channel.
type recordingApp struct {
	fyne.App
	shown chan *fyne.Notification
}

func (r recordingApp) SendNotification(n *fyne.Notification) { r.shown <- n }
