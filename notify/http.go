package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxResponse bounds how much of a service's answer we read.
const maxResponse = 64 << 10

// SendError is a failed delivery, classified for the retry policy. Its text
// never contains the request URL (webhook URLs and the Telegram path carry
// secrets): only the channel name, the host and what went wrong.
type SendError struct {
	Channel    string
	Status     int           // HTTP status, 0 for network errors
	Retryable  bool          // network, 5xx, 429: try again later
	RetryAfter time.Duration // the service's own hint, 0 when none
	Detail     string
	Cause      error // what went wrong on this side (e.g. the keyring), when known
}

// Unwrap gives errors.Is and errors.As the cause.
func (e *SendError) Unwrap() error { return e.Cause }

func (e *SendError) Error() string {
	kind := "permanent"
	if e.Retryable {
		kind = "will retry"
	}
	if e.Status != 0 {
		return fmt.Sprintf("notify %s: HTTP %d: %s (%s)", e.Channel, e.Status, e.Detail, kind)
	}
	return fmt.Sprintf("notify %s: %s (%s)", e.Channel, e.Detail, kind)
}

// IsRetryable reports whether err is worth retrying, and the service's wait hint.
// Unclassified errors are retried: a delivery is only given up when the
// service said no or the item expired.
func IsRetryable(err error) (bool, time.Duration) {
	var se *SendError
	if errors.As(err, &se) {
		return se.Retryable, se.RetryAfter
	}
	return true, 0
}

// httpPoster is the shared POST of every channel.
type httpPoster struct {
	name   string
	client *http.Client
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// post sends body to u and reads at most maxResponse bytes of the answer.
// Any error is a *SendError with the URL redacted.
func (p httpPoster) post(ctx context.Context, u *url.URL, header http.Header, body []byte) (response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return response{}, &SendError{Channel: p.name, Detail: "cannot build request"}
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", "SafeHarbor")
	client := p.client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, &SendError{Channel: p.name, Retryable: true, Detail: "POST to " + u.Host + ": " + netDetail(err)}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return response{}, &SendError{Channel: p.name, Retryable: true, Detail: "reading answer from " + u.Host + ": " + netDetail(err)}
	}
	return response{status: res.StatusCode, header: res.Header, body: b}, nil
}

// netDetail describes a transport error without the URL it came with.
func netDetail(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timed out"
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Op + ": " + errText(oe.Err)
	}
	return errText(err)
}

func errText(err error) string {
	if err == nil {
		return "error"
	}
	return strings.TrimSpace(err.Error())
}

// classify turns a non-success HTTP answer into a SendError: 429 and 5xx
// are retryable, every other status is permanent.
func classify(channel string, r response, detail string) *SendError {
	e := &SendError{Channel: channel, Status: r.status, Detail: detail}
	if e.Detail == "" {
		e.Detail = http.StatusText(r.status)
	}
	e.Detail = clip(e.Detail, 200)
	switch {
	case r.status == http.StatusTooManyRequests, r.status == http.StatusRequestTimeout, r.status >= 500:
		e.Retryable = true
		e.RetryAfter = retryAfterHeader(r.header)
	}
	return e
}

// retryAfterHeader reads Retry-After in seconds (dates are rare from these services).
func retryAfterHeader(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f < 86400 {
		return time.Duration(f * float64(time.Second))
	}
	return 0
}

// parseEndpoint checks a service URL: https, or http only for loopback hosts.
func parseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return nil, errors.New("not an absolute URL")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, errors.New("plain http is allowed only for loopback hosts; use https")
		}
	default:
		return nil, fmt.Errorf("scheme %q not supported (want https)", u.Scheme)
	}
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary.
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
