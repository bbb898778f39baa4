package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"safeharbor/exchanges"
	"safeharbor/watchers"
)

// Change is one recorded verdict change.
type Change struct {
	Time     time.Time          `json:"time"`
	Exchange string             `json:"exchange"`
	Level    exchanges.Level    `json:"level"`
	Previous exchanges.Level    `json:"previous"`
	First    bool               `json:"first,omitempty"` // Previous is meaningless
	Summary  string             `json:"summary"`
	Reasons  []exchanges.Reason `json:"reasons"`
}

// Incident is an exchange's continuous troubled period.
type Incident struct {
	Exchange string             `json:"exchange"`
	Start    time.Time          `json:"start"`
	End      time.Time          `json:"end,omitzero"` // zero while open
	Worst    exchanges.Level    `json:"worst"`
	Summary  string             `json:"summary"` // at the worst level
	Reasons  []exchanges.Reason `json:"reasons"` // at the worst level
	// Official incident texts the status page showed during the incident.
	Official []exchanges.Incident `json:"official,omitempty"`
	// OfficialSeen is when we first saw an official incident during this one.
	OfficialSeen time.Time `json:"official_seen,omitzero"`
	// Link is the official status/notice link, when there was one.
	Link string `json:"link,omitempty"`
}

// Open reports whether the incident is still going on.
func (i Incident) Open() bool { return i.End.IsZero() }

// Duration is the incident's length, up to now while it is open.
func (i Incident) Duration(now time.Time) time.Duration {
	end := i.End
	if end.IsZero() {
		end = now
	}
	if end.Before(i.Start) {
		return 0
	}
	return end.Sub(i.Start)
}

// OfficialStart is when the exchange says its incident began: the earliest
// Started of its official incidents, else when we first saw one. Zero when
// the exchange never posted one.
func (i Incident) OfficialStart() time.Time {
	var t time.Time
	for _, o := range i.Official {
		if !o.Started.IsZero() && (t.IsZero() || o.Started.Before(t)) {
			t = o.Started
		}
	}
	if t.IsZero() {
		return i.OfficialSeen
	}
	return t
}

// exchangeState is the per-exchange bookkeeping for incident derivation.
type exchangeState struct {
	Level   exchanges.Level `json:"level"`
	Time    time.Time       `json:"time"`
	Open    []byte          `json:"open,omitempty"`    // key of the open incident
	LastEnd time.Time       `json:"last_end,omitzero"` // end of the last closed incident
}

// opens reports whether a level starts an incident.
func opens(l exchanges.Level) bool { return l != exchanges.Operational && l != exchanges.Unknown }

// Record stores an engine event in its own fsynced transaction. Changed
// events are stored as changes; Changed and Updated events keep the open
// incident current (worst level, reasons, official incident text).
func (s *Store) Record(ev watchers.Event) error {
	id := ev.Verdict.ID
	if id == "" || strings.ContainsRune(id, 0) {
		return errors.New("history: event without a valid exchange id")
	}
	if ev.Time.IsZero() {
		return fmt.Errorf("history: event for %s without a time", id)
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return recordTx(tx, ev) })
	if err != nil {
		return fmt.Errorf("history: record %s: %w", id, err)
	}
	return s.maybePrune()
}

