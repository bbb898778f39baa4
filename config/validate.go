package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"safeharbor/exchanges"
)

// Validate checks every value (SPEC §5). Parse and Load call it; call it
// again after changing a Config in code (the settings screen) before Save.
func (c Config) Validate() error {
	if err := c.validate(nil, nil); err != nil {
		err.File = c.Path
		return err
	}
	return nil
}

// validator collects the first problem, with the line of its key when
// the config came from a file.
type validator struct {
	line func(string) int
	has  func(string) bool
	err  *Error
}

func (v *validator) fail(key, format string, args ...any) {
	if v.err != nil {
		return
	}
	v.err = errorf(key, format, args...)
	if v.line != nil {
		v.err.Line = v.line(key)
	}
}

func (v *validator) written(key string) bool { return v.has != nil && v.has(key) }

func (c Config) validate(line func(string) int, has func(string) bool) *Error {
	v := &validator{line: line, has: has}
	switch c.Language {
	case "", "ja", "en":
	default:
		v.fail("language", "%s is not a supported language (want \"ja\" or \"en\")", q(c.Language))
	}
	v.duration("interval", c.Interval, time.Second, 24*time.Hour, false)
	v.count("failures", c.Failures, 1, 100)
	v.count("successes", c.Successes, 1, 100)
	for i, u := range c.Connectivity.URLs {
		v.url(fmt.Sprintf("connectivity.urls[%d]", i), u, "http")
	}
	c.validateExchanges(v)
	c.validateNotify(v)
	a := c.Alerts
	v.duration("alerts.reminder", a.Reminder, time.Minute, 7*24*time.Hour, true)
	v.duration("alerts.group_window", a.GroupWindow, time.Second, 10*time.Minute, true)
	v.duration("alerts.pre_warning", a.PreWarning, time.Minute, 7*24*time.Hour, true)
	if a.QuietHours != "" && !quietRE.MatchString(a.QuietHours) {
		v.fail("alerts.quiet_hours", "%s is not a time range (e.g. \"23:00-07:00\")", q(a.QuietHours))
	}
	w := c.Wallet
	switch w.Network {
	case "mainnet", "testnet", "signet", "regtest":
	default:
		v.fail("wallet.network", "%s is not a network (want mainnet, testnet, signet or regtest)", q(w.Network))
	}
	if w.Esplora != "" {
		v.url("wallet.esplora", w.Esplora, "http")
	}
	if w.RPC != "" {
		if _, port, err := net.SplitHostPort(w.RPC); err != nil || port == "" {
			v.fail("wallet.rpc", "%s is not host:port (e.g. \"127.0.0.1:8332\")", q(w.RPC))
		}
	}
	v.count("wallet.confirmations", w.Confirmations, 1, 100)
	v.count("wallet.gap_limit", w.GapLimit, 1, 1000)
	v.duration("wallet.stuck_after", w.StuckAfter, time.Minute, 30*24*time.Hour, false)
	v.duration("history.retention", c.History.Retention, time.Hour, 100*8760*time.Hour, false)
	return v.err
}

var (
	quietRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
	idRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
)

func (c Config) validateExchanges(v *validator) {
	seen := map[string]int{}
	for i, e := range c.Exchanges {
		k := fmt.Sprintf("exchange[%d]", i)
		switch {
		case e.ID == "":
			v.fail(k, "missing id (a catalog id such as \"bitbank\", or your own for a custom endpoint)")
			continue
		case !idRE.MatchString(e.ID):
			v.fail(k+".id", "%s is not a valid id (lower-case letters, digits, - and _)", q(e.ID))
			continue
		}
		if j, dup := seen[e.ID]; dup {
			v.fail(k+".id", "%s is listed twice (also exchange[%d])", q(e.ID), j)
		}
		seen[e.ID] = i
		if e.Interval.Duration != 0 || v.written(k+".interval") {
			v.duration(k+".interval", e.Interval, time.Second, 24*time.Hour, false)
		}
		for j, p := range e.Pairs {
			if strings.TrimSpace(p) == "" || len(p) > 32 {
				v.fail(fmt.Sprintf("%s.pairs[%d]", k, j), "%s is not a pair name (e.g. \"btc_jpy\")", q(p))
			}
		}
		if IsCatalogID(e.ID) {
			if e.URL != "" || e.Path != "" || len(e.OK) > 0 {
				v.fail(k+".url", "url, path and ok are for custom endpoints; %s is a built-in exchange (use api/public/statuspage/ws to override its endpoints)", q(e.ID))
			}
			v.override(k+".api", e.API, "http")
			v.override(k+".public", e.Public, "http")
			v.override(k+".statuspage", e.StatusPage, "http")
			v.override(k+".ws", e.WS, "ws")
			continue
		}
		// A custom endpoint.
		if e.URL == "" {
			v.fail(k+".id", "unknown exchange %s (built-in: %s); a custom endpoint needs name, url, path and ok", q(e.ID), strings.Join(exchanges.Order, ", "))
			continue
		}
		if e.Name == "" {
			v.fail(k+".name", "a custom endpoint needs a name")
		}
		v.url(k+".url", e.URL, "http")
		if e.Path == "" {
			v.fail(k+".path", "a custom endpoint needs a gjson path to the status value (e.g. \"status.indicator\")")
		}
		if len(e.OK) == 0 {
			v.fail(k+".ok", "a custom endpoint needs the values that mean operational (e.g. [\"none\", \"ok\"])")
		}
		if e.API != "" || e.Public != "" || e.StatusPage != "" || e.WS != "" {
			v.fail(k+".api", "api/public/statuspage/ws overrides are for built-in exchanges only")
		}
	}
}

