package fakex

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
)

// Scenario is the exchange's business state.
type Scenario string

const (
	Healthy              Scenario = "healthy"
	Busy                 Scenario = "busy"
	Halted               Scenario = "halted"      // whole exchange halted / stopped
	PairHalted           Scenario = "pair_halted" // State.Pairs halted, the rest normal
	Restricted           Scenario = "restricted"  // cancel-only / post-only / call auction, per venue
	MaintenanceScheduled Scenario = "maintenance_scheduled"
	MaintenanceActive    Scenario = "maintenance"
	UnknownValue         Scenario = "unknown_value" // a status enum value nobody has seen
)

// Fault is a transport-level misbehaviour applied on top of the scenario.
type Fault string

const (
	NoFault   Fault = ""
	HTTP500   Fault = "http_500"
	HTTP503   Fault = "http_503"
	RateLimit Fault = "rate_limit" // 429 with Retry-After
	Hang      Fault = "timeout"    // accept, never answer (until the client gives up)
	SlowBody  Fault = "slow_body"  // headers at once, body trickles in
	Malformed Fault = "malformed_json"
	Truncated Fault = "truncated"
	HugeBody  Fault = "huge_body" // 1 GB of JSON-looking bytes
	HTMLError Fault = "html_error"
	Refused   Fault = "refused" // listener closed: connection refused
	WSStall   Fault = "ws_stall"
	WSDrop    Fault = "ws_drop"
	WSGarbage Fault = "ws_garbage"
)

// AllFaults lists every fault, for fault suites.
var AllFaults = []Fault{HTTP500, HTTP503, RateLimit, Hang, SlowBody, Malformed, Truncated, HugeBody, HTMLError, Refused, WSStall, WSDrop, WSGarbage}

// State is what a venue's handlers read on every request and tick.
type State struct {
	Scenario Scenario
	Fault    Fault
	// Pairs halted in the PairHalted scenario (venue's own pair spelling).
	Pairs []string
	// Maintenance window for the maintenance scenarios.
	MaintStart, MaintEnd time.Time
	// RetryAfter for RateLimit (default 2s).
	RetryAfter time.Duration
}

// Venue is one fake exchange's wire format.
type Venue interface {
	// ID is the catalog id this venue imitates.
	ID() string
	// Routes registers the REST and status-page handlers. Handlers call
	// st() on every request and write the exchange's real payload for it.
	Routes(mux *http.ServeMux, st func() State)
	// WSPath is the websocket path ("" if the venue has no websocket).
	WSPath() string
	// ServeWS speaks the venue's websocket protocol on c until ctx ends or
	// the connection fails. Every outgoing message goes through c.Send so
	// the server's faults apply.
	ServeWS(ctx context.Context, c *Conn, st func() State)
}

// Server serves one Venue on a loopback port.
type Server struct {
	venue Venue
	srv   *httptest.Server
	addr  string

	// HeartbeatEvery is the period of the venue's websocket heartbeat or
	// data messages (default 1s). Set before clients connect.
	HeartbeatEvery time.Duration

	mu    sync.Mutex
	state State
	conns map[*Conn]struct{}
	hits  map[string]int
	wg    sync.WaitGroup
	ctx   context.Context
	stop  context.CancelFunc
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// Start runs v on 127.0.0.1 in the Healthy scenario.
func Start(v Venue) *Server {
	s := &Server{venue: v, HeartbeatEvery: time.Second, state: State{Scenario: Healthy}, conns: map[*Conn]struct{}{}, hits: map[string]int{}}
	s.ctx, s.stop = context.WithCancel(context.Background())
	mux := http.NewServeMux()
	v.Routes(mux, s.State)
	if p := v.WSPath(); p != "" {
		mux.HandleFunc(p, s.serveWS)
	}
	s.srv = httptest.NewServer(s.faults(mux))
	s.addr = s.srv.Listener.Addr().String()
	return s
}

// URL is the base URL (http://127.0.0.1:port) for api/public/statuspage overrides.
func (s *Server) URL() string { return s.srv.URL }

// WSURL is the websocket URL for the ws override.
func (s *Server) WSURL() string {
	p := s.venue.WSPath()
	if p == "" {
		return ""
	}
	u := "ws://" + s.addr + p
	if s.venue.ID() == "bitbank" {
		u += "?EIO=4&transport=websocket"
	}
	return u
}

// Endpoints returns the overrides that point an adapter at this server.
func (s *Server) Endpoints() exchanges.Endpoints {
	return exchanges.Endpoints{API: s.URL(), Public: s.URL(), StatusPage: s.URL(), WS: s.WSURL()}
}

// State returns the current state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// SetScenario switches the business state.
func (s *Server) SetScenario(sc Scenario) {
	s.mu.Lock()
	s.state.Scenario = sc
	s.mu.Unlock()
}

// SetFault switches the transport fault. WSDrop closes open websockets at once.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	s.state.Fault = f
	var drop []*Conn
	if f == WSDrop {
		for c := range s.conns {
			drop = append(drop, c)
		}
	}
	s.mu.Unlock()
	for _, c := range drop {
		c.ws.Close()
	}
}

