package watchers

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
)

// Options tunes the engine; the zero value gives production defaults.
type Options struct {
	Clock          clock.Clock                      // default clock.Real{}
	HTTPClient     *http.Client                     // default: the engine's own (timeouts, no redirects to non-https except loopback)
	Dialer         *websocket.Dialer                // default: the engine's own
	Logf           func(format string, args ...any) // optional; never logs secrets or whole bodies
	QuickRecheck   time.Duration                    // re-check delay after a failure; default 3s
	RequestTimeout time.Duration                    // default 10s
	MaxBody        int64                            // default 4 MiB (after gzip decoding)
}

// Engine watches the configured exchanges and emits verdict events.
type Engine struct {
	opt     Options
	clk     clock.Clock
	ownHTTP bool

	// Tuning, from the constants in options.go; tests shorten them.
	jitter       func(time.Duration) time.Duration
	hostGap      time.Duration
	connCache    time.Duration
	garbageBurst int
	gapLoopback  bool // tests: rate-limit loopback hosts too
	wsBackoffMin time.Duration
	wsBackoffMax time.Duration
	// Test hooks, called outside the lock.
	onCheck func(id, key string)
	onFeed  func(id, what string)

	mu        sync.Mutex
	failures  int
	successes int
	interval  time.Duration
	connURLs  []string
	watchers  []*exWatcher // display order
	subs      map[*subscriber]struct{}
	hosts     map[string]*hostState
	running   bool
	runCtx    context.Context
	runWG     sync.WaitGroup
	evidence  [2]evidence
	conn      connState
	connWait  chan struct{} // closed when the connectivity check in flight ends
	lastCheck time.Time
}

// exWatcher is one watched exchange: its signals and current verdict.
type exWatcher struct {
	spec     spec
	ex       *exchanges.Exchange
	probes   []exchanges.Probe
	feed     *exchanges.Feed
	sigs     []*signal // probes in order, then ws liveness, ws status
	interval time.Duration
	verdict  Verdict
	emitted  bool // the first verdict went out
	removed  bool // dropped by Apply; a check still in flight must not emit

	cancel context.CancelFunc
	done   chan struct{}
}

// probesTried reports whether every REST probe has finished at least one
// check (answered, failed or timed out).
func (w *exWatcher) probesTried() bool {
	for i := range w.probes {
		if w.sigs[i].checkedAt.IsZero() {
			return false
		}
	}
	return true
}

// spec is what identifies a watcher's setup: a change restarts it.
type spec struct {
	id, name, url, path string
	ok                  string
	endpoints           exchanges.Endpoints
	pairs               string
}

// hostState spaces the requests of several probes to one host.
type hostState struct {
	booked       map[*signal]time.Time // each probe's next request slot
	used         []time.Time           // slots taken less than hostGap ago
	backoffUntil time.Time             // Retry-After
}

// New resolves cfg.Exchanges against the catalog (an empty list means every
// catalog exchange) and returns an engine ready to Run.
func New(cfg config.Config, opt Options) (*Engine, error) {
	e := &Engine{
		ownHTTP:      opt.HTTPClient == nil,
		opt:          opt.withDefaults(),
		hostGap:      hostGap,
		connCache:    connCache,
		garbageBurst: garbageBurst,
		wsBackoffMin: wsBackoffMin,
		wsBackoffMax: wsBackoffMax,
		subs:         map[*subscriber]struct{}{},
		hosts:        map[string]*hostState{},
		conn:         connState{state: ConnectivityNA},
	}
	e.clk = e.opt.Clock
	e.jitter = func(d time.Duration) time.Duration { // ±10%
		if d <= 0 {
			return d
		}
		return d - d/10 + rand.N(d/5+1)
	}
	ws, err := e.resolve(cfg)
	if err != nil {
		return nil, err
	}
	e.setTuning(cfg)
	e.watchers = ws
	return e, nil
}

func (e *Engine) setTuning(cfg config.Config) {
	e.failures, e.successes, e.interval = cfg.Failures, cfg.Successes, cfg.Interval.Duration
	if e.failures <= 0 {
		e.failures = DefaultFailures
	}
	if e.successes <= 0 {
		e.successes = DefaultSuccesses
	}
	if e.interval <= 0 {
		e.interval = DefaultInterval
	}
	e.connURLs = slices.Clone(cfg.Connectivity.URLs)
}