func recordTx(tx *bolt.Tx, ev watchers.Event) error {
	v := ev.Verdict
	sb := tx.Bucket(bState)
	var st exchangeState
	hadState := false
	if raw := sb.Get([]byte(v.ID)); raw != nil {
		if err := json.Unmarshal(raw, &st); err != nil {
			return fmt.Errorf("state of %s unreadable: %w", v.ID, err)
		}
		hadState = true
	}
	at := ev.Time
	// Time never runs backwards inside the record, so incidents cannot overlap.
	if hadState && at.Before(st.Time) {
		at = st.Time
	}
	if ev.Kind == watchers.Changed {
		cb := tx.Bucket(bChanges)
		seq, err := cb.NextSequence()
		if err != nil {
			return err
		}
		c := Change{Time: at, Exchange: v.ID, Level: v.Level, Previous: ev.Previous, First: ev.First || !hadState,
			Summary: v.Summary, Reasons: v.Reasons}
		raw, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if err := cb.Put(exKey(v.ID, at, seq), raw); err != nil {
			return err
		}
	}
	ib := tx.Bucket(bIncidents)
	var inc Incident
	if st.Open != nil {
		raw := ib.Get(st.Open)
		if raw == nil {
			st.Open = nil // pruned or lost: start afresh
		} else if err := json.Unmarshal(raw, &inc); err != nil {
			return fmt.Errorf("open incident of %s unreadable: %w", v.ID, err)
		}
	}
	if ev.Kind == watchers.Changed {
		switch {
		case st.Open == nil && opens(v.Level):
			seq, err := ib.NextSequence()
			if err != nil {
				return err
			}
			start := at
			if start.Before(st.LastEnd) {
				start = st.LastEnd
			}
			st.Open = exKey(v.ID, start, seq)
			inc = Incident{Exchange: v.ID, Start: start, Worst: v.Level, Summary: v.Summary, Reasons: v.Reasons}
		case st.Open != nil && v.Level == exchanges.Operational:
			inc.End = at
			st.LastEnd = at
		case st.Open != nil && opens(v.Level) && v.Level.Worse(inc.Worst):
			inc.Worst, inc.Summary, inc.Reasons = v.Level, v.Summary, v.Reasons
		}
		st.Level = v.Level
	}
	if st.Open != nil {
		mergeOfficial(&inc, v, at)
		raw, err := json.Marshal(inc)
		if err != nil {
			return err
		}
		if err := ib.Put(st.Open, raw); err != nil {
			return err
		}
		if !inc.End.IsZero() {
			st.Open = nil
		}
	}
	st.Time = at
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return sb.Put([]byte(v.ID), raw)
}

func mergeOfficial(inc *Incident, v watchers.Verdict, at time.Time) {
	if inc.Link == "" {
		inc.Link = v.Links.Status
		if inc.Link == "" {
			inc.Link = v.Links.Notices
		}
	}
	if !inc.End.IsZero() && at.Equal(inc.End) && v.Level == exchanges.Operational {
		return // the recovery verdict's incidents are "resolved" ones: keep the texts seen while open
	}
	for _, o := range v.Incidents {
		if inc.OfficialSeen.IsZero() {
			inc.OfficialSeen = at
		}
		i := slices.IndexFunc(inc.Official, func(x exchanges.Incident) bool {
			return (o.ID != "" && x.ID == o.ID) || (o.ID == "" && x.Title == o.Title)
		})
		if i < 0 {
			inc.Official = append(inc.Official, o)
		} else {
			inc.Official[i] = o // latest update wins
		}
	}
}

func decodeIncident(v []byte) (Incident, error) {
	var inc Incident
	err := json.Unmarshal(v, &inc)
	return inc, err
}

// Changes returns recorded changes in time order: of one exchange, or of
// all when id is "", at or after since.
func (s *Store) Changes(id string, since time.Time) ([]Change, error) {
	var out []Change
	err := s.db.View(func(tx *bolt.Tx) error {
		return scan(tx.Bucket(bChanges), id, func(k, v []byte) error {
			var c Change
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("history: change record %x unreadable: %w", k, err)
			}
			if !c.Time.Before(since) {
				out = append(out, c)
			}
			return nil
		})
	})
	sortBy(out, func(a, b Change) int { return a.Time.Compare(b.Time) })
	return out, err
}

// Incidents returns incidents (of one exchange, or all when id is "") that
// were open at or after since, oldest first.
func (s *Store) Incidents(id string, since time.Time) ([]Incident, error) {
	var out []Incident
	err := s.db.View(func(tx *bolt.Tx) error {
		return scan(tx.Bucket(bIncidents), id, func(k, v []byte) error {
			inc, err := decodeIncident(v)
			if err != nil {
				return fmt.Errorf("history: incident record %x unreadable: %w", k, err)
			}
			if inc.Open() || !inc.End.Before(since) {
				out = append(out, inc)
			}
			return nil
		})
	})
	sortBy(out, func(a, b Incident) int { return a.Start.Compare(b.Start) })
	return out, err
}

// Exchanges lists every exchange id with recorded history.
func (s *Store) Exchanges() ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bState).ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			return nil
		})
	})
	return out, err
}

func scan(b *bolt.Bucket, id string, fn func(k, v []byte) error) error {
	if id == "" {
		return b.ForEach(fn)
	}
	p := exPrefix(id)
	c := b.Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}
