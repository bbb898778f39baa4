package ja

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Rule is one English shape and its Japanese. The tables here are made of
// them; ui words the wallet's own texts with them too.
type Rule struct {
	re func() *regexp.Regexp
	ja func(m []string) string
}

// Shape is a rule: pattern must match the whole text (it is anchored, and
// (?s) so a title with a line break still matches); ja words the match.
// The pattern is compiled on first use: a process that never shows
// Japanese (safeharbor watch, the English app) does not pay for the tables.
func Shape(pattern string, ja func(m []string) string) Rule {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?s:` + pattern + `)$`) })
	made.Lock()
	made.rules = append(made.rules, re)
	made.Unlock()
	return Rule{re, ja}
}

// made is every rule's pattern, for CompileRules.
var made struct {
	sync.Mutex
	rules []func() *regexp.Regexp
}

// CompileRules compiles every rule made so far. Tests call it, so that a
// bad pattern fails a test rather than the app the first time it shows
// Japanese.
func CompileRules() int {
	made.Lock()
	defer made.Unlock()
	for _, re := range made.rules {
		re()
	}
	return len(made.rules)
}

// Fixed is a rule with a fixed translation.
func Fixed(pattern, ja string) Rule {
	return Shape(pattern, func([]string) string { return ja })
}

// Apply words s by the first rule whose pattern matches all of it.
func Apply(rules []Rule, s string) (string, bool) {
	for _, r := range rules {
		if m := r.re().FindStringSubmatch(s); m != nil {
			return r.ja(m), true
		}
	}
	return "", false
}

// jq matches a Go-quoted string (%q) and captures its inside.
const jq = `"((?:[^"\\]|\\.)*)"`

// unq undoes the quoting jq captured.
func unq(s string) string {
	if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return u
	}
	return s
}

// Quote marks the exchange's own words: 「s」.
func Quote(s string) string { return "「" + s + "」" }

// shown is the exchange's own status word, after our reading of it.
func shown(raw string) string { return "取引所の表示" + Quote(raw) }

// QuotedTitle is a maintenance or incident title inside a sentence: the
// exchange's words in 「」, or the adapter's stand-in in Japanese when the
// exchange gave none. An empty title stays empty.
func QuotedTitle(t string) string {
	if t == "" {
		return ""
	}
	if ja, ok := standIns[t]; ok {
		return ja
	}
	return Quote(t)
}

var standIns = map[string]string{
	"Kraken scheduled maintenance": "予定されたメンテナンス",
	"Kraken emergency notice":      "緊急のお知らせ",
	"Bybit system maintenance":     "システムメンテナンス",
	"OKX system maintenance":       "システムメンテナンス",
}

// nameList turns "btc_jpy, eth_jpy, ..." into "btc_jpy、eth_jpy など".
func nameList(s string) string {
	more := false
	if t, ok := strings.CutSuffix(s, ", ..."); ok {
		s, more = t, true
	}
	out := strings.Join(strings.Split(s, ", "), "、")
	if more {
		out += " など"
	}
	return out
}

// titleList turns a status page's "A, B and 2 more" into 「A」、「B」ほか2件.
func titleList(s string) string {
	rest := ""
	if m := reAndMore.FindStringSubmatch(s); m != nil {
		s, rest = m[1], "ほか"+m[2]+"件"
	}
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		parts[i] = Quote(p)
	}
	return strings.Join(parts, "、") + rest
}

var reAndMore = regexp.MustCompile(`^(?s:(.*)) and (\d+) more$`)

// Duration words a Go duration ("10s", "300ms", "2h0m0s") in Japanese.
func Duration(s string) string {
	d, err := time.ParseDuration(s)
	if err != nil {
		return s
	}
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + "ミリ秒"
	}
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var b strings.Builder
	if h > 0 {
		b.WriteString(strconv.Itoa(h) + "時間")
	}
	if m > 0 {
		b.WriteString(strconv.Itoa(m) + "分")
	}
	if sec > 0 {
		b.WriteString(strconv.Itoa(sec) + "秒")
	}
	return b.String()
}

// clock is an exchange's timestamp in local time; the text as it came if
// it does not parse. bitFlyer's carry no zone and are UTC.
func clock(s string) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(time.Local).Format("1/2 15:04")
		}
	}
	return Quote(s)
}

// Title is a maintenance or incident title on its own (a heading): the
// exchange's words as they are, or the adapter's stand-in in Japanese.
func Title(t string) string {
	if ja, ok := standIns[t]; ok {
		return ja
	}
	return t
}

// paren puts detail after lead in parentheses, or after a colon when the
// detail has parentheses of its own.
func paren(lead, detail string) string {
	if strings.Contains(detail, "（") {
		return lead + "：" + detail
	}
	return lead + "（" + detail + "）"
}

// then joins a list of names and the rest of a sentence: a space after
// a name in Latin letters, none after Japanese.
func then(names, rest string) string {
	if r := names[len(names)-1]; r < 0x80 {
		return names + " " + rest
	}
	return names + rest
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// japanese reports whether s has Japanese in it (kana, kanji, 「」 and the
// full-width punctuation this package writes): what this package
// returns. The engine writes ASCII English; an exchange's own words in
// Japanese reach it inside a shape the rules know, so this decides only
// for text no rule matched.
func japanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) ||
			(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			return true
		}
	}
	return false
}
