package ja

import (
	"regexp"
	"strconv"
	"strings"

	"safeharbor/exchanges"
)

// --- causes: why a request failed ---

// causes word the engine's transport failures (watchers describeNetErr,
// describeWSErr and the websocket dial).
var causes = []Rule{
	Shape(`HTTP (5\d\d)`, func(m []string) string { return "HTTP " + m[1] + " のサーバーエラー" }),
	Shape(`HTTP (\d+)`, func(m []string) string { return "HTTP " + m[1] + " の応答" }),
	Shape(`no response within (.+)`, func(m []string) string { return Duration(m[1]) + "以内に応答がありません（時間切れ）" }),
	Fixed(`connection refused`, "接続が拒否されました"),
	Fixed(`connection reset`, "接続が途中で切断されました"),
	Fixed(`connection closed by server`, "サーバーが接続を切断しました"),
	Fixed(`DNS lookup failed`, "名前解決に失敗しました"),
	Fixed(`TLS certificate not trusted`, "サーバー証明書を確認できないため、安全に接続できません"),
	Fixed(`network unreachable`, "ネットワークに到達できません"),
	Fixed(`cannot connect`, "接続できません"),
	Fixed(`network error`, "通信エラーが発生しました"),
	Fixed(`bad handshake`, "接続の確立に失敗しました"),
	Shape(`closed by server \(code (\d+)\)`, func(m []string) string {
		return "サーバーが接続を切断しました（コード " + m[1] + "）"
	}),
	Fixed(`message too large`, "受信したデータが大きすぎます"),
	Fixed(`server closed the session`, "サーバーが接続を終了しました"),
	Fixed(`server refused the subscription`, "サーバーが配信の申し込みを拒否しました"),
}

func cause(s string) string {
	if ja, ok := Apply(causes, s); ok {
		return ja
	}
	return s
}

// unusables word why a response could not be used: the engine's own
// findings, then the adapters' parser errors by kind. A parser error is
// technical (which field was missing); the kind is what a trader needs,
// and the English stays in the CLI and the logs.
var unusables = []Rule{
	Fixed(`response too large`, "応答が大きすぎます"),
	Fixed(`bad gzip encoding`, "圧縮された応答が壊れています"),
	Fixed(`truncated response`, "応答が途中で途切れました"),
	Fixed(`redirected to a non-https URL`, "暗号化されていない接続先に転送されました"),
	Fixed(`bad probe URL`, "確認先の URL が正しくありません"),
	Fixed(`empty body`, "応答が空です"),
	Fixed(`HTML instead of JSON`, "データではなくウェブページが返されました"),
	Shape(`HTTP (\d+)`, func(m []string) string { return "HTTP " + m[1] + " の応答が返されました" }),
	Shape(`real-time feed sent (\d+) unreadable messages in a row`, func(m []string) string {
		return "リアルタイム配信から読み取れないデータが " + m[1] + " 件続きました"
	}),
	Fixed(`probe has no parser|parser failed on this response`, "応答を解析できませんでした"),
	Shape(`no value at path `+jq+` \(HTTP \d+\)`, func(m []string) string { return "応答に" + Quote(unq(m[1])) + "の値がありません" }),
	Fixed(`.*rate limited.*`, "アクセスが集中しているため、取引所に制限されています"),
	Fixed(`.*(?:not JSON|not valid JSON|not a JSON).*`, "応答の形式が不正です"),
	Shape(`.*(?:API error|error code|error status|retCode [1-9]|: error ).*`, apiError),
	Shape(`.*HTTP (\d+).*`, func(m []string) string { return "HTTP " + m[1] + " の応答が返されました" }),
	Fixed(`.+`, "応答の内容が想定と異なります"),
}

var (
	reHTTPCode = regexp.MustCompile(`HTTP (\d+)`)
	reLastQ    = regexp.MustCompile(jq + `\s*$`)
)

