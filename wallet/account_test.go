package wallet

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/address/v2/base58"
	"github.com/btcsuite/btcd/address/v2/bech32"
	"github.com/btcsuite/btcd/btcutil/v2/hdkeychain"
)

// reversion re-encodes an extended key with other version bytes, the way
// SLIP-132 wallets present the same key.
func reversion(t *testing.T, key string, version [4]byte) string {
	t.Helper()
	d := base58.Decode(key)
	if len(d) != 82 {
		t.Fatalf("bad test key")
	}
	payload := append(version[:], d[4:78]...)
	h1 := sha256.Sum256(payload)
	h2 := sha256.Sum256(h1[:])
	sum := h2[:4]
	return base58.Encode(append(payload, sum...))
}

// rehrp moves a segwit address to another network's prefix.
func rehrp(t *testing.T, addr, hrp string) string {
	t.Helper()
	_, data, v, err := bech32.DecodeGeneric(addr)
	if err != nil {
		t.Fatal(err)
	}
	var out string
	if v == bech32.VersionM {
		out, err = bech32.EncodeM(hrp, data)
	} else {
		out, err = bech32.Encode(hrp, data)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	xpubVer = [4]byte{0x04, 0x88, 0xb2, 0x1e}
	tpubVer = [4]byte{0x04, 0x35, 0x87, 0xcf}
	vpubVer = [4]byte{0x04, 0x5f, 0x1c, 0xf6}
	upubVer = [4]byte{0x04, 0x4a, 0x52, 0x62}
	zpubMS  = [4]byte{0x02, 0xaa, 0x7e, 0xd3}
)

func mustAccount(t *testing.T, in string, n Network, hint ScriptType) *Account {
	t.Helper()
	a, err := ParseAccount(in, n, hint)
	if err != nil {
		t.Fatalf("ParseAccount: %v", err)
	}
	return a
}

func TestDescriptorForms(t *testing.T) {
	x84 := reversion(t, bip84zpub, xpubVer)
	want0 := "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	wantC := "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el"
	for _, d := range []string{
		"wpkh([73c5da0a/84h/0h/0h]" + x84 + "/<0;1>/*)",
		"wpkh([73c5da0a/84'/0'/0']" + x84 + "/<0;1>/*)",
		"wpkh([73C5DA0A/84H/0H/0H]" + x84 + ")",
		"wpkh(" + x84 + ")",
		"wpkh(" + bip84zpub + "/<0;1>/*)",
		"  wpkh(" + x84 + "/<0;1>/*)\n",
	} {
		a := mustAccount(t, d, Mainnet, "")
		for _, tc := range []struct {
			change bool
			want   string
		}{{false, want0}, {true, wantC}} {
			got, err := a.Address(tc.change, 0)
			if err != nil || got.String != tc.want {
				t.Errorf("%s change=%v: %v %v", d, tc.change, got.String, err)
			}
		}
		// The canonical descriptor parses back to the same account.
		b := mustAccount(t, a.Descriptor(), Mainnet, "")
		if b.Descriptor() != a.Descriptor() || b.ID() != a.ID() {
			t.Errorf("round trip changed the descriptor")
		}
		if len(a.ID()) != 8 || strings.Contains(a.Descriptor(), a.ID()) {
			t.Errorf("ID %q", a.ID())
		}
	}
	a := mustAccount(t, "wpkh([73c5da0a/84'/0'/0']"+x84+"/<0;1>/*)", Mainnet, "")
	if !strings.HasPrefix(a.Descriptor(), "wpkh([73c5da0a/84h/0h/0h]"+x84+"/<0;1>/*)#") {
		t.Errorf("canonical form: %s", a.Descriptor())
	}
	if a.ScriptType() != P2WPKH || a.Network() != Mainnet || !a.HasChange() {
		t.Errorf("accessors")
	}
	if s := a.String(); strings.Contains(s, "xpub") {
		t.Errorf("String leaks the key: %s", s)
	}

	// Single-chain descriptors.
	r := mustAccount(t, "wpkh("+x84+"/0/*)", Mainnet, "")
	if _, err := r.Address(true, 0); err == nil {
		t.Errorf("receive-only descriptor made a change address")
	}
	c := mustAccount(t, "wpkh("+x84+"/1/*)", Mainnet, "")
	if got, err := c.Address(true, 0); err != nil || got.String != wantC {
		t.Errorf("change-only: %v %v", got, err)
	}
	if _, err := c.Address(false, 0); err == nil {
		t.Errorf("change-only descriptor made a receive address")
	}

	// Other script types from descriptors agree with the SLIP-132 vectors.
	x49 := reversion(t, bip49ypub, xpubVer)
	if got, _ := mustAccount(t, "sh(wpkh("+x49+"/<0;1>/*))", Mainnet, "").Address(false, 0); got.String != "37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf" {
		t.Errorf("sh(wpkh): %v", got)
	}
	if got, _ := mustAccount(t, "tr([73c5da0a/86h/0h/0h]"+bip86xpub+"/<0;1>/*)", Mainnet, "").Address(false, 0); got.String != "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr" {
		t.Errorf("tr: %v", got)
	}
	if got, _ := mustAccount(t, "pkh("+bip44xpub+"/<0;1>/*)", Mainnet, "").Address(false, 0); got.String != "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA" {
		t.Errorf("pkh: %v", got)
	}
}

func TestDescriptorChecksums(t *testing.T) {
	x84 := reversion(t, bip84zpub, xpubVer)
	body := "wpkh([73c5da0a/84h/0h/0h]" + x84 + "/<0;1>/*)"
	sum, err := DescriptorChecksum(body)
	if err != nil {
		t.Fatal(err)
	}
	mustAccount(t, body+"#"+sum, Mainnet, "")
	bad := []byte(sum)
	bad[0] = map[bool]byte{true: 'q', false: 'p'}[bad[0] != 'q']
	_, err = ParseAccount(body+"#"+string(bad), Mainnet, "")
	if err == nil || !strings.Contains(err.Error(), "expected "+sum) || !strings.Contains(err.Error(), "given "+string(bad)) {
		t.Errorf("bad checksum: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), x84[:20]) {
		t.Errorf("error echoes the key")
	}
	for _, d := range []string{body + "#", body + "#" + sum + "x", body + "#" + sum[:7]} {
		if _, err := ParseAccount(d, Mainnet, ""); err == nil {
			t.Errorf("accepted checksum of wrong length")
		}
	}
	// BIP-380 vectors.
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"raw(deadbeef)#89f8spxm", true},
		{"raw(deadbeef)#89f8spxn", false},
		{"raw(deedbeef)#89f8spxm", false},
		{"raw(deadbeef)#89f8spx", false},
		{"raw(deadbeef)#89f8spxmx", false},
	} {
		_, err := splitChecksum(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.in, err)
		}
	}
	if _, err := DescriptorChecksum("raw(Ü)"); err == nil {
		t.Errorf("non-charset accepted")
	}
	if _, err := ParseAccount("raw(deadbeef)#89f8spxm", Mainnet, ""); err == nil || !strings.Contains(err.Error(), "raw()") {
		t.Errorf("raw(): %v", err)
	}
}

