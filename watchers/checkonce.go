package watchers

import (
	"context"
	"sync"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
)

// Report is the result of CheckOnce.
type Report struct {
	CheckedAt    time.Time
	Connectivity Connectivity
	Verdicts     []Verdict
}

// CheckOnce runs every probe of every configured exchange once, retries
// each failing probe once after QuickRecheck, and returns the verdicts; for
// `safeharbor status`. The retry stands in for the failure threshold, so a
// failure seen twice counts. Websockets are not connected. Bounded by ctx:
// probes still running when it ends count as unreachable.
func CheckOnce(ctx context.Context, cfg config.Config, opt Options) (Report, error) {
	e, err := New(cfg, opt)
	if err != nil {
		return Report{}, err
	}
	e.failures, e.successes = 1, 1
	// Both tries and the connectivity check must fit in the caller's time
	// limit, so a hanging exchange reads as unreachable, not "no answer
	// before the time limit". Only ever shorter (the one-second floor must
	// not lengthen a shorter request timeout), and the engine's own client
	// waits for response headers exactly as long: one limit, the one the
	// reasons state.
	if dl, ok := ctx.Deadline(); ok {
		per := (time.Until(dl) - e.opt.QuickRecheck - time.Second) / 3
		if per < e.opt.RequestTimeout {
			e.opt.RequestTimeout = min(e.opt.RequestTimeout, max(per.Truncate(time.Second), time.Second))
			if e.ownHTTP {
				e.opt.HTTPClient = newHTTPClient(e.opt.RequestTimeout)
			}
		}
	}
	defer func() {
		if e.ownHTTP {
			e.opt.HTTPClient.CloseIdleConnections()
		}
	}()
	var wg sync.WaitGroup
	for _, w := range e.watchers {
		for i, p := range w.probes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.checkTwice(ctx, w, p, w.sigs[i])
			}()
		}
	}
	wg.Wait()

	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clk.Now()
	rep := Report{CheckedAt: now, Connectivity: e.conn.state}
	for _, w := range e.watchers {
		if len(w.probes) == 0 {
			w.verdict.Summary = "No status endpoint to check (real-time feed only)"
		}
		rep.Verdicts = append(rep.Verdicts, w.verdict)
	}
	return rep, nil
}

func (e *Engine) checkTwice(ctx context.Context, w *exWatcher, p exchanges.Probe, sig *signal) {
	memo := &probeMemo{}
	started := e.clk.Now()
	out := e.check(ctx, p, memo)
	if out.class != usable && ctx.Err() == nil && (out.class != rateLimited || out.retryAfter <= 2*e.opt.QuickRecheck) {
		d := e.opt.QuickRecheck
		if out.class == rateLimited {
			d = out.retryAfter
		}
		t := e.clk.NewTimer(d)
		select {
		case <-ctx.Done():
		case <-t.C():
			started = e.clk.Now()
			out = e.check(ctx, p, memo)
		}
		t.Stop()
	}
	if ctx.Err() != nil && out.class != usable {
		// The caller's time limit, not the exchange, ended this check.
		e.mu.Lock()
		sig.checkedAt = e.clk.Now()
		sig.set(inferred(exchanges.Unknown, exchanges.SourceReachability, "no answer before the time limit"), true)
		e.updateLocked(w)
		e.mu.Unlock()
		return
	}
	offline := false
	if out.class == unreachable {
		offline = !e.online(ctx, sig, started)
	}
	e.mu.Lock()
	e.applyLocked(w, sig, p, out, offline)
	e.mu.Unlock()
}
