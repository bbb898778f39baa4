package wallet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/address/v2/base58"
)

// ScriptType is the kind of output script an address pays to.
type ScriptType string

// Script types an Account derives. P2SH and P2WSH only describe checked
// addresses: their script is hidden behind a hash.
const (
	P2PKH      ScriptType = "p2pkh"
	P2SHP2WPKH ScriptType = "p2sh-p2wpkh"
	P2WPKH     ScriptType = "p2wpkh"
	P2TR       ScriptType = "p2tr"
	P2SH       ScriptType = "p2sh"
	P2WSH      ScriptType = "p2wsh"
)

// ScriptTypes lists the types an Account can derive, as offered to users.
var ScriptTypes = []ScriptType{P2PKH, P2SHP2WPKH, P2WPKH, P2TR}

// ParseScriptType accepts a derivable script type name (and a few common
// aliases: legacy, nested, segwit/bech32, taproot).
func ParseScriptType(s string) (ScriptType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "p2pkh", "pkh", "legacy":
		return P2PKH, nil
	case "p2sh-p2wpkh", "sh(wpkh)", "p2wpkh-p2sh", "nested", "nested-segwit":
		return P2SHP2WPKH, nil
	case "p2wpkh", "wpkh", "segwit", "native-segwit", "bech32":
		return P2WPKH, nil
	case "p2tr", "tr", "taproot", "bech32m":
		return P2TR, nil
	}
	return "", fmt.Errorf("unknown script type %q: use p2pkh, p2sh-p2wpkh, p2wpkh or p2tr", s)
}

// Address is a validated payment address.
type Address struct {
	String         string     // canonical form (bech32 lower-cased)
	Network        Network    // the network it was checked or derived for
	Type           ScriptType // p2pkh, p2sh, p2sh-p2wpkh (derived only), p2wpkh, p2wsh, p2tr
	WitnessVersion int        // 0 or 1 for segwit, -1 for base58 addresses
}

// Reason is a stable, machine-readable code for why an address was refused.
type Reason string

// Reasons CheckAddress gives. They are part of the CLI's JSON contract.
const (
	ReasonBadChecksum         Reason = "bad_checksum"
	ReasonWrongNetwork        Reason = "wrong_network"
	ReasonNotPaymentAddress   Reason = "not_payment_address"
	ReasonUnsupportedWitness  Reason = "unsupported_witness_version"
	ReasonBech32NeedsBech32m  Reason = "bech32_needs_bech32m" // bech32 checksum on witness v1+
	ReasonBech32mNeedsBech32  Reason = "bech32m_needs_bech32" // bech32m checksum on witness v0
	ReasonMixedCase           Reason = "mixed_case"
	ReasonWhitespace          Reason = "whitespace"
	ReasonInvisibleCharacters Reason = "invisible_characters"
	ReasonHomoglyph           Reason = "homoglyph" // non-ASCII look-alike or full-width characters
	ReasonLightningInvoice    Reason = "lightning_invoice"
	ReasonOtherCoin           Reason = "other_coin"
	ReasonPrivateKey          Reason = "private_key"
	ReasonEmpty               Reason = "empty"
	ReasonBadLength           Reason = "bad_length"
	ReasonBadFormat           Reason = "bad_format"
)

// AddressError explains why a string is not a payment address on the asked
// network. Msg is plain English for the user and never contains the input
// (it may be a pasted private key).
type AddressError struct {
	Reason Reason
	Msg    string
	Coin   string // for other_coin: the coin or chain it belongs to, if known
}

func (e *AddressError) Error() string { return e.Msg }

func addrErr(r Reason, format string, args ...any) *AddressError {
	return &AddressError{Reason: r, Msg: fmt.Sprintf(format, args...)}
}

// ReasonOf returns the Reason of an *AddressError in err's chain, or "".
func ReasonOf(err error) Reason {
	var ae *AddressError
	if errors.As(err, &ae) {
		return ae.Reason
	}
	return ""
}

