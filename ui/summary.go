package ui

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"safeharbor/exchanges"
)

// The engine and the adapters word their verdicts in English: that is the
// canonical form the CLI, the JSON output and the history keep (SPEC §3).
// In Japanese the GUI translates every shape they produce here, by
// pattern, down to the causes inside ("connection refused", "HTTP 503").
// What the exchange itself wrote (incident and maintenance titles, status
// words, its own messages) stays verbatim but is marked as such:
// 「…」 around it, after 公式発表 or 取引所の表示 where the sentence needs it.
// TestJapaneseInventory runs every adapter against its fake in every
// scenario and fault and fails on any English left outside those marks.

// jaRule is one English shape and its Japanese.
type jaRule struct {
	re *regexp.Regexp
	ja func(m []string) string
}

// jr anchors pattern; (?s) so a title with a line break still matches.
func jr(pattern string, ja func(m []string) string) jaRule {
	return jaRule{regexp.MustCompile(`^(?s:` + pattern + `)$`), ja}
}

// jt is a rule with a fixed translation.
func jt(pattern, ja string) jaRule {
	return jr(pattern, func([]string) string { return ja })
}

func jaApply(rules []jaRule, s string) (string, bool) {
	for _, r := range rules {
		if m := r.re.FindStringSubmatch(s); m != nil {
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

// official marks the exchange's own words.
func official(s string) string { return "「" + s + "」" }

// shown is the exchange's own status word, after our reading of it.
func shown(raw string) string { return "取引所の表示" + official(raw) }

// jaTitle is a maintenance or incident title: the exchange's words, unless
// the adapter filled in a default because the exchange gave none.
func jaTitle(t string) string {
	if ja, ok := jaDefaultTitles[t]; ok {
		return ja
	}
	return official(t)
}

var jaDefaultTitles = map[string]string{
	"Kraken scheduled maintenance": "予定されたメンテナンス",
	"Kraken emergency notice":      "緊急のお知らせ",
	"Bybit system maintenance":     "システムメンテナンス",
	"OKX system maintenance":       "システムメンテナンス",
}

// jaNames turns "btc_jpy, eth_jpy, ..." into "btc_jpy、eth_jpy など".
func jaNames(s string) string {
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

// jaTitles turns a status page's "A, B and 2 more" into 「A」、「B」ほか2件.
func jaTitles(s string) string {
	rest := ""
	if m := reAndMore.FindStringSubmatch(s); m != nil {
		s, rest = m[1], "ほか"+m[2]+"件"
	}
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		parts[i] = official(p)
	}
	return strings.Join(parts, "、") + rest
}

var reAndMore = regexp.MustCompile(`^(?s:(.*)) and (\d+) more$`)

// jaDur words a Go duration ("10s", "300ms", "2h0m0s") in Japanese.
func jaDur(s string) string {
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

// jaClock is an exchange's timestamp in local time; the text as it came if
// it does not parse. bitFlyer's carry no zone and are UTC.
func jaClock(s string) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(time.Local).Format("1/2 15:04")
		}
	}
	return official(s)
}

// --- causes: why a request failed ---

// jaCauses word the engine's transport failures (watchers describeNetErr,
// describeWSErr and the websocket dial).
var jaCauses = []jaRule{
	jr(`HTTP (5\d\d)`, func(m []string) string { return "HTTP " + m[1] + " のサーバーエラー" }),
	jr(`HTTP (\d+)`, func(m []string) string { return "HTTP " + m[1] + " の応答" }),
	jr(`no response within (.+)`, func(m []string) string { return jaDur(m[1]) + "以内に応答がありません（時間切れ）" }),
	jt(`connection refused`, "接続が拒否されました"),
	jt(`connection reset`, "接続が途中で切断されました"),
	jt(`connection closed by server`, "サーバーが接続を切断しました"),
	jt(`DNS lookup failed`, "名前解決に失敗しました"),
	jt(`TLS certificate not trusted`, "サーバー証明書を確認できないため、安全に接続できません"),
	jt(`network unreachable`, "ネットワークに到達できません"),
	jt(`cannot connect`, "接続できません"),
	jt(`network error`, "通信エラーが発生しました"),
	jt(`bad handshake`, "接続の確立に失敗しました"),
	jr(`closed by server \(code (\d+)\)`, func(m []string) string {
		return "サーバーが接続を切断しました（コード " + m[1] + "）"
	}),
	jt(`message too large`, "受信したデータが大きすぎます"),
	jt(`server closed the session`, "サーバーが接続を終了しました"),
	jt(`server refused the subscription`, "サーバーが配信の申し込みを拒否しました"),
}

func jaCause(s string) string {
	if ja, ok := jaApply(jaCauses, s); ok {
		return ja
	}
	return s
}

// jaUnusables word why a response could not be used: the engine's own
// findings, then the adapters' parser errors by kind. A parser error is
// technical (which field was missing); the kind is what a trader needs,
// and the English stays in the CLI and the logs.
var jaUnusables = []jaRule{
	jt(`response too large`, "応答が大きすぎます"),
	jt(`bad gzip encoding`, "圧縮された応答が壊れています"),
	jt(`truncated response`, "応答が途中で途切れました"),
	jt(`redirected to a non-https URL`, "暗号化されていない接続先に転送されました"),
	jt(`bad probe URL`, "確認先の URL が正しくありません"),
	jt(`empty body`, "応答が空です"),
	jt(`HTML instead of JSON`, "データではなくウェブページが返されました"),
	jr(`HTTP (\d+)`, func(m []string) string { return "HTTP " + m[1] + " の応答が返されました" }),
	jr(`real-time feed sent (\d+) unreadable messages in a row`, func(m []string) string {
		return "リアルタイム配信から読み取れないデータが " + m[1] + " 件続きました"
	}),
	jt(`probe has no parser|parser failed on this response`, "応答を解析できませんでした"),
	jr(`no value at path `+jq+` \(HTTP \d+\)`, func(m []string) string { return "応答に" + official(unq(m[1])) + "の値がありません" }),
	jt(`.*rate limited.*`, "アクセスが集中しているため、取引所に制限されています"),
	jt(`.*(?:not JSON|not valid JSON|not a JSON).*`, "応答の形式が不正です"),
	jr(`.*(?:API error|error code|error status|retCode [1-9]|: error ).*`, jaAPIError),
	jr(`.*HTTP (\d+).*`, func(m []string) string { return "HTTP " + m[1] + " の応答が返されました" }),
	jt(`.+`, "応答の内容が想定と異なります"),
}

var (
	reHTTPCode = regexp.MustCompile(`HTTP (\d+)`)
	reLastQ    = regexp.MustCompile(jq + `\s*$`)
)

// jaAPIError: the exchange answered with an error; its own message, when
// the parser quoted one, follows.
func jaAPIError(m []string) string {
	what := "エラー"
	if q := reLastQ.FindStringSubmatch(m[0]); q != nil {
		msg := strings.TrimSpace(unq(q[1]))
		if _, err := strconv.Atoi(msg); err == nil {
			what = "エラーコード " + msg + " "
		} else if msg != "" {
			what = "エラー" + official(msg)
		}
	}
	s := "取引所が" + what + "を返しました"
	if c := reHTTPCode.FindStringSubmatch(m[0]); c != nil {
		s += "（HTTP " + c[1] + "）"
	}
	return s
}

// paren puts detail after lead in parentheses, or after a colon when the
// detail has parentheses of its own.
func paren(lead, detail string) string {
	if strings.Contains(detail, "（") {
		return lead + "：" + detail
	}
	return lead + "（" + detail + "）"
}

// jaThen joins a list of names and the rest of a sentence: a space after
// a name in Latin letters, none after Japanese.
func jaThen(names, rest string) string {
	if r := names[len(names)-1]; r < 0x80 {
		return names + " " + rest
	}
	return names + rest
}

func jaUnusable(s string) string {
	ja, _ := jaApply(jaUnusables, s)
	return ja
}

// --- glossaries of the exchanges' status words ---

var jaStatusPageClass = map[string]string{"trading": "取引関連", "funding": "入出金関連", "other": "その他"}

// jaComponentStatus follows a component's name: 「API」で性能低下.
var jaComponentStatus = map[string]string{
	"operational":          "は正常",
	"degraded_performance": "で性能低下",
	"partial_outage":       "で一部障害",
	"major_outage":         "で大規模障害",
	"under_maintenance":    "がメンテナンス中",
}

var jaImpact = map[string]string{"none": "なし", "minor": "小", "major": "大", "critical": "重大", "maintenance": "メンテナンス"}

var jaIndicator = map[string]string{
	"none":        "問題なし",
	"minor":       "軽微な問題",
	"major":       "大きな問題",
	"critical":    "重大な問題",
	"maintenance": "メンテナンス中",
}

// jaProgress are incident and maintenance states (Statuspage, Kraken,
// Bybit, OKX).
var jaProgress = map[string]string{
	"investigating": "調査中",
	"identified":    "原因特定済み",
	"monitoring":    "経過観察中",
	"resolved":      "解決済み",
	"postmortem":    "事後報告済み",
	"scheduled":     "実施予定",
	"pending":       "実施予定",
	"upcoming":      "実施予定",
	"planned":       "実施予定",
	"notified":      "実施予定",
	"in_progress":   "実施中",
	"ongoing":       "実施中",
	"processing":    "実施中",
	"active":        "実施中",
	"maintaining":   "実施中",
	"started":       "実施中",
	"verifying":     "確認中",
	"pre_open":      "終了後のプレオープン中",
	"completed":     "完了",
	"complete":      "完了",
	"finished":      "完了",
	"ended":         "完了",
	"done":          "完了",
	"canceled":      "中止",
	"cancelled":     "中止",
}

// jaState is an incident's or maintenance's state: our word for a known
// one, the exchange's own otherwise.
func jaState(s string) string {
	if ja, ok := jaProgress[strings.ToLower(strings.TrimSpace(s))]; ok {
		return ja
	}
	return "想定外の状態" + official(s)
}

// incidentStatus is an official incident's state for display.
func (l Lang) incidentStatus(s string) string {
	if l != Japanese || s == "" {
		return s
	}
	if ja, ok := jaProgress[strings.ToLower(strings.TrimSpace(s))]; ok {
		return ja
	}
	return s
}

// Maintenance types: Bybit's maintainType and OKX's maintType.
var (
	jaBybitKinds = map[string]string{"1": "計画メンテナンス", "2": "臨時メンテナンス", "3": "障害対応"}
	jaOKXKinds   = map[string]string{"1": "定期メンテナンス", "2": "臨時メンテナンス", "3": "システム障害"}
)

// jaOKXServices are OKX's serviceType names as the adapter spells them.
var jaOKXServices = map[string]string{
	"WebSocket":                             "リアルタイム配信",
	"Spot/Margin":                           "現物・信用取引",
	"Futures":                               "先物",
	"Perpetual":                             "無期限先物",
	"Options":                               "オプション",
	"Trading service":                       "取引サービス",
	"Block trading":                         "ブロック取引",
	"Trading bot":                           "取引ボット",
	"Trading service (batches of accounts)": "取引サービス（一部のアカウント）",
	"Trading service (batches of products)": "取引サービス（一部の銘柄）",
	"Spread trading":                        "スプレッド取引",
	"Copy trading":                          "コピートレード",
	"Others (e.g. suspended instruments)":   "その他（取引停止中の銘柄など）",
}

func jaOKXService(s string) string {
	if ja, ok := jaOKXServices[s]; ok {
		return ja
	}
	if n, ok := strings.CutPrefix(s, "serviceType "); ok {
		return "サービス種別" + official(n)
	}
	return official(s)
}

func okxServicePattern() string {
	alts := []string{`serviceType \S*`}
	for k := range jaOKXServices {
		alts = append(alts, regexp.QuoteMeta(k))
	}
	return `(` + strings.Join(alts, "|") + `)`
}

var jaCircuitModes = map[string]string{
	"CIRCUIT_BREAK":            "サーキットブレーカー発動中",
	"FULL_RANGE_CIRCUIT_BREAK": "サーキットブレーカー発動中",
	"RESUMPTION":               "取引再開前の板寄せ中",
	"LISTING":                  "新規上場の板寄せ中",
}

// pairGloss is a pair's level in a word.
var pairGloss = map[exchanges.Level]string{
	exchanges.Operational: "通常どおり",
	exchanges.Degraded:    "混雑中",
	exchanges.Restricted:  "取引制限中",
	exchanges.Maintenance: "メンテナンス中",
	exchanges.Outage:      "取引停止中",
	exchanges.Unknown:     "想定外の状態",
}

// pairRaw is an affected pair's state for display.
func (l Lang) pairRaw(p exchanges.PairStatus) string {
	if l != Japanese {
		return p.Raw
	}
	return pairGloss[p.Level]
}

var (
	reRawHealth = regexp.MustCompile(`^(.+) \(health (.+)\)$`)
	reRawNo     = regexp.MustCompile(`^(\S+) \(no ([a-z_]+(?:, no [a-z_]+)*)\)$`)
	jaOrderKind = map[string]string{"order": "新規注文", "market_order": "成行注文", "cancel": "取消"}
)

// jaRaw is a pair's raw state as the adapter reports it: the exchange's
// words, with what the adapter added to them in Japanese.
func jaRaw(raw string) string {
	if m := reRawHealth.FindStringSubmatch(raw); m != nil { // bitFlyer board state and health
		return "板の状態" + official(m[1]) + "、稼働状況" + official(m[2])
	}
	if m := reRawNo.FindStringSubmatch(raw); m != nil { // coincheck availability
		var off []string
		for _, k := range strings.Split(m[2], ", no ") {
			w, ok := jaOrderKind[k]
			if !ok {
				w = official(k)
			}
			off = append(off, w)
		}
		return shown(m[1]) + "、" + strings.Join(off, "・") + "ができません"
	}
	switch raw {
	case "trading missing":
		return "取引の可否が記載されていません"
	case "status missing":
		return "状態が記載されていません"
	}
	if v, ok := strings.CutPrefix(raw, "trading "); ok { // Bitstamp
		return "取引" + official(v)
	}
	if v, ok := strings.CutPrefix(raw, "instant_and_market_orders "); ok {
		return "即時・成行注文" + official(v)
	}
	if v, ok := strings.CutPrefix(raw, "status "); ok { // Coinbase, Gemini
		return shown(v)
	}
	return shown(raw)
}

// rePairish is what a pair code looks like in any exchange's spelling:
// btc_jpy, BTC-USD, BTC/USD, BTCUSDT, tBTCUSD, btcusd.
var rePairish = regexp.MustCompile(`^(?:[A-Za-z0-9]+[_/-][A-Za-z0-9_/-]+|t?[A-Z0-9]{5,12}|[a-z0-9]{2,6}(?:usd|usdt|usdc|eur|gbp|btc|eth|jpy))$`)

// jaPairReason words "btc_jpy HALT" (a pair and its raw state): with its
// level when the verdict lists the pair with that state.
func jaPairReason(s string, pairs []exchanges.PairStatus) (string, bool) {
	for _, p := range pairs {
		if s == p.Pair+" "+p.Raw {
			return p.Pair + " は" + pairGloss[p.Level] + "（" + jaRaw(p.Raw) + "）", true
		}
	}
	pair, raw, ok := strings.Cut(s, " ")
	if !ok || !rePairish.MatchString(pair) {
		return "", false
	}
	return pair + " の状態（" + jaRaw(raw) + "）", true
}

// --- summaries ---

// jaAnySummaries say something a trader should see even at operational.
var jaAnySummaries = []jaRule{
	jr(`Watched pairs normal; (\d+) of (\d+) not \((.+)\)`, func(m []string) string {
		return "監視中のペアは正常（" + m[2] + " ペア中 " + m[1] + " ペアに問題：" + jaNames(m[3]) + "）"
	}),
	jr(`Most pairs normal; (\d+) of (\d+) not \((.+)\)`, func(m []string) string {
		return "ほとんどのペアは正常（" + m[2] + " ペア中 " + m[1] + " ペアに問題：" + jaNames(m[3]) + "）"
	}),
	jr(`Status page: trading operational; funding affected: (.+)`, func(m []string) string {
		return "取引は通常どおりですが、入出金に影響が出ています（" + jaTitles(m[1]) + "）"
	}),
	jr(`Bybit: maintenance scheduled: (.+)`, func(m []string) string {
		return "通常どおり稼働しています。メンテナンスが予定されています（" + jaTitle(m[1]) + "）"
	}),
	jr(`OKX trading normally; maintenance scheduled: (.+)`, func(m []string) string {
		return "通常どおり稼働しています。メンテナンスが予定されています（" + jaTitle(m[1]) + "）"
	}),
}

// jaSummaries are every other summary shape, engine first.
var jaSummaries = []jaRule{
	// The engine (watchers).
	jt(`Waiting for first check`, "最初の確認を待っています"),
	jt(`This computer appears to be offline`, "このコンピューターがオフラインのようです"),
	jt(`No answer before the time limit`, "制限時間内に応答がありませんでした"),
	jt(`No status endpoint to check \(real-time feed only\)`, "確認できる状態の窓口がありません（リアルタイム配信のみ）"),
	jr(`Part of the API unreachable: (.+)`, func(m []string) string { return paren("API の一部に接続できません", jaCause(m[1])) }),
	jr(`API unreachable: (.+)`, func(m []string) string { return paren("API に接続できません", jaCause(m[1])) }),
	jt(`API responding very slowly`, "API の応答が非常に遅くなっています"),
	jr(`Status page unreachable: (.+)`, func(m []string) string {
		return paren("ステータスページに接続できません", jaCause(m[1]))
	}),
	jt(`Status page responding very slowly`, "ステータスページの応答が非常に遅くなっています"),
	jr(`Real-time feed unavailable: (.+)`, func(m []string) string {
		return paren("リアルタイム配信に接続できません", jaCause(m[1]))
	}),
	jt(`Real-time feed stalled`, "リアルタイム配信が停止しています"),
	jr(`Unusable response: (.+)`, func(m []string) string { return paren("応答を読み取れません", jaUnusable(m[1])) }),
	jr(`Rate limited, retrying in (\d+)s`, func(m []string) string {
		return "アクセスが集中しているため、" + m[1] + "秒後に確認し直します"
	}),
	jr(`(Degraded|Restricted|Maintenance|Outage|Unknown)`, func(m []string) string {
		l, _ := exchanges.ParseLevel(strings.ToLower(m[1]))
		return jaLeads[l]
	}),

	// Pair folding (exchanges.FoldPairs).
	jt(`Trading halted on all pairs`, "全通貨ペアで取引停止中"),
	jt(`All pairs under maintenance`, "全通貨ペアがメンテナンス中"),
	jr(`(\d+) of (\d+) pairs halted \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアで取引停止（" + jaNames(m[3]) + "）"
	}),
	jr(`(\d+) of (\d+) pairs restricted \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアで取引制限（" + jaNames(m[3]) + "）"
	}),
	jr(`(\d+) of (\d+) pairs under maintenance \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアがメンテナンス中（" + jaNames(m[3]) + "）"
	}),
	jr(`Busy: (.+)`, func(m []string) string { return jaThen(jaNames(m[1]), "が混雑しています") }),
	jt(`No pair status in response`, "応答に通貨ペアの状態が含まれていません"),

	// bitFlyer before the shared shapes it resembles.
	jr(`(bitFlyer busy on|Trading restricted on|Trading stopped on|Unrecognised bitFlyer status on) (\S+): (.+?)((?: until \S+)*)`, func(m []string) string {
		what := map[string]string{
			"bitFlyer busy on":                "が混雑しています",
			"Trading restricted on":           "の取引が制限されています",
			"Trading stopped on":              "の取引が停止しています",
			"Unrecognised bitFlyer status on": "で想定外の状態を受信しました",
		}[m[1]]
		s := m[2] + " " + what + "（" + jaRaw(m[3]) + "）"
		for _, t := range strings.Fields(strings.ReplaceAll(m[4], " until ", " ")) {
			s += "、" + jaClock(t) + " まで"
		}
		return s
	}),
	jr(`Trading halted on (.+)`, func(m []string) string { return jaThen(jaNames(m[1]), "の取引が停止中") }),
	jr(`Maintenance on (.+)`, func(m []string) string { return jaThen(jaNames(m[1]), "がメンテナンス中") }),
	jr(`Unrecognised status on (.+)`, func(m []string) string { return jaThen(jaNames(m[1]), "で想定外の状態を受信しました") }),

	// The adapters, by exchange.
	jt(`bitbank is under system maintenance`, "システムメンテナンス中です"),
	jt(`bitbank reports its servers are busy`, "サーバーが混雑していると発表されています"),
	jr(`Circuit break mode (\S+) on (\S+)(?:, reopening (\S+))?`, func(m []string) string {
		what, ok := jaCircuitModes[m[1]]
		if !ok {
			what = "取引制限中"
		}
		s := m[2] + " は" + what + "です（" + shown(m[1]) + "）"
		if m[3] != "" {
			s += "。" + jaClock(m[3]) + " に再開予定です"
		}
		return s
	}),
	jt(`Binance system maintenance`, "システムメンテナンス中です"),
	jt(`Binance stream server shutting down for maintenance`, "メンテナンスのため、リアルタイム配信のサーバーが停止します"),
	jt(`Bitfinex platform in maintenance`, "プラットフォームがメンテナンス中です"),
	jt(`Bitfinex entering maintenance`, "メンテナンスが始まりました"),
	jt(`Gemini down for maintenance`, "メンテナンス中です"),
	jt(`Gemini reports a system error`, "システムエラーが起きていると応答しています"),
	jr(`(\S+) in (\S+) mode`, func(m []string) string {
		return m[1] + " の取引が制限されています（" + shown(m[2]) + "）"
	}),
	jr(`Trading (\S+) on (\S+)`, func(m []string) string { return m[2] + " の取引が停止しています（" + shown(m[1]) + "）" }),
	jr(`Unrecognised status `+jq+` on (\S+)`, func(m []string) string {
		return m[2] + " で想定外の状態" + official(unq(m[1])) + "を受信しました"
	}),
	jt(`GMO Coin is in pre-open \(no continuous trading yet\)`, "プレオープン中です（通常の取引はまだ始まっていません）"),
	jt(`GMO Coin is under maintenance`, "メンテナンス中です"),
	jt(`GMO Coin regular maintenance in progress`, "定期メンテナンス中です"),
	jt(`GMO Coin emergency maintenance in progress`, "緊急メンテナンス中です"),
	jt(`Kraken under maintenance: no new orders or cancels`, "メンテナンス中です（新規注文も取消もできません）"),
	jt(`Kraken in cancel-only mode: no new orders`, "取消のみ受け付けています（新規注文はできません）"),
	jt(`Kraken in post-only mode: only post-only limit orders`, "メイカー注文のみ受け付けています（ポストオンリーの指値注文だけが出せます）"),
	jt(`Kraken in limit-only mode: no market orders`, "指値注文のみ受け付けています（成行注文はできません）"),
	jt(`Kraken API unavailable`, "API が利用できないと応答しています"),
	jt(`Kraken API busy`, "API が混雑していると応答しています"),
	jt(`OKX service temporarily unavailable`, "サービスが一時的に利用できないと応答しています"),
	jt(`OKX systems busy`, "システムが混雑していると応答しています"),
	jr(`OKX (.+)`, func(m []string) string { return jaJoin(jaOKXWhats, m[1]) }),
	jr(`Bybit maintenance in progress: (.+)`, func(m []string) string {
		var ts []string
		for _, t := range strings.Split(m[1], "; ") {
			ts = append(ts, jaTitle(t))
		}
		return "メンテナンス中です（" + strings.Join(ts, "、") + "）"
	}),
	jt(`Bybit: unrecognised maintenance state`, "メンテナンス情報に想定外の状態があります"),
	jr(`None of the watched products is listed \((.+)\)`, func(m []string) string {
		return "監視中の銘柄が取引所の一覧にありません（" + jaNames(m[1]) + "）"
	}),
	jr(`Status page: (.+?)(?:; funding affected: (.+))?`, func(m []string) string {
		s := "ステータスページ：" + jaJoin(jaStatusWhats, m[1])
		if m[2] != "" {
			s += "。入出金にも影響（" + jaTitles(m[2]) + "）"
		}
		return s
	}),
	// exchanges.UnknownValue, after the shapes above that also start so.
	jr(`Unrecognised .+ `+jq, func(m []string) string { return "想定外の状態" + official(unq(m[1])) + "を受信しました" }),
	// A user-defined endpoint (exchanges.Custom): path = "value".
	jr(`(.+) = `+jq, func(m []string) string {
		return "設定した項目" + official(m[1]) + "の値が" + official(unq(m[2])) + "です"
	}),
}

// jaJoin translates "a; b; c" part by part.
func jaJoin(rules []jaRule, s string) string {
	var out []string
	for _, p := range strings.Split(s, "; ") {
		ja, _ := jaApply(rules, p)
		out = append(out, ja)
	}
	return strings.Join(out, "、")
}

// jaStatusWhats are the parts of a status page's summary.
var jaStatusWhats = []jaRule{
	jr(`degraded performance on `+jq, func(m []string) string { return official(unq(m[1])) + "の性能が低下" }),
	jr(`(partial|major) outage on `+jq+`( \(funding\))?`, func(m []string) string {
		s := official(unq(m[2])) + "で" + map[string]string{"partial": "一部障害", "major": "大規模障害"}[m[1]]
		if m[3] != "" {
			s += "（入出金）"
		}
		return s
	}),
	jr(`maintenance on `+jq, func(m []string) string { return official(unq(m[1])) + "がメンテナンス中" }),
	jr(`incident: (.+)`, func(m []string) string { return "公式発表" + official(m[1]) }),
	jr(`maintenance in progress: (.+)`, func(m []string) string { return "メンテナンス実施中" + official(m[1]) }),
	jr(`no status for `+jq, func(m []string) string { return official(unq(m[1])) + "の状態が記載されていません" }),
	jr(`unrecognised status `+jq+` on `+jq, func(m []string) string {
		return official(unq(m[2])) + "が想定外の状態" + official(unq(m[1]))
	}),
	jr(`unrecognised maintenance status `+jq, func(m []string) string {
		return "メンテナンス情報に想定外の状態" + official(unq(m[1]))
	}),
	jr(`unrecognised indicator `+jq, func(m []string) string { return "総合表示に想定外の値" + official(unq(m[1])) }),
	jr(`(degraded|restricted|maintenance|outage|unknown)`, func(m []string) string {
		l, _ := exchanges.ParseLevel(m[1])
		return Japanese.Level(l)
	}),
	// The page's own description of itself ("Partial System Outage").
	jr(`(.+)`, func(m []string) string { return official(m[1]) }),
}

// jaOKXWhats are the parts of an OKX summary.
var jaOKXWhats = []jaRule{
	jt(`trading normally; no maintenance in progress`, "通常どおり稼働しています"),
	jr(`maintenance on unrecognised (.+)`, func(m []string) string { return jaOKXService(m[1]) + "で想定外のメンテナンス" }),
	jr(`websocket maintenance: (.+)`, func(m []string) string {
		return "リアルタイム配信のメンテナンス中（" + jaTitle(m[1]) + "）"
	}),
	jr(`system disruption: (.+)`, func(m []string) string {
		return "システム障害が発生しています（" + jaTitle(m[1]) + "）"
	}),
	jr(`some products suspended: (.+)`, func(m []string) string { return "一部の銘柄が取引停止中です（" + jaTitle(m[1]) + "）" }),
	jr(`maintenance in progress: (.+)`, func(m []string) string { return "メンテナンス中です（" + jaTitle(m[1]) + "）" }),
	jr(`pre-open after maintenance \(cancels and post-only orders only\): (.+)`, func(m []string) string {
		return "メンテナンス後のプレオープン中です。取消とメイカー注文のみ受け付けています（" + jaTitle(m[1]) + "）"
	}),
	jr(`unrecognised maintenance state `+jq, func(m []string) string {
		return "メンテナンス情報に想定外の状態" + official(unq(m[1])) + "があります"
	}),
	jr(`(.+)`, func(m []string) string { return official(m[1]) }),
}

// summary is a verdict's one-liner in l.
func (l Lang) summary(level exchanges.Level, s string) string {
	if l != Japanese {
		return s
	}
	if ja, ok := jaApply(jaAnySummaries, s); ok {
		return ja
	}
	if level == exchanges.Operational {
		return "通常どおり稼働しています" // "GMO Coin is open", "Kraken trading engine online", ...
	}
	if ja, ok := jaApply(jaSummaries, s); ok {
		return ja
	}
	// A shape this file does not know yet (TestJapaneseInventory keeps the
	// known ones complete): lead in Japanese, keep the words as the detail.
	if lead, ok := jaLeads[level]; ok {
		return lead + "（" + s + "）"
	}
	return s
}

var jaLeads = map[exchanges.Level]string{
	exchanges.Degraded:    "混雑・遅延しています",
	exchanges.Restricted:  "取引が制限されています",
	exchanges.Maintenance: "メンテナンス中です",
	exchanges.Outage:      "障害が発生しています",
	exchanges.Unknown:     "状態を確認できません",
}

// --- reasons ---

// jaReasons are the reasons' detail shapes; a detail that is an
// observation's summary (the engine uses it when there is no reason) goes
// through the summaries.
var jaReasons = []jaRule{
	// The engine (watchers).
	jt(`this computer appears to be offline`, "このコンピューターがオフラインのようです"),
	jr(`rate limited, retrying in (\d+)s`, func(m []string) string {
		return "アクセスが集中しているため、" + m[1] + "秒後に確認し直します"
	}),

	// Pair folding.
	jt(`response listed no pairs`, "応答に通貨ペアが含まれていません"),

	// The adapters' own readings of what the exchange said.
	jr(`system status (\S+) \((.*)\)`, func(m []string) string { return "システムの状態（" + shown(m[1]+" "+m[2]) + "）" }),
	jr(`platform status (\S+) \((.*)\)`, func(m []string) string { return "プラットフォームの状態（" + shown(m[1]+" "+m[2]) + "）" }),
	jt(`serverShutdown event`, "配信サーバーの停止予告を受信しました"),
	jt(`error 10007 system maintenance`, "エラーコード 10007（システムメンテナンス中）"),
	jt(`error 10008 server busy`, "エラーコード 10008（サーバー混雑）"),
	jt(`info 20060 maintenance mode`, "通知コード 20060（メンテナンスモード）"),
	jt(`info 20061 maintenance ended`, "通知コード 20061（メンテナンス終了）"),
	jr(`(ERR-\d+) regular maintenance`, func(m []string) string { return "エラーコード " + m[1] + "（定期メンテナンス中）" }),
	jr(`(ERR-\d+) emergency maintenance`, func(m []string) string { return "エラーコード " + m[1] + "（緊急メンテナンス中）" }),
	jr(`status (\S+)`, func(m []string) string { return "システムの状態（" + shown(m[1]) + "）" }),
	jr(`error Maintenance: (.*)`, func(m []string) string { return "メンテナンス中との応答" + official(m[1]) }),
	jr(`error System: (.*)`, func(m []string) string { return "システムエラーとの応答" + official(m[1]) }),
	jr(`error (.+)`, func(m []string) string { return "取引所からのエラー" + official(m[1]) }),
	jr(`code (\d+) (.*)`, func(m []string) string { return "応答コード " + m[1] + official(m[2]) }),
	jr(`(\d+) pairs, all trading Enabled`, func(m []string) string { return m[1] + " ペアすべてで取引できます" }),
	jr(`(\d+) products online, watched (.+)`, func(m []string) string {
		return m[1] + " 銘柄が取引可能（監視中：" + jaNames(m[2]) + "）"
	}),
	jt(`upcoming maintenance: Kraken scheduled maintenance`, "メンテナンスの予定があります（件名なし）"),
	jr(`upcoming maintenance: (.+)`, func(m []string) string { return "メンテナンスの予定" + official(m[1]) }),
	jt(`emergency notice: Kraken emergency notice`, "公式の緊急告知があります（件名なし）"),
	jr(`emergency notice: (.+)`, func(m []string) string { return "公式の緊急告知" + official(m[1]) }),
	// Bybit and OKX maintenance events.
	jr(`unrecognised state `+jq+`: (.+)`, func(m []string) string {
		return jaMaint(m[2]) + "は想定外の状態" + official(unq(m[1]))
	}),
	jr(`(\S+): (.+) \(serviceTypes [0-9,]*, product [0-9,]*, maintainType (\S*)\)`, func(m []string) string {
		s := jaMaint(m[2]) + "は" + jaState(m[1])
		if k, ok := jaBybitKinds[m[3]]; ok {
			s += "（種別：" + k + "）"
		}
		return s
	}),
	jr(`(\S+): (.+) \(`+okxServicePattern()+`, maintType (\S*)\)`, func(m []string) string {
		s := jaMaint(m[2]) + "は" + jaState(m[1]) + "（対象：" + jaOKXService(m[3])
		if k, ok := jaOKXKinds[m[4]]; ok {
			s += "、種別：" + k
		}
		return s + "）"
	}),
	// Statuspage.
	jr(`component `+jq+` \((trading|funding|other)\) (\S+)`, func(m []string) string {
		st, ok := jaComponentStatus[m[3]]
		if !ok {
			st = "が想定外の状態" + official(m[3])
		}
		return official(unq(m[1])) + "（" + jaStatusPageClass[m[2]] + "）" + st
	}),
	jr(`component `+jq+` has no status`, func(m []string) string { return official(unq(m[1])) + "の状態が記載されていません" }),
	jr(`component `+jq+` unrecognised status `+jq, func(m []string) string {
		return official(unq(m[1])) + "が想定外の状態" + official(unq(m[2]))
	}),
	jr(`incident `+jq+` \((\S*) impact, (\S*); (trading|funding|other)\)`, func(m []string) string {
		impact, ok := jaImpact[m[2]]
		if !ok {
			impact = official(m[2])
		}
		return "公式の障害情報" + official(unq(m[1])) + "（影響度：" + impact + "、状況：" + jaState(m[3]) + "、" + jaStatusPageClass[m[4]] + "）"
	}),
	jr(`maintenance `+jq+` unrecognised status `+jq, func(m []string) string {
		return "メンテナンス" + official(unq(m[1])) + "は想定外の状態" + official(unq(m[2]))
	}),
	jr(`maintenance `+jq+` (\S*) \((trading|funding|other)\)`, func(m []string) string {
		return "メンテナンス" + official(unq(m[1])) + "は" + jaState(m[2]) + "（" + jaStatusPageClass[m[3]] + "）"
	}),
	jr(`unrecognised indicator `+jq, func(m []string) string { return "総合表示が想定外の値" + official(unq(m[1])) }),
	jr(`indicator (\S+) \((.*)\)`, func(m []string) string {
		ind, ok := jaIndicator[m[1]]
		if !ok {
			ind = official(m[1])
		}
		s := "総合表示は" + ind
		if m[2] != "" {
			s += "（" + official(m[2]) + "）"
		}
		return s
	}),
	jr(`and (\d+) more`, func(m []string) string { return "ほか " + m[1] + " 件" }),
	// exchanges.UnknownValue.
	jr(`unrecognised .+ `+jq, func(m []string) string { return "想定外の状態" + official(unq(m[1])) + "を受信しました" }),
}

// jaMaint names a maintenance event by its title.
func jaMaint(title string) string {
	if ja, ok := jaDefaultTitles[title]; ok {
		return ja
	}
	return "メンテナンス" + official(title)
}

// reason is one reason's detail in l. pairs are the verdict's affected
// pairs, which give a pair's raw state its meaning (nil in the history).
func (l Lang) reason(detail string, pairs []exchanges.PairStatus) string {
	if l != Japanese {
		return detail
	}
	if ja, ok := jaApply(jaReasons, detail); ok {
		return ja
	}
	if ja, ok := jaApply(jaSummaries, upperFirst(detail)); ok {
		return ja
	}
	if ja, ok := jaPairReason(detail, pairs); ok {
		return ja
	}
	return detail
}

// reasonLine is "Source: detail" in l.
func (l Lang) reasonLine(r exchanges.Reason, pairs []exchanges.PairStatus) string {
	if l != Japanese {
		return l.Source(r.Source) + ": " + r.Detail
	}
	return l.Source(r.Source) + "：" + l.reason(r.Detail, pairs)
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// title is a maintenance or incident title for display: the exchange's
// own, or the adapter's stand-in when the exchange gave none.
func (l Lang) title(t string) string {
	if l == Japanese {
		if ja, ok := jaDefaultTitles[t]; ok {
			return ja
		}
	}
	return t
}
