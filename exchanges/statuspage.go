package exchanges

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// StatusPageProbe checks an Atlassian Statuspage v2 site (status.kraken.com,
// status.coinbase.com, ...) through its public summary.json.
func StatusPageProbe(base string) Probe {
	return Probe{
		Name:   "summary.json",
		Source: SourceStatusPage,
		URL:    Join(base, "/api/v2/summary.json"),
		Parse:  ParseStatusPage,
	}
}

// spClass is what a status-page component means to a trader.
type spClass int

const (
	spOther   spClass = iota // support, staking, marketing: named, never more than degraded
	spTrading                // order entry, matching, API, website, login
	spFunding                // deposits, withdrawals, a coin's network: never an outage
)

// Words (lower-case, whole words) that put a component in a class. Money
// movement wins over trading so "Digital Currency Funding - Ethereum (ETH)"
// or "Exchange deposits" never count as the trading engine; coin and
// network names come after the trading words, so "Bitcoin trading" is
// trading but "Solana" or "Bitcoin network" is funding.
var (
	spFundingWords = spWordSet("funding", "funds", "fund", "deposit", "deposits", "withdraw", "withdrawal",
		"withdrawals", "transfer", "transfers", "send", "sends", "sending", "receive", "receives", "receiving",
		"ach", "wire", "wires", "sepa", "swift", "fiat", "bank", "banking", "card", "cards", "payment", "payments")
	spTradingWords = spWordSet("trading", "trade", "trades", "exchange", "order", "orders", "ordering", "matching",
		"spot", "api", "apis", "rest", "websocket", "websockets", "ws", "fix", "website", "web", "login", "signin",
		"sign", "authentication", "margin", "futures", "derivatives", "perpetual", "perpetuals", "options",
		"market", "markets", "engine", "platform", "app", "apps", "mobile", "ios", "android", "account", "accounts",
		"advanced", "activetrader", "prime", "pro", "otc", "books", "book", "orderbook", "buy", "buys", "sell", "sells", "convert", "instant")
	spCoinWords = spWordSet("blockchain", "blockchains", "chain", "chains", "network", "networks", "wallet", "wallets",
		"bitcoin", "ethereum", "litecoin", "ripple", "solana", "cardano", "polkadot", "dogecoin", "tron",
		"polygon", "avalanche", "stellar", "tether", "usdc", "erc20", "trc20", "lightning")
	// A ticker in brackets, "(ETH)", marks a coin-specific (funding) component.
	spTickerRe = regexp.MustCompile(`\([A-Z0-9]{2,10}\)`)
	// Incident texts that name a documented trading restriction.
	spRestrictionRe = regexp.MustCompile(`(?i)\b(cancel[- ]only|post[- ]only|limit[- ]only|reduce[- ]only|circuit[- ]breaker?|halt(ed)?|suspended trading|trading (is )?(halted|suspended|disabled|paused))\b`)
)

func spWordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func spWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func spClassifyName(name string) (spClass, bool) {
	ws := spWords(name)
	for _, w := range ws {
		if spFundingWords[w] {
			return spFunding, true
		}
	}
	for _, w := range ws {
		if spTradingWords[w] {
			return spTrading, true
		}
	}
	for _, w := range ws {
		if spCoinWords[w] {
			return spFunding, true
		}
	}
	// After the trading words, so "Trading (FIX)" stays trading.
	if spTickerRe.MatchString(name) {
		return spFunding, true
	}
	return spOther, false
}

// spClassify decides by the component's own name first, then its group's.
func spClassify(name, group string) spClass {
	if c, ok := spClassifyName(name); ok {
		return c
	}
	if c, ok := spClassifyName(group); ok {
		return c
	}
	return spOther
}

func (c spClass) String() string {
	switch c {
	case spTrading:
		return "trading"
	case spFunding:
		return "funding"
	}
	return "other"
}

// spFinding is one contribution to the page's verdict.
type spFinding struct {
	level  Level
	reason string
	what   string // for the summary, e.g. `major outage on "Trading"`
}

