package watchers

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"safeharbor/exchanges"
)

// class sorts a check's outcome (SPEC §4).
type class int

const (
	usable      class = iota // the parser produced an observation
	unreachable              // inferred Outage after `failures`
	slow                     // body timed out after headers: inferred Degraded
	unusable                 // bad body: Unknown after `failures`, never Outage
	rateLimited              // back off; not a failure
)

type outcome struct {
	class      class
	obs        exchanges.Observation // for usable
	detail     string                // for failures: short, no URL, no body
	retryAfter time.Duration         // for rateLimited
	responded  bool                  // an HTTP response arrived: we are online
}

// probeMemo is what a probe remembers between checks for conditional requests.
type probeMemo struct {
	etag, lastModified string
	last               *exchanges.Observation
}

// runProbe polls one probe until ctx ends.
func (e *Engine) runProbe(ctx context.Context, w *exWatcher, p exchanges.Probe, sig *signal) {
	host := hostOf(p.URL)
	memo := &probeMemo{}
	e.mu.Lock()
	first := e.reserveLocked(host, sig, 0)
	sig.nextAt = e.clk.Now().Add(first)
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		delete(e.hostLocked(host).booked, sig)
		e.mu.Unlock()
	}()
	t := e.clk.NewTimer(first)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
		e.mu.Lock()
		if wait := e.backoffLocked(host); wait > 0 {
			sig.nextAt = e.clk.Now().Add(wait)
			t.Reset(wait)
			e.mu.Unlock()
			if e.onCheck != nil {
				e.onCheck(w.ex.ID, p.Name)
			}
			continue
		}
		e.mu.Unlock()

		started := e.clk.Now()
		out := e.check(ctx, p, memo)
		if ctx.Err() != nil {
			return
		}
		offline := false
		if out.class == unreachable {
			e.mu.Lock()
			alarm := sig.wouldAlarm(e.failures)
			e.mu.Unlock()
			offline = alarm && !e.online(ctx, sig, started)
		}
		e.mu.Lock()
		next := e.reserveLocked(host, sig, e.applyLocked(w, sig, p, out, offline))
		sig.nextAt = e.clk.Now().Add(next)
		t.Reset(next)
		e.mu.Unlock()
		if e.onCheck != nil {
			e.onCheck(w.ex.ID, p.Name)
		}
	}
}

// applyLocked feeds an outcome into sig, refuses the verdict and returns
// the delay until the next check; e.mu is held.
func (e *Engine) applyLocked(w *exWatcher, sig *signal, p exchanges.Probe, out outcome, offline bool) time.Duration {
	now := e.clk.Now()
	sig.checkedAt = now
	if out.responded {
		e.noteResponseLocked(sig, now)
	}
	src := p.Source
	if src == "" {
		src = exchanges.SourceREST
	}
	switch out.class {
	case usable:
		sig.succeed(out.obs, e.failures, e.successes, now)
	case unreachable:
		switch {
		case offline:
			sig.failWith(offlineObs(), e.failures, now, causeOffline)
		case src == exchanges.SourceStatusPage:
			// A status page (hosted apart from the exchange) that cannot be
			// reached says nothing about trading: no signal, not an outage.
			sig.fail(inferred(exchanges.Unknown, src, "status page unreachable: "+out.detail), e.failures, now)
		default:
			sig.failWith(inferred(exchanges.Outage, exchanges.SourceReachability, "API unreachable: "+out.detail), e.failures, now, causeUnreachable)
		}
	case slow:
		if src == exchanges.SourceStatusPage {
			sig.fail(inferred(exchanges.Unknown, src, "status page responding very slowly"), e.failures, now)
			break
		}
		sig.fail(inferred(exchanges.Degraded, exchanges.SourceReachability, "API responding very slowly"), e.failures, now)
	case unusable:
		sig.fail(inferred(exchanges.Unknown, src, "unusable response: "+out.detail), e.failures, now)
	case rateLimited:
		secs := int((out.retryAfter + time.Second - 1) / time.Second)
		sig.note = &exchanges.Reason{Source: src, Detail: fmt.Sprintf("rate limited, retrying in %ds", secs)}
		e.hostLocked(hostOf(p.URL)).backoffUntil = now.Add(out.retryAfter)
		e.opt.Logf("watchers: %s %s rate limited for %ds", w.ex.ID, p.Name, secs)
	}
	e.updateLocked(w)
	if out.class == rateLimited {
		return out.retryAfter
	}
	quick := max(e.opt.QuickRecheck, p.MinInterval)
	if sig.recovering(e.failures, e.successes) {
		return quick
	}
	return max(e.jitter(e.intervalLocked(w, 0)), p.MinInterval)
}

