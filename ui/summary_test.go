package ui

import (
	"testing"

	"safeharbor/exchanges"
)

func TestJapaneseSummaries(t *testing.T) {
	for _, c := range []struct {
		level    exchanges.Level
		en, want string
	}{
		{exchanges.Outage, "Trading halted on btc_jpy", "btc_jpy の取引が停止中"},
		{exchanges.Restricted, "2 of 40 pairs halted (xrp_jpy, eth_jpy)", "40 ペア中 2 ペアで取引停止（xrp_jpy、eth_jpy）"},
		{exchanges.Degraded, "Busy: btc_jpy, eth_jpy, xrp_jpy, ...", "btc_jpy、eth_jpy、xrp_jpy などが混雑しています"},
		{exchanges.Operational, "GMO Coin is open", "通常どおり稼働しています"},
		{exchanges.Outage, "API unreachable: HTTP 503", "API に接続できません（HTTP 503 のサーバーエラー）"},
		{exchanges.Outage, "API unreachable: connection refused", "API に接続できません（接続が拒否されました）"},
		{exchanges.Outage, "API unreachable: no response within 10s", "API に接続できません：10秒以内に応答がありません（時間切れ）"},
		{exchanges.Outage, "API unreachable: DNS lookup failed", "API に接続できません（名前解決に失敗しました）"},
		{exchanges.Unknown, "Unusable response: bitbank spot/status: HTTP 200, body is not JSON (\"{oops\")", "応答を読み取れません（応答の形式が不正です）"},
		{exchanges.Unknown, "Unusable response: response too large", "応答を読み取れません（応答が大きすぎます）"},
		{exchanges.Degraded, "Real-time feed unavailable: bad handshake", "リアルタイム配信に接続できません（接続の確立に失敗しました）"},
		{exchanges.Restricted, "Watched pairs normal; 1 of 3 not (xrp_jpy)", "監視中のペアは正常（3 ペア中 1 ペアに問題：xrp_jpy）"},
		{exchanges.Unknown, "This computer appears to be offline", "このコンピューターがオフラインのようです"},
		{exchanges.Outage, `Status page: major outage on "Trading"; incident: Trading unavailable`, "ステータスページ：「Trading」で大規模障害、公式発表「Trading unavailable」"},
		{exchanges.Operational, "Status page: trading operational; funding affected: Withdrawals (ETH), Deposits", "取引は通常どおりですが、入出金に影響が出ています（「Withdrawals (ETH)」、「Deposits」）"},
		{exchanges.Maintenance, "Bybit maintenance in progress: System upgrade", "メンテナンス中です（「System upgrade」）"},
		{exchanges.Restricted, "Kraken in cancel-only mode: no new orders", "取消のみ受け付けています（新規注文はできません）"},
		{exchanges.Outage, "Trading stopped on BTC_JPY: CLOSED (health STOP)", "BTC_JPY の取引が停止しています（板の状態「CLOSED」、稼働状況「STOP」）"},
		{exchanges.Unknown, `Unrecognised GMO Coin status "HIBERNATING"`, "想定外の状態「HIBERNATING」を受信しました"},
		// A shape nobody translated yet: a Japanese lead, the words as detail.
		{exchanges.Outage, "Coinbase: Major outage on Trading", "障害が発生しています（Coinbase: Major outage on Trading）"},
	} {
		if got := Japanese.summary(c.level, c.en); got != c.want {
			t.Errorf("%q: %q, want %q", c.en, got, c.want)
		}
		if got := English.summary(c.level, c.en); got != c.en {
			t.Errorf("English changed %q to %q", c.en, got)
		}
	}
}

func TestJapaneseReasons(t *testing.T) {
	halt := []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}
	for _, c := range []struct {
		r     exchanges.Reason
		pairs []exchanges.PairStatus
		want  string
	}{
		{exchanges.Reason{Source: "rest", Detail: "btc_jpy HALT"}, halt, "取引所API：btc_jpy は取引停止中（取引所の表示「HALT」）"},
		{exchanges.Reason{Source: "rest", Detail: "btc_jpy HALT"}, nil, "取引所API：btc_jpy の状態（取引所の表示「HALT」）"},
		{exchanges.Reason{Source: "rest", Detail: "btc_jpy stop (no order, no market_order, no cancel)"}, nil,
			"取引所API：btc_jpy の状態（取引所の表示「stop」、新規注文・成行注文・取消ができません）"},
		{exchanges.Reason{Source: "reachability", Detail: "API unreachable: HTTP 500"}, nil, "接続確認：API に接続できません（HTTP 500 のサーバーエラー）"},
		{exchanges.Reason{Source: "rest", Detail: "rate limited, retrying in 30s"}, nil, "取引所API：アクセスが集中しているため、30秒後に確認し直します"},
		{exchanges.Reason{Source: "websocket", Detail: "real-time feed stalled"}, nil, "リアルタイム配信：リアルタイム配信が停止しています"},
		{exchanges.Reason{Source: "statuspage", Detail: `incident "Trading unavailable" (critical impact, investigating; trading)`}, nil,
			"ステータスページ：公式の障害情報「Trading unavailable」（影響度：重大、状況：調査中、取引関連）"},
		{exchanges.Reason{Source: "statuspage", Detail: `component "Withdrawals (BTC)" (funding) major_outage`}, nil,
			"ステータスページ：「Withdrawals (BTC)」（入出金関連）で大規模障害"},
		{exchanges.Reason{Source: "rest", Detail: "emergency notice: Trading halted"}, nil, "取引所API：公式の緊急告知「Trading halted」"},
		{exchanges.Reason{Source: "rest", Detail: "ongoing: System upgrade (serviceTypes 2,3, product 1, maintainType 1)"}, nil,
			"取引所API：メンテナンス「System upgrade」は実施中（種別：計画メンテナンス）"},
		{exchanges.Reason{Source: "connectivity", Detail: "this computer appears to be offline"}, nil, "お使いの回線：このコンピューターがオフラインのようです"},
	} {
		if got := Japanese.reasonLine(c.r, c.pairs); got != c.want {
			t.Errorf("%q: %q, want %q", c.r.Detail, got, c.want)
		}
		if got, want := English.reasonLine(c.r, c.pairs), English.Source(c.r.Source)+": "+c.r.Detail; got != want {
			t.Errorf("English %q, want %q", got, want)
		}
	}
}

func TestJapaneseStatusWords(t *testing.T) {
	if got := Japanese.incidentStatus("investigating"); got != "調査中" {
		t.Errorf("investigating: %q", got)
	}
	if got := Japanese.incidentStatus("pondering"); got != "pondering" {
		t.Errorf("an unknown state is the exchange's own word: %q", got)
	}
	if got := Japanese.title("Kraken scheduled maintenance"); got != "予定されたメンテナンス" {
		t.Errorf("default title: %q", got)
	}
	if got := Japanese.title("Wallet maintenance"); got != "Wallet maintenance" {
		t.Errorf("official title: %q", got)
	}
	if got := Japanese.pairRaw(exchanges.PairStatus{Pair: "btc_jpy", Level: exchanges.Restricted, Raw: "CIRCUIT_BREAK"}); got != "取引制限中" {
		t.Errorf("pair: %q", got)
	}
}