// CheckAddress reports whether s is a Bitcoin payment address a wallet can
// safely send to on network n, and otherwise precisely why not. It is
// strict on purpose: surrounding spaces, invisible characters and mixed
// case are refused rather than silently repaired, because a pasted
// address that needed repair may have been tampered with.
func CheckAddress(s string, n Network) (Address, error) {
	if !n.Valid() {
		return Address{}, addrErr(ReasonBadFormat, "unknown network %q", string(n))
	}
	if s == "" {
		return Address{}, addrErr(ReasonEmpty, "no address given")
	}
	if len(s) > 4096 {
		return Address{}, addrErr(ReasonBadLength, "far too long to be an address (%d bytes)", len(s))
	}
	// Private keys first, on the trimmed text, so a pasted key with a stray
	// newline is still called what it is.
	if e := checkPrivate(strings.TrimSpace(s)); e != nil {
		return Address{}, e
	}
	if e := checkCharacters(s); e != nil {
		return Address{}, e
	}
	if strings.TrimSpace(s) == "" {
		return Address{}, addrErr(ReasonEmpty, "no address given")
	}
	lower := strings.ToLower(s)
	if e := checkNotAnAddress(s, lower); e != nil {
		return Address{}, e
	}
	if isBitcoinBech32(lower) {
		return checkBech32(s, lower, n)
	}
	if e := checkOtherBech32(s, lower); e != nil {
		return Address{}, e
	}
	return checkBase58(s, n)
}

// checkCharacters refuses whitespace, invisible and non-ASCII characters.
func checkCharacters(s string) *AddressError {
	if !utf8.ValidString(s) {
		return addrErr(ReasonBadFormat, "contains bytes that are not valid text")
	}
	if strings.TrimSpace(s) != s {
		return addrErr(ReasonWhitespace, "has spaces or line breaks before or after it; copy only the address itself")
	}
	for _, r := range s {
		switch {
		case isInvisible(r):
			return addrErr(ReasonInvisibleCharacters, "contains an invisible character (%U); it may have been tampered with, copy it again from the source", r)
		case unicode.IsSpace(r):
			return addrErr(ReasonWhitespace, "contains a space or line break inside it")
		case r >= 0xFF01 && r <= 0xFF5E:
			return addrErr(ReasonHomoglyph, "contains full-width characters (全角, %U); addresses use only half-width letters and digits", r)
		case r > unicode.MaxASCII:
			return addrErr(ReasonHomoglyph, "contains the non-ASCII character %U, which can look like a normal letter; Bitcoin addresses use only plain ASCII letters and digits", r)
		case r < 0x20 || r == 0x7f:
			return addrErr(ReasonBadFormat, "contains a control character (%U)", r)
		}
	}
	return nil
}

func isInvisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x061C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r == 0x180E, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F, r == 0x3164, r == 0xFEFF, r == 0xFFA0,
		r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// checkNotAnAddress recognises things people paste into an address box
// that are not on-chain Bitcoin addresses.
func checkNotAnAddress(s, lower string) *AddressError {
	switch {
	case strings.HasPrefix(lower, "bitcoin:"):
		return addrErr(ReasonBadFormat, "this is a payment link (bitcoin: URI), not a bare address; paste only the address part and check the amount separately")
	case strings.HasPrefix(lower, "lightning:"), strings.HasPrefix(lower, "lnurl"):
		return addrErr(ReasonLightningInvoice, "this is a Lightning payment request, not an on-chain Bitcoin address; exchanges' on-chain withdrawals cannot pay it")
	case strings.HasPrefix(lower, "lnbc"), strings.HasPrefix(lower, "lntb"), strings.HasPrefix(lower, "lnsb"):
		return addrErr(ReasonLightningInvoice, "this is a Lightning invoice, not an on-chain Bitcoin address; exchanges' on-chain withdrawals cannot pay it")
	}
	if len(s) > 100 && len(s) < 120 {
		switch s[:4] {
		case "xpub", "ypub", "zpub", "tpub", "upub", "vpub", "Ypub", "Zpub", "Upub", "Vpub":
			return addrErr(ReasonNotPaymentAddress, "this is an account public key (%s), not an address; use it to derive addresses under Wallet instead", s[:4])
		}
	}
	if (len(s) == 66 && (s[:2] == "02" || s[:2] == "03")) || (len(s) == 130 && s[:2] == "04") {
		if isHex(s) {
			return addrErr(ReasonNotPaymentAddress, "this is a raw public key, not an address; a wallet cannot send to it safely")
		}
	}
	if len(s) == 64 && isHex(s) {
		return addrErr(ReasonNotPaymentAddress, "64 hex characters are a transaction id or a raw key, not an address (if it is a private key, never paste it anywhere)")
	}
	if len(lower) == 42 && strings.HasPrefix(lower, "0x") && isHex(lower[2:]) {
		return otherCoin("Ethereum (or another EVM chain)")
	}
	if strings.HasPrefix(lower, "0x") && len(lower) > 10 && isHex(lower[2:]) {
		return otherCoin("an EVM-style chain")
	}
	return nil
}

