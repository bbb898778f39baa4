package chain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/btcsuite/btcd/btcjson"
	"github.com/btcsuite/btcd/rpcclient"
	"github.com/tidwall/gjson"
)

// CoreRPC is a Tracker over the user's own Bitcoin Core node, without
// importing anything into a wallet (Core's wallet RPCs such as
// listreceivedbyaddress only know addresses the wallet owns):
//
//   - Tip: getblockcount.
//   - TxStatus: getrawtransaction TXID true, then getblockheader for the
//     height. Core finds mempool transactions always, confirmed ones only
//     with -txindex=1; without it a confirmed tx reads as not found, so
//     follow payments through AddressTxs (Poll does when a tx vanishes).
//   - AddressTxs, AddressStats: scantxoutset "addr(ADDRESS)", which reads
//     the UTXO set: confirmed, unspent outputs only. A payment shows up at
//     its first confirmation, not in the mempool, and an address whose
//     coins were already spent looks unused (FreshAddress could then offer
//     it again: address reuse, a privacy cost, never a loss of funds).
//     Scans take a while on mainnet and Core runs one at a time, so they
//     are serialised here.
type CoreRPC struct {
	c       *rpcclient.Client
	timeout time.Duration
	scan    sync.Mutex
}

// NewCoreRPC connects to Core's RPC at host ("127.0.0.1:8332"). The
// password comes from the vault (keyring:wallet/rpc), never the config.
// Core's RPC is plain HTTP, so only loopback hosts are accepted (reach a
// remote node through an SSH tunnel). timeout bounds each call.
func NewCoreRPC(host, user, pass string, timeout time.Duration) (*CoreRPC, error) {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		return nil, fmt.Errorf("bitcoin core rpc %q: want host:port, e.g. 127.0.0.1:8332", host)
	}
	if !isLoopback(h) {
		return nil, fmt.Errorf("bitcoin core rpc %q: its RPC is unencrypted, so only a loopback host is allowed; use an SSH tunnel for a remote node", host)
	}
	if user == "" || pass == "" {
		return nil, errors.New("bitcoin core rpc: rpc_user in the config and the password in the keyring (safeharbor secrets set wallet/rpc) are both needed")
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	c, err := rpcclient.New(&rpcclient.ConnConfig{Host: host, User: user, Pass: pass, HTTPPostMode: true, DisableTLS: true}, nil)
	if err != nil {
		return nil, fmt.Errorf("bitcoin core rpc %s: %w", host, err)
	}
	return &CoreRPC{c: c, timeout: timeout}, nil
}

// Close stops the client's goroutines.
func (r *CoreRPC) Close() {
	r.c.Shutdown()
	r.c.WaitForShutdown()
}

// call sends one request, bounded by ctx and the timeout. rpcclient has no
// context: on timeout its request is abandoned and ends on its own (its
// retries are bounded) or at Close.
func (r *CoreRPC) call(ctx context.Context, method string, params ...any) (json.RawMessage, error) {
	raw := make([]json.RawMessage, len(params))
	for i, p := range params {
		b, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		raw[i] = b
	}
	fut := r.c.RawRequestAsync(method, raw)
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	type result struct {
		b   json.RawMessage
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := fut.Receive()
		done <- result{b, err}
	}()
	select {
	case res := <-done:
		if res.err != nil {
			var re *btcjson.RPCError
			if errors.As(res.err, &re) && re.Code == btcjson.ErrRPCInvalidAddressOrKey && strings.Contains(re.Message, "No such") {
				return nil, fmt.Errorf("bitcoin core %s: %w", method, ErrNotFound)
			}
			if strings.Contains(res.err.Error(), "status code: 401") {
				return nil, fmt.Errorf("bitcoin core %s: login refused: check rpc_user and the keyring's wallet/rpc password", method)
			}
			return nil, fmt.Errorf("bitcoin core %s: %w", method, res.err)
		}
		return res.b, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("bitcoin core %s: %w", method, ctx.Err())
	}
}

// Tip implements Tracker.
func (r *CoreRPC) Tip(ctx context.Context) (int64, error) {
	b, err := r.call(ctx, "getblockcount")
	if err != nil {
		return 0, err
	}
	return ParseTipHeight(b)
}