// resolve builds (not starts) a watcher per configured exchange, in
// catalog order, user-defined endpoints after in config order.
func (e *Engine) resolve(cfg config.Config) ([]*exWatcher, error) {
	list := cfg.Exchanges
	if len(list) == 0 {
		for _, ex := range exchanges.All() {
			list = append(list, config.Exchange{ID: ex.ID})
		}
	}
	now := e.clk.Now()
	seen := map[string]bool{}
	var out []*exWatcher
	for _, c := range list {
		if c.ID == "" {
			return nil, errors.New("watchers: an exchange without an id")
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("watchers: exchange %q listed twice", c.ID)
		}
		seen[c.ID] = true
		sp := spec{id: c.ID, pairs: strings.Join(c.Pairs, "\x00")}
		var ex *exchanges.Exchange
		if c.Custom() {
			if c.Path == "" || len(c.OK) == 0 {
				return nil, fmt.Errorf("watchers: exchange %q: a user-defined endpoint needs path and ok", c.ID)
			}
			if err := checkURL(c.URL, "http", "https"); err != nil {
				return nil, fmt.Errorf("watchers: exchange %q: url: %w", c.ID, err)
			}
			sp.name, sp.url, sp.path, sp.ok = c.Name, c.URL, c.Path, strings.Join(c.OK, "\x00")
			ex = exchanges.Custom(c.ID, c.Name, c.URL, c.Path, c.OK)
			sp.endpoints = ex.Defaults
		} else {
			var ok bool
			ex, ok = exchanges.Lookup(c.ID)
			if !ok {
				return nil, fmt.Errorf("watchers: unknown exchange %q", c.ID)
			}
			o := exchanges.Endpoints{API: c.API, Public: c.Public, StatusPage: c.StatusPage, WS: c.WS}
			for _, f := range []struct{ name, v string }{{"api", o.API}, {"public", o.Public}, {"statuspage", o.StatusPage}} {
				if f.v != "" && f.v != exchanges.Off {
					if err := checkURL(f.v, "http", "https"); err != nil {
						return nil, fmt.Errorf("watchers: exchange %q: %s: %w", c.ID, f.name, err)
					}
				}
			}
			if o.WS != "" && o.WS != exchanges.Off {
				if err := checkURL(o.WS, "ws", "wss"); err != nil {
					return nil, fmt.Errorf("watchers: exchange %q: ws: %w", c.ID, err)
				}
			}
			sp.endpoints = ex.Defaults.Override(o)
		}
		w := &exWatcher{spec: sp, ex: ex, interval: c.Interval.Duration}
		target := exchanges.Target{Endpoints: sp.endpoints, Pairs: slices.Clone(c.Pairs)}
		if ex.Probes != nil {
			w.probes = ex.Probes(target)
		}
		for _, p := range w.probes {
			w.sigs = append(w.sigs, &signal{key: p.Name, source: p.Source, url: p.URL})
		}
		if ex.Feed != nil && exchanges.Enabled(sp.endpoints.WS) {
			w.feed = ex.Feed(target)
		}
		if w.feed != nil {
			w.sigs = append(w.sigs,
				&signal{key: "ws", source: exchanges.SourceWebsocket, url: w.feed.URL},
				&signal{key: "ws/status", source: exchanges.SourceWebsocket, url: w.feed.URL})
		}
		w.verdict = waiting(ex, now)
		out = append(out, w)
	}
	rank := map[string]int{}
	for i, id := range exchanges.Order {
		rank[id] = i + 1
	}
	r := func(w *exWatcher) int {
		if n := rank[w.ex.ID]; n > 0 && w.spec.url == "" {
			return n
		}
		return len(exchanges.Order) + 1
	}
	slices.SortStableFunc(out, func(a, b *exWatcher) int { return r(a) - r(b) })
	return out, nil
}

// checkURL accepts the given schemes; the plain one (first) only for
// loopback hosts (SPEC §5).
func checkURL(raw, plain, secure string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return errors.New("not an absolute URL")
	}
	switch u.Scheme {
	case secure:
		return nil
	case plain:
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("plain %s:// is only allowed for loopback hosts; use %s://", plain, secure)
	}
	return fmt.Errorf("scheme %q not allowed (want %s)", u.Scheme, secure)
}

