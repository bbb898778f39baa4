package ui

import (
	"slices"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/watchers"
)

// historyLen is how many verdict changes the dashboard strip shows.
const historyLen = 12

// tick is one verdict change in a row's history strip.
type tick struct {
	Level exchanges.Level
	At    time.Time
}

// row is what the UI knows about one watched exchange.
type row struct {
	ID      string
	Name    string
	Seen    bool // false until the first verdict: shown as "checking…"
	Verdict watchers.Verdict
	History []tick
	// Playbook ticks, per step; cleared when the exchange is back to operational.
	Done map[string]bool
}

// model is the UI's state: plain Go, touched only on the Fyne goroutine
// (the bridge delivers events there), so it needs no lock of its own.
type model struct {
	rows  map[string]*row
	order []string // config order, for stable ties
}

func newModel(cfg config.Config) *model {
	m := &model{rows: map[string]*row{}}
	m.reset(cfg)
	return m
}

// reset keeps known rows for exchanges still watched and adds "checking" rows for new ones.
func (m *model) reset(cfg config.Config) {
	old := m.rows
	m.rows = map[string]*row{}
	m.order = nil
	for _, e := range cfg.Exchanges {
		if _, dup := m.rows[e.ID]; dup || e.ID == "" {
			continue
		}
		r, ok := old[e.ID]
		if !ok {
			r = &row{ID: e.ID, Name: displayName(e), Done: map[string]bool{}}
			r.Verdict = watchers.Verdict{ID: e.ID, Name: r.Name, Level: exchanges.Unknown}
		}
		m.rows[e.ID] = r
		m.order = append(m.order, e.ID)
	}
}

// knownNames spell the built-in exchanges when an adapter is not linked in
// (its catalog entry says the same).
var knownNames = map[string]string{
	"bitbank": "bitbank", "coincheck": "Coincheck", "bitflyer": "bitFlyer", "gmocoin": "GMO Coin",
	"coinbase": "Coinbase", "kraken": "Kraken", "binance": "Binance", "okx": "OKX", "bybit": "Bybit",
	"bitstamp": "Bitstamp", "gemini": "Gemini", "bitfinex": "Bitfinex",
}

func displayName(e config.Exchange) string {
	if e.Name != "" {
		return e.Name
	}
	if x, ok := exchanges.Lookup(e.ID); ok && x.Name != "" {
		return x.Name
	}
	if n, ok := knownNames[e.ID]; ok {
		return n
	}
	return e.ID
}

// apply records an engine event. Events for exchanges no longer watched are dropped.
func (m *model) apply(ev watchers.Event) {
	r, ok := m.rows[ev.Verdict.ID]
	if !ok {
		return
	}
	prevSeen := r.Seen
	r.Seen = true
	v := ev.Verdict
	if v.Name == "" {
		v.Name = r.Name
	} else {
		r.Name = v.Name
	}
	r.Verdict = v
	if ev.Kind == watchers.Changed || !prevSeen {
		at := ev.Time
		if at.IsZero() {
			at = v.Since
		}
		r.History = append(r.History, tick{Level: v.Level, At: at})
		if len(r.History) > historyLen {
			r.History = slices.Clone(r.History[len(r.History)-historyLen:])
		}
	}
	if v.Level == exchanges.Operational {
		clear(r.Done)
	}
}

// sorted returns the rows worst first; ties keep the config order.
func (m *model) sorted() []*row {
	out := make([]*row, 0, len(m.order))
	for _, id := range m.order {
		out = append(out, m.rows[id])
	}
	slices.SortStableFunc(out, func(a, b *row) int {
		return b.Verdict.Level.Severity() - a.Verdict.Level.Severity()
	})
	return out
}

// troubled returns the rows whose level means "pause trading", worst first.
func (m *model) troubled() []*row {
	var out []*row
	for _, r := range m.sorted() {
		if r.Seen && r.Verdict.Level.Troubled() {
			out = append(out, r)
		}
	}
	return out
}

// worst is the level the tray icon shows: unknown until anything is known.
func (m *model) worst() exchanges.Level {
	w := exchanges.Operational
	any := false
	for _, r := range m.rows {
		if !r.Seen {
			continue
		}
		any = true
		if r.Verdict.Level.Worse(w) {
			w = r.Verdict.Level
		}
	}
	if !any {
		return exchanges.Unknown
	}
	return w
}

// offline reports whether every known verdict says this computer is offline.
func (m *model) offline() bool {
	n := 0
	for _, r := range m.rows {
		if !r.Seen {
			continue
		}
		if r.Verdict.Level != exchanges.Unknown || !slices.ContainsFunc(r.Verdict.Reasons, func(x exchanges.Reason) bool {
			return x.Detail == watchers.OfflineReason
		}) {
			return false
		}
		n++
	}
	return n > 0
}

// snoozer is the thread-safe snooze state shared by the tray (Fyne
// goroutine) and the alert policy (bridge goroutine).
type snoozer struct {
	mu    sync.Mutex
	until time.Time
}

func (s *snoozer) set(t time.Time) {
	s.mu.Lock()
	s.until = t
	s.mu.Unlock()
}

func (s *snoozer) get() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.until
}
