package watchers

import "sync"

// maxQueued bounds a subscriber's queue of undelivered Changed events; it
// is only reached by a subscriber that stopped reading for a very long time.
const maxQueued = 4096

// subscriber owns one Subscribe channel. Events queue here so a slow
// reader never blocks the engine; a newer event for an exchange supersedes
// its queued Updated events, and Changed events are never dropped below
// maxQueued.
type subscriber struct {
	mu   sync.Mutex
	q    []Event
	wake chan struct{}
	ch   chan Event
	done chan struct{}
	gone chan struct{}
	logf func(string, ...any)
}

func newSubscriber(logf func(string, ...any)) *subscriber {
	s := &subscriber{wake: make(chan struct{}, 1), ch: make(chan Event), done: make(chan struct{}), gone: make(chan struct{}), logf: logf}
	go s.pump()
	return s
}

func (s *subscriber) push(ev Event) {
	s.mu.Lock()
	kept := s.q[:0]
	for _, q := range s.q {
		if q.Kind == Updated && q.Verdict.ID == ev.Verdict.ID {
			continue // superseded by ev, which carries the newer details
		}
		kept = append(kept, q)
	}
	s.q = append(kept, ev)
	if len(s.q) > maxQueued {
		s.logf("watchers: subscriber not reading; dropped %d old events", len(s.q)-maxQueued)
		s.q = append(s.q[:0:0], s.q[len(s.q)-maxQueued:]...)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// pump delivers queued events in order until the subscription is cancelled.
func (s *subscriber) pump() {
	defer close(s.gone)
	defer close(s.ch)
	for {
		s.mu.Lock()
		if len(s.q) == 0 {
			s.mu.Unlock()
			select {
			case <-s.wake:
				continue
			case <-s.done:
				return
			}
		}
		ev := s.q[0]
		s.q[0] = Event{}
		s.q = s.q[1:]
		s.mu.Unlock()
		select {
		case s.ch <- ev:
		case <-s.done:
			return
		}
	}
}

// Subscribe returns a channel that receives every event in order, and a
// cancel func that unsubscribes and closes the channel. A subscriber that
// reads slowly never blocks the engine.
func (e *Engine) Subscribe() (<-chan Event, func()) {
	s := newSubscriber(e.opt.Logf)
	e.mu.Lock()
	e.subs[s] = struct{}{}
	e.mu.Unlock()
	var once sync.Once
	return s.ch, func() {
		once.Do(func() {
			e.mu.Lock()
			delete(e.subs, s)
			e.mu.Unlock()
			close(s.done)
			<-s.gone
		})
	}
}

// emitLocked hands ev to every subscriber; e.mu is held.
func (e *Engine) emitLocked(ev Event) {
	for s := range e.subs {
		s.push(ev)
	}
}
