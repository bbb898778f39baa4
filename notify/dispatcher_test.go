package notify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
)

// The history store is the production Outbox and Recorder.
var (
	_ Outbox   = (*history.Store)(nil)
	_ Recorder = (*history.Store)(nil)
)

type record struct {
	id, channel string
	attempt     int
	err         error
}

type fakeRecorder struct{ ch chan record }

func (f fakeRecorder) RecordDelivery(id, channel string, at time.Time, attempt int, err error) error {
	f.ch <- record{id, channel, attempt, err}
	return nil
}

// fakeChannel delivers into a Go channel; fail decides each attempt's outcome.
type fakeChannel struct {
	name string
	got  chan Message
	n    atomic.Int32
	fail func(n int) error
}

func newFakeChannel(name string, fail func(int) error) *fakeChannel {
	return &fakeChannel{name: name, got: make(chan Message, 64), fail: fail}
}

func (f *fakeChannel) Name() string { return f.name }
func (f *fakeChannel) Send(ctx context.Context, m Message) error {
	n := int(f.n.Add(1))
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			return err
		}
	}
	f.got <- m
	return nil
}

// blockingChannel never answers until its ctx ends: a dead service.
type blockingChannel struct{ started chan struct{} }

func (b blockingChannel) Name() string { return "dead" }
func (b blockingChannel) Send(ctx context.Context, m Message) error {
	select {
	case b.started <- struct{}{}:
	default:
	}
	<-ctx.Done()
	return &SendError{Channel: "dead", Retryable: true, Detail: "timed out"}
}

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second): // hang guard only, never a timing assertion
		t.Fatal("nothing arrived")
	}
	var zero T
	return zero
}

func start(t *testing.T, d *Dispatcher) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	var once sync.Once
	t.Cleanup(func() { once.Do(stop) })
	return func() { once.Do(stop) }
}

func outage(d *Dispatcher, clk *clock.Fake, id string) {
	d.Handle(first(id, clk.Now(), exchanges.Operational))
	d.Handle(ev(id, clk.Now(), exchanges.Outage, exchanges.Operational))
	clk.Advance(20 * time.Second)
}

