package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
)

const (
	bip84zpub = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
	addr0     = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	addr1     = "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
)

var t0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// memStore is the in-memory Store.
type memStore struct {
	mu   sync.Mutex
	m    map[string][]byte
	fail error
}

func (s *memStore) SavePlan(id string, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[id] = bytes.Clone(b)
	return nil
}

func (s *memStore) LoadPlans() (map[string][]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.m), nil
}

// fileStore keeps plans in one JSON file, written atomically: a restart is
// a new Manager over the same file.
type fileStore struct{ path string }

func (f fileStore) LoadPlans() (map[string][]byte, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string][]byte{}, nil
	}
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = v
	}
	return out, nil
}

func (f fileStore) SavePlan(id string, data []byte) error {
	m, err := f.LoadPlans()
	if err != nil {
		return err
	}
	m[id] = data
	raw := map[string]json.RawMessage{}
	for k, v := range m {
		raw[k] = v
	}
	b, _ := json.Marshal(raw)
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, f.path)
}

type env struct {
	t      *testing.T
	esp    *fakex.Esplora
	clk    *clock.Fake
	status ExchangeStatus
	mu     sync.Mutex
	acct   *wallet.Account
	store  Store
}

func newEnv(t *testing.T, store Store) *env {
	t.Helper()
	f := fakex.StartEsplora(1000)
	t.Cleanup(f.Close)
	acct, err := wallet.ParseAccount(bip84zpub, wallet.Mainnet, "")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, esp: f, clk: clock.NewFake(t0), acct: acct, store: store,
		status: ExchangeStatus{Known: true, Level: exchanges.Operational}}
}

func (e *env) setStatus(s ExchangeStatus) {
	e.mu.Lock()
	e.status = s
	e.mu.Unlock()
}

