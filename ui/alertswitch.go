package ui

import (
	"context"
	"sync"
	"time"

	"safeharbor/watchers"
)

// runAlerter is an Alerter with its own loop (notify's Dispatcher).
type runAlerter interface {
	Alerter
	Run(ctx context.Context) error
}

// alertSwitch forwards to the current alerter and can swap it when the
// settings change (the Dispatcher takes language and channels at New). It
// owns each alerter's Run goroutine. Events that arrive before the first
// alerter is ready (building it may wait on the keyring) are kept, bounded,
// and replayed.
type alertSwitch struct {
	mu      sync.Mutex
	cur     Alerter
	stopCur func()
	pending []watchers.Event
	snooze  time.Time
	closed  bool
}

const maxPending = 256

// Handle implements Alerter.
func (s *alertSwitch) Handle(ev watchers.Event) {
	s.mu.Lock()
	cur := s.cur
	if cur == nil {
		if !s.closed && len(s.pending) < maxPending {
			s.pending = append(s.pending, ev)
		}
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	cur.Handle(ev)
}

// Snooze implements Alerter; it carries over to the next alerter.
func (s *alertSwitch) Snooze(until time.Time) {
	s.mu.Lock()
	s.snooze = until
	cur := s.cur
	s.mu.Unlock()
	if cur != nil {
		cur.Snooze(until)
	}
}

// set makes a the current alerter, starting its loop if it has one and
// stopping (and waiting for) the previous one.
func (s *alertSwitch) set(ctx context.Context, a Alerter) {
	var stop func()
	if r, ok := a.(runAlerter); ok {
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); _ = r.Run(ctx) }()
		stop = func() { cancel(); <-done }
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		if stop != nil {
			stop()
		}
		return
	}
	old, oldStop := s.cur, s.stopCur
	s.cur, s.stopCur = a, stop
	pending := s.pending
	s.pending = nil
	snooze := s.snooze
	s.mu.Unlock()
	_ = old
	if oldStop != nil {
		oldStop()
	}
	if !snooze.IsZero() {
		a.Snooze(snooze)
	}
	for _, ev := range pending {
		a.Handle(ev)
	}
}

// close stops the current alerter's loop and waits for it.
func (s *alertSwitch) close() {
	s.mu.Lock()
	s.closed = true
	stop := s.stopCur
	s.cur, s.stopCur, s.pending = nil, nil, nil
	s.mu.Unlock()
	if stop != nil {
		stop()
	}
}
