//go:build keyring

package cli

import (
	"crypto/rand"
	"strings"
	"testing"
)

// Through the real OS keyring (scripts/keyring-test.sh).
func TestSecretsOSKeyring(t *testing.T) {
	secret := "cli-int-" + rand.Text()
	const name = "notify/cli-int-test"
	code, out, errs := runCLI(secret+"\n", "secrets", "set", name)
	if code != 0 || strings.Contains(out+errs, secret) {
		t.Fatalf("set: %d %q", code, errs)
	}
	t.Cleanup(func() { runCLI("", "secrets", "delete", name) })
	if code, out, _ := runCLI("", "secrets", "list"); code != 0 || !strings.Contains(out, name) {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, out, _ := runCLI("", "secrets", "get", name, "--reveal"); code != 0 || out != secret+"\n" {
		t.Fatalf("get: %d", code)
	}
	if code, _, errs := runCLI("", "secrets", "delete", name); code != 0 {
		t.Fatalf("delete: %q", errs)
	}
}