func (e *env) open() *Manager {
	e.t.Helper()
	tr, err := chain.NewEsplora(e.esp.URL(), 5*time.Second)
	if err != nil {
		e.t.Fatal(err)
	}
	m, err := Open(Config{Store: e.store, Tracker: tr, Clock: e.clk, PollInterval: time.Minute,
		Status: func(string) ExchangeStatus { e.mu.Lock(); defer e.mu.Unlock(); return e.status }})
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

func must(t *testing.T, want State) func(*Plan, error) *Plan {
	return func(p *Plan, err error) *Plan {
		t.Helper()
		if err != nil {
			t.Fatalf("want %s: %v", want, err)
		}
		if p.State != want {
			t.Fatalf("want %s, got %s (%s)", want, p.State, p.Reason)
		}
		return p
	}
}

// toVerified walks a new plan up to Verified.
func toVerified(t *testing.T, e *env, m *Manager) *Plan {
	t.Helper()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	must(t, CheckExchange)(m.CheckExchange(p.ID))
	must(t, AddressShown)(m.PickAddress(context.Background(), p.ID, e.acct))
	return must(t, Verified)(m.ConfirmVerified(p.ID))
}

func TestHappyPath(t *testing.T) {
	e := newEnv(t, &memStore{})
	m := e.open()
	ctx := context.Background()
	e.esp.PayConfirmed(addr0, 1000) // index 0 is used: the plan must skip it
	p := toVerified(t, e, m)
	if p.Address != addr1 || p.AddressIndex != 1 || !p.FirstTime {
		t.Fatalf("%+v", p)
	}
	v, err := m.AddressView(p.ID)
	if err != nil || v.Groups != wallet.Group4(addr1) || !bytes.HasPrefix(v.QR, []byte("\x89PNG")) || v.URI != "bitcoin:"+addr1 {
		t.Fatalf("view %+v %v", v.Groups, err)
	}
	must(t, TestAmount)(m.Proceed(p.ID))
	page, err := m.WithdrawalPage(p.ID)
	if ex, _ := exchanges.Lookup("bitbank"); err != nil || page != ex.WithdrawalPage {
		t.Fatalf("page %q %v", page, err)
	}
	// The full amount cannot start before the test amount arrived.
	must(t, TestAmount)(m.MarkWithdrawn(p.ID, "0.0001"))
	if _, err := m.MarkWithdrawn(p.ID, "0.0001"); !errors.Is(err, ErrAlreadySent) {
		t.Fatalf("second test send: %v", err)
	}
	must(t, TestAmount)(m.Poll(ctx, p.ID)) // nothing yet
	testTx := e.esp.Pay(addr1, 10_000)
	must(t, TestAmount)(m.Poll(ctx, p.ID))
	e.esp.Mine(1)
	p = must(t, Withdraw)(m.Poll(ctx, p.ID))
	if p.TestTx.TxID != testTx {
		t.Fatalf("test tx %+v", p.TestTx)
	}

	must(t, Withdraw)(m.BeginSend(p.ID, "0.5"))
	if _, err := m.BeginSend(p.ID, "0.5"); !errors.Is(err, ErrAlreadySent) {
		t.Fatalf("second begin: %v", err)
	}
	must(t, Tracking)(m.MarkSent(p.ID, "W-1"))
	if _, err := m.MarkSent(p.ID, "W-1"); !errors.Is(err, ErrIllegal) {
		t.Fatalf("second mark: %v", err)
	}

	// Track with the fake clock until done.
	done := make(chan *Plan, 1)
	go func() {
		q, err := m.Track(ctx, p.ID)
		if err != nil {
			t.Error(err)
		}
		done <- q
	}()
	e.clk.BlockUntil(1) // first poll done: nothing on-chain yet
	full := e.esp.Pay(addr1, 50_000_000)
	e.clk.Advance(time.Minute)
	e.clk.BlockUntil(1)
	if q, _ := m.Get(p.ID); q.Progress == nil || q.Progress.Phase != chain.PhaseMempool || q.Progress.TxID != full {
		t.Fatalf("after mempool: %+v", q.Progress)
	}
	e.esp.Mine(1)
	e.clk.Advance(time.Minute)
	e.clk.BlockUntil(1)
	if q, _ := m.Get(p.ID); q.State != Tracking || q.Progress.Confirmations != 1 {
		t.Fatalf("1/3: %+v", q.Progress)
	}
	e.esp.Mine(2)
	e.clk.Advance(time.Minute)
	q := <-done
	if q.State != Done || q.Progress.Confirmations != 3 || q.Progress.TxID != full {
		t.Fatalf("%s %+v", q.State, q.Progress)
	}
	// A second plan from the same exchange to the same account needs no test amount
	// and gets a new address.
	p2 := toVerified(t, e, m)
	if p2.FirstTime || p2.Address == addr1 || p2.AddressIndex != 2 {
		t.Fatalf("second plan %+v", p2)
	}
	must(t, Withdraw)(m.Proceed(p2.ID))
}

func TestBlockedFailsClosed(t *testing.T) {
	e := newEnv(t, &memStore{})
	m := e.open()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	for _, st := range []ExchangeStatus{
		{Known: false},
		{Known: true, Level: exchanges.Degraded},
		{Known: true, Level: exchanges.Unknown},
		{Known: true, Level: exchanges.Operational, Advice: []exchanges.Advice{exchanges.WithdrawalsSuspended}},
	} {
		e.setStatus(st)
		q, err := m.CheckExchange(p.ID)
		if !errors.Is(err, ErrExchangeNotOK) || q.State != Blocked || q.Reason == "" {
			t.Fatalf("%+v: %v %s", st, err, q.State)
		}
	}
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Operational})
	must(t, CheckExchange)(m.CheckExchange(p.ID))
	must(t, AddressShown)(m.PickAddress(context.Background(), p.ID, e.acct))
	must(t, Verified)(m.ConfirmVerified(p.ID))
	// The exchange goes down just before the withdrawal: blocked, then resumes where it was.
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Outage})
	q, err := m.Proceed(p.ID)
	if !errors.Is(err, ErrExchangeNotOK) || q.State != Blocked || q.Resume != Verified {
		t.Fatalf("%v %+v", err, q)
	}
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Operational})
	must(t, Verified)(m.CheckExchange(p.ID))
	must(t, TestAmount)(m.Proceed(p.ID))
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Maintenance})
	if q, err := m.BeginSend(p.ID, "0.001"); !errors.Is(err, ErrExchangeNotOK) || q.State != Blocked || q.Started(LegTest) {
		t.Fatalf("%v %+v", err, q)
	}
	must(t, Cancelled)(m.Cancel(p.ID, "gave up"))
}

