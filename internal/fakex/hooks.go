package fakex

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Hooks fakes the notification services on one loopback server, each
// answering as the real one does:
//
//	ntfy      POST /ntfy/{topic}                    200 {"id":...,"event":"message"}
//	Discord   POST /api/webhooks/{id}/{token}       204; 429 {"retry_after":1.5}
//	Slack     POST /services/{...}                  200 "ok"
//	Telegram  POST /bot{token}/sendMessage          200 {"ok":true,...}; 429 with parameters.retry_after
//	webhook   POST /hook/{...}                      200
//
// FailNext makes a service fail its next n requests (flaky), SetDown makes
// every service fail (dead). Tests read what arrived from Received.
type Hooks struct {
	srv  *httptest.Server
	recv chan HookRequest

	mu   sync.Mutex
	fail map[string]int
	down bool
	all  []HookRequest
}

// HookRequest is one request a fake service received.
type HookRequest struct {
	Service string // ntfy, discord, slack, telegram, webhook
	Method  string
	Path    string
	Header  http.Header
	Body    []byte
	OK      bool // the fake answered with success
}

// StartHooks starts the fake services.
func StartHooks() *Hooks {
	h := &Hooks{recv: make(chan HookRequest, 256), fail: map[string]int{}}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	return h
}

// URL is the base URL; append the service paths above.
func (h *Hooks) URL() string { return h.srv.URL }

// Client is an HTTP client for the server.
func (h *Hooks) Client() *http.Client { return h.srv.Client() }

// Received delivers every request as it arrives (buffered; excess is only in Requests).
func (h *Hooks) Received() <-chan HookRequest { return h.recv }

// Requests returns every request so far.
func (h *Hooks) Requests() []HookRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]HookRequest(nil), h.all...)
}

// FailNext makes service fail its next n requests with its rate-limit or
// server-error answer.
func (h *Hooks) FailNext(service string, n int) {
	h.mu.Lock()
	h.fail[service] = n
	h.mu.Unlock()
}

// SetDown makes every service answer 503 (down=true) or recover.
func (h *Hooks) SetDown(down bool) {
	h.mu.Lock()
	h.down = down
	h.mu.Unlock()
}

// Close stops the server.
func (h *Hooks) Close() { h.srv.Close() }

func service(path string) string {
	switch {
	case strings.HasPrefix(path, "/ntfy/"):
		return "ntfy"
	case strings.HasPrefix(path, "/api/webhooks/"):
		return "discord"
	case strings.HasPrefix(path, "/services/"):
		return "slack"
	case strings.HasPrefix(path, "/bot") && strings.HasSuffix(path, "/sendMessage"):
		return "telegram"
	case strings.HasPrefix(path, "/hook"):
		return "webhook"
	}
	return ""
}

func (h *Hooks) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	svc := service(r.URL.Path)
	h.mu.Lock()
	fail := h.down
	if !fail && h.fail[svc] > 0 {
		h.fail[svc]--
		fail = true
	}
	h.mu.Unlock()
	req := HookRequest{Service: svc, Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body, OK: !fail && svc != "" && r.Method == http.MethodPost}
	h.mu.Lock()
	h.all = append(h.all, req)
	h.mu.Unlock()
	select {
	case h.recv <- req:
	default:
	}
	if svc == "" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	if fail {
		switch svc {
		case "discord":
			w.Header().Set("Retry-After", "2")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"message":"You are being rate limited.","retry_after":1.5,"global":false}`)
		case "telegram":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`)
		case "ntfy":
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"code":42901,"http":429,"error":"limit reached: too many requests"}`)
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		return
	}
	switch svc {
	case "ntfy":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"fake1","time":1,"event":"message","topic":"t"}`)
	case "discord":
		w.WriteHeader(http.StatusNoContent)
	case "slack":
		io.WriteString(w, "ok")
	case "telegram":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true,"result":{"message_id":1}}`)
	default:
		w.WriteHeader(http.StatusOK)
	}
}
