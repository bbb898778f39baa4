package ja

import (
	"regexp"
	"strings"

	"safeharbor/exchanges"
)

// reasons are the reasons' detail shapes; a detail that is an
// observation's summary (the engine uses it when there is no reason) goes
// through the summaries.
var reasons = []Rule{
	// The engine (watchers).
	Fixed(`this computer appears to be offline`, "このコンピューターがオフラインのようです"),
	Shape(`rate limited, retrying in (\d+)s`, func(m []string) string {
		return "アクセスが集中しているため、" + m[1] + "秒後に確認し直します"
	}),

	// Pair folding.
	Fixed(`response listed no pairs`, "応答に通貨ペアが含まれていません"),

	// The adapters' own readings of what the exchange said.
	Shape(`system status (\S+) \((.*)\)`, func(m []string) string { return "システムの状態（" + shown(m[1]+" "+m[2]) + "）" }),
	Shape(`platform status (\S+) \((.*)\)`, func(m []string) string { return "プラットフォームの状態（" + shown(m[1]+" "+m[2]) + "）" }),
	Fixed(`serverShutdown event`, "配信サーバーの停止予告を受信しました"),
	Fixed(`error 10007 system maintenance`, "エラーコード 10007（システムメンテナンス中）"),
	Fixed(`error 10008 server busy`, "エラーコード 10008（サーバー混雑）"),
	Fixed(`info 20060 maintenance mode`, "通知コード 20060（メンテナンスモード）"),
	Fixed(`info 20061 maintenance ended`, "通知コード 20061（メンテナンス終了）"),
	Shape(`(ERR-\d+) regular maintenance`, func(m []string) string { return "エラーコード " + m[1] + "（定期メンテナンス中）" }),
	Shape(`(ERR-\d+) emergency maintenance`, func(m []string) string { return "エラーコード " + m[1] + "（緊急メンテナンス中）" }),
	Shape(`status (\S+)`, func(m []string) string { return "システムの状態（" + shown(m[1]) + "）" }),
	Shape(`error Maintenance: (.*)`, func(m []string) string { return "メンテナンス中との応答" + Quote(m[1]) }),
	Shape(`error System: (.*)`, func(m []string) string { return "システムエラーとの応答" + Quote(m[1]) }),
	Shape(`error (.+)`, func(m []string) string { return "取引所からのエラー" + Quote(m[1]) }),
	Shape(`code (\d+) (.*)`, func(m []string) string { return "応答コード " + m[1] + Quote(m[2]) }),
	Shape(`(\d+) pairs, all trading Enabled`, func(m []string) string { return m[1] + " ペアすべてで取引できます" }),
	Shape(`(\d+) products online, watched (.+)`, func(m []string) string {
		return m[1] + " 銘柄が取引可能（監視中：" + nameList(m[2]) + "）"
	}),
	Fixed(`upcoming maintenance: Kraken scheduled maintenance`, "メンテナンスの予定があります（件名なし）"),
	Shape(`upcoming maintenance: (.+)`, func(m []string) string { return "メンテナンスの予定" + Quote(m[1]) }),
	Fixed(`emergency notice: Kraken emergency notice`, "公式の緊急告知があります（件名なし）"),
	Shape(`emergency notice: (.+)`, func(m []string) string { return "公式の緊急告知" + Quote(m[1]) }),
	// Bybit and OKX maintenance events.
	Shape(`unrecognised state `+jq+`: (.+)`, func(m []string) string {
		return maintName(m[2]) + "は想定外の状態" + Quote(unq(m[1]))
	}),
	Shape(`(\S+): (.+) \(serviceTypes [0-9,]*, product [0-9,]*, maintainType (\S*)\)`, func(m []string) string {
		s := maintName(m[2]) + "は" + state(m[1])
		if k, ok := bybitKinds[m[3]]; ok {
			s += "（種別：" + k + "）"
		}
		return s
	}),
	Shape(`(\S+): (.+) \(`+okxServicePattern()+`, maintType (\S*)\)`, func(m []string) string {
		s := maintName(m[2]) + "は" + state(m[1]) + "（対象：" + okxService(m[3])
		if k, ok := okxKinds[m[4]]; ok {
			s += "、種別：" + k
		}
		return s + "）"
	}),
	// Statuspage.
	Shape(`component `+jq+` \((trading|funding|other)\) (\S+)`, func(m []string) string {
		st, ok := componentStatus[m[3]]
		if !ok {
			st = "が想定外の状態" + Quote(m[3])
		}
		return Quote(unq(m[1])) + "（" + statusPageClass[m[2]] + "）" + st
	}),
	Shape(`component `+jq+` has no status`, func(m []string) string { return Quote(unq(m[1])) + "の状態が記載されていません" }),
	Shape(`component `+jq+` unrecognised status `+jq, func(m []string) string {
		return Quote(unq(m[1])) + "が想定外の状態" + Quote(unq(m[2]))
	}),
	Shape(`incident `+jq+` \((\S*) impact, (\S*); (trading|funding|other)\)`, func(m []string) string {
		impact, ok := impacts[m[2]]
		if !ok {
			impact = Quote(m[2])
		}
		return "公式の障害情報" + Quote(unq(m[1])) + "（影響度：" + impact + "、状況：" + state(m[3]) + "、" + statusPageClass[m[4]] + "）"
	}),
	Shape(`maintenance `+jq+` unrecognised status `+jq, func(m []string) string {
		return "メンテナンス" + Quote(unq(m[1])) + "は想定外の状態" + Quote(unq(m[2]))
	}),
	Shape(`maintenance `+jq+` (\S*) \((trading|funding|other)\)`, func(m []string) string {
		return "メンテナンス" + Quote(unq(m[1])) + "は" + state(m[2]) + "（" + statusPageClass[m[3]] + "）"
	}),
	Shape(`unrecognised indicator `+jq, func(m []string) string { return "総合表示が想定外の値" + Quote(unq(m[1])) }),
	Shape(`indicator (\S+) \((.*)\)`, func(m []string) string {
		ind, ok := indicators[m[1]]
		if !ok {
			ind = Quote(m[1])
		}
		s := "総合表示は" + ind
		if m[2] != "" {
			s += "（" + Quote(m[2]) + "）"
		}
		return s
	}),
	Shape(`and (\d+) more`, func(m []string) string { return "ほか " + m[1] + " 件" }),
	// exchanges.UnknownValue.
	Shape(`unrecognised .+ `+jq, func(m []string) string { return "想定外の状態" + Quote(unq(m[1])) + "を受信しました" }),
}

