package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

// Delivery limits.
const (
	DefaultExpiry   = 24 * time.Hour   // give up on an undelivered alert after this
	maxQueue        = 500              // pending items per channel; the oldest go first
	attemptTimeout  = 30 * time.Second // one Send
	backoffBase     = 5 * time.Second
	backoffCap      = 15 * time.Minute
	retryAfterCap   = time.Hour
	defaultSpacing  = 2 * time.Minute // per-exchange minimum spacing of non-escalating alerts
	defaultMinLevel = exchanges.Restricted
)

// Options are the Dispatcher's collaborators. Zero values are usable:
// wall clock, in-memory outbox, no recorder, no secrets.
type Options struct {
	Clock    clock.Clock
	Outbox   Outbox
	History  Recorder
	Secrets  func(ref string) (string, error) // resolves "keyring:NAME" references (NAME is passed)
	Channels []Channel                        // extra channels, e.g. the desktop one from ui
	Language string                           // "ja" | "en"; default cfg.Language, else "en"
	Location *time.Location                   // for quiet hours and times in text; default time.Local
	Client   *http.Client                     // for the HTTP channels; default 30s timeout
	Expiry   time.Duration                    // default DefaultExpiry
	Spacing  time.Duration                    // default 2m
	OnError  func(error)                      // outbox/recorder problems; default ignore
}

// LevelFilter may be implemented by an extra Channel to set its own
// min_level (default restricted).
type LevelFilter interface{ MinLevel() exchanges.Level }

// Dispatcher turns engine events into alerts and delivers them through
// every channel, through the outbox. Handle never blocks on a channel.
type Dispatcher struct {
	clk     clock.Clock
	outbox  Outbox
	rec     Recorder
	loc     *time.Location
	expiry  time.Duration
	onError func(error)

	mu     sync.Mutex
	pol    *policy
	timer  clock.Timer
	routes []*route

	problems []error
}

type route struct {
	ch   Channel
	min  exchanges.Level
	lang string
	w    *worker
}

// pendingItem is what the outbox stores for one message on one channel.
type pendingItem struct {
	Channel  string    `json:"channel"`
	Message  Message   `json:"message"`
	MsgID    string    `json:"message_id"` // Message.ID has no JSON tag in the contract
	Attempts int       `json:"attempts"`
	NextAt   time.Time `json:"next_at"`
	Expires  time.Time `json:"expires"`
}

// New builds a Dispatcher from the config's [alerts] and [[notify]]
// sections. A channel whose secret cannot be read is kept, failing each
// send with a clear error, and listed by Problems; a malformed channel is
// an error.
func New(cfg config.Config, opt Options) (*Dispatcher, error) {
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	if opt.Outbox == nil {
		opt.Outbox = NewMemoryOutbox()
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	if opt.Expiry <= 0 {
		opt.Expiry = DefaultExpiry
	}
	if opt.Spacing <= 0 {
		opt.Spacing = defaultSpacing
	}
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: attemptTimeout}
	}
	if opt.OnError == nil {
		opt.OnError = func(error) {}
	}
	lang := opt.Language
	if lang == "" {
		lang = cfg.Language
	}
	if lang != "ja" {
		lang = "en"
	}
	quiet, err := parseQuietHours(cfg.Alerts.QuietHours)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	d := &Dispatcher{clk: opt.Clock, outbox: opt.Outbox, rec: opt.History, loc: opt.Location, expiry: opt.Expiry, onError: opt.OnError}
	d.pol = &policy{
		group: cfg.Alerts.GroupWindow.Duration, reminder: cfg.Alerts.Reminder.Duration, prewarn: cfg.Alerts.PreWarning.Duration,
		spacing: opt.Spacing, quiet: quiet, loc: opt.Location, ex: map[string]*exState{}, cal: NewCalendar(),
	}
	names := map[string]bool{}
	for i, n := range cfg.Notify {
		ch, perr, err := buildChannel(n, i, names, opt)
		if err != nil {
			return nil, err
		}
		if perr != nil {
			d.problems = append(d.problems, perr)
		}
		min := defaultMinLevel
		if n.MinLevel != "" {
			if min, err = exchanges.ParseLevel(n.MinLevel); err != nil {
				return nil, fmt.Errorf("notify: channel %s: min_level: %w", ch.Name(), err)
			}
		}
		l := lang
		if n.Language == "ja" || n.Language == "en" {
			l = n.Language
		}
		d.routes = append(d.routes, &route{ch: ch, min: min, lang: l})
	}
	for _, ch := range opt.Channels {
		if names[ch.Name()] {
			return nil, fmt.Errorf("notify: two channels named %q", ch.Name())
		}
		names[ch.Name()] = true
		min := defaultMinLevel
		if f, ok := ch.(LevelFilter); ok {
			min = f.MinLevel()
		}
		d.routes = append(d.routes, &route{ch: ch, min: min, lang: lang})
	}
	for _, r := range d.routes {
		r.w = &worker{d: d, ch: r.ch, items: map[string]*pendingItem{}, wake: make(chan struct{}, 1)}
	}
	d.timer = d.clk.NewTimer(time.Hour)
	d.timer.Stop()
	// Resume what a previous run left undelivered.
	pending, err := d.outbox.PendingOutbox()
	if err != nil {
		return nil, fmt.Errorf("notify: reading the outbox: %w", err)
	}
	for key, raw := range pending {
		var it pendingItem
		if err := json.Unmarshal(raw, &it); err != nil {
			d.onError(fmt.Errorf("notify: dropping unreadable outbox item: %w", err))
			d.outbox.DropOutbox(key)
			continue
		}
		it.Message.ID = it.MsgID
		for _, r := range d.routes {
			if r.ch.Name() == it.Channel {
				r.w.add(key, &it)
			}
		}
	}
	if ss, ok := opt.Outbox.(StateStore); ok {
		if err := d.restoreLocked(ss, d.clk.Now()); err != nil {
			d.problems = append(d.problems, err)
		}
	}
	return d, nil
}

