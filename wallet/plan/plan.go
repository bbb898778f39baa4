package plan

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"safeharbor/exchanges"
	"safeharbor/wallet/chain"
)

// State is where a plan is.
type State string

// The happy path, in order.
const (
	Choose        State = "choose"         // exchange, coin and cold-wallet account chosen
	CheckExchange State = "check_exchange" // the exchange is operational and withdrawals are not suspended
	AddressShown  State = "address"        // a fresh address is shown for verification
	Verified      State = "verified"       // the user compared it with the hardware wallet's screen
	TestAmount    State = "test_amount"    // first-time destination: a small test withdrawal first
	Withdraw      State = "withdraw"       // the user withdraws the full amount
	Tracking      State = "tracking"       // on-chain: mempool, k/N confirmations
	Done          State = "done"           // N confirmations
)

// Side states.
const (
	Blocked   State = "blocked"   // the exchange is not OK: wait, then re-check
	Stuck     State = "stuck"     // nothing on-chain long after the withdrawal: flagged, not failed
	Reorged   State = "reorged"   // the transaction's block was replaced or it vanished
	Cancelled State = "cancelled" // the user gave up before any money moved
	Unknown   State = "unknown"   // a withdrawal request's outcome is unknown: check the exchange's history
)

// transitions lists the legal moves. Side states return to the state they
// interrupted (Plan.Resume), which the operations check separately.
var transitions = map[State][]State{
	Choose:        {CheckExchange, Blocked, Cancelled},
	CheckExchange: {AddressShown, Blocked, Cancelled},
	AddressShown:  {AddressShown, Verified, Blocked, Cancelled},
	Verified:      {TestAmount, Withdraw, Blocked, Cancelled},
	TestAmount:    {Withdraw, Unknown, Stuck, Reorged, Blocked, Cancelled},
	Withdraw:      {Tracking, Unknown, Blocked, Cancelled},
	Tracking:      {Done, Stuck, Reorged},
	Blocked:       {CheckExchange, AddressShown, Verified, TestAmount, Withdraw, Cancelled},
	Stuck:         {TestAmount, Withdraw, Tracking, Done, Reorged},
	Reorged:       {TestAmount, Withdraw, Tracking, Done, Stuck},
	Unknown:       {TestAmount, Withdraw, Tracking},
	Done:          {},
	Cancelled:     {},
}

// ErrIllegal: the operation is not allowed in the plan's current state.
var ErrIllegal = errors.New("not allowed at this step")

// ErrAlreadySent: a withdrawal for this leg was already started or sent.
var ErrAlreadySent = errors.New("this withdrawal was already started; check the exchange's withdrawal history before doing anything else")

// CanMove reports whether from → to is a legal transition.
func CanMove(from, to State) bool { return slices.Contains(transitions[from], to) }

// Terminal reports whether the plan is finished.
func (s State) Terminal() bool { return s == Done || s == Cancelled }

// Leg is one of a plan's withdrawals.
type Leg string

const (
	LegTest Leg = "test"
	LegFull Leg = "full"
)

// Send is the record of one withdrawal request.
type Send struct {
	Started time.Time `json:"started"`          // persisted before the request goes out
	Sent    time.Time `json:"sent,omitzero"`    // the exchange accepted it (or the user says they withdrew)
	Ref     string    `json:"ref,omitempty"`    // the exchange's withdrawal id, if any
	Amount  string    `json:"amount,omitempty"` // as the user entered it, e.g. "0.0001"
}

// Transition is one entry of a plan's history.
type Transition struct {
	From State     `json:"from"`
	To   State     `json:"to"`
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"`
}

// Plan is one withdrawal from an exchange to the user's cold wallet.
type Plan struct {
	ID        string    `json:"id"`
	Version   int       `json:"version"` // bumped on every saved change
	State     State     `json:"state"`
	Resume    State     `json:"resume,omitempty"` // the state a side state interrupted
	Reason    string    `json:"reason,omitempty"` // why blocked, stuck, reorged, unknown or cancelled
	Exchange  string    `json:"exchange"`
	Coin      string    `json:"coin"`
	AccountID string    `json:"account_id"`
	Network   string    `json:"network"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`

	Address      string `json:"address,omitempty"`
	AddressIndex uint32 `json:"address_index,omitempty"`
	Pasted       bool   `json:"pasted,omitempty"`     // the destination was pasted, not derived
	FirstTime    bool   `json:"first_time,omitempty"` // needs a test amount first
	// Preexisting are txids the address had before this plan: never taken
	// for this plan's withdrawals.
	Preexisting []string `json:"preexisting,omitempty"`

	Sends    map[Leg]*Send   `json:"sends,omitempty"`
	TestTx   *chain.Progress `json:"test_tx,omitempty"`
	Progress *chain.Progress `json:"progress,omitempty"`

	History []Transition `json:"history,omitempty"`
}

// Leg is the withdrawal the plan is at (or was at, in a side state).
func (p *Plan) Leg() Leg {
	s := p.State
	if p.Resume != "" && (s == Blocked || s == Stuck || s == Reorged || s == Unknown) {
		s = p.Resume
	}
	if s == TestAmount {
		return LegTest
	}
	return LegFull
}

// Started reports whether a withdrawal request for leg has gone out (or may have).
func (p *Plan) Started(l Leg) bool { return p.Sends[l] != nil }

// Sent reports whether the withdrawal for leg is known to have been made.
func (p *Plan) Sent(l Leg) bool { return p.Sends[l] != nil && !p.Sends[l].Sent.IsZero() }

// clone deep-copies p so a failed save leaves the original untouched.
func (p *Plan) clone() *Plan {
	q := *p
	q.Sends = make(map[Leg]*Send, len(p.Sends))
	for k, v := range p.Sends {
		s := *v
		q.Sends[k] = &s
	}
	if p.TestTx != nil {
		t := *p.TestTx
		t.Ignore = slices.Clone(t.Ignore)
		q.TestTx = &t
	}
	if p.Progress != nil {
		t := *p.Progress
		t.Ignore = slices.Clone(t.Ignore)
		q.Progress = &t
	}
	q.History = slices.Clone(p.History)
	q.Preexisting = slices.Clone(p.Preexisting)
	return &q
}

// ExchangeStatus is the little of a watchers.Verdict a plan needs.
type ExchangeStatus struct {
	Known  bool // false: no verdict yet
	Level  exchanges.Level
	Advice []exchanges.Advice
}

// okForWithdrawal is fail-closed: only a known, operational exchange whose
// withdrawals are not suspended.
func (s ExchangeStatus) okForWithdrawal() (bool, string) {
	switch {
	case !s.Known:
		return false, "the exchange's status is not known yet"
	case slices.Contains(s.Advice, exchanges.WithdrawalsSuspended):
		return false, "the exchange's withdrawals are suspended"
	case s.Level != exchanges.Operational:
		return false, fmt.Sprintf("the exchange is %s, not operational", s.Level)
	}
	return true, ""
}