func (e *Engine) hostLocked(host string) *hostState {
	h := e.hosts[host]
	if h == nil {
		h = &hostState{}
		e.hosts[host] = h
	}
	return h
}

// reserveLocked books sig's next request to host at least d from now and
// returns the delay to it. Requests to one host are spaced by hostGap:
// the slot is the earliest that far from every other probe's booking and
// from slots taken within the last hostGap. It is a free gap, not the end
// of a queue, so a 3 s re-check is not pushed behind a sibling probe's
// regular check 15 s away.
func (e *Engine) reserveLocked(host string, sig *signal, d time.Duration) time.Duration {
	now := e.clk.Now()
	at := now.Add(d)
	h := e.hostLocked(host)
	if at.Before(h.backoffUntil) {
		at = h.backoffUntil
	}
	if e.hostGap > 0 && (e.gapLoopback || !isLoopback(hostname(host))) {
		if prev, ok := h.booked[sig]; ok && !prev.After(now) {
			h.used = append(h.used, prev) // the request just made
		}
		delete(h.booked, sig)
		taken := h.used[:0]
		for _, t := range h.used {
			if now.Sub(t) < e.hostGap {
				taken = append(taken, t)
			}
		}
		h.used = taken
		slots := append([]time.Time(nil), h.used...)
		for _, t := range h.booked {
			slots = append(slots, t)
		}
		slices.SortFunc(slots, time.Time.Compare)
		for _, t := range slots { // ascending, so one pass finds the first free gap
			if at.After(t.Add(-e.hostGap)) && at.Before(t.Add(e.hostGap)) {
				at = t.Add(e.hostGap)
			}
		}
		if h.booked == nil {
			h.booked = map[*signal]time.Time{}
		}
		h.booked[sig] = at
	}
	return at.Sub(now)
}

func (e *Engine) backoffLocked(host string) time.Duration {
	if h := e.hosts[host]; h != nil {
		return h.backoffUntil.Sub(e.clk.Now())
	}
	return 0
}

func hostname(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}

var errTooLarge = errors.New("response too large")

// check performs one HTTP request and classifies it. It never returns
// anything derived from the URL (it may carry a token).
func (e *Engine) check(ctx context.Context, p exchanges.Probe, memo *probeMemo) outcome {
	timeout := e.opt.RequestTimeout
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, p.URL, nil)
	if err != nil {
		return outcome{class: unusable, detail: "bad probe URL"}
	}
	req.Header.Set("User-Agent", userAgent())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	if memo.last != nil {
		if memo.etag != "" {
			req.Header.Set("If-None-Match", memo.etag)
		}
		if memo.lastModified != "" {
			req.Header.Set("If-Modified-Since", memo.lastModified)
		}
	}
	resp, err := e.opt.HTTPClient.Do(req)
	if err != nil {
		if errors.Is(err, errInsecureRedirect) {
			return outcome{class: unusable, detail: "redirected to a non-https URL"}
		}
		return outcome{class: unreachable, detail: describeNetErr(err, responseLimit(timeout, clientLimits(e.opt.HTTPClient)...))}
	}
	defer resp.Body.Close()
	out := outcome{responded: true}

	if resp.StatusCode == http.StatusNotModified && memo.last != nil {
		out.obs = *memo.last
		return out
	}
	if ra, ok := retryAfter(resp, e.clk.Now()); ok && resp.StatusCode != http.StatusServiceUnavailable {
		out.class, out.retryAfter = rateLimited, ra
		return out
	}
	body, rerr := readBody(resp, e.opt.MaxBody)
	if rerr != nil {
		switch {
		case errors.Is(rerr, errTooLarge):
			out.class, out.detail = unusable, "response too large"
		case isTimeout(rerr):
			out.class = slow
		case errors.Is(rerr, gzip.ErrHeader) || errors.Is(rerr, gzip.ErrChecksum):
			out.class, out.detail = unusable, "bad gzip encoding"
		default:
			out.class, out.detail = unusable, "truncated response"
		}
		return out
	}
	obs, perr := safeParse(p.Parse, exchanges.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body})
	if perr == nil {
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			memo.etag, memo.lastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			o := obs
			memo.last = &o
		}
		out.obs = obs
		return out
	}
	// 503 with Retry-After and no status envelope: the server asked us to wait.
	if ra, ok := retryAfter(resp, e.clk.Now()); ok {
		out.class, out.retryAfter = rateLimited, ra
		return out
	}
	switch {
	case resp.StatusCode >= 500:
		out.class, out.detail = unreachable, "HTTP "+strconv.Itoa(resp.StatusCode)
	case resp.StatusCode >= 300:
		out.class, out.detail = unusable, "HTTP "+strconv.Itoa(resp.StatusCode)
	default:
		out.class, out.detail = unusable, why(perr, body, resp.Header)
	}
	return out
}

