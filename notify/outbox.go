package notify

import (
	"errors"
	"maps"
	"sync"
	"time"
)

// Outbox persists alerts before they are sent. Keys are "messageID|channel".
// history.Store implements it; MemoryOutbox is for tests and for running
// without a history file.
type Outbox interface {
	// PutOutbox stores or replaces a pending item; it fails for a key
	// already delivered.
	PutOutbox(key string, item []byte) error
	// MarkDelivered removes the pending item and remembers the key, atomically.
	MarkDelivered(key string, at time.Time) error
	// DropOutbox removes a pending item that will not be delivered (expired or refused).
	DropOutbox(key string) error
	Delivered(key string) (bool, error)
	PendingOutbox() (map[string][]byte, error)
}

// Recorder records each delivery attempt (history.Store implements it).
// err is nil for a delivery; its text is already free of secrets.
type Recorder interface {
	RecordDelivery(messageID, channel string, at time.Time, attempt int, err error) error
}

// MemoryOutbox is an Outbox in memory.
type MemoryOutbox struct {
	mu        sync.Mutex
	pending   map[string][]byte
	delivered map[string]time.Time
}

// NewMemoryOutbox returns an empty in-memory outbox.
func NewMemoryOutbox() *MemoryOutbox {
	return &MemoryOutbox{pending: map[string][]byte{}, delivered: map[string]time.Time{}}
}

var errAlreadyDelivered = errors.New("notify: already delivered")

func (o *MemoryOutbox) PutOutbox(key string, item []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.delivered[key]; ok {
		return errAlreadyDelivered
	}
	o.pending[key] = append([]byte(nil), item...)
	return nil
}

func (o *MemoryOutbox) MarkDelivered(key string, at time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.pending, key)
	o.delivered[key] = at
	return nil
}

func (o *MemoryOutbox) DropOutbox(key string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.pending, key)
	return nil
}

func (o *MemoryOutbox) Delivered(key string) (bool, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.delivered[key]
	return ok, nil
}

func (o *MemoryOutbox) PendingOutbox() (map[string][]byte, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.pending), nil
}
