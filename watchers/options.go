package watchers

import (
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/internal/clock"
)

// Version goes into the User-Agent ("SafeHarbor/<version>"). main sets it
// from the build version; watchers cannot import cli without a cycle.
var Version = "0.1.0"

// Defaults of Options and config.
const (
	DefaultQuickRecheck   = 3 * time.Second
	DefaultRequestTimeout = 10 * time.Second
	DefaultMaxBody        = 4 << 20
	DefaultInterval       = 15 * time.Second
	DefaultFailures       = 3
	DefaultSuccesses      = 2
)

// Tuning that has no config key. They are variables on the engine (set
// from these in New) so tests can shorten them.
const (
	// hostGap spaces requests to one host: probes of the same exchange
	// share its rate limit. Loopback hosts (tests, local mirrors) are exempt.
	hostGap = 250 * time.Millisecond
	// connCache is how long a connectivity result is reused, so a burst
	// of failures costs one check.
	connCache = 15 * time.Second
	// garbageBurst unreadable websocket messages in a row force a reconnect.
	garbageBurst = 20
	wsBackoffMin = time.Second
	wsBackoffMax = time.Minute
	// defaultStall is used for a feed that declares no StallAfter.
	defaultStall = time.Minute
	// maxRetryAfter caps a server's Retry-After so a bogus value cannot
	// silence a probe for days.
	maxRetryAfter = 10 * time.Minute
)

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.QuickRecheck <= 0 {
		o.QuickRecheck = DefaultQuickRecheck
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.HTTPClient == nil {
		o.HTTPClient = newHTTPClient(o.RequestTimeout)
	}
	if o.Dialer == nil {
		o.Dialer = &websocket.Dialer{
			Proxy:            http.ProxyFromEnvironment,
			HandshakeTimeout: o.RequestTimeout,
			ReadBufferSize:   4096,
			WriteBufferSize:  1024,
		}
	}
	return o
}

var errInsecureRedirect = errors.New("redirected to a non-https URL")

func newHTTPClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// We ask for gzip ourselves so the size limit applies to decoded bytes.
	tr.DisableCompression = true
	tr.ResponseHeaderTimeout = timeout
	tr.MaxIdleConnsPerHost = 32
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "https" && !isLoopback(req.URL.Hostname()) {
				return errInsecureRedirect
			}
			return nil
		},
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