func buildChannel(n config.Notify, i int, names map[string]bool, opt Options) (Channel, error, error) {
	name := n.Name
	if name == "" {
		name = n.Kind
		for k := 2; names[name]; k++ {
			name = fmt.Sprintf("%s-%d", n.Kind, k)
		}
	}
	if names[name] {
		return nil, nil, fmt.Errorf("notify: two channels named %q", name)
	}
	names[name] = true
	secret := ""
	var problem error
	if n.Token != "" {
		ref, ok := strings.CutPrefix(n.Token, "keyring:")
		if !ok || ref == "" {
			return nil, nil, fmt.Errorf("notify: channel %s: token must be a keyring reference (keyring:NAME); secrets never go in the config file", name)
		}
		if opt.Secrets == nil {
			problem = fmt.Errorf("notify: channel %s: no keyring available to read %s", name, n.Token)
		} else if s, err := opt.Secrets(ref); err != nil {
			problem = fmt.Errorf("notify: channel %s: cannot read %s from the keyring: %w", name, n.Token, err)
		} else {
			secret = s
		}
	}
	if problem != nil {
		return broken{name, problem}, problem, nil
	}
	var ch Channel
	var err error
	switch n.Kind {
	case "ntfy":
		ch, err = NewNtfy(name, n.URL, secret, opt.Client)
	case "discord", "slack":
		// The webhook URL is itself a credential: prefer it from the keyring.
		u := n.URL
		if secret != "" {
			u = secret
		}
		if n.Kind == "discord" {
			ch, err = NewDiscord(name, u, opt.Client)
		} else {
			ch, err = NewSlack(name, u, opt.Client)
		}
	case "telegram":
		ch, err = NewTelegram(name, n.URL, secret, n.ChatID, opt.Client)
	case "webhook":
		ch, err = NewWebhook(name, n.URL, secret, opt.Client)
	default:
		return nil, nil, fmt.Errorf("notify: [[notify]] #%d: kind %q unknown (want ntfy, discord, slack, telegram or webhook)", i+1, n.Kind)
	}
	if err != nil {
		// Never echo the URL: for discord/slack it may be the secret.
		return nil, nil, fmt.Errorf("notify: channel %s: %v", name, err)
	}
	return ch, nil, nil
}

// broken is a channel whose secret could not be read. Its failures are
// permanent: the secret is read once, at start, so a retry cannot succeed.
type broken struct {
	name string
	err  error
}

func (b broken) Name() string { return b.name }
func (b broken) Send(context.Context, Message) error {
	return &SendError{Channel: b.name, Detail: b.err.Error(), Cause: b.err}
}

// Problems lists channels that cannot work (e.g. a secret missing from the keyring).
func (d *Dispatcher) Problems() []error { return slices.Clone(d.problems) }

// Channels lists the channel names.
func (d *Dispatcher) Channels() []string {
	var out []string
	for _, r := range d.routes {
		out = append(out, r.ch.Name())
	}
	return out
}

// Calendar is the maintenance calendar built from the verdicts seen.
func (d *Dispatcher) Calendar() *Calendar { return d.pol.cal }

