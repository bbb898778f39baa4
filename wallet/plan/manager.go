package plan

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
)

// Store persists plans; history's bbolt store implements it.
type Store interface {
	SavePlan(id string, data []byte) error
	LoadPlans() (map[string][]byte, error)
}

// Config wires a Manager.
type Config struct {
	Store   Store
	Tracker chain.Tracker
	Clock   clock.Clock // clock.Real{} if nil
	// Status returns the exchange's current verdict; a missing func means
	// every exchange is unknown (and so every plan blocked).
	Status            func(exchangeID string) ExchangeStatus
	Confirmations     int           // for the full amount; default 3
	TestConfirmations int           // for the test amount; default 1
	StuckAfter        time.Duration // flag a withdrawal with nothing on-chain after this; default 2h
	GapLimit          int           // default 20
	PollInterval      time.Duration // Track's interval; default 30s
}

var (
	// ErrNoPlan: no plan with that id.
	ErrNoPlan = errors.New("no such withdrawal plan")
	// ErrExchangeNotOK: the plan was blocked because the exchange is not clearly fine.
	ErrExchangeNotOK = errors.New("the exchange is not OK for withdrawals")
	// ErrLookalike: a pasted destination imitates a known address.
	ErrLookalike = errors.New("this address looks like another address you use")
	// ErrWrongAccount: the account given is not the plan's.
	ErrWrongAccount = errors.New("this is not the cold-wallet account the plan was made for")
	// ErrChanged: the plan changed while an operation was talking to the network.
	ErrChanged = errors.New("the plan changed meanwhile; try again")
)

// Manager runs withdrawal plans. It is safe for concurrent use; network
// calls happen outside its lock.
type Manager struct {
	cfg   Config
	clk   clock.Clock
	mu    sync.Mutex
	plans map[string]*Plan
}