// Run watches until ctx is done; when it returns every goroutine it started has stopped.
func (e *Engine) Run(ctx context.Context) error {
	e.mu.Lock()
	if e.running {
		e.mu.Unlock()
		return errors.New("watchers: engine already running")
	}
	e.running = true
	e.runCtx = ctx
	for _, w := range e.watchers {
		e.startLocked(w)
	}
	e.mu.Unlock()

	<-ctx.Done()

	e.mu.Lock()
	ws := slices.Clone(e.watchers)
	e.mu.Unlock()
	for _, w := range ws {
		e.stop(w)
	}
	e.runWG.Wait()
	e.mu.Lock()
	e.running = false
	e.runCtx = nil
	e.mu.Unlock()
	if e.ownHTTP {
		e.opt.HTTPClient.CloseIdleConnections()
	}
	return nil
}

// startLocked starts w's probe and feed goroutines; e.mu is held.
func (e *Engine) startLocked(w *exWatcher) {
	ctx, cancel := context.WithCancel(e.runCtx)
	w.cancel = cancel
	w.done = make(chan struct{})
	var wg sync.WaitGroup
	for i, p := range w.probes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.runProbe(ctx, w, p, w.sigs[i])
		}()
	}
	if w.feed != nil {
		n := len(w.probes)
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.runFeed(ctx, w, w.feed, w.sigs[n], w.sigs[n+1])
		}()
	}
	e.runWG.Add(1)
	go func() {
		defer e.runWG.Done()
		wg.Wait()
		close(w.done)
	}()
}

// stop cancels w and waits for its goroutines; e.mu must not be held.
func (e *Engine) stop(w *exWatcher) {
	e.mu.Lock()
	cancel, done := w.cancel, w.done
	e.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
}

// Verdicts returns the current verdicts in catalog order.
func (e *Engine) Verdicts() []Verdict {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Verdict, len(e.watchers))
	for i, w := range e.watchers {
		out[i] = w.verdict
	}
	return out
}

// Apply reconfigures a running (or not yet running) engine: watchers whose
// setup is unchanged keep running and keep their state; intervals and
// thresholds change in place.
func (e *Engine) Apply(cfg config.Config) error {
	next, err := e.resolve(cfg)
	if err != nil {
		return err
	}
	e.mu.Lock()
	e.setTuning(cfg)
	old := map[string]*exWatcher{}
	for _, w := range e.watchers {
		old[w.spec.id] = w
	}
	var stale []*exWatcher
	for i, nw := range next {
		if ow, ok := old[nw.spec.id]; ok {
			delete(old, nw.spec.id)
			if ow.spec == nw.spec {
				ow.interval = nw.interval
				next[i] = ow
				continue
			}
			stale = append(stale, ow)
		}
		if e.running {
			e.startLocked(nw)
		}
	}
	for _, ow := range old {
		stale = append(stale, ow)
	}
	for _, ow := range stale {
		ow.removed = true
	}
	e.watchers = next
	e.mu.Unlock()
	for _, w := range stale {
		e.stop(w)
	}
	return nil
}

// intervalFor is w's poll interval for p, never faster than p allows.
func (e *Engine) intervalLocked(w *exWatcher, min time.Duration) time.Duration {
	d := w.interval
	if d <= 0 {
		d = e.interval
	}
	return max(d, min)
}

// updateLocked refuses w's verdict after a signal changed and emits the
// event that is due; e.mu is held.
func (e *Engine) updateLocked(w *exWatcher) {
	if w.removed {
		return
	}
	now := e.clk.Now()
	v := fuse(w.ex, w.sigs)
	old := w.verdict
	first := !w.emitted
	if first && (v.Level == exchanges.Unknown && v.Summary == waitingSummary && len(v.Reasons) == 0 || !w.probesTried()) {
		w.verdict.CheckedAt = v.CheckedAt
		return // nothing known yet, or only the websocket has spoken: the first verdict waits for the status endpoints
	}
	switch {
	case first || v.Level != old.Level:
		v.Since = now
		w.verdict = v
		w.emitted = true
		e.emitLocked(Event{Kind: Changed, Time: now, Verdict: v, Previous: old.Level, First: first})
	case !sameDetails(v, old):
		v.Since = old.Since
		w.verdict = v
		e.emitLocked(Event{Kind: Updated, Time: now, Verdict: v, Previous: old.Level})
	default:
		w.verdict.CheckedAt = v.CheckedAt
	}
}
