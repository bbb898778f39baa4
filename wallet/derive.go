package wallet

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/btcsuite/btcd/address/v2"
	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcec/v2/schnorr"
	"github.com/btcsuite/btcd/btcutil/v2/hdkeychain"
	"github.com/btcsuite/btcd/txscript/v2"
)

var (
	// ErrPrivateKey refuses private keys, extended private keys and seed
	// words. Its message never contains the input.
	ErrPrivateKey = errors.New("this is a private key or recovery words: never type these into an online computer. Give SafeHarbor only the public account key (xpub/zpub/...) or a public descriptor")
	// ErrNeedScriptType asks which addresses a plain xpub/tpub should make.
	ErrNeedScriptType = errors.New("this key does not say which kind of addresses your wallet uses: choose the script type p2pkh (1...), p2sh-p2wpkh (3...), p2wpkh (bc1q...) or p2tr (bc1p...), or give an output descriptor")
	// ErrMultisig refuses multisig account keys (Ypub/Zpub/Upub/Vpub): one
	// cosigner's key alone cannot make the wallet's addresses.
	ErrMultisig = errors.New("this is a multisig cosigner key (Ypub/Zpub/Upub/Vpub): its addresses need all cosigners' keys; give the wallet's multisig descriptor from your coordinator software instead (multisig is not supported yet)")
)

// slip132 describes an extended public key version (SLIP-132).
type slip132 struct {
	prefix   string
	mainnet  bool
	script   ScriptType // "" when the version does not say
	multisig bool
}

var publicVersions = map[[4]byte]slip132{
	{0x04, 0x88, 0xb2, 0x1e}: {"xpub", true, "", false},
	{0x04, 0x9d, 0x7c, 0xb2}: {"ypub", true, P2SHP2WPKH, false},
	{0x04, 0xb2, 0x47, 0x46}: {"zpub", true, P2WPKH, false},
	{0x02, 0x95, 0xb4, 0x3f}: {"Ypub", true, "", true},
	{0x02, 0xaa, 0x7e, 0xd3}: {"Zpub", true, "", true},
	{0x04, 0x35, 0x87, 0xcf}: {"tpub", false, "", false},
	{0x04, 0x4a, 0x52, 0x62}: {"upub", false, P2SHP2WPKH, false},
	{0x04, 0x5f, 0x1c, 0xf6}: {"vpub", false, P2WPKH, false},
	{0x02, 0x42, 0x89, 0xef}: {"Upub", false, "", true},
	{0x02, 0x57, 0x54, 0x83}: {"Vpub", false, "", true},
}

// pathStep is one derivation step below the account key; multi steps
// (<a;b>) give the receive (a) and change (b) chains.
type pathStep struct {
	a, b  uint32
	multi bool
}

// Account is a watch-only cold-wallet account: an account-level extended
// public key, its script type and its receive/change chains. It is
// immutable and safe for concurrent use.
type Account struct {
	network Network
	script  ScriptType
	key     *hdkeychain.ExtendedKey // normalised to xpub/tpub version
	origin  string                  // "[fingerprint/path]" as canonicalised, or ""
	steps   []pathStep
	// onlyChange is set for a single-chain descriptor on /1/*.
	onlyChange bool
	receive    *hdkeychain.ExtendedKey // parent of receive addresses, nil if none
	change     *hdkeychain.ExtendedKey // parent of change addresses, nil if none
	desc       string
	id         string
}