// apiError: the exchange answered with an error; its own message, when
// the parser quoted one, follows.
func apiError(m []string) string {
	what := "エラー"
	if q := reLastQ.FindStringSubmatch(m[0]); q != nil {
		msg := strings.TrimSpace(unq(q[1]))
		if _, err := strconv.Atoi(msg); err == nil {
			what = "エラーコード " + msg + " "
		} else if msg != "" {
			what = "エラー" + Quote(msg)
		}
	}
	s := "取引所が" + what + "を返しました"
	if c := reHTTPCode.FindStringSubmatch(m[0]); c != nil {
		s += "（HTTP " + c[1] + "）"
	}
	return s
}

func unusable(s string) string {
	ja, _ := Apply(unusables, s)
	return ja
}

// --- summaries ---

// anySummaries say something a trader should see even at operational.
var anySummaries = []Rule{
	Shape(`Watched pairs normal; (\d+) of (\d+) not \((.+)\)`, func(m []string) string {
		return "監視中のペアは正常（" + m[2] + " ペア中 " + m[1] + " ペアに問題：" + nameList(m[3]) + "）"
	}),
	Shape(`Most pairs normal; (\d+) of (\d+) not \((.+)\)`, func(m []string) string {
		return "ほとんどのペアは正常（" + m[2] + " ペア中 " + m[1] + " ペアに問題：" + nameList(m[3]) + "）"
	}),
	Shape(`Status page: trading operational; funding affected: (.+)`, func(m []string) string {
		return "取引は通常どおりですが、入出金に影響が出ています（" + titleList(m[1]) + "）"
	}),
	Shape(`Bybit: maintenance scheduled: (.+)`, func(m []string) string {
		return "通常どおり稼働しています。メンテナンスが予定されています（" + QuotedTitle(m[1]) + "）"
	}),
	Shape(`OKX trading normally; maintenance scheduled: (.+)`, func(m []string) string {
		return "通常どおり稼働しています。メンテナンスが予定されています（" + QuotedTitle(m[1]) + "）"
	}),
}

