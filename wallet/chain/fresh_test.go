package chain

import (
	"context"
	"errors"
	"testing"

	"safeharbor/internal/fakex"
	"safeharbor/wallet"
)

// BIP84 test vector account ("abandon ... about").
const bip84zpub = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"

func bip84(t testing.TB) *wallet.Account {
	t.Helper()
	a, err := wallet.ParseAccount(bip84zpub, wallet.Mainnet, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFreshAddress(t *testing.T) {
	f, e := newFake(t)
	acct := bip84(t)
	ctx := context.Background()
	a, i, err := FreshAddress(ctx, acct, e, nil, 0)
	if err != nil || i != 0 || a.String != addr0 {
		t.Fatalf("%v %d %v", a.String, i, err)
	}
	f.PayConfirmed(addr0, 1000)
	f.Pay(addr1, 1000) // mempool counts as used
	a, i, err = FreshAddress(ctx, acct, e, nil, 0)
	if err != nil || i != 2 {
		t.Fatalf("%v %d %v", a.String, i, err)
	}
	handed := map[string]bool{a.String: true}
	b, j, err := FreshAddress(ctx, acct, e, func(s string) bool { return handed[s] }, 0)
	if err != nil || j != 3 || b.String == a.String {
		t.Fatalf("%v %d %v", b.String, j, err)
	}
	// Too many handed out unpaid: refuse rather than go past the gap limit.
	all := func(string) bool { return true }
	if _, _, err := FreshAddress(ctx, acct, e, all, 5); !errors.Is(err, ErrGapLimit) {
		t.Fatalf("%v", err)
	}
	// A backend failure is never taken as "unused".
	f.SetFault(fakex.HTTP503)
	if _, _, err := FreshAddress(ctx, acct, e, nil, 0); err == nil {
		t.Fatal("fresh address despite a failing backend")
	}
}

// BenchmarkGapScan1000: the first 1,000 receive addresses are used; find the 1,001st.
func BenchmarkGapScan1000(b *testing.B) {
	f := fakex.StartEsplora(100)
	defer f.Close()
	e, err := NewEsplora(f.URL(), 0)
	if err != nil {
		b.Fatal(err)
	}
	acct := bip84(b)
	for i := range uint32(1000) {
		a, err := acct.Address(false, i)
		if err != nil {
			b.Fatal(err)
		}
		f.Pay(a.String, 1000)
	}
	f.Mine(1)
	ctx := context.Background()
	for b.Loop() {
		_, i, err := FreshAddress(ctx, acct, e, nil, 20)
		if err != nil || i != 1000 {
			b.Fatal(i, err)
		}
	}
}
