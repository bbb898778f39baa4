package jatest

import (
	"regexp"
	"strings"
	"sync"

	"safeharbor/exchanges"
)

// Checker finds English words in Japanese text. It is safe for
// concurrent use.
type Checker struct {
	mu      sync.Mutex
	allowed map[string]bool // pair codes and other words a sentence may keep
}

// New returns a checker that allows every listed exchange's default pairs.
func New() *Checker {
	c := &Checker{allowed: map[string]bool{}}
	for _, id := range exchanges.Order {
		if x, ok := exchanges.Lookup(id); ok {
			c.Allow(x.DefaultPairs...)
		}
	}
	return c
}

// Allow lets words (pair codes, typically) stand in a Japanese sentence.
func (c *Checker) Allow(words ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, w := range words {
		c.allowed[w] = true
	}
}

var (
	reOfficial = regexp.MustCompile(`「[^」]*」`)
	reWord     = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_\-/.]*[A-Za-z0-9]|[A-Za-z]`)
	reDigit    = regexp.MustCompile(`[0-9]`)
	// rePair is a trading pair's code, which no sentence translates:
	// SOL-USD, btc_jpy, ETH/BTC (an exchange lists more than its defaults).
	rePair = regexp.MustCompile(`^(?:[A-Z0-9]{2,10}[-_/][A-Z0-9]{2,10}|[a-z0-9]{2,10}_[a-z0-9]{2,10})$`)
	// reConfigKeys are config file keys the user types: [wallet] esplora.
	reConfigKeys = regexp.MustCompile(`\[[a-z_.]+\]( [a-z_]+)*( または [a-z_]+)?`)
	// always are the ASCII words any Japanese sentence may keep.
	always = map[string]bool{"HTTP": true, "API": true, "URL": true, "SafeHarbor": true}
)

// English returns the English words left in ja outside the exchange's own
// words (「…」) that are not an exchange's name, an allowed word, a number
// or code (anything with a digit), a pair code, a single letter other than "a", HTTP,
// API, URL or SafeHarbor, or a config key.
func (c *Checker) English(ja string) []string {
	s := reOfficial.ReplaceAllString(ja, " ")
	s = reConfigKeys.ReplaceAllString(s, " ")
	for _, id := range exchanges.Order {
		if x, ok := exchanges.Lookup(id); ok {
			s = strings.ReplaceAll(s, x.Name, " ")
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, w := range reWord.FindAllString(s, -1) {
		if always[w] || c.allowed[w] || reDigit.MatchString(w) || rePair.MatchString(w) || (len(w) == 1 && w != "a") {
			continue
		}
		out = append(out, w)
	}
	return out
}
