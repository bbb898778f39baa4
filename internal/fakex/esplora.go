package fakex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Esplora is a fake Esplora HTTP API (mempool.space, blockstream.info) on
// loopback with the real response shapes, scriptable from tests: pay an
// address (mempool), mine blocks, reorg, drop transactions, and transport
// faults (429 with Retry-After, 5xx, garbage, hangs, huge bodies).
type Esplora struct {
	srv *httptest.Server

	mu         sync.Mutex
	blocks     []string // block hash by height; blocks[0] is genesis
	blockTime  time.Time
	txs        map[string]*EsploraTx
	byAddr     map[string][]string // address -> txids, oldest first
	seq        int
	fault      Fault
	faultLeft  int // >0: the fault applies to this many more requests, then clears
	retryAfter time.Duration
	hits       map[string]int
	done       chan struct{}
}

// EsploraTx is one fake transaction paying one address.
type EsploraTx struct {
	TxID    string
	Address string
	Value   int64 // satoshis
	Height  int64 // 0 while in the mempool
}

// StartEsplora serves a fake Esplora with a chain of height tip.
func StartEsplora(tip int64) *Esplora {
	e := &Esplora{txs: map[string]*EsploraTx{}, byAddr: map[string][]string{}, hits: map[string]int{}, done: make(chan struct{}),
		blockTime: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	for h := int64(0); h <= tip; h++ {
		e.blocks = append(e.blocks, e.newHashLocked())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/blocks/tip/height", e.tipHeight)
	mux.HandleFunc("GET /api/blocks/tip/hash", e.tipHash)
	mux.HandleFunc("GET /api/block-height/{h}", e.blockAtHeight)
	mux.HandleFunc("GET /api/address/{a}", e.address)
	mux.HandleFunc("GET /api/address/{a}/txs", e.addressTxs)
	mux.HandleFunc("GET /api/tx/{txid}/status", e.txStatus)
	mux.HandleFunc("GET /api/tx/{txid}", e.tx)
	e.srv = httptest.NewServer(e.faults(mux))
	return e
}

// URL is the API base to configure (the /api prefix is part of the paths).
func (e *Esplora) URL() string { return e.srv.URL }

// Close stops the server, releasing hung requests.
func (e *Esplora) Close() {
	close(e.done)
	e.srv.CloseClientConnections()
	e.srv.Close()
}

// SetFault applies f to every request until changed (NoFault clears it).
func (e *Esplora) SetFault(f Fault) { e.FailNext(f, 0) }

// FailNext applies f to the next n requests only (n <= 0: until changed).
func (e *Esplora) FailNext(f Fault, n int) {
	e.mu.Lock()
	e.fault, e.faultLeft = f, n
	e.mu.Unlock()
}

// SetRetryAfter sets the Retry-After of RateLimit responses (default 2s).
func (e *Esplora) SetRetryAfter(d time.Duration) {
	e.mu.Lock()
	e.retryAfter = d
	e.mu.Unlock()
}

// Hits is the number of requests to a path ("/api/blocks/tip/height").
func (e *Esplora) Hits(path string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hits[path]
}

// Requests is the total number of requests served.
func (e *Esplora) Requests() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, v := range e.hits {
		n += v
	}
	return n
}

// Tip is the current height.
func (e *Esplora) Tip() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return int64(len(e.blocks) - 1)
}

func (e *Esplora) newHashLocked() string {
	e.seq++
	h := sha256.Sum256([]byte("block" + strconv.Itoa(e.seq)))
	return hex.EncodeToString(h[:])
}

// Pay puts a transaction paying sats to addr into the mempool and returns its txid.
func (e *Esplora) Pay(addr string, sats int64) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seq++
	h := sha256.Sum256([]byte("tx" + strconv.Itoa(e.seq) + addr))
	id := hex.EncodeToString(h[:])
	e.txs[id] = &EsploraTx{TxID: id, Address: addr, Value: sats}
	e.byAddr[addr] = append(e.byAddr[addr], id)
	return id
}

// PayConfirmed pays addr in a new block (for address history in scans).
func (e *Esplora) PayConfirmed(addr string, sats int64) string {
	id := e.Pay(addr, sats)
	e.Mine(1)
	return id
}

