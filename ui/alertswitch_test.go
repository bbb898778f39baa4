package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"safeharbor/exchanges"
)

type loopAlerts struct {
	recordAlerts
	mu      sync.Mutex
	snoozed time.Time
	running chan struct{}
	stopped chan struct{}
}

func newLoopAlerts() *loopAlerts {
	return &loopAlerts{running: make(chan struct{}), stopped: make(chan struct{})}
}

func (l *loopAlerts) Snooze(t time.Time) { l.mu.Lock(); l.snoozed = t; l.mu.Unlock() }
func (l *loopAlerts) Run(ctx context.Context) error {
	close(l.running)
	<-ctx.Done()
	close(l.stopped)
	return nil
}

func TestAlertSwitchReplaysAndSwaps(t *testing.T) {
	s := &alertSwitch{}
	ev := change(verdict("bitbank", "bitbank", exchanges.Outage, t0, ""), exchanges.Operational, false)
	s.Handle(ev) // before any alerter: kept
	s.Snooze(t0.Add(time.Hour))
	first := newLoopAlerts()
	s.set(context.Background(), first)
	<-first.running
	if len(first.evs) != 1 || !first.snoozed.Equal(t0.Add(time.Hour)) {
		t.Fatalf("not replayed: %d events, snooze %v", len(first.evs), first.snoozed)
	}
	second := newLoopAlerts()
	s.set(context.Background(), second)
	<-first.stopped // the old loop was stopped and waited for
	s.Handle(ev)
	if len(second.evs) != 1 || len(first.evs) != 1 {
		t.Fatalf("events went to the wrong alerter: %d %d", len(first.evs), len(second.evs))
	}
	s.close()
	<-second.stopped
	s.Handle(ev) // after close: dropped, no panic
	third := newLoopAlerts()
	s.set(context.Background(), third) // after close: started and stopped at once
	<-third.stopped
}
