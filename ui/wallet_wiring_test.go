package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

func TestWalletDepsFromConfig(t *testing.T) {
	esp := fakex.StartEsplora(100)
	defer esp.Close()
	st, err := history.Open(filepath.Join(t.TempDir(), "h.db"), history.Options{Clock: clock.NewFake(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ok := verdict("bitbank", "bitbank", exchanges.Operational, t0, "ok")
	unchecked := watchers.Verdict{ID: "coincheck"}
	src := &chanSource{verdicts: []watchers.Verdict{ok, unchecked}}
	cfg := testConfig("bitbank", "coincheck")
	cfg.Wallet.Network = "testnet"
	cfg.Wallet.Esplora = esp.URL()
	deps, closeFn, err := walletDepsFromConfig(cfg, vault.New(vault.NewMemory(), time.Second), st, src, clock.NewFake(t0))
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if deps.Network != wallet.Testnet || deps.Tracker == nil || deps.Plans == nil {
		t.Fatalf("%+v", deps)
	}
	if v, found := deps.Verdict("bitbank"); !found || v.Level != exchanges.Operational {
		t.Fatal("verdict")
	}
	if _, found := deps.Verdict("coincheck"); found {
		t.Fatal("an unchecked exchange has no verdict")
	}
	status := planStatus(src)
	if s := status("coincheck"); s.Known {
		t.Fatal("unchecked exchange must fail closed")
	}
	if s := status("bitbank"); !s.Known || s.Level != exchanges.Operational {
		t.Fatal("status")
	}

	cfg.Wallet.Network = "moon"
	d2, close2, err := walletDepsFromConfig(cfg, nil, nil, src, clock.NewFake(t0))
	defer close2()
	if err == nil || d2.Network != wallet.Mainnet || d2.Tracker == nil {
		t.Fatalf("bad network: %v %+v", err, d2)
	}
}

func TestWalletCoreRPCPasswordReadLazily(t *testing.T) {
	cfg := testConfig("bitbank")
	cfg.Wallet.RPC = "127.0.0.1:1"
	kr := vault.NewMemory()
	deps, closeFn, err := walletDepsFromConfig(cfg, vault.New(kr, time.Second), nil, nil, clock.NewFake(t0))
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if deps.Plans != nil {
		t.Fatal("plans without a store")
	}
	// No password in the keyring: the first use says so, nothing earlier.
	_, err = deps.Tracker.Tip(context.Background())
	if !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("tip: %v", err)
	}
}

func TestRecordHistory(t *testing.T) {
	st, err := history.Open(filepath.Join(t.TempDir(), "h.db"), history.Options{Clock: clock.NewFake(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := &chanSource{ch: make(chan watchers.Event), unsub: make(chan struct{})}
	stop := recordHistory(context.Background(), src, st, func(err error) { t.Error(err) })
	v := verdict("bitbank", "bitbank", exchanges.Outage, t0, "halt")
	src.ch <- change(v, exchanges.Operational, false)
	src.ch <- change(verdict("bitbank", "bitbank", exchanges.Operational, t0.Add(time.Hour), "ok"), exchanges.Outage, false)
	stop()
	<-src.unsub
	incs, err := st.Incidents("bitbank", time.Time{})
	if err != nil || len(incs) != 1 || incs[0].Open() {
		t.Fatalf("%v %v", incs, err)
	}
}

var _ chain.Tracker = (*lazyTracker)(nil)
var _ = plan.Done

func TestOpenHistoryStore(t *testing.T) {
	var stderr strings.Builder
	dir := t.TempDir()
	env := func(k string) string {
		if k == "XDG_DATA_HOME" {
			return dir
		}
		return ""
	}
	st, closeFn := openHistoryStore(env, false, clock.NewFake(t0), 0, &stderr)
	if st == nil || st.Path() != filepath.Join(dir, "safeharbor", "history.db") {
		t.Fatalf("store %v: %s", st, stderr.String())
	}
	closeFn()
	demo, closeDemo := openHistoryStore(env, true, clock.NewFake(t0), 0, &stderr)
	if demo == nil || strings.HasPrefix(demo.Path(), dir) {
		t.Fatal("the demo must not use the user's history")
	}
	p := demo.Path()
	closeDemo()
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatalf("demo history left behind: %v", err)
	}
}
