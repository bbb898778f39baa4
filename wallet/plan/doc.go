// Package plan is the withdrawal plan of SPEC §8 as a persisted state
// machine: choose exchange and coin, check the exchange, pick and verify a
// fresh cold-wallet address, a test amount for a first-time destination,
// the withdrawal itself, and tracking to N confirmations.
//
// Every transition is validated and saved through Store before it takes
// effect, so a restart resumes where it stopped. Anything touching money
// fails closed: an exchange that is not clearly operational blocks the
// plan; a withdrawal request whose outcome is not known (timeout, crash
// mid-request) moves the plan to "unknown — check the exchange's history"
// and is never retried automatically; a withdrawal is never marked sent
// twice.
package plan
