package wallet

import (
	"errors"
	"strings"
	"testing"
)

// Published vectors for the mnemonic "abandon abandon ... about".
const (
	bip84zpub = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
	bip86xpub = "xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ"
	bip49ypub = "ypub6Ww3ibxVfGzLrAH1PNcjyAWenMTbbAosGNB6VvmSEgytSER9azLDWCxoJwW7Ke7icmizBMXrzBx9979FfaHxHcrArf3zbeJJJUZPf663zsP"
	bip44xpub = "xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj"
	// BIP32 root of the same mnemonic (published in BIP84); a private key,
	// used only to prove refusal.
	bip84xprv = "xprv9s21ZrQH143K3GJpoapnV8SFfukcVBSfeCficPSGfubmSFDxo1kuHnLisriDvSnRRuL2Qrg5ggqHKNVpxR86QEC8w35uxmGoggxtQTPvfUu"
)

func TestPublishedVectors(t *testing.T) {
	for _, tc := range []struct {
		name, key string
		hint      ScriptType
		change    bool
		index     uint32
		want      string
	}{
		{"bip84 receive 0", bip84zpub, "", false, 0, "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"},
		{"bip84 receive 1", bip84zpub, "", false, 1, "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"},
		{"bip84 change 0", bip84zpub, "", true, 0, "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el"},
		{"bip86 receive 0", bip86xpub, P2TR, false, 0, "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr"},
		{"bip86 receive 1", bip86xpub, P2TR, false, 1, "bc1p4qhjn9zdvkux4e44uhx8tc55attvtyu358kutcqkudyccelu0was9fqzwh"},
		{"bip86 change 0", bip86xpub, P2TR, true, 0, "bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7"},
		{"bip49 receive 0", bip49ypub, "", false, 0, "37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf"},
		{"bip44 receive 0", bip44xpub, P2PKH, false, 0, "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA"},
	} {
		acc, err := ParseAccount(tc.key, Mainnet, tc.hint)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := acc.Address(tc.change, tc.index)
		if err != nil || got.String != tc.want {
			t.Errorf("%s: got %q %v, want %s", tc.name, got.String, err, tc.want)
		}
		// Every derived address passes the checker.
		if chk, err := CheckAddress(got.String, Mainnet); err != nil || chk.String != got.String {
			t.Errorf("%s: CheckAddress: %+v %v", tc.name, chk, err)
		}
	}
}

func TestParseAccountRefusals(t *testing.T) {
	seed := strings.Repeat("abandon ", 11) + "about"
	for _, in := range []string{bip84xprv, seed, "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", "wpkh(" + bip84xprv + "/84h/0h/0h/0/*)"} {
		_, err := ParseAccount(in, Mainnet, P2WPKH)
		if !errors.Is(err, ErrPrivateKey) {
			t.Errorf("private input not refused: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), in[:8]) {
			t.Errorf("error echoes the input")
		}
	}
	if _, err := ParseAccount(bip86xpub, Mainnet, ""); !errors.Is(err, ErrNeedScriptType) {
		t.Errorf("bare xpub: %v", err)
	}
	if _, err := ParseAccount(bip84zpub, Testnet, ""); err == nil {
		t.Errorf("zpub on testnet accepted")
	}
}
