package chain

import (
	"context"
	"errors"
	"fmt"

	"safeharbor/wallet"
)

// Deriver derives an account's addresses; *wallet.Account is one.
type Deriver interface {
	Address(change bool, index uint32) (wallet.Address, error)
}

// DefaultGapLimit is BIP44's: wallets stop looking after 20 unused addresses.
const DefaultGapLimit = 20

// maxScan bounds a scan so a backend that says "used" to everything cannot loop forever.
const maxScan = 1_000_000

// ErrGapLimit: too many addresses were handed out without being paid.
var ErrGapLimit = errors.New("too many unused addresses handed out")

// FreshAddress returns the first receive address of acct with no on-chain
// history (confirmed or in the mempool) that SafeHarbor has not already
// handed out (handedOut may be nil). If more than gapLimit consecutive
// addresses were handed out but never paid, it refuses: the user's wallet
// software stops looking after its gap limit and would not show a payment
// to the next one. Any backend error is returned as is: an address is only
// "fresh" when the chain said so.
func FreshAddress(ctx context.Context, acct Deriver, tr Tracker, handedOut func(addr string) bool, gapLimit int) (wallet.Address, uint32, error) {
	if gapLimit <= 0 {
		gapLimit = DefaultGapLimit
	}
	unpaid := 0
	for i := uint32(0); i < maxScan; i++ {
		if err := ctx.Err(); err != nil {
			return wallet.Address{}, 0, err
		}
		a, err := acct.Address(false, i)
		if err != nil {
			return wallet.Address{}, 0, fmt.Errorf("deriving receive address %d: %w", i, err)
		}
		st, err := tr.AddressStats(ctx, a.String)
		if err != nil {
			return wallet.Address{}, 0, fmt.Errorf("checking receive address %d for history: %w", i, err)
		}
		if st.Used() {
			unpaid = 0
			continue
		}
		if handedOut != nil && handedOut(a.String) {
			unpaid++
			if unpaid >= gapLimit {
				return wallet.Address{}, 0, fmt.Errorf("%w: %d addresses in a row were shown for withdrawals that never arrived; "+
					"your wallet software stops looking after %d unused addresses. Reuse one of them, or check the exchange's withdrawal history first", ErrGapLimit, unpaid, gapLimit)
			}
			continue
		}
		return a, i, nil
	}
	return wallet.Address{}, 0, fmt.Errorf("%w: no unused address within the first %d", ErrGapLimit, maxScan)
}