// TxStatus implements Tracker.
func (r *CoreRPC) TxStatus(ctx context.Context, txid string) (TxStatus, error) {
	if err := checkTxID(txid); err != nil {
		return TxStatus{}, err
	}
	b, err := r.call(ctx, "getrawtransaction", txid, true)
	if err != nil {
		return TxStatus{}, err
	}
	if !gjson.ValidBytes(b) {
		return TxStatus{}, fmt.Errorf("%w: getrawtransaction: not JSON", ErrBadResponse)
	}
	t := gjson.ParseBytes(b)
	if t.Get("txid").Str != txid {
		return TxStatus{}, fmt.Errorf("%w: getrawtransaction answered for another transaction", ErrBadResponse)
	}
	hash := t.Get("blockhash")
	if !hash.Exists() || t.Get("confirmations").Int() <= 0 {
		return TxStatus{}, nil // in the mempool
	}
	if hash.Type != gjson.String || !txidRe.MatchString(hash.Str) {
		return TxStatus{}, fmt.Errorf("%w: getrawtransaction: invalid blockhash", ErrBadResponse)
	}
	hb, err := r.call(ctx, "getblockheader", hash.Str, true)
	if err != nil {
		return TxStatus{}, err
	}
	h := gjson.GetBytes(hb, "height")
	c := gjson.GetBytes(hb, "confirmations")
	if !gjson.ValidBytes(hb) || h.Type != gjson.Number || h.Int() <= 0 || c.Type != gjson.Number {
		return TxStatus{}, fmt.Errorf("%w: getblockheader: no height", ErrBadResponse)
	}
	if c.Int() < 0 {
		return TxStatus{}, nil // its block left the main chain
	}
	return TxStatus{Confirmed: true, BlockHeight: h.Int(), BlockHash: hash.Str}, nil
}

// scanAddr runs scantxoutset for one address and returns its confirmed
// unspent outputs grouped by transaction.
func (r *CoreRPC) scanAddr(ctx context.Context, addr string) ([]Tx, int64, error) {
	if err := checkAddr(addr); err != nil {
		return nil, 0, err
	}
	r.scan.Lock()
	defer r.scan.Unlock()
	b, err := r.call(ctx, "scantxoutset", "start", []string{"addr(" + addr + ")"})
	if err != nil {
		return nil, 0, err
	}
	txs, total, err := ParseScanTxOutSet(b)
	if err != nil {
		return nil, 0, err
	}
	for i := range txs {
		hb, err := r.call(ctx, "getblockhash", txs[i].Status.BlockHeight)
		if err != nil {
			return nil, 0, err
		}
		var hash string
		if json.Unmarshal(hb, &hash) != nil || !txidRe.MatchString(hash) {
			return nil, 0, fmt.Errorf("%w: getblockhash: not a block hash", ErrBadResponse)
		}
		txs[i].Status.BlockHash = hash
	}
	return txs, total, nil
}

// ParseScanTxOutSet parses scantxoutset's result: confirmed outputs by
// transaction (Status.BlockHash left empty) and the total in satoshis.
func ParseScanTxOutSet(b []byte) ([]Tx, int64, error) {
	if !gjson.ValidBytes(b) {
		return nil, 0, fmt.Errorf("%w: scantxoutset: not JSON", ErrBadResponse)
	}
	r := gjson.ParseBytes(b)
	if r.Get("success").Type != gjson.True {
		return nil, 0, fmt.Errorf("%w: scantxoutset did not complete (success is not true)", ErrBadResponse)
	}
	us := r.Get("unspents")
	if !us.IsArray() {
		return nil, 0, fmt.Errorf("%w: scantxoutset without unspents", ErrBadResponse)
	}
	byID := map[string]int{}
	var out []Tx
	var total int64
	var perr error
	us.ForEach(func(_, u gjson.Result) bool {
		id, h, amt := u.Get("txid"), u.Get("height"), u.Get("amount")
		if id.Type != gjson.String || !txidRe.MatchString(id.Str) || h.Type != gjson.Number || h.Int() <= 0 ||
			amt.Type != gjson.Number || amt.Num < 0 || amt.Num > 21e6 {
			perr = fmt.Errorf("%w: scantxoutset: invalid unspent output", ErrBadResponse)
			return false
		}
		sats := int64(math.Round(amt.Num * 1e8))
		total += sats
		if i, ok := byID[id.Str]; ok {
			out[i].Value += sats
			return true
		}
		byID[id.Str] = len(out)
		out = append(out, Tx{TxID: id.Str, Value: sats, Status: TxStatus{Confirmed: true, BlockHeight: h.Int()}})
		return true
	})
	if perr != nil {
		return nil, 0, perr
	}
	return out, total, nil
}

// AddressTxs implements Tracker (confirmed, unspent payments only).
func (r *CoreRPC) AddressTxs(ctx context.Context, addr string) ([]Tx, error) {
	txs, _, err := r.scanAddr(ctx, addr)
	return txs, err
}

// AddressStats implements Tracker (confirmed, unspent outputs only).
func (r *CoreRPC) AddressStats(ctx context.Context, addr string) (Stats, error) {
	txs, total, err := r.scanAddr(ctx, addr)
	if err != nil {
		return Stats{}, err
	}
	return Stats{TxCount: int64(len(txs)), Received: total}, nil
}
