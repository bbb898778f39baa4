// Package history is SafeHarbor's embedded record (bbolt): every verdict
// change, the incidents derived from them, notification deliveries and the
// notification outbox, and withdrawal plans as opaque blobs.
//
// Every write is its own fsynced transaction, so a crash loses at most the
// event being written. A damaged file is moved aside, never silently
// discarded: Open returns a fresh store together with a *Recovered error
// that names where the old file went.
//
// An incident is an exchange's continuous troubled period: it starts at a
// change to any level other than operational or unknown and ends at the next
// change to operational. Unknown (no signal, or we are offline) neither
// starts nor ends an incident, and is excluded from uptime.
package history
