// Package clock lets time-driven code (polling, stall detection, reminders,
// retries) run against the wall clock in production and a fake clock in
// tests, so tests are deterministic and never sleep.
package clock

import (
	"sort"
	"sync"
	"time"
)

// Clock is the time source every time-driven component takes.
type Clock interface {
	Now() time.Time
	// NewTimer returns a timer that fires once after d.
	NewTimer(d time.Duration) Timer
	// After is NewTimer(d).C() without the ability to stop.
	After(d time.Duration) <-chan time.Time
}

// Timer mirrors time.Timer.
type Timer interface {
	C() <-chan time.Time
	Stop() bool
	Reset(d time.Duration) bool
}

// Real is the wall clock.
type Real struct{}

func (Real) Now() time.Time                         { return time.Now() }
func (Real) After(d time.Duration) <-chan time.Time { return time.After(d) }
func (Real) NewTimer(d time.Duration) Timer         { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time        { return r.t.C }
func (r realTimer) Stop() bool                 { return r.t.Stop() }
func (r realTimer) Reset(d time.Duration) bool { return r.t.Reset(d) }

// Fake is a manually advanced clock for tests.
type Fake struct {
	mu      sync.Mutex
	now     time.Time
	timers  []*fakeTimer
	waiters []waiter
}

type waiter struct {
	n  int
	ch chan struct{}
}

// NewFake returns a fake clock set to start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *Fake) After(d time.Duration) <-chan time.Time { return f.NewTimer(d).C() }

func (f *Fake) NewTimer(d time.Duration) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{f: f, ch: make(chan time.Time, 1), at: f.now.Add(d), active: true}
	f.timers = append(f.timers, t)
	f.notifyWaiters()
	if d <= 0 {
		f.fireLocked(t)
	}
	return t
}

// Advance moves time forward by d, firing every timer that comes due, in order.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	end := f.now.Add(d)
	for {
		sort.Slice(f.timers, func(i, j int) bool { return f.timers[i].at.Before(f.timers[j].at) })
		var next *fakeTimer
		for _, t := range f.timers {
			if t.active && !t.at.After(end) {
				next = t
				break
			}
		}
		if next == nil {
			break
		}
		if next.at.After(f.now) {
			f.now = next.at
		}
		f.fireLocked(next)
	}
	f.now = end
	f.mu.Unlock()
}

// Set moves time to t (never backwards), firing due timers.
func (f *Fake) Set(t time.Time) {
	if d := t.Sub(f.Now()); d > 0 {
		f.Advance(d)
	}
}

// Timers returns the number of active timers.
func (f *Fake) Timers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.activeLocked()
}

// BlockUntil waits until at least n timers are active: the way a test knows
// that the code under test is now waiting on the clock.
func (f *Fake) BlockUntil(n int) {
	f.mu.Lock()
	if f.activeLocked() >= n {
		f.mu.Unlock()
		return
	}
	w := waiter{n: n, ch: make(chan struct{})}
	f.waiters = append(f.waiters, w)
	f.mu.Unlock()
	<-w.ch
}

func (f *Fake) activeLocked() int {
	n := 0
	for _, t := range f.timers {
		if t.active {
			n++
		}
	}
	return n
}

func (f *Fake) notifyWaiters() {
	active := f.activeLocked()
	kept := f.waiters[:0]
	for _, w := range f.waiters {
		if active >= w.n {
			close(w.ch)
		} else {
			kept = append(kept, w)
		}
	}
	f.waiters = kept
}

func (f *Fake) fireLocked(t *fakeTimer) {
	t.active = false
	select {
	case t.ch <- t.at:
	default:
	}
	f.compact()
}

func (f *Fake) compact() {
	kept := f.timers[:0]
	for _, t := range f.timers {
		if t.active {
			kept = append(kept, t)
		}
	}
	f.timers = kept
}

type fakeTimer struct {
	f      *Fake
	ch     chan time.Time
	at     time.Time
	active bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	was := t.active
	t.active = false
	t.f.compact()
	return was
}

func (t *fakeTimer) Reset(d time.Duration) bool {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	was := t.active
	t.at = t.f.now.Add(d)
	if !was {
		t.active = true
		t.f.timers = append(t.f.timers, t)
	}
	t.f.notifyWaiters()
	if d <= 0 {
		t.f.fireLocked(t)
	}
	return was
}
