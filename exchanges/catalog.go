package exchanges

import (
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Off is the override value that disables a signal (SPEC §5).
const Off = "off"

// Endpoints are the base URLs an adapter builds its requests from. A base
// is scheme+host(+path prefix); request paths stay the exchange's real ones.
// An empty value means the exchange has no such signal; Off disables it.
type Endpoints struct {
	API        string // REST base, e.g. https://api.bitbank.cc
	Public     string // public REST base where it differs (bitbank: https://public.bitbank.cc)
	StatusPage string // Statuspage base, e.g. https://status.kraken.com
	WS         string // full websocket URL including path and query
}

// Override returns e with every non-empty field of o replacing e's.
func (e Endpoints) Override(o Endpoints) Endpoints {
	if o.API != "" {
		e.API = o.API
	}
	if o.Public != "" {
		e.Public = o.Public
	}
	if o.StatusPage != "" {
		e.StatusPage = o.StatusPage
	}
	if o.WS != "" {
		e.WS = o.WS
	}
	return e
}

// Enabled reports whether a base URL is set and not switched off.
func Enabled(base string) bool { return base != "" && base != Off }

// Join appends a real request path to a base URL override.
func Join(base, path string) string { return strings.TrimRight(base, "/") + path }

// Target is what the user asked to watch on one exchange.
type Target struct {
	Endpoints Endpoints
	Pairs     []string // pairs this user trades; may be empty
}

// Response is what the engine hands a probe's parser.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// ErrNotStatus is returned (wrapped) by parsers for a body that is not the
// expected status document: malformed or truncated JSON, wrong shape, an
// HTML error page. The engine treats it as "no usable signal", never as
// operational.
var ErrNotStatus = errors.New("not a status response")

// Probe is one HTTP status check.
type Probe struct {
	Name   string // short and stable, e.g. "spot/status", "summary.json"
	Source string // SourceREST or SourceStatusPage
	URL    string
	// MinInterval is the documented rate limit for this endpoint (OKX: 5 s);
	// the engine never polls faster. Zero means no documented limit.
	MinInterval time.Duration
	// Parse turns a response into an observation. It is called for every
	// HTTP status code (some exchanges send a maintenance envelope with a
	// 5xx); it returns an error wrapping ErrNotStatus for anything it does
	// not recognise.
	Parse func(Response) (Observation, error)
}

// Framing of a websocket feed.
type Framing int

const (
	RawFrames Framing = iota // each text frame is one JSON message
	SocketIO                 // Socket.IO v4 over Engine.IO v4 (bitbank)
)

// FeedEvent is what a feed's handler makes of one incoming message.
type FeedEvent struct {
	Alive       bool         // data or heartbeat: the feed is live
	Observation *Observation // a status push (Kraken status, Binance serverShutdown, Bitfinex 20060, ...)
	Reconnect   bool         // the server asked for a reconnect (bts:request_reconnect, 20051, serverShutdown)
	Reply       []byte       // a message to send back at once (e.g. a pong to an application ping)
}

// Feed describes an exchange's public websocket as a liveness and status signal.
type Feed struct {
	URL     string
	Framing Framing
	// Subscribe are the messages sent after connecting. With SocketIO
	// framing they are Socket.IO event arrays such as ["join-room","ticker_btc_jpy"];
	// the engine adds the "42" packet prefix.
	Subscribe [][]byte
	// Ping is an application-level ping sent every PingEvery (Kraken
	// {"method":"ping"}, OKX "ping", Bybit {"op":"ping"}, Bitstamp
	// bts:heartbeat). Nil when the protocol relies on websocket ping frames.
	Ping      []byte
	PingEvery time.Duration
	// StallAfter: no message at all for this long means the feed stalled.
	// Tuned to the feed's heartbeat (seconds for 1/s heartbeats).
	StallAfter time.Duration
	// Handle parses one message (the event payload for SocketIO).
	// An error means garbage: counted, never fatal.
	Handle func(msg []byte) (FeedEvent, error)
}

// Exchange is a catalog entry.
type Exchange struct {
	ID      string
	Name    string
	Country string // ISO code of the home market, "JP", "US", ...
	// Defaults are the official endpoints; config overrides replace them.
	Defaults Endpoints
	Links    Links
	// Domains are the exchange's official web domains, shown as a phishing guard.
	Domains []string
	// DefaultPairs are used for pair-level queries and websocket
	// subscriptions when the user names none.
	DefaultPairs []string
	// Probes returns the HTTP checks for a target; skip any whose base is not Enabled.
	Probes func(Target) []Probe
	// Feed returns the websocket signal, or nil when there is none or it is off.
	Feed func(Target) *Feed
	// WithdrawalPage is the exchange's web page for crypto withdrawals (a deep link for the wallet guide).
	WithdrawalPage string
	// WhitelistRequired reports whether API withdrawals need a pre-registered destination.
	WhitelistRequired bool
}

var (
	mu       sync.RWMutex
	registry = map[string]*Exchange{}
)

// Register adds an adapter to the catalog; adapters call it from init.
func Register(e *Exchange) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[e.ID]; dup {
		panic("exchanges: duplicate id " + e.ID)
	}
	registry[e.ID] = e
}

// Lookup finds a catalog entry by id.
func Lookup(id string) (*Exchange, bool) {
	mu.RLock()
	defer mu.RUnlock()
	e, ok := registry[id]
	return e, ok
}

// Order is the catalog's display order: the Japanese venues first, then the rest.
var Order = []string{"bitbank", "coincheck", "bitflyer", "gmocoin", "coinbase", "kraken", "binance", "okx", "bybit", "bitstamp", "gemini", "bitfinex"}

// All returns every registered exchange in catalog order.
func All() []*Exchange {
	mu.RLock()
	defer mu.RUnlock()
	rank := map[string]int{}
	for i, id := range Order {
		rank[id] = i + 1
	}
	out := make([]*Exchange, 0, len(registry))
	for _, e := range registry {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank[out[i].ID], rank[out[j].ID]
		if ri == 0 {
			ri = len(Order) + 1
		}
		if rj == 0 {
			rj = len(Order) + 1
		}
		if ri != rj {
			return ri < rj
		}
		return out[i].ID < out[j].ID
	})
	return out
}
