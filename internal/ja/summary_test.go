package ja

import (
	"testing"

	"safeharbor/exchanges"
)

// summaryCases are summaries the engine and the adapters give, and their
// Japanese.
var summaryCases = []struct {
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
	// An exchange's own words in Japanese inside a known shape.
	{exchanges.Outage, "Status page: incident: 取引の一時停止について", "ステータスページ：公式発表「取引の一時停止について」"},
	{exchanges.Maintenance, "Bybit maintenance in progress: 定期メンテナンス", "メンテナンス中です（「定期メンテナンス」）"},
	{exchanges.Unknown, `Unrecognised status "停止中" on btc_jpy`, "btc_jpy で想定外の状態「停止中」を受信しました"},
	{exchanges.Operational, "Status page: incident: 入金の遅延", "通常どおり稼働しています"},
}

func TestJapaneseSummaries(t *testing.T) {
	for _, c := range summaryCases {
		if got := Summary(c.level, c.en); got != c.want {
			t.Errorf("%q: %q, want %q", c.en, got, c.want)
		}
	}
}

var halt = []exchanges.PairStatus{{Pair: "btc_jpy", Level: exchanges.Outage, Raw: "HALT"}}

// reasonCases are reasons' details and their Japanese.
var reasonCases = []struct {
	detail string
	pairs  []exchanges.PairStatus
	want   string
}{
	{"btc_jpy HALT", halt, "btc_jpy は取引停止中（取引所の表示「HALT」）"},
	{"btc_jpy HALT", nil, "btc_jpy の状態（取引所の表示「HALT」）"},
	{"btc_jpy stop (no order, no market_order, no cancel)", nil,
		"btc_jpy の状態（取引所の表示「stop」、新規注文・成行注文・取消ができません）"},
	{"API unreachable: HTTP 500", nil, "API に接続できません（HTTP 500 のサーバーエラー）"},
	{"rate limited, retrying in 30s", nil, "アクセスが集中しているため、30秒後に確認し直します"},
	{"real-time feed stalled", nil, "リアルタイム配信が停止しています"},
	{`incident "Trading unavailable" (critical impact, investigating; trading)`, nil,
		"公式の障害情報「Trading unavailable」（影響度：重大、状況：調査中、取引関連）"},
	{`component "Withdrawals (BTC)" (funding) major_outage`, nil,
		"「Withdrawals (BTC)」（入出金関連）で大規模障害"},
	{"emergency notice: Trading halted", nil, "公式の緊急告知「Trading halted」"},
	{"ongoing: System upgrade (serviceTypes 2,3, product 1, maintainType 1)", nil,
		"メンテナンス「System upgrade」は実施中（種別：計画メンテナンス）"},
	{"this computer appears to be offline", nil, "このコンピューターがオフラインのようです"},
	{"upcoming maintenance: 定期メンテナンス", nil, "メンテナンスの予定「定期メンテナンス」"},
	{"matching engine on fire", nil, "matching engine on fire"}, // unknown: as it is
}

func TestJapaneseReasons(t *testing.T) {
	for _, c := range reasonCases {
		if got := Reason(c.detail, c.pairs); got != c.want {
			t.Errorf("%q: %q, want %q", c.detail, got, c.want)
		}
	}
}

func TestJapaneseStatusWords(t *testing.T) {
	if got := IncidentStatus("investigating"); got != "調査中" {
		t.Errorf("investigating: %q", got)
	}
	if got := IncidentStatus("pondering"); got != "pondering" {
		t.Errorf("an unknown state is the exchange's own word: %q", got)
	}
	if got := Title("Kraken scheduled maintenance"); got != "予定されたメンテナンス" {
		t.Errorf("default title: %q", got)
	}
	if got := Title("Wallet maintenance"); got != "Wallet maintenance" {
		t.Errorf("official title: %q", got)
	}
	if got := PairState(exchanges.Restricted); got != "取引制限中" {
		t.Errorf("pair: %q", got)
	}
}

func TestTitlesAndLevels(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Kraken scheduled maintenance", "予定されたメンテナンス"},
		{"Wallet maintenance", "「Wallet maintenance」"},
		{"", ""},
	} {
		if got := QuotedTitle(c.in); got != c.want {
			t.Errorf("QuotedTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Level(exchanges.Outage); got != "障害" {
		t.Errorf("Level(outage) = %q", got)
	}
	if got := Level(exchanges.Level(99)); got != Level(exchanges.Unknown) {
		t.Errorf("Level(99) = %q", got)
	}
}

// TestTranslatedTwice: Japanese goes through unchanged, so a text worded
// twice (by a screen and by a notification, say) reads the same as once.
// TestJapaneseInventory checks the same for every shape the engine gives.
func TestTranslatedTwice(t *testing.T) {
	for _, c := range summaryCases {
		once := Summary(c.level, c.en)
		if twice := Summary(c.level, once); twice != once {
			t.Errorf("%q: %q, then %q", c.en, once, twice)
		}
		for _, l := range []exchanges.Level{exchanges.Operational, exchanges.Outage, exchanges.Unknown} {
			if twice := Summary(l, c.want); twice != c.want {
				t.Errorf("%q at %s: %q", c.want, l, twice)
			}
		}
	}
	for _, c := range reasonCases {
		once := Reason(c.detail, c.pairs)
		if twice := Reason(once, c.pairs); twice != once {
			t.Errorf("%q: %q, then %q", c.detail, once, twice)
		}
		if twice := Reason(once, halt); twice != once {
			t.Errorf("%q with pairs: %q, then %q", c.detail, once, twice)
		}
	}
}

func TestEveryRuleCompiles(t *testing.T) {
	if n := CompileRules(); n < 100 {
		t.Fatalf("only %d rules made", n)
	}
}