// Mine adds n blocks; the first one confirms everything in the mempool.
func (e *Esplora) Mine(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range n {
		e.blocks = append(e.blocks, e.newHashLocked())
		if i == 0 {
			h := int64(len(e.blocks) - 1)
			for _, tx := range e.txs {
				if tx.Height == 0 {
					tx.Height = h
				}
			}
		}
	}
}

// Reorg replaces the last depth blocks with new ones of the same heights.
// With keep, transactions in them are re-mined at the first replaced height
// (same height, new block hash); without, they fall back to the mempool.
func (e *Esplora) Reorg(depth int, keep bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if depth <= 0 || depth >= len(e.blocks) {
		return
	}
	from := int64(len(e.blocks) - depth)
	for h := from; h < int64(len(e.blocks)); h++ {
		e.blocks[h] = e.newHashLocked()
	}
	for _, tx := range e.txs {
		if tx.Height >= from {
			if keep {
				tx.Height = from
			} else {
				tx.Height = 0
			}
		}
	}
}

// Drop removes a transaction entirely (evicted, replaced by fee, or reorged out for good).
func (e *Esplora) Drop(txid string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	tx, ok := e.txs[txid]
	if !ok {
		return
	}
	delete(e.txs, txid)
	ids := e.byAddr[tx.Address]
	for i, id := range ids {
		if id == txid {
			e.byAddr[tx.Address] = append(ids[:i:i], ids[i+1:]...)
			break
		}
	}
}