// Open loads every stored plan. A plan that was in the middle of a
// withdrawal request when SafeHarbor stopped becomes Unknown: the request
// may or may not have reached the exchange.
func Open(cfg Config) (*Manager, error) {
	if cfg.Store == nil {
		return nil, errors.New("plan: no store")
	}
	if cfg.Confirmations <= 0 {
		cfg.Confirmations = chain.DefaultConfirmations
	}
	if cfg.TestConfirmations <= 0 {
		cfg.TestConfirmations = 1
	}
	if cfg.StuckAfter <= 0 {
		cfg.StuckAfter = 2 * time.Hour
	}
	if cfg.GapLimit <= 0 {
		cfg.GapLimit = chain.DefaultGapLimit
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 30 * time.Second
	}
	m := &Manager{cfg: cfg, clk: cfg.Clock, plans: map[string]*Plan{}}
	if m.clk == nil {
		m.clk = clock.Real{}
	}
	blobs, err := cfg.Store.LoadPlans()
	if err != nil {
		return nil, fmt.Errorf("loading withdrawal plans: %w", err)
	}
	var bad []string
	for id, b := range blobs {
		var p Plan
		if err := json.Unmarshal(b, &p); err != nil || p.ID != id || transitions[p.State] == nil {
			bad = append(bad, id)
			continue
		}
		if p.Sends == nil {
			p.Sends = map[Leg]*Send{}
		}
		m.plans[id] = &p
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, fmt.Errorf("withdrawal plans %s are damaged; check the exchange's withdrawal history for them before starting new ones", strings.Join(bad, ", "))
	}
	for id, p := range m.plans {
		if (p.State == TestAmount || p.State == Withdraw) && p.Started(p.Leg()) && !p.Sent(p.Leg()) {
			if _, err := m.update(id, p.Version, func(p *Plan, now time.Time) error {
				return toUnknown(p, now, "SafeHarbor stopped while a withdrawal request was being sent")
			}); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// Get returns a copy of plan id.
func (m *Manager) Get(id string) (*Plan, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.plans[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrNoPlan, id)
	}
	return p.clone(), nil
}

// List returns copies of every plan, newest first.
func (m *Manager) List() []*Plan {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*Plan, 0, len(m.plans))
	for _, p := range m.plans {
		out = append(out, p.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out
}

// update applies fn to a copy of the plan and saves it before it takes
// effect. version, if >= 0, must still be the plan's (the caller read it
// before a network call). If fn returns an error the change is still saved
// when it failed closed: fn moved the plan (into Blocked, say), or a
// blocked plan re-checked is still blocked for another reason. Any other
// change is discarded.
func (m *Manager) update(id string, version int, fn func(p *Plan, now time.Time) error) (*Plan, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.plans[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrNoPlan, id)
	}
	if version >= 0 && cur.Version != version {
		return cur.clone(), ErrChanged
	}
	p := cur.clone()
	now := m.clk.Now()
	ferr := fn(p, now)
	failedClosed := p.State != cur.State || p.State == Blocked && p.Reason != cur.Reason
	if ferr != nil && !failedClosed {
		return cur.clone(), ferr
	}
	if err := m.save(p, now); err != nil {
		return cur.clone(), err
	}
	return p.clone(), ferr
}

func (m *Manager) save(p *Plan, now time.Time) error {
	p.Version++
	p.Updated = now
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encoding plan %s: %w", p.ID, err)
	}
	if err := m.cfg.Store.SavePlan(p.ID, b); err != nil {
		return fmt.Errorf("saving plan %s (nothing changed): %w", p.ID, err)
	}
	m.plans[p.ID] = p
	return nil
}

// move is the one place a state changes.
func move(p *Plan, to State, now time.Time, note string) error {
	if !CanMove(p.State, to) {
		return fmt.Errorf("%w: %s → %s", ErrIllegal, p.State, to)
	}
	p.History = append(p.History, Transition{From: p.State, To: to, At: now, Note: note})
	p.State = to
	return nil
}

// side moves into a side state, remembering the state it interrupts.
func side(p *Plan, to State, now time.Time, reason string) error {
	resume := p.State
	if resume == Blocked || resume == Stuck || resume == Reorged || resume == Unknown {
		resume = p.Resume
	}
	if err := move(p, to, now, reason); err != nil {
		return err
	}
	p.Resume, p.Reason = resume, reason
	return nil
}

// back leaves a side state for to, clearing the reason.
func back(p *Plan, to State, now time.Time, note string) error {
	if err := move(p, to, now, note); err != nil {
		return err
	}
	p.Resume, p.Reason = "", ""
	return nil
}

func toUnknown(p *Plan, now time.Time, why string) error {
	return side(p, Unknown, now, why+" — check the exchange's withdrawal history; SafeHarbor will not retry it")
}

func (m *Manager) status(exchangeID string) ExchangeStatus {
	if m.cfg.Status == nil {
		return ExchangeStatus{}
	}
	return m.cfg.Status(exchangeID)
}

// block moves p to Blocked when the exchange is not clearly fine and
// returns the error to report; nil when it is fine. A plan already blocked
// takes the new reason in place, with no history entry: its Transition
// into Blocked keeps the reason it was first blocked for, and Reason says
// why it is blocked now (as a Reorged plan's reason is kept current).
func (m *Manager) block(p *Plan, now time.Time) error {
	ok, why := m.status(p.Exchange).okForWithdrawal()
	if ok {
		return nil
	}
	if p.State != Blocked {
		if err := side(p, Blocked, now, why); err != nil {
			return err
		}
	} else {
		p.Reason = why
	}
	return fmt.Errorf("%w: %s", ErrExchangeNotOK, why)
}

func newID() string {
	return "wd-" + strings.ToLower(rand.Text()[:16])
}

// New starts a plan: withdraw coin from exchangeID to acct.
func (m *Manager) New(exchangeID, coin string, acct *wallet.Account) (*Plan, error) {
	ex, ok := exchanges.Lookup(exchangeID)
	if !ok {
		return nil, fmt.Errorf("unknown exchange %q", exchangeID)
	}
	if !strings.EqualFold(coin, "BTC") {
		return nil, fmt.Errorf("coin %q: only BTC withdrawals to a cold wallet are supported", coin)
	}
	if acct == nil {
		return nil, errors.New("no cold-wallet account chosen")
	}
	now := m.clk.Now()
	p := &Plan{ID: newID(), State: Choose, Exchange: ex.ID, Coin: "BTC", AccountID: acct.ID(), Network: string(acct.Network()),
		Created: now, Sends: map[Leg]*Send{}}
	p.History = []Transition{{To: Choose, At: now}}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.save(p, now); err != nil {
		return nil, err
	}
	return p.clone(), nil
}

// CheckExchange checks the exchange's verdict: operational with withdrawals
// not suspended moves on (from Blocked, back to where the plan was);
// anything else blocks the plan and returns ErrExchangeNotOK.
func (m *Manager) CheckExchange(id string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.State != Choose && p.State != Blocked {
			return fmt.Errorf("%w: checking the exchange from %s", ErrIllegal, p.State)
		}
		if err := m.block(p, now); err != nil {
			return err
		}
		if p.State == Blocked && p.Resume != Choose && p.Resume != CheckExchange && p.Resume != "" {
			return back(p, p.Resume, now, "exchange OK again")
		}
		if p.State == Blocked {
			return back(p, CheckExchange, now, "exchange OK")
		}
		return move(p, CheckExchange, now, "exchange OK")
	})
}

