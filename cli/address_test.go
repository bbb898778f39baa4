package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func runWalletCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := Main(args, strings.NewReader(stdin), &out, &errb, nil)
	return code, out.String(), errb.String()
}

func TestAddressCheck(t *testing.T) {
	const good = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	code, out, _ := runWalletCLI(t, "", "address", "check", good)
	if code != ExitOK || !strings.Contains(out, "valid mainnet p2wpkh") || !strings.Contains(out, "bc1q cr8t e4kr") {
		t.Errorf("valid: %d %q", code, out)
	}
	// Flags after and before the positional.
	for _, args := range [][]string{
		{"address", "check", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "--network", "testnet"},
		{"address", "check", "--network=testnet", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"},
	} {
		if code, out, _ := runWalletCLI(t, "", args...); code != ExitOK {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
	code, out, _ = runWalletCLI(t, "", "address", "check", good, "--network", "testnet")
	if code != ExitFailure || !strings.Contains(out, "wrong_network") || !strings.Contains(out, "mainnet address") {
		t.Errorf("wrong network: %d %q", code, out)
	}

	code, out, _ = runWalletCLI(t, "", "address", "check", "--json", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if code != ExitFailure || res["valid"] != false || res["reason"] != "bech32_needs_bech32m" || res["network"] != "mainnet" || res["message"] == "" || res["address"] == "" {
		t.Errorf("json invalid: %d %v", code, res)
	}
	code, out, _ = runWalletCLI(t, "", "address", "check", good, "--json")
	res = nil
	_ = json.Unmarshal([]byte(out), &res)
	if code != ExitOK || res["valid"] != true || res["type"] != "p2wpkh" || res["address"] != good {
		t.Errorf("json valid: %d %v", code, res)
	}

	// A private key is named, never echoed.
	const wif = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
	for _, args := range [][]string{{"address", "check", wif}, {"address", "check", wif, "--json"}} {
		code, out, errs := runWalletCLI(t, "", args...)
		if code != ExitFailure || !strings.Contains(out, "private_key") || strings.Contains(out+errs, wif[:10]) {
			t.Errorf("private key: %d %q %q", code, out, errs)
		}
	}
	// stdin.
	if code, out, _ := runWalletCLI(t, good+"\n", "address", "check", "-"); code != ExitOK {
		t.Errorf("stdin: %d %q", code, out)
	}
	if code, out, _ := runWalletCLI(t, good+" \n", "address", "check", "-"); code != ExitFailure || !strings.Contains(out, "whitespace") {
		t.Errorf("stdin trailing space: %d %q", code, out)
	}
}

func TestAddressUsage(t *testing.T) {
	for _, args := range [][]string{
		{"address"},
		{"address", "verify", "x"},
		{"address", "check"},
		{"address", "check", "a", "b"},
		{"address", "check", "a", "--network", "litecoin"},
		{"address", "check", "a", "--bogus"},
		{"address", "check", "-"},
	} {
		code, _, errs := runWalletCLI(t, "", args...)
		if code != ExitUsage || !strings.HasPrefix(errs, "safeharbor address: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}