// IsCatalogID reports whether id names a built-in exchange. exchanges.Order
// is the contract's list; the registry may hold more.
func IsCatalogID(id string) bool {
	if _, ok := exchanges.Lookup(id); ok {
		return true
	}
	return slices.Contains(exchanges.Order, id)
}

var notifyKinds = []string{"ntfy", "discord", "slack", "telegram", "webhook"}

func (c Config) validateNotify(v *validator) {
	for i, n := range c.Notify {
		k := fmt.Sprintf("notify[%d]", i)
		if !slices.Contains(notifyKinds, n.Kind) {
			v.fail(k+".kind", "%s is not a notification kind (want %s)", q(n.Kind), strings.Join(notifyKinds, ", "))
		}
		// Webhook URLs often embed a secret (Discord, Slack): never echo them.
		if n.URL == "" {
			if n.Kind != "telegram" {
				v.fail(k+".url", "missing url")
			}
		} else {
			v.secretURL(k+".url", n.URL)
		}
		if n.Kind == "telegram" && n.ChatID == "" {
			v.fail(k+".chat_id", "telegram needs chat_id")
		}
		if n.Token != "" {
			name, ok := strings.CutPrefix(n.Token, "keyring:")
			if !ok || strings.TrimSpace(name) == "" {
				// Never echo the value: it may be the secret itself.
				v.fail(k+".token", "must be a keyring reference like \"keyring:notify/%s\", not the secret itself; store it with 'safeharbor secrets set notify/%s'", n.Kind, n.Kind)
			}
		}
		if n.MinLevel != "" {
			if _, err := exchanges.ParseLevel(n.MinLevel); err != nil {
				v.fail(k+".min_level", "%s is not a level (want operational, degraded, restricted, maintenance, outage or unknown)", q(n.MinLevel))
			}
		}
		switch n.Language {
		case "", "ja", "en":
		default:
			v.fail(k+".language", "%s is not a supported language (want \"ja\" or \"en\")", q(n.Language))
		}
	}
}

// duration checks min <= d <= max; zero is allowed only when it means "off".
func (v *validator) duration(key string, d Duration, min, max time.Duration, offOK bool) {
	switch {
	case d.Duration == 0 && offOK:
	case d.Duration <= 0:
		v.fail(key, "must be a positive duration (e.g. \"15s\")")
	case d.Duration < min:
		v.fail(key, "%s is too short (minimum %s)", q(d.String()), D(min))
	case d.Duration > max:
		v.fail(key, "%s is too long (maximum %s)", q(d.String()), D(max))
	}
}

func (v *validator) count(key string, n, min, max int) {
	if n < min || n > max {
		v.fail(key, "%d is out of range (%d to %d)", n, min, max)
	}
}

// override checks a base-URL override: "off", or a URL of the family.
func (v *validator) override(key, s, family string) {
	if s == "" || s == exchanges.Off {
		return
	}
	v.url(key, s, family)
}

// url checks an http(s) or ws(s) URL; plain http/ws only for loopback.
func (v *validator) url(key, s, family string) {
	if msg := checkURL(s, family); msg != "" {
		v.fail(key, "%s %s", q(s), msg)
	}
}

// secretURL is url without echoing the value.
func (v *validator) secretURL(key, s string) {
	if msg := checkURL(s, "http"); msg != "" {
		v.fail(key, "the URL %s", msg)
	}
}

func checkURL(s, family string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return "is not a valid URL"
	}
	if u.User != nil {
		return "must not contain a user or password (keep secrets in the keyring)"
	}
	secure, plain := "https", "http"
	if family == "ws" {
		secure, plain = "wss", "ws"
	}
	switch u.Scheme {
	case secure:
		return ""
	case plain:
		if IsLoopback(u.Hostname()) {
			return ""
		}
		return fmt.Sprintf("must use %s:// (plain %s:// only for loopback hosts)", secure, plain)
	}
	return fmt.Sprintf("must be a %s:// URL", secure)
}

// IsLoopback reports whether host is localhost, 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// q quotes a user value for an error message, clipped so a pasted blob
// does not flood the terminal.
func q(s string) string { return strconv.Quote(clip(s, 60)) }
