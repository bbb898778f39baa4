package chain

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"safeharbor/internal/fakex"
)

// Addresses from BIP84's "abandon ... about" test vector.
const (
	addr0 = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	addr1 = "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
)

func newFake(t *testing.T) (*fakex.Esplora, *Esplora) {
	t.Helper()
	f := fakex.StartEsplora(100)
	t.Cleanup(f.Close)
	e, err := NewEsplora(f.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return f, e
}

func TestEsploraAgainstFake(t *testing.T) {
	f, e := newFake(t)
	ctx := context.Background()
	tip, err := e.Tip(ctx)
	if err != nil || tip != 100 {
		t.Fatalf("tip %d %v", tip, err)
	}
	st, err := e.AddressStats(ctx, addr0)
	if err != nil || st.Used() {
		t.Fatalf("fresh stats %+v %v", st, err)
	}
	id := f.Pay(addr0, 50_000)
	st, _ = e.AddressStats(ctx, addr0)
	if st.MempoolTxCount != 1 || st.MempoolRecv != 50_000 || !st.Used() {
		t.Fatalf("mempool stats %+v", st)
	}
	txs, err := e.AddressTxs(ctx, addr0)
	if err != nil || len(txs) != 1 || txs[0].TxID != id || txs[0].Value != 50_000 || txs[0].Status.Confirmed {
		t.Fatalf("txs %+v %v", txs, err)
	}
	f.Mine(3)
	s, err := e.TxStatus(ctx, id)
	if err != nil || !s.Confirmed || s.BlockHeight != 101 || len(s.BlockHash) != 64 {
		t.Fatalf("status %+v %v", s, err)
	}
	if tip, _ := e.Tip(ctx); Confirmations(s, tip) != 3 {
		t.Fatalf("confirmations at %d", tip)
	}
	_, err = e.TxStatus(ctx, strings.Repeat("0", 64))
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown tx: %v", err)
	}
	if _, err := e.TxStatus(ctx, "../../etc/passwd"); !errors.Is(err, ErrBadInput) {
		t.Fatalf("bad txid: %v", err)
	}
	if _, err := e.AddressTxs(ctx, "bc1q/../x"); !errors.Is(err, ErrBadInput) {
		t.Fatalf("bad address: %v", err)
	}
}

