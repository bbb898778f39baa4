// Package chain follows Bitcoin payments to the user's cold wallet on-chain:
// a Tracker answers questions about addresses and transactions (Esplora
// HTTP API or the user's own Bitcoin Core RPC), Poll/Watch follow one
// incoming payment to N confirmations and notice reorgs, and FreshAddress
// picks the first unused receive address of an account.
//
// Trackers only read public chain data; nothing here signs or sends.
package chain
