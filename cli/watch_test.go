package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"safeharbor/config"
	"safeharbor/internal/fakex"
	"safeharbor/watchers"
)

// syncBuffer is a stdout a test can read while a command writes it, and
// wait on until some text shows up.
type syncBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	more chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{more: make(chan struct{}, 1)} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	select {
	case b.more <- struct{}{}:
	default:
	}
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor blocks until the output contains s (the test binary's -timeout
// bounds a hang).
func (b *syncBuffer) waitFor(s string) string {
	for {
		if out := b.String(); strings.Contains(out, s) {
			return out
		}
		<-b.more
	}
}

// stoppable makes the command's signal context cancellable by the test.
func stoppable(t *testing.T) context.CancelFunc {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := signalContext
	signalContext = func(parent context.Context) (context.Context, context.CancelFunc) {
		return context.WithCancel(ctx)
	}
	t.Cleanup(func() { cancel(); signalContext = old })
	return cancel
}

func TestWatchJSONLines(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	cfg := writeConfig(t, "interval = \"1s\"\n[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+venueBlock(srv, "bitbank", "btc_jpy"))
	stop := stoppable(t)

	var hookEvents []watchers.Event
	hookDone := make(chan struct{})
	RegisterWatchHook(func(ctx context.Context, c config.Config, events <-chan watchers.Event) {
		defer close(hookDone)
		for ev := range events {
			hookEvents = append(hookEvents, ev)
		}
	})
	t.Cleanup(func() { hooksMu.Lock(); watchHooks = nil; hooksMu.Unlock() })

	out := newSyncBuffer()
	var errb bytes.Buffer
	done := make(chan int)
	go func() { done <- Main([]string{"watch", "--json", "--config", cfg}, nil, out, &errb, nil) }()

	out.waitFor(`"level":"operational"`)
	srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = fakex.PairHalted, []string{"btc_jpy"} })
	text := out.waitFor(`"level":"outage"`)
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	<-hookDone // the hook's channel was closed at shutdown

	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) < 2 {
		t.Fatalf("lines: %q", text)
	}
	var first, last map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if _, has := first["previous"]; has || first["exchange"] != "bitbank" {
		t.Errorf("first verdict: %v", first)
	}
	for _, k := range []string{"time", "exchange", "level", "previous", "summary", "reasons", "advice"} {
		if _, ok := last[k]; !ok {
			t.Errorf("missing %q in %v", k, last)
		}
	}
	if last["previous"] != "operational" || last["level"] != "outage" {
		t.Errorf("change: %v", last)
	}
	if len(hookEvents) < 2 {
		t.Errorf("hook saw %d events", len(hookEvents))
	}
}

func TestWatchTextAndConfigError(t *testing.T) {
	fastEngine(t)
	srv := startVenue(t, "bitbank")
	cfg := writeConfig(t, "interval = \"1s\"\n[connectivity]\nurls = [\""+onlineURL(t)+"\"]\n\n"+venueBlock(srv, "bitbank"))
	stop := stoppable(t)
	out := newSyncBuffer()
	done := make(chan int)
	go func() { done <- Main([]string{"watch", "bitbank", "--config", cfg}, nil, out, &bytes.Buffer{}, nil) }()
	line := out.waitFor("\n")
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(line, "bitbank") || !strings.Contains(line, "operational") || !strings.Contains(line, "first check") {
		t.Fatalf("line %q", line)
	}

	bad := writeConfig(t, "\nfailures = 0\n")
	code, _, errs := run("watch", "--config", bad)
	if code != ExitConfig || !strings.Contains(errs, "config.toml:2: failures:") {
		t.Fatalf("exit %d %q", code, errs)
	}
}
