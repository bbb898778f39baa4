//go:build keyring

// Integration tests against a real Secret Service; run them through
// scripts/keyring-test.sh, which starts an isolated, unlocked gnome-keyring.
package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// realSecret is made at run time, so it is not in the test binary either,
// and is unusual enough that a grep for it cannot hit anything else.
var realSecret = func() string {
	if s := os.Getenv("SAFEHARBOR_TEST_SECRET"); s != "" {
		return s // the dead-bus child uses its parent's
	}
	return "SH-int-" + rand.Text()
}()

func TestOSKeyringRoundTrip(t *testing.T) {
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)

	v := New(OS{}, 10*time.Second)
	const name = "exchange/bitbank/secret"
	if err := v.Set(name, realSecret); err != nil {
		t.Fatalf("set: %v", err)
	}
	t.Cleanup(func() { _ = v.Delete(name) })
	got, err := v.Get(name)
	if err != nil || got != realSecret {
		t.Fatalf("get: %v (value matches: %v)", err, got == realSecret)
	}
	names, err := v.List()
	if err != nil || !slices.Contains(names, name) {
		t.Fatalf("list: %v %v", names, err)
	}

	// The item is in the Secret Service under service "safeharbor", as
	// `secret-tool lookup service safeharbor username NAME` would find it.
	if path, err := exec.LookPath("secret-tool"); err == nil {
		out, err := exec.Command(path, "lookup", "service", Service, "username", name).Output()
		if err != nil || string(out) != realSecret {
			t.Fatalf("secret-tool lookup did not find the item (err %v)", err)
		}
	}

	// Never in plaintext on disk: not in the (throwaway) HOME with its config,
	// data and keyring files.
	for _, root := range []string{os.Getenv("HOME"), os.Getenv("XDG_CONFIG_HOME"), os.Getenv("XDG_DATA_HOME")} {
		// Only walk a throwaway HOME (the script's mktemp -d), never a real one.
		if root != "" && strings.HasPrefix(root, os.TempDir()) {
			assertNotUnder(t, root, realSecret)
		}
	}
	if strings.Contains(logs.String(), realSecret) {
		t.Fatal("secret in log output")
	}

	if err := v.Delete(name); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := v.Get(name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := v.Delete(name); !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), realSecret) {
		t.Fatalf("second delete: %v", err)
	}
	names, _ = v.List()
	if slices.Contains(names, name) {
		t.Fatalf("index kept %s", name)
	}
}

func assertNotUnder(t *testing.T, root, needle string) {
	t.Helper()
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > 64<<20 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(needle)) {
			t.Errorf("secret found in plaintext in %s", p)
		}
		return nil
	})
}

// go-keyring shares one D-Bus connection per process, so the dead-bus case
// runs in a child process with DBUS_SESSION_BUS_ADDRESS pointing nowhere.
func TestOSKeyringDeadBus(t *testing.T) {
	if os.Getenv("SAFEHARBOR_DEADBUS_CHILD") == "1" {
		v := New(OS{}, 5*time.Second)
		err := v.Set("wallet/rpc", realSecret)
		if !errors.Is(err, ErrNoKeyring) {
			t.Fatalf("want ErrNoKeyring, got %v", err)
		}
		if strings.Contains(err.Error(), realSecret) {
			t.Fatal("secret in error")
		}
		if !strings.Contains(err.Error(), "gnome-keyring") {
			t.Fatalf("error does not say what to install: %v", err)
		}
		return
	}
	dead := filepath.Join(t.TempDir(), "no-bus")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOSKeyringDeadBus$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SAFEHARBOR_DEADBUS_CHILD=1", "SAFEHARBOR_TEST_SECRET="+realSecret, "DBUS_SESSION_BUS_ADDRESS=unix:path="+dead)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if bytes.Contains(out, []byte(realSecret)) {
		t.Fatal("secret in child output")
	}
	// "Quickly": the dead socket is refused at once, long before the call timeout.
	if d := time.Since(start); d > 30*time.Second {
		t.Fatalf("dead bus took %v", d)
	}
}