// why words a parser's rejection briefly.
func why(err error, body []byte, h http.Header) string {
	trim := strings.TrimSpace(string(body[:min(len(body), 64)]))
	switch {
	case len(body) == 0:
		return "empty body"
	case strings.HasPrefix(trim, "<") || strings.Contains(h.Get("Content-Type"), "html"):
		return "HTML instead of JSON"
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, exchanges.ErrNotStatus.Error()+": ")
	if len(msg) > 120 {
		msg = msg[:120] + "…"
	}
	return msg
}

// safeParse keeps a parser bug from taking the engine down.
func safeParse(parse func(exchanges.Response) (exchanges.Observation, error), r exchanges.Response) (obs exchanges.Observation, err error) {
	if parse == nil {
		return obs, fmt.Errorf("%w: probe has no parser", exchanges.ErrNotStatus)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: parser failed on this response", exchanges.ErrNotStatus)
		}
	}()
	return parse(r)
}

// readBody reads at most max decoded bytes; more is errTooLarge, without
// ever holding more than max+1 bytes.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, errTooLarge
	}
	var r io.Reader = io.LimitReader(resp.Body, max+1)
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			if err == io.EOF {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		defer gz.Close()
		r = gz
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(b)) > max {
		return nil, errTooLarge
	}
	return b, err
}

// retryAfter reads Retry-After on 429, 418 and 503.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusTeapot, http.StatusServiceUnavailable:
	default:
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else if resp.StatusCode == http.StatusServiceUnavailable {
		return 0, false // a plain 503 is a failure, not a rate limit
	} else {
		d = 30 * time.Second // 429/418 without a usable Retry-After
	}
	return min(max(d, time.Second), maxRetryAfter), true
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, http.ErrHandlerTimeout) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// responseLimit is the limit that ended a request that timed out: the
// shortest of its own timeout and the other limits on the wait (zero means
// none). The shortest fires first, except that one whose clock starts later
// (a response-header timeout starts once the request is written) may fire
// after a longer one; even then no response came within the shortest, so a
// reason naming it stays true.
func responseLimit(timeout time.Duration, limits ...time.Duration) time.Duration {
	for _, d := range limits {
		if d > 0 && d < timeout {
			timeout = d
		}
	}
	return timeout
}

// clientLimits are an HTTP client's own limits on waiting for a response.
func clientLimits(c *http.Client) []time.Duration {
	limits := []time.Duration{c.Timeout}
	if tr, ok := c.Transport.(*http.Transport); ok {
		limits = append(limits, tr.ResponseHeaderTimeout)
	}
	return limits
}

// describeNetErr names a transport failure without quoting the URL;
// timeout is the limit that applied (responseLimit).
func describeNetErr(err error, timeout time.Duration) string {
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var unk x509.UnknownAuthorityError
	var host x509.HostnameError
	switch {
	case isTimeout(err):
		return "no response within " + timeout.String()
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &dns):
		return "DNS lookup failed"
	case errors.As(err, &cert), errors.As(err, &unk), errors.As(err, &host):
		return "TLS certificate not trusted"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by server"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "network unreachable"
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return "cannot connect"
	}
	return "network error"
}
