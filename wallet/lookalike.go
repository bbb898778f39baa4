package wallet

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Warning is a reason to double-check an address before sending.
type Warning struct {
	Kind    string // "address_poisoning", "clipboard_changed", ...
	Msg     string // plain English for the user
	Similar string // the known address it imitates, if any
}

// Warning kinds.
const (
	KindAddressPoisoning = "address_poisoning"
	KindClipboardChanged = "clipboard_changed"
	KindWrongNetwork     = "wrong_network"
)

// NetworkWarning returns a wrong_network warning when candidate is a valid
// address of another Bitcoin network than n (a testnet address pasted
// into a mainnet withdrawal, say), and nil otherwise.
func NetworkWarning(candidate string, n Network) *Warning {
	if _, err := CheckAddress(candidate, n); ReasonOf(err) != ReasonWrongNetwork {
		return nil
	}
	for _, other := range Networks {
		if other == n {
			continue
		}
		if _, err := CheckAddress(candidate, other); err == nil {
			return &Warning{Kind: KindWrongNetwork, Msg: fmt.Sprintf("This is a %s address but this withdrawal is on %s: sending across networks loses the coins.", other, n)}
		}
	}
	return nil
}

// lookalikeEnds is how many characters at each end of the distinctive part
// must match for an address to count as imitating another: poisoners grind
// addresses whose first and last 4-6 characters match, since that is all
// most wallets show.
const lookalikeEnds = 4

// CheckLookalike warns when candidate shares its first and last characters
// with a known address (one the user has used or owns) but differs in the
// middle: the signature of address poisoning, where an attacker sends dust
// from a look-alike so the victim copies it from their history.
func CheckLookalike(candidate string, known []string) []Warning {
	c := strings.TrimSpace(candidate)
	cb := distinctive(c)
	if utf8.RuneCountInString(cb) < 2*lookalikeEnds+1 {
		return nil
	}
	var out []Warning
	seen := map[string]bool{}
	for _, k := range known {
		k = strings.TrimSpace(k)
		if k == "" || seen[k] || sameAddress(c, k) {
			continue
		}
		kb := distinctive(k)
		if len(kb) < 2*lookalikeEnds+1 || fixedPrefix(c) != fixedPrefix(k) {
			continue
		}
		if foldEq(cb[:lookalikeEnds], kb[:lookalikeEnds]) && foldEq(cb[len(cb)-lookalikeEnds:], kb[len(kb)-lookalikeEnds:]) {
			seen[k] = true
			out = append(out, Warning{
				Kind:    KindAddressPoisoning,
				Similar: k,
				Msg: fmt.Sprintf("This address starts and ends like %s, which you used before, but differs in the middle. "+
					"Scammers create look-alike addresses to poison your history: compare every character, or copy the address again from your own wallet.", Abbrev(k)),
			})
		}
	}
	return out
}

// sameAddress compares two addresses, ignoring case for bech32 (where case
// carries no meaning).
func sameAddress(a, b string) bool {
	if a == b {
		return true
	}
	la := strings.ToLower(a)
	return isBitcoinBech32(la) && la == strings.ToLower(b)
}

func foldEq(a, b string) bool { return strings.EqualFold(a, b) }

// fixedPrefix is the part every address of a kind shares (bc1q, bc1p, tb1q,
// or the base58 version character); it says nothing about the address.
func fixedPrefix(s string) string {
	l := strings.ToLower(s)
	if isBitcoinBech32(l) {
		i := strings.LastIndexByte(l, '1')
		if i+2 <= len(l) {
			return l[:i+2]
		}
		return l
	}
	if s == "" {
		return ""
	}
	return s[:1]
}

// distinctive is the address without its fixed prefix, ASCII only.
func distinctive(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ""
		}
	}
	return s[len(fixedPrefix(s)):]
}

// CheckClipboard warns when the clipboard no longer holds what the user
// pasted: clipboard-hijacking malware swaps copied addresses for its own.
// Call it with what was pasted into the field and a fresh clipboard read.
func CheckClipboard(pastedBefore, clipboardNow string) *Warning {
	before, now := strings.TrimSpace(pastedBefore), strings.TrimSpace(clipboardNow)
	if before == "" || now == "" || before == now {
		return nil
	}
	return &Warning{
		Kind: KindClipboardChanged,
		Msg: "The clipboard changed after you pasted: something on this computer may be replacing copied addresses (clipboard hijacking). " +
			"Do not send. Compare the address on your hardware wallet's screen character by character, and scan this computer for malware.",
	}
}

// Group4 splits s into 4-character blocks ("bc1q ar0s rrr7 ...") so a
// user can compare it block by block with a hardware wallet's screen.
func Group4(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n > 0 && n%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Abbrev shortens an address to its first and last six characters
// ("bc1qar…5mdq"), the form wallets display and poisoners imitate.
func Abbrev(s string) string {
	r := []rune(s)
	if len(r) <= 14 {
		return s
	}
	return string(r[:6]) + "…" + string(r[len(r)-6:])
}
