package exchanges

import (
	"fmt"
	"slices"
	"strings"
)

// Observation is what one signal (a status endpoint, a status page, a
// websocket message) says about an exchange at one moment.
type Observation struct {
	Level Level
	// Authoritative is true when the exchange itself stated the state
	// (HALT, maintenance, cancel_only, an incident on its status page, and
	// also an explicit "all normal"). The engine applies authoritative
	// observations at once; inferred ones (timeouts, 5xx, stalls) need
	// consecutive failures.
	Authoritative bool
	Summary       string // one line, English, e.g. "Trading halted on btc_jpy"
	Reasons       []Reason
	Advice        []Advice
	Maintenance   []MaintenanceWindow // scheduled and in progress
	Incidents     []Incident
	Pairs         []PairStatus // per-pair states where the source gives them
}

// PairStatus is one trading pair's state as the exchange reports it.
type PairStatus struct {
	Pair  string `json:"pair"`
	Level Level  `json:"level"`
	Raw   string `json:"raw"` // the exchange's own word, e.g. "HALT"
}

// AdviceFor returns the default advice codes for a level.
func AdviceFor(l Level) []Advice {
	switch l {
	case Degraded:
		return []Advice{NoMarketOrders}
	case Restricted:
		return []Advice{PauseTrading, NoMarketOrders, CheckOfficialSources}
	case Maintenance:
		return []Advice{PauseTrading, CancelsMayFail, CheckOfficialSources}
	case Outage:
		return []Advice{PauseTrading, NoMarketOrders, CancelsMayFail, CheckOfficialSources, ConsiderColdWallet, BewarePhishing}
	}
	return nil
}

// UnknownValue is the observation for an enum value the adapter does not
// know: never operational, never a panic, the raw value kept in the reason.
func UnknownValue(source, field, raw string) Observation {
	return Observation{
		Level:   Unknown,
		Summary: fmt.Sprintf("Unrecognised %s %q", field, raw),
		Reasons: []Reason{{Source: source, Detail: fmt.Sprintf("unrecognised %s %q", field, truncate(raw, 64))}},
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// FoldPairs turns per-pair states into one observation, naming partial
// problems (SPEC §4): a halted pair the user watches is an outage for that
// user; other halted pairs are a restriction ("2 of 40 pairs halted
// (xrp_jpy, ...)"); every pair halted is an outage. Busy pairs are degraded
// when they are watched, or when no pairs are watched and most pairs are busy.
// Unknown raw values are kept as reasons and never count as operational.
func FoldPairs(source string, pairs []PairStatus, watched []string) Observation {
	obs := Observation{Authoritative: true, Pairs: pairs}
	if len(pairs) == 0 {
		obs.Level = Unknown
		obs.Authoritative = false
		obs.Summary = "No pair status in response"
		obs.Reasons = []Reason{{Source: source, Detail: "response listed no pairs"}}
		return obs
	}
	isWatched := func(p string) bool {
		return slices.ContainsFunc(watched, func(w string) bool { return strings.EqualFold(w, p) })
	}
	var halted, restricted, maint, busy, unknown []PairStatus
	var watchedHalted, watchedRestricted, watchedMaint, watchedBusy, watchedUnknown int
	for _, p := range pairs {
		w := isWatched(p.Pair)
		switch p.Level {
		case Outage:
			halted = append(halted, p)
			if w {
				watchedHalted++
			}
		case Maintenance:
			maint = append(maint, p)
			if w {
				watchedMaint++
			}
		case Restricted:
			restricted = append(restricted, p)
			if w {
				watchedRestricted++
			}
		case Degraded:
			busy = append(busy, p)
			if w {
				watchedBusy++
			}
		case Unknown:
			unknown = append(unknown, p)
			if w {
				watchedUnknown++
			}
		}
	}
	n := len(pairs)
	for _, p := range append(append(append(append(append([]PairStatus{}, halted...), maint...), restricted...), busy...), unknown...) {
		obs.Reasons = append(obs.Reasons, Reason{Source: source, Detail: p.Pair + " " + p.Raw})
	}
	switch {
	case len(halted) == n:
		obs.Level = Outage
		obs.Summary = "Trading halted on all pairs"
	case len(maint) == n:
		obs.Level = Maintenance
		obs.Summary = "All pairs under maintenance"
	case watchedHalted > 0:
		obs.Level = Outage
		obs.Summary = "Trading halted on " + names(filterWatched(halted, isWatched), 5)
	case watchedMaint > 0:
		obs.Level = Maintenance
		obs.Summary = "Maintenance on " + names(filterWatched(maint, isWatched), 5)
	case len(halted) > 0:
		obs.Level = Restricted
		obs.Summary = fmt.Sprintf("%d of %d pairs halted (%s)", len(halted), n, names(halted, 3))
	case watchedRestricted > 0 || (len(watched) == 0 && len(restricted) > 0):
		obs.Level = Restricted
		obs.Summary = fmt.Sprintf("%d of %d pairs restricted (%s)", len(restricted), n, names(restricted, 3))
	case len(maint) > 0:
		obs.Level = Restricted
		obs.Summary = fmt.Sprintf("%d of %d pairs under maintenance (%s)", len(maint), n, names(maint, 3))
	case watchedBusy > 0 || (len(watched) == 0 && len(busy)*2 > n):
		obs.Level = Degraded
		obs.Summary = fmt.Sprintf("Busy: %s", names(busy, 3))
	case watchedUnknown > 0 || len(unknown) == n:
		obs.Level = Unknown
		obs.Authoritative = false
		obs.Summary = fmt.Sprintf("Unrecognised status on %s", names(unknown, 3))
	default:
		obs.Level = Operational
		obs.Summary = "All pairs trading normally"
		if others := append(append(append([]PairStatus{}, restricted...), busy...), unknown...); len(others) > 0 {
			lead := "Watched pairs normal"
			if len(watched) == 0 {
				lead = "Most pairs normal"
			}
			obs.Summary = fmt.Sprintf("%s; %d of %d not (%s)", lead, len(others), n, names(others, 3))
		}
	}
	obs.Advice = AdviceFor(obs.Level)
	return obs
}

func filterWatched(ps []PairStatus, w func(string) bool) []PairStatus {
	var out []PairStatus
	for _, p := range ps {
		if w(p.Pair) {
			out = append(out, p)
		}
	}
	return out
}

func names(ps []PairStatus, max int) string {
	var b strings.Builder
	for i, p := range ps {
		if i == max {
			b.WriteString(", ...")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Pair)
	}
	return b.String()
}
