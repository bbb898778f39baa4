package plan

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"safeharbor/wallet/chain"
)

// errStop ends Track's watch once the plan needs no more polling.
var errStop = errors.New("stop")

// tracking reports whether the plan has a withdrawal on its way to follow.
func tracking(p *Plan) bool {
	switch p.State {
	case TestAmount:
		return p.Sent(LegTest)
	case Tracking:
		return true
	case Stuck, Reorged:
		return true
	}
	return false
}

// progressFor is the chain progress of the plan's current leg, new if none.
func (m *Manager) progressFor(p *Plan) chain.Progress {
	if p.Leg() == LegTest {
		if p.TestTx != nil {
			return *p.TestTx
		}
		return chain.Progress{Address: p.Address, Needed: m.cfg.TestConfirmations, Phase: chain.PhaseNone, Ignore: slices.Clone(p.Preexisting)}
	}
	if p.Progress != nil {
		return *p.Progress
	}
	pr := chain.Progress{Address: p.Address, Needed: m.cfg.Confirmations, Phase: chain.PhaseNone, Ignore: slices.Clone(p.Preexisting)}
	if p.TestTx != nil && p.TestTx.TxID != "" {
		pr.Ignore = append(pr.Ignore, p.TestTx.TxID) // the test amount is not the withdrawal
	}
	return pr
}

// Poll checks the chain once for the plan's withdrawal in flight and
// applies what it saw: confirmations, arrival of the test amount, done,
// stuck (nothing on-chain after StuckAfter), reorged.
func (m *Manager) Poll(ctx context.Context, id string) (*Plan, error) {
	p, err := m.Get(id)
	if err != nil {
		return nil, err
	}
	if !tracking(p) {
		return p, fmt.Errorf("%w: nothing to track in %s", ErrIllegal, p.State)
	}
	if m.cfg.Tracker == nil {
		return p, errors.New("no chain backend configured: set [wallet] esplora or rpc")
	}
	next, err := chain.Poll(ctx, m.cfg.Tracker, m.progressFor(p), m.clk.Now())
	if err != nil {
		return p, err
	}
	return m.apply(p.ID, p.Version, next)
}

// apply records a chain observation and moves the plan accordingly.
func (m *Manager) apply(id string, version int, pr chain.Progress) (*Plan, error) {
	return m.update(id, version, func(p *Plan, now time.Time) error {
		leg := p.Leg()
		if leg == LegTest {
			p.TestTx = &pr
		} else {
			p.Progress = &pr
		}
		legState := TestAmount
		if leg == LegFull {
			legState = Tracking
		}
		switch {
		case pr.Event == chain.EventReorg || pr.Event == chain.EventDropped:
			if p.State == Reorged {
				p.Reason = pr.Detail
				return nil
			}
			return side(p, Reorged, now, pr.Detail)
		case pr.Phase == chain.PhaseConfirmed:
			if leg == LegTest {
				if p.State != TestAmount {
					if err := back(p, TestAmount, now, "test amount seen again"); err != nil {
						return err
					}
				}
				return move(p, Withdraw, now, "test amount arrived: now withdraw the rest")
			}
			if p.State != Tracking {
				p.Resume, p.Reason = "", ""
			}
			return move(p, Done, now, fmt.Sprintf("%d confirmations", pr.Confirmations))
		case pr.Phase == chain.PhaseNone:
			sent := p.Sends[leg].Sent
			if p.State != Stuck && !sent.IsZero() && now.Sub(sent) >= m.cfg.StuckAfter {
				return side(p, Stuck, now, fmt.Sprintf("nothing on-chain %v after the withdrawal; check the exchange's withdrawal history and its status", now.Sub(sent).Round(time.Minute)))
			}
			if p.State == Reorged {
				p.Reason = "the transaction vanished after a reorganisation; waiting for it to be mined again"
			}
			return nil
		default: // mempool or confirming
			if p.State == Stuck || p.State == Reorged {
				return back(p, legState, now, "seen on-chain again")
			}
			return nil
		}
	})
}

// Track polls the chain every PollInterval (with backoff on errors) until
// the plan is done or no longer tracking (stuck keeps polling: it is a flag,
// not a failure), or ctx ends.
func (m *Manager) Track(ctx context.Context, id string) (*Plan, error) {
	p, err := m.Get(id)
	if err != nil {
		return nil, err
	}
	if !tracking(p) {
		return p, fmt.Errorf("%w: nothing to track in %s", ErrIllegal, p.State)
	}
	for {
		p, err = m.Get(id)
		if err != nil {
			return nil, err
		}
		if !tracking(p) {
			return p, nil
		}
		leg := p.Leg()
		_, werr := chain.Watch(ctx, chain.WatchConfig{
			Tracker: m.cfg.Tracker, Clock: m.clk, Interval: m.cfg.PollInterval,
			OnPoll: func(pr chain.Progress, changed bool) error {
				if !changed && pr.Phase != chain.PhaseNone {
					return nil // nothing new: no write (stuck needs a look at the clock even when nothing changed)
				}
				cur, err := m.Get(id)
				if err != nil {
					return err
				}
				q, err := m.apply(id, cur.Version, pr)
				if err != nil {
					return err
				}
				if !tracking(q) || q.Leg() != leg {
					return errStop
				}
				return nil
			},
		}, m.progressFor(p))
		switch {
		case errors.Is(werr, errStop):
			continue
		case werr != nil:
			p, _ = m.Get(id)
			return p, werr
		}
		// Watch saw the leg confirmed; apply already moved the plan.
	}
}
