package notify

import (
	"slices"
	"strings"
	"sync"
	"time"

	"safeharbor/exchanges"
)

// Entry is one announced maintenance window in the calendar.
type Entry struct {
	Exchange string                      `json:"exchange"`
	Name     string                      `json:"name"`
	Window   exchanges.MaintenanceWindow `json:"window"`
	Active   bool                        `json:"active"`    // in progress now
	StartsIn time.Duration               `json:"starts_in"` // countdown; 0 when active
}

// Calendar collects the maintenance windows of every exchange into one
// deduplicated list. Two sources announcing the same window (same exchange,
// start and end within sameWindow of each other) are one entry. It is safe
// for concurrent use.
type Calendar struct {
	mu      sync.Mutex
	entries map[calKey]*calEntry
}

// sameWindow is how far apart two sources may put the same window's start
// and end: they differ in precision (Kraken's API gives whole seconds, its
// status page milliseconds; some pages whole minutes).
const sameWindow = time.Minute

type calKey struct {
	exchange   string
	start, end int64
}

type calEntry struct {
	Entry
	warned  bool // pre-warning raised
	overrun bool // overrun alert raised
}

// NewCalendar returns an empty calendar.
func NewCalendar() *Calendar { return &Calendar{entries: map[calKey]*calEntry{}} }

// Update replaces one exchange's windows with those of its latest verdict,
// keeping what was already announced about windows that remain.
func (c *Calendar) Update(exchange, name string, windows []exchanges.MaintenanceWindow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[calKey]bool{}
	for _, w := range windows {
		if w.Start.IsZero() {
			continue
		}
		k := calKey{exchange, w.Start.UnixNano(), w.End.UnixNano()}
		if w.End.IsZero() {
			k.end = 0
		}
		if _, ok := c.entries[k]; !ok {
			k = c.near(k)
		}
		seen[k] = true
		if e, ok := c.entries[k]; ok {
			if e.Window.Title == "" || (e.Window.URL == "" && w.URL != "") {
				e.Window = w
			}
			e.Name = name
			continue
		}
		c.entries[k] = &calEntry{Entry: Entry{Exchange: exchange, Name: name, Window: w}}
	}
	for k := range c.entries {
		if k.exchange == exchange && !seen[k] {
			delete(c.entries, k)
		}
	}
}

// near is the key of an entry announcing the same window as k, else k.
func (c *Calendar) near(k calKey) calKey {
	within := func(a, b int64) bool { return time.Duration(max(a-b, b-a)) <= sameWindow }
	for e := range c.entries {
		if e.exchange == k.exchange && within(e.start, k.start) && (e.end == 0) == (k.end == 0) && within(e.end, k.end) {
			return e
		}
	}
	return k
}

// Upcoming lists windows that have not ended, soonest first, with countdowns.
func (c *Calendar) Upcoming(now time.Time) []Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Entry
	for _, e := range c.entries {
		w := e.Window
		if !w.End.IsZero() && !now.Before(w.End) {
			continue
		}
		en := e.Entry
		en.Active = w.Active(now)
		if !en.Active {
			en.StartsIn = w.Start.Sub(now)
		}
		out = append(out, en)
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if d := a.Window.Start.Compare(b.Window.Start); d != 0 {
			return d
		}
		return strings.Compare(a.Exchange, b.Exchange)
	})
	return out
}

// activeWindow is the announced window covering now for an exchange.
func (c *Calendar) activeWindow(exchange string, now time.Time) *exchanges.MaintenanceWindow {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.Exchange == exchange && e.Window.Active(now) {
			w := e.Window
			return &w
		}
	}
	return nil
}

// dueWarnings marks and returns the windows whose pre-warning is due:
// starting within lead and not yet started. A window first seen inside the
// lead time is warned at once.
func (c *Calendar) dueWarnings(now time.Time, lead time.Duration) []Entry {
	if lead <= 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Entry
	for _, e := range c.entries {
		if e.warned || !now.Before(e.Window.Start) || now.Before(e.Window.Start.Add(-lead)) {
			continue
		}
		e.warned = true
		en := e.Entry
		en.StartsIn = e.Window.Start.Sub(now)
		out = append(out, en)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Exchange, b.Exchange) })
	return out
}

// nextWarning is when the next pre-warning falls due (zero: none).
func (c *Calendar) nextWarning(now time.Time, lead time.Duration) time.Time {
	if lead <= 0 {
		return time.Time{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var next time.Time
	for _, e := range c.entries {
		if e.warned || !now.Before(e.Window.Start) {
			continue
		}
		t := e.Window.Start.Add(-lead)
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	return next
}
