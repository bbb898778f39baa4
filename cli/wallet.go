package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"safeharbor/wallet"
)

func init() {
	register("wallet", "derive KEY_OR_DESCRIPTOR|- [--network N] [--from I] [--count N] [--change] [--script T] [--json]: cold-wallet addresses", runWallet)
}

const walletUsage = "usage: safeharbor wallet derive - [--network N] [--from I] [--count N] [--change] [--script p2pkh|p2sh-p2wpkh|p2wpkh|p2tr] [--json]\n" +
	"  '-' reads the account key (xpub/zpub/tpub/...) or descriptor from stdin, which keeps it out of shell history"

// maxDeriveCount bounds one 'wallet derive' call.
const maxDeriveCount = 100_000

type derivedJSON struct {
	Index   uint32 `json:"index"`
	Address string `json:"address"`
	Path    string `json:"path"` // relative to the account key, e.g. 0/5
}

type deriveResult struct {
	Account   string        `json:"account"` // non-secret account id
	Network   string        `json:"network"`
	Script    string        `json:"script"`
	Change    bool          `json:"change"`
	Addresses []derivedJSON `json:"addresses"`
}

func runWallet(env *Env) int {
	if len(env.Args) == 0 || env.Args[0] != "derive" {
		return usageError(env, "wallet", errors.New(walletUsage))
	}
	fs := flag.NewFlagSet("wallet derive", flag.ContinueOnError)
	network := fs.String("network", "mainnet", "mainnet, testnet, signet or regtest")
	from := fs.Uint("from", 0, "first address index")
	count := fs.Uint("count", 10, "how many addresses")
	change := fs.Bool("change", false, "derive change addresses (chain 1) instead of receive (chain 0)")
	script := fs.String("script", "", "script type for a plain xpub/tpub: p2pkh, p2sh-p2wpkh, p2wpkh or p2tr")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, env.Args[1:])
	if err != nil {
		return usageError(env, "wallet", fmt.Errorf("%v; %s", err, walletUsage))
	}
	if len(pos) != 1 {
		// Never echo what was given: it may be a key.
		return usageError(env, "wallet", errors.New(walletUsage))
	}
	n, err := wallet.ParseNetwork(*network)
	if err != nil {
		return usageError(env, "wallet", err)
	}
	var hint wallet.ScriptType
	if *script != "" {
		if hint, err = wallet.ParseScriptType(*script); err != nil {
			return usageError(env, "wallet", err)
		}
	}
	if *count == 0 || *count > maxDeriveCount {
		return usageError(env, "wallet", fmt.Errorf("--count must be 1 to %d", maxDeriveCount))
	}
	if *from >= 1<<31 || uint64(*from)+uint64(*count) > 1<<31 {
		return usageError(env, "wallet", errors.New("--from/--count go past the last non-hardened index 2147483647"))
	}
	input := pos[0]
	if input == "-" {
		if input, err = readLine(env.Stdin); err != nil {
			return usageError(env, "wallet", err)
		}
	} else {
		fmt.Fprintln(env.Stderr, "safeharbor wallet: note: a key on the command line lands in shell history and process lists; prefer 'wallet derive -' and paste it on stdin")
	}
	acc, err := wallet.ParseAccount(input, n, hint)
	switch {
	case errors.Is(err, wallet.ErrNeedScriptType):
		return usageError(env, "wallet", fmt.Errorf("%v (add --script p2pkh|p2sh-p2wpkh|p2wpkh|p2tr)", err))
	case err != nil:
		fmt.Fprintf(env.Stderr, "safeharbor wallet: %v\n", err)
		return ExitFailure
	}
	addrs, err := acc.Addresses(*change, uint32(*from), uint32(*count))
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor wallet: %v\n", err)
		return ExitFailure
	}
	if *asJSON {
		res := deriveResult{Account: acc.ID(), Network: string(n), Script: string(acc.ScriptType()), Change: *change, Addresses: make([]derivedJSON, len(addrs))}
		for i, a := range addrs {
			idx := uint32(*from) + uint32(i)
			res.Addresses[i] = derivedJSON{Index: idx, Address: a.String, Path: acc.Path(*change, idx)}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(res)
		return ExitOK
	}
	var b strings.Builder
	for i, a := range addrs {
		fmt.Fprintf(&b, "%d %s\n", uint32(*from)+uint32(i), a.String)
	}
	fmt.Fprint(env.Stdout, b.String())
	return ExitOK
}
