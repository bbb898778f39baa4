package chain

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Esplora is a Tracker over an Esplora HTTP API (mempool.space,
// blockstream.info, a self-hosted electrs).
type Esplora struct {
	base    string
	client  *http.Client
	maxBody int64
}

// DefaultMaxBody bounds a response; an address page of 50+ txs fits easily.
const DefaultMaxBody = 4 << 20

// NewEsplora returns a client for base, e.g. "https://mempool.space" or
// "https://mempool.space/testnet" (the /api prefix is added). Plain http is
// accepted only for loopback hosts. timeout bounds each request.
func NewEsplora(base string, timeout time.Duration) (*Esplora, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("esplora URL %q: want https://host[/prefix]", base)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("esplora URL %q: plain http is only allowed for loopback hosts; use https", base)
	}
	if u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("esplora URL %q: no query or credentials allowed", base)
	}
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	base = strings.TrimSuffix(u.String(), "/api")
	return &Esplora{base: base, client: &http.Client{Timeout: timeout}, maxBody: DefaultMaxBody}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var (
	txidRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
	addrRe = regexp.MustCompile(`^[a-zA-Z0-9]{14,90}$`)
)

func checkAddr(a string) error {
	if !addrRe.MatchString(a) {
		return fmt.Errorf("%w: not a Bitcoin address: %q", ErrBadInput, trunc(a))
	}
	return nil
}

func checkTxID(id string) error {
	if !txidRe.MatchString(id) {
		return fmt.Errorf("%w: not a transaction id (64 lower-case hex digits): %q", ErrBadInput, trunc(id))
	}
	return nil
}

func trunc(s string) string {
	if len(s) > 70 {
		return s[:70] + "..."
	}
	return s
}

// get fetches path and returns the body of a 200; 404 is ErrNotFound, 429 a
// *RateLimitError, anything else a specific error.
func (e *Esplora) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("esplora %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, e.maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("esplora %s: reading body: %w", path, err)
	}
	if int64(len(body)) > e.maxBody {
		return nil, fmt.Errorf("esplora %s: %w: body larger than %d bytes", path, ErrBadResponse, e.maxBody)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return body, nil
	case http.StatusNotFound:
		return nil, fmt.Errorf("esplora %s: %w", path, ErrNotFound)
	case http.StatusTooManyRequests:
		return nil, fmt.Errorf("esplora %s: %w", path, &RateLimitError{RetryAfter: retryAfter(resp.Header.Get("Retry-After"))})
	}
	return nil, fmt.Errorf("esplora %s: HTTP %d: %s", path, resp.StatusCode, snippet(body))
}

// retryAfter parses seconds or an HTTP date; default 5s, capped at 10 min.
func retryAfter(v string) time.Duration {
	d := 5 * time.Second
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	}
	return min(max(d, time.Second), 10*time.Minute)
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return strconv.Quote(s)
}

// Tip implements Tracker.
func (e *Esplora) Tip(ctx context.Context) (int64, error) {
	b, err := e.get(ctx, "/api/blocks/tip/height")
	if err != nil {
		return 0, err
	}
	return ParseTipHeight(b)
}

// ParseTipHeight parses /api/blocks/tip/height: a bare decimal number.
func ParseTipHeight(b []byte) (int64, error) {
	s := strings.TrimSpace(string(b))
	h, err := strconv.ParseInt(s, 10, 64)
	if err != nil || h < 0 || h > 100_000_000 {
		return 0, fmt.Errorf("%w: tip height %s is not a block height", ErrBadResponse, snippet(b))
	}
	return h, nil
}

// TxStatus implements Tracker.
func (e *Esplora) TxStatus(ctx context.Context, txid string) (TxStatus, error) {
	if err := checkTxID(txid); err != nil {
		return TxStatus{}, err
	}
	b, err := e.get(ctx, "/api/tx/"+txid+"/status")
	if err != nil {
		return TxStatus{}, err
	}
	return ParseTxStatus(b)
}

// ParseTxStatus parses /api/tx/{txid}/status.
func ParseTxStatus(b []byte) (TxStatus, error) {
	if !gjson.ValidBytes(b) {
		return TxStatus{}, fmt.Errorf("%w: tx status is not JSON: %s", ErrBadResponse, snippet(b))
	}
	return parseStatus(gjson.ParseBytes(b))
}