// ParseAccount reads an account key (xpub, ypub, zpub, tpub, upub, vpub)
// or an output descriptor (pkh, sh(wpkh), wpkh, tr) for network n. The
// script type comes from the descriptor, else the SLIP-132 prefix, else
// hint; a plain xpub/tpub without hint gives ErrNeedScriptType. Private
// keys and seed words give ErrPrivateKey. Errors never echo the input.
func ParseAccount(input string, n Network, hint ScriptType) (*Account, error) {
	if !n.Valid() {
		return nil, fmt.Errorf("unknown network %q", string(n))
	}
	if hint != "" && !derivable(hint) {
		return nil, fmt.Errorf("script type %q cannot be derived: use p2pkh, p2sh-p2wpkh, p2wpkh or p2tr", string(hint))
	}
	s := strings.TrimSpace(input)
	if s == "" {
		return nil, errors.New("no account key or descriptor given")
	}
	if len(s) > 4096 {
		return nil, errors.New("input is far too long for an account key or descriptor")
	}
	if containsPrivate(s) {
		return nil, ErrPrivateKey
	}
	if strings.ContainsAny(s, "()#") {
		return parseDescriptor(s, n, hint)
	}
	key, info, err := parseExtendedKey(s, n)
	if err != nil {
		return nil, err
	}
	// A bare key gets /0/i and /1/i appended, which only matches the
	// user's wallet at account level (or Electrum's m/0h, or a master
	// key). A chain- or address-level key would give addresses the wallet
	// never shows, so those need a descriptor that says the path.
	if key.Depth() > 3 || (key.Depth() > 0 && key.ChildIndex() < hdkeychain.HardenedKeyStart) {
		return nil, fmt.Errorf("this %s is below account level (depth %d): addresses from it would not appear in your wallet; export the account key (e.g. m/84h/0h/0h) or give a descriptor with the exact path", info.prefix, key.Depth())
	}
	script := info.script
	switch {
	case script == "" && hint == "":
		return nil, ErrNeedScriptType
	case script == "":
		script = hint
	case hint != "" && hint != script:
		return nil, fmt.Errorf("a %s key is for %s addresses, but %s was asked; use an xpub/tpub with a descriptor to choose another type", info.prefix, script, hint)
	}
	return newAccount(n, script, key, "", []pathStep{{0, 1, true}}, false)
}

func derivable(t ScriptType) bool {
	switch t {
	case P2PKH, P2SHP2WPKH, P2WPKH, P2TR:
		return true
	}
	return false
}

// containsPrivate looks at every key-like token of s for private material.
func containsPrivate(s string) bool {
	if isPrivateKeyText(s) {
		return true
	}
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return !strings.ContainsRune(base58Chars, r) }) {
		if len(tok) >= 4 && isPrivateKeyText(tok) {
			return true
		}
	}
	return false
}

// parseExtendedKey decodes an account public key and checks it against n.
func parseExtendedKey(s string, n Network) (*hdkeychain.ExtendedKey, slip132, error) {
	if !isBase58Text(s) {
		return nil, slip132{}, errors.New("not an account public key: it contains characters that never appear in xpub/zpub/tpub keys")
	}
	key, err := hdkeychain.NewKeyFromString(s)
	if err != nil {
		switch {
		case errors.Is(err, hdkeychain.ErrBadChecksum):
			return nil, slip132{}, errors.New("the account key's checksum does not match: a character is wrong or missing; copy it again")
		case errors.Is(err, hdkeychain.ErrInvalidKeyLen):
			return nil, slip132{}, errors.New("not an account public key: wrong length (an xpub/zpub/tpub is 111 characters)")
		}
		return nil, slip132{}, errors.New("not a valid account public key: its key data is not a point on the curve")
	}
	if key.IsPrivate() {
		return nil, slip132{}, ErrPrivateKey
	}
	var v [4]byte
	copy(v[:], key.Version())
	info, ok := publicVersions[v]
	if !ok {
		return nil, slip132{}, fmt.Errorf("unknown extended key version %x: not a Bitcoin account public key", v)
	}
	if info.multisig {
		return nil, slip132{}, ErrMultisig
	}
	if info.mainnet != (n == Mainnet) {
		if info.mainnet {
			return nil, slip132{}, fmt.Errorf("this %s is a mainnet key but %s was chosen", info.prefix, n)
		}
		return nil, slip132{}, fmt.Errorf("this %s is a test-network key but mainnet was chosen", info.prefix)
	}
	// Depth/parent sanity: a depth-0 (master) key has no parent and index 0.
	if key.Depth() == 0 && (key.ParentFingerprint() != 0 || key.ChildIndex() != 0) {
		return nil, slip132{}, errors.New("malformed account key: depth 0 but it names a parent")
	}
	if key.Depth() > 250 {
		return nil, slip132{}, errors.New("malformed account key: depth too large to derive addresses")
	}
	params := n.Params()
	norm, err := key.CloneWithVersion(params.HDPublicKeyID[:])
	if err != nil {
		return nil, slip132{}, errors.New("cannot normalise the account key")
	}
	return norm, info, nil
}

