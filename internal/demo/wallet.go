package demo

import (
	"safeharbor/internal/fakex"
	"safeharbor/wallet"
)

// Wallet is the demo's cold wallet, watch-only: the published BIP84 test
// account (mnemonic "abandon … about") re-encoded for testnet, so every
// address it shows is a tb1… address that cannot receive real bitcoin —
// nobody following the demo can send coins to a key the whole world knows.
const Wallet = "vpub5YvMuJNjRSYon44z9QmCfdf8SqJRVNvz6m55Qy5iVjZQxDfUgtiQjnc7CC1fAbED2tAGCZRERUfvtn2DstZGU6HMns6dXXH2wujSc2wfi2x"

// WalletNetwork is the network of Wallet and of the demo's chain.
const WalletNetwork = wallet.Testnet

// usedAddresses are Wallet's first receive addresses (0/0 and 0/1); they
// already have history on the demo chain, so "fresh address" visibly skips
// them. Written out rather than derived: derivation is slow under -race
// and every demo start would pay for it (TestUsedAddressesAreWallets checks them).
var usedAddresses = []string{
	"tb1qcr8te4kr609gcawutmrza0j4xv80jy8zmfp6l0",
	"tb1qnjg0jd8228aq7egyzacy8cys3knf9xvrn9d67m",
}

// startChain runs a fake Esplora with a little history for Wallet.
func (d *Demo) startChain() error {
	d.chain = fakex.StartEsplora(1_000) // every block gets a hash: keep the chain short
	for _, a := range usedAddresses {
		d.chain.PayConfirmed(a, 150_000)
	}
	d.chain.Mine(6)
	return nil
}

// Chain is the demo's fake Esplora (for tests and tools).
func (d *Demo) Chain() *fakex.Esplora { return d.chain }