// ParseStatusPage parses a Statuspage v2 summary.json. It is conservative:
// the page is authoritative, but a funding or coin-network problem is at
// most degraded (with withdrawals_suspended advice), never an outage, and
// scheduled maintenance that has not started is an annotation, not a level.
func ParseStatusPage(r Response) (Observation, error) {
	if r.StatusCode != 0 && (r.StatusCode < 200 || r.StatusCode > 299) {
		return Observation{}, fmt.Errorf("%w: status page answered HTTP %d", ErrNotStatus, r.StatusCode)
	}
	body := r.Body
	if !gjson.ValidBytes(body) {
		return Observation{}, fmt.Errorf("%w: status page body is not valid JSON (%d bytes)", ErrNotStatus, len(body))
	}
	doc := gjson.ParseBytes(body)
	if !doc.IsObject() {
		return Observation{}, fmt.Errorf("%w: status page body is not a JSON object", ErrNotStatus)
	}
	st := doc.Get("status")
	if !st.IsObject() {
		return Observation{}, fmt.Errorf("%w: status page has no status object", ErrNotStatus)
	}
	ind := st.Get("indicator")
	if ind.Type != gjson.String {
		return Observation{}, fmt.Errorf("%w: status page status.indicator missing or not a string", ErrNotStatus)
	}
	for _, k := range []string{"components", "incidents", "scheduled_maintenances"} {
		if v := doc.Get(k); v.Exists() && !v.IsArray() && v.Type != gjson.Null {
			return Observation{}, fmt.Errorf("%w: status page %s is not an array", ErrNotStatus, k)
		}
	}

	var (
		obs       = Observation{Authoritative: true}
		findings  []spFinding
		funding   bool     // a funding component or maintenance is down
		fundNames []string // what is down, for the summary
		compClass = map[string]spClass{}
	)
	add := func(l Level, reason, what string) {
		findings = append(findings, spFinding{level: l, reason: reason, what: what})
	}

	// Components: groups give their children a class by name; the group
	// entries themselves only echo their worst child, so skip them when
	// their children are listed.
	comps := doc.Get("components").Array()
	groupName := map[string]string{}
	hasChild := map[string]bool{}
	for _, c := range comps {
		if c.Get("group").Bool() {
			groupName[c.Get("id").String()] = c.Get("name").String()
		}
		if g := c.Get("group_id"); g.Type == gjson.String && g.Str != "" {
			hasChild[g.Str] = true
		}
	}
	for _, c := range comps {
		if !c.IsObject() {
			continue
		}
		id := c.Get("id").String()
		name := spClip(c.Get("name").String(), 120)
		if c.Get("group").Bool() && hasChild[id] {
			continue
		}
		class := spClassify(name, groupName[c.Get("group_id").String()])
		compClass[id] = class
		status := c.Get("status")
		if status.Type != gjson.String {
			add(Unknown, fmt.Sprintf("component %q has no status", name), fmt.Sprintf("no status for %q", name))
			continue
		}
		raw := status.Str
		label := fmt.Sprintf("component %q (%s) %s", name, class, spClip(raw, 64))
		switch raw {
		case "operational":
		case "degraded_performance":
			switch class {
			case spTrading:
				add(Degraded, label, fmt.Sprintf("degraded performance on %q", name))
			default:
				add(Operational, label, "")
			}
		case "partial_outage", "major_outage":
			word := strings.ReplaceAll(raw, "_", " ")
			switch class {
			case spTrading:
				l := Restricted
				if raw == "major_outage" {
					l = Outage
				}
				add(l, label, fmt.Sprintf("%s on %q", word, name))
			case spFunding:
				funding, fundNames = true, append(fundNames, name)
				add(Degraded, label, fmt.Sprintf("%s on %q (funding)", word, name))
			default:
				l := Operational
				if raw == "major_outage" {
					l = Degraded
				}
				add(l, label, fmt.Sprintf("%s on %q", word, name))
			}
		case "under_maintenance":
			switch class {
			case spTrading:
				add(Maintenance, label, fmt.Sprintf("maintenance on %q", name))
			case spFunding:
				funding, fundNames = true, append(fundNames, name)
				add(Operational, label, "")
			default:
				add(Operational, label, "")
			}
		default:
			add(Unknown, fmt.Sprintf("component %q unrecognised status %q", name, spClip(raw, 64)),
				fmt.Sprintf("unrecognised status %q on %q", spClip(raw, 64), name))
		}
	}

	// affects tells which class an incident or maintenance touches: the
	// worst-for-trading class among its listed components, or, with none
	// listed, a guess from its title (unclassified counts as trading: an
	// exchange-wide notice with no components is about the exchange).
	affects := func(item gjson.Result, title string) spClass {
		cs := item.Get("components").Array()
		if len(cs) == 0 {
			if c, ok := spClassifyName(title); ok {
				return c
			}
			return spTrading
		}
		best := spOther
		for _, c := range cs {
			var cl spClass
			if known, ok := compClass[c.Get("id").String()]; ok {
				cl = known
			} else {
				cl = spClassify(c.Get("name").String(), "")
			}
			if cl == spTrading {
				return spTrading
			}
			if cl == spFunding {
				best = spFunding
			}
		}
		return best
	}

	for _, inc := range doc.Get("incidents").Array() {
		if !inc.IsObject() {
			continue
		}
		status := inc.Get("status").String()
		if status == "resolved" || status == "postmortem" {
			continue
		}
		title := spClip(inc.Get("name").String(), 200)
		impact := inc.Get("impact").String()
		update := spLatestUpdate(inc)
		obs.Incidents = append(obs.Incidents, Incident{
			ID:      spClip(inc.Get("id").String(), 64),
			Title:   title,
			Status:  spClip(status, 32),
			Impact:  spClip(impact, 32),
			Update:  update,
			URL:     spURL(inc.Get("shortlink").String()),
			Started: spTime(inc.Get("started_at").String(), inc.Get("created_at").String()),
		})
		class := affects(inc, title)
		label := fmt.Sprintf("incident %q (%s impact, %s; %s)", title, spClip(impact, 32), spClip(status, 32), class)
		l := Operational
		switch class {
		case spTrading:
			switch impact {
			case "critical":
				l = Outage
			case "major":
				l = Degraded
			case "minor", "none", "maintenance":
			default:
				l = Unknown
			}
			if l.Severity() < Restricted.Severity() && spRestrictionRe.MatchString(title+" "+update) {
				l = Restricted
			}
		case spFunding:
			if impact == "major" || impact == "critical" {
				funding, fundNames = true, append(fundNames, title)
				l = Degraded
			}
		default:
			if impact == "critical" {
				l = Degraded
			}
		}
		add(l, label, fmt.Sprintf("incident: %s", title))
	}

	for _, m := range doc.Get("scheduled_maintenances").Array() {
		if !m.IsObject() {
			continue
		}
		status := m.Get("status").String()
		title := spClip(m.Get("name").String(), 200)
		switch status {
		case "completed", "resolved", "postmortem", "canceled", "cancelled":
			continue
		}
		w := MaintenanceWindow{
			Title:  title,
			Start:  spTime(m.Get("scheduled_for").String()),
			End:    spTime(m.Get("scheduled_until").String()),
			URL:    spURL(m.Get("shortlink").String()),
			Status: spClip(status, 32),
			Source: SourceStatusPage,
		}
		obs.Maintenance = append(obs.Maintenance, w)
		class := affects(m, title)
		label := fmt.Sprintf("maintenance %q %s (%s)", title, spClip(status, 32), class)
		switch status {
		case "scheduled":
			add(Operational, label, "")
		case "in_progress", "verifying":
			switch class {
			case spTrading:
				add(Maintenance, label, "maintenance in progress: "+title)
			case spFunding:
				funding, fundNames = true, append(fundNames, title)
				add(Operational, label, "")
			default:
				add(Operational, label, "")
			}
		default:
			add(Unknown, fmt.Sprintf("maintenance %q unrecognised status %q", title, spClip(status, 32)),
				fmt.Sprintf("unrecognised maintenance status %q", spClip(status, 32)))
		}
	}

	// The page-wide indicator only decides when the page lists no
	// components: it also rises for funding problems, which must not be
	// read as a trading outage.
	desc := spClip(st.Get("description").String(), 120)
	indLevel, known := map[string]Level{"none": Operational, "minor": Degraded, "major": Degraded, "critical": Outage, "maintenance": Maintenance}[ind.Str]
	switch {
	case !known:
		add(Unknown, fmt.Sprintf("unrecognised indicator %q", spClip(ind.Str, 64)), fmt.Sprintf("unrecognised indicator %q", spClip(ind.Str, 64)))
	case len(comps) == 0:
		add(indLevel, fmt.Sprintf("indicator %s (%s)", ind.Str, desc), desc)
	case ind.Str != "none":
		add(Operational, fmt.Sprintf("indicator %s (%s)", ind.Str, desc), "")
	}

	// The verdict is the worst finding; reasons list the non-trivial ones,
	// worst first.
	obs.Level = Operational
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].level.Worse(findings[j].level) })
	var whats []string
	for i, f := range findings {
		// A page with hundreds of coin components must not flood the
		// verdict: the worst reasons come first, the rest are counted.
		if i == spMaxReasons {
			obs.Reasons = append(obs.Reasons, Reason{Source: SourceStatusPage, Detail: fmt.Sprintf("and %d more", len(findings)-i)})
		} else if i < spMaxReasons {
			obs.Reasons = append(obs.Reasons, Reason{Source: SourceStatusPage, Detail: f.reason})
		}
		if f.level.Worse(obs.Level) {
			obs.Level = f.level
		}
	}
	for _, f := range findings {
		if f.level == obs.Level && f.what != "" && len(whats) < 3 {
			whats = append(whats, f.what)
		}
	}
	switch {
	case obs.Level == Operational && funding:
		obs.Summary = "Status page: trading operational; funding affected: " + spList(fundNames, 3)
	case obs.Level == Operational:
		obs.Summary = "Status page: all trading systems operational"
		if desc != "" && ind.Str == "none" {
			obs.Summary = "Status page: " + desc
		}
	default:
		obs.Summary = "Status page: " + strings.Join(whats, "; ")
		if len(whats) == 0 {
			obs.Summary = "Status page: " + obs.Level.String()
		}
		if funding && obs.Level == Degraded && len(fundNames) > 0 && !strings.Contains(obs.Summary, "funding") {
			obs.Summary += "; funding affected: " + spList(fundNames, 3)
		}
	}
	if obs.Level == Unknown {
		obs.Authoritative = false
	}
	obs.Advice = AdviceFor(obs.Level)
	if funding {
		obs.Advice = append(obs.Advice, WithdrawalsSuspended)
	}
	return obs, nil
}

