package watchers

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"
)

// evidence is a recent HTTP response (or websocket message): proof that
// this computer is online. On an offline machine whose exchanges point at
// loopback fakes, these count as much as the connectivity URLs.
type evidence struct {
	at  time.Time
	sig *signal
	url string
}

type connState struct {
	state     Connectivity
	checkedAt time.Time // last active check
}

// noteResponseLocked records that sig got an answer; e.mu is held. Two
// entries are kept so a failing signal can still find someone else's.
func (e *Engine) noteResponseLocked(sig *signal, now time.Time) {
	ev := evidence{at: now, sig: sig, url: sig.url}
	if e.evidence[0].sig != sig {
		e.evidence[1] = e.evidence[0]
	}
	e.evidence[0] = ev
	e.conn.state = Online
}

// otherEvidenceLocked returns the freshest evidence not from sig.
func (e *Engine) otherEvidenceLocked(sig *signal) (evidence, bool) {
	for _, ev := range e.evidence {
		if ev.sig != nil && ev.sig != sig {
			return ev, true
		}
	}
	return evidence{}, false
}

// online decides, for a signal about to raise an inferred outage, whether
// the internet works: someone else answered since the failing attempt
// began (since), or a connectivity URL (or the last exchange that
// answered) answers now. Active checks are shared and rate-limited
// (connCache); a cached "online" counts only if it is newer than since,
// because the connection may have gone down in between.
func (e *Engine) online(ctx context.Context, sig *signal, since time.Time) bool {
	e.mu.Lock()
	ev, ok := e.otherEvidenceLocked(sig)
	// Only an answer since the attempt began counts: one from before could
	// predate the connection going down.
	if ok && !ev.at.Before(since) {
		e.mu.Unlock()
		return true
	}
	for {
		now := e.clk.Now()
		if !e.conn.checkedAt.IsZero() && now.Sub(e.conn.checkedAt) < e.connCache {
			switch {
			case e.conn.state == Offline:
				e.mu.Unlock()
				return false
			case !e.conn.checkedAt.Before(since):
				e.mu.Unlock()
				return true
			}
		}
		if e.connWait == nil {
			break
		}
		wait := e.connWait
		e.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return true // stopping: raise nothing either way
		}
		e.mu.Lock()
	}
	wait := make(chan struct{})
	e.connWait = wait
	urls := append([]string{}, e.connURLs...)
	if ok && ev.url != "" && ev.url != sig.url {
		urls = append(urls, ev.url) // a witness that answered before
	}
	e.mu.Unlock()

	if len(urls) == 0 {
		// Nothing to ask: we cannot tell, so the failure stands as seen.
		e.mu.Lock()
		e.connWait = nil
		close(wait)
		e.mu.Unlock()
		return true
	}
	up := e.probeConnectivity(ctx, urls)

	e.mu.Lock()
	if ctx.Err() != nil { // stopping: this result means nothing
		e.connWait = nil
		close(wait)
		e.mu.Unlock()
		return true
	}
	e.conn.checkedAt = e.clk.Now()
	if up {
		e.conn.state = Online
	} else if ev2, ok2 := e.otherEvidenceLocked(sig); ok2 && ev2.at.After(since) {
		up = true // someone answered while we were checking
	} else {
		e.conn.state = Offline
	}
	e.connWait = nil
	close(wait)
	e.mu.Unlock()
	if !up {
		e.opt.Logf("watchers: connectivity check failed: this computer appears to be offline")
	}
	return up
}

// probeConnectivity reports whether any URL gets an HTTP response at all.
func (e *Engine) probeConnectivity(ctx context.Context, urls []string) bool {
	if len(urls) == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, min(e.opt.RequestTimeout, 5*time.Second))
	defer cancel()
	res := make(chan bool, len(urls))
	var wg sync.WaitGroup
	for _, u := range urls {
		u = strings.Replace(strings.Replace(u, "wss://", "https://", 1), "ws://", "http://", 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
			if err != nil {
				res <- false
				return
			}
			req.Header.Set("User-Agent", userAgent())
			resp, err := e.opt.HTTPClient.Do(req)
			if err != nil {
				res <- false
				return
			}
			resp.Body.Close()
			res <- true
		}()
	}
	up := false
	for range urls {
		if <-res {
			up = true
			cancel() // the rest can stop
		}
	}
	wg.Wait()
	return up
}

// Connectivity returns this computer's connection state as last seen.
func (e *Engine) Connectivity() Connectivity {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.conn.state
}

func userAgent() string { return "SafeHarbor/" + Version }
