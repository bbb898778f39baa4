package ja

import (
	"regexp"
	"strings"

	"safeharbor/exchanges"
)

// Glossaries: the exchanges' status words, and the levels.

var statusPageClass = map[string]string{"trading": "取引関連", "funding": "入出金関連", "other": "その他"}

// componentStatus follows a component's name: 「API」で性能低下.
var componentStatus = map[string]string{
	"operational":          "は正常",
	"degraded_performance": "で性能低下",
	"partial_outage":       "で一部障害",
	"major_outage":         "で大規模障害",
	"under_maintenance":    "がメンテナンス中",
}

var impacts = map[string]string{"none": "なし", "minor": "小", "major": "大", "critical": "重大", "maintenance": "メンテナンス"}

var indicators = map[string]string{
	"none":        "問題なし",
	"minor":       "軽微な問題",
	"major":       "大きな問題",
	"critical":    "重大な問題",
	"maintenance": "メンテナンス中",
}

// progress are incident and maintenance states (Statuspage, Kraken,
// Bybit, OKX).
var progress = map[string]string{
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

// state is an incident's or maintenance's state: our word for a known
// one, the exchange's own otherwise.
func state(s string) string {
	if ja, ok := progress[strings.ToLower(strings.TrimSpace(s))]; ok {
		return ja
	}
	return "想定外の状態" + Quote(s)
}

// IncidentStatus is an official incident's state ("investigating"): our
// word for a known one, the exchange's own otherwise.
func IncidentStatus(s string) string {
	if ja, ok := progress[strings.ToLower(strings.TrimSpace(s))]; ok {
		return ja
	}
	return s
}

// Maintenance types: Bybit's maintainType and OKX's maintType.
var (
	bybitKinds = map[string]string{"1": "計画メンテナンス", "2": "臨時メンテナンス", "3": "障害対応"}
	okxKinds   = map[string]string{"1": "定期メンテナンス", "2": "臨時メンテナンス", "3": "システム障害"}
)

// okxServices are OKX's serviceType names as the adapter spells them.
var okxServices = map[string]string{
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

func okxService(s string) string {
	if ja, ok := okxServices[s]; ok {
		return ja
	}
	if n, ok := strings.CutPrefix(s, "serviceType "); ok {
		return "サービス種別" + Quote(n)
	}
	return Quote(s)
}

func okxServicePattern() string {
	alts := []string{`serviceType \S*`}
	for k := range okxServices {
		alts = append(alts, regexp.QuoteMeta(k))
	}
	return `(` + strings.Join(alts, "|") + `)`
}

var circuitModes = map[string]string{
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

// PairState is an affected pair's state in a word ("取引停止中"), from the
// level the adapter read in the pair's raw state.
func PairState(l exchanges.Level) string { return pairGloss[l] }

// levels are the levels in words, as the GUI shows them.
var levels = map[exchanges.Level]string{
	exchanges.Operational: "正常",
	exchanges.Degraded:    "混雑・遅延",
	exchanges.Restricted:  "一部制限",
	exchanges.Maintenance: "メンテナンス中",
	exchanges.Outage:      "障害",
	exchanges.Unknown:     "不明",
}

// Level is a level in a word ("障害").
func Level(l exchanges.Level) string {
	if w, ok := levels[l]; ok {
		return w
	}
	return levels[exchanges.Unknown]
}
