package notify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"safeharbor/exchanges"
	"safeharbor/watchers"
)

// overrunGrace is how long past an announced end a maintenance may run
// before we call it an overrun: status pages often lag by a few minutes.
const overrunGrace = 5 * time.Minute

// policy decides what is worth telling. It is a plain state machine: the
// Dispatcher feeds it events and clock ticks under its lock, and asks when
// to wake it next. Nothing here blocks or sends.
//
// Rules:
//   - A change alerts when the alert level moves: into or out of degraded,
//     restricted, maintenance or outage. Unknown never alerts and keeps the
//     last alert level (we may be offline). Channels filter by min_level.
//   - Changes are held for the group window; every exchange that changed
//     within it goes in one message. A level that returns to the alerted one
//     within the window cancels (flapping).
//   - Per exchange, a non-escalating change (improvement or recovery) waits
//     at least the minimum spacing after the last alert.
//   - Reminders repeat every reminder interval while an exchange stays
//     troubled, until it recovers or the user acknowledges.
//   - Quiet hours let through only alerts that involve an outage.
//   - Snooze silences every channel, desktop and remote, except a new outage.
//   - First verdicts (after start) alert only when already troubled.
type policy struct {
	group, reminder, prewarn, spacing time.Duration
	quiet                             *quietHours
	loc                               *time.Location

	ex       map[string]*exState
	deadline time.Time // group flush; zero when nothing pending
	snooze   time.Time
	cal      *Calendar
	seq      int
}

type exState struct {
	id, name  string
	verdict   watchers.Verdict
	level     exchanges.Level // last known level other than unknown
	changedAt time.Time       // when level was entered
	pending   bool            // a change waits in the group buffer
	alerted   exchanges.Level // last level we told about
	trouble   time.Time       // start of the current troubled period (zero: none)
	worst     exchanges.Level
	lastSent  time.Time
	acked     bool
	nextRem   time.Time
	window    *exchanges.MaintenanceWindow // announced window the maintenance is in
	overrun   bool
}

func (p *policy) state(v watchers.Verdict) *exState {
	st := p.ex[v.ID]
	if st == nil {
		st = &exState{id: v.ID}
		p.ex[v.ID] = st
	}
	st.name = v.Name
	if st.name == "" {
		st.name = v.ID
	}
	st.verdict = v
	return st
}

// handle takes one engine event and returns alerts due now.
func (p *policy) handle(ev watchers.Event, now time.Time) []alert {
	v := ev.Verdict
	if v.ID == "" {
		return nil
	}
	st := p.state(v)
	p.cal.Update(v.ID, st.name, v.Maintenance)
	if ev.Kind != watchers.Changed || v.Level == exchanges.Unknown {
		return p.tick(now)
	}
	first := ev.First && st.changedAt.IsZero()
	st.level, st.changedAt = v.Level, ev.Time
	if first && !v.Level.Troubled() {
		st.alerted = v.Level // nothing to say about a calm start
		return p.tick(now)
	}
	if first {
		st.alerted = exchanges.Operational
	}
	switch {
	case v.Level != st.alerted && !st.pending:
		st.pending = true
		if p.deadline.IsZero() {
			p.deadline = now.Add(p.group)
		}
	case v.Level == st.alerted && st.pending:
		st.pending = false // it came back within the window: flapping, say nothing
	}
	return p.tick(now)
}

// escalation: the pending change is to a worse troubled level than alerted.
func (st *exState) escalation() bool {
	return st.level.Troubled() && st.level.Worse(st.alerted)
}

// tick returns every alert due at now.
func (p *policy) tick(now time.Time) []alert {
	var out []alert
	if !p.deadline.IsZero() && !now.Before(p.deadline) {
		if a, ok := p.flush(now); ok {
			out = append(out, a)
		}
	}
	out = append(out, p.reminders(now)...)
	out = append(out, p.calendarAlerts(now)...)
	kept := out[:0]
	for _, a := range out {
		if p.allowed(a, now) {
			kept = append(kept, a)
		}
	}
	return kept
}

