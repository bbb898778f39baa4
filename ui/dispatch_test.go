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
	"safeharbor/internal/ja"
	"safeharbor/notify"
)

// TestDispatcherDeliversToDesktop wires the real notify.Dispatcher to the
// desktop channel the way run does, and checks an outage reaches the
// desktop as one notification through the bridge.
func TestDispatcherDeliversToDesktop(t *testing.T) {
	n := dispatchOutage(t, "en", "Trading halted on btc_jpy")
	if !strings.Contains(n.Title+n.Content, "bitbank") || !strings.Contains(n.Content, "Status: Trading halted on btc_jpy") {
		t.Fatalf("notification %+v", n)
	}
}

// TestDesktopNotificationsTranslatedOnce: in Japanese the desktop shows
// what notify worded, as it is: the engine's summary in Japanese, once,
// and not the English. The desktop channel itself words nothing; the
// stand-in alerter (basicAlerts, when notify cannot start) words it once
// too.
func TestDesktopNotificationsTranslatedOnce(t *testing.T) {
	const en = "API unreachable: connection refused"
	want := ja.Summary(exchanges.Outage, en) // API に接続できません（接続が拒否されました）
	n := dispatchOutage(t, "ja", en)
	if strings.Count(n.Content, want) != 1 || strings.Contains(n.Content, en) || !strings.Contains(n.Content, "状況: "+want) {
		t.Fatalf("notification %+v, want %q once", n, want)
	}

	a := test.NewTempApp(t)
	shown := make(chan *fyne.Notification, 4)
	b := &bridge{do: func(fn func()) { fn() }}
	desk := newDesktopChannel(recordingApp{a, shown}, b, true)
	m := notify.Message{Title: "タイトル", Body: "本文: " + want}
	if err := desk.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := <-shown; got.Title != m.Title || got.Content != m.Body {
		t.Fatalf("the desktop changed %+v into %+v", m, got)
	}

	alerts := newBasicAlerts(clock.NewFake(t0), Japanese, desk)
	alerts.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, en), exchanges.Operational, false))
	if got := <-shown; got.Content != "取引を一時停止してください。"+want {
		t.Fatalf("basic alert %q", got.Content)
	}
}

// dispatchOutage runs one outage of bitbank with summary through a
// Dispatcher in lang to the desktop, and returns what the desktop showed.
func dispatchOutage(t *testing.T, lang, summary string) *fyne.Notification {
	t.Helper()
	a := test.NewTempApp(t)
	clk := clock.NewFake(t0)
	shown := make(chan *fyne.Notification, 4)
	var mu sync.Mutex
	b := &bridge{do: func(fn func()) { mu.Lock(); defer mu.Unlock(); fn() }}
	desk := newDesktopChannel(recordingApp{a, shown}, b, true)
	cfg := testConfig("bitbank", "coincheck")
	d, err := notify.New(cfg, notify.Options{Clock: clk, Channels: []notify.Channel{desk}, Language: lang, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	sw := &alertSwitch{}
	ctx, cancel := context.WithCancel(context.Background())
	sw.set(ctx, d)
	defer func() { cancel(); sw.close() }()

	sw.Handle(change(verdict("bitbank", "bitbank", exchanges.Outage, t0, summary), exchanges.Operational, false))
	// Let the group window pass: the alert goes out once.
	for i := 0; i < 10 && len(shown) == 0; i++ {
		clk.BlockUntil(1)
		clk.Advance(cfg.Alerts.GroupWindow.Duration)
	}
	n := <-shown
	if len(shown) != 0 {
		t.Fatalf("more than one notification: %+v, %+v", n, <-shown)
	}
	return n
}

// recordingApp passes notifications to a channel.
type recordingApp struct {
	fyne.App
	shown chan *fyne.Notification
}

func (r recordingApp) SendNotification(n *fyne.Notification) { r.shown <- n }