func newAccount(n Network, script ScriptType, key *hdkeychain.ExtendedKey, origin string, steps []pathStep, onlyChange bool) (*Account, error) {
	a := &Account{network: n, script: script, key: key, origin: origin, steps: steps, onlyChange: onlyChange}
	multi := false
	for _, s := range steps {
		multi = multi || s.multi
	}
	chain := func(change bool) (*hdkeychain.ExtendedKey, error) {
		k := key
		for _, s := range steps {
			i := s.a
			if change && s.multi {
				i = s.b
			}
			var err error
			if k, err = k.Derive(i); err != nil {
				return nil, fmt.Errorf("cannot derive the address chain: %w", err)
			}
		}
		return k, nil
	}
	var err error
	switch {
	case multi:
		if a.receive, err = chain(false); err != nil {
			return nil, err
		}
		if a.change, err = chain(true); err != nil {
			return nil, err
		}
	case onlyChange:
		if a.change, err = chain(false); err != nil {
			return nil, err
		}
	default:
		if a.receive, err = chain(false); err != nil {
			return nil, err
		}
	}
	a.desc = withChecksum(a.descriptorBody())
	// The ID ignores the origin, so the same wallet entered as a zpub or as
	// a descriptor with [fingerprint/path] gets the same ID.
	bare := *a
	bare.origin = ""
	sum := sha256.Sum256([]byte(bare.descriptorBody()))
	a.id = hex.EncodeToString(sum[:4])
	return a, nil
}

func (a *Account) descriptorBody() string {
	var b strings.Builder
	b.WriteString(a.origin)
	b.WriteString(a.key.String())
	for _, s := range a.steps {
		if s.multi {
			fmt.Fprintf(&b, "/<%d;%d>", s.a, s.b)
		} else {
			fmt.Fprintf(&b, "/%d", s.a)
		}
	}
	b.WriteString("/*")
	k := b.String()
	switch a.script {
	case P2PKH:
		return "pkh(" + k + ")"
	case P2SHP2WPKH:
		return "sh(wpkh(" + k + "))"
	case P2TR:
		return "tr(" + k + ")"
	}
	return "wpkh(" + k + ")"
}

// ScriptType is the kind of address the account makes.
func (a *Account) ScriptType() ScriptType { return a.script }

// Network is the network the account's addresses are for.
func (a *Account) Network() Network { return a.network }

// HasChange reports whether the account has a change chain.
func (a *Account) HasChange() bool { return a.change != nil }

// Descriptor is the canonical output descriptor with checksum, e.g.
// wpkh([fp/84h/0h/0h]xpub.../<0;1>/*)#checksum. It reveals the wallet's
// whole history: store it only in the keyring and never log it.
func (a *Account) Descriptor() string { return a.desc }

// ID is a short non-secret identifier of the account, for labels and
// storage keys: 8 hex characters of the SHA-256 of the canonical
// descriptor without its key origin (so it does not depend on whether the
// user gave a zpub or a descriptor) and without checksum.
func (a *Account) ID() string { return a.id }

// String hides the key so an Account printed by mistake leaks nothing.
func (a *Account) String() string {
	return fmt.Sprintf("wallet.Account{%s %s id=%s}", a.network, a.script, a.id)
}

// GoString hides the key from %#v too.
func (a *Account) GoString() string { return a.String() }