func TestStuckThenArrives(t *testing.T) {
	e := newEnv(t, &memStore{})
	m := e.open()
	ctx := context.Background()
	e.esp.PayConfirmed(addr1, 1000) // addr1 already has history: the plan takes addr2
	p := toVerified(t, e, m)
	must(t, TestAmount)(m.Proceed(p.ID))
	must(t, TestAmount)(m.MarkWithdrawn(p.ID, "0.0001"))
	e.clk.Advance(119 * time.Minute)
	must(t, TestAmount)(m.Poll(ctx, p.ID))
	e.clk.Advance(time.Minute)
	q := must(t, Stuck)(m.Poll(ctx, p.ID))
	if !strings.Contains(q.Reason, "withdrawal history") || q.Resume != TestAmount {
		t.Fatalf("%+v", q)
	}
	must(t, Stuck)(m.Poll(ctx, p.ID)) // still flagged, not failed
	if _, err := m.Cancel(p.ID, "x"); !errors.Is(err, ErrIllegal) {
		t.Fatalf("cancel with money in flight: %v", err)
	}
	e.esp.Pay(p.Address, 10_000)
	must(t, TestAmount)(m.Poll(ctx, p.ID))
	e.esp.Mine(1)
	must(t, Withdraw)(m.Poll(ctx, p.ID))
}

func TestReorg(t *testing.T) {
	e := newEnv(t, &memStore{})
	m := e.open()
	ctx := context.Background()
	p := toVerified(t, e, m)
	p = must(t, TestAmount)(m.Proceed(p.ID))
	must(t, TestAmount)(m.MarkWithdrawn(p.ID, "0.0001"))
	e.esp.PayConfirmed(p.Address, 10_000)
	must(t, Withdraw)(m.Poll(ctx, p.ID))
	must(t, Tracking)(m.MarkWithdrawn(p.ID, "1"))
	full := e.esp.Pay(p.Address, 100_000_000)
	e.esp.Mine(2)
	must(t, Tracking)(m.Poll(ctx, p.ID))
	e.esp.Reorg(2, false) // the block with the withdrawal is gone: back to the mempool
	q := must(t, Reorged)(m.Poll(ctx, p.ID))
	if q.Progress.Reorgs != 1 || !strings.Contains(q.Reason, "replaced") {
		t.Fatalf("%+v", q)
	}
	e.esp.Mine(1)
	must(t, Tracking)(m.Poll(ctx, p.ID))
	e.esp.Drop(full) // vanished for good
	must(t, Reorged)(m.Poll(ctx, p.ID))
	full2 := e.esp.Pay(p.Address, 100_000_000) // the exchange re-broadcasts
	e.esp.Mine(3)
	q = must(t, Done)(m.Poll(ctx, p.ID))
	if q.Progress.TxID != full2 {
		t.Fatalf("%+v", q.Progress)
	}
}

func TestRestartMidTracking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.json")
	e := newEnv(t, fileStore{path})
	m := e.open()
	ctx := context.Background()
	p := toVerified(t, e, m)
	must(t, TestAmount)(m.Proceed(p.ID))
	must(t, TestAmount)(m.MarkWithdrawn(p.ID, "0.0001"))
	e.esp.PayConfirmed(p.Address, 10_000)
	must(t, Withdraw)(m.Poll(ctx, p.ID))
	must(t, Tracking)(m.MarkWithdrawn(p.ID, "1"))
	e.esp.Pay(p.Address, 1_000_000)
	e.esp.Mine(1)
	must(t, Tracking)(m.Poll(ctx, p.ID))

	// "Restart": a new Manager over the same file.
	m2 := e.open()
	q, err := m2.Get(p.ID)
	if err != nil || q.State != Tracking || q.Progress.Confirmations != 1 || q.TestTx.Phase != chain.PhaseConfirmed {
		t.Fatalf("%+v %v", q, err)
	}
	e.esp.Mine(2)
	must(t, Done)(m2.Poll(ctx, p.ID))
	if _, err := m2.MarkWithdrawn(p.ID, "1"); !errors.Is(err, ErrIllegal) {
		t.Fatalf("withdrawal after done: %v", err)
	}
}

func TestCrashMidSendBecomesUnknown(t *testing.T) {
	store := &memStore{}
	e := newEnv(t, store)
	m := e.open()
	p := toVerified(t, e, m)
	must(t, TestAmount)(m.Proceed(p.ID))
	must(t, TestAmount)(m.BeginSend(p.ID, "0.0001"))
	// The process dies before the exchange answered.
	m2 := e.open()
	q, _ := m2.Get(p.ID)
	if q.State != Unknown || !strings.Contains(q.Reason, "check the exchange's withdrawal history") {
		t.Fatalf("%+v", q)
	}
	// Nothing retries by itself; the user checks and says it was not sent.
	if _, err := m2.BeginSend(p.ID, "0.0001"); !errors.Is(err, ErrIllegal) {
		t.Fatalf("send from unknown: %v", err)
	}
	q = must(t, TestAmount)(m2.Resolve(p.ID, false, ""))
	if q.Started(LegTest) {
		t.Fatal("send record kept")
	}
	// A timeout also goes to unknown; this time the history shows it was sent.
	must(t, TestAmount)(m2.BeginSend(p.ID, "0.0001"))
	must(t, Unknown)(m2.MarkTimedOut(p.ID))
	q = must(t, TestAmount)(m2.Resolve(p.ID, true, "W-9"))
	if !q.Sent(LegTest) || q.Sends[LegTest].Ref != "W-9" {
		t.Fatalf("%+v", q.Sends)
	}
}