func otherCoin(coin string) *AddressError {
	e := addrErr(ReasonOtherCoin, "this is %s %s address, not a Bitcoin address; sending bitcoin there loses it", article(coin), coin)
	e.Coin = coin
	return e
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

func isBitcoinBech32(lower string) bool {
	return strings.HasPrefix(lower, "bc1") || strings.HasPrefix(lower, "tb1") || strings.HasPrefix(lower, "bcrt1")
}

const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
	bech32Chars  = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
)

var bech32Rev = func() (t [128]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, c := range bech32Chars {
		t[c] = int8(i)
	}
	return t
}()

// bech32Polymod is BIP173's checksum over hrp and data (data includes the
// six checksum values). It returns 1 for bech32 and 0x2bc830a3 for bech32m.
func bech32Polymod(hrp string, data []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	step := func(v byte) {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] >> 5)
	}
	step(0)
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] & 31)
	}
	for _, v := range data {
		step(v)
	}
	return chk
}

// bech32Split decodes a lower-case bech32 string into its hrp, its 5-bit
// data values without the checksum, and which checksum constant matched
// (0 when neither does).
func bech32Split(lower string) (hrp string, data []byte, constant uint32, e *AddressError) {
	sep := strings.LastIndexByte(lower, '1')
	if sep < 1 {
		return "", nil, 0, addrErr(ReasonBadFormat, "missing the '1' separator of a bech32 address")
	}
	hrp = lower[:sep]
	part := lower[sep+1:]
	if len(part) < 6 {
		return "", nil, 0, addrErr(ReasonBadLength, "too short: the bech32 checksum alone is 6 characters")
	}
	vals := make([]byte, len(part))
	for i := 0; i < len(part); i++ {
		c := part[i]
		if c >= 128 || bech32Rev[c] < 0 {
			return "", nil, 0, addrErr(ReasonBadFormat, "character %q at position %d is not used in bech32 addresses (1, b, i and o never appear after the prefix)", c, sep+2+i)
		}
		vals[i] = byte(bech32Rev[c])
	}
	switch c := bech32Polymod(hrp, vals); c {
	case bech32Const, bech32mConst:
		constant = c
	}
	return hrp, vals[:len(vals)-6], constant, nil
}

