package notify

import (
	"time"

	"safeharbor/exchanges"
)

// Detail is one exchange's facts behind a message, for machine consumers
// (the generic webhook, the UI's notification list).
type Detail struct {
	Exchange string             `json:"exchange"`
	Name     string             `json:"name"`
	Level    exchanges.Level    `json:"level"`
	Previous exchanges.Level    `json:"previous"`
	Summary  string             `json:"summary,omitempty"`
	Reasons  []exchanges.Reason `json:"reasons,omitempty"`
	Pairs    []string           `json:"pairs,omitempty"`
	Link     string             `json:"link,omitempty"`
	Since    time.Time          `json:"since,omitzero"`
	// Duration is the trouble's length, on recovery messages.
	Duration time.Duration `json:"duration,omitempty"`
	// Window is the announced maintenance, on pre-warnings and overruns.
	Window *exchanges.MaintenanceWindow `json:"window,omitempty"`
}
