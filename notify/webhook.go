package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"safeharbor/exchanges"
)

// Webhook POSTs the message as JSON to any URL; any 2xx is a delivery.
// A token is sent as "Authorization: Bearer".
type Webhook struct {
	name  string
	u     *url.URL
	token string
	http  httpPoster
}

// NewWebhook makes a generic JSON webhook channel.
func NewWebhook(name, rawURL, token string, client *http.Client) (*Webhook, error) {
	u, err := parseEndpoint(rawURL)
	if err != nil {
		return nil, err
	}
	return &Webhook{name: name, u: u, token: token, http: httpPoster{name, client}}, nil
}

func (w *Webhook) Name() string { return w.name }

// WebhookPayload is the documented JSON body of the generic webhook.
type WebhookPayload struct {
	ID        string          `json:"id"`
	Kind      Kind            `json:"kind"`
	Time      time.Time       `json:"time"`
	Level     exchanges.Level `json:"level"`
	Exchanges []string        `json:"exchanges"`
	Title     string          `json:"title"`
	Body      string          `json:"body"`
	URL       string          `json:"url,omitempty"`
	Changes   []Detail        `json:"changes,omitempty"`
}

func (w *Webhook) Send(ctx context.Context, m Message) error {
	body, err := json.Marshal(WebhookPayload{ID: m.ID, Kind: m.Kind, Time: m.Time.UTC(), Level: m.Level,
		Exchanges: m.Exchanges, Title: m.Title, Body: m.Body, URL: m.URL, Changes: m.Details})
	if err != nil {
		return err
	}
	h := http.Header{"Content-Type": {"application/json"}, "Idempotency-Key": {m.ID}}
	if w.token != "" {
		h.Set("Authorization", "Bearer "+w.token)
	}
	r, err := w.http.post(ctx, w.u, h, body)
	if err != nil {
		return err
	}
	if r.status/100 == 2 {
		return nil
	}
	return classify(w.name, r, "")
}