// convertBits regroups 5-bit values into bytes per BIP173 (no padding
// allowed beyond 4 zero bits).
func convertBits(data []byte) ([]byte, bool) {
	var acc, bits uint32
	out := make([]byte, 0, len(data)*5/8)
	for _, v := range data {
		acc = acc<<5 | uint32(v)
		bits += 5
		for bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if bits >= 5 || (acc<<(8-bits))&0xff != 0 {
		return nil, false
	}
	return out, true
}

func checkBech32(s, lower string, n Network) (Address, error) {
	if s != lower && s != strings.ToUpper(s) {
		return Address{}, addrErr(ReasonMixedCase, "mixes upper- and lower-case letters; a bech32 address is all one case, so this one was altered")
	}
	if len(lower) > 90 {
		return Address{}, addrErr(ReasonBadLength, "too long for a Bitcoin address (%d characters, at most 90)", len(lower))
	}
	hrp, data, constant, e := bech32Split(lower)
	if e != nil {
		return Address{}, e
	}
	if constant == 0 {
		return Address{}, addrErr(ReasonBadChecksum, "the checksum does not match: a character is wrong or missing; copy the address again")
	}
	if len(data) == 0 {
		return Address{}, addrErr(ReasonBadLength, "has no witness program")
	}
	version := int(data[0])
	if version > 16 {
		return Address{}, addrErr(ReasonBadFormat, "invalid witness version %d (at most 16)", version)
	}
	prog, ok := convertBits(data[1:])
	if !ok {
		return Address{}, addrErr(ReasonBadFormat, "invalid padding in the witness program")
	}
	if len(prog) < 2 || len(prog) > 40 {
		return Address{}, addrErr(ReasonBadLength, "witness program of %d bytes is invalid (2 to 40)", len(prog))
	}
	if version == 0 && constant != bech32Const {
		return Address{}, addrErr(ReasonBech32mNeedsBech32, "a witness version 0 address must use the bech32 checksum but this one uses bech32m (BIP350); it was mis-encoded")
	}
	if version != 0 && constant != bech32mConst {
		return Address{}, addrErr(ReasonBech32NeedsBech32m, "a witness version %d address must use the bech32m checksum (BIP350) but this one uses the old bech32; sending there could lose the coins", version)
	}
	if version == 0 && len(prog) != 20 && len(prog) != 32 {
		return Address{}, addrErr(ReasonBadLength, "a witness version 0 program must be 20 or 32 bytes, not %d", len(prog))
	}
	if hrp != n.hrp() {
		return Address{}, wrongNetwork(networksForHRP(hrp), n)
	}
	if version == 1 && bytes.Equal(prog, []byte{0x4e, 0x73}) {
		return Address{}, addrErr(ReasonNotPaymentAddress, "this is a pay-to-anchor output that anyone can spend, not a payment address")
	}
	if version >= 2 || (version == 1 && len(prog) != 32) {
		return Address{}, addrErr(ReasonUnsupportedWitness, "witness version %d with a %d-byte program is valid but not yet defined; no wallet should send there, coins could be lost", version, len(prog))
	}
	// Belt and braces: btcd must agree, and bech32 takes its network from
	// the prefix, so IsForNet is what binds it to n.
	a, err := address.DecodeAddress(lower, n.Params())
	if err != nil || !a.IsForNet(n.Params()) {
		return Address{}, addrErr(ReasonBadFormat, "not a valid %s address", n)
	}
	out := Address{String: a.EncodeAddress(), Network: n, WitnessVersion: version}
	switch a.(type) {
	case *address.AddressWitnessPubKeyHash:
		out.Type = P2WPKH
	case *address.AddressWitnessScriptHash:
		out.Type = P2WSH
	case *address.AddressTaproot:
		out.Type = P2TR
	default:
		return Address{}, addrErr(ReasonNotPaymentAddress, "not a payment address")
	}
	return out, nil
}

func wrongNetwork(is string, want Network) *AddressError {
	if is == "" {
		is = "another network"
	}
	return addrErr(ReasonWrongNetwork, "this is %s %s address but %s was chosen; sending across networks loses the coins", article(is), is, want)
}

// otherBech32 maps bech32 prefixes of other chains to their names.
var otherBech32 = []struct{ prefix, coin string }{
	{"ltc1", "Litecoin"}, {"tltc1", "Litecoin testnet"}, {"rltc1", "Litecoin regtest"},
	{"ex1", "Liquid"}, {"lq1", "Liquid (confidential)"}, {"tex1", "Liquid testnet"}, {"tlq1", "Liquid testnet (confidential)"},
	{"bitcoincash:", "Bitcoin Cash"}, {"bchtest:", "Bitcoin Cash testnet"}, {"bchreg:", "Bitcoin Cash regtest"},
	{"ecash:", "eCash"}, {"addr1", "Cardano"}, {"cosmos1", "Cosmos"}, {"osmo1", "Osmosis"},
	{"bnb1", "BNB Beacon Chain"}, {"terra1", "Terra"}, {"sb1", "Bitcoin simnet"}, {"dgb1", "DigiByte"},
	{"vtc1", "Vertcoin"}, {"grs1", "Groestlcoin"}, {"zs1", "Zcash (shielded)"}, {"u1", "Zcash (unified)"},
}

func checkOtherBech32(s, lower string) *AddressError {
	for _, o := range otherBech32 {
		if strings.HasPrefix(lower, o.prefix) {
			return otherCoin(o.coin)
		}
	}
	// Bitcoin Cash CashAddr without its prefix: q/p + 41 bech32 characters.
	if len(lower) == 42 && (lower[0] == 'q' || lower[0] == 'p') && allBech32(lower) {
		return otherCoin("Bitcoin Cash")
	}
	// Any other string with a valid bech32 or bech32m checksum belongs to
	// some other network.
	if s == lower || s == strings.ToUpper(s) {
		if i := strings.LastIndexByte(lower, '1'); i >= 1 && len(lower) <= 1023 {
			if hrp, _, c, e := bech32Split(lower); e == nil && c != 0 {
				return addrErr(ReasonBadFormat, "the prefix %q belongs to no Bitcoin network (mainnet bc1, testnet/signet tb1, regtest bcrt1)", hrp+"1")
			}
		}
	}
	return nil
}

func allBech32(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 || bech32Rev[s[i]] < 0 {
			return false
		}
	}
	return true
}