// Handle takes one engine event. It persists any resulting alert and hands
// it to the channel workers; it never waits for a channel.
func (d *Dispatcher) Handle(ev watchers.Event) {
	d.mu.Lock()
	now := d.clk.Now()
	alerts := d.pol.handle(ev, now)
	d.armLocked(now)
	d.mu.Unlock()
	d.dispatch(alerts)
	if len(alerts) > 0 || ev.First {
		d.saveState()
	}
}

func (d *Dispatcher) tick() {
	d.mu.Lock()
	now := d.clk.Now()
	alerts := d.pol.tick(now)
	d.armLocked(now)
	d.mu.Unlock()
	d.dispatch(alerts)
	if len(alerts) > 0 {
		d.saveState()
	}
}

func (d *Dispatcher) armLocked(now time.Time) {
	next := d.pol.next(now)
	if next.IsZero() {
		d.timer.Stop()
		return
	}
	d.timer.Reset(max(next.Sub(now), 0))
}

// Snooze silences alerts until the given time, on every channel, except a
// new outage. A zero or past time ends the snooze.
func (d *Dispatcher) Snooze(until time.Time) {
	d.mu.Lock()
	d.pol.snooze = until
	d.mu.Unlock()
}

// Snoozed is the end of the current snooze, zero when not snoozed.
func (d *Dispatcher) Snoozed() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.clk.Now().Before(d.pol.snooze) {
		return d.pol.snooze
	}
	return time.Time{}
}

// Acknowledge stops reminders for an exchange's current trouble; the next
// trouble after a recovery reminds again.
func (d *Dispatcher) Acknowledge(exchangeID string) {
	d.mu.Lock()
	d.pol.acknowledge(exchangeID)
	d.armLocked(d.clk.Now())
	d.mu.Unlock()
	d.saveState()
}

