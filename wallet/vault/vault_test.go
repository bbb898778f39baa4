package vault

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

const secret = "s3cr3t-API-key-0123456789"

func TestRoundTrip(t *testing.T) {
	m := NewMemory()
	v := New(m, time.Second)
	for _, n := range []string{"exchange/bitbank/key", "exchange/bitbank/secret", "wallet/rpc", "notify/ntfy"} {
		if err := v.Set(n, secret+n); err != nil {
			t.Fatal(err)
		}
	}
	got, err := v.Get("exchange/bitbank/secret")
	if err != nil || got != secret+"exchange/bitbank/secret" {
		t.Fatalf("get %v", err)
	}
	names, err := v.List()
	want := []string{"exchange/bitbank/key", "exchange/bitbank/secret", "notify/ntfy", "wallet/rpc"}
	if err != nil || !slices.Equal(names, want) {
		t.Fatalf("list %v %v", names, err)
	}
	// Overwrite keeps one index entry.
	if err := v.Set("wallet/rpc", "other"); err != nil {
		t.Fatal(err)
	}
	if err := v.Delete("wallet/rpc"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Get("wallet/rpc"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := v.Delete("wallet/rpc"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	names, _ = v.List()
	if slices.Contains(names, "wallet/rpc") {
		t.Fatalf("index kept deleted name: %v", names)
	}
	if ok, err := v.Has("notify/ntfy"); !ok || err != nil {
		t.Fatalf("has %v %v", ok, err)
	}
	s, err := v.Resolve("keyring:notify/ntfy")
	if err != nil || s != secret+"notify/ntfy" {
		t.Fatalf("resolve %v", err)
	}
	if _, err := v.Resolve(secret); err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("resolve of a non-reference: %v", err)
	}
}

func TestIndexHoldsNamesOnly(t *testing.T) {
	m := NewMemory()
	v := New(m, time.Second)
	if err := v.Set("exchange/kraken/secret", secret); err != nil {
		t.Fatal(err)
	}
	idx, err := m.Get(Service, indexUser)
	if err != nil || strings.Contains(idx, secret) || !strings.Contains(idx, "exchange/kraken/secret") {
		t.Fatalf("index %q %v", idx, err)
	}
}

func TestBadNames(t *testing.T) {
	v := New(NewMemory(), time.Second)
	for _, n := range []string{"", "foo", "exchange/bitbank", "wallet/a/b", "notify/x\ny", "exchange/../key",
		"_index", "wallet/" + strings.Repeat("a", MaxName), "notify/a b", "exchange//key"} {
		if err := v.Set(n, secret); !errors.Is(err, ErrBadName) {
			t.Errorf("%q: %v", n, err)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error has a newline: %q", n, err)
		}
	}
}

func TestTooLarge(t *testing.T) {
	v := New(NewMemory(), time.Second)
	big := strings.Repeat("x", MaxSecret+1)
	err := v.Set("wallet/acct1", big)
	if !errors.Is(err, ErrTooLarge) || strings.Contains(err.Error(), big) {
		t.Fatalf("%v", err)
	}
	if err := v.Set("wallet/acct1", big[:MaxSecret]); err != nil {
		t.Fatal(err)
	}
	if err := v.Set("wallet/acct1", ""); err == nil {
		t.Fatal("empty secret stored")
	}
}

func TestNoKeyring(t *testing.T) {
	m := NewMemory()
	m.Fail = "org.freedesktop.DBus.Error.ServiceUnknown"
	v := New(m, time.Second)
	for _, err := range []error{v.Set("wallet/rpc", secret), v.Delete("wallet/rpc")} {
		if !errors.Is(err, ErrNoKeyring) || strings.Contains(err.Error(), secret) {
			t.Fatalf("%v", err)
		}
	}
	_, err := v.Get("wallet/rpc")
	if !errors.Is(err, ErrNoKeyring) {
		t.Fatal(err)
	}
	if _, err := v.List(); !errors.Is(err, ErrNoKeyring) {
		t.Fatal(err)
	}
	if !strings.Contains(err.Error(), "unlock") {
		t.Fatalf("no advice in %q", err)
	}
}

// hung never answers until released: a Secret Service waiting on a prompt.
type hung struct{ release chan struct{} }

func (h hung) Set(string, string, string) error   { <-h.release; return nil }
func (h hung) Get(string, string) (string, error) { <-h.release; return "", nil }
func (h hung) Delete(string, string) error        { <-h.release; return nil }

func TestHungKeyringTimesOut(t *testing.T) {
	h := hung{release: make(chan struct{})}
	defer close(h.release) // let the abandoned goroutines finish
	v := New(h, 20*time.Millisecond)
	if err := v.Set("wallet/rpc", secret); !errors.Is(err, ErrNoKeyring) || strings.Contains(err.Error(), secret) {
		t.Fatalf("%v", err)
	}
	if _, err := v.Get("wallet/rpc"); !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("%v", err)
	}
}

// leaky echoes the secret in its error, as a careless backend might.
type leaky struct{ *Memory }

func (l leaky) Set(s, u, secret string) error { return noKeyring("cannot store " + secret) }

func TestErrorsRedactSecret(t *testing.T) {
	v := New(leaky{NewMemory()}, time.Second)
	err := v.Set("wallet/rpc", secret)
	if err == nil || strings.Contains(err.Error(), secret) || !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("%v", err)
	}
}

func TestCorruptIndex(t *testing.T) {
	m := NewMemory()
	_ = m.Set(Service, indexUser, "{not json")
	v := New(m, time.Second)
	if _, err := v.List(); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("%v", err)
	}
}

func TestConcurrentSets(t *testing.T) {
	v := New(NewMemory(), time.Second)
	done := make(chan error)
	for i := range 8 {
		go func() { done <- v.Set("notify/n"+string(rune('a'+i)), secret) }()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if names, _ := v.List(); len(names) != 8 {
		t.Fatalf("%v", names)
	}
}
