package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/notify"
	"safeharbor/watchers"
)

// basicAlerts is a deliberately small stand-in for notify's Dispatcher
// (which owns grouping, reminders, quiet hours and acknowledge): it turns
// level changes that matter into desktop messages, words recoveries with
// the outage's duration, honours snooze, and damps flapping.
type basicAlerts struct {
	mu      sync.Mutex
	clk     clock.Clock
	lang    Lang
	ch      notify.Channel
	snooze  time.Time
	since   map[string]time.Time // when each exchange's troubled spell began
	last    map[string]sent      // last troubled alert per exchange, to damp flapping
	quiet   map[string]bool      // a damped spell: its recovery is not news either
	flapGap time.Duration
}

type sent struct {
	level exchanges.Level
	at    time.Time
}

func newBasicAlerts(clk clock.Clock, lang Lang, ch notify.Channel) *basicAlerts {
	return &basicAlerts{clk: clk, lang: lang, ch: ch, since: map[string]time.Time{}, last: map[string]sent{}, quiet: map[string]bool{}, flapGap: 5 * time.Minute}
}

func (a *basicAlerts) SetLang(l Lang) {
	a.mu.Lock()
	a.lang = l
	a.mu.Unlock()
}

// Snooze implements Alerter.
func (a *basicAlerts) Snooze(until time.Time) {
	a.mu.Lock()
	a.snooze = until
	a.mu.Unlock()
}

// Handle implements Alerter.
func (a *basicAlerts) Handle(ev watchers.Event) {
	if ev.Kind != watchers.Changed {
		return
	}
	m, ok := a.message(ev)
	if !ok {
		return
	}
	// Send outside the lock: the channel may take its time.
	_ = a.ch.Send(context.Background(), m)
}

func (a *basicAlerts) message(ev watchers.Event) (notify.Message, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	v := ev.Verdict
	now := ev.Time
	if now.IsZero() {
		now = a.clk.Now()
	}
	prev := ev.Previous
	if ev.First {
		prev = exchanges.Unknown
	}
	var m notify.Message
	switch {
	case v.Level.Troubled():
		if _, ok := a.since[v.ID]; !ok {
			a.since[v.ID] = v.Since
			if a.since[v.ID].IsZero() {
				a.since[v.ID] = now
			}
		}
		// Flapping: the same trouble again within minutes is already known.
		if last, ok := a.last[v.ID]; ok && last.level == v.Level && now.Sub(last.at) < a.flapGap {
			a.quiet[v.ID] = true
			return m, false
		}
		a.last[v.ID] = sent{v.Level, now}
		delete(a.quiet, v.ID)
		m = notify.Message{Kind: notify.KindChange,
			Title: a.lang.T("note.change.title", v.Name, a.lang.Level(v.Level)),
			Body:  a.lang.T("note.pause", a.lang.summary(v.Level, v.Summary))}
	case prev.Troubled() && v.Level == exchanges.Operational:
		start, ok := a.since[v.ID]
		delete(a.since, v.ID)
		if !ok || a.quiet[v.ID] {
			delete(a.quiet, v.ID)
			return m, false
		}
		m = notify.Message{Kind: notify.KindRecovery,
			Title: a.lang.T("note.recovered.title", v.Name),
			Body:  a.lang.T("note.recovered", v.Name, a.lang.Span(now.Sub(start)))}
	default:
		return m, false // degraded, unknown (offline), first "all fine": not worth a popup
	}
	if now.Before(a.snooze) {
		return m, false
	}
	m.ID = fmt.Sprintf("%s-%s-%d", v.ID, v.Level, now.Unix())
	m.Time = now
	m.Level = v.Level
	m.Exchanges = []string{v.ID}
	m.URL = v.Links.Status
	return m, true
}