func TestTestnetKeys(t *testing.T) {
	// Same key material as BIP84/BIP49, presented as vpub/upub/tpub: the
	// witness program is the same, only the network prefix changes.
	vpub := reversion(t, bip84zpub, vpubVer)
	for _, n := range []Network{Testnet, Signet, Regtest} {
		a := mustAccount(t, vpub, n, "")
		got, err := a.Address(false, 0)
		want := rehrp(t, "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", n.hrp())
		if err != nil || got.String != want {
			t.Errorf("%s: %v %v want %s", n, got.String, err, want)
		}
		if _, err := CheckAddress(got.String, n); err != nil {
			t.Errorf("%s: derived address fails check: %v", n, err)
		}
	}
	tpub := reversion(t, bip86xpub, tpubVer)
	a := mustAccount(t, "tr("+tpub+"/<0;1>/*)", Testnet, "")
	got, _ := a.Address(false, 0)
	if want := rehrp(t, "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr", "tb"); got.String != want {
		t.Errorf("tr tpub: %s want %s", got.String, want)
	}
	if !strings.Contains(a.Descriptor(), "tpub") {
		t.Errorf("testnet descriptor should use tpub")
	}
	upub := reversion(t, bip49ypub, upubVer)
	if got, _ := mustAccount(t, upub, Testnet, "").Address(false, 0); got.Type != P2SHP2WPKH || !strings.HasPrefix(got.String, "2") {
		t.Errorf("upub: %+v", got)
	}
	// Network mismatches.
	if _, err := ParseAccount(tpub, Mainnet, P2TR); err == nil || !strings.Contains(err.Error(), "test-network") {
		t.Errorf("tpub on mainnet: %v", err)
	}
	if _, err := ParseAccount("wpkh("+bip84zpub+")", Testnet, ""); err == nil || !strings.Contains(err.Error(), "mainnet") {
		t.Errorf("zpub descriptor on testnet: %v", err)
	}
}

