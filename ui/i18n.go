package ui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/ja"
)

// Lang is a UI language: "ja" or "en".
type Lang string

const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// ParseLang maps a config or locale value ("ja", "ja_JP.UTF-8", "en-US") to a Lang.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "ja"):
		return Japanese, true
	case strings.HasPrefix(s, "en"):
		return English, true
	}
	return "", false
}

// systemLang reads the POSIX locale variables; anything not Japanese is English.
func systemLang(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, ok := ParseLang(v); ok {
				return l
			}
			return English
		}
	}
	return English
}

// chooseLang: SAFEHARBOR_LANG (for screenshots and support) over the config over the system.
func chooseLang(getenv func(string) string, configured string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	if l, ok := ParseLang(getenv("SAFEHARBOR_LANG")); ok {
		return l
	}
	if l, ok := ParseLang(configured); ok {
		return l
	}
	return systemLang(getenv)
}

// T returns the message for key in l, formatted with args. A missing key
// shows the key itself, which TestCatalogComplete makes impossible.
func (l Lang) T(key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	s := m.en
	if l == Japanese {
		s = m.ja
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Level is a level in words.
func (l Lang) Level(v exchanges.Level) string { return l.T("level." + v.String()) }

// Advice is an advice code in plain words; unknown codes are shown as they are.
func (l Lang) Advice(a exchanges.Advice) string {
	if _, ok := catalog["advice."+string(a)]; ok {
		return l.T("advice." + string(a))
	}
	return string(a)
}

// Source names where a reason came from.
func (l Lang) Source(s string) string {
	if _, ok := catalog["source."+s]; ok {
		return l.T("source." + s)
	}
	return s
}

// Duration is a short human duration: "12 min", "2 h 5 min", "3 d 4 h".
// Span is a length of time in a sentence ("starts in %s", "after %s"):
// Duration, except that under a minute is not "just now".
func (l Lang) Span(d time.Duration) string {
	if d < time.Minute {
		return l.T("dur.underminute")
	}
	return l.Duration(d)
}

func (l Lang) Duration(d time.Duration) string {
	if d < time.Minute {
		return l.T("dur.now")
	}
	m := int(d / time.Minute)
	h, m := m/60, m%60
	dd, h := h/24, h%24
	switch {
	case dd > 0:
		return l.T("dur.dh", dd, h)
	case h > 0 && m > 0:
		return l.T("dur.hm", h, m)
	case h > 0:
		return l.T("dur.h", h)
	}
	return l.T("dur.m", m)
}

type msg struct{ en, ja string }

// catalog holds every user-visible string in both languages. Calm, plain
// wording: the reader may be anxious about their money.
var catalog = map[string]msg{
	"app.title":     {"SafeHarbor", "SafeHarbor"},
	"app.demo":      {"DEMO", "デモ"},
	"app.demo.step": {"Demo: simulated exchanges — %s", "デモ：模擬取引所 — %s"},

	"nav.dashboard": {"Dashboard", "ダッシュボード"},
	"nav.wallet":    {"Wallet", "ウォレット"},
	"nav.history":   {"History", "履歴"},
	"nav.settings":  {"Settings", "設定"},

	"level.operational": {"Operational", ja.Level(exchanges.Operational)},
	"level.degraded":    {"Degraded", ja.Level(exchanges.Degraded)},
	"level.restricted":  {"Restricted", ja.Level(exchanges.Restricted)},
	"level.maintenance": {"Maintenance", ja.Level(exchanges.Maintenance)},
	"level.outage":      {"Outage", ja.Level(exchanges.Outage)},
	"level.unknown":     {"Unknown", ja.Level(exchanges.Unknown)},
	"level.checking":    {"Checking…", "確認中…"},

	"dash.title":      {"Your exchanges", "監視中の取引所"},
	"dash.since":      {"since %s (%s)", "%s から（%s）"},
	"dash.checking":   {"Waiting for the first check…", "最初の確認を待っています…"},
	"dash.details":    {"Details", "詳細"},
	"dash.empty":      {"No exchanges are watched. Choose some in Settings.", "監視する取引所がありません。「設定」で選んでください。"},
	"dash.allclear":   {"All watched exchanges are operating normally.", "監視中の取引所はすべて正常に稼働しています。"},
	"dash.offline":    {"This computer appears to be offline: exchange status is unknown until the connection is back.", "このコンピューターがオフラインのようです。接続が戻るまで取引所の状態はわかりません。"},
	"dash.history":    {"Recent changes", "最近の変化"},
	"banner.pause":    {"Pause trading on %s", "%s での取引を一時停止してください"},
	"banner.pairs":    {"Affected pairs: %s", "影響のある通貨ペア：%s"},
	"banner.playbook": {"What to do now", "今すべきこと"},
	"list.sep":        {", ", "、"},

	"dur.now":         {"just now", "たった今"},
	"dur.underminute": {"under a minute", "1分未満"},
	"dur.m":           {"%d min", "%d分"},
	"dur.h":           {"%d h", "%d時間"},
	"dur.hm":          {"%d h %d min", "%d時間%d分"},
	"dur.dh":          {"%d d %d h", "%d日%d時間"},

	"detail.back":        {"Back", "戻る"},
	"detail.reasons":     {"Why", "判断の根拠"},
	"detail.noreasons":   {"No problems reported.", "問題は報告されていません。"},
	"detail.pairs":       {"Affected pairs: %s", "影響のある通貨ペア：%s"},
	"detail.advice":      {"What we advise", "おすすめの対応"},
	"detail.maintenance": {"Maintenance", "メンテナンス"},
	"detail.nomaint":     {"No maintenance announced.", "予定されたメンテナンスはありません。"},
	"detail.incidents":   {"Official incident reports", "公式の障害情報"},
	"detail.links":       {"Official links", "公式リンク"},
	"detail.domains":     {"Only trust these addresses", "信頼できるのは次のアドレスだけです"},
	"detail.domains.why": {"Outages are phishing season. Check the address bar before you log in.", "障害時はフィッシング詐欺が増えます。ログイン前にアドレスバーを確認してください。"},
	"detail.ack":         {"Stop reminders for this trouble", "この障害の再通知を止める"},
	"detail.acked":       {"Reminders stopped until this trouble ends.", "この障害が終わるまで再通知を止めました。"},
	"detail.playbook":    {"Outage playbook", "障害時の対応手順"},
	"detail.checked":     {"Last checked %s", "最終確認 %s"},
	"link.status":        {"Status page", "ステータスページ"},
	"link.notices":       {"Announcements", "お知らせ"},
	"link.support":       {"Support", "サポート"},
	"link.maintenance":   {"Announcement", "告知"},
	"maint.window":       {"%s – %s", "%s 〜 %s"},
	"dash.maint":         {"Maintenance at %s (in %s)", "%s からメンテナンス予定（あと %s）"},
	"maint.openended":    {"%s – until further notice", "%s 〜 終了未定"},
	"maint.startsin":     {"starts in %s", "開始まで %s"},
	"maint.endsin":       {"in progress, ends in %s", "実施中・終了まで %s"},
	"maint.active":       {"in progress", "実施中"},
	"maint.overrun":      {"past its announced end by %s", "予定終了から %s 超過"},

	"source.rest":         {"Exchange API", "取引所API"},
	"source.statuspage":   {"Status page", "ステータスページ"},
	"source.websocket":    {"Real-time feed", "リアルタイム配信"},
	"source.reachability": {"Reachability", "接続確認"},
	"source.connectivity": {"Your connection", "お使いの回線"},

	"advice.pause_trading":          {"Pause trading until the exchange says it is back.", "取引所が復旧を告知するまで、取引を一時停止してください。"},
	"advice.no_market_orders":       {"Avoid market orders: fills can be far from the price you see.", "成行注文は避けてください。表示と大きく異なる価格で約定するおそれがあります。"},
	"advice.cancels_may_fail":       {"Order cancellations may fail: check open orders on the official site.", "注文の取消ができない場合があります。公式サイトで注文状況を確認してください。"},
	"advice.withdrawals_suspended":  {"Withdrawals are suspended for now.", "現在、出金が停止されています。"},
	"advice.check_official_sources": {"Check the official status page and announcements.", "公式のステータスページとお知らせを確認してください。"},
	"advice.consider_cold_wallet":   {"Consider moving coins you are not trading to your own cold wallet.", "取引に使っていない暗号資産は、ご自身のコールドウォレットへの移動を検討してください。"},
	"advice.beware_phishing":        {"Beware of phishing: use only the official addresses.", "フィッシングに注意し、公式のアドレスだけを利用してください。"},

	"pb.title":         {"%s: what to do now", "%s：今すべきこと"},
	"pb.intro":         {"Work through these steps calmly. Tick each one as you go.", "落ち着いて、次の手順を順に進めてください。終わったらチェックを入れましょう。"},
	"pb.step.confirm":  {"Confirm the problem with official sources only", "公式の情報源だけで状況を確認する"},
	"pb.step.stop":     {"Stop trading — above all leveraged positions and market orders", "取引を止める（特にレバレッジ取引と成行注文）"},
	"pb.step.secure":   {"Secure your assets: move coins to your own cold wallet, knowing the fees and delays", "資産を守る：手数料と所要時間を確認のうえ、ご自身のコールドウォレットへ移す"},
	"pb.step.support":  {"Contact support through official channels only", "問い合わせは公式の窓口からのみ行う"},
	"pb.step.share":    {"Share only verified information", "確認できた情報だけを共有する"},
	"pb.secure.button": {"Open withdrawal guide", "出金ガイドを開く"},
	"pb.secure.soon":   {"Withdrawal guide — coming soon", "出金ガイド（近日対応）"},
	"pb.cautions":      {"Keep in mind", "心に留めておくこと"},
	"pb.calm":          {"Stay calm: outages usually end, and hasty orders are the costliest mistakes.", "落ち着いて。障害はたいてい復旧します。慌てた注文がいちばん大きな損失につながります。"},
	"pb.rumours":       {"Ignore rumours on social media until the exchange confirms them.", "取引所が認めるまで、SNS上のうわさは無視してください。"},
	"pb.seed":          {"SafeHarbor never asks for your seed phrase. Nobody legitimate ever will.", "SafeHarbor がシードフレーズを尋ねることはありません。正規の窓口が尋ねることも決してありません。"},
	"pb.progress":      {"%d of %d steps done", "%d / %d 項目完了"},

	"wallet.title":  {"Cold wallet", "コールドウォレット"},
	"wallet.body":   {"Here you will move coins from an exchange to your own cold wallet, step by step and verified. Coming soon.", "ここでは、取引所からご自身のコールドウォレットへ、確認しながら段階的に暗号資産を移せるようになります。近日対応予定です。"},
	"history.title": {"History", "履歴"},
	"history.body":  {"Past outages, verdict changes and notifications will be listed here. Coming soon.", "過去の障害、状態の変化、通知の記録がここに表示されます。近日対応予定です。"},

	"set.title":                {"Settings", "設定"},
	"set.firstrun":             {"Welcome! Choose the exchanges you use, then save. You can change this any time.", "ようこそ。お使いの取引所を選んで保存してください。あとからいつでも変更できます。"},
	"set.exchanges":            {"Exchanges to watch", "監視する取引所"},
	"set.pairs":                {"Pairs you trade (comma-separated, optional)", "取引している通貨ペア（カンマ区切り・任意）"},
	"set.checking":             {"Checking", "確認の設定"},
	"set.interval":             {"Check every", "確認間隔"},
	"set.failures":             {"Failures before an outage", "障害と判断するまでの失敗回数"},
	"set.successes":            {"Successes before recovery", "復旧と判断するまでの成功回数"},
	"set.notify":               {"Notifications", "通知"},
	"set.desktop":              {"Desktop notifications", "デスクトップ通知"},
	"set.reminder":             {"Remind me while still down, every", "障害が続くときの再通知間隔"},
	"set.quiet":                {"Quiet hours (e.g. 23:00-07:00; outages still alert)", "通知を控える時間帯（例 23:00-07:00、障害は通知します）"},
	"set.language":             {"Language", "言語"},
	"set.save":                 {"Save", "保存"},
	"set.saved":                {"Saved to %s and applied.", "%s に保存し、適用しました。"},
	"set.applied":              {"Applied.", "適用しました。"},
	"set.error":                {"Not saved: %s", "保存できませんでした：%s"},
	"set.bad.duration":         {"%s: %q is not a duration like 15s or 30m", "%s：%q は 15s や 30m のような時間の形式ではありません"},
	"set.bad.number":           {"%s: %q is not a whole number", "%s：%q は整数ではありません"},
	"set.none":                 {"choose at least one exchange", "取引所を1つ以上選んでください"},
	"set.placeholder.interval": {"15s", "15s"},

	"tray.open":    {"Open SafeHarbor", "SafeHarbor を開く"},
	"tray.snooze":  {"Snooze alerts 1 h", "通知を1時間停止"},
	"tray.snoozed": {"Alerts snoozed until %s — resume", "%s まで通知停止中 — 再開する"},
	"tray.quit":    {"Quit", "終了"},
	"tray.item":    {"%s — %s", "%s — %s"},

	"note.change.title":    {"%s: %s", "%s：%s"},
	"note.group.title":     {"%d exchanges changed", "%d件の取引所で状態が変化"},
	"note.recovered":       {"%s is back to normal after %s", "%s は %s ぶりに正常に戻りました"},
	"note.recovered.title": {"%s: recovered", "%s：復旧"},
	"note.pause":           {"Pause trading. %s", "取引を一時停止してください。%s"},
	"note.info":            {"%s", "%s"},
}
