package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"safeharbor/internal/clock"
	"safeharbor/notify"
)

// bridge is the only place background goroutines reach Fyne: every fyne.Do
// in the package is here. It owns its goroutines; Stop ends and waits for them.
type bridge struct {
	do     func(func()) // fyne.Do; tests may swap in a recorder
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// closed is set when the window has gone: Fyne then runs fyne.Do on the
	// caller's goroutine, so late callbacks are dropped instead.
	closed atomic.Bool
}

func newBridge() *bridge { return &bridge{do: fyne.Do} }

// start pumps engine events to the alerter (here, off the Fyne goroutine)
// and to the UI (through fyne.Do), and ticks relative times every period.
func (b *bridge) start(ctx context.Context, src Source, u *UI, alerts Alerter, clk clock.Clock, period time.Duration) {
	ctx, b.cancel = context.WithCancel(ctx)
	events, unsubscribe := src.Subscribe()
	// Subscribed first, so nothing falls between the snapshot and the stream.
	known := src.Verdicts()
	b.onUI(func() { u.Seed(known) })
	b.wg.Add(2)
	go func() {
		defer b.wg.Done()
		defer unsubscribe()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				if alerts != nil {
					alerts.Handle(ev)
				}
				b.onUI(func() { u.Handle(ev) })
			}
		}
	}()
	go func() {
		defer b.wg.Done()
		t := clk.NewTimer(period)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C():
				b.onUI(u.Tick)
				t.Reset(period)
			}
		}
	}()
}

// close drops every later callback; call it as soon as the app loop ends.
func (b *bridge) close() { b.closed.Store(true) }

// stop ends the goroutines and waits. Never call it from inside b.do's
// callback path while the Fyne loop is blocked on us.
func (b *bridge) stop() {
	if b.cancel != nil {
		b.cancel()
	}
	b.wg.Wait()
}

// notify shows a desktop notification on the Fyne goroutine.
func (b *bridge) notify(a fyne.App, m notify.Message) {
	b.onUI(func() { a.SendNotification(fyne.NewNotification(m.Title, m.Body)) })
}

// onUI runs fn on the Fyne goroutine (for hooks called from elsewhere, such as the demo).
func (b *bridge) onUI(fn func()) {
	if b.closed.Load() {
		return
	}
	b.do(fn)
}