// spMaxReasons caps the reasons one status page contributes.
const spMaxReasons = 12

// spList joins up to max names, noting how many more there are.
func spList(ns []string, max int) string {
	if len(ns) <= max {
		return strings.Join(ns, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ns[:max], ", "), len(ns)-max)
}

// spLatestUpdate is the newest incident update's body (Statuspage lists
// newest first, but order is not trusted).
func spLatestUpdate(inc gjson.Result) string {
	var best gjson.Result
	var bestT time.Time
	for i, u := range inc.Get("incident_updates").Array() {
		t := spTime(u.Get("display_at").String(), u.Get("created_at").String())
		if i == 0 || t.After(bestT) {
			best, bestT = u, t
		}
	}
	if !best.Exists() {
		return ""
	}
	return spClip(best.Get("body").String(), 1000)
}

// spTime parses the first RFC 3339 value that parses; zero if none does.
func spTime(vs ...string) time.Time {
	for _, v := range vs {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// spURL keeps only http(s) links: a status page must not smuggle other schemes into the UI.
func spURL(s string) string {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return spClip(s, 300)
	}
	return ""
}

// spClip shortens s to at most n bytes on a rune boundary and drops control characters.
func spClip(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// --- small helpers shared by the coinbase, kraken, gemini, bitstamp, okx
// and bybit adapters (prefixed adp to stay clear of sibling adapters) ---

// adpBad returns an error wrapping ErrNotStatus with a specific reason.
func adpBad(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrNotStatus, fmt.Sprintf(format, a...))
}

// adpHTTPOK treats 0 (no status, as in unit tests) and 2xx as success.
func adpHTTPOK(code int) bool { return code == 0 || (code >= 200 && code < 300) }

// adpSnippet quotes the start of a public body for an error message.
func adpSnippet(b []byte) string {
	return fmt.Sprintf("%q", spClip(string(b), 40))
}

// adpJSON checks that a body is valid JSON and returns it parsed.
func adpJSON(body []byte, what string) (gjson.Result, error) {
	if len(body) == 0 {
		return gjson.Result{}, adpBad("%s: empty body", what)
	}
	if !gjson.ValidBytes(body) {
		return gjson.Result{}, adpBad("%s: not valid JSON (%s)", what, adpSnippet(body))
	}
	return gjson.ParseBytes(body), nil
}

// adpStated is an authoritative observation of one exchange-wide state.
func adpStated(l Level, source, summary, detail string) Observation {
	return Observation{
		Level:         l,
		Authoritative: l != Unknown,
		Summary:       summary,
		Reasons:       []Reason{{Source: source, Detail: detail}},
		Advice:        AdviceFor(l),
	}
}

// adpTime reads a timestamp given as epoch milliseconds (number or numeric
// string; small values are taken as seconds) or RFC 3339 text. Zero when absent or unreadable.
func adpTime(v gjson.Result) time.Time {
	var n int64
	switch v.Type {
	case gjson.Number:
		n = v.Int()
	case gjson.String:
		if t := spTime(v.Str); !t.IsZero() {
			return t
		}
		var err error
		if n, err = strconv.ParseInt(strings.TrimSpace(v.Str), 10, 64); err != nil {
			return time.Time{}
		}
	default:
		return time.Time{}
	}
	switch {
	case n <= 0:
		return time.Time{}
	case n < 1e11:
		return time.Unix(n, 0).UTC()
	case n < 1e15:
		return time.UnixMilli(n).UTC()
	}
	return time.Time{}
}

// adpFirst returns the first of keys present in obj.
func adpFirst(obj gjson.Result, keys ...string) gjson.Result {
	for _, k := range keys {
		if v := obj.Get(gjson.Escape(k)); v.Exists() && v.Type != gjson.Null {
			return v
		}
	}
	return gjson.Result{}
}

// adpPairs is the user's pairs, or the exchange defaults when none are given.
func adpPairs(t Target, defaults []string) []string {
	if len(t.Pairs) > 0 {
		return t.Pairs
	}
	return defaults
}

// adpWorst keeps the worse of two levels (Severity order).
func adpWorst(a, b Level) Level {
	if b.Worse(a) {
		return b
	}
	return a
}

// adpPairsWith keeps the user's pairs that are in the exchange's own
// spelling (ok), falling back to the defaults: a websocket subscription
// with a misspelt symbol would fail and read as a stalled feed.
func adpPairsWith(t Target, defaults []string, ok func(string) bool) []string {
	var out []string
	for _, p := range t.Pairs {
		if ok(p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return defaults
	}
	return out
}

// adpCompact lower-cases a pair and drops separators: "BTC/USD", "btc_usd" -> "btcusd".
func adpCompact(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '/', '-', '_', ' ':
			return -1
		}
		return unicode.ToLower(r)
	}, p)
}
