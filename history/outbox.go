package history

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Delivery is one attempt to deliver a notification on one channel.
type Delivery struct {
	Time      time.Time `json:"time"`
	MessageID string    `json:"message_id"`
	Channel   string    `json:"channel"`
	Attempt   int       `json:"attempt"`
	OK        bool      `json:"ok"`
	Error     string    `json:"error,omitempty"` // already redacted by the channel
}

// RecordDelivery records one delivery attempt (notify's Recorder).
// err nil means delivered.
func (s *Store) RecordDelivery(messageID, channel string, at time.Time, attempt int, err error) error {
	d := Delivery{Time: at, MessageID: messageID, Channel: channel, Attempt: attempt, OK: err == nil}
	if err != nil {
		d.Error = err.Error()
	}
	raw, mErr := json.Marshal(d)
	if mErr != nil {
		return mErr
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bDeliveries)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		k := binary.BigEndian.AppendUint64(be64(at.UnixNano()), seq)
		return b.Put(k, raw)
	})
}

// Deliveries returns delivery attempts at or after since, oldest first.
func (s *Store) Deliveries(since time.Time) ([]Delivery, error) {
	var out []Delivery
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bDeliveries).Cursor()
		k, v := c.First()
		if since.After(time.Unix(0, 0)) {
			k, v = c.Seek(be64(since.UnixNano()))
		}
		for ; k != nil; k, v = c.Next() {
			var d Delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("history: delivery record %x unreadable: %w", k, err)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// The outbox (notify's Outbox interface): pending items are opaque to the
// store; a delivered key is remembered (for the retention period) so the
// same message is never sent to the same channel twice.

// PutOutbox stores or replaces a pending item. It refuses a key that was
// already delivered.
func (s *Store) PutOutbox(key string, item []byte) error {
	if key == "" {
		return errors.New("history: empty outbox key")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bDelivered).Get([]byte(key)) != nil {
			return ErrDelivered
		}
		return tx.Bucket(bOutbox).Put([]byte(key), item)
	})
}

// ErrDelivered is PutOutbox's answer for a key already delivered.
var ErrDelivered = errors.New("history: already delivered")

// MarkDelivered removes the pending item and remembers the key, atomically.
func (s *Store) MarkDelivered(key string, at time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bOutbox).Delete([]byte(key)); err != nil {
			return err
		}
		return tx.Bucket(bDelivered).Put([]byte(key), be64(at.UnixNano()))
	})
}

// DropOutbox removes a pending item without marking it delivered (expired).
func (s *Store) DropOutbox(key string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bOutbox).Delete([]byte(key)) })
}

// Delivered reports whether key was delivered.
func (s *Store) Delivered(key string) (bool, error) {
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bDelivered).Get([]byte(key)) != nil
		return nil
	})
	return ok, err
}

// PendingOutbox returns every pending item by key.
func (s *Store) PendingOutbox() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bOutbox).ForEach(func(k, v []byte) error {
			out[string(k)] = append([]byte(nil), v...)
			return nil
		})
	})
	return out, err
}