func (m *Manager) checkAccount(p *Plan, acct *wallet.Account) error {
	if acct == nil || acct.ID() != p.AccountID {
		return ErrWrongAccount
	}
	return nil
}

// handedOut lists destinations of every plan for the account, so a fresh
// address is never shown twice.
func (m *Manager) handedOut(accountID string) map[string]bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]bool{}
	for _, p := range m.plans {
		if p.AccountID == accountID && p.Address != "" {
			out[p.Address] = true
		}
	}
	return out
}

// firstTime reports whether no earlier plan from this exchange delivered
// to this account (or, for a pasted address, to this address).
func (m *Manager) firstTime(p *Plan, addr string, pasted bool) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, q := range m.plans {
		if q.ID == p.ID || q.State != Done || q.Exchange != p.Exchange {
			continue
		}
		if q.Address == addr || !pasted && !q.Pasted && q.AccountID == p.AccountID {
			return false
		}
	}
	return true
}

// PickAddress shows a fresh receive address of the plan's account: the
// first with no on-chain history that SafeHarbor has not handed out before.
func (m *Manager) PickAddress(ctx context.Context, id string, acct *wallet.Account) (*Plan, error) {
	p, err := m.Get(id)
	if err != nil {
		return nil, err
	}
	if err := m.checkAccount(p, acct); err != nil {
		return p, err
	}
	if p.State != CheckExchange && p.State != AddressShown {
		return p, fmt.Errorf("%w: picking an address from %s", ErrIllegal, p.State)
	}
	if m.cfg.Tracker == nil {
		return p, errors.New("no chain backend configured: set [wallet] esplora or rpc to find an unused address")
	}
	used := m.handedOut(p.AccountID)
	if p.Address != "" && !p.Pasted {
		delete(used, p.Address) // re-picking may keep this plan's own address
	}
	a, idx, err := chain.FreshAddress(ctx, acct, m.cfg.Tracker, func(s string) bool { return used[s] }, m.cfg.GapLimit)
	if err != nil {
		return p, err
	}
	first := m.firstTime(p, a.String, false)
	return m.update(id, p.Version, func(p *Plan, now time.Time) error {
		if err := move(p, AddressShown, now, "fresh address "+wallet.Abbrev(a.String)); err != nil {
			return err
		}
		p.Address, p.AddressIndex, p.Pasted, p.FirstTime, p.Preexisting = a.String, idx, false, first, nil
		return nil
	})
}

