package ui

import (
	"regexp"

	"safeharbor/exchanges"
)

// Engine summaries are English one-liners. In Japanese the common shapes
// (the shared pair folding, the engine's own wording) are translated; an
// exchange-specific line is shown as it is rather than guessed at.
var jaSummaries = []struct {
	re *regexp.Regexp
	ja string
}{
	{regexp.MustCompile(`^Trading halted on all pairs$`), "全通貨ペアで取引停止中"},
	{regexp.MustCompile(`^All pairs under maintenance$`), "全通貨ペアがメンテナンス中"},
	{regexp.MustCompile(`^Trading halted on (.+)$`), "$1 の取引が停止中"},
	{regexp.MustCompile(`^Maintenance on (.+)$`), "$1 がメンテナンス中"},
	{regexp.MustCompile(`^(\d+) of (\d+) pairs halted \((.+)\)$`), "$2 ペア中 $1 ペアで取引停止（$3）"},
	{regexp.MustCompile(`^(\d+) of (\d+) pairs restricted \((.+)\)$`), "$2 ペア中 $1 ペアで取引制限（$3）"},
	{regexp.MustCompile(`^(\d+) of (\d+) pairs under maintenance \((.+)\)$`), "$2 ペア中 $1 ペアがメンテナンス中（$3）"},
	{regexp.MustCompile(`^Busy: (.+)$`), "混雑：$1"},
	{regexp.MustCompile(`^Watched pairs normal; (\d+) of (\d+) not \((.+)\)$`), "監視中のペアは正常（$2 ペア中 $1 ペアに問題：$3）"},
	{regexp.MustCompile(`^Most pairs normal; (\d+) of (\d+) not \((.+)\)$`), "ほとんどのペアは正常（$2 ペア中 $1 ペアに問題：$3）"},
	{regexp.MustCompile(`^Part of the API unreachable: (.+)$`), "API の一部に接続できません（$1）"},
	{regexp.MustCompile(`^API unreachable: (.+)$`), "API に接続できません（$1）"},
	{regexp.MustCompile(`^API responding very slowly$`), "API の応答が非常に遅くなっています"},
	{regexp.MustCompile(`^Real-time feed unavailable: (.+)$`), "リアルタイム配信に接続できません（$1）"},
	{regexp.MustCompile(`^Unusable response: (.+)$`), "応答を読み取れません（$1）"},
	{regexp.MustCompile(`^Unrecognised (.+)$`), "不明な値を受信しました（$1）"},
	{regexp.MustCompile(`^Real-time feed stalled$`), "リアルタイム配信が停止しています"},
	{regexp.MustCompile(`^Waiting for first check$`), "最初の確認を待っています"},
	{regexp.MustCompile(`^This computer appears to be offline$`), "このコンピューターがオフラインのようです"},
}

// summary is a verdict's one-liner in l.
func (l Lang) summary(level exchanges.Level, s string) string {
	if l != Japanese {
		return s
	}
	for _, t := range jaSummaries {
		if t.re.MatchString(s) {
			return t.re.ReplaceAllString(s, t.ja)
		}
	}
	if level == exchanges.Operational {
		return "通常どおり稼働しています" // "GMO Coin is open", "Kraken trading engine online", ...
	}
	// An exchange's own wording: lead in Japanese, keep its words as the detail.
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