func (p *policy) ids() []string {
	ids := make([]string, 0, len(p.ex))
	for id := range p.ex {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (p *policy) flush(now time.Time) (alert, bool) {
	p.deadline = time.Time{}
	var items []item
	for _, id := range p.ids() {
		st := p.ex[id]
		if !st.pending {
			continue
		}
		if hold := st.lastSent.Add(p.spacing); !st.lastSent.IsZero() && now.Before(hold) && !st.escalation() {
			if p.deadline.IsZero() || hold.Before(p.deadline) {
				p.deadline = hold
			}
			continue
		}
		st.pending = false
		if it, ok := p.transition(st, now); ok {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return alert{}, false
	}
	a := alert{kind: KindGroup, at: now, items: items}
	if len(items) == 1 {
		a.kind = KindChange
		if items[0].recovery() {
			a.kind = KindRecovery
		}
	}
	a.id = p.newID(a.kind, items, now)
	return a, true
}

// transition moves an exchange's alert level to its current level and
// describes the move.
func (p *policy) transition(st *exState, now time.Time) (item, bool) {
	l, prev := st.level, st.alerted
	if l == prev {
		return item{}, false
	}
	it := item{Detail: p.detail(st), newOne: true, pairs: st.verdict.Pairs}
	it.Previous = prev
	st.alerted, st.lastSent = l, now
	switch {
	case l.Troubled() && !prev.Troubled():
		st.trouble, st.worst, st.acked, st.overrun = st.changedAt, l, false, false
		st.nextRem = p.remindAt(now)
	case l.Troubled():
		if l.Worse(st.worst) {
			st.worst = l
		}
	case prev.Troubled():
		// Recovery (to operational or just degraded): say how long it lasted.
		it.Duration = st.changedAt.Sub(st.trouble)
		if it.Duration <= 0 {
			it.Duration = time.Second
		}
		it.Level = l
		it.Previous = st.worst
		st.trouble, st.window, st.nextRem = time.Time{}, nil, time.Time{}
		return it, true
	case prev == exchanges.Degraded && l == exchanges.Operational:
		it.Previous = exchanges.Degraded // a recovery from slowness: filtered like degraded
	}
	if l == exchanges.Maintenance {
		if w := p.cal.activeWindow(st.id, st.changedAt); w != nil {
			st.window, it.calm, it.Window = w, true, w
		}
	} else {
		st.window = nil
	}
	return it, true
}

func (p *policy) remindAt(now time.Time) time.Time {
	if p.reminder <= 0 {
		return time.Time{}
	}
	return now.Add(p.reminder)
}

func (p *policy) detail(st *exState) Detail {
	v := st.verdict
	d := Detail{Exchange: st.id, Name: st.name, Level: st.level, Summary: v.Summary, Reasons: v.Reasons, Since: st.changedAt}
	d.Link = v.Links.Status
	if d.Link == "" {
		d.Link = v.Links.Notices
	}
	for _, ps := range v.Pairs {
		if ps.Level != exchanges.Operational {
			d.Pairs = append(d.Pairs, ps.Pair)
		}
	}
	return d
}

func (p *policy) reminders(now time.Time) []alert {
	var out []alert
	for _, id := range p.ids() {
		st := p.ex[id]
		if st.nextRem.IsZero() || now.Before(st.nextRem) || st.acked || !st.alerted.Troubled() {
			continue
		}
		// Calm, announced maintenance needs no nagging until it overruns.
		if st.window != nil && st.alerted == exchanges.Maintenance {
			st.nextRem = now.Add(p.reminder)
			continue
		}
		it := item{Detail: p.detail(st), reminder: now.Sub(st.trouble), pairs: st.verdict.Pairs}
		it.Level = st.alerted
		for !st.nextRem.After(now) {
			st.nextRem = st.nextRem.Add(p.reminder)
		}
		a := alert{kind: KindReminder, at: now, items: []item{it}}
		a.id = p.newID(a.kind, a.items, now)
		out = append(out, a)
	}
	return out
}

func (p *policy) calendarAlerts(now time.Time) []alert {
	var out []alert
	for _, e := range p.cal.dueWarnings(now, p.prewarn) {
		w := e.Window
		it := item{Detail: Detail{Exchange: e.Exchange, Name: e.Name, Level: exchanges.Maintenance, Window: &w, Link: w.URL}, lead: e.StartsIn}
		if st := p.ex[e.Exchange]; st != nil && it.Link == "" {
			it.Link = st.verdict.Links.Status
		}
		a := alert{kind: KindPreWarning, at: now, items: []item{it}}
		a.id = fmt.Sprintf("pre|%s|%d", e.Exchange, w.Start.UnixNano())
		out = append(out, a)
	}
	for _, id := range p.ids() {
		st := p.ex[id]
		if st.window == nil || st.overrun || st.alerted != exchanges.Maintenance || st.window.End.IsZero() || now.Before(st.window.End.Add(overrunGrace)) {
			continue
		}
		st.overrun = true
		st.nextRem = p.remindAt(now) // from now on it is trouble worth reminding about
		w := *st.window
		st.window = nil
		it := item{Detail: p.detail(st), newOne: true, pairs: st.verdict.Pairs}
		it.Window = &w
		a := alert{kind: KindOverrun, at: now, items: []item{it}}
		a.id = fmt.Sprintf("overrun|%s|%d", id, w.End.UnixNano())
		out = append(out, a)
	}
	return out
}

// allowed applies quiet hours and snooze.
func (p *policy) allowed(a alert, now time.Time) bool {
	newOutage, outage := false, false
	for _, it := range a.items {
		if it.Level == exchanges.Outage && it.Duration == 0 {
			outage = true
			if it.newOne {
				newOutage = true
			}
		}
	}
	if now.Before(p.snooze) && !newOutage {
		return false
	}
	if p.quiet != nil && p.quiet.contains(now.In(p.loc)) && !outage {
		return false
	}
	return true
}

// next is when the policy wants to be ticked (zero: not until an event).
func (p *policy) next(now time.Time) time.Time {
	t := p.deadline
	earlier := func(u time.Time) {
		if !u.IsZero() && (t.IsZero() || u.Before(t)) {
			t = u
		}
	}
	for _, st := range p.ex {
		if !st.acked && st.alerted.Troubled() {
			earlier(st.nextRem)
		}
		if st.window != nil && !st.overrun && st.alerted == exchanges.Maintenance && !st.window.End.IsZero() {
			earlier(st.window.End.Add(overrunGrace))
		}
	}
	earlier(p.cal.nextWarning(now, p.prewarn))
	return t
}

func (p *policy) acknowledge(id string) {
	if st := p.ex[id]; st != nil && st.alerted.Troubled() {
		st.acked = true
	}
}

func (p *policy) newID(k Kind, items []item, now time.Time) string {
	p.seq++
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Exchange
	}
	return fmt.Sprintf("%s|%s|%d.%d", k, strings.Join(ids, ","), now.UnixNano(), p.seq)
}

// quietHours is a daily local-time range; it may wrap midnight.
type quietHours struct{ from, to int } // minutes after midnight

func parseQuietHours(s string) (*quietHours, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return nil, fmt.Errorf("quiet_hours %q: want \"HH:MM-HH:MM\"", s)
	}
	from, err1 := parseClock(a)
	to, err2 := parseClock(b)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("quiet_hours %q: want \"HH:MM-HH:MM\" (24-hour)", s)
	}
	if from == to {
		return nil, fmt.Errorf("quiet_hours %q: start and end are the same", s)
	}
	return &quietHours{from, to}, nil
}

func parseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

func (q *quietHours) contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	if q.from < q.to {
		return m >= q.from && m < q.to
	}
	return m >= q.from || m < q.to
}