// SendTest sends a test message through one channel (or every channel when
// name is ""), directly, without the outbox, and reports the outcome.
func (d *Dispatcher) SendTest(ctx context.Context, name string) error {
	now := d.clk.Now()
	var errs []error
	found := false
	for _, r := range d.routes {
		if name != "" && r.ch.Name() != name {
			continue
		}
		found = true
		a := alert{kind: KindTest, at: now, id: fmt.Sprintf("test|%d", now.UnixNano()), items: []item{{}}}
		m := render(a, r.lang, d.loc)
		m.Exchanges, m.Details = nil, nil
		cctx, cancel := context.WithTimeout(ctx, attemptTimeout)
		err := r.ch.Send(cctx, m)
		cancel()
		d.record(m.ID, r.ch.Name(), 1, err)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if !found {
		if name == "" {
			return errors.New("notify: no channels configured")
		}
		return fmt.Errorf("notify: no channel named %q (have %s)", name, strings.Join(d.Channels(), ", "))
	}
	return errors.Join(errs...)
}

func (d *Dispatcher) record(id, channel string, attempt int, err error) {
	if d.rec == nil {
		return
	}
	if rerr := d.rec.RecordDelivery(id, channel, d.clk.Now(), attempt, err); rerr != nil {
		d.onError(fmt.Errorf("notify: recording a delivery: %w", rerr))
	}
}

// dispatch persists each alert per channel, then queues it.
func (d *Dispatcher) dispatch(alerts []alert) {
	for _, a := range alerts {
		rendered := map[string]Message{}
		for _, r := range d.routes {
			m, ok := rendered[r.lang]
			if !ok {
				m = render(a, r.lang, d.loc)
				rendered[r.lang] = m
			}
			if m.Level.Severity() < r.min.Severity() {
				continue
			}
			key := m.ID + "|" + r.ch.Name()
			if done, _ := d.outbox.Delivered(key); done {
				continue
			}
			it := &pendingItem{Channel: r.ch.Name(), Message: m, MsgID: m.ID, NextAt: a.at, Expires: a.at.Add(d.expiry)}
			raw, err := json.Marshal(it)
			if err == nil {
				err = d.outbox.PutOutbox(key, raw)
			}
			if err != nil {
				// Deliver anyway: an alert that cannot be persisted is still worth sending.
				d.onError(fmt.Errorf("notify: saving alert for %s: %w", r.ch.Name(), err))
			}
			r.w.add(key, it)
		}
	}
}

// Run owns every goroutine: the policy's timer and one worker per channel.
// It returns nil once ctx is done and all of them have stopped.
func (d *Dispatcher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, r := range d.routes {
		wg.Go(func() { r.w.run(ctx) })
	}
	for {
		select {
		case <-ctx.Done():
			d.mu.Lock()
			d.timer.Stop()
			d.mu.Unlock()
			wg.Wait()
			return nil
		case <-d.timer.C():
			d.tick()
		}
	}
}

// worker delivers one channel's items, one at a time, with backoff.
type worker struct {
	d     *Dispatcher
	ch    Channel
	mu    sync.Mutex
	items map[string]*pendingItem
	wake  chan struct{}
}

func (w *worker) add(key string, it *pendingItem) {
	w.mu.Lock()
	w.items[key] = it
	var dropped []string
	for len(w.items) > maxQueue {
		oldest := ""
		for k, x := range w.items {
			if oldest == "" || x.Expires.Before(w.items[oldest].Expires) {
				oldest = k
			}
		}
		dropped = append(dropped, oldest)
		delete(w.items, oldest)
	}
	w.mu.Unlock()
	for _, k := range dropped {
		w.d.outbox.DropOutbox(k)
		w.d.onError(fmt.Errorf("notify: %s: queue full, dropped an old alert", w.ch.Name()))
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// next returns the due item (if any) and otherwise when the next falls due.
func (w *worker) next(now time.Time) (string, *pendingItem, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var key string
	var best *pendingItem
	for k, it := range w.items {
		if best == nil || it.NextAt.Before(best.NextAt) || (it.NextAt.Equal(best.NextAt) && k < key) {
			key, best = k, it
		}
	}
	if best == nil {
		return "", nil, time.Time{}
	}
	if best.NextAt.After(now) {
		return "", nil, best.NextAt
	}
	return key, best, time.Time{}
}

func (w *worker) run(ctx context.Context) {
	timer := w.d.clk.NewTimer(time.Hour)
	defer timer.Stop()
	timer.Stop()
	var report func() // the last attempt's record, written once the next wait is armed
	for {
		now := w.d.clk.Now()
		key, it, at := w.next(now)
		if it == nil {
			if at.IsZero() {
				timer.Stop()
			} else {
				timer.Reset(at.Sub(now))
			}
			if report != nil {
				report()
				report = nil
			}
			select {
			case <-ctx.Done():
				return
			case <-timer.C():
			case <-w.wake:
			}
			continue
		}
		if report != nil {
			report()
			report = nil
		}
		if ctx.Err() != nil {
			return
		}
		report = w.attempt(ctx, key, it, now)
	}
}

// attempt sends one item and updates its state; it returns the history
// record to write.
func (w *worker) attempt(ctx context.Context, key string, it *pendingItem, now time.Time) func() {
	name := w.ch.Name()
	if !now.Before(it.Expires) {
		w.remove(key)
		w.d.outbox.DropOutbox(key)
		err := fmt.Errorf("notify %s: gave up after %d attempts: expired", name, it.Attempts)
		return func() { w.d.record(it.MsgID, name, it.Attempts, err) }
	}
	if done, _ := w.d.outbox.Delivered(key); done {
		w.remove(key)
		return nil
	}
	it.Attempts++
	cctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	m := it.Message
	m.ID = it.MsgID
	err := w.ch.Send(cctx, m)
	cancel()
	attempt := it.Attempts
	now = w.d.clk.Now()
	switch retry, hint := IsRetryable(err); {
	case err == nil:
		w.remove(key)
		if merr := w.d.outbox.MarkDelivered(key, now); merr != nil {
			w.d.onError(fmt.Errorf("notify: marking delivered: %w", merr))
		}
	case ctx.Err() != nil:
		// Shutting down: the item stays in the outbox for the next start.
		it.Attempts--
		return nil
	case !retry:
		w.remove(key)
		w.d.outbox.DropOutbox(key)
	default:
		wait := backoff(attempt)
		if hint > 0 {
			wait = min(hint, retryAfterCap)
		}
		w.mu.Lock()
		it.NextAt = now.Add(wait)
		w.mu.Unlock()
		if raw, merr := json.Marshal(it); merr == nil {
			if perr := w.d.outbox.PutOutbox(key, raw); perr != nil {
				w.d.onError(fmt.Errorf("notify: updating outbox: %w", perr))
			}
		}
	}
	return func() { w.d.record(it.MsgID, name, attempt, err) }
}

func (w *worker) remove(key string) {
	w.mu.Lock()
	delete(w.items, key)
	w.mu.Unlock()
}

// backoff is exponential with ±20% jitter: 5s, 10s, 20s, ... capped at 15m.
func backoff(attempt int) time.Duration {
	d := backoffBase
	for i := 1; i < attempt && d < backoffCap; i++ {
		d *= 2
	}
	d = min(d, backoffCap)
	j := time.Duration(rand.Int64N(int64(d)/5*2+1)) - d/5
	return d + j
}
