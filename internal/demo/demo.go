package demo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
)

// Step is one scene of the timeline.
type Step struct {
	At      time.Duration // offset from the start of a cycle
	Title   string        // English, e.g. "bitbank halts trading on btc_jpy"
	TitleJA string
	apply   func(d *Demo, now time.Time)
}

// Options tune a demo; the zero value is the real thing.
type Options struct {
	Clock clock.Clock // drives the timeline; default clock.Real{}
	// Interval is the poll interval written into Config (default 2s).
	Interval time.Duration
	// NoTimeline keeps every venue healthy (the footprint benchmark).
	NoTimeline bool
	// OnStep is called from the timeline goroutine as each step begins.
	OnStep func(index int, s Step)
}

// Demo is a running set of fake exchanges and its timeline.
type Demo struct {
	opt    Options
	clk    clock.Clock
	venues map[string]*fakex.Server
	ids    []string // catalog order
	online *httptest.Server
	chain  *fakex.Esplora // the demo wallet's chain
	steps  []Step
	cfg    config.Config

	mu      sync.Mutex
	current int

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// Cycle is the length of one loop of the timeline.
const Cycle = 150 * time.Second

// AlertSpacing is the alert policy's minimum spacing between one exchange's
// alerts while the demo runs. The demo compresses time, and the default two
// minutes would hold the recovery notification past the end of the story.
const AlertSpacing = 15 * time.Second

// Start starts a fake for every exchange that has one and runs the timeline
// until ctx ends or Close is called.
func Start(ctx context.Context) (*Demo, error) { return StartWith(ctx, Options{}) }

// StartWith is Start with options (a fake clock in tests).
func StartWith(ctx context.Context, opt Options) (*Demo, error) {
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	if opt.Interval <= 0 {
		opt.Interval = 2 * time.Second
	}
	d := &Demo{opt: opt, clk: opt.Clock, venues: map[string]*fakex.Server{}, done: make(chan struct{})}
	have := map[string]bool{}
	for _, id := range fakex.VenueIDs() {
		have[id] = true
	}
	for _, id := range exchanges.Order {
		if !have[id] {
			continue
		}
		srv, ok := fakex.StartVenue(id)
		if !ok {
			continue
		}
		d.venues[id] = srv
		d.ids = append(d.ids, id)
	}
	if len(d.ids) == 0 {
		return nil, errors.New("demo: no simulated exchanges are built in")
	}
	// The connectivity check's "neutral host": always answers.
	d.online = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	if err := d.startChain(); err != nil {
		d.closeServers()
		return nil, err
	}
	d.cfg = d.buildConfig()
	if err := d.cfg.Validate(); err != nil {
		d.closeServers()
		return nil, err
	}
	d.steps = d.timeline()
	ctx, d.cancel = context.WithCancel(ctx)
	if opt.NoTimeline {
		close(d.done)
		return d, nil
	}
	go d.run(ctx)
	return d, nil
}

func (d *Demo) buildConfig() config.Config {
	c := config.Default()
	c.Path = ""
	c.Interval = config.D(d.opt.Interval)
	c.Failures = 2
	c.Connectivity.URLs = []string{d.online.URL + "/generate_204"}
	c.Alerts.GroupWindow = config.D(2 * time.Second)
	c.Wallet.Network = string(WalletNetwork)
	c.Wallet.Esplora = d.chain.URL()
	c.Exchanges = nil
	for _, id := range d.ids {
		ep := d.venues[id].Endpoints()
		e := config.Exchange{ID: id, API: ep.API, Public: ep.Public, StatusPage: ep.StatusPage, WS: ep.WS}
		if e.WS == "" {
			e.WS = exchanges.Off
		}
		if id == "bitbank" {
			e.Pairs = []string{"btc_jpy"} // so the halted pair is an outage for this user
		}
		c.Exchanges = append(c.Exchanges, e)
	}
	return c
}

// Config is a config that watches every simulated exchange.
func (d *Demo) Config() config.Config {
	c := d.cfg
	c.Exchanges = append([]config.Exchange(nil), d.cfg.Exchanges...)
	c.Connectivity.URLs = append([]string(nil), d.cfg.Connectivity.URLs...)
	return c
}

// IDs are the simulated exchanges, in catalog order.
func (d *Demo) IDs() []string { return append([]string(nil), d.ids...) }

// Venue returns the fake for id (for tests and tools).
func (d *Demo) Venue(id string) (*fakex.Server, bool) {
	s, ok := d.venues[id]
	return s, ok
}

// Timeline returns the scripted steps of one cycle.
func (d *Demo) Timeline() []Step { return append([]Step(nil), d.steps...) }

// Current returns the index of the step in effect and the step.
func (d *Demo) Current() (int, Step) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.current, d.steps[d.current]
}

// Close stops the timeline and every fake. Safe to call twice.
func (d *Demo) Close() {
	d.once.Do(func() {
		d.cancel()
		<-d.done
		d.closeServers()
	})
}

func (d *Demo) closeServers() {
	for _, s := range d.venues {
		s.Close()
	}
	if d.online != nil {
		d.online.Close()
	}
	if d.chain != nil {
		d.chain.Close()
	}
}

// run plays the timeline in a loop; it owns no state but the timer.
func (d *Demo) run(ctx context.Context) {
	defer close(d.done)
	for {
		start := d.clk.Now()
		for i, s := range d.steps {
			if wait := start.Add(s.At).Sub(d.clk.Now()); wait > 0 {
				if !d.sleep(ctx, wait) {
					return
				}
			}
			d.apply(i, s)
		}
		if !d.sleep(ctx, start.Add(Cycle).Sub(d.clk.Now())) {
			return
		}
	}
}

func (d *Demo) sleep(ctx context.Context, wait time.Duration) bool {
	if wait <= 0 {
		return ctx.Err() == nil
	}
	t := d.clk.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C():
		return true
	}
}

func (d *Demo) apply(i int, s Step) {
	s.apply(d, d.clk.Now())
	d.mu.Lock()
	d.current = i
	d.mu.Unlock()
	if d.opt.OnStep != nil {
		d.opt.OnStep(i, s)
	}
}

// set changes one venue if it exists (venues land one by one).
func (d *Demo) set(id string, fn func(*fakex.State)) {
	if s, ok := d.venues[id]; ok {
		s.Update(fn)
	}
}
