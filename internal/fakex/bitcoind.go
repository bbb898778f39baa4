package fakex

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Bitcoind is a fake Bitcoin Core JSON-RPC server on loopback: HTTP basic
// auth and the real request/response shapes for the read-only methods
// SafeHarbor uses (getblockcount, getblockhash, getblockheader,
// getblockchaininfo, getrawtransaction, scantxoutset). Its chain is an
// Esplora fake's, so a test scripts both backends the same way.
type Bitcoind struct {
	chain      *Esplora
	user, pass string
	srv        *httptest.Server

	mu    sync.Mutex
	calls map[string]int
}

// StartBitcoind serves chain's state over JSON-RPC with the given credentials.
func StartBitcoind(chain *Esplora, user, pass string) *Bitcoind {
	b := &Bitcoind{chain: chain, user: user, pass: pass, calls: map[string]int{}}
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	return b
}

// Host is host:port for rpcclient.ConnConfig.Host.
func (b *Bitcoind) Host() string { return b.srv.Listener.Addr().String() }

// Close stops the server.
func (b *Bitcoind) Close() { b.srv.Close() }

// Calls is how often method was called.
func (b *Bitcoind) Calls(method string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls[method]
}

type rpcErr struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (b *Bitcoind) serve(w http.ResponseWriter, r *http.Request) {
	u, p, ok := r.BasicAuth()
	if !ok || u != b.user || p != b.pass {
		// Core answers a bad login with 401, an empty body and this header.
		w.Header().Set("WWW-Authenticate", `Basic realm="jsonrpc"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "JSONRPC server handles only POST requests", http.StatusMethodNotAllowed)
		return
	}
	var req struct {
		JSONRPC string            `json:"jsonrpc"`
		ID      json.RawMessage   `json:"id"`
		Method  string            `json:"method"`
		Params  []json.RawMessage `json:"params"`
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err := json.Unmarshal(body, &req); err != nil {
		b.reply(w, nil, nil, &rpcErr{-32700, "Parse error"}, http.StatusInternalServerError)
		return
	}
	b.mu.Lock()
	b.calls[req.Method]++
	b.mu.Unlock()
	res, e := b.call(req.Method, req.Params)
	code := http.StatusOK
	if e != nil {
		code = http.StatusInternalServerError
		if e.Code == -32601 {
			code = http.StatusNotFound
		}
	}
	b.reply(w, req.ID, res, e, code)
}

func (b *Bitcoind) reply(w http.ResponseWriter, id json.RawMessage, res any, e *rpcErr, code int) {
	if id == nil {
		id = json.RawMessage("null")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"result": res, "error": e, "id": id})
}

func btc(sats int64) float64 { return math.Round(float64(sats)) / 1e8 }

func (b *Bitcoind) call(method string, params []json.RawMessage) (any, *rpcErr) {
	str := func(i int) (string, bool) {
		if i >= len(params) {
			return "", false
		}
		var s string
		return s, json.Unmarshal(params[i], &s) == nil
	}
	e := b.chain
	e.mu.Lock()
	defer e.mu.Unlock()
	tip := int64(len(e.blocks) - 1)
	switch method {
	case "getblockcount":
		return tip, nil
	case "getblockchaininfo":
		return map[string]any{"chain": "main", "blocks": tip, "headers": tip, "bestblockhash": e.blocks[tip],
			"initialblockdownload": false, "pruned": false, "verificationprogress": 0.9999}, nil
	case "getblockhash":
		var h int64
		if len(params) < 1 || json.Unmarshal(params[0], &h) != nil {
			return nil, &rpcErr{-1, "getblockhash height"}
		}
		if h < 0 || h > tip {
			return nil, &rpcErr{-8, "Block height out of range"}
		}
		return e.blocks[h], nil
	case "getblockheader":
		hash, ok := str(0)
		if !ok {
			return nil, &rpcErr{-1, "getblockheader \"blockhash\" ( verbose )"}
		}
		for h, bh := range e.blocks {
			if bh == hash {
				return map[string]any{"hash": hash, "height": h, "confirmations": tip - int64(h) + 1, "version": 536870912,
					"time": e.blockTime.Unix() + int64(h)*600, "nTx": 1}, nil
			}
		}
		return nil, &rpcErr{-5, "Block not found"}
	case "getrawtransaction":
		id, ok := str(0)
		if !ok || len(id) != 64 {
			return nil, &rpcErr{-8, "parameter 1 must be hexadecimal string"}
		}
		tx, found := e.txs[id]
		if !found {
			return nil, &rpcErr{-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions."}
		}
		out := map[string]any{"txid": id, "hash": id, "version": 2, "size": 222, "vsize": 141, "weight": 561, "locktime": 0,
			"vin": []any{map[string]any{"txid": strings.Repeat("ab", 32), "vout": 0, "sequence": 4294967293}},
			"vout": []any{map[string]any{"value": btc(tx.Value), "n": 0,
				"scriptPubKey": map[string]any{"hex": "0014" + strings.Repeat("11", 20), "address": tx.Address, "type": "witness_v0_keyhash"}}},
		}
		if tx.Height > 0 {
			out["blockhash"] = e.blocks[tx.Height]
			out["confirmations"] = tip - tx.Height + 1
			out["blocktime"] = e.blockTime.Unix() + tx.Height*600
			out["time"] = out["blocktime"]
		}
		return out, nil
	case "scantxoutset":
		action, _ := str(0)
		if action != "start" {
			return nil, &rpcErr{-8, "Invalid action '" + action + "'"}
		}
		var descs []json.RawMessage
		if len(params) < 2 || json.Unmarshal(params[1], &descs) != nil {
			return nil, &rpcErr{-8, "scanobjects argument is required for the start action"}
		}
		unspents := []any{}
		var total int64
		for _, d := range descs {
			var s string
			if json.Unmarshal(d, &s) != nil || !strings.HasPrefix(s, "addr(") || !strings.HasSuffix(s, ")") {
				return nil, &rpcErr{-5, fmt.Sprintf("scantxoutset: unsupported scan object %s", d)}
			}
			addr := s[len("addr(") : len(s)-1]
			if !esploraValidAddr(addr) {
				return nil, &rpcErr{-5, "Invalid address"}
			}
			// Only confirmed outputs: scantxoutset reads the UTXO set, not the mempool.
			for _, id := range e.byAddr[addr] {
				tx := e.txs[id]
				if tx.Height == 0 {
					continue
				}
				total += tx.Value
				unspents = append(unspents, map[string]any{"txid": id, "vout": 0, "scriptPubKey": "0014" + strings.Repeat("11", 20),
					"desc": "addr(" + addr + ")#00000000", "amount": btc(tx.Value), "coinbase": false, "height": tx.Height,
					"blockhash": e.blocks[tx.Height], "confirmations": tip - tx.Height + 1})
			}
		}
		return map[string]any{"success": true, "txouts": 1000, "height": tip, "bestblock": e.blocks[tip],
			"unspents": unspents, "total_amount": btc(total)}, nil
	}
	return nil, &rpcErr{-32601, "Method not found"}
}
