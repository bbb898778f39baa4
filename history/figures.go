package history

import (
	"fmt"
	"slices"
	"time"

	"safeharbor/exchanges"
)

// Stats are figures over a window, from our own observations.
type Stats struct {
	Exchange  string        `json:"exchange"`
	Window    time.Duration `json:"window"`
	Up        time.Duration `json:"up"`      // operational or degraded
	Down      time.Duration `json:"down"`    // restricted, maintenance or outage
	Unknown   time.Duration `json:"unknown"` // unknown level, or before our first observation: excluded
	Uptime    float64       `json:"uptime"`  // Up / (Up+Down); 0 when there is no data
	Incidents int           `json:"incidents"`
	Downtime  time.Duration `json:"downtime"` // total incident time inside the window
}

// Figures computes Stats for one exchange over [now-window, now].
// Time after the last recorded change counts at that change's level.
func (s *Store) Figures(id string, window time.Duration, now time.Time) (Stats, error) {
	st := Stats{Exchange: id, Window: window}
	if window <= 0 {
		return st, fmt.Errorf("history: window must be positive, got %v", window)
	}
	from := now.Add(-window)
	changes, err := s.Changes(id, time.Time{})
	if err != nil {
		return st, err
	}
	cursor := from
	level := exchanges.Unknown // before the first observation
	add := func(l exchanges.Level, a, b time.Time) {
		if a.Before(from) {
			a = from
		}
		if b.After(now) {
			b = now
		}
		if !b.After(a) {
			return
		}
		d := b.Sub(a)
		switch l {
		case exchanges.Operational, exchanges.Degraded:
			st.Up += d
		case exchanges.Restricted, exchanges.Maintenance, exchanges.Outage:
			st.Down += d
		default:
			st.Unknown += d
		}
	}
	for _, c := range changes {
		if c.Time.After(now) {
			break
		}
		if c.Time.After(cursor) {
			add(level, cursor, c.Time)
			cursor = c.Time
		}
		level = c.Level
	}
	add(level, cursor, now)
	if known := st.Up + st.Down; known > 0 {
		st.Uptime = float64(st.Up) / float64(known)
	}
	incs, err := s.Incidents(id, from)
	if err != nil {
		return st, err
	}
	for _, inc := range incs {
		a, b := inc.Start, inc.End
		if b.IsZero() || b.After(now) {
			b = now
		}
		if a.Before(from) {
			a = from
		}
		if b.After(a) {
			st.Incidents++
			st.Downtime += b.Sub(a)
		}
	}
	return st, nil
}

// Uptime is the share of known time in [now-window, now] that the exchange
// was operational or degraded. Unknown time is excluded (see Figures for
// how much); ErrNoData when nothing is known.
func (s *Store) Uptime(id string, window time.Duration, now time.Time) (float64, error) {
	st, err := s.Figures(id, window, now)
	if err != nil {
		return 0, err
	}
	if st.Up+st.Down == 0 {
		return 0, ErrNoData
	}
	return st.Uptime, nil
}

// Lag summarises how long after our detection an exchange confirms an
// incident on its own status page. Positive: the exchange confirmed later.
type Lag struct {
	Exchange string          `json:"exchange"`
	Median   time.Duration   `json:"median"`
	Samples  []time.Duration `json:"samples"` // one per confirmed incident, oldest first
}

// ConfirmationLag is the median lag between our first detection of an
// incident and the exchange's own incident start, over every incident the
// exchange confirmed. ErrNoData when it never did.
func (s *Store) ConfirmationLag(id string) (Lag, error) {
	lag := Lag{Exchange: id}
	incs, err := s.Incidents(id, time.Time{})
	if err != nil {
		return lag, err
	}
	for _, inc := range incs {
		if t := inc.OfficialStart(); !t.IsZero() {
			lag.Samples = append(lag.Samples, t.Sub(inc.Start))
		}
	}
	if len(lag.Samples) == 0 {
		return lag, ErrNoData
	}
	sorted := slices.Clone(lag.Samples)
	slices.Sort(sorted)
	n := len(sorted)
	if n%2 == 1 {
		lag.Median = sorted[n/2]
	} else {
		lag.Median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return lag, nil
}
