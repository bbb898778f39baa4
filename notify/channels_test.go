package notify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

var testMsg = Message{ID: "m1", Kind: KindChange, Time: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), Level: exchanges.Outage,
	Exchanges: []string{"bitbank"}, Title: "bitbank で障害が発生しています", Body: "取引を一時停止してください。<b>&", URL: "https://status.bitbank.cc/"}

// captured is one request a fake service received.
type captured struct {
	method, path string
	header       http.Header
	body         []byte
}

// fakeService answers with status/body and hands each request to the test.
func fakeService(t *testing.T, status int, body string, header http.Header) (*httptest.Server, <-chan captured) {
	t.Helper()
	got := make(chan captured, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- captured{r.Method, r.URL.Path, r.Header.Clone(), b}
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestNtfyRequest(t *testing.T) {
	srv, got := fakeService(t, 200, `{"id":"x"}`, nil)
	ch, err := NewNtfy("ntfy", srv.URL+"/safeharbor-topic", "tk_secret", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Send(context.Background(), testMsg); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if r.method != "POST" || r.path != "/safeharbor-topic" || string(r.body) != testMsg.Body {
		t.Fatalf("%s %s %q", r.method, r.path, r.body)
	}
	h := r.header
	if h.Get("Priority") != "urgent" || h.Get("Tags") != "rotating_light" || h.Get("Click") != testMsg.URL ||
		h.Get("Authorization") != "Bearer tk_secret" || !strings.HasPrefix(h.Get("Title"), "=?UTF-8?b?") {
		t.Fatalf("headers %v", h)
	}
	if _, err := NewNtfy("ntfy", srv.URL, "", nil); err == nil {
		t.Fatal("topic-less URL accepted")
	}
	if _, err := NewNtfy("ntfy", "http://example.com/t", "", nil); err == nil {
		t.Fatal("plain http to a non-loopback host accepted")
	}
}

func TestDiscordRequestAndRateLimit(t *testing.T) {
	srv, got := fakeService(t, 204, "", nil)
	ch, _ := NewDiscord("discord", srv.URL+"/api/webhooks/1/tok", srv.Client())
	if err := ch.Send(context.Background(), testMsg); err != nil {
		t.Fatal(err)
	}
	r := <-got
	var body struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title, Description, URL string
			Color                   int
		} `json:"embeds"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || r.path != "/api/webhooks/1/tok" || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("%v %s", err, r.path)
	}
	if body.Content != testMsg.Title || len(body.Embeds) != 1 || body.Embeds[0].Description != testMsg.Body || body.Embeds[0].URL != testMsg.URL || body.Embeds[0].Color != 0xe74c3c {
		t.Fatalf("%+v", body)
	}
	srv429, _ := fakeService(t, 429, `{"message":"You are being rate limited.","retry_after":1.5,"global":false}`, nil)
	ch, _ = NewDiscord("discord", srv429.URL+"/api/webhooks/1/tok", srv429.Client())
	err := ch.Send(context.Background(), testMsg)
	retry, after := IsRetryable(err)
	if !retry || after != 1500*time.Millisecond {
		t.Fatalf("429: %v %v %v", err, retry, after)
	}
	if strings.Contains(err.Error(), "tok") {
		t.Fatalf("error leaks the webhook path: %v", err)
	}
	srv404, _ := fakeService(t, 404, `{"message":"Unknown Webhook","code":10015}`, nil)
	ch, _ = NewDiscord("discord", srv404.URL+"/api/webhooks/1/tok", srv404.Client())
	if retry, _ := IsRetryable(ch.Send(context.Background(), testMsg)); retry {
		t.Fatal("404 must be permanent")
	}
}

func TestSlackRequest(t *testing.T) {
	srv, got := fakeService(t, 200, "ok", nil)
	ch, _ := NewSlack("slack", srv.URL+"/services/T/B/X", srv.Client())
	if err := ch.Send(context.Background(), testMsg); err != nil {
		t.Fatal(err)
	}
	r := <-got
	var body struct {
		Text   string `json:"text"`
		Blocks []struct {
			Type string `json:"type"`
			Text struct{ Type, Text string }
		} `json:"blocks"`
	}
	json.Unmarshal(r.body, &body)
	if !strings.Contains(body.Text, "&lt;b&gt;&amp;") || len(body.Blocks) != 3 || body.Blocks[0].Type != "header" || body.Blocks[1].Text.Type != "mrkdwn" {
		t.Fatalf("%s", r.body)
	}
	for _, tc := range []struct {
		status int
		body   string
		retry  bool
	}{{400, "invalid_payload", false}, {410, "channel_is_archived", false}, {500, "oops", true}, {200, "not ok", true}} {
		srv, _ := fakeService(t, tc.status, tc.body, nil)
		ch, _ := NewSlack("slack", srv.URL+"/services/T/B/X", srv.Client())
		err := ch.Send(context.Background(), testMsg)
		if retry, _ := IsRetryable(err); err == nil || retry != tc.retry {
			t.Errorf("%d %s: %v retry=%v", tc.status, tc.body, err, retry)
		}
	}
}

func TestTelegramRequestAndRedaction(t *testing.T) {
	const token = "123456:AAE-secret-token"
	srv, got := fakeService(t, 200, `{"ok":true,"result":{"message_id":1}}`, nil)
	ch, err := NewTelegram("telegram", srv.URL, token, "-100200", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if err := ch.Send(context.Background(), testMsg); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if r.path != "/bot"+token+"/sendMessage" {
		t.Fatalf("path %s", r.path)
	}
	var body map[string]any
	json.Unmarshal(r.body, &body)
	if body["chat_id"] != "-100200" || body["parse_mode"] != "HTML" || body["disable_web_page_preview"] != true ||
		!strings.HasPrefix(body["text"].(string), "<b>bitbank") || !strings.Contains(body["text"].(string), "&lt;b&gt;&amp;") {
		t.Fatalf("%v", body)
	}
	srv429, _ := fakeService(t, 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7 (bot`+token+`)","parameters":{"retry_after":7}}`, nil)
	ch, _ = NewTelegram("telegram", srv429.URL, token, "1", srv429.Client())
	err = ch.Send(context.Background(), testMsg)
	if retry, after := IsRetryable(err); !retry || after != 7*time.Second || strings.Contains(err.Error(), token) {
		t.Fatalf("%v", err)
	}
	dead, err := fakex.Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	ch, _ = NewTelegram("telegram", dead.URL(), token, "1", nil)
	err = ch.Send(context.Background(), testMsg)
	if retry, _ := IsRetryable(err); err == nil || !retry || strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "secret") {
		t.Fatalf("dead server: %v", err)
	}
	srv401, _ := fakeService(t, 401, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, nil)
	ch, _ = NewTelegram("telegram", srv401.URL, token, "1", srv401.Client())
	if retry, _ := IsRetryable(ch.Send(context.Background(), testMsg)); retry {
		t.Fatal("401 must be permanent")
	}
}

