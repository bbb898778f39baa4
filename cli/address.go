package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"safeharbor/wallet"
)

func init() {
	register("address", "check ADDRESS [--network N] [--json]: is it a valid Bitcoin payment address?", runAddress)
}

const addressUsage = "usage: safeharbor address check ADDRESS|- [--network mainnet|testnet|signet|regtest] [--json]"

// addressResult is the JSON shape of 'address check' (SPEC §3).
type addressResult struct {
	Address string `json:"address"`
	Network string `json:"network"`
	Valid   bool   `json:"valid"`
	Type    string `json:"type,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	Grouped string `json:"grouped,omitempty"` // 4-character blocks for comparing on a device
}

func runAddress(env *Env) int {
	if len(env.Args) == 0 || env.Args[0] != "check" {
		return usageError(env, "address", errors.New(addressUsage))
	}
	fs := flag.NewFlagSet("address check", flag.ContinueOnError)
	network := fs.String("network", "mainnet", "mainnet, testnet, signet or regtest")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, env.Args[1:])
	if err != nil {
		return usageError(env, "address", fmt.Errorf("%v; %s", err, addressUsage))
	}
	if len(pos) != 1 {
		return usageError(env, "address", errors.New(addressUsage))
	}
	n, err := wallet.ParseNetwork(*network)
	if err != nil {
		return usageError(env, "address", err)
	}
	input := pos[0]
	if input == "-" {
		if input, err = readLine(env.Stdin); err != nil {
			return usageError(env, "address", err)
		}
	}
	res := addressResult{Network: string(n)}
	a, err := wallet.CheckAddress(input, n)
	if err == nil {
		res.Address, res.Valid, res.Type, res.Grouped = a.String, true, string(a.Type), wallet.Group4(a.String)
	} else {
		res.Reason, res.Message = string(wallet.ReasonOf(err)), err.Error()
		if res.Reason == "" {
			res.Reason = string(wallet.ReasonBadFormat)
		}
		// A pasted private key is never printed back.
		if res.Reason != string(wallet.ReasonPrivateKey) {
			res.Address = input
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(res)
	} else if res.Valid {
		fmt.Fprintf(env.Stdout, "valid %s %s address\n%s\n", res.Network, res.Type, res.Grouped)
		fmt.Fprintln(env.Stdout, "Before sending, compare every block with the address on your hardware wallet's screen.")
	} else {
		fmt.Fprintf(env.Stdout, "NOT a valid %s payment address: %s (%s)\n", res.Network, res.Message, res.Reason)
	}
	if !res.Valid {
		return ExitFailure
	}
	return ExitOK
}

// readLine reads one line (an address, key or descriptor) from r, without
// its line ending; anything else on the line is kept for the checks.
func readLine(r io.Reader) (string, error) {
	if r == nil {
		return "", errors.New("nothing on stdin")
	}
	br := bufio.NewReaderSize(io.LimitReader(r, 64<<10), 4096)
	line, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("reading stdin: %v", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" && err == io.EOF {
		return "", errors.New("nothing on stdin")
	}
	return line, nil
}