const base58Chars = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
const rippleChars = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"

// otherBase58 maps one-byte base58check versions of 20-byte hashes on
// other chains (Bitcoin's own 0x00/0x05/0x6f/0xc4 are handled first).
var otherBase58 = map[byte]string{
	0x30: "Litecoin", 0x32: "Litecoin", 0x1e: "Dogecoin", 0x16: "Dogecoin",
	0x41: "Tron", 0x4c: "Dash", 0x10: "Dash", 0x39: "Liquid", 0x27: "Liquid",
	0x3a: "Litecoin testnet", 0x71: "Dogecoin testnet", 0x1c: "Bitcoin Cash (legacy) or Zcash",
	0x17: "Bytecoin", 0x3c: "Bitcoin Gold", 0x26: "Bitcoin Gold",
}

func checkBase58(s string, n Network) (Address, error) {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(base58Chars, s[i]) < 0 {
			return Address{}, addrErr(ReasonBadFormat, "character %q at position %d never appears in a Bitcoin address (0, O, I and l are excluded; bech32 addresses start with bc1)", s[i], i+1)
		}
	}
	if len(s) == 95 && (s[0] == '4' || s[0] == '8') {
		return Address{}, otherCoin("Monero")
	}
	if strings.HasPrefix(s, "VJL") || strings.HasPrefix(s, "VTp") || strings.HasPrefix(s, "AzP") || strings.HasPrefix(s, "CTE") {
		if len(s) > 70 {
			return Address{}, otherCoin("Liquid (confidential)")
		}
	}
	payload, version, err := base58.CheckDecode(s)
	if err != nil {
		if s[0] == 'r' && len(s) >= 25 && len(s) <= 35 && isRipple(s) {
			return Address{}, otherCoin("XRP Ledger")
		}
		if len(s) >= 32 && len(s) <= 44 && len(base58.Decode(s)) == 32 {
			return Address{}, otherCoin("Solana (or another non-Bitcoin chain)")
		}
		if errors.Is(err, base58.ErrChecksum) {
			return Address{}, addrErr(ReasonBadChecksum, "the checksum does not match: a character is wrong or missing; copy the address again")
		}
		return Address{}, addrErr(ReasonBadLength, "too short to be an address")
	}
	if len(payload) != 20 {
		if version == 0x1c && len(payload) == 21 {
			return Address{}, otherCoin("Zcash")
		}
		return Address{}, addrErr(ReasonBadLength, "decodes to %d bytes; a Bitcoin address holds 20", len(payload))
	}
	var typ ScriptType
	var net string
	switch version {
	case 0x00:
		typ, net = P2PKH, "mainnet"
	case 0x05:
		typ, net = P2SH, "mainnet"
	case 0x6f:
		typ, net = P2PKH, "testnet/signet/regtest"
	case 0xc4:
		typ, net = P2SH, "testnet/signet/regtest"
	default:
		if coin, ok := otherBase58[version]; ok {
			return Address{}, otherCoin(coin)
		}
		return Address{}, addrErr(ReasonBadFormat, "unknown address version byte 0x%02x: not a Bitcoin address", version)
	}
	if (net == "mainnet") != (n == Mainnet) {
		return Address{}, wrongNetwork(net, n)
	}
	a, err := address.DecodeAddress(s, n.Params())
	if err != nil || !a.IsForNet(n.Params()) {
		return Address{}, addrErr(ReasonBadFormat, "not a valid %s address", n)
	}
	return Address{String: a.EncodeAddress(), Network: n, Type: typ, WitnessVersion: -1}, nil
}