// summaries are every other summary shape, engine first.
var summaries = []Rule{
	// The engine (watchers).
	Fixed(`Waiting for first check`, "最初の確認を待っています"),
	Fixed(`This computer appears to be offline`, "このコンピューターがオフラインのようです"),
	Fixed(`No answer before the time limit`, "制限時間内に応答がありませんでした"),
	Fixed(`No status endpoint to check \(real-time feed only\)`, "確認できる状態の窓口がありません（リアルタイム配信のみ）"),
	Shape(`Part of the API unreachable: (.+)`, func(m []string) string { return paren("API の一部に接続できません", cause(m[1])) }),
	Shape(`API unreachable: (.+)`, func(m []string) string { return paren("API に接続できません", cause(m[1])) }),
	Fixed(`API responding very slowly`, "API の応答が非常に遅くなっています"),
	Shape(`Status page unreachable: (.+)`, func(m []string) string {
		return paren("ステータスページに接続できません", cause(m[1]))
	}),
	Fixed(`Status page responding very slowly`, "ステータスページの応答が非常に遅くなっています"),
	Shape(`Real-time feed unavailable: (.+)`, func(m []string) string {
		return paren("リアルタイム配信に接続できません", cause(m[1]))
	}),
	Fixed(`Real-time feed stalled`, "リアルタイム配信が停止しています"),
	Shape(`Unusable response: (.+)`, func(m []string) string { return paren("応答を読み取れません", unusable(m[1])) }),
	Shape(`Rate limited, retrying in (\d+)s`, func(m []string) string {
		return "アクセスが集中しているため、" + m[1] + "秒後に確認し直します"
	}),
	Shape(`(Degraded|Restricted|Maintenance|Outage|Unknown)`, func(m []string) string {
		l, _ := exchanges.ParseLevel(strings.ToLower(m[1]))
		return leads[l]
	}),

	// Pair folding (exchanges.FoldPairs).
	Fixed(`Trading halted on all pairs`, "全通貨ペアで取引停止中"),
	Fixed(`All pairs under maintenance`, "全通貨ペアがメンテナンス中"),
	Shape(`(\d+) of (\d+) pairs halted \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアで取引停止（" + nameList(m[3]) + "）"
	}),
	Shape(`(\d+) of (\d+) pairs restricted \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアで取引制限（" + nameList(m[3]) + "）"
	}),
	Shape(`(\d+) of (\d+) pairs under maintenance \((.+)\)`, func(m []string) string {
		return m[2] + " ペア中 " + m[1] + " ペアがメンテナンス中（" + nameList(m[3]) + "）"
	}),
	Shape(`Busy: (.+)`, func(m []string) string { return then(nameList(m[1]), "が混雑しています") }),
	Fixed(`No pair status in response`, "応答に通貨ペアの状態が含まれていません"),

	// bitFlyer before the shared shapes it resembles.
	Shape(`(bitFlyer busy on|Trading restricted on|Trading stopped on|Unrecognised bitFlyer status on) (\S+): (.+?)((?: until \S+)*)`, func(m []string) string {
		what := map[string]string{
			"bitFlyer busy on":                "が混雑しています",
			"Trading restricted on":           "の取引が制限されています",
			"Trading stopped on":              "の取引が停止しています",
			"Unrecognised bitFlyer status on": "で想定外の状態を受信しました",
		}[m[1]]
		s := m[2] + " " + what + "（" + rawState(m[3]) + "）"
		for _, t := range strings.Fields(strings.ReplaceAll(m[4], " until ", " ")) {
			s += "、" + clock(t) + " まで"
		}
		return s
	}),
	Shape(`Trading halted on (.+)`, func(m []string) string { return then(nameList(m[1]), "の取引が停止中") }),
	Shape(`Maintenance on (.+)`, func(m []string) string { return then(nameList(m[1]), "がメンテナンス中") }),
	Shape(`Unrecognised status on (.+)`, func(m []string) string { return then(nameList(m[1]), "で想定外の状態を受信しました") }),

	// The adapters, by exchange.
	Fixed(`bitbank is under system maintenance`, "システムメンテナンス中です"),
	Fixed(`bitbank reports its servers are busy`, "サーバーが混雑していると発表されています"),
	Shape(`Circuit break mode (\S+) on (\S+)(?:, reopening (\S+))?`, func(m []string) string {
		what, ok := circuitModes[m[1]]
		if !ok {
			what = "取引制限中"
		}
		s := m[2] + " は" + what + "です（" + shown(m[1]) + "）"
		if m[3] != "" {
			s += "。" + clock(m[3]) + " に再開予定です"
		}
		return s
	}),
	Fixed(`Binance system maintenance`, "システムメンテナンス中です"),
	Fixed(`Binance stream server shutting down for maintenance`, "メンテナンスのため、リアルタイム配信のサーバーが停止します"),
	Fixed(`Bitfinex platform in maintenance`, "プラットフォームがメンテナンス中です"),
	Fixed(`Bitfinex entering maintenance`, "メンテナンスが始まりました"),
	Fixed(`Gemini down for maintenance`, "メンテナンス中です"),
	Fixed(`Gemini reports a system error`, "システムエラーが起きていると応答しています"),
	Shape(`(\S+) in (\S+) mode`, func(m []string) string {
		return m[1] + " の取引が制限されています（" + shown(m[2]) + "）"
	}),
	Shape(`Trading (\S+) on (\S+)`, func(m []string) string { return m[2] + " の取引が停止しています（" + shown(m[1]) + "）" }),
	Shape(`Unrecognised status `+jq+` on (\S+)`, func(m []string) string {
		return m[2] + " で想定外の状態" + Quote(unq(m[1])) + "を受信しました"
	}),
	Fixed(`GMO Coin is in pre-open \(no continuous trading yet\)`, "プレオープン中です（通常の取引はまだ始まっていません）"),
	Fixed(`GMO Coin is under maintenance`, "メンテナンス中です"),
	Fixed(`GMO Coin regular maintenance in progress`, "定期メンテナンス中です"),
	Fixed(`GMO Coin emergency maintenance in progress`, "緊急メンテナンス中です"),
	Fixed(`Kraken under maintenance: no new orders or cancels`, "メンテナンス中です（新規注文も取消もできません）"),
	Fixed(`Kraken in cancel-only mode: no new orders`, "取消のみ受け付けています（新規注文はできません）"),
	Fixed(`Kraken in post-only mode: only post-only limit orders`, "メイカー注文のみ受け付けています（ポストオンリーの指値注文だけが出せます）"),
	Fixed(`Kraken in limit-only mode: no market orders`, "指値注文のみ受け付けています（成行注文はできません）"),
	Fixed(`Kraken API unavailable`, "API が利用できないと応答しています"),
	Fixed(`Kraken API busy`, "API が混雑していると応答しています"),
	Fixed(`OKX service temporarily unavailable`, "サービスが一時的に利用できないと応答しています"),
	Fixed(`OKX systems busy`, "システムが混雑していると応答しています"),
	Shape(`OKX (.+)`, func(m []string) string { return joinParts(okxParts, m[1]) }),
	Shape(`Bybit maintenance in progress: (.+)`, func(m []string) string {
		var ts []string
		for _, t := range strings.Split(m[1], "; ") {
			ts = append(ts, QuotedTitle(t))
		}
		return "メンテナンス中です（" + strings.Join(ts, "、") + "）"
	}),
	Fixed(`Bybit: unrecognised maintenance state`, "メンテナンス情報に想定外の状態があります"),
	Shape(`None of the watched products is listed \((.+)\)`, func(m []string) string {
		return "監視中の銘柄が取引所の一覧にありません（" + nameList(m[1]) + "）"
	}),
	Shape(`Status page: (.+?)(?:; funding affected: (.+))?`, func(m []string) string {
		s := "ステータスページ：" + joinParts(statusParts, m[1])
		if m[2] != "" {
			s += "。入出金にも影響（" + titleList(m[2]) + "）"
		}
		return s
	}),
	// exchanges.UnknownValue, after the shapes above that also start so.
	Shape(`Unrecognised .+ `+jq, func(m []string) string { return "想定外の状態" + Quote(unq(m[1])) + "を受信しました" }),
	// A user-defined endpoint (exchanges.Custom): path = "value".
	Shape(`(.+) = `+jq, func(m []string) string {
		return "設定した項目" + Quote(m[1]) + "の値が" + Quote(unq(m[2])) + "です"
	}),
}