func parseStatus(r gjson.Result) (TxStatus, error) {
	if !r.IsObject() {
		return TxStatus{}, fmt.Errorf("%w: tx status is not an object", ErrBadResponse)
	}
	c := r.Get("confirmed")
	if c.Type != gjson.True && c.Type != gjson.False {
		return TxStatus{}, fmt.Errorf("%w: tx status without a boolean \"confirmed\"", ErrBadResponse)
	}
	if !c.Bool() {
		return TxStatus{}, nil
	}
	h, hash := r.Get("block_height"), r.Get("block_hash")
	if h.Type != gjson.Number || h.Int() <= 0 || float64(h.Int()) != h.Num {
		return TxStatus{}, fmt.Errorf("%w: confirmed tx without a valid block_height", ErrBadResponse)
	}
	if hash.Type != gjson.String || !txidRe.MatchString(hash.Str) {
		return TxStatus{}, fmt.Errorf("%w: confirmed tx without a valid block_hash", ErrBadResponse)
	}
	return TxStatus{Confirmed: true, BlockHeight: h.Int(), BlockHash: hash.Str}, nil
}

// AddressTxs implements Tracker: the first page (mempool plus up to 25-50
// confirmed, newest first), which is all a fresh address needs.
func (e *Esplora) AddressTxs(ctx context.Context, addr string) ([]Tx, error) {
	if err := checkAddr(addr); err != nil {
		return nil, err
	}
	b, err := e.get(ctx, "/api/address/"+addr+"/txs")
	if err != nil {
		return nil, err
	}
	return ParseAddressTxs(b, addr)
}

// ParseAddressTxs parses /api/address/{addr}/txs; Value sums the outputs paying addr.
func ParseAddressTxs(b []byte, addr string) ([]Tx, error) {
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("%w: address txs are not JSON: %s", ErrBadResponse, snippet(b))
	}
	r := gjson.ParseBytes(b)
	if !r.IsArray() {
		return nil, fmt.Errorf("%w: address txs are not a list", ErrBadResponse)
	}
	var out []Tx
	var perr error
	r.ForEach(func(_, t gjson.Result) bool {
		id := t.Get("txid")
		if id.Type != gjson.String || !txidRe.MatchString(id.Str) {
			perr = fmt.Errorf("%w: transaction without a valid txid", ErrBadResponse)
			return false
		}
		st, err := parseStatus(t.Get("status"))
		if err != nil {
			perr = fmt.Errorf("tx %s: %w", id.Str, err)
			return false
		}
		vout := t.Get("vout")
		if !vout.IsArray() {
			perr = fmt.Errorf("%w: tx %s without vout", ErrBadResponse, id.Str)
			return false
		}
		var sum int64
		vout.ForEach(func(_, o gjson.Result) bool {
			if o.Get("scriptpubkey_address").Str != addr {
				return true
			}
			v := o.Get("value")
			if v.Type != gjson.Number || v.Int() < 0 || float64(v.Int()) != v.Num || v.Int() > 21e14 {
				perr = fmt.Errorf("%w: tx %s has an invalid output value", ErrBadResponse, id.Str)
				return false
			}
			sum += v.Int()
			return true
		})
		if perr != nil {
			return false
		}
		out = append(out, Tx{TxID: id.Str, Value: sum, Status: st})
		return true
	})
	if perr != nil {
		return nil, perr
	}
	return out, nil
}

// AddressStats implements Tracker.
func (e *Esplora) AddressStats(ctx context.Context, addr string) (Stats, error) {
	if err := checkAddr(addr); err != nil {
		return Stats{}, err
	}
	b, err := e.get(ctx, "/api/address/"+addr)
	if err != nil {
		return Stats{}, err
	}
	return ParseAddressStats(b)
}

// ParseAddressStats parses /api/address/{addr}.
func ParseAddressStats(b []byte) (Stats, error) {
	if !gjson.ValidBytes(b) {
		return Stats{}, fmt.Errorf("%w: address stats are not JSON: %s", ErrBadResponse, snippet(b))
	}
	r := gjson.ParseBytes(b)
	num := func(path string) (int64, error) {
		v := r.Get(path)
		if v.Type != gjson.Number || v.Int() < 0 || float64(v.Int()) != v.Num {
			return 0, fmt.Errorf("%w: address stats without a valid %s", ErrBadResponse, path)
		}
		return v.Int(), nil
	}
	var s Stats
	var err error
	for _, f := range []struct {
		path string
		dst  *int64
	}{
		{"chain_stats.tx_count", &s.TxCount},
		{"mempool_stats.tx_count", &s.MempoolTxCount},
		{"chain_stats.funded_txo_sum", &s.Received},
		{"mempool_stats.funded_txo_sum", &s.MempoolRecv},
	} {
		if *f.dst, err = num(f.path); err != nil {
			return Stats{}, err
		}
	}
	return s, nil
}
