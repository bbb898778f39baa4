package wallet

import "testing"

// BenchmarkDeriveAndCheck10k derives 10,000 receive addresses from an
// account key and checks each one, as a wallet scan would.
func BenchmarkDeriveAndCheck10k(b *testing.B) {
	acc, err := ParseAccount(bip84zpub, Mainnet, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range uint32(10_000) {
			a, err := acc.Address(false, i)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := CheckAddress(a.String, Mainnet); err != nil {
				b.Fatal(err)
			}
		}
	}
}