// Update changes the state with fn under the lock.
func (s *Server) Update(fn func(*State)) {
	s.mu.Lock()
	fn(&s.state)
	s.mu.Unlock()
}

// Hits returns how many requests a path received.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Conns returns the number of open websocket connections.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Close stops the server and every websocket it serves.
func (s *Server) Close() {
	s.stop()
	s.mu.Lock()
	for c := range s.conns {
		c.ws.Close()
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
	s.wg.Wait()
}

func (s *Server) faults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := s.State()
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if websocket.IsWebSocketUpgrade(r) {
			if st.Fault == HTTP500 || st.Fault == HTTP503 || st.Fault == Refused {
				http.Error(w, "upgrade refused", http.StatusServiceUnavailable)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		switch st.Fault {
		case HTTP500:
			http.Error(w, "internal server error", http.StatusInternalServerError)
		case HTTP503:
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		case Refused:
			// Closest to a refused connection a live listener can do: hang up.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			http.Error(w, "refused", http.StatusServiceUnavailable)
		case RateLimit:
			ra := st.RetryAfter
			if ra <= 0 {
				ra = 2 * time.Second
			}
			w.Header().Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
			http.Error(w, `{"error":"too many requests"}`, http.StatusTooManyRequests)
		case Hang:
			select {
			case <-r.Context().Done():
			case <-s.ctx.Done():
			}
		case HTMLError:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			fmt.Fprint(w, "<html><body><h1>Cloudflare: checking your browser</h1></body></html>")
		case Malformed, Truncated, SlowBody:
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			switch st.Fault {
			case Malformed:
				body = append([]byte(`{"oops": [1, 2,, }`), body...)
				w.WriteHeader(rec.Code)
				w.Write(body)
			case Truncated:
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				w.WriteHeader(rec.Code)
				w.Write(body[:len(body)/2])
				if hj, ok := w.(http.Hijacker); ok {
					if c, _, err := hj.Hijack(); err == nil {
						c.Close()
					}
				}
			case SlowBody:
				w.WriteHeader(rec.Code)
				fl, _ := w.(http.Flusher)
				for i := 0; i < len(body); i++ {
					if _, err := w.Write(body[i : i+1]); err != nil {
						return
					}
					if fl != nil {
						fl.Flush()
					}
					select {
					case <-time.After(200 * time.Millisecond):
					case <-r.Context().Done():
						return
					case <-s.ctx.Done():
						return
					}
				}
			}
		case HugeBody:
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(1<<30))
			w.WriteHeader(http.StatusOK)
			chunk := bytes.Repeat([]byte(`{"status":"NORMAL"},`), 1<<12)
			w.Write([]byte("["))
			for sent := 1; sent < 1<<30; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
				if r.Context().Err() != nil || s.ctx.Err() != nil {
					return
				}
			}
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	in := make(chan []byte, 64)
	c := &Conn{ws: ws, server: s, In: in, in: in}
	s.mu.Lock()
	if s.ctx.Err() != nil {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	ctx, cancel := context.WithCancel(s.ctx)
	defer func() {
		cancel()
		ws.Close()
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
	// The reader: feeds c.In until the connection fails; it owns no state
	// beyond the connection and ends when the connection is closed.
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		defer cancel()
		defer close(c.in)
		ws.SetReadLimit(1 << 20)
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			select {
			case c.in <- msg:
			default: // a slow venue loop drops client chatter rather than block
			}
		}
	}()
	s.venue.ServeWS(ctx, c, s.State)
	ws.Close()
	<-readDone
}

// Conn is one fake websocket connection as a venue sees it.
type Conn struct {
	ws     *websocket.Conn
	server *Server
	wmu    sync.Mutex
	// In carries the client's messages; it is closed when the connection ends.
	In <-chan []byte
	in chan []byte
}

// Send writes a text message unless the server's fault says otherwise:
// WSStall swallows it, WSGarbage replaces it with junk.
func (c *Conn) Send(msg []byte) error {
	switch c.server.State().Fault {
	case WSStall:
		return nil
	case WSGarbage:
		msg = []byte("\x00\xff{{not json]]" + string(msg[:len(msg)/3]))
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, msg)
}

// Ping sends a websocket protocol ping frame (Binance, bitFlyer, GMO), unless stalled.
func (c *Conn) Ping() error {
	if c.server.State().Fault == WSStall {
		return nil
	}
	return c.ws.WriteControl(websocket.PingMessage, []byte("hb"), time.Now().Add(5*time.Second))
}

// Heartbeat returns a ticker channel at the server's HeartbeatEvery and its stop func.
func (c *Conn) Heartbeat() (<-chan time.Time, func()) {
	t := time.NewTicker(c.server.HeartbeatEvery)
	return t.C, t.Stop
}

// Addr returns the loopback address the server listens on.
func (s *Server) Addr() net.Addr { return s.srv.Listener.Addr() }
