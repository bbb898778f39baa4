package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	// Service is the keyring service every SafeHarbor secret is stored under.
	Service = "safeharbor"
	// MaxSecret is the largest secret accepted, in bytes: Windows Credential
	// Manager holds 2560, macOS about 3000 including names.
	MaxSecret = 2500
	// MaxName bounds a secret's name.
	MaxName = 128
	// RefPrefix marks a config value that refers to a keyring entry.
	RefPrefix = "keyring:"
	// DefaultTimeout bounds each keyring call when New gets zero.
	DefaultTimeout = 10 * time.Second

	// indexUser holds the JSON list of names (never values), so List works
	// on keyrings that cannot enumerate items. Names cannot start with "_".
	indexUser = "_index"
)

// Vault stores named secrets in a Keyring with a timeout on every call.
type Vault struct {
	kr      Keyring
	timeout time.Duration
	mu      sync.Mutex // serialises index read-modify-write within this process
}

// New returns a vault over kr; each keyring call gives up after timeout
// (DefaultTimeout if zero).
func New(kr Keyring, timeout time.Duration) *Vault {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Vault{kr: kr, timeout: timeout}
}

// Default returns a vault over the OS keyring.
func Default() *Vault { return New(OS{}, DefaultTimeout) }

// CheckName validates a secret name: exchange/<id>/<field>, wallet/<account-id>,
// wallet/rpc or notify/<name>; ASCII letters, digits and ._- between slashes.
func CheckName(name string) error {
	if name == "" {
		return fmt.Errorf("%w: empty name", ErrBadName)
	}
	if len(name) > MaxName {
		return fmt.Errorf("%w: longer than %d characters", ErrBadName, MaxName)
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/", r)
		if !ok {
			return fmt.Errorf("%w %q: only letters, digits and . _ - / are allowed", ErrBadName, printable(name))
		}
	}
	parts := strings.Split(name, "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return fmt.Errorf("%w %q: empty or dot path segment", ErrBadName, name)
		}
	}
	switch parts[0] {
	case "exchange":
		if len(parts) != 3 {
			return fmt.Errorf("%w %q: want exchange/<id>/<field>, e.g. exchange/bitbank/key", ErrBadName, name)
		}
	case "wallet", "notify":
		if len(parts) != 2 {
			return fmt.Errorf("%w %q: want %s/<name>", ErrBadName, name, parts[0])
		}
	default:
		return fmt.Errorf("%w %q: must start with exchange/, wallet/ or notify/", ErrBadName, name)
	}
	return nil
}

// printable keeps a bad name readable in a one-line error.
func printable(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

// call runs f in its own goroutine and waits at most v.timeout. On timeout
// the goroutine is abandoned: it finishes when the keyring (D-Bus) answers or
// the process exits, and its buffered result is dropped.
func (v *Vault) call(op string, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(v.timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return noKeyring(fmt.Sprintf("the keyring did not answer %s within %v; it may be locked or waiting for a prompt", op, v.timeout))
	}
}

// redact makes sure no error carries the secret, whatever the backend said.
func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	switch {
	case errors.Is(err, ErrNoKeyring):
		return noKeyring("keyring error (details withheld: they contained the secret)")
	case errors.Is(err, ErrTooLarge):
		return ErrTooLarge
	}
	return errors.New("keyring error (details withheld: they contained the secret)")
}

// Set stores secret under name, replacing any previous value.
func (v *Vault) Set(name, secret string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if secret == "" {
		return fmt.Errorf("empty secret for %s: nothing stored", name)
	}
	if len(secret) > MaxSecret {
		return fmt.Errorf("%w: %s is %d bytes, the limit is %d", ErrTooLarge, name, len(secret), MaxSecret)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	err := v.call("set", func() error { return v.kr.Set(Service, name, secret) })
	if err != nil {
		return fmt.Errorf("storing %s: %w", name, redact(err, secret))
	}
	return v.updateIndex(func(names []string) []string {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
		return names
	})
}

// Get returns the secret stored under name, ErrNotFound if there is none.
func (v *Vault) Get(name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	var s string
	err := v.call("get", func() error {
		var err error
		s, err = v.kr.Get(Service, name)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return s, nil
}

// Has reports whether a secret is stored under name without returning it.
func (v *Vault) Has(name string) (bool, error) {
	_, err := v.Get(name)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Delete removes the secret under name; ErrNotFound if there was none.
func (v *Vault) Delete(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	err := v.call("delete", func() error { return v.kr.Delete(Service, name) })
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("deleting %s: %w", name, err)
	}
	// Drop a stale index entry even when the item was already gone.
	if ierr := v.updateIndex(func(names []string) []string {
		return slices.DeleteFunc(names, func(n string) bool { return n == name })
	}); ierr != nil {
		return ierr
	}
	if err != nil {
		return fmt.Errorf("deleting %s: %w", name, err)
	}
	return nil
}

// List returns the names of stored secrets, sorted. Never values.
func (v *Vault) List() ([]string, error) {
	names, err := v.readIndex()
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// Resolve returns the secret a "keyring:NAME" reference points to.
func (v *Vault) Resolve(ref string) (string, error) {
	name, ok := strings.CutPrefix(ref, RefPrefix)
	if !ok {
		// Never echo ref: it might be a secret pasted where a reference belongs.
		return "", fmt.Errorf("not a keyring reference: want %sNAME (secrets never go in the config file)", RefPrefix)
	}
	return v.Get(name)
}

// IsRef reports whether s is a "keyring:NAME" reference.
func IsRef(s string) bool { return strings.HasPrefix(s, RefPrefix) }

func (v *Vault) readIndex() ([]string, error) {
	var raw string
	err := v.call("list", func() error {
		var err error
		raw, err = v.kr.Get(Service, indexUser)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return []string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the list of secrets: %w", err)
	}
	var names []string
	if err := json.Unmarshal([]byte(raw), &names); err != nil {
		return nil, fmt.Errorf("the keyring's list of SafeHarbor secrets is corrupt (%v); delete the %q item of service %q to rebuild it", err, indexUser, Service)
	}
	return slices.DeleteFunc(names, func(n string) bool { return CheckName(n) != nil }), nil
}

func (v *Vault) updateIndex(edit func([]string) []string) error {
	names, err := v.readIndex()
	if err != nil {
		return err
	}
	names = edit(names)
	slices.Sort(names)
	b, _ := json.Marshal(names)
	if err := v.call("set", func() error { return v.kr.Set(Service, indexUser, string(b)) }); err != nil {
		return fmt.Errorf("updating the list of secrets: %w", err)
	}
	return nil
}
