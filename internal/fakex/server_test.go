package fakex

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// coreTestVenue is the smallest venue: one JSON path and a websocket that
// sends a heartbeat per tick.
type coreTestVenue struct{}

func (coreTestVenue) ID() string     { return "echo" }
func (coreTestVenue) WSPath() string { return "/ws" }
func (coreTestVenue) Routes(mux *http.ServeMux, st func() State) {
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"`+string(st().Scenario)+`"}`)
	})
}
func (coreTestVenue) ServeWS(ctx context.Context, c *Conn, st func() State) {
	tick, stop := c.Heartbeat()
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-c.In:
			if !ok {
				return
			}
		case <-tick:
			if c.Send([]byte(`{"hb":1}`)) != nil {
				return
			}
		}
	}
}

func coreTestGet(t *testing.T, url string, timeout time.Duration) (int, string, error) {
	t.Helper()
	client := &http.Client{Timeout: timeout}
	resp, err := client.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, string(b), err
}

func TestHTTPFaults(t *testing.T) {
	s := Start(coreTestVenue{})
	defer s.Close()
	u := s.URL() + "/status"

	code, body, err := coreTestGet(t, u, 5*time.Second)
	if err != nil || code != 200 || body != `{"status":"healthy"}` {
		t.Fatalf("healthy: %d %q %v", code, body, err)
	}
	s.SetScenario(Halted)
	if _, body, _ := coreTestGet(t, u, 5*time.Second); !strings.Contains(body, "halted") {
		t.Fatalf("scenario not applied: %q", body)
	}
	cases := []struct {
		f     Fault
		check func(code int, body string, err error) bool
	}{
		{HTTP500, func(c int, _ string, _ error) bool { return c == 500 }},
		{HTTP503, func(c int, _ string, _ error) bool { return c == 503 }},
		{RateLimit, func(c int, _ string, _ error) bool { return c == 429 }},
		{Malformed, func(c int, b string, _ error) bool { return c == 200 && strings.HasPrefix(b, `{"oops"`) }},
		{Truncated, func(_ int, _ string, err error) bool { return err != nil }},
		{HTMLError, func(c int, b string, _ error) bool { return strings.Contains(b, "<html>") }},
		{Refused, func(_ int, _ string, err error) bool { return err != nil }},
		{HugeBody, func(c int, b string, _ error) bool { return c == 200 && len(b) == 1<<16 }},
	}
	for _, tc := range cases {
		s.SetFault(tc.f)
		code, body, err := coreTestGet(t, u, 5*time.Second)
		if !tc.check(code, body, err) {
			t.Errorf("%s: code=%d body=%.40q err=%v", tc.f, code, body, err)
		}
	}
	s.SetFault(Hang)
	if _, _, err := coreTestGet(t, u, 100*time.Millisecond); err == nil {
		t.Error("hang: want a client timeout")
	}
	if s.Hits("/status") < len(cases) {
		t.Errorf("hits = %d", s.Hits("/status"))
	}
}

func TestWebsocketFaults(t *testing.T) {
	s := Start(coreTestVenue{})
	s.HeartbeatEvery = 5 * time.Millisecond
	defer s.Close()
	c, _, err := websocket.DefaultDialer.Dial("ws://"+s.Addr().String()+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	read := func() (string, error) {
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		_, m, err := c.ReadMessage()
		return string(m), err
	}
	if m, err := read(); err != nil || m != `{"hb":1}` {
		t.Fatalf("heartbeat: %q %v", m, err)
	}
	s.SetFault(WSGarbage)
	for {
		m, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m, "not json") {
			break
		}
	}
	s.SetFault(WSDrop)
	for {
		if _, err := read(); err != nil {
			var ne interface{ Timeout() bool }
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("drop: connection stayed open")
			}
			break
		}
	}
}

func TestVenueRegistry(t *testing.T) {
	if _, ok := NewVenue("no-such-venue"); ok {
		t.Fatal("unexpected venue")
	}
}