func TestRetryWithBackoffUntilDelivered(t *testing.T) {
	clk := clock.NewFake(t0)
	rec := fakeRecorder{make(chan record, 64)}
	flaky := newFakeChannel("flaky", func(n int) error {
		if n <= 2 {
			return &SendError{Channel: "flaky", Status: 503, Retryable: true, Detail: "busy"}
		}
		return nil
	})
	d, err := New(alertsCfg(), Options{Clock: clk, History: rec, Channels: []Channel{flaky}, Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	start(t, d)
	outage(d, clk, "bitbank")
	for attempt := 1; attempt <= 2; attempt++ {
		r := recv(t, rec.ch)
		if r.attempt != attempt || r.err == nil {
			t.Fatalf("%+v", r)
		}
		clk.Advance(backoffCap + backoffCap/5) // past any jittered backoff
	}
	m := recv(t, flaky.got)
	if r := recv(t, rec.ch); r.attempt != 3 || r.err != nil || r.id != m.ID {
		t.Fatalf("%+v", r)
	}
	if m.Level != exchanges.Outage || !strings.Contains(m.Title, "Bitbank") {
		t.Fatalf("%+v", m)
	}
}

func TestDeadChannelDoesNotDelayOthers(t *testing.T) {
	clk := clock.NewFake(t0)
	dead := blockingChannel{make(chan struct{}, 1)}
	fast := newFakeChannel("fast", nil)
	d, _ := New(alertsCfg(), Options{Clock: clk, Channels: []Channel{dead, fast}, Location: tokyo})
	stop := start(t, d)
	outage(d, clk, "kraken")
	<-dead.started
	recv(t, fast.got) // delivered while "dead" hangs
	stop()            // and Run still stops: the hung Send sees ctx end
}

func TestPermanentErrorAndExpiry(t *testing.T) {
	clk := clock.NewFake(t0)
	rec := fakeRecorder{make(chan record, 64)}
	perm := newFakeChannel("perm", func(int) error { return &SendError{Channel: "perm", Status: 404, Detail: "Unknown Webhook"} })
	down := newFakeChannel("down", func(int) error { return errors.New("connection refused") })
	box := NewMemoryOutbox()
	cfg := alertsCfg()
	cfg.Alerts.Reminder = config.D(0)
	d, _ := New(cfg, Options{Clock: clk, History: rec, Outbox: box, Channels: []Channel{perm, down}, Location: tokyo, Expiry: time.Hour})
	start(t, d)
	outage(d, clk, "okx")
	// Each channel has its own worker: wait for both the permanent error's
	// record and the expiry, in whichever order they come.
	// The clock moves on while nothing comes: a worker records an attempt
	// before it arms its backoff timer, so one advance per record could
	// come too early and leave the retry waiting for ever.
	seen := map[string]int{}
	expired := false
	guard := time.After(10 * time.Second) // hang guard only, never a timing assertion
	for !expired || seen["perm"] == 0 {
		var r record
		select {
		case r = <-rec.ch:
		case <-time.After(5 * time.Millisecond):
			clk.Advance(backoffCap / 2)
			continue
		case <-guard:
			t.Fatalf("records so far: %v, expired: %t", seen, expired)
		}
		seen[r.channel] = r.attempt
		if r.channel == "down" && strings.Contains(r.err.Error(), "expired") {
			expired = true
		}
	}
	if seen["perm"] != 1 {
		t.Fatalf("permanent error retried: %v", seen)
	}
	if pend, _ := box.PendingOutbox(); len(pend) != 0 {
		t.Fatalf("outbox not emptied: %v", pend)
	}
}

func TestOutboxSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	clk := clock.NewFake(t0)
	store, err := history.Open(path, history.Options{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rec := fakeRecorder{make(chan record, 64)}
	failing := newFakeChannel("phone", func(int) error { return errors.New("network unreachable") })
	d1, _ := New(alertsCfg(), Options{Clock: clk, Outbox: store, History: rec, Channels: []Channel{failing}, Location: tokyo})
	stop := start(t, d1)
	outage(d1, clk, "bitflyer")
	if r := recv(t, rec.ch); r.err == nil {
		t.Fatal("first attempt should fail")
	}
	stop() // "quit the app" with the alert undelivered
	pend, _ := store.PendingOutbox()
	if len(pend) != 1 {
		t.Fatalf("pending %v", pend)
	}
	// Restart: the pending alert goes out once.
	working := newFakeChannel("phone", nil)
	d2, err := New(alertsCfg(), Options{Clock: clk, Outbox: store, History: store, Channels: []Channel{working}, Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	stop = start(t, d2)
	clk.Advance(backoffCap + backoffCap/5)
	m := recv(t, working.got)
	if !strings.Contains(m.Title, "Bitflyer") || m.ID == "" {
		t.Fatalf("%+v", m)
	}
	stop()
	if pend, _ := store.PendingOutbox(); len(pend) != 0 {
		t.Fatalf("still pending %v", pend)
	}
	if ok, _ := store.Delivered(m.ID + "|phone"); !ok {
		t.Fatal("not marked delivered")
	}
	// A third start sends nothing again, and re-dispatching the same ID is refused.
	again := newFakeChannel("phone", nil)
	d3, _ := New(alertsCfg(), Options{Clock: clk, Outbox: store, Channels: []Channel{again}, Location: tokyo})
	d3.dispatch([]alert{{kind: KindChange, id: m.ID, at: clk.Now(), items: []item{{Detail: Detail{Exchange: "bitflyer", Level: exchanges.Outage}}}}})
	start(t, d3)
	clk.Advance(time.Hour)
	select {
	case m := <-again.got:
		t.Fatalf("sent twice: %+v", m)
	default:
	}
	deliveries, _ := store.Deliveries(time.Time{})
	if len(deliveries) == 0 || !deliveries[len(deliveries)-1].OK {
		t.Fatalf("%+v", deliveries)
	}
}

func TestChannelsFromConfig(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.Path + " " + r.Header.Get("Authorization"))
		w.WriteHeader(200)
	}))
	defer srv.Close()
	cfg := alertsCfg()
	cfg.Notify = []config.Notify{
		{Kind: "ntfy", URL: srv.URL + "/topic", Token: "keyring:notify/ntfy"},
		{Kind: "telegram", ChatID: "1", Token: "keyring:notify/missing"},
		{Kind: "webhook", URL: srv.URL + "/hook", MinLevel: "outage", Language: "ja"},
	}
	secrets := func(ref string) (string, error) {
		if ref == "notify/ntfy" {
			return "tk_abc", nil
		}
		return "", errors.New("not found")
	}
	d, err := New(cfg, Options{Secrets: secrets, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if names := d.Channels(); strings.Join(names, ",") != "ntfy,telegram,webhook" {
		t.Fatal(names)
	}
	if p := d.Problems(); len(p) != 1 || !strings.Contains(p[0].Error(), "keyring:notify/missing") {
		t.Fatalf("%v", p)
	}
	if err := d.SendTest(context.Background(), "ntfy"); err != nil {
		t.Fatal(err)
	}
	if got.Load() != "/topic Bearer tk_abc" {
		t.Fatal(got.Load())
	}
	if err := d.SendTest(context.Background(), "telegram"); err == nil {
		t.Fatal("telegram without its token must fail")
	}
	if err := d.SendTest(context.Background(), "nope"); err == nil || !strings.Contains(err.Error(), "ntfy, telegram, webhook") {
		t.Fatal(err)
	}
	for _, bad := range []config.Notify{
		{Kind: "pager", URL: "https://x/"},
		{Kind: "ntfy", URL: "https://ntfy.sh/t", Token: "plaintext-secret"},
		{Kind: "discord", URL: "http://discord.example/api/webhooks/1/secretpart"},
		{Kind: "ntfy", URL: "https://ntfy.sh/t", MinLevel: "bad"},
	} {
		cfg.Notify = []config.Notify{bad}
		_, err := New(cfg, Options{})
		if err == nil {
			t.Errorf("%+v accepted", bad)
		} else if strings.Contains(err.Error(), "secret") && !strings.Contains(err.Error(), "secrets never") {
			t.Errorf("error leaks: %v", err)
		}
	}
}

func TestSnoozedAndAcknowledge(t *testing.T) {
	clk := clock.NewFake(t0)
	d, _ := New(alertsCfg(), Options{Clock: clk})
	if !d.Snoozed().IsZero() {
		t.Fatal("snoozed at start")
	}
	d.Snooze(t0.Add(time.Hour))
	if !d.Snoozed().Equal(t0.Add(time.Hour)) {
		t.Fatal(d.Snoozed())
	}
	clk.Advance(2 * time.Hour)
	if !d.Snoozed().IsZero() {
		t.Fatal("snooze did not end")
	}
	d.Acknowledge("nobody") // unknown ids are fine
}
