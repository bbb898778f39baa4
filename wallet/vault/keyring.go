package vault

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	gokeyring "github.com/zalando/go-keyring"
)

// Keyring is the small slice of an OS keyring the vault needs. Implementations
// return ErrNotFound for a missing item, ErrTooLarge for an oversized secret
// and an error wrapping ErrNoKeyring when the keyring itself is unusable.
type Keyring interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

var (
	// ErrNotFound: no secret under that name.
	ErrNotFound = errors.New("no such secret in the keyring")
	// ErrNoKeyring: the OS keyring is missing, locked or not answering.
	ErrNoKeyring = errors.New("no working OS keyring")
	// ErrTooLarge: the secret exceeds what every OS keyring can hold.
	ErrTooLarge = errors.New("secret too large for the OS keyring")
	// ErrBadName: the name is not a valid vault name.
	ErrBadName = errors.New("invalid secret name")
)

// InstallHint says, for this OS, what the user must install or unlock.
func InstallHint() string {
	switch runtime.GOOS {
	case "darwin":
		return "SafeHarbor stores secrets in the macOS Keychain; unlock your login keychain and try again"
	case "windows":
		return "SafeHarbor stores secrets in Windows Credential Manager; make sure it is available for your user and try again"
	default:
		return "SafeHarbor stores secrets only in a Secret Service keyring: install and start gnome-keyring (or KeePassXC with Secret Service integration enabled), unlock it, and try again; secrets are never stored in plain files"
	}
}

func noKeyring(cause string) error {
	return fmt.Errorf("%w (%s): %s", ErrNoKeyring, cause, InstallHint())
}

// OS is the real keyring through go-keyring: Secret Service over D-Bus on
// Linux, Keychain on macOS, Credential Manager on Windows.
type OS struct{}

func (OS) Set(service, user, secret string) error {
	return osErr(gokeyring.Set(service, user, secret))
}

func (OS) Get(service, user string) (string, error) {
	s, err := gokeyring.Get(service, user)
	return s, osErr(err)
}

func (OS) Delete(service, user string) error {
	return osErr(gokeyring.Delete(service, user))
}

// osErr maps go-keyring's errors onto the vault's. Anything but "not found"
// and "too big" means the keyring is unusable (no D-Bus session, no Secret
// Service, locked, dismissed prompt). go-keyring's errors come from D-Bus and
// the OS, never from the secret, but the vault redacts them again anyway.
func osErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gokeyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, gokeyring.ErrSetDataTooBig):
		return ErrTooLarge
	}
	return noKeyring(err.Error())
}

// Memory is an in-memory Keyring for tests. It is safe for concurrent use;
// unlike go-keyring's MockInit it is not global.
type Memory struct {
	mu    sync.Mutex
	items map[[2]string]string
	// Fail, when set, is returned (wrapped in ErrNoKeyring) by every call:
	// a keyring that is locked or missing.
	Fail string
}

// NewMemory returns an empty in-memory keyring.
func NewMemory() *Memory { return &Memory{items: map[[2]string]string{}} }

func (m *Memory) Set(service, user, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != "" {
		return noKeyring(m.Fail)
	}
	m.items[[2]string{service, user}] = secret
	return nil
}

func (m *Memory) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != "" {
		return "", noKeyring(m.Fail)
	}
	s, ok := m.items[[2]string{service, user}]
	if !ok {
		return "", ErrNotFound
	}
	return s, nil
}

func (m *Memory) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != "" {
		return noKeyring(m.Fail)
	}
	k := [2]string{service, user}
	if _, ok := m.items[k]; !ok {
		return ErrNotFound
	}
	delete(m.items, k)
	return nil
}

// Len is the number of stored items, the index included.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}
