package chain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"safeharbor/internal/clock"
)

// Phase is how far an incoming payment has got.
type Phase string

const (
	PhaseNone       Phase = "none"       // nothing paying the address yet
	PhaseMempool    Phase = "mempool"    // broadcast, unconfirmed
	PhaseConfirming Phase = "confirming" // in a block, fewer than Needed confirmations
	PhaseConfirmed  Phase = "confirmed"  // Needed confirmations reached
)

// Event is something notable a poll saw, to tell the user about.
type Event string

const (
	EventNone    Event = ""
	EventReorg   Event = "reorg"   // the tx's block was replaced, or it fell back to the mempool
	EventDropped Event = "dropped" // the tx vanished (evicted, replaced by fee, reorged out)
)

// DefaultConfirmations is N when none is configured.
const DefaultConfirmations = 3

// Progress is the persisted state of following one payment to an address.
// It is plain data: the caller stores it after every change, so a restart
// resumes from where it was.
type Progress struct {
	Address  string   `json:"address"`
	Needed   int      `json:"needed"`              // confirmations wanted (DefaultConfirmations if 0)
	MinValue int64    `json:"min_value,omitempty"` // only a payment of at least this many sats counts
	Ignore   []string `json:"ignore,omitempty"`    // txids that are not this payment (an earlier test amount)

	Phase         Phase  `json:"phase"`
	TxID          string `json:"txid,omitempty"`
	Value         int64  `json:"value,omitempty"`
	Confirmations int    `json:"confirmations,omitempty"`
	BlockHeight   int64  `json:"block_height,omitempty"`
	BlockHash     string `json:"block_hash,omitempty"`

	Reorgs    int       `json:"reorgs,omitempty"`
	Event     Event     `json:"event,omitempty"`  // set by the poll that saw it
	Detail    string    `json:"detail,omitempty"` // human-readable detail of Event
	FirstSeen time.Time `json:"first_seen,omitzero"`
	CheckedAt time.Time `json:"checked_at,omitzero"`
}

func (p Progress) needed() int {
	if p.Needed <= 0 {
		return DefaultConfirmations
	}
	return p.Needed
}

// same reports whether nothing a user would notice changed.
func (p Progress) same(q Progress) bool {
	return p.Phase == q.Phase && p.TxID == q.TxID && p.Value == q.Value && p.Confirmations == q.Confirmations &&
		p.BlockHash == q.BlockHash && p.Reorgs == q.Reorgs && p.Event == q.Event
}

// Poll checks the chain once and returns the next Progress. On error p is
// returned unchanged (apart from nothing): the caller retries later.
func Poll(ctx context.Context, tr Tracker, p Progress, now time.Time) (Progress, error) {
	if err := checkAddr(p.Address); err != nil {
		return p, err
	}
	next := p
	next.Event, next.Detail = EventNone, ""
	if next.Phase == "" {
		next.Phase = PhaseNone
	}
	if next.TxID != "" {
		st, err := tr.TxStatus(ctx, next.TxID)
		switch {
		case errors.Is(err, ErrNotFound):
			next.Event = EventDropped
			next.Detail = fmt.Sprintf("transaction %s is no longer known to the network", short(next.TxID))
			if p.Phase == PhaseConfirming || p.Phase == PhaseConfirmed {
				next.Reorgs++
			}
			next.TxID, next.Value, next.Confirmations, next.BlockHeight, next.BlockHash = "", 0, 0, 0, ""
			next.Phase = PhaseNone
			// Fall through to look for a replacement paying the same address.
		case err != nil:
			return p, err
		default:
			return confirmations(ctx, tr, next, st, now)
		}
	}
	txs, err := tr.AddressTxs(ctx, next.Address)
	if err != nil {
		return p, err
	}
	var pick *Tx
	for i := range txs {
		t := &txs[i]
		if t.Value <= 0 || t.Value < next.MinValue || slices.Contains(next.Ignore, t.TxID) {
			continue
		}
		// Prefer the deepest one: a confirmed payment over one in the mempool.
		if pick == nil || t.Status.Confirmed && (!pick.Status.Confirmed || t.Status.BlockHeight < pick.Status.BlockHeight) {
			pick = t
		}
	}
	next.CheckedAt = now
	if pick == nil {
		return next, nil
	}
	next.TxID, next.Value = pick.TxID, pick.Value
	if next.FirstSeen.IsZero() {
		next.FirstSeen = now
	}
	next.BlockHash, next.BlockHeight = "", 0 // a new tx: no reorg comparison with the old one
	return confirmations(ctx, tr, next, pick.Status, now)
}

