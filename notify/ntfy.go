package notify

import (
	"context"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"safeharbor/exchanges"
)

// Ntfy posts to an ntfy topic URL: the body is the text, the title,
// priority, tags and click link go in headers. A token is sent as
// "Authorization: Bearer".
type Ntfy struct {
	name  string
	topic *url.URL
	token string
	http  httpPoster
}

// NewNtfy makes an ntfy channel for a topic URL (https://ntfy.sh/mytopic).
func NewNtfy(name, topicURL, token string, client *http.Client) (*Ntfy, error) {
	u, err := parseEndpoint(topicURL)
	if err != nil {
		return nil, err
	}
	if strings.Trim(u.Path, "/") == "" {
		return nil, errString("ntfy url needs a topic path, e.g. https://ntfy.sh/mytopic")
	}
	return &Ntfy{name: name, topic: u, token: token, http: httpPoster{name, client}}, nil
}

func (n *Ntfy) Name() string { return n.name }

func (n *Ntfy) Send(ctx context.Context, m Message) error {
	h := http.Header{}
	h.Set("Title", headerText(m.Title))
	h.Set("Priority", ntfyPriority(m))
	h.Set("Tags", ntfyTags(m))
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if m.URL != "" {
		h.Set("Click", m.URL)
	}
	if n.token != "" {
		h.Set("Authorization", "Bearer "+n.token)
	}
	r, err := n.http.post(ctx, n.topic, h, []byte(m.Body))
	if err != nil {
		return err
	}
	if r.status/100 != 2 {
		return classify(n.name, r, jsonField(r.body, "error"))
	}
	return nil
}

func ntfyPriority(m Message) string {
	switch {
	case m.Kind == KindRecovery || m.Kind == KindTest:
		return "default"
	case m.Level == exchanges.Outage:
		return "urgent"
	case m.Level == exchanges.Restricted || m.Level == exchanges.Maintenance || m.Kind == KindOverrun:
		return "high"
	}
	return "default"
}

func ntfyTags(m Message) string {
	switch {
	case m.Kind == KindRecovery:
		return "white_check_mark"
	case m.Kind == KindPreWarning:
		return "calendar"
	case m.Kind == KindTest:
		return "test_tube"
	case m.Level == exchanges.Outage:
		return "rotating_light"
	}
	return "warning"
}

// headerText makes a header-safe title: RFC 2047 for non-ASCII (ntfy
// decodes it), no control characters.
func headerText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	for _, r := range s {
		if r > unicode.MaxASCII {
			return mime.BEncoding.Encode("UTF-8", s)
		}
	}
	return s
}

type errString string

func (e errString) Error() string { return string(e) }