func TestLookalikeAndNetworkRejected(t *testing.T) {
	store := &memStore{}
	e := newEnv(t, store)
	pasted := "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" // valid, not from the account
	// A past destination that imitates it (start and end match): a poisoned history.
	old := Plan{ID: "wd-old", State: Done, Exchange: "bitbank", AccountID: "other", Network: "mainnet",
		Address: "bc1qar0sxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx5mdq", Sends: map[Leg]*Send{}}
	b, _ := json.Marshal(old)
	_ = store.SavePlan(old.ID, b)
	m := e.open()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	must(t, CheckExchange)(m.CheckExchange(p.ID))
	ctx := context.Background()
	if q, err := m.UseAddress(ctx, p.ID, pasted, e.acct); !errors.Is(err, ErrLookalike) || q.Address != "" {
		t.Fatalf("look-alike accepted: %v", err)
	}
	if _, err := m.UseAddress(ctx, p.ID, "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", e.acct); err == nil || wallet.ReasonOf(err) == "" {
		t.Fatalf("testnet address on mainnet: %v", err)
	}
	// One of the account's own addresses, pasted: accepted, recognised as ours.
	// It was paid before: that old payment must not pass for the test amount.
	oldTx := e.esp.PayConfirmed(addr1, 5000)
	q := must(t, AddressShown)(m.UseAddress(ctx, p.ID, addr1, e.acct))
	if q.Pasted || q.AddressIndex != 1 || len(q.Preexisting) != 1 || q.Preexisting[0] != oldTx {
		t.Fatalf("%+v", q)
	}
	must(t, Verified)(m.ConfirmVerified(p.ID))
	must(t, TestAmount)(m.Proceed(p.ID))
	must(t, TestAmount)(m.MarkWithdrawn(p.ID, "0.0001"))
	e.esp.Mine(3)
	must(t, TestAmount)(m.Poll(ctx, p.ID))
	e.esp.PayConfirmed(addr1, 6000)
	must(t, Withdraw)(m.Poll(ctx, p.ID))
	other, _ := wallet.ParseAccount("xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V", wallet.Mainnet, wallet.P2PKH)
	if other != nil {
		p2 := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
		must(t, CheckExchange)(m.CheckExchange(p2.ID))
		if _, err := m.PickAddress(ctx, p2.ID, other); !errors.Is(err, ErrWrongAccount) {
			t.Fatalf("other account: %v", err)
		}
	}
}

func TestIllegalTransitions(t *testing.T) {
	e := newEnv(t, &memStore{})
	m := e.open()
	ctx := context.Background()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	for name, op := range map[string]func() (*Plan, error){
		"verify":    func() (*Plan, error) { return m.ConfirmVerified(p.ID) },
		"proceed":   func() (*Plan, error) { return m.Proceed(p.ID) },
		"send":      func() (*Plan, error) { return m.BeginSend(p.ID, "1") },
		"mark":      func() (*Plan, error) { return m.MarkSent(p.ID, "") },
		"timeout":   func() (*Plan, error) { return m.MarkTimedOut(p.ID) },
		"resolve":   func() (*Plan, error) { return m.Resolve(p.ID, true, "") },
		"poll":      func() (*Plan, error) { return m.Poll(ctx, p.ID) },
		"pick":      func() (*Plan, error) { return m.PickAddress(ctx, p.ID, e.acct) },
		"withdrawn": func() (*Plan, error) { return m.MarkWithdrawn(p.ID, "1") },
	} {
		q, err := op()
		if !errors.Is(err, ErrIllegal) || q.State != Choose {
			t.Errorf("%s from choose: %v", name, err)
		}
	}
	if q, _ := m.Get(p.ID); q.Version != p.Version {
		t.Fatal("a refused operation was saved")
	}
	if CanMove(Done, Tracking) || CanMove(Cancelled, Choose) || CanMove(Tracking, Cancelled) || CanMove(Choose, Withdraw) {
		t.Fatal("transition table too permissive")
	}
	if _, err := m.New("nosuchexchange", "BTC", e.acct); err == nil {
		t.Fatal("unknown exchange")
	}
	if _, err := m.New("bitbank", "ETH", e.acct); err == nil {
		t.Fatal("unsupported coin")
	}
	if _, err := m.Get("wd-missing"); !errors.Is(err, ErrNoPlan) {
		t.Fatal(err)
	}
}