func (e *Esplora) faults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.hits[r.URL.Path]++
		f, ra := e.fault, e.retryAfter
		if e.faultLeft > 0 {
			e.faultLeft--
			if e.faultLeft == 0 {
				e.fault = NoFault
			}
		}
		e.mu.Unlock()
		switch f {
		case NoFault:
			next.ServeHTTP(w, r)
		case HTTP500:
			http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		case HTTP503:
			http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
		case RateLimit:
			if ra <= 0 {
				ra = 2 * time.Second
			}
			w.Header().Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		case Hang:
			select {
			case <-r.Context().Done():
			case <-e.done:
			}
		case HTMLError:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		case Malformed:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"chain_stats": {"tx_count": 1,, ]`)
		case Truncated:
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			b := rec.Body.Bytes()
			// Promise the whole body, send half, hang up: a cut connection.
			w.Header().Set("Content-Length", strconv.Itoa(len(b)))
			w.WriteHeader(rec.Code)
			w.Write(b[:len(b)/2])
		case HugeBody:
			w.Header().Set("Content-Type", "application/json")
			chunk := []byte(strings.Repeat(`{"txid":"00"},`, 4096))
			w.Write([]byte("["))
			for range 1 << 14 { // ~900 MB if the client keeps reading
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case SlowBody:
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.WriteHeader(rec.Code)
			fl, _ := w.(http.Flusher)
			for _, c := range rec.Body.Bytes() {
				w.Write([]byte{c})
				if fl != nil {
					fl.Flush()
				}
				select {
				case <-r.Context().Done():
					return
				case <-e.done:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		default:
			http.Error(w, "fault "+string(f)+" not supported by fake esplora", http.StatusInternalServerError)
		}
	})
}

func esploraText(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprint(w, s)
}

func esploraJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (e *Esplora) tipHeight(w http.ResponseWriter, r *http.Request) {
	esploraText(w, strconv.FormatInt(e.Tip(), 10))
}

func (e *Esplora) tipHash(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	h := e.blocks[len(e.blocks)-1]
	e.mu.Unlock()
	esploraText(w, h)
}

func (e *Esplora) blockAtHeight(w http.ResponseWriter, r *http.Request) {
	h, err := strconv.ParseInt(r.PathValue("h"), 10, 64)
	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil || h < 0 || h >= int64(len(e.blocks)) {
		http.Error(w, "Block not found", http.StatusNotFound)
		return
	}
	esploraText(w, e.blocks[h])
}

// esploraValidAddr is the fake's stand-in for Esplora's address parsing (400 on garbage).
func esploraValidAddr(a string) bool {
	if len(a) < 14 || len(a) > 90 {
		return false
	}
	for _, c := range a {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

type esploraStats struct {
	FundedTxoCount int   `json:"funded_txo_count"`
	FundedTxoSum   int64 `json:"funded_txo_sum"`
	SpentTxoCount  int   `json:"spent_txo_count"`
	SpentTxoSum    int64 `json:"spent_txo_sum"`
	TxCount        int   `json:"tx_count"`
}

func (e *Esplora) address(w http.ResponseWriter, r *http.Request) {
	a := r.PathValue("a")
	if !esploraValidAddr(a) {
		http.Error(w, "Invalid Bitcoin address", http.StatusBadRequest)
		return
	}
	e.mu.Lock()
	var chain, mem esploraStats
	for _, id := range e.byAddr[a] {
		tx := e.txs[id]
		s := &mem
		if tx.Height > 0 {
			s = &chain
		}
		s.FundedTxoCount++
		s.FundedTxoSum += tx.Value
		s.TxCount++
	}
	e.mu.Unlock()
	esploraJSON(w, map[string]any{"address": a, "chain_stats": chain, "mempool_stats": mem})
}

func (e *Esplora) statusLocked(tx *EsploraTx) map[string]any {
	if tx.Height == 0 {
		return map[string]any{"confirmed": false}
	}
	return map[string]any{"confirmed": true, "block_height": tx.Height, "block_hash": e.blocks[tx.Height],
		"block_time": e.blockTime.Add(time.Duration(tx.Height) * 10 * time.Minute).Unix()}
}

func (e *Esplora) txJSONLocked(tx *EsploraTx) map[string]any {
	return map[string]any{
		"txid": tx.TxID, "version": 2, "locktime": 0, "size": 222, "weight": 561, "fee": 1410,
		"vin": []map[string]any{{"txid": strings.Repeat("ab", 32), "vout": 0, "is_coinbase": false, "sequence": 4294967293,
			"prevout": map[string]any{"scriptpubkey_type": "v0_p2wpkh", "scriptpubkey_address": "bc1qexchangehotwallet0000000000000000000", "value": tx.Value + 100000}}},
		"vout": []map[string]any{
			{"scriptpubkey": "0014" + strings.Repeat("11", 20), "scriptpubkey_asm": "OP_0 OP_PUSHBYTES_20 " + strings.Repeat("11", 20),
				"scriptpubkey_type": "v0_p2wpkh", "scriptpubkey_address": tx.Address, "value": tx.Value},
			{"scriptpubkey": "0014" + strings.Repeat("22", 20), "scriptpubkey_type": "v0_p2wpkh",
				"scriptpubkey_address": "bc1qexchangechange00000000000000000000000", "value": 100000 - 1410},
		},
		"status": e.statusLocked(tx),
	}
}

func (e *Esplora) addressTxs(w http.ResponseWriter, r *http.Request) {
	a := r.PathValue("a")
	if !esploraValidAddr(a) {
		http.Error(w, "Invalid Bitcoin address", http.StatusBadRequest)
		return
	}
	e.mu.Lock()
	ids := e.byAddr[a]
	// Esplora lists mempool transactions first, then confirmed, newest first.
	out := []map[string]any{}
	for pass := 0; pass < 2; pass++ {
		for i := len(ids) - 1; i >= 0; i-- {
			tx := e.txs[ids[i]]
			if (pass == 0) == (tx.Height == 0) {
				out = append(out, e.txJSONLocked(tx))
			}
		}
	}
	e.mu.Unlock()
	esploraJSON(w, out)
}

func (e *Esplora) lookup(w http.ResponseWriter, r *http.Request) (*EsploraTx, bool) {
	id := r.PathValue("txid")
	if len(id) != 64 {
		http.Error(w, "Invalid hex string", http.StatusBadRequest)
		return nil, false
	}
	tx, ok := e.txs[id]
	if !ok {
		http.Error(w, "Transaction not found", http.StatusNotFound)
	}
	return tx, ok
}

func (e *Esplora) txStatus(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if tx, ok := e.lookup(w, r); ok {
		esploraJSON(w, e.statusLocked(tx))
	}
}

func (e *Esplora) tx(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if tx, ok := e.lookup(w, r); ok {
		esploraJSON(w, e.txJSONLocked(tx))
	}
}
