package watchers

import (
	"time"

	"safeharbor/exchanges"
)

// Verdict is the engine's current judgement of one exchange.
type Verdict struct {
	ID          string                        `json:"id"`
	Name        string                        `json:"name"`
	Level       exchanges.Level               `json:"level"`
	Since       time.Time                     `json:"since"` // when Level began
	Summary     string                        `json:"summary"`
	Reasons     []exchanges.Reason            `json:"reasons"`
	Advice      []exchanges.Advice            `json:"advice"`
	Maintenance []exchanges.MaintenanceWindow `json:"maintenance"`
	Incidents   []exchanges.Incident          `json:"incidents,omitempty"`
	Pairs       []exchanges.PairStatus        `json:"pairs,omitempty"` // affected pairs only
	Links       exchanges.Links               `json:"links"`
	Domains     []string                      `json:"domains,omitempty"`
	CheckedAt   time.Time                     `json:"checked_at"`
}

// EventKind tells a level change from an update of details.
type EventKind int

const (
	// Changed: the level changed (or this is the exchange's first verdict).
	Changed EventKind = iota
	// Updated: same level, but summary, reasons, maintenance or incidents changed.
	Updated
)

// Event is emitted on every verdict change.
type Event struct {
	Kind     EventKind
	Time     time.Time
	Verdict  Verdict
	Previous exchanges.Level
	First    bool // the exchange's first verdict: Previous is meaningless
}

// Connectivity is the state of this computer's own internet connection.
type Connectivity string

const (
	Online         Connectivity = "online"
	Offline        Connectivity = "offline"
	ConnectivityNA Connectivity = "unchecked" // no connectivity URLs configured or not yet known
	OfflineReason               = "this computer appears to be offline"
)
