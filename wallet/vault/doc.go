// Package vault keeps SafeHarbor's secrets — exchange API keys, cold-wallet
// xpubs/descriptors, notification tokens, the Bitcoin Core RPC password —
// in the OS keyring (service "safeharbor") and nowhere else.
//
// Every keyring call runs in its own goroutine bounded by a timeout, because
// a locked or hung Secret Service can block forever waiting for a prompt.
// Without a working keyring the vault returns ErrNoKeyring with a message
// saying what to install or unlock; it never falls back to plaintext.
// No error the vault returns contains a secret value.
package vault