// Address derives the receive (change=false) or change address at index.
func (a *Account) Address(change bool, index uint32) (Address, error) {
	parent := a.receive
	if change {
		parent = a.change
	}
	if parent == nil {
		if change {
			return Address{}, errors.New("this descriptor has no change chain")
		}
		return Address{}, errors.New("this descriptor has no receive chain")
	}
	if index >= hdkeychain.HardenedKeyStart {
		return Address{}, fmt.Errorf("address index %d is too large (at most %d)", index, hdkeychain.HardenedKeyStart-1)
	}
	child, err := parent.Derive(index)
	if err != nil {
		// BIP32: an invalid child (probability < 2^-127) is skipped by wallets.
		return Address{}, fmt.Errorf("address %d cannot be derived: %w", index, err)
	}
	pub, err := child.ECPubKey()
	if err != nil {
		return Address{}, fmt.Errorf("address %d cannot be derived: %w", index, err)
	}
	return addressFor(pub, a.script, a.network)
}

// Path is the derivation path of an address relative to the account key,
// e.g. "0/5" for receive address 5 of a standard account, for showing next
// to the address on a hardware wallet.
func (a *Account) Path(change bool, index uint32) string {
	var b strings.Builder
	for _, s := range a.steps {
		i := s.a
		if change && s.multi {
			i = s.b
		}
		fmt.Fprintf(&b, "%d/", i)
	}
	fmt.Fprintf(&b, "%d", index)
	return b.String()
}

// Addresses derives count consecutive addresses starting at from.
func (a *Account) Addresses(change bool, from, count uint32) ([]Address, error) {
	if uint64(from)+uint64(count) > uint64(hdkeychain.HardenedKeyStart) {
		return nil, fmt.Errorf("address range %d+%d goes past the last index %d", from, count, hdkeychain.HardenedKeyStart-1)
	}
	if count > 1_000_000 {
		return nil, fmt.Errorf("too many addresses asked (%d, at most 1000000)", count)
	}
	out := make([]Address, 0, count)
	for i := range count {
		ad, err := a.Address(change, from+i)
		if err != nil {
			return nil, err
		}
		out = append(out, ad)
	}
	return out, nil
}

// addressFor makes the address of one public key for a script type.
func addressFor(pub *btcec.PublicKey, script ScriptType, n Network) (Address, error) {
	params := n.Params()
	hash := address.Hash160(pub.SerializeCompressed())
	var (
		a   address.Address
		err error
		wv  = -1
	)
	switch script {
	case P2PKH:
		a, err = address.NewAddressPubKeyHash(hash, params)
	case P2WPKH:
		a, err = address.NewAddressWitnessPubKeyHash(hash, params)
		wv = 0
	case P2SHP2WPKH:
		// The redeem script is the P2WPKH output script: OP_0 <20-byte hash>.
		a, err = address.NewAddressScriptHash(append([]byte{0x00, 0x14}, hash...), params)
	case P2TR:
		// BIP86: key-path only, tweaked with an empty script tree.
		a, err = address.NewAddressTaproot(schnorr.SerializePubKey(txscript.ComputeTaprootKeyNoScript(pub)), params)
		wv = 1
	default:
		return Address{}, fmt.Errorf("script type %q cannot be derived", string(script))
	}
	if err != nil {
		return Address{}, err
	}
	return Address{String: a.EncodeAddress(), Network: n, Type: script, WitnessVersion: wv}, nil
}

