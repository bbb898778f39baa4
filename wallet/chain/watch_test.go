package chain

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
)

var t0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

func TestPollLifecycle(t *testing.T) {
	f, e := newFake(t)
	ctx := context.Background()
	p := Progress{Address: addr0, Needed: 3}
	step := func(want Phase, confs int) Progress {
		t.Helper()
		var err error
		p, err = Poll(ctx, e, p, t0)
		if err != nil || p.Phase != want || p.Confirmations != confs {
			t.Fatalf("want %s %d, got %+v %v", want, confs, p, err)
		}
		return p
	}
	step(PhaseNone, 0)
	id := f.Pay(addr0, 120_000)
	step(PhaseMempool, 0)
	if p.TxID != id || p.Value != 120_000 {
		t.Fatalf("%+v", p)
	}
	f.Mine(1)
	step(PhaseConfirming, 1)
	f.Mine(1)
	step(PhaseConfirming, 2)
	f.Reorg(1, true) // the tip is replaced, the tx's block is not
	step(PhaseConfirming, 2)
	if p.Event != EventNone {
		t.Fatalf("reorg above the tx reported: %+v", p)
	}
	f.Reorg(2, true) // the tx's block is replaced: same height, new hash
	step(PhaseConfirming, 2)
	if p.Event != EventReorg || p.Reorgs != 1 {
		t.Fatalf("reorg not reported: %+v", p)
	}
	f.Reorg(2, false) // back to the mempool
	step(PhaseMempool, 0)
	if p.Event != EventReorg || p.Reorgs != 2 {
		t.Fatalf("%+v", p)
	}
	f.Mine(3)
	step(PhaseConfirmed, 3)
	f.Drop(id)
	step(PhaseNone, 0)
	if p.Event != EventDropped || p.Reorgs != 3 || p.TxID != "" {
		t.Fatalf("%+v", p)
	}
}

func TestPollIgnoresTestAmountAndSmallPayments(t *testing.T) {
	f, e := newFake(t)
	test := f.PayConfirmed(addr0, 10_000)
	f.Pay(addr0, 500) // dust, e.g. address poisoning
	p := Progress{Address: addr0, Ignore: []string{test}, MinValue: 1000}
	p, err := Poll(context.Background(), e, p, t0)
	if err != nil || p.Phase != PhaseNone {
		t.Fatalf("%+v %v", p, err)
	}
	main := f.Pay(addr0, 2_000_000)
	p, _ = Poll(context.Background(), e, p, t0)
	if p.TxID != main || p.Phase != PhaseMempool {
		t.Fatalf("%+v", p)
	}
}

func TestPollErrorKeepsState(t *testing.T) {
	f, e := newFake(t)
	f.Pay(addr0, 1000)
	p, _ := Poll(context.Background(), e, Progress{Address: addr0}, t0)
	f.SetFault(fakex.Malformed)
	q, err := Poll(context.Background(), e, p, t0.Add(time.Minute))
	if !errors.Is(err, ErrBadResponse) || !q.same(p) {
		t.Fatalf("%+v %v", q, err)
	}
}

// TestWatch follows a payment with a fake clock, through a rate limit.
func TestWatch(t *testing.T) {
	f, e := newFake(t)
	clk := clock.NewFake(t0)
	polls := make(chan Progress)
	errs := make(chan time.Duration)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		p   Progress
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := Watch(ctx, WatchConfig{Tracker: e, Clock: clk, Interval: time.Minute,
			OnPoll:  func(p Progress, changed bool) error { polls <- p; return nil },
			OnError: func(err error, retry time.Duration) { errs <- retry },
		}, Progress{Address: addr0, Needed: 2})
		done <- result{p, err}
	}()
	if p := <-polls; p.Phase != PhaseNone {
		t.Fatalf("%+v", p)
	}
	clk.BlockUntil(1)
	id := f.Pay(addr0, 5000)
	f.SetRetryAfter(5 * time.Minute)
	f.FailNext(fakex.RateLimit, 1)
	clk.Advance(time.Minute)
	if retry := <-errs; retry != 5*time.Minute {
		t.Fatalf("retry in %v", retry)
	}
	clk.BlockUntil(1)
	clk.Advance(5 * time.Minute)
	if p := <-polls; p.Phase != PhaseMempool || p.TxID != id {
		t.Fatalf("%+v", p)
	}
	clk.BlockUntil(1)
	f.Mine(2)
	clk.Advance(time.Minute)
	if p := <-polls; p.Phase != PhaseConfirmed {
		t.Fatalf("%+v", p)
	}
	r := <-done
	if r.err != nil || r.p.Confirmations != 2 {
		t.Fatalf("%+v", r)
	}
}

func TestWatchStopsOnSaveFailureAndCancel(t *testing.T) {
	_, e := newFake(t)
	boom := errors.New("disk full")
	_, err := Watch(context.Background(), WatchConfig{Tracker: e, Clock: clock.NewFake(t0),
		OnPoll: func(Progress, bool) error { return boom }}, Progress{Address: addr0})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	clk := clock.NewFake(t0)
	done := make(chan error, 1)
	go func() {
		_, err := Watch(ctx, WatchConfig{Tracker: e, Clock: clk}, Progress{Address: addr0})
		done <- err
	}()
	clk.BlockUntil(1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if _, err := Watch(context.Background(), WatchConfig{Tracker: e, Clock: clk}, Progress{Address: "not an address!"}); !errors.Is(err, ErrBadInput) {
		t.Fatal(err)
	}
}

func TestBackoff(t *testing.T) {
	if backoff(time.Second, time.Minute, 1) != time.Second || backoff(time.Second, time.Minute, 3) != 4*time.Second || backoff(time.Second, time.Minute, 30) != time.Minute {
		t.Fatal("backoff")
	}
}