// UseAddress takes a pasted destination instead of a derived one, after
// the network check and the look-alike check against the account's
// addresses and every past destination. A look-alike is refused.
func (m *Manager) UseAddress(ctx context.Context, id, pasted string, acct *wallet.Account) (*Plan, error) {
	p, err := m.Get(id)
	if err != nil {
		return nil, err
	}
	if err := m.checkAccount(p, acct); err != nil {
		return p, err
	}
	if p.State != CheckExchange && p.State != AddressShown {
		return p, fmt.Errorf("%w: setting an address from %s", ErrIllegal, p.State)
	}
	a, err := wallet.CheckAddress(pasted, wallet.Network(p.Network))
	if err != nil {
		return p, err
	}
	known := slices.Collect(mapKeys(m.handedOut(p.AccountID)))
	m.mu.Lock()
	for _, q := range m.plans {
		if q.Address != "" {
			known = append(known, q.Address)
		}
	}
	m.mu.Unlock()
	own := false
	var ownIdx uint32
	n := uint32(m.cfg.GapLimit) + 100
	for i := uint32(0); i < n; i++ {
		for _, change := range []bool{false, true} {
			d, err := acct.Address(change, i)
			if err != nil {
				continue
			}
			known = append(known, d.String)
			if d.String == a.String && !change && !own {
				own, ownIdx = true, i
			}
		}
	}
	if ws := wallet.CheckLookalike(a.String, known); len(ws) > 0 {
		return p, fmt.Errorf("%w: %s", ErrLookalike, ws[0].Msg)
	}
	first := m.firstTime(p, a.String, !own)
	// Payments the address already had are not this withdrawal: remember
	// them, or an old payment would pass for the test amount.
	if m.cfg.Tracker == nil {
		return p, errors.New("no chain backend configured: set [wallet] esplora or rpc")
	}
	old, err := m.cfg.Tracker.AddressTxs(ctx, a.String)
	if err != nil {
		return p, fmt.Errorf("checking the address's history: %w", err)
	}
	var pre []string
	for _, t := range old {
		pre = append(pre, t.TxID)
	}
	return m.update(id, p.Version, func(p *Plan, now time.Time) error {
		if err := move(p, AddressShown, now, "pasted address "+wallet.Abbrev(a.String)); err != nil {
			return err
		}
		p.Address, p.AddressIndex, p.Pasted, p.FirstTime, p.Preexisting = a.String, ownIdx, !own, first, pre
		return nil
	})
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// View is what the user compares with the hardware wallet's screen.
type View struct {
	Address string // plain
	Groups  string // "bc1q cr8t e4kr ..."
	URI     string // bitcoin:ADDRESS
	QR      []byte // PNG of URI
}

// AddressView renders the plan's destination for verification.
func (m *Manager) AddressView(id string) (View, error) {
	p, err := m.Get(id)
	if err != nil {
		return View{}, err
	}
	if p.Address == "" {
		return View{}, fmt.Errorf("%w: no address chosen yet", ErrIllegal)
	}
	uri := "bitcoin:" + p.Address
	png, err := qrcode.Encode(uri, qrcode.Medium, 256)
	if err != nil {
		return View{}, fmt.Errorf("drawing the QR code: %w", err)
	}
	return View{Address: p.Address, Groups: wallet.Group4(p.Address), URI: uri, QR: png}, nil
}

// ConfirmVerified records that the user compared the address with the
// hardware wallet's screen.
func (m *Manager) ConfirmVerified(id string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		return move(p, Verified, now, "address verified on the hardware wallet")
	})
}

// Proceed moves a verified plan to the test amount (first-time
// destination) or straight to the withdrawal, re-checking the exchange.
func (m *Manager) Proceed(id string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.State != Verified {
			return fmt.Errorf("%w: proceeding from %s", ErrIllegal, p.State)
		}
		if err := m.block(p, now); err != nil {
			return err
		}
		if p.FirstTime {
			return move(p, TestAmount, now, "first-time destination: send a small test amount first")
		}
		return move(p, Withdraw, now, "")
	})
}

// WithdrawalPage is the exchange's withdrawal page, for a deep link.
func (m *Manager) WithdrawalPage(id string) (string, error) {
	p, err := m.Get(id)
	if err != nil {
		return "", err
	}
	ex, ok := exchanges.Lookup(p.Exchange)
	if !ok || ex.WithdrawalPage == "" {
		return "", fmt.Errorf("no withdrawal page known for %s; use its official site: %s", p.Exchange, strings.Join(domains(ex), ", "))
	}
	return ex.WithdrawalPage, nil
}

func domains(ex *exchanges.Exchange) []string {
	if ex == nil {
		return nil
	}
	return ex.Domains
}

// BeginSend records, before anything goes to the exchange, that the
// current leg's withdrawal is being requested. It refuses a second start
// (ErrAlreadySent) and blocks the plan if the exchange is not OK. After
// it, exactly one of MarkSent, MarkTimedOut or MarkRejected must follow.
func (m *Manager) BeginSend(id, amount string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.State != TestAmount && p.State != Withdraw {
			return fmt.Errorf("%w: withdrawing from %s", ErrIllegal, p.State)
		}
		leg := p.Leg()
		if p.Started(leg) {
			return ErrAlreadySent
		}
		if leg == LegFull && p.FirstTime && (p.TestTx == nil || p.TestTx.Phase != chain.PhaseConfirmed) {
			return fmt.Errorf("%w: the test amount has not arrived yet", ErrIllegal)
		}
		if err := m.block(p, now); err != nil {
			return err
		}
		p.Sends[leg] = &Send{Started: now, Amount: amount}
		p.History = append(p.History, Transition{From: p.State, To: p.State, At: now, Note: string(leg) + " withdrawal requested"})
		return nil
	})
}

