package config

import (
	"strings"
	"time"

	"safeharbor/exchanges"
)

// Default is the config used when there is no file, and the base every
// file is read onto: a key the file leaves out keeps its default.
func Default() Config {
	desktop := true
	c := Config{
		Interval:  D(15 * time.Second),
		Failures:  3,
		Successes: 2,
		Connectivity: Connectivity{URLs: []string{
			// Neutral, highly available hosts that answer HEAD/GET quickly.
			"https://www.google.com/generate_204",
			"https://www.cloudflare.com/cdn-cgi/trace",
			"https://www.apple.com/library/test/success.html",
		}},
		Alerts: Alerts{
			Reminder:    D(30 * time.Minute),
			GroupWindow: D(20 * time.Second),
			PreWarning:  D(30 * time.Minute),
			Desktop:     &desktop,
		},
		Wallet: Wallet{
			Network:       "mainnet",
			Esplora:       "https://mempool.space",
			Confirmations: 3,
			StuckAfter:    D(2 * time.Hour),
			GapLimit:      20,
		},
		History: History{Retention: D(8760 * time.Hour)},
	}
	for _, id := range exchanges.Order {
		c.Exchanges = append(c.Exchanges, Exchange{ID: id})
	}
	return c
}

// SystemLanguage picks "ja" or "en" from the POSIX locale variables, in
// their precedence order (LC_ALL, LC_MESSAGES, LANG); anything but
// Japanese is English.
func SystemLanguage(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "ja") {
			return "ja"
		}
		return "en"
	}
	return "en"
}

// Lang is the language to speak: the configured one, else the system's.
func (c Config) Lang(getenv func(string) string) string {
	if c.Language != "" {
		return c.Language
	}
	return SystemLanguage(getenv)
}

// DesktopEnabled reports whether desktop notifications are on (default true).
func (a Alerts) DesktopEnabled() bool { return a.Desktop == nil || *a.Desktop }

// IntervalFor is the poll interval of one watched exchange.
func (c Config) IntervalFor(e Exchange) time.Duration {
	if e.Interval.Duration > 0 {
		return e.Interval.Duration
	}
	return c.Interval.Duration
}

// Overrides returns the exchange's base-URL overrides as catalog Endpoints.
func (e Exchange) Overrides() exchanges.Endpoints {
	return exchanges.Endpoints{API: e.API, Public: e.Public, StatusPage: e.StatusPage, WS: e.WS}
}

// IDs lists the watched exchange ids in config order.
func (c Config) IDs() []string {
	ids := make([]string, len(c.Exchanges))
	for i, e := range c.Exchanges {
		ids[i] = e.ID
	}
	return ids
}
