package wallet

import (
	"strings"
	"testing"
)

func TestCheckLookalike(t *testing.T) {
	real := "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	// Same visible ends, different middle: a poisoner's ground address.
	fake := "bc1qcr8txxxxxxxxxxxxxxxxxxxxxxxxxxxxxx06fyu"
	ws := CheckLookalike(fake, []string{"1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", real, real})
	if len(ws) != 1 || ws[0].Kind != KindAddressPoisoning || ws[0].Similar != real || !strings.Contains(ws[0].Msg, "bc1qcr…306fyu") {
		t.Fatalf("%+v", ws)
	}
	for _, tc := range []struct {
		name, cand string
	}{
		{"identical", real},
		{"identical upper", strings.ToUpper(real)},
		{"different start", "bc1qzzzte4kr609gcawutmrza0j4xv80jy8z306fyu"},
		{"different end", "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z30zzzz"},
		{"other kind", "bc1pcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"},
		{"empty", ""},
		{"short", "bc1qcr8"},
	} {
		if ws := CheckLookalike(tc.cand, []string{real}); len(ws) != 0 {
			t.Errorf("%s: %+v", tc.name, ws)
		}
	}
	// The fixed prefix (bc1q) is not counted as matching characters.
	if ws := CheckLookalike("bc1qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz06fyu", []string{real}); len(ws) != 0 {
		t.Errorf("prefix-only match flagged: %+v", ws)
	}
	// Base58 addresses too.
	if ws := CheckLookalike("1LqBGzzzzzzzzzzzzzzzzzzzzzzzzWeabA", []string{"1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA"}); len(ws) != 1 {
		t.Errorf("base58 look-alike missed")
	}
}

func TestCheckClipboard(t *testing.T) {
	a := "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	if w := CheckClipboard(a, a+"\n"); w != nil {
		t.Errorf("same text flagged: %+v", w)
	}
	if w := CheckClipboard("", a); w != nil {
		t.Errorf("nothing pasted flagged")
	}
	if w := CheckClipboard(a, ""); w != nil {
		t.Errorf("cleared clipboard flagged")
	}
	w := CheckClipboard(a, "bc1qattackerattackerattackerattackerattack")
	if w == nil || w.Kind != KindClipboardChanged || !strings.Contains(w.Msg, "hijacking") {
		t.Fatalf("%+v", w)
	}
}

func TestGroup4(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"bc1q":             "bc1q",
		"bc1qa":            "bc1q a",
		"bc1qar0srrr7xfkv": "bc1q ar0s rrr7 xfkv",
		"あいうえお":            "あいうえ お",
	} {
		if got := Group4(in); got != want {
			t.Errorf("Group4(%q) = %q, want %q", in, got, want)
		}
	}
	if Abbrev("short") != "short" || Abbrev("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu") != "bc1qcr…306fyu" {
		t.Errorf("Abbrev")
	}
}

func TestNetworkWarning(t *testing.T) {
	w := NetworkWarning("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", Mainnet)
	if w == nil || w.Kind != KindWrongNetwork || !strings.Contains(w.Msg, "testnet") {
		t.Fatalf("%+v", w)
	}
	for _, tc := range []struct {
		a string
		n Network
	}{
		{"bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", Mainnet},
		{"bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyv", Testnet}, // bad checksum: not a network question
		{"", Mainnet},
	} {
		if w := NetworkWarning(tc.a, tc.n); w != nil {
			t.Errorf("%q on %s: %+v", tc.a, tc.n, w)
		}
	}
}
