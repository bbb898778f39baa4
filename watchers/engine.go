package watchers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/internal/clock"
)

// Options tunes the engine; the zero value gives production defaults.
type Options struct {
	Clock          clock.Clock                      // default clock.Real{}
	HTTPClient     *http.Client                     // default: the engine's own (timeouts, no redirects to non-https except loopback)
	Dialer         *websocket.Dialer                // default: the engine's own
	Logf           func(format string, args ...any) // optional; never logs secrets or whole bodies
	QuickRecheck   time.Duration                    // re-check delay after a failure; default 3s
	RequestTimeout time.Duration                    // default 10s
	MaxBody        int64                            // default 4 MiB (after gzip decoding)
}

// Engine watches the configured exchanges and emits verdict events.
type Engine struct{}

// New resolves cfg.Exchanges against the catalog (an empty list means every
// catalog exchange) and returns an engine ready to Run.
func New(cfg config.Config, opt Options) (*Engine, error) { return &Engine{}, nil }

// Run watches until ctx is done; when it returns every goroutine it started has stopped.
func (e *Engine) Run(ctx context.Context) error { <-ctx.Done(); return nil }

// Subscribe returns a channel of every event in order and a cancel func
// that unsubscribes and closes the channel.
func (e *Engine) Subscribe() (<-chan Event, func()) {
	ch := make(chan Event)
	return ch, func() {}
}

// Verdicts returns the current verdicts in catalog order.
func (e *Engine) Verdicts() []Verdict { return nil }

// Connectivity returns this computer's connection state as last seen.
func (e *Engine) Connectivity() Connectivity { return ConnectivityNA }

// Apply reconfigures a running (or not yet running) engine.
func (e *Engine) Apply(cfg config.Config) error { return nil }

// Report is the result of CheckOnce.
type Report struct {
	CheckedAt    time.Time
	Connectivity Connectivity
	Verdicts     []Verdict
}

// CheckOnce runs every probe once (retrying each failing probe once
// quickly) and returns the verdicts; for `safeharbor status`.
func CheckOnce(ctx context.Context, cfg config.Config, opt Options) (Report, error) {
	return Report{}, errors.New("watchers: not implemented yet")
}
