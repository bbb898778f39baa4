package watchers

import (
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/exchanges"
)

// wsMode switches what the test websocket server does per connection.
type wsMode struct{ v atomic.Value }

func (m *wsMode) set(s string) { m.v.Store(s) }
func (m *wsMode) get() string  { s, _ := m.v.Load().(string); return s }

func wsCfg(t *testing.T, api *fakeAPI, ws string) config.Config {
	c := cfgFor(iv, config.Exchange{ID: "test-ws", API: api.srv.URL, WS: ws})
	c.Connectivity.URLs = []string{neutral(t)}
	return c
}

// serveMode: "silent" reads until closed; "hb" sends heartbeats on demand;
// "close" hangs up at once; other values are sent once then silence.
func serveMode(mode *wsMode, hb <-chan struct{}, got chan<- string) func(c *websocket.Conn) {
	return func(c *websocket.Conn) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				_, m, err := c.ReadMessage()
				if err != nil {
					return
				}
				if got != nil {
					select {
					case got <- string(m):
					default:
					}
				}
			}
		}()
		switch md := mode.get(); md {
		case "close":
			c.Close()
		case "silent":
		case "hb":
			for {
				select {
				case <-hb:
					if c.WriteMessage(websocket.TextMessage, []byte("hb")) != nil {
						return
					}
				case <-done:
					return
				}
			}
		default:
			c.WriteMessage(websocket.TextMessage, []byte(md))
		}
		<-done
	}
}

func TestWSStallAloneIsDegraded(t *testing.T) {
	api := newAPI(t, "ok")
	mode := &wsMode{}
	mode.set("silent")
	hb := make(chan struct{})
	got := make(chan string, 16)
	s := wsServer(t, serveMode(mode, hb, got))
	h := start(t, wsCfg(t, api, wsURL(s)), nil)
	h.waitChecks(1)
	if ev := h.next(); ev.Verdict.Level != exchanges.Operational {
		t.Fatalf("%+v", ev)
	}
	h.waitFeed("connected")
	if m := <-got; m != `{"sub":"ticker"}` {
		t.Fatalf("subscribe: %q", m)
	}
	h.clk.Advance(5 * time.Second)
	h.waitFeed("ended")
	ev := h.next()
	if ev.Verdict.Level != exchanges.Degraded || !hasReason(ev.Verdict, "real-time feed stalled") {
		t.Fatalf("%+v", ev)
	}
	// Reconnects after backoff, feed comes back: recovered after 2 messages.
	mode.set("hb")
	h.clk.Advance(time.Second)
	h.waitFeed("connected")
	hb <- struct{}{}
	hb <- struct{}{}
	ev = h.next()
	if ev.Verdict.Level != exchanges.Operational {
		t.Fatalf("%+v", ev)
	}
}

func TestWSPushedHaltAndReconnectAndReply(t *testing.T) {
	api := newAPI(t, "ok")
	mode := &wsMode{}
	mode.set("halt")
	got := make(chan string, 16)
	s := wsServer(t, serveMode(mode, nil, got))
	h := start(t, wsCfg(t, api, wsURL(s)), nil)
	h.waitChecks(1)
	first := h.next()
	if first.Verdict.Level != exchanges.Operational {
		// the push may win the race with the first REST check
		if first.Verdict.Level != exchanges.Outage {
			t.Fatalf("%+v", first)
		}
	} else if ev := h.next(); ev.Verdict.Level != exchanges.Outage || ev.Verdict.Summary != "Pushed halt" {
		t.Fatalf("%+v", ev)
	}
	<-got // subscribe
	// A server-requested reconnect happens at once, without backoff.
	mode.set("ping")
	h.clk.Advance(5 * time.Second) // stall the current connection
	h.waitFeed("ended")
	h.clk.Advance(time.Second)
	h.waitFeed("connected")
	<-got // subscribe again
	if m := <-got; m != "pong" {
		t.Fatalf("reply: %q", m)
	}
	mode.set("reconnect")
	h.clk.Advance(5 * time.Second)
	h.waitFeed("ended")
	h.clk.Advance(time.Second)
	h.waitFeed("connected")
	h.waitFeed("ended") // "reconnect" asked
	h.waitFeed("connected")
}

func TestWSGarbageBurstReconnects(t *testing.T) {
	api := newAPI(t, "ok")
	s := wsServer(t, func(c *websocket.Conn) {
		for i := 0; i < 30; i++ {
			if c.WriteMessage(websocket.TextMessage, []byte("\x00\xff{{not json")) != nil {
				return
			}
		}
		c.ReadMessage()
		c.ReadMessage()
	})
	h := start(t, wsCfg(t, api, wsURL(s)), nil)
	h.waitChecks(1)
	h.waitFeed("ended")
	var v Verdict
	for v = h.verdict("test-ws"); !hasReason(v, "unreadable"); v = h.verdict("test-ws") {
		h.next()
	}
	if v.Level != exchanges.Operational || !hasReason(v, "unusable response: real-time feed sent 21 unreadable messages in a row") {
		t.Fatalf("%+v", v)
	}
}

func TestWSDialFailuresUnavailable(t *testing.T) {
	api := newAPI(t, "ok")
	s := wsServer(t, func(c *websocket.Conn) {})
	url := wsURL(s)
	s.Close()
	h := start(t, wsCfg(t, api, url), nil)
	h.waitChecks(1)
	h.next()
	h.waitFeed("ended")
	h.clk.Advance(time.Second)
	h.waitFeed("ended")
	h.clk.Advance(2 * time.Second)
	h.waitFeed("ended")
	ev := h.next()
	if ev.Verdict.Level != exchanges.Degraded || !hasReason(ev.Verdict, "real-time feed unavailable: connection refused") {
		t.Fatalf("%+v", ev)
	}
}

func TestWSNoLeakAfterThousandsOfReconnects(t *testing.T) {
	api := newAPI(t, "ok")
	mode := &wsMode{}
	mode.set("close")
	s := wsServer(t, serveMode(mode, nil, nil))
	cfg := wsCfg(t, api, wsURL(s))
	base := runtime.NumGoroutine()
	h := start(t, cfg, func(e *Engine) { e.wsBackoffMin, e.wsBackoffMax = 0, 0 })
	h.waitChecks(1)
	for range 2000 {
		h.waitFeed("ended")
	}
	h.stop()
	s.CloseClientConnections()
	api.srv.CloseClientConnections()
	waitGoroutines(t, base)
}

// The first verdict waits for the status endpoints: a live websocket alone
// must not announce "operational" for an exchange whose REST says halted.
func TestFirstVerdictWaitsForStatusEndpoints(t *testing.T) {
	api := newAPI(t, "ok")
	release := make(chan struct{})
	var releaseOnce sync.Once
	unblock := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(unblock) // runs before the server's Close, so a failing test never hangs on the handler
	api.handle(func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":"halt"}`)
	})
	mode := &wsMode{}
	mode.set("hb")
	hb := make(chan struct{})
	s := wsServer(t, serveMode(mode, hb, nil))
	h := start(t, wsCfg(t, api, wsURL(s)), func(e *Engine) { e.opt.RequestTimeout = time.Hour })
	h.waitFeed("connected")
	hb <- struct{}{}
	h.waitFeed("alive")
	h.noEvent()
	unblock()
	h.waitChecks(1)
	if ev := h.next(); !ev.First || ev.Verdict.Level != exchanges.Outage {
		t.Fatalf("first event %+v", ev)
	}
}
