package ui

import (
	"context"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

// scriptSource is a self-contained demo timeline: verdicts arrive one by
// one, bitbank halts btc_jpy, Coincheck goes into maintenance, Kraken's feed
// stalls, then everything recovers and the story repeats. It stands in for
// the engine-against-fake-exchanges demo and gives screenshots a fixed story.
type scriptSource struct {
	clk clock.Clock

	mu       sync.Mutex
	verdicts map[string]watchers.Verdict
	subs     map[int]chan watchers.Event
	next     int
	step     string
}

type scriptStep struct {
	at    time.Duration
	label string
	set   []watchers.Verdict
}

func newScriptSource(clk clock.Clock) *scriptSource {
	return &scriptSource{clk: clk, verdicts: map[string]watchers.Verdict{}, subs: map[int]chan watchers.Event{}, step: "starting"}
}

// demoConfig watches the twelve built-in exchanges, btc pairs on the Japanese venues.
func demoConfig() config.Config {
	cfg := config.Default()
	cfg.Path = "(demo)"
	for i := range cfg.Exchanges {
		switch cfg.Exchanges[i].ID {
		case "bitbank", "coincheck":
			cfg.Exchanges[i].Pairs = []string{"btc_jpy"}
		}
	}
	return cfg
}

// knownNames spell the built-in exchanges for rows and settings when an
// adapter is not linked in (its catalog entry would say the same).
var knownNames = map[string]string{
	"bitbank": "bitbank", "coincheck": "Coincheck", "bitflyer": "bitFlyer", "gmocoin": "GMO Coin",
	"coinbase": "Coinbase", "kraken": "Kraken", "binance": "Binance", "okx": "OKX", "bybit": "Bybit",
	"bitstamp": "Bitstamp", "gemini": "Gemini", "bitfinex": "Bitfinex",
}

func demoVerdict(id string, l exchanges.Level, summary string) watchers.Verdict {
	v := watchers.Verdict{ID: id, Name: knownNames[id], Level: l, Summary: summary, Advice: exchanges.AdviceFor(l)}
	if x, ok := exchanges.Lookup(id); ok {
		v.Links, v.Domains = x.Links, x.Domains
	}
	if id == "bitbank" && v.Links.Status == "" {
		v.Links = exchanges.Links{Status: "https://status.bitbank.cc/", Notices: "https://blog.bitbank.cc/", Support: "https://support.bitbank.cc/"}
		v.Domains = []string{"bitbank.cc", "app.bitbank.cc", "support.bitbank.cc"}
	}
	return v
}

func (s *scriptSource) timeline(start time.Time) []scriptStep {
	var first []watchers.Verdict
	for _, id := range exchanges.Order {
		first = append(first, demoVerdict(id, exchanges.Operational, "All systems normal"))
	}
	maint := exchanges.MaintenanceWindow{Title: "Scheduled system maintenance", Start: start.Add(15 * time.Second), End: start.Add(2 * time.Hour), URL: "https://coincheck.com/ja/info", Status: "scheduled"}
	ccPlanned := demoVerdict("coincheck", exchanges.Operational, "Maintenance announced")
	ccPlanned.Maintenance = []exchanges.MaintenanceWindow{maint}
	ccActive := demoVerdict("coincheck", exchanges.Maintenance, "Scheduled maintenance in progress")
	maint.Status = "in_progress"
	ccActive.Maintenance = []exchanges.MaintenanceWindow{maint}
	ccActive.Reasons = []exchanges.Reason{{Source: exchanges.SourceStatusPage, Detail: "Scheduled system maintenance: in progress"}}
	bb := demoVerdict("bitbank", exchanges.Outage, "Trading halted on btc_jpy")
	bb.Reasons = []exchanges.Reason{{Source: exchanges.SourceREST, Detail: "btc_jpy HALT"}, {Source: exchanges.SourceWebsocket, Detail: "no ticker for btc_jpy since the halt"}}
	bb.Pairs = []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}
	kr := demoVerdict("kraken", exchanges.Degraded, "Real-time feed stalled")
	kr.Reasons = []exchanges.Reason{{Source: exchanges.SourceWebsocket, Detail: "no message for 30s"}, {Source: exchanges.SourceREST, Detail: "SystemStatus online"}}
	return []scriptStep{
		{0, "first_checks", first[:4]},
		{700 * time.Millisecond, "first_checks", first[4:]},
		{2 * time.Second, "maint_announced", []watchers.Verdict{ccPlanned, kr}},
		{4 * time.Second, "halt", []watchers.Verdict{bb}},
		{15 * time.Second, "maint_begins", []watchers.Verdict{ccActive}},
		{90 * time.Second, "recovery", []watchers.Verdict{first[0], first[1], first[5]}},
	}
}

// Run plays the timeline until ctx ends, restarting it two minutes after each run.
func (s *scriptSource) Run(ctx context.Context) {
	for {
		start := s.clk.Now()
		for _, st := range s.timeline(start) {
			wait := start.Add(st.at).Sub(s.clk.Now())
			if wait > 0 {
				t := s.clk.NewTimer(wait)
				select {
				case <-ctx.Done():
					t.Stop()
					return
				case <-t.C():
				}
			}
			s.play(ctx, st)
		}
		t := s.clk.NewTimer(30 * time.Second)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C():
		}
	}
}

func (s *scriptSource) play(ctx context.Context, st scriptStep) {
	now := s.clk.Now()
	s.mu.Lock()
	s.step = st.label
	var evs []watchers.Event
	for _, v := range st.set {
		old, seen := s.verdicts[v.ID]
		v.CheckedAt = now
		v.Since = now
		kind := watchers.Changed
		if seen && old.Level == v.Level {
			v.Since = old.Since
			kind = watchers.Updated
		}
		s.verdicts[v.ID] = v
		evs = append(evs, watchers.Event{Kind: kind, Time: now, Verdict: v, Previous: old.Level, First: !seen})
	}
	subs := make([]chan watchers.Event, 0, len(s.subs))
	for _, c := range s.subs {
		subs = append(subs, c)
	}
	s.mu.Unlock()
	for _, ev := range evs {
		for _, c := range subs {
			select {
			case c <- ev:
			case <-ctx.Done():
				return
			}
		}
	}
}

// Step is the timeline step now playing, for the DEMO badge.
func (s *scriptSource) Step() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.step
}

// Subscribe implements Source. Subscribers must keep reading until they cancel.
func (s *scriptSource) Subscribe() (<-chan watchers.Event, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.next
	s.next++
	c := make(chan watchers.Event, 64)
	s.subs[id] = c
	return c, func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

// Verdicts implements Source.
func (s *scriptSource) Verdicts() []watchers.Verdict {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []watchers.Verdict
	for _, id := range exchanges.Order {
		if v, ok := s.verdicts[id]; ok {
			out = append(out, v)
		}
	}
	return out
}
