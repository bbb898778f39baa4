package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/history"
	"safeharbor/internal/clock"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

// chainTimeout bounds one request to the chain backend.
const chainTimeout = 30 * time.Second

// walletDepsFromConfig builds the wallet area's backends from [wallet]: the
// chain tracker (the user's own Bitcoin Core when rpc is set, since it
// tells no one which addresses are theirs; else Esplora), the plan manager
// over the history store (nil store: no plans) and verdicts from src. It makes no
// keyring call: the RPC password is read on the tracker's first use, which
// is always off the Fyne goroutine. close releases the RPC client. On error
// the deps returned still hold every part that worked.
func walletDepsFromConfig(cfg config.Config, v *vault.Vault, st *history.Store, src Source, clk clock.Clock) (deps WalletDeps, close func(), err error) {
	// Whatever fails, the rest still works: the screen explains what is missing.
	deps = WalletDeps{Vault: v, Network: wallet.Mainnet, Clock: clk, GapLimit: cfg.Wallet.GapLimit, Verdict: verdictFrom(src)}
	close = func() {}
	var errs []error
	if n, nerr := wallet.ParseNetwork(cfg.Wallet.Network); nerr != nil {
		errs = append(errs, fmt.Errorf("[wallet] network: %w", nerr))
	} else {
		deps.Network = n
	}
	switch {
	case cfg.Wallet.RPC != "":
		lt := &lazyTracker{build: func() (*chain.CoreRPC, error) {
			if v == nil {
				return nil, errors.New("bitcoin core rpc: no keyring for its password (wallet/rpc)")
			}
			pass, err := v.Get("wallet/rpc")
			if err != nil {
				return nil, fmt.Errorf("bitcoin core rpc password (keyring wallet/rpc): %w", err)
			}
			return chain.NewCoreRPC(cfg.Wallet.RPC, cfg.Wallet.RPCUser, pass, chainTimeout)
		}}
		deps.Tracker, close = lt, lt.close
	case cfg.Wallet.Esplora != "":
		tr, terr := chain.NewEsplora(cfg.Wallet.Esplora, chainTimeout)
		if terr != nil {
			errs = append(errs, fmt.Errorf("[wallet] esplora: %w", terr))
		} else {
			deps.Tracker = tr
		}
	}
	if st != nil {
		pm, perr := plan.Open(plan.Config{
			Store: st, Tracker: deps.Tracker, Clock: clk, Status: planStatus(src),
			Confirmations: cfg.Wallet.Confirmations, StuckAfter: cfg.Wallet.StuckAfter.Duration, GapLimit: cfg.Wallet.GapLimit,
		})
		if perr != nil {
			errs = append(errs, fmt.Errorf("withdrawal plans: %w", perr))
		} else {
			deps.Plans = pm
		}
	}
	return deps, close, errors.Join(errs...)
}

// verdictFrom looks an exchange's verdict up in src; false until it was checked.
func verdictFrom(src Source) func(string) (watchers.Verdict, bool) {
	if src == nil {
		return nil
	}
	return func(id string) (watchers.Verdict, bool) {
		for _, v := range src.Verdicts() {
			if v.ID == id && !v.CheckedAt.IsZero() {
				return v, true
			}
		}
		return watchers.Verdict{}, false
	}
}

// planStatus is plan.Config.Status over src: an exchange not yet checked is
// not Known, so its plans stay blocked (fail closed).
func planStatus(src Source) func(string) plan.ExchangeStatus {
	get := verdictFrom(src)
	return func(id string) plan.ExchangeStatus {
		if get == nil {
			return plan.ExchangeStatus{}
		}
		v, ok := get(id)
		if !ok {
			return plan.ExchangeStatus{}
		}
		return plan.ExchangeStatus{Known: true, Level: v.Level, Advice: v.Advice}
	}
}

// lazyTracker connects to Bitcoin Core on first use, so the keyring read
// for its password happens on the caller's (background) goroutine. A failed
// connect is retried on the next use.
type lazyTracker struct {
	build func() (*chain.CoreRPC, error)
	mu    sync.Mutex
	rpc   *chain.CoreRPC
}

func (l *lazyTracker) get() (*chain.CoreRPC, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rpc == nil {
		r, err := l.build()
		if err != nil {
			return nil, err
		}
		l.rpc = r
	}
	return l.rpc, nil
}

func (l *lazyTracker) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rpc != nil {
		l.rpc.Close()
		l.rpc = nil
	}
}

func (l *lazyTracker) Tip(ctx context.Context) (int64, error) {
	r, err := l.get()
	if err != nil {
		return 0, err
	}
	return r.Tip(ctx)
}

func (l *lazyTracker) AddressTxs(ctx context.Context, addr string) ([]chain.Tx, error) {
	r, err := l.get()
	if err != nil {
		return nil, err
	}
	return r.AddressTxs(ctx, addr)
}

func (l *lazyTracker) TxStatus(ctx context.Context, txid string) (chain.TxStatus, error) {
	r, err := l.get()
	if err != nil {
		return chain.TxStatus{}, err
	}
	return r.TxStatus(ctx, txid)
}

func (l *lazyTracker) AddressStats(ctx context.Context, addr string) (chain.Stats, error) {
	r, err := l.get()
	if err != nil {
		return chain.Stats{}, err
	}
	return r.AddressStats(ctx, addr)
}
