package cli

import (
	"strings"
	"testing"
	"time"

	"safeharbor/wallet/vault"
)

const cliSecret = "cli-test-secret-9f8e7d"

func withMemoryVault(t *testing.T) *vault.Memory {
	t.Helper()
	m := vault.NewMemory()
	old := newVault
	newVault = func() *vault.Vault { return vault.New(m, time.Second) }
	t.Cleanup(func() { newVault = old })
	return m
}

func runCLI(stdin string, args ...string) (int, string, string) {
	var out, errb strings.Builder
	code := Main(args, strings.NewReader(stdin), &out, &errb, nil)
	return code, out.String(), errb.String()
}

func TestSecretsRoundTrip(t *testing.T) {
	withMemoryVault(t)
	code, out, errs := runCLI(cliSecret+"\n", "secrets", "set", "exchange/bitbank/key")
	if code != 0 || strings.Contains(out+errs, cliSecret) {
		t.Fatalf("set: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI("", "secrets", "list")
	if code != 0 || out != "exchange/bitbank/key\n" {
		t.Fatalf("list: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI("", "secrets", "get", "exchange/bitbank/key")
	if code != 1 || strings.Contains(out+errs, cliSecret) || !strings.Contains(errs, "exists") {
		t.Fatalf("get without --reveal: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI("", "secrets", "get", "--reveal", "exchange/bitbank/key")
	if code != 0 || out != cliSecret+"\n" {
		t.Fatalf("get --reveal: %d %q", code, out)
	}
	code, out, _ = runCLI("", "secrets", "get", "exchange/bitbank/key", "--reveal")
	if code != 0 || out != cliSecret+"\n" {
		t.Fatalf("get NAME --reveal: %d", code)
	}
	code, _, errs = runCLI("", "secrets", "delete", "exchange/bitbank/key")
	if code != 0 {
		t.Fatalf("delete: %d %q", code, errs)
	}
	code, _, errs = runCLI("", "secrets", "get", "--reveal", "exchange/bitbank/key")
	if code != 1 || !strings.Contains(errs, "no secret named") {
		t.Fatalf("get after delete: %d %q", code, errs)
	}
	code, _, errs = runCLI("", "secrets", "delete", "exchange/bitbank/key")
	if code != 1 || !strings.Contains(errs, "no secret named") {
		t.Fatalf("delete twice: %d %q", code, errs)
	}
}

func TestSecretsTrimsOneNewline(t *testing.T) {
	withMemoryVault(t)
	if code, _, errs := runCLI("a b \r\n", "secrets", "set", "notify/ntfy"); code != 0 {
		t.Fatal(errs)
	}
	if _, out, _ := runCLI("", "secrets", "get", "--reveal", "notify/ntfy"); out != "a b \n" {
		t.Fatalf("%q", out)
	}
}

func TestSecretsUsage(t *testing.T) {
	withMemoryVault(t)
	for _, args := range [][]string{
		{"secrets"}, {"secrets", "frob"}, {"secrets", "set"}, {"secrets", "get"},
		{"secrets", "list", "x"}, {"secrets", "set", "bad name"}, {"secrets", "delete", "--reveal", "wallet/rpc"},
	} {
		if code, _, errs := runCLI("", args...); code != ExitUsage || errs == "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	// A secret on argv is refused and not echoed.
	code, out, errs := runCLI("", "secrets", "set", "wallet/rpc", cliSecret)
	if code != ExitUsage || strings.Contains(out+errs, cliSecret) || !strings.Contains(errs, "stdin") {
		t.Fatalf("argv secret: %d %q", code, errs)
	}
}

func TestSecretsEmptyAndHuge(t *testing.T) {
	m := withMemoryVault(t)
	if code, _, errs := runCLI("\n", "secrets", "set", "wallet/rpc"); code != 1 || !strings.Contains(errs, "empty") {
		t.Fatalf("empty: %d %q", code, errs)
	}
	big := strings.Repeat("z", vault.MaxSecret+10)
	if code, out, errs := runCLI(big, "secrets", "set", "wallet/rpc"); code != 1 || strings.Contains(out+errs, big[:100]) {
		t.Fatalf("huge: %d %q", code, errs)
	}
	if m.Len() != 0 {
		t.Fatal("something was stored")
	}
}

func TestSecretsNoKeyring(t *testing.T) {
	m := withMemoryVault(t)
	m.Fail = "no D-Bus session"
	code, out, errs := runCLI(cliSecret, "secrets", "set", "wallet/rpc")
	if code != 1 || strings.Contains(out+errs, cliSecret) || !strings.Contains(errs, "keyring") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("%d %q %q", code, out, errs)
	}
}