// isRipple reports whether s is a valid XRP Ledger classic address, which
// is base58check in Ripple's own alphabet.
func isRipple(s string) bool {
	b := []byte(s)
	for i, c := range b {
		j := strings.IndexByte(rippleChars, c)
		if j < 0 {
			return false
		}
		b[i] = base58Chars[j]
	}
	p, v, err := base58.CheckDecode(string(b))
	return err == nil && v == 0 && len(p) == 20
}

// extended-key versions that hold private keys (xprv, yprv, zprv, Yprv,
// Zprv, tprv, uprv, vprv, Uprv, Vprv).
var privateVersions = map[[4]byte]bool{
	{0x04, 0x88, 0xad, 0xe4}: true, {0x04, 0x9d, 0x78, 0x78}: true, {0x04, 0xb2, 0x43, 0x0c}: true,
	{0x02, 0x95, 0xb0, 0x05}: true, {0x02, 0xaa, 0x7a, 0x99}: true, {0x04, 0x35, 0x83, 0x94}: true,
	{0x04, 0x4a, 0x4e, 0x28}: true, {0x04, 0x5f, 0x18, 0xbc}: true, {0x02, 0x42, 0x85, 0xb5}: true,
	{0x02, 0x57, 0x50, 0x48}: true,
}

var errPrivateMsg = "this looks like a private key or recovery words: never type these into an online computer. SafeHarbor only needs the public account key (xpub) or an address"

// checkPrivate recognises WIF keys, extended private keys, mini keys and
// seed phrases. It never echoes the input.
func checkPrivate(s string) *AddressError {
	if isPrivateKeyText(s) {
		return &AddressError{Reason: ReasonPrivateKey, Msg: errPrivateMsg}
	}
	return nil
}

// isPrivateKeyText is shared with ParseAccount.
func isPrivateKeyText(s string) bool {
	if looksLikeSeedPhrase(s) {
		return true
	}
	if len(s) >= 4 && len(s) < 200 && s[1:4] == "prv" {
		return true
	}
	if len(s) < 200 && isBase58Text(s) {
		if d := base58.Decode(s); len(d) == 82 {
			var v [4]byte
			copy(v[:], d)
			if privateVersions[v] || d[45] == 0 {
				return true
			}
		}
		if p, v, err := base58.CheckDecode(s); err == nil {
			if (v == 0x80 || v == 0xef) && (len(p) == 32 || (len(p) == 33 && p[32] == 1)) {
				return true
			}
		}
		// Casascius mini private keys: S + 21 or 29 characters, valid when
		// sha256(key+"?") starts with a zero byte.
		if s[0] == 'S' && (len(s) == 22 || len(s) == 30) {
			if h := sha256.Sum256([]byte(s + "?")); h[0] == 0 {
				return true
			}
		}
	}
	return false
}

func isBase58Text(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(base58Chars, s[i]) < 0 {
			return false
		}
	}
	return true
}

// looksLikeSeedPhrase reports 12 or more words of letters only (BIP39 in
// any language; Japanese lists are separated by U+3000, a space too).
func looksLikeSeedPhrase(s string) bool {
	words := strings.FieldsFunc(s, unicode.IsSpace)
	if len(words) < 12 || len(words) > 48 {
		return false
	}
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				return false
			}
		}
	}
	return true
}

// article is "a" or "an" for the word that follows.
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
