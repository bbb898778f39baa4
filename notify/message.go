package notify

import (
	"context"
	"time"

	"safeharbor/exchanges"
)

// Kind says why a message was raised.
type Kind string

const (
	KindChange     Kind = "change"      // a verdict changed to or from a level that matters
	KindGroup      Kind = "group"       // several exchanges changed within the group window
	KindReminder   Kind = "reminder"    // still down after the reminder interval
	KindRecovery   Kind = "recovery"    // back to operational, with the outage's duration
	KindPreWarning Kind = "pre_warning" // maintenance starts within the lead time
	KindOverrun    Kind = "overrun"     // maintenance went past its announced end
	KindTest       Kind = "test"        // "send test message"
)

// Message is one alert, already worded in the user's language.
type Message struct {
	ID        string          // stable: the outbox dedupes on it, so a retry never sends twice
	Kind      Kind            `json:"kind"`
	Time      time.Time       `json:"time"`
	Level     exchanges.Level `json:"level"`     // worst level among Exchanges
	Exchanges []string        `json:"exchanges"` // ids
	Title     string          `json:"title"`
	Body      string          `json:"body"`
	URL       string          `json:"url,omitempty"`     // official status/notice link
	Details   []Detail        `json:"details,omitempty"` // per-exchange facts (added by the notify owner)
}

// Channel delivers messages somewhere: a phone push service, a chat
// webhook, or the desktop (implemented in ui).
type Channel interface {
	Name() string // unique per configured channel, e.g. "ntfy", "discord:trading"
	// Send delivers m once. It must respect ctx (slow channels never block
	// detection or other channels) and return an error for anything but a
	// confirmed delivery.
	Send(ctx context.Context, m Message) error
}