func TestWebhookRequest(t *testing.T) {
	srv, got := fakeService(t, 202, "", nil)
	ch, _ := NewWebhook("webhook", srv.URL+"/hook", "wh_token", srv.Client())
	m := testMsg
	m.Details = []Detail{{Exchange: "bitbank", Level: exchanges.Outage, Previous: exchanges.Operational, Summary: "Trading halted on btc_jpy"}}
	if err := ch.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	r := <-got
	var p map[string]any
	json.Unmarshal(r.body, &p)
	if r.header.Get("Authorization") != "Bearer wh_token" || r.header.Get("Idempotency-Key") != "m1" ||
		p["id"] != "m1" || p["level"] != "outage" || p["kind"] != "change" || p["changes"].([]any)[0].(map[string]any)["previous"] != "operational" {
		t.Fatalf("%v %s", r.header, r.body)
	}
	srv5, _ := fakeService(t, 503, "", http.Header{"Retry-After": {"30"}})
	ch, _ = NewWebhook("webhook", srv5.URL+"/hook", "", srv5.Client())
	if retry, after := IsRetryable(ch.Send(context.Background(), m)); !retry || after != 30*time.Second {
		t.Fatal("503 with Retry-After")
	}
}

func TestSendRespectsContext(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	ch, _ := NewWebhook("webhook", srv.URL, "", srv.Client())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := ch.Send(ctx, testMsg)
	if retry, _ := IsRetryable(err); err == nil || !retry {
		t.Fatalf("%v", err)
	}
}

type answer func(*http.Request) (*http.Response, error)

func (a answer) RoundTrip(r *http.Request) (*http.Response, error) { return a(r) }

// FuzzChannelAnswers feeds arbitrary service answers to every channel:
// never a panic, never a delivery claimed on a non-2xx answer.
func FuzzChannelAnswers(f *testing.F) {
	f.Add(429, `{"retry_after":1.5}`, "2")
	f.Add(200, `{"ok":false,"parameters":{"retry_after":"x"}}`, "")
	f.Add(200, "ok", "")
	f.Add(200, `{"ok":true}`, "")
	f.Add(500, "\xff\xfe", "1e309")
	f.Add(204, "", "-1")
	f.Fuzz(func(t *testing.T, status int, body, retryAfter string) {
		if status < 100 || status > 599 {
			return
		}
		client := &http.Client{Transport: answer(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(body)),
				Header: http.Header{"Retry-After": {retryAfter}}, Request: r}, nil
		})}
		var chs []Channel
		n, _ := NewNtfy("ntfy", "https://ntfy.example/t", "", client)
		d, _ := NewDiscord("discord", "https://discord.example/api/webhooks/1/x", client)
		s, _ := NewSlack("slack", "https://hooks.example/services/x", client)
		tg, _ := NewTelegram("telegram", "https://api.example", "1:tok", "1", client)
		w, _ := NewWebhook("webhook", "https://hook.example/x", "", client)
		chs = append(chs, n, d, s, tg, w)
		for _, ch := range chs {
			err := ch.Send(context.Background(), testMsg)
			if err == nil && status/100 != 2 {
				t.Fatalf("%s: delivery claimed on HTTP %d", ch.Name(), status)
			}
			if err != nil {
				if _, after := IsRetryable(err); after < 0 || after > 24*time.Hour {
					t.Fatalf("%s: retry after %v", ch.Name(), after)
				}
			}
		}
	})
}
