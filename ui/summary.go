package ui

import (
	"safeharbor/exchanges"
	"safeharbor/internal/ja"
)

// What the engine and the adapters say is English, canonical for the CLI,
// the JSON output and the history (SPEC §3); internal/ja words it in
// Japanese for the screens and for notify's messages alike. In English
// these show it as it is.

// summary is a verdict's one-liner in l.
func (l Lang) summary(level exchanges.Level, s string) string {
	if l != Japanese {
		return s
	}
	return ja.Summary(level, s)
}

// reason is one reason's detail in l. pairs are the verdict's affected
// pairs, which give a pair's raw state its meaning (nil in the history).
func (l Lang) reason(detail string, pairs []exchanges.PairStatus) string {
	if l != Japanese {
		return detail
	}
	return ja.Reason(detail, pairs)
}

// reasonLine is "Source: detail" in l.
func (l Lang) reasonLine(r exchanges.Reason, pairs []exchanges.PairStatus) string {
	if l != Japanese {
		return l.Source(r.Source) + ": " + r.Detail
	}
	return l.Source(r.Source) + "：" + ja.Reason(r.Detail, pairs)
}

// reasonGroupLine is "Source: detail" in l for one line of grouped
// reasons (several pairs in one state read as one line).
func (l Lang) reasonGroupLine(g exchanges.ReasonGroup, pairs []exchanges.PairStatus) string {
	if l != Japanese {
		return l.Source(g.Source) + ": " + g.Text()
	}
	return l.Source(g.Source) + "：" + ja.ReasonGroup(g, pairs)
}

// title is a maintenance or incident title for display: the exchange's
// own, or the adapter's stand-in when the exchange gave none.
func (l Lang) title(t string) string {
	if l != Japanese {
		return t
	}
	return ja.Title(t)
}

// incidentStatus is an official incident's state for display.
func (l Lang) incidentStatus(s string) string {
	if l != Japanese || s == "" {
		return s
	}
	return ja.IncidentStatus(s)
}

// pairRaw is an affected pair's state for display.
func (l Lang) pairRaw(p exchanges.PairStatus) string {
	if l != Japanese {
		return p.Raw
	}
	return ja.PairState(p.Level)
}

// The wallet's texts (wallet_i18n.go) are worded with ja's rules.
type jaRule = ja.Rule

var (
	jr       = ja.Shape
	jt       = ja.Fixed
	jaApply  = ja.Apply
	jaDur    = ja.Duration
	official = ja.Quote
)
