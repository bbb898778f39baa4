package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
)

// failingStore is the history store, made to fail saves on demand.
type failingStore struct {
	*history.Store
	mu   sync.Mutex
	fail error
}

func (s *failingStore) SavePlan(id string, b []byte) error {
	s.mu.Lock()
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		return fail
	}
	return s.Store.SavePlan(id, b)
}

// TestJapanesePlanInventory walks withdrawal plans through every state,
// side state and refusal the plan manager and the chain tracker have, and
// checks that every reason, history note and error they give reads in
// Japanese in the wallet screens.
func TestJapanesePlanInventory(t *testing.T) {
	esp := fakex.StartEsplora(1000)
	var closeEsp sync.Once
	stopEsp := func() { closeEsp.Do(esp.Close) }
	defer stopEsp()
	tr, err := chain.NewEsplora(esp.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := wallet.ParseAccount(bip84zpub, wallet.Mainnet, "")
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(t0)
	var mu sync.Mutex
	status := plan.ExchangeStatus{Known: true, Level: exchanges.Operational}
	setStatus := func(s plan.ExchangeStatus) { mu.Lock(); status = s; mu.Unlock() }
	hist, err := history.Open(filepath.Join(t.TempDir(), "history.db"), history.Options{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	defer hist.Close()
	store := &failingStore{Store: hist}
	cfg := plan.Config{Store: store, Tracker: tr, Clock: clk,
		Status: func(string) plan.ExchangeStatus { mu.Lock(); defer mu.Unlock(); return status }}
	m, err := plan.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var errs []error
	var texts []string // reasons as they were after each step, and notes
	step := func(p *plan.Plan, err error) *plan.Plan {
		t.Helper()
		if err != nil {
			errs = append(errs, err)
		}
		if p == nil {
			t.Fatalf("no plan: %v", err)
		}
		texts = append(texts, p.Reason)
		return p
	}
	want := func(p *plan.Plan, s plan.State) {
		t.Helper()
		if p.State != s {
			t.Fatalf("state %s (%s), want %s", p.State, p.Reason, s)
		}
	}

	// Blocked, for every reason, then on its way.
	// (A plan of its own per reason, so each reason is the one blocking it.)
	var p *plan.Plan
	for _, s := range []plan.ExchangeStatus{
		{Known: true, Level: exchanges.Operational, Advice: []exchanges.Advice{exchanges.WithdrawalsSuspended}},
		{Known: true, Level: exchanges.Degraded},
		{Known: true, Level: exchanges.Outage},
		{Known: true, Level: exchanges.Unknown},
		{Known: false},
	} {
		p = step(m.New("bitbank", "BTC", acct))
		setStatus(s)
		want(step(m.CheckExchange(p.ID)), plan.Blocked)
	}
	setStatus(plan.ExchangeStatus{Known: true, Level: exchanges.Operational})
	want(step(m.CheckExchange(p.ID)), plan.CheckExchange)
	step(m.PickAddress(ctx, p.ID, nil))                                     // not the plan's wallet
	step(m.UseAddress(ctx, p.ID, bip84addr0[:len(bip84addr0)-1]+"v", acct)) // a bad checksum
	look := bip84addr0[:8] + "qqqqqqqqqqqqqqqqqqqqqqqqqqqqq" + bip84addr0[len(bip84addr0)-5:]
	step(m.UseAddress(ctx, p.ID, look, acct))
	want(step(m.UseAddress(ctx, p.ID, bip84addr2, acct)), plan.AddressShown)
	want(step(m.PickAddress(ctx, p.ID, acct)), plan.AddressShown)
	want(step(m.ConfirmVerified(p.ID)), plan.Verified)
	setStatus(plan.ExchangeStatus{Known: true, Level: exchanges.Maintenance})
	want(step(m.Proceed(p.ID)), plan.Blocked)
	setStatus(plan.ExchangeStatus{Known: true, Level: exchanges.Operational})
	want(step(m.CheckExchange(p.ID)), plan.Verified)
	want(step(m.Proceed(p.ID)), plan.TestAmount)

	// The test amount: refused, timed out twice, resolved both ways.
	step(m.MarkSent(p.ID, ""))
	step(m.BeginSend(p.ID, "0.0001"))
	step(m.BeginSend(p.ID, "0.0001")) // already started
	step(m.MarkRejected(p.ID, "Address is not in the whitelist"))
	step(m.BeginSend(p.ID, "0.0001"))
	want(step(m.MarkTimedOut(p.ID)), plan.Unknown)
	want(step(m.Resolve(p.ID, false, "")), plan.TestAmount)
	step(m.BeginSend(p.ID, "0.0001"))
	want(step(m.MarkTimedOut(p.ID)), plan.Unknown)
	want(step(m.Resolve(p.ID, true, "W-1")), plan.TestAmount)
	step(m.Cancel(p.ID, "cancelled by the user")) // money may be moving
	step(m.BeginSend(p.ID, "0.5"))                // the test amount has not arrived

	// Stuck, then it arrives.
	clk.Advance(3 * time.Hour)
	want(step(m.Poll(ctx, p.ID)), plan.Stuck)
	q := step(m.Get(p.ID))
	esp.Pay(q.Address, 10_000)
	want(step(m.Poll(ctx, p.ID)), plan.TestAmount)
	esp.Mine(1)
	want(step(m.Poll(ctx, p.ID)), plan.Withdraw)

	// The full amount: timed out, sent after all, reorganised, dropped, done.
	step(m.BeginSend(p.ID, "0.5"))
	want(step(m.MarkTimedOut(p.ID)), plan.Unknown)
	want(step(m.Resolve(p.ID, true, "")), plan.Tracking)
	full := esp.Pay(q.Address, 50_000_000)
	esp.Mine(2)
	want(step(m.Poll(ctx, p.ID)), plan.Tracking)
	esp.Reorg(2, false)
	want(step(m.Poll(ctx, p.ID)), plan.Reorged)
	esp.Mine(1)
	want(step(m.Poll(ctx, p.ID)), plan.Tracking)
	esp.Reorg(1, true)
	step(m.Poll(ctx, p.ID))
	esp.Drop(full)
	want(step(m.Poll(ctx, p.ID)), plan.Reorged)
	step(m.Poll(ctx, p.ID))
	esp.Pay(q.Address, 50_000_000)
	esp.Mine(3)
	want(step(m.Poll(ctx, p.ID)), plan.Done)

	// A known destination needs no test amount; the full amount goes out
	// on the exchange's site.
	p2 := step(m.New("bitbank", "BTC", acct))
	step(m.CheckExchange(p2.ID))
	step(m.PickAddress(ctx, p2.ID, acct))
	step(m.ConfirmVerified(p2.ID))
	want(step(m.Proceed(p2.ID)), plan.Withdraw)
	want(step(m.MarkWithdrawn(p2.ID, "0.1")), plan.Tracking)

	// Cancelled, and one that SafeHarbor stopped in the middle of sending.
	p3 := step(m.New("bitbank", "BTC", acct))
	want(step(m.Cancel(p3.ID, "cancelled by the user")), plan.Cancelled)
	p4 := step(m.New("coincheck", "BTC", acct))
	step(m.CheckExchange(p4.ID))
	step(m.UseAddress(ctx, p4.ID, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", acct))
	step(m.ConfirmVerified(p4.ID))
	step(m.Proceed(p4.ID))
	step(m.BeginSend(p4.ID, "0.0001"))
	m, err = plan.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want(step(m.Get(p4.ID)), plan.Unknown)

	// Failures around the plan: the chain backend, the store, no backend.
	p5 := step(m.New("bitbank", "BTC", acct))
	step(m.CheckExchange(p5.ID))
	for _, f := range []fakex.Fault{fakex.HTTP500, fakex.RateLimit, fakex.Malformed} {
		esp.SetFault(f)
		step(m.PickAddress(ctx, p5.ID, acct))
	}
	esp.SetFault(fakex.NoFault)
	stopEsp()
	step(m.PickAddress(ctx, p5.ID, acct))
	store.mu.Lock()
	store.fail = errors.New("disk full")
	store.mu.Unlock()
	step(m.ConfirmVerified(p5.ID))
	step(m.CheckExchange(p5.ID))
	store.mu.Lock()
	store.fail = nil
	store.mu.Unlock()
	if _, err := m.Get("wd-nope"); err != nil {
		errs = append(errs, err)
	}
	bare, err := plan.Open(plan.Config{Store: store, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	step(bare.PickAddress(ctx, p5.ID, acct))
	errs = append(errs, fmt.Errorf("x: %w", plan.ErrChanged), fmt.Errorf("%w: 25 addresses in a row", chain.ErrGapLimit))

	// Every reason and note, every error.
	inv := newInventory()
	for _, p := range m.List() {
		for _, h := range p.History {
			texts = append(texts, h.Note)
		}
	}
	seen := map[string]bool{}
	check := func(en, ja string) {
		if seen[en] {
			return
		}
		seen[en] = true
		if *jaDump != "" {
			t.Logf("%q\n\t→ %s", en, ja)
		}
		if words := inv.english(ja); len(words) > 0 {
			t.Errorf("%q\n\t→ %q (left %v)", en, ja, words)
		}
	}
	for _, s := range texts {
		if s != "" {
			check(s, Japanese.planText(s))
			if English.planText(s) != s {
				t.Errorf("English changed %q", s)
			}
		}
	}
	for _, err := range errs {
		if errors.Is(err, plan.ErrExchangeNotOK) {
			continue // the wizard shows the blocked state instead
		}
		check(err.Error(), Japanese.planErr(err))
		if English.planErr(err) != err.Error() {
			t.Errorf("English changed %q", err)
		}
	}
	for _, w := range []string{"nothing on-chain", "was replaced", "no longer known", "vanished", "timed out", "SafeHarbor stopped",
		"refused by the exchange", "not operational", "suspended", "not known yet", "cancelled by the user", "confirmations"} {
		found := false
		for _, s := range texts {
			found = found || strings.Contains(s, w)
		}
		if !found {
			t.Errorf("no plan reason or note with %q", w)
		}
	}
	if len(errs) < 15 {
		t.Errorf("only %d errors", len(errs))
	}
}
