package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Slack posts to a Slack incoming-webhook URL (itself a credential). The
// answer to a good post is the body "ok".
type Slack struct {
	name string
	hook *url.URL
	http httpPoster
}

// NewSlack makes a Slack channel for an incoming-webhook URL.
func NewSlack(name, webhookURL string, client *http.Client) (*Slack, error) {
	u, err := parseEndpoint(webhookURL)
	if err != nil {
		return nil, err
	}
	return &Slack{name: name, hook: u, http: httpPoster{name, client}}, nil
}

func (s *Slack) Name() string { return s.name }

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Elements []slackText `json:"elements,omitempty"`
}

func (s *Slack) Send(ctx context.Context, m Message) error {
	blocks := []slackBlock{
		{Type: "header", Text: &slackText{"plain_text", clip(m.Title, 150)}},
		{Type: "section", Text: &slackText{"mrkdwn", clip(slackEscape(m.Body), 3000)}},
	}
	if m.URL != "" {
		blocks = append(blocks, slackBlock{Type: "context", Elements: []slackText{{"mrkdwn", "<" + slackEscape(m.URL) + ">"}}})
	}
	body, err := json.Marshal(struct {
		Text   string       `json:"text"`
		Blocks []slackBlock `json:"blocks"`
	}{Text: slackEscape(m.Title + "\n" + m.Body), Blocks: blocks})
	if err != nil {
		return err
	}
	r, err := s.http.post(ctx, s.hook, http.Header{"Content-Type": {"application/json"}}, body)
	if err != nil {
		return err
	}
	if r.status == http.StatusOK && strings.TrimSpace(string(r.body)) == "ok" {
		return nil
	}
	if r.status == http.StatusOK {
		// 200 without "ok" is not a confirmed delivery.
		return &SendError{Channel: s.name, Status: r.status, Retryable: true, Detail: "unexpected answer " + quoteClip(r.body)}
	}
	return classify(s.name, r, clip(string(r.body), 100))
}

// slackEscape escapes the three characters Slack's mrkdwn reserves.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func quoteClip(b []byte) string { return "\"" + clip(string(b), 60) + "\"" }
