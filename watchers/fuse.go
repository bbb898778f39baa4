package watchers

import (
	"slices"
	"strings"
	"time"

	"safeharbor/exchanges"
)

const waitingSummary = "Waiting for first check"

// fuse combines an exchange's signals into one verdict (SPEC §4): the
// worst known level wins, Unknown only when nothing is known; reasons come
// from every non-operational signal and every authoritative one.
func fuse(ex *exchanges.Exchange, sigs []*signal) Verdict {
	v := Verdict{
		ID:      ex.ID,
		Name:    ex.Name,
		Level:   exchanges.Unknown,
		Links:   ex.Links,
		Domains: ex.Domains,
	}
	sigs = partlyReachable(sigs)
	// Offline: this computer cannot reach anything, so what other signals
	// said last is stale — the exchange is unknown (no alarm, and no false
	// "recovered" from an old answer). Announced maintenance still shows.
	var offline *signal
	for _, s := range sigs {
		if s.known && s.cause == causeOffline {
			offline = s
			break
		}
	}
	var worst *signal
	var firstUnknown, statedUnknown *signal
	for _, s := range sigs {
		if !s.known || offline != nil {
			continue
		}
		if s.obs.Level == exchanges.Unknown {
			if firstUnknown == nil {
				firstUnknown = s
			}
			if s.cause == causeStated && statedUnknown == nil {
				statedUnknown = s
			}
			continue
		}
		if worst == nil || s.obs.Level.Worse(worst.obs.Level) {
			worst = s
		}
	}
	// A value the exchange sent that we do not understand may mean anything,
	// a halt included: it never reads as operational (or merely busy).
	if statedUnknown != nil && worst != nil && worst.obs.Level.Severity() <= exchanges.Degraded.Severity() {
		worst = nil
		firstUnknown = statedUnknown
	}
	switch {
	case offline != nil:
		v.Summary = offline.obs.Summary
	case worst != nil:
		v.Level = worst.obs.Level
		v.Summary = worst.obs.Summary
	case firstUnknown != nil:
		v.Summary = firstUnknown.obs.Summary
	default:
		v.Summary = waitingSummary
	}
	if v.Summary == "" {
		if v.Level == exchanges.Operational {
			v.Summary = "Operating normally"
		} else {
			v.Summary = upperFirst(v.Level.String())
		}
	}

	advice := map[exchanges.Advice]bool{}
	for _, a := range exchanges.AdviceFor(v.Level) {
		advice[a] = true
	}
	pairs := map[string]int{}
	for _, s := range sigs {
		if s.checkedAt.After(v.CheckedAt) {
			v.CheckedAt = s.checkedAt
		}
		if s.note != nil {
			v.Reasons = appendReason(v.Reasons, *s.note)
		}
		if !s.known {
			continue
		}
		o := &s.obs
		if offline != nil && s.cause != causeOffline {
			// Stale: keep only what was announced ahead of time.
			v.Maintenance = mergeWindows(v.Maintenance, o.Maintenance)
			continue
		}
		trouble := o.Level != exchanges.Operational
		if trouble || o.Authoritative {
			if len(o.Reasons) == 0 && trouble && o.Summary != "" {
				v.Reasons = appendReason(v.Reasons, exchanges.Reason{Source: s.source, Detail: o.Summary})
			}
			for _, r := range o.Reasons {
				v.Reasons = appendReason(v.Reasons, r)
			}
		}
		if trouble && o.Level != exchanges.Unknown {
			for _, a := range o.Advice {
				advice[a] = true
			}
		}
		v.Maintenance = mergeWindows(v.Maintenance, o.Maintenance)
		for _, in := range o.Incidents {
			if !slices.ContainsFunc(v.Incidents, func(x exchanges.Incident) bool { return sameIncident(x, in) }) {
				v.Incidents = append(v.Incidents, in)
			}
		}
		for _, p := range o.Pairs {
			if p.Level == exchanges.Operational {
				continue
			}
			if i, ok := pairs[p.Pair]; ok {
				if p.Level.Worse(v.Pairs[i].Level) {
					v.Pairs[i] = p
				}
				continue
			}
			pairs[p.Pair] = len(v.Pairs)
			v.Pairs = append(v.Pairs, p)
		}
	}
	for _, a := range adviceOrder {
		if advice[a] {
			v.Advice = append(v.Advice, a)
			delete(advice, a)
		}
	}
	for a := range advice { // codes an adapter added that this list does not know yet
		v.Advice = append(v.Advice, a)
	}
	if len(v.Advice) > len(adviceOrder) {
		slices.Sort(v.Advice[len(adviceOrder):])
	}
	if v.Reasons == nil {
		v.Reasons = []exchanges.Reason{}
	}
	if v.Advice == nil {
		v.Advice = []exchanges.Advice{}
	}
	if v.Maintenance == nil {
		v.Maintenance = []exchanges.MaintenanceWindow{}
	}
	return v
}