// parseDescriptor reads pkh(KEY), sh(wpkh(KEY)), wpkh(KEY) or tr(KEY)
// where KEY is [fingerprint/origin/path]xpub/path/*.
func parseDescriptor(s string, n Network, hint ScriptType) (*Account, error) {
	body, err := splitChecksum(s)
	if err != nil {
		return nil, err
	}
	var script ScriptType
	var inner string
	switch {
	case strings.HasPrefix(body, "sh(wpkh(") && strings.HasSuffix(body, "))"):
		script, inner = P2SHP2WPKH, body[len("sh(wpkh("):len(body)-2]
	case strings.HasPrefix(body, "wpkh(") && strings.HasSuffix(body, ")"):
		script, inner = P2WPKH, body[len("wpkh("):len(body)-1]
	case strings.HasPrefix(body, "pkh(") && strings.HasSuffix(body, ")"):
		script, inner = P2PKH, body[len("pkh("):len(body)-1]
	case strings.HasPrefix(body, "tr(") && strings.HasSuffix(body, ")"):
		script, inner = P2TR, body[len("tr("):len(body)-1]
		if strings.Contains(inner, ",") {
			return nil, errors.New("tr() descriptors with script paths are not supported: use a key-path-only tr(KEY) descriptor")
		}
	default:
		name := body
		if i := strings.IndexByte(name, '('); i >= 0 {
			name = name[:i]
		}
		switch name {
		case "multi", "sortedmulti", "wsh", "sh", "combo", "addr", "raw", "rawtr", "multi_a", "sortedmulti_a":
			return nil, fmt.Errorf("%s() descriptors are not supported: use pkh(), sh(wpkh()), wpkh() or tr() with one account key", name)
		}
		return nil, errors.New("not a supported descriptor: use pkh(), sh(wpkh()), wpkh() or tr() with one account key")
	}
	if strings.ContainsAny(inner, "()") {
		return nil, errors.New("unsupported nesting in descriptor: use pkh(), sh(wpkh()), wpkh() or tr() with one account key")
	}
	if hint != "" && hint != script {
		return nil, fmt.Errorf("the descriptor is for %s addresses, but %s was asked", script, hint)
	}
	origin, originSteps, fp, rest, err := parseOrigin(inner)
	if err != nil {
		return nil, err
	}
	keyText, pathText, _ := strings.Cut(rest, "/")
	if keyText == "" {
		return nil, errors.New("descriptor has no key")
	}
	if len(keyText) == 66 || len(keyText) == 64 || len(keyText) == 130 {
		if isHex(keyText) {
			return nil, errors.New("this descriptor holds a single public key, which makes only one address; give the account's xpub with /<0;1>/* instead")
		}
	}
	key, info, err := parseExtendedKey(keyText, n)
	if err != nil {
		return nil, err
	}
	if info.script != "" && info.script != script {
		return nil, fmt.Errorf("descriptor key is a %s (for %s) inside a %s descriptor; use the plain xpub/tpub form", info.prefix, info.script, script)
	}
	if origin != "" {
		if int(key.Depth()) != len(originSteps) {
			return nil, fmt.Errorf("descriptor origin path has %d steps but the key's depth is %d: they do not belong together", len(originSteps), key.Depth())
		}
		if len(originSteps) > 0 && originSteps[len(originSteps)-1] != key.ChildIndex() {
			return nil, errors.New("descriptor origin path does not end at the key's own child index: they do not belong together")
		}
		if len(originSteps) == 1 && fp != key.ParentFingerprint() {
			return nil, errors.New("descriptor origin fingerprint is not the key's parent fingerprint: they do not belong together")
		}
		if len(originSteps) == 0 && key.Depth() == 0 {
			// A master key's own fingerprint is hash160(pubkey)[:4].
			pub, _ := key.ECPubKey()
			if binary.BigEndian.Uint32(address.Hash160(pub.SerializeCompressed())[:4]) != fp {
				return nil, errors.New("descriptor origin fingerprint is not the master key's fingerprint")
			}
		}
	}
	steps, onlyChange, err := parsePath(pathText)
	if err != nil {
		return nil, err
	}
	return newAccount(n, script, key, origin, steps, onlyChange)
}

