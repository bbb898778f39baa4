package exchanges

import (
	"fmt"
	"time"
)

// Level is how safe an exchange is to trade on right now.
// The order is SPEC §4's: worst last, with Unknown after Outage.
type Level int

const (
	Operational Level = iota // all fine
	Degraded                 // busy or slow: prefer limit orders
	Restricted               // documented trading restriction (cancel-only, post-only, call auction, ...)
	Maintenance              // announced downtime in progress
	Outage                   // halted, major outage, or unreachable while the internet works
	Unknown                  // no usable signal yet, or this computer is offline
)

var levelNames = [...]string{"operational", "degraded", "restricted", "maintenance", "outage", "unknown"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel is the inverse of String.
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return Unknown, fmt.Errorf("unknown level %q (want one of operational, degraded, restricted, maintenance, outage, unknown)", s)
}

func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Severity orders levels for "worst first" displays and alert thresholds:
// outage is the most severe, unknown sits between maintenance and outage
// (matching the exit-code precedence of `safeharbor status`: 2 over 3 over 1).
func (l Level) Severity() int {
	switch l {
	case Operational:
		return 0
	case Degraded:
		return 1
	case Restricted:
		return 2
	case Maintenance:
		return 3
	case Unknown:
		return 4
	case Outage:
		return 5
	}
	return 4
}

// Worse reports whether l is more severe than m.
func (l Level) Worse(m Level) bool { return l.Severity() > m.Severity() }

// Troubled reports whether a trader should pause trading at this level.
func (l Level) Troubled() bool { return l == Restricted || l == Maintenance || l == Outage }

// Advice is a stable code for what the trader should do (SPEC §4).
type Advice string

const (
	PauseTrading         Advice = "pause_trading"
	NoMarketOrders       Advice = "no_market_orders"
	CancelsMayFail       Advice = "cancels_may_fail"
	WithdrawalsSuspended Advice = "withdrawals_suspended"
	CheckOfficialSources Advice = "check_official_sources"
	ConsiderColdWallet   Advice = "consider_cold_wallet"
	BewarePhishing       Advice = "beware_phishing"
)

// Source names where a reason came from.
const (
	SourceREST         = "rest"
	SourceStatusPage   = "statuspage"
	SourceWebsocket    = "websocket"
	SourceReachability = "reachability"
	SourceConnectivity = "connectivity"
)

// Reason is one piece of evidence behind a verdict.
type Reason struct {
	Source string `json:"source"`
	Detail string `json:"detail"`
}

// MaintenanceWindow is announced downtime, scheduled or in progress.
type MaintenanceWindow struct {
	Title  string    `json:"title"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end,omitzero"` // zero when open-ended
	URL    string    `json:"url,omitempty"`
	Status string    `json:"status,omitempty"` // the source's own word: scheduled, in_progress, ongoing, ...
	Source string    `json:"source,omitempty"`
}

// Active reports whether the window covers now.
func (m MaintenanceWindow) Active(now time.Time) bool {
	return !now.Before(m.Start) && (m.End.IsZero() || now.Before(m.End))
}

// Incident is an official incident text from a status page.
type Incident struct {
	ID      string    `json:"id,omitempty"`
	Title   string    `json:"title"`
	Status  string    `json:"status,omitempty"` // investigating, identified, monitoring, ...
	Impact  string    `json:"impact,omitempty"` // none, minor, major, critical
	Update  string    `json:"update,omitempty"` // latest update body
	URL     string    `json:"url,omitempty"`
	Started time.Time `json:"started,omitzero"`
}

// Links are an exchange's official places to check.
type Links struct {
	Status  string `json:"status,omitempty"`
	Notices string `json:"notices,omitempty"`
	Support string `json:"support,omitempty"`
}