// maintName names a maintenance event by its title.
func maintName(title string) string {
	if ja, ok := standIns[title]; ok {
		return ja
	}
	return "メンテナンス" + Quote(title)
}

var (
	reRawHealth = regexp.MustCompile(`^(.+) \(health (.+)\)$`)
	reRawNo     = regexp.MustCompile(`^(\S+) \(no ([a-z_]+(?:, no [a-z_]+)*)\)$`)
	orderKinds  = map[string]string{"order": "新規注文", "market_order": "成行注文", "cancel": "取消"}
)

// rawState is a pair's raw state as the adapter reports it: the exchange's
// words, with what the adapter added to them in Japanese.
func rawState(raw string) string {
	if m := reRawHealth.FindStringSubmatch(raw); m != nil { // bitFlyer board state and health
		return "板の状態" + Quote(m[1]) + "、稼働状況" + Quote(m[2])
	}
	if m := reRawNo.FindStringSubmatch(raw); m != nil { // coincheck availability
		var off []string
		for _, k := range strings.Split(m[2], ", no ") {
			w, ok := orderKinds[k]
			if !ok {
				w = Quote(k)
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
		return "取引" + Quote(v)
	}
	if v, ok := strings.CutPrefix(raw, "instant_and_market_orders "); ok {
		return "即時・成行注文" + Quote(v)
	}
	if v, ok := strings.CutPrefix(raw, "status "); ok { // Coinbase, Gemini
		return shown(v)
	}
	return shown(raw)
}

// rePairish is what a pair code looks like in any exchange's spelling:
// btc_jpy, BTC-USD, BTC/USD, BTCUSDT, tBTCUSD, btcusd.
var rePairish = regexp.MustCompile(`^(?:[A-Za-z0-9]+[_/-][A-Za-z0-9_/-]+|t?[A-Z0-9]{5,12}|[a-z0-9]{2,6}(?:usd|usdt|usdc|eur|gbp|btc|eth|jpy))$`)

// pairStatus words a listed pair and its raw state ("btc_jpy HALT") with
// the level the verdict gives it.
func pairStatus(p exchanges.PairStatus) string {
	return p.Pair + " は" + pairGloss[p.Level] + "（" + rawState(p.Raw) + "）"
}

// ReasonGroup is one line of reasons in Japanese (exchanges.GroupReasons):
// a reason on its own as Reason words it, or several pairs' one state,
// 「BTC-USD、ETH-USD、SOL-USD ほか5ペアは取引停止中（取引所の表示「…」）」.
func ReasonGroup(g exchanges.ReasonGroup, pairs []exchanges.PairStatus) string {
	if len(g.Pairs) < 2 {
		return Reason(g.Detail, pairs)
	}
	list := exchanges.PairList(g.Pairs, 3, "、", "%s ほか%dペア")
	if len(g.Pairs) <= 3 {
		list += " " // after a pair code, not after ほかNペア
	}
	if !g.Stated { // a feed's pairs, say: no level read for them
		return list + "の状態（" + rawState(g.Raw) + "）"
	}
	return list + "は" + pairGloss[g.Level] + "（" + rawState(g.Raw) + "）"
}

// pairReason words "btc_jpy HALT" (a pair and its raw state) when the
// verdict does not list the pair.
func pairReason(s string) (string, bool) {
	pair, raw, ok := strings.Cut(s, " ")
	if !ok || !rePairish.MatchString(pair) {
		return "", false
	}
	return pair + " の状態（" + rawState(raw) + "）", true
}

// Reason is one reason's detail in Japanese. pairs are the verdict's
// affected pairs, which give a pair's raw state its meaning ("btc_jpy
// HALT" is 取引停止中 when the verdict lists it so); nil when they are not
// known (the history).
func Reason(detail string, pairs []exchanges.PairStatus) string {
	if ja, ok := Apply(reasons, detail); ok {
		return ja
	}
	if ja, ok := Apply(summaries, upperFirst(detail)); ok {
		return ja
	}
	for _, p := range pairs {
		if detail == p.Pair+" "+p.Raw {
			return pairStatus(p)
		}
	}
	if japanese(detail) {
		return detail // already worded here
	}
	if ja, ok := pairReason(detail); ok {
		return ja
	}
	return detail
}