// joinParts translates "a; b; c" part by part.
func joinParts(rules []Rule, s string) string {
	var out []string
	for _, p := range strings.Split(s, "; ") {
		ja, _ := Apply(rules, p)
		out = append(out, ja)
	}
	return strings.Join(out, "、")
}

// statusParts are the parts of a status page's summary.
var statusParts = []Rule{
	Shape(`degraded performance on `+jq, func(m []string) string { return Quote(unq(m[1])) + "の性能が低下" }),
	Shape(`(partial|major) outage on `+jq+`( \(funding\))?`, func(m []string) string {
		s := Quote(unq(m[2])) + "で" + map[string]string{"partial": "一部障害", "major": "大規模障害"}[m[1]]
		if m[3] != "" {
			s += "（入出金）"
		}
		return s
	}),
	Shape(`maintenance on `+jq, func(m []string) string { return Quote(unq(m[1])) + "がメンテナンス中" }),
	Shape(`incident: (.+)`, func(m []string) string { return "公式発表" + Quote(m[1]) }),
	Shape(`maintenance in progress: (.+)`, func(m []string) string { return "メンテナンス実施中" + Quote(m[1]) }),
	Shape(`no status for `+jq, func(m []string) string { return Quote(unq(m[1])) + "の状態が記載されていません" }),
	Shape(`unrecognised status `+jq+` on `+jq, func(m []string) string {
		return Quote(unq(m[2])) + "が想定外の状態" + Quote(unq(m[1]))
	}),
	Shape(`unrecognised maintenance status `+jq, func(m []string) string {
		return "メンテナンス情報に想定外の状態" + Quote(unq(m[1]))
	}),
	Shape(`unrecognised indicator `+jq, func(m []string) string { return "総合表示に想定外の値" + Quote(unq(m[1])) }),
	Shape(`(degraded|restricted|maintenance|outage|unknown)`, func(m []string) string {
		l, _ := exchanges.ParseLevel(m[1])
		return Level(l)
	}),
	// The page's own description of itself ("Partial System Outage").
	Shape(`(.+)`, func(m []string) string { return Quote(m[1]) }),
}