func confirmations(ctx context.Context, tr Tracker, next Progress, st TxStatus, now time.Time) (Progress, error) {
	was := next
	if was.BlockHash != "" && (!st.Confirmed || st.BlockHash != was.BlockHash) {
		next.Event = EventReorg
		next.Reorgs++
		if st.Confirmed {
			next.Detail = fmt.Sprintf("block %d of transaction %s was replaced; now in block %d", was.BlockHeight, short(next.TxID), st.BlockHeight)
		} else {
			next.Detail = fmt.Sprintf("block %d of transaction %s was replaced; the transaction is back in the mempool", was.BlockHeight, short(next.TxID))
		}
	}
	next.CheckedAt = now
	if !st.Confirmed {
		next.Phase, next.Confirmations, next.BlockHeight, next.BlockHash = PhaseMempool, 0, 0, ""
		return next, nil
	}
	tip, err := tr.Tip(ctx)
	if err != nil {
		return was, err
	}
	next.BlockHeight, next.BlockHash = st.BlockHeight, st.BlockHash
	next.Confirmations = Confirmations(st, tip)
	next.Phase = PhaseConfirming
	if next.Confirmations >= next.needed() {
		next.Phase = PhaseConfirmed
	}
	return next, nil
}

func short(txid string) string {
	if len(txid) > 16 {
		return txid[:8] + "…" + txid[len(txid)-8:]
	}
	return txid
}

// WatchConfig drives Watch.
type WatchConfig struct {
	Tracker    Tracker
	Clock      clock.Clock   // clock.Real{} if nil
	Interval   time.Duration // between polls; default 30s
	MaxBackoff time.Duration // cap of the error backoff; default 10m
	// OnPoll is called after every successful poll, before Watch goes on;
	// changed reports a visible change. The caller persists p here (so a
	// restart resumes) and may stop the watch by returning an error, which
	// Watch returns. A failed save must stop the watch: fail closed.
	OnPoll func(p Progress, changed bool) error
	// OnError, if set, sees each failed poll (for a status line); the watch retries with backoff.
	OnError func(err error, retryIn time.Duration)
}

// Watch polls until the payment has Needed confirmations, ctx ends or
// OnPoll fails. It returns the last Progress.
func Watch(ctx context.Context, cfg WatchConfig, start Progress) (Progress, error) {
	clk := cfg.Clock
	if clk == nil {
		clk = clock.Real{}
	}
	interval := cfg.Interval
	if interval <= 0 {
		interval = 30 * time.Second
	}
	maxBackoff := cfg.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = 10 * time.Minute
	}
	p := start
	failures := 0
	for {
		next, err := Poll(ctx, cfg.Tracker, p, clk.Now())
		wait := interval
		if err != nil {
			if ctx.Err() != nil {
				return p, ctx.Err()
			}
			if errors.Is(err, ErrBadInput) {
				return p, err // a bad address or txid will not heal by waiting
			}
			failures++
			wait = backoff(interval, maxBackoff, failures)
			var rl *RateLimitError
			if errors.As(err, &rl) && rl.RetryAfter > wait {
				wait = rl.RetryAfter
			}
			if cfg.OnError != nil {
				cfg.OnError(err, wait)
			}
		} else {
			failures = 0
			changed := !next.same(p)
			p = next
			if cfg.OnPoll != nil {
				if err := cfg.OnPoll(p, changed); err != nil {
					return p, err
				}
			}
			if p.Phase == PhaseConfirmed {
				return p, nil
			}
		}
		t := clk.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return p, ctx.Err()
		case <-t.C():
		}
	}
}

// backoff doubles from interval per consecutive failure, up to max.
func backoff(interval, max time.Duration, failures int) time.Duration {
	d := interval
	for i := 1; i < failures && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}
