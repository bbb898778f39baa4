package chain

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"safeharbor/internal/fakex"
)

const rpcPass = "rpc-pass-c0ffee-not-for-logs"

func newCore(t *testing.T, pass string) (*fakex.Esplora, *CoreRPC) {
	t.Helper()
	f := fakex.StartEsplora(100)
	t.Cleanup(f.Close)
	b := fakex.StartBitcoind(f, "user", rpcPass)
	t.Cleanup(b.Close)
	r, err := NewCoreRPC(b.Host(), "user", pass, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return f, r
}

func TestCoreRPC(t *testing.T) {
	f, r := newCore(t, rpcPass)
	ctx := context.Background()
	if tip, err := r.Tip(ctx); err != nil || tip != 100 {
		t.Fatalf("tip %d %v", tip, err)
	}
	id := f.Pay(addr0, 70_000)
	if st, err := r.TxStatus(ctx, id); err != nil || st.Confirmed {
		t.Fatalf("mempool %+v %v", st, err)
	}
	if s, err := r.AddressStats(ctx, addr0); err != nil || s.Used() {
		t.Fatalf("scantxoutset sees only confirmed outputs: %+v %v", s, err)
	}
	f.Mine(2)
	st, err := r.TxStatus(ctx, id)
	if err != nil || !st.Confirmed || st.BlockHeight != 101 || len(st.BlockHash) != 64 {
		t.Fatalf("confirmed %+v %v", st, err)
	}
	txs, err := r.AddressTxs(ctx, addr0)
	if err != nil || len(txs) != 1 || txs[0].TxID != id || txs[0].Value != 70_000 || txs[0].Status != st {
		t.Fatalf("txs %+v %v", txs, err)
	}
	if s, err := r.AddressStats(ctx, addr0); err != nil || !s.Used() || s.Received != 70_000 {
		t.Fatalf("stats %+v %v", s, err)
	}
	if _, err := r.TxStatus(ctx, strings.Repeat("0", 64)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown tx: %v", err)
	}
	// The same Poll works over Core.
	p, err := Poll(ctx, r, Progress{Address: addr0, Needed: 2}, t0)
	if err != nil || p.Phase != PhaseConfirmed || p.TxID != id {
		t.Fatalf("poll %+v %v", p, err)
	}
}

func TestCoreRPCBadLogin(t *testing.T) {
	_, r := newCore(t, "wrong-password")
	_, err := r.Tip(context.Background())
	if err == nil || !strings.Contains(err.Error(), "login refused") || strings.Contains(err.Error(), rpcPass) || strings.Contains(err.Error(), "wrong-password") {
		t.Fatalf("%v", err)
	}
}

func TestNewCoreRPCRefusesRemote(t *testing.T) {
	if _, err := NewCoreRPC("node.example.com:8332", "u", "p", 0); err == nil {
		t.Fatal("remote plain-http RPC accepted")
	}
	if _, err := NewCoreRPC("127.0.0.1:8332", "u", "", 0); err == nil {
		t.Fatal("no password accepted")
	}
}

func FuzzParseScanTxOutSet(f *testing.F) {
	f.Add([]byte(`{"success":true,"txouts":9,"height":100,"bestblock":"00","unspents":[{"txid":"` + strings.Repeat("ab", 32) + `","vout":0,"scriptPubKey":"0014","desc":"addr(x)","amount":0.0007,"coinbase":false,"height":99}],"total_amount":0.0007}`))
	f.Add([]byte(`{"success":false}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		txs, total, err := ParseScanTxOutSet(b)
		if err == nil {
			if total < 0 {
				t.Fatal("negative total")
			}
			for _, tx := range txs {
				if len(tx.TxID) != 64 || tx.Status.BlockHeight <= 0 {
					t.Fatalf("accepted %+v", tx)
				}
			}
		}
	})
}