// okxParts are the parts of an OKX summary.
var okxParts = []Rule{
	Fixed(`trading normally; no maintenance in progress`, "通常どおり稼働しています"),
	Shape(`maintenance on unrecognised (.+)`, func(m []string) string { return okxService(m[1]) + "で想定外のメンテナンス" }),
	Shape(`websocket maintenance: (.+)`, func(m []string) string {
		return "リアルタイム配信のメンテナンス中（" + QuotedTitle(m[1]) + "）"
	}),
	Shape(`system disruption: (.+)`, func(m []string) string {
		return "システム障害が発生しています（" + QuotedTitle(m[1]) + "）"
	}),
	Shape(`some products suspended: (.+)`, func(m []string) string {
		return "一部の銘柄が取引停止中です（" + QuotedTitle(m[1]) + "）"
	}),
	Shape(`maintenance in progress: (.+)`, func(m []string) string { return "メンテナンス中です（" + QuotedTitle(m[1]) + "）" }),
	Shape(`pre-open after maintenance \(cancels and post-only orders only\): (.+)`, func(m []string) string {
		return "メンテナンス後のプレオープン中です。取消とメイカー注文のみ受け付けています（" + QuotedTitle(m[1]) + "）"
	}),
	Shape(`unrecognised maintenance state `+jq, func(m []string) string {
		return "メンテナンス情報に想定外の状態" + Quote(unq(m[1])) + "があります"
	}),
	Shape(`(.+)`, func(m []string) string { return Quote(m[1]) }),
}

// Summary is a verdict's or an observation's one-liner in Japanese; level
// is the verdict's. At operational only what a trader should still see is
// worded; everything else reads 通常どおり稼働しています.
func Summary(level exchanges.Level, s string) string {
	if ja, ok := Apply(anySummaries, s); ok {
		return ja
	}
	if japanese(s) && !englishShape(summaries, s) {
		return s // already worded here
	}
	if level == exchanges.Operational {
		return "通常どおり稼働しています" // "GMO Coin is open", "Kraken trading engine online", ...
	}
	if ja, ok := Apply(summaries, s); ok {
		return ja
	}
	// A shape this package does not know yet (TestJapaneseInventory keeps
	// the known ones complete): lead in Japanese, keep the words as the detail.
	if lead, ok := leads[level]; ok {
		return lead + "（" + s + "）"
	}
	return s
}

// englishShape reports whether a rule matches s.
func englishShape(rules []Rule, s string) bool {
	_, ok := Apply(rules, s)
	return ok
}

var leads = map[exchanges.Level]string{
	exchanges.Degraded:    "混雑・遅延しています",
	exchanges.Restricted:  "取引が制限されています",
	exchanges.Maintenance: "メンテナンス中です",
	exchanges.Outage:      "障害が発生しています",
	exchanges.Unknown:     "状態を確認できません",
}