func TestParseAccountErrors(t *testing.T) {
	x84 := reversion(t, bip84zpub, xpubVer)
	zms := reversion(t, bip84zpub, zpubMS)
	for _, tc := range []struct {
		name, in string
		hint     ScriptType
		want     string
		is       error
	}{
		{"empty", "  ", "", "no account key", nil},
		{"multisig", zms, "", "", ErrMultisig},
		{"hint conflict", bip84zpub, P2TR, "p2wpkh", nil},
		{"descriptor conflict", "tr(" + x84 + ")", P2WPKH, "p2tr", nil},
		{"slip132 in wrong descriptor", "tr(" + bip84zpub + ")", "", "zpub", nil},
		{"bad key checksum", x84[:len(x84)-1] + "x", P2WPKH, "checksum", nil},
		{"short key", x84[:50], P2WPKH, "length", nil},
		{"not base58", "xpub0OIl", P2WPKH, "characters", nil},
		{"bad hint", x84, P2WSH, "cannot be derived", nil},
		{"origin depth", "wpkh([73c5da0a/84h/0h]" + x84 + ")", "", "depth", nil},
		{"origin index", "wpkh([73c5da0a/84h/0h/1h]" + x84 + ")", "", "child index", nil},
		{"origin no bracket", "wpkh([73c5da0a" + x84 + ")", "", "']'", nil},
		{"origin short fp", "wpkh([73c5da/84h/0h/0h]" + x84 + ")", "", "fingerprint", nil},
		{"unclosed origin", "wpkh([73c5da0a/84h/0h/0h" + x84 + ")", "", "']'", nil},
		{"hardened wildcard", "wpkh(" + x84 + "/0/*h)", "", "private key", nil},
		{"hardened step", "wpkh(" + x84 + "/0h/*)", "", "private key", nil},
		{"single address", "wpkh(" + x84 + "/0/5)", "", "single address", nil},
		{"two multipaths", "wpkh(" + x84 + "/<0;1>/<0;1>/*)", "", "more than one", nil},
		{"three branches", "wpkh(" + x84 + "/<0;1;2>/*)", "", "exactly two", nil},
		{"single key", "wpkh(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", "", "single public key", nil},
		{"multi", "wsh(multi(2," + x84 + "/0/*," + x84 + "/1/*))", "", "not supported", nil},
		{"tr script", "tr(" + x84 + ",{pk(" + x84 + ")})", "", "script paths", nil},
		{"garbage", "wpkh(", "", "not a supported descriptor", nil},
		{"wrong network key", bip86xpub, P2TR, "", nil},
	} {
		n := Mainnet
		if tc.name == "wrong network key" {
			n = Testnet
		}
		_, err := ParseAccount(tc.in, n, tc.hint)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.is)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %q does not mention %q", tc.name, err, tc.want)
		}
		if strings.Contains(err.Error(), x84[4:20]) || strings.Contains(err.Error(), bip86xpub[4:20]) {
			t.Errorf("%s: error echoes the key", tc.name)
		}
	}
}

