package chain

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Tracker reads the chain. Implementations: Esplora, CoreRPC.
type Tracker interface {
	// Tip is the height of the best block.
	Tip(ctx context.Context) (int64, error)
	// AddressTxs lists transactions paying or spending addr, mempool first
	// (at least the most recent page: enough for a fresh address).
	AddressTxs(ctx context.Context, addr string) ([]Tx, error)
	// TxStatus is where a transaction is; ErrNotFound when the node does not know it.
	TxStatus(ctx context.Context, txid string) (TxStatus, error)
	// AddressStats summarises an address's history.
	AddressStats(ctx context.Context, addr string) (Stats, error)
}

// TxStatus is a transaction's place in the chain.
type TxStatus struct {
	Confirmed   bool   `json:"confirmed"`
	BlockHeight int64  `json:"block_height,omitempty"`
	BlockHash   string `json:"block_hash,omitempty"`
}

// Tx is a transaction as seen from one address.
type Tx struct {
	TxID   string   `json:"txid"`
	Value  int64    `json:"value"` // satoshis paid to the address asked about
	Status TxStatus `json:"status"`
}

// Stats is an address's history.
type Stats struct {
	TxCount        int64 // confirmed transactions
	MempoolTxCount int64
	Received       int64 // satoshis, confirmed
	MempoolRecv    int64 // satoshis, unconfirmed
}

// Used reports whether the address has any history, confirmed or not.
func (s Stats) Used() bool {
	return s.TxCount > 0 || s.MempoolTxCount > 0 || s.Received > 0 || s.MempoolRecv > 0
}

var (
	// ErrNotFound: the backend does not know the transaction.
	ErrNotFound = errors.New("not found on the chain backend")
	// ErrBadResponse: the backend answered with something that is not the
	// expected document (garbage, HTML, truncated, wrong shape).
	ErrBadResponse = errors.New("unexpected response from the chain backend")
	// ErrBadInput: an address or txid that cannot be asked about.
	ErrBadInput = errors.New("invalid query")
)

// RateLimitError is a 429 from the backend; callers wait RetryAfter.
type RateLimitError struct{ RetryAfter time.Duration }

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("chain backend rate limit: retry after %v", e.RetryAfter)
}

// Confirmations is how deep st is below tip (0 when unconfirmed).
func Confirmations(st TxStatus, tip int64) int {
	if !st.Confirmed || st.BlockHeight <= 0 || tip < st.BlockHeight {
		return 0
	}
	return int(tip - st.BlockHeight + 1)
}
