package notify

import (
	"encoding/json"
	"fmt"
	"time"

	"safeharbor/exchanges"
)

// StateStore keeps what the policy last told the user per exchange; the
// history store implements it. When the Outbox is also a StateStore, a
// restarted Dispatcher picks up where the last run stopped: an outage it
// already announced is not announced again, and its recovery still says
// how long it lasted.
type StateStore interface {
	SaveNotifyState(data []byte) error
	LoadNotifyState() ([]byte, error)
}

// savedState is one exchange's policy state as persisted.
type savedState struct {
	Name      string          `json:"name"`
	Level     exchanges.Level `json:"level"`
	ChangedAt time.Time       `json:"changed_at"`
	Alerted   exchanges.Level `json:"alerted"`
	Trouble   time.Time       `json:"trouble,omitzero"`
	Worst     exchanges.Level `json:"worst"`
	LastSent  time.Time       `json:"last_sent,omitzero"`
	Acked     bool            `json:"acked,omitempty"`
}

// restoreLocked loads the saved state into the policy; d.mu is held (or d
// is not shared yet).
func (d *Dispatcher) restoreLocked(ss StateStore, now time.Time) error {
	raw, err := ss.LoadNotifyState()
	if err != nil || len(raw) == 0 {
		return err
	}
	var saved map[string]savedState
	if err := json.Unmarshal(raw, &saved); err != nil {
		return fmt.Errorf("notify: saved alert state unreadable (starting afresh): %w", err)
	}
	for id, s := range saved {
		st := &exState{id: id, name: s.Name, level: s.Level, changedAt: s.ChangedAt, alerted: s.Alerted,
			trouble: s.Trouble, worst: s.Worst, lastSent: s.LastSent, acked: s.Acked}
		if !st.trouble.IsZero() && !st.acked {
			st.nextRem = d.pol.remindAt(now)
		}
		d.pol.ex[id] = st
	}
	return nil
}

// saveState persists the policy state after alerts went into the outbox:
// a crash in between repeats an alert at worst, never drops one.
func (d *Dispatcher) saveState() {
	ss, ok := d.outbox.(StateStore)
	if !ok {
		return
	}
	d.mu.Lock()
	saved := make(map[string]savedState, len(d.pol.ex))
	for id, st := range d.pol.ex {
		if st.changedAt.IsZero() {
			continue // nothing known yet
		}
		saved[id] = savedState{Name: st.name, Level: st.level, ChangedAt: st.changedAt, Alerted: st.alerted,
			Trouble: st.trouble, Worst: st.worst, LastSent: st.lastSent, Acked: st.acked}
	}
	d.mu.Unlock()
	raw, err := json.Marshal(saved)
	if err == nil {
		err = ss.SaveNotifyState(raw)
	}
	if err != nil {
		d.onError(fmt.Errorf("notify: saving alert state: %w", err))
	}
}