func TestMasterKeyOrigin(t *testing.T) {
	master := "tpubD6NzVbkrYhZ4Yt5s5cv3KTttknvAaerBPKTNLF5irHNwdYn3CHJXWV9FKtGAmdAETJwxjyLatNvs7ziEPtbVn42wuQ45ShtPsHWrCp5dct8"
	if _, err := ParseAccount("wpkh([deadbeef]"+master+"/<0;1>/*)", Testnet, ""); err == nil || !strings.Contains(err.Error(), "fingerprint") {
		t.Errorf("wrong master fingerprint: %v", err)
	}
	k, err := hdkeychain.NewKeyFromString(master)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := k.ECPubKey()
	fp := hex.EncodeToString(address.Hash160(pub.SerializeCompressed())[:4])
	mustAccount(t, "wpkh(["+fp+"]"+master+"/<0;1>/*)", Testnet, "")
}

func TestAddressesRange(t *testing.T) {
	a := mustAccount(t, bip84zpub, Mainnet, "")
	got, err := a.Addresses(false, 0, 3)
	if err != nil || len(got) != 3 || got[0].String != "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu" || got[1].String != "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g" {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := a.Addresses(false, 1<<31-1, 2); err == nil {
		t.Errorf("range past the last index accepted")
	}
	if _, err := a.Address(false, 1<<31); err == nil {
		t.Errorf("hardened index accepted")
	}
}

func TestCoreDescriptorVector(t *testing.T) {
	// Bitcoin Core's deriveaddresses help example.
	d := "wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)#cjjspncu"
	a, err := ParseAccount(d, Mainnet, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Descriptor() != d {
		t.Errorf("canonical form differs:\n%s\n%s", a.Descriptor(), d)
	}
}

func TestBareKeyLevel(t *testing.T) {
	// A receive-chain key (m/84h/0h/0h/0) is below account level.
	acc := mustAccount(t, bip84zpub, Mainnet, "")
	chain, err := acc.key.Derive(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseAccount(chain.String(), Mainnet, P2WPKH); err == nil || !strings.Contains(err.Error(), "below account level") {
		t.Errorf("chain-level key: %v", err)
	}
	// With a descriptor the path is explicit, so it is accepted.
	if _, err := ParseAccount("wpkh("+chain.String()+"/*)", Mainnet, ""); err != nil {
		t.Errorf("chain-level descriptor: %v", err)
	}
}

func TestIDIgnoresOrigin(t *testing.T) {
	x84 := reversion(t, bip84zpub, xpubVer)
	a := mustAccount(t, bip84zpub, Mainnet, "")
	b := mustAccount(t, "wpkh([73c5da0a/84h/0h/0h]"+x84+"/<0;1>/*)", Mainnet, "")
	c := mustAccount(t, "tr("+x84+")", Mainnet, "")
	if a.ID() != b.ID() || a.ID() == c.ID() {
		t.Errorf("ids %s %s %s", a.ID(), b.ID(), c.ID())
	}
}

func TestAccountConcurrentUse(t *testing.T) {
	a := mustAccount(t, bip84zpub, Mainnet, "")
	want, _ := a.Addresses(false, 0, 20)
	done := make(chan []Address)
	for range 4 {
		go func() {
			got, _ := a.Addresses(false, 0, 20)
			done <- got
		}()
	}
	for range 4 {
		got := <-done
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("concurrent derivation differs at %d", i)
			}
		}
	}
}

func TestPath(t *testing.T) {
	a := mustAccount(t, bip84zpub, Mainnet, "")
	if a.Path(false, 5) != "0/5" || a.Path(true, 7) != "1/7" {
		t.Errorf("%s %s", a.Path(false, 5), a.Path(true, 7))
	}
	x84 := reversion(t, bip84zpub, xpubVer)
	c := mustAccount(t, "wpkh("+x84+"/1/*)", Mainnet, "")
	if c.Path(true, 2) != "1/2" {
		t.Errorf("%s", c.Path(true, 2))
	}
}
