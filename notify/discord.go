package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/tidwall/gjson"

	"safeharbor/exchanges"
)

// Discord posts to a Discord webhook URL (which is itself a credential).
// Success is 204 (or 200 with ?wait=true); 429 carries retry_after seconds.
type Discord struct {
	name string
	hook *url.URL
	http httpPoster
}

// NewDiscord makes a Discord channel for a webhook URL.
func NewDiscord(name, webhookURL string, client *http.Client) (*Discord, error) {
	u, err := parseEndpoint(webhookURL)
	if err != nil {
		return nil, err
	}
	return &Discord{name: name, hook: u, http: httpPoster{name, client}}, nil
}

func (d *Discord) Name() string { return d.name }

type discordEmbed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url,omitempty"`
	Color       int    `json:"color"`
}

func (d *Discord) Send(ctx context.Context, m Message) error {
	body, err := json.Marshal(struct {
		Content string         `json:"content"`
		Embeds  []discordEmbed `json:"embeds"`
	}{
		Content: clip(m.Title, 2000),
		Embeds:  []discordEmbed{{Title: clip(m.Title, 256), Description: clip(m.Body, 4096), URL: m.URL, Color: levelColor(m)}},
	})
	if err != nil {
		return err
	}
	r, err := d.http.post(ctx, d.hook, http.Header{"Content-Type": {"application/json"}}, body)
	if err != nil {
		return err
	}
	if r.status == http.StatusNoContent || r.status == http.StatusOK {
		return nil
	}
	e := classify(d.name, r, jsonField(r.body, "message"))
	if r.status == http.StatusTooManyRequests {
		if s := gjson.GetBytes(r.body, "retry_after"); gjson.ValidBytes(r.body) && s.Type == gjson.Number && s.Float() > 0 && s.Float() < 86400 {
			e.RetryAfter = time.Duration(s.Float() * float64(time.Second))
		}
	}
	return e
}

// levelColor is the embed's side bar: red outage, orange restricted or
// maintenance, yellow degraded, green recovery, blue otherwise.
func levelColor(m Message) int {
	switch {
	case m.Kind == KindRecovery:
		return 0x2ecc71
	case m.Level == exchanges.Outage:
		return 0xe74c3c
	case m.Level == exchanges.Restricted || m.Level == exchanges.Maintenance:
		return 0xe67e22
	case m.Level == exchanges.Degraded:
		return 0xf1c40f
	}
	return 0x3498db
}

// jsonField reads one string field of a service's JSON error answer.
func jsonField(b []byte, path string) string {
	if !gjson.ValidBytes(b) {
		return ""
	}
	v := gjson.GetBytes(b, path)
	if !v.Exists() {
		return ""
	}
	return clip(v.String(), 200)
}