func TestEsploraFaults(t *testing.T) {
	f, e := newFake(t)
	ctx := context.Background()
	f.SetRetryAfter(7 * time.Second)
	for _, c := range []struct {
		fault fakex.Fault
		check func(error) bool
	}{
		{fakex.RateLimit, func(err error) bool {
			var rl *RateLimitError
			return errors.As(err, &rl) && rl.RetryAfter == 7*time.Second
		}},
		{fakex.HTTP500, func(err error) bool { return strings.Contains(err.Error(), "HTTP 500") }},
		{fakex.Malformed, func(err error) bool { return errors.Is(err, ErrBadResponse) }},
		{fakex.HTMLError, func(err error) bool { return errors.Is(err, ErrBadResponse) }},
		{fakex.Truncated, func(err error) bool { return strings.Contains(err.Error(), "EOF") }},
		{fakex.HugeBody, func(err error) bool { return errors.Is(err, ErrBadResponse) }},
	} {
		f.SetFault(c.fault)
		_, err1 := e.AddressStats(ctx, addr0)
		_, err2 := e.AddressTxs(ctx, addr0)
		_, err3 := e.Tip(ctx)
		for _, err := range []error{err1, err2, err3} {
			if err == nil || !c.check(err) {
				t.Errorf("%s: %v", c.fault, err)
			}
		}
	}
	f.SetFault(fakex.NoFault)
	if _, err := e.Tip(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestEsploraHangTimesOut(t *testing.T) {
	f, e := newFake(t)
	f.SetFault(fakex.Hang)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a cancelled context must end a hung request at once
	if _, err := e.Tip(ctx); err == nil {
		t.Fatal("no error from a hung server")
	}
}

func TestNewEsploraURLs(t *testing.T) {
	for _, ok := range []string{"https://mempool.space", "https://mempool.space/testnet/api/", "http://127.0.0.1:3002", "http://localhost:3000", "http://[::1]:80"} {
		if _, err := NewEsplora(ok, 0); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "mempool.space", "http://mempool.space", "ftp://x", "https://u:p@x", "https://x/?q=1"} {
		if _, err := NewEsplora(bad, 0); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestParsers(t *testing.T) {
	if _, err := ParseTipHeight([]byte("-1")); err == nil {
		t.Error("negative tip")
	}
	if h, err := ParseTipHeight([]byte("850000\n")); err != nil || h != 850000 {
		t.Error(h, err)
	}
	for _, bad := range []string{`{}`, `{"confirmed":"yes"}`, `{"confirmed":true}`, `{"confirmed":true,"block_height":5}`,
		`{"confirmed":true,"block_height":1.5,"block_hash":"` + strings.Repeat("a", 64) + `"}`, `[]`, `null`} {
		if _, err := ParseTxStatus([]byte(bad)); !errors.Is(err, ErrBadResponse) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	if _, err := ParseAddressStats([]byte(`{"chain_stats":{"tx_count":1}}`)); !errors.Is(err, ErrBadResponse) {
		t.Error("partial stats accepted")
	}
	if _, err := ParseAddressTxs([]byte(`[{"txid":"x","status":{"confirmed":false},"vout":[]}]`), addr0); !errors.Is(err, ErrBadResponse) {
		t.Error("bad txid accepted")
	}
	if _, err := ParseAddressTxs([]byte(`{}`), addr0); !errors.Is(err, ErrBadResponse) {
		t.Error("object accepted as list")
	}
}

func FuzzParseAddressTxs(f *testing.F) {
	f.Add([]byte(`[{"txid":"` + strings.Repeat("ab", 32) + `","status":{"confirmed":true,"block_height":5,"block_hash":"` + strings.Repeat("cd", 32) + `"},"vout":[{"scriptpubkey_address":"` + addr0 + `","value":1000}]}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"txid":1}]`))
	f.Add([]byte(`{"oops": [1, 2,, }`))
	f.Fuzz(func(t *testing.T, b []byte) {
		txs, err := ParseAddressTxs(b, addr0)
		if err == nil {
			for _, tx := range txs {
				if len(tx.TxID) != 64 || tx.Value < 0 || tx.Status.Confirmed && tx.Status.BlockHeight <= 0 {
					t.Fatalf("accepted invalid tx %+v", tx)
				}
			}
		}
	})
}

func FuzzParseTxStatus(f *testing.F) {
	f.Add([]byte(`{"confirmed":false}`))
	f.Add([]byte(`{"confirmed":true,"block_height":850000,"block_hash":"` + strings.Repeat("00", 32) + `","block_time":1700000000}`))
	f.Add([]byte(`Transaction not found`))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := ParseTxStatus(b)
		if err == nil && st.Confirmed && (st.BlockHeight <= 0 || len(st.BlockHash) != 64) {
			t.Fatalf("accepted invalid status %+v", st)
		}
	})
}

func FuzzParseAddressStats(f *testing.F) {
	f.Add([]byte(`{"address":"x","chain_stats":{"funded_txo_count":1,"funded_txo_sum":5,"spent_txo_count":0,"spent_txo_sum":0,"tx_count":1},"mempool_stats":{"funded_txo_count":0,"funded_txo_sum":0,"spent_txo_count":0,"spent_txo_sum":0,"tx_count":0}}`))
	f.Add([]byte(`850000`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseAddressStats(b)
		if err == nil && (s.TxCount < 0 || s.Received < 0) {
			t.Fatalf("negative stats %+v", s)
		}
		_, _ = ParseTipHeight(b)
	})
}
