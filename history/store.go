package history

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"safeharbor/internal/clock"
)

// Bucket names. Keys are documented next to the code that writes them.
var (
	bChanges    = []byte("changes")    // exchange \x00 time(8) seq(8) -> Change JSON
	bIncidents  = []byte("incidents")  // exchange \x00 start(8) seq(8) -> Incident JSON
	bState      = []byte("state")      // exchange -> exchangeState JSON
	bDeliveries = []byte("deliveries") // time(8) seq(8) -> Delivery JSON
	bOutbox     = []byte("outbox")     // key -> opaque item
	bDelivered  = []byte("delivered")  // key -> time(8)
	bPlans      = []byte("plans")      // id -> opaque plan
	bNotify     = []byte("notify")     // "policy" -> opaque alert-policy state
	bMeta       = []byte("meta")
	allBuckets  = [][]byte{bChanges, bIncidents, bState, bDeliveries, bOutbox, bDelivered, bPlans, bNotify, bMeta}
	kPolicy     = []byte("policy")
	kPrunedAt   = []byte("pruned_at")
)

// Defaults for Options.
const (
	DefaultRetention   = 365 * 24 * time.Hour
	DefaultLockTimeout = 2 * time.Second
	DefaultMaxRecords  = 500_000 // per kind (changes, deliveries): bounds the file size
	pruneEvery         = 24 * time.Hour
)

// Options tune a Store. The zero value is usable.
type Options struct {
	Retention   time.Duration // records older than this are pruned; default 1 year
	LockTimeout time.Duration // wait for another process's lock; default 2s
	MaxRecords  int           // cap on stored changes and on deliveries; default 500k
	Clock       clock.Clock   // default the wall clock
}

// ErrLocked means another SafeHarbor has the history file open.
var ErrLocked = errors.New("history: the history database is in use by another SafeHarbor (close it and try again)")

// ErrNoData means there is nothing to compute a figure from.
var ErrNoData = errors.New("history: no observations in that period")

// Recovered is returned by Open, together with a working store, when the
// existing file was damaged: the file was moved to MovedTo and a fresh one
// started. Show it to the user; the old file is kept for inspection.
type Recovered struct {
	MovedTo string
	Err     error // what was wrong with it
}

func (r *Recovered) Error() string {
	return fmt.Sprintf("history: the history file was damaged (%v); it was moved to %s and a new one started", r.Err, r.MovedTo)
}

func (r *Recovered) Unwrap() error { return r.Err }

// Store is the history database. It is safe for concurrent use.
type Store struct {
	db    *bolt.DB
	opt   Options
	mu    sync.Mutex // serialises prune bookkeeping
	prune time.Time
}

// DefaultPath is history.db in the user data directory:
// $XDG_DATA_HOME/safeharbor, else ~/.local/share/safeharbor on Unix, else
// the OS config directory's safeharbor folder.
func DefaultPath() (string, error) { return PathFrom(os.Getenv) }

// PathFrom is DefaultPath with the environment read through getenv.
func PathFrom(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "safeharbor", "history.db"), nil
	}
	switch goos() {
	case "windows", "darwin", "ios", "android", "plan9":
	default:
		if home, err := userHome(); err == nil {
			return filepath.Join(home, ".local", "share", "safeharbor", "history.db"), nil
		}
	}
	d, err := userConfigDir()
	if err != nil {
		return "", fmt.Errorf("history: no user data directory: %w", err)
	}
	return filepath.Join(d, "safeharbor", "history.db"), nil
}

// Open opens (creating if needed) the history file at path. If another
// process holds it, Open fails with ErrLocked after opt.LockTimeout. If the
// file is damaged it is moved aside and Open returns a fresh store and a
// *Recovered error; any other error comes with a nil store.
func Open(path string, opt Options) (*Store, error) {
	if opt.Retention <= 0 {
		opt.Retention = DefaultRetention
	}
	if opt.LockTimeout <= 0 {
		opt.LockTimeout = DefaultLockTimeout
	}
	if opt.MaxRecords <= 0 {
		opt.MaxRecords = DefaultMaxRecords
	}
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	db, damage := openChecked(path, opt.LockTimeout)
	var rec *Recovered
	if damage != nil {
		if errors.Is(damage, bolt.ErrTimeout) {
			return nil, ErrLocked
		}
		var pe *os.PathError
		if errors.As(damage, &pe) && !isCorruption(damage) {
			return nil, fmt.Errorf("history: %w", damage)
		}
		moved := fmt.Sprintf("%s.damaged-%s", path, opt.Clock.Now().UTC().Format("20060102T150405Z"))
		if err := os.Rename(path, moved); err != nil {
			return nil, fmt.Errorf("history: %s is damaged (%v) and could not be moved aside: %w", path, damage, err)
		}
		rec = &Recovered{MovedTo: moved, Err: damage}
		db, damage = openChecked(path, opt.LockTimeout)
		if damage != nil {
			return nil, fmt.Errorf("history: cannot start a new history file: %w", damage)
		}
	}
	s := &Store{db: db, opt: opt}
	if err := s.Prune(opt.Clock.Now()); err != nil {
		db.Close()
		return nil, err
	}
	if rec != nil {
		return s, rec
	}
	return s, nil
}

func isCorruption(err error) bool {
	return errors.Is(err, bolt.ErrInvalid) || errors.Is(err, bolt.ErrChecksum) ||
		errors.Is(err, bolt.ErrVersionMismatch) || errors.Is(err, bolt.ErrInvalidMapping) ||
		errors.Is(err, errCheck)
}

var errCheck = errors.New("consistency check failed")