func TestSaveFailureChangesNothing(t *testing.T) {
	store := &memStore{}
	e := newEnv(t, store)
	m := e.open()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	store.mu.Lock()
	store.fail = errors.New("disk full")
	store.mu.Unlock()
	q, err := m.CheckExchange(p.ID)
	if err == nil || q.State != Choose {
		t.Fatalf("%v %s", err, q.State)
	}
	if q, _ := m.Get(p.ID); q.State != Choose {
		t.Fatal("state changed without being saved")
	}
}

func TestDamagedStoreRefused(t *testing.T) {
	store := &memStore{m: map[string][]byte{"wd-x": []byte("{garbage")}}
	if _, err := Open(Config{Store: store}); err == nil || !strings.Contains(err.Error(), "wd-x") {
		t.Fatalf("%v", err)
	}
}

// A blocked plan re-checked while the exchange is still not OK shows why it
// is blocked now, not why it was first blocked: the new reason is saved
// (it survives a restart) without a history entry of its own, and the plan
// stays blocked.
func TestBlockedRecheckUpdatesReason(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.json")
	e := newEnv(t, fileStore{path})
	m := e.open()
	p := must(t, Choose)(m.New("bitbank", "BTC", e.acct))
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Maintenance})
	first, err := m.CheckExchange(p.ID)
	if !errors.Is(err, ErrExchangeNotOK) || first.State != Blocked || !strings.Contains(first.Reason, "maintenance") {
		t.Fatalf("%v %+v", err, first)
	}

	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Outage})
	e.clk.Advance(time.Minute)
	q, err := m.CheckExchange(p.ID)
	if !errors.Is(err, ErrExchangeNotOK) || !strings.Contains(err.Error(), "outage") {
		t.Fatalf("re-check: %v", err)
	}
	if q.State != Blocked || q.Resume != first.Resume || !strings.Contains(q.Reason, "outage") || strings.Contains(q.Reason, "maintenance") {
		t.Fatalf("re-check returned %s %q (resume %q)", q.State, q.Reason, q.Resume)
	}
	if len(q.History) != len(first.History) {
		t.Fatalf("a reason change added history: %+v", q.History[len(first.History):])
	}
	if q.Version != first.Version+1 || !q.Updated.Equal(t0.Add(time.Minute)) {
		t.Fatalf("version %d updated %s, want %d %s", q.Version, q.Updated, first.Version+1, t0.Add(time.Minute))
	}
	if g, _ := m.Get(p.ID); g.Reason != q.Reason || g.Version != q.Version {
		t.Fatalf("Get: %q v%d", g.Reason, g.Version)
	}
	// Saved: a restart shows the new reason.
	if g, err := e.open().Get(p.ID); err != nil || g.State != Blocked || g.Reason != q.Reason {
		t.Fatalf("after restart: %v %+v", err, g)
	}

	// The same reason again: nothing to save.
	again, err := m.CheckExchange(p.ID)
	if !errors.Is(err, ErrExchangeNotOK) || again.Version != q.Version || again.Reason != q.Reason {
		t.Fatalf("unchanged re-check: %v v%d %q", err, again.Version, again.Reason)
	}

	// A re-check whose save fails stays blocked, with the reason last saved.
	e.setStatus(ExchangeStatus{Known: false})
	store := e.store
	e.store = failStore{store}
	m2 := e.open()
	if r, err := m2.CheckExchange(p.ID); err == nil || r.State != Blocked || r.Reason != q.Reason {
		t.Fatalf("failed save: %v %+v", err, r)
	}
	e.store = store

	// OK again: back where it was, the reason cleared.
	e.setStatus(ExchangeStatus{Known: true, Level: exchanges.Operational})
	if r := must(t, CheckExchange)(m.CheckExchange(p.ID)); r.Reason != "" {
		t.Fatalf("reason kept: %q", r.Reason)
	}
}

// failStore loads from a store but cannot save.
type failStore struct{ Store }

func (failStore) SavePlan(string, []byte) error { return errors.New("disk full") }