// parseOrigin reads an optional "[fingerprint/path]" prefix and returns it
// canonicalised with h hardened markers.
func parseOrigin(s string) (origin string, steps []uint32, fp uint32, rest string, err error) {
	if !strings.HasPrefix(s, "[") {
		if strings.ContainsAny(s, "[]") {
			return "", nil, 0, "", errors.New("descriptor key origin is malformed")
		}
		return "", nil, 0, s, nil
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return "", nil, 0, "", errors.New("descriptor key origin is missing its closing ']'")
	}
	parts := strings.Split(s[1:end], "/")
	if len(parts[0]) != 8 || !isHex(parts[0]) {
		return "", nil, 0, "", errors.New("descriptor key origin must start with an 8-hex-digit fingerprint")
	}
	fpBytes, _ := hex.DecodeString(parts[0])
	fp = binary.BigEndian.Uint32(fpBytes)
	var b strings.Builder
	b.WriteString("[" + strings.ToLower(parts[0]))
	for _, p := range parts[1:] {
		i, hard, err := parseIndex(p)
		if err != nil {
			return "", nil, 0, "", fmt.Errorf("descriptor key origin: %w", err)
		}
		if hard {
			fmt.Fprintf(&b, "/%dh", i)
			i += hdkeychain.HardenedKeyStart
		} else {
			fmt.Fprintf(&b, "/%d", i)
		}
		steps = append(steps, i)
	}
	b.WriteString("]")
	if strings.ContainsAny(s[end+1:], "[]") {
		return "", nil, 0, "", errors.New("descriptor key origin is malformed")
	}
	return b.String(), steps, fp, s[end+1:], nil
}

// parseIndex reads "12", "12h", "12H" or "12'".
func parseIndex(p string) (uint32, bool, error) {
	hard := false
	if strings.HasSuffix(p, "h") || strings.HasSuffix(p, "H") || strings.HasSuffix(p, "'") {
		hard, p = true, p[:len(p)-1]
	}
	if p == "" || len(p) > 10 || strings.TrimLeft(p, "0123456789") != "" {
		return 0, false, errors.New("path step is not a number")
	}
	v, err := strconv.ParseUint(p, 10, 32)
	if err != nil || v >= hdkeychain.HardenedKeyStart {
		return 0, false, errors.New("path step is out of range")
	}
	return uint32(v), hard, nil
}

// parsePath reads the steps after the key: numbers, at most one <a;b>,
// ending in *; an empty path means /<0;1>/*.
func parsePath(p string) ([]pathStep, bool, error) {
	if p == "" {
		return []pathStep{{0, 1, true}}, false, nil
	}
	parts := strings.Split(p, "/")
	last := parts[len(parts)-1]
	if last == "*h" || last == "*H" || last == "*'" {
		return nil, false, errors.New("hardened address derivation (*h) needs the private key; a watch-only account uses /*")
	}
	if last != "*" {
		return nil, false, errors.New("descriptor names a single address, not an account: its key path must end in /*")
	}
	var steps []pathStep
	multi := false
	for _, part := range parts[:len(parts)-1] {
		if strings.HasPrefix(part, "<") && strings.HasSuffix(part, ">") {
			if multi {
				return nil, false, errors.New("descriptor has more than one <a;b> multipath step")
			}
			xs := strings.Split(part[1:len(part)-1], ";")
			if len(xs) != 2 {
				return nil, false, errors.New("descriptor multipath must have exactly two branches, <receive;change>")
			}
			a, ha, err1 := parseIndex(xs[0])
			b, hb, err2 := parseIndex(xs[1])
			if err1 != nil || err2 != nil {
				return nil, false, errors.New("descriptor multipath step is not a pair of numbers")
			}
			if ha || hb {
				return nil, false, errors.New("hardened steps after an xpub need the private key")
			}
			if a == b {
				return nil, false, errors.New("descriptor multipath branches must differ")
			}
			multi = true
			steps = append(steps, pathStep{a, b, true})
			continue
		}
		i, hard, err := parseIndex(part)
		if err != nil {
			return nil, false, fmt.Errorf("descriptor key path: %w", err)
		}
		if hard {
			return nil, false, errors.New("hardened steps after an xpub need the private key")
		}
		steps = append(steps, pathStep{a: i})
	}
	if len(steps) > 8 {
		return nil, false, errors.New("descriptor key path is too deep")
	}
	onlyChange := !multi && len(steps) == 1 && steps[0].a == 1
	return steps, onlyChange, nil
}