// partlyReachable: "unreachable while the internet works" is an outage when
// the exchange does not answer at all. While another of its REST endpoints
// answers, an unreachable one (public.bitbank.cc while api.bitbank.cc is
// fine) is degraded. Returns sigs with such signals replaced by copies.
func partlyReachable(sigs []*signal) []*signal {
	answering := false
	for _, s := range sigs {
		if s.known && s.source == exchanges.SourceREST && s.cause != causeUnreachable && s.obs.Level != exchanges.Unknown {
			answering = true
			break
		}
	}
	if !answering {
		return sigs
	}
	out := sigs
	copied := false
	for i, s := range sigs {
		if !s.known || s.cause != causeUnreachable || s.obs.Level != exchanges.Outage {
			continue
		}
		if !copied {
			out, copied = slices.Clone(sigs), true
		}
		c := *s
		c.obs.Level = exchanges.Degraded
		c.obs.Advice = exchanges.AdviceFor(exchanges.Degraded)
		c.obs.Summary = "Part of the API unreachable: " + strings.TrimPrefix(s.obs.Summary, "API unreachable: ")
		out[i] = &c
	}
	return out
}

var adviceOrder = []exchanges.Advice{
	exchanges.PauseTrading, exchanges.NoMarketOrders, exchanges.CancelsMayFail,
	exchanges.WithdrawalsSuspended, exchanges.CheckOfficialSources,
	exchanges.ConsiderColdWallet, exchanges.BewarePhishing,
}

func mergeWindows(have, add []exchanges.MaintenanceWindow) []exchanges.MaintenanceWindow {
	for _, m := range add {
		if !slices.ContainsFunc(have, func(x exchanges.MaintenanceWindow) bool { return sameWindow(x, m) }) {
			have = append(have, m)
		}
	}
	return have
}

func appendReason(rs []exchanges.Reason, r exchanges.Reason) []exchanges.Reason {
	if slices.Contains(rs, r) {
		return rs
	}
	return append(rs, r)
}

func sameWindow(a, b exchanges.MaintenanceWindow) bool {
	return a.Title == b.Title && a.Start.Equal(b.Start) && a.End.Equal(b.End)
}

func sameIncident(a, b exchanges.Incident) bool {
	if a.ID != "" || b.ID != "" {
		return a.ID == b.ID
	}
	return a.Title == b.Title && a.Started.Equal(b.Started)
}

// sameDetails reports whether two verdicts at the same level say the same
// thing (CheckedAt and Since aside): no Updated event is due.
func sameDetails(a, b Verdict) bool {
	return a.Summary == b.Summary &&
		slices.Equal(a.Reasons, b.Reasons) &&
		slices.Equal(a.Advice, b.Advice) &&
		slices.EqualFunc(a.Maintenance, b.Maintenance, sameWindowFull) &&
		slices.EqualFunc(a.Incidents, b.Incidents, func(x, y exchanges.Incident) bool {
			return x.ID == y.ID && x.Title == y.Title && x.Status == y.Status && x.Impact == y.Impact && x.Update == y.Update && x.URL == y.URL && x.Started.Equal(y.Started)
		}) &&
		slices.Equal(a.Pairs, b.Pairs)
}

func sameWindowFull(x, y exchanges.MaintenanceWindow) bool {
	return sameWindow(x, y) && x.URL == y.URL && x.Status == y.Status && x.Source == y.Source
}

// waiting is the verdict before any signal has spoken.
func waiting(ex *exchanges.Exchange, now time.Time) Verdict {
	v := fuse(ex, nil)
	v.Since = now
	return v
}
