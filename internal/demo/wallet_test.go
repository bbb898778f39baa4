package demo

import (
	"strings"
	"testing"

	"safeharbor/wallet"
)

func TestUsedAddressesAreWallets(t *testing.T) {
	acct, err := wallet.ParseAccount(Wallet, WalletNetwork, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := acct.Addresses(false, 0, uint32(len(usedAddresses)))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range got {
		if a.String != usedAddresses[i] {
			t.Errorf("0/%d: derived %s, listed %s", i, a.String, usedAddresses[i])
		}
		if !strings.HasPrefix(a.String, "tb1") {
			t.Errorf("demo address %s is not a testnet address", a.String)
		}
	}
}