// MarkSent records that the exchange accepted the withdrawal (ref is its
// withdrawal id, if any). Marking the same leg twice is ErrAlreadySent.
func (m *Manager) MarkSent(id, ref string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.State != TestAmount && p.State != Withdraw {
			return fmt.Errorf("%w: marking a withdrawal sent from %s", ErrIllegal, p.State)
		}
		leg := p.Leg()
		s := p.Sends[leg]
		if s == nil {
			return fmt.Errorf("%w: the withdrawal was not started (BeginSend)", ErrIllegal)
		}
		if !s.Sent.IsZero() {
			return ErrAlreadySent
		}
		s.Sent, s.Ref = now, ref
		if leg == LegFull {
			return move(p, Tracking, now, "withdrawal sent")
		}
		p.History = append(p.History, Transition{From: p.State, To: p.State, At: now, Note: "test withdrawal sent"})
		return nil
	})
}

// MarkWithdrawn is for a withdrawal made on the exchange's web site: the
// user says it is done. It is BeginSend and MarkSent in one.
func (m *Manager) MarkWithdrawn(id, amount string) (*Plan, error) {
	if p, err := m.BeginSend(id, amount); err != nil {
		return p, err
	}
	return m.MarkSent(id, "")
}

// MarkTimedOut: the withdrawal request's outcome is unknown. The plan
// becomes Unknown until the user checks the exchange's history (Resolve).
func (m *Manager) MarkTimedOut(id string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		leg := p.Leg()
		if (p.State != TestAmount && p.State != Withdraw) || !p.Started(leg) || p.Sent(leg) {
			return fmt.Errorf("%w: no withdrawal request in flight", ErrIllegal)
		}
		return toUnknown(p, now, "the "+string(leg)+" withdrawal request timed out")
	})
}

// MarkRejected: the exchange definitely refused the request (an error
// reply, not a timeout), so nothing was sent and the leg can be retried.
func (m *Manager) MarkRejected(id, reason string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		leg := p.Leg()
		if (p.State != TestAmount && p.State != Withdraw) || !p.Started(leg) || p.Sent(leg) {
			return fmt.Errorf("%w: no withdrawal request in flight", ErrIllegal)
		}
		delete(p.Sends, leg)
		p.History = append(p.History, Transition{From: p.State, To: p.State, At: now, Note: "withdrawal refused by the exchange: " + reason})
		return nil
	})
}

// Resolve ends Unknown after the user checked the exchange's history:
// sent (with the exchange's ref, if shown) resumes tracking; not sent lets
// the user withdraw again.
func (m *Manager) Resolve(id string, sent bool, ref string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.State != Unknown {
			return fmt.Errorf("%w: nothing to resolve in %s", ErrIllegal, p.State)
		}
		leg := p.Leg()
		if !sent {
			delete(p.Sends, leg)
			return back(p, p.Resume, now, "user checked: not sent")
		}
		s := p.Sends[leg]
		if s == nil {
			s = &Send{Started: now}
			p.Sends[leg] = s
		}
		s.Sent, s.Ref = now, ref
		if leg == LegFull {
			return back(p, Tracking, now, "user checked: sent")
		}
		return back(p, TestAmount, now, "user checked: test sent")
	})
}

// Cancel gives up a plan before any withdrawal was requested.
func (m *Manager) Cancel(id, reason string) (*Plan, error) {
	return m.update(id, -1, func(p *Plan, now time.Time) error {
		if p.Started(LegFull) || p.Started(LegTest) && p.Leg() == LegTest {
			return fmt.Errorf("%w: a withdrawal was already requested; check the exchange's history — it cannot be cancelled here", ErrIllegal)
		}
		if err := move(p, Cancelled, now, reason); err != nil {
			return err
		}
		p.Reason = reason
		return nil
	})
}
