package wallet

import (
	"fmt"
	"strings"

	"github.com/btcsuite/btcd/chaincfg/v2"
)

// Network is a Bitcoin network a user can choose (SPEC §3 --network).
type Network string

// The networks SafeHarbor knows. testnet covers testnet3 and testnet4:
// their addresses and key versions are identical.
const (
	Mainnet Network = "mainnet"
	Testnet Network = "testnet"
	Signet  Network = "signet"
	Regtest Network = "regtest"
)

// Networks lists every Network, mainnet first.
var Networks = []Network{Mainnet, Testnet, Signet, Regtest}

// ParseNetwork accepts a network name as typed on the command line; ""
// means mainnet. Common aliases (bitcoin, main, testnet3, testnet4, test)
// are accepted.
func ParseNetwork(s string) (Network, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "mainnet", "main", "bitcoin", "btc":
		return Mainnet, nil
	case "testnet", "test", "testnet3", "testnet4":
		return Testnet, nil
	case "signet":
		return Signet, nil
	case "regtest":
		return Regtest, nil
	}
	return "", fmt.Errorf("unknown network %q: use mainnet, testnet, signet or regtest", s)
}

// Valid reports whether n is one of Networks.
func (n Network) Valid() bool {
	switch n {
	case Mainnet, Testnet, Signet, Regtest:
		return true
	}
	return false
}

// String returns the network's name.
func (n Network) String() string { return string(n) }

// Params returns btcd's chain parameters for n; an unknown Network gets
// mainnet's, so callers should validate with ParseNetwork first.
func (n Network) Params() *chaincfg.Params {
	switch n {
	case Testnet:
		return &chaincfg.TestNet3Params
	case Signet:
		return &chaincfg.SigNetParams
	case Regtest:
		return &chaincfg.RegressionNetParams
	}
	return &chaincfg.MainNetParams
}

// hrp is the bech32 human-readable part of n's segwit addresses.
func (n Network) hrp() string { return n.Params().Bech32HRPSegwit }

// isTest reports whether n uses the test version bytes (tpub, m/n/2 addresses).
func (n Network) isTest() bool { return n != Mainnet }

// networksForHRP names the networks a bech32 prefix belongs to, for messages.
func networksForHRP(hrp string) string {
	switch hrp {
	case "bc":
		return "mainnet"
	case "tb":
		return "testnet/signet"
	case "bcrt":
		return "regtest"
	}
	return ""
}
