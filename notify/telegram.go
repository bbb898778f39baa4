package notify

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// DefaultTelegramAPI is the Bot API base URL.
const DefaultTelegramAPI = "https://api.telegram.org"

// Telegram sends through the Bot API: POST {base}/bot<token>/sendMessage.
// The token is part of the path, so no error or log line ever carries the
// URL (see SendError).
type Telegram struct {
	name   string
	base   *url.URL
	token  string
	chatID string
	http   httpPoster
}

// NewTelegram makes a Telegram channel. base is DefaultTelegramAPI unless
// a test or proxy overrides it.
func NewTelegram(name, base, token, chatID string, client *http.Client) (*Telegram, error) {
	if base == "" {
		base = DefaultTelegramAPI
	}
	u, err := parseEndpoint(base)
	if err != nil {
		return nil, err
	}
	if token == "" || strings.ContainsAny(token, "/?#% ") {
		return nil, errString("telegram needs a bot token (from the keyring) without / ? # or spaces")
	}
	if chatID == "" {
		return nil, errString("telegram needs chat_id")
	}
	return &Telegram{name: name, base: u, token: token, chatID: chatID, http: httpPoster{name, client}}, nil
}

func (t *Telegram) Name() string { return t.name }

func (t *Telegram) Send(ctx context.Context, m Message) error {
	text := "<b>" + html.EscapeString(m.Title) + "</b>\n" + html.EscapeString(m.Body)
	if m.URL != "" {
		text += "\n" + html.EscapeString(m.URL)
	}
	body, err := json.Marshal(map[string]any{
		"chat_id":                  t.chatID,
		"text":                     clip(text, 4096),
		"parse_mode":               "HTML",
		"disable_web_page_preview": true,
	})
	if err != nil {
		return err
	}
	u := *t.base
	u.Path = strings.TrimRight(u.Path, "/") + "/bot" + t.token + "/sendMessage"
	r, err := t.http.post(ctx, &u, http.Header{"Content-Type": {"application/json"}}, body)
	if err != nil {
		return t.redact(err)
	}
	ok := gjson.ValidBytes(r.body) && gjson.GetBytes(r.body, "ok").Bool()
	if r.status == http.StatusOK && ok {
		return nil
	}
	e := classify(t.name, r, t.redactText(jsonField(r.body, "description")))
	if ra := gjson.GetBytes(r.body, "parameters.retry_after"); gjson.ValidBytes(r.body) && ra.Type == gjson.Number && ra.Float() > 0 && ra.Float() < 86400 {
		e.RetryAfter = time.Duration(ra.Float() * float64(time.Second))
		e.Retryable = true
	}
	if r.status == http.StatusOK {
		e.Detail, e.Retryable = "answer without ok:true", true
	}
	return e
}

// redact removes the token from any text, belt and braces.
func (t *Telegram) redact(err error) error {
	if se, ok := err.(*SendError); ok {
		se.Detail = t.redactText(se.Detail)
		return se
	}
	return errString(t.redactText(err.Error()))
}

func (t *Telegram) redactText(s string) string {
	if t.token == "" {
		return s
	}
	return strings.ReplaceAll(s, t.token, "<redacted>")
}