// openChecked opens the file, creates the buckets and runs bbolt's
// consistency check. A panic inside bbolt on a mangled file counts as damage.
func openChecked(path string, timeout time.Duration) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			db, err = nil, fmt.Errorf("%w: %v", errCheck, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	if info, serr := os.Stat(path); serr == nil && info.Size() > maxCheckSize {
		// Too big to check on every start without a noticeable delay; bbolt
		// still validates the meta pages and MaxRecords keeps us far below this.
		if err := createBuckets(db); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	err = db.View(func(tx *bolt.Tx) error {
		// Drain every error so the checker goroutine ends; keep the first.
		var first error
		n := 0
		for e := range tx.Check() {
			if first == nil {
				first = e
			}
			n++
		}
		if first != nil {
			return fmt.Errorf("%w: %v (%d problems)", errCheck, first, n)
		}
		return nil
	})
	if err == nil {
		err = createBuckets(db)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// maxCheckSize bounds the consistency check on open.
const maxCheckSize = 256 << 20

func createBuckets(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("%w: bucket %s: %v", errCheck, b, err)
			}
		}
		return nil
	})
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file's location.
func (s *Store) Path() string { return s.db.Path() }

// Prune drops records older than the retention period and the oldest
// changes and deliveries beyond MaxRecords. Open prunes; Record prunes again
// once a day.
func (s *Store) Prune(now time.Time) error {
	cutoff := now.Add(-s.opt.Retention)
	err := s.db.Update(func(tx *bolt.Tx) error {
		// changes: per-exchange prefixes, time after the prefix.
		if err := pruneKeyed(tx.Bucket(bChanges), func(k, _ []byte) bool {
			t, ok := keyTime(k)
			return ok && t.Before(cutoff)
		}); err != nil {
			return err
		}
		if err := pruneKeyed(tx.Bucket(bIncidents), func(_, v []byte) bool {
			inc, err := decodeIncident(v)
			return err == nil && !inc.End.IsZero() && inc.End.Before(cutoff)
		}); err != nil {
			return err
		}
		if err := pruneKeyed(tx.Bucket(bDeliveries), func(k, _ []byte) bool {
			return len(k) >= 8 && int64(binary.BigEndian.Uint64(k)) < cutoff.UnixNano()
		}); err != nil {
			return err
		}
		if err := pruneKeyed(tx.Bucket(bDelivered), func(_, v []byte) bool {
			return len(v) == 8 && int64(binary.BigEndian.Uint64(v)) < cutoff.UnixNano()
		}); err != nil {
			return err
		}
		if err := capBucket(tx.Bucket(bDeliveries), s.opt.MaxRecords, nil); err != nil {
			return err
		}
		if err := capChanges(tx.Bucket(bChanges), s.opt.MaxRecords); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kPrunedAt, be64(now.UnixNano()))
	})
	if err != nil {
		return fmt.Errorf("history: prune: %w", err)
	}
	s.mu.Lock()
	s.prune = now
	s.mu.Unlock()
	return nil
}

func (s *Store) maybePrune() error {
	now := s.opt.Clock.Now()
	s.mu.Lock()
	due := now.Sub(s.prune) >= pruneEvery
	s.mu.Unlock()
	if !due {
		return nil
	}
	return s.Prune(now)
}

// pruneKeyed deletes every key for which drop says so. Keys are collected
// first: deleting while iterating a bbolt cursor skips entries.
func pruneKeyed(b *bolt.Bucket, drop func(k, v []byte) bool) error {
	var dead [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if drop(k, v) {
			dead = append(dead, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// capBucket keeps the newest max keys of a time-ordered bucket.
func capBucket(b *bolt.Bucket, max int, _ []byte) error {
	n := b.Stats().KeyN
	if n <= max {
		return nil
	}
	var dead [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil && len(dead) < n-max; k, _ = c.Next() {
		dead = append(dead, append([]byte(nil), k...))
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// capChanges keeps the newest max changes across exchanges.
func capChanges(b *bolt.Bucket, max int) error {
	n := b.Stats().KeyN
	if n <= max {
		return nil
	}
	type kt struct {
		k []byte
		t int64
	}
	all := make([]kt, 0, n)
	if err := b.ForEach(func(k, _ []byte) error {
		t, _ := keyTime(k)
		all = append(all, kt{append([]byte(nil), k...), t.UnixNano()})
		return nil
	}); err != nil {
		return err
	}
	sortBy(all, func(a, b kt) int { return cmpInt(a.t, b.t) })
	for _, e := range all[:n-max] {
		if err := b.Delete(e.k); err != nil {
			return err
		}
	}
	return nil
}

// Alert policy state: what the notify Dispatcher last told the user per
// exchange, so a restart mid-outage neither repeats nor drops an alert.

// SaveNotifyState replaces the stored policy state.
func (s *Store) SaveNotifyState(data []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bNotify).Put(kPolicy, data)
	})
}

// LoadNotifyState returns the stored policy state, nil when there is none.
func (s *Store) LoadNotifyState() ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bNotify).Get(kPolicy); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	return out, err
}

// Plans: the wallet's plan.Store interface.

// SavePlan stores a withdrawal plan blob under id, replacing any earlier one.
func (s *Store) SavePlan(id string, data []byte) error {
	if id == "" {
		return errors.New("history: plan id is empty")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bPlans).Put([]byte(id), data)
	})
}

// LoadPlans returns every stored plan blob by id.
func (s *Store) LoadPlans() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPlans).ForEach(func(k, v []byte) error {
			out[string(k)] = append([]byte(nil), v...)
			return nil
		})
	})
	return out, err
}
