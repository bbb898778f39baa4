package ui

func init() {
	for k, v := range historyMessages {
		catalog[k] = v
	}
}

// historyMessages are the history area's words.
var historyMessages = map[string]msg{
	"history.tab.incidents": {"Incidents", "障害の記録"},
	"history.tab.uptime":    {"Uptime", "稼働率"},
	"history.tab.calendar":  {"Maintenance calendar", "メンテナンス予定"},
	"history.tab.channels":  {"Notification channels", "通知先"},

	"history.nostore": {"The history database is not open, so nothing is recorded yet. Another SafeHarbor may be using it.", "履歴データベースが開かれていないため、記録はまだありません。別の SafeHarbor が使用中の可能性があります。"},
	"history.err":     {"Could not read the history: %s", "履歴を読み込めませんでした：%s"},

	"history.incidents.intro": {"Troubled periods of your exchanges over the last 30 days, newest first, as SafeHarbor observed them.", "過去30日間に SafeHarbor が観測した取引所の障害期間です（新しい順）。"},
	"history.incidents.none":  {"No incidents recorded in the last 30 days.", "過去30日間に記録された障害はありません。"},
	"history.incident.when":   {"%s – %s (%s)", "%s 〜 %s（%s）"},
	"history.more":            {"… and %d more", "…ほか%d件"},
	"history.ongoing":         {"ongoing", "継続中"},
	"history.official":        {"What the exchange said", "取引所の発表"},
	"history.official.link":   {"Official incident report", "公式の障害報告"},
	"history.official.none":   {"The exchange posted no incident report.", "取引所からの障害報告はありませんでした。"},
	"history.official.status": {" (%s)", "（%s）"},

	"history.uptime.title":     {"Uptime", "稼働率"},
	"history.uptime.intro":     {"Share of the time each exchange was working normally or just slow. Time we could not check (offline) is left out.", "各取引所が正常または混雑のみで稼働していた時間の割合です。確認できなかった時間（オフライン時など）は含みません。"},
	"history.uptime.exchange":  {"Exchange", "取引所"},
	"history.uptime.24h":       {"24 hours", "24時間"},
	"history.uptime.7d":        {"7 days", "7日間"},
	"history.uptime.30d":       {"30 days", "30日間"},
	"history.uptime.incidents": {"%d incidents", "障害%d件"},

	"history.lag.title":  {"Official confirmation vs. what we saw", "公式発表と検知のずれ"},
	"history.lag.after":  {"%s usually confirms trouble %s after SafeHarbor sees it (incidents: %d).", "%s は通常、SafeHarbor が異常を検知してから %s 後に障害を公式に認めています（%d件）。"},
	"history.lag.before": {"%s usually announces trouble %s before SafeHarbor sees it (incidents: %d).", "%s は通常、SafeHarbor が異常を検知する %s 前に障害を発表しています（%d件）。"},
	"history.lag.same":   {"%s usually confirms trouble as soon as SafeHarbor sees it (incidents: %d).", "%s は通常、SafeHarbor の検知とほぼ同時に障害を公式に認めています（%d件）。"},
	"history.lag.none":   {"No exchange has confirmed an incident officially yet, so there is no lag to show.", "公式に認められた障害がまだないため、ずれは表示できません。"},

	"history.cal.intro":    {"Maintenance the exchanges have announced, in your local time.", "取引所が告知したメンテナンス予定です（お使いの地域の時刻）。"},
	"history.cal.none":     {"No maintenance announced.", "予定されたメンテナンスはありません。"},
	"history.cal.window":   {"%s – %s", "%s 〜 %s"},
	"history.cal.open":     {"%s – until further notice", "%s 〜 終了未定"},
	"history.cal.startsin": {"starts in %s", "開始まで %s"},
	"history.cal.endsin":   {"in progress, ends in %s", "実施中・終了まで %s"},
	"history.cal.active":   {"in progress", "実施中"},

	"history.ch.intro":        {"Where alerts go besides this computer. Send a test to make sure each one reaches you.", "このコンピューター以外の通知先です。テスト送信で、それぞれ届くことを確認してください。"},
	"history.ch.none":         {"No notification channels configured. Add [[notify]] entries to the config file to get alerts on your phone.", "通知先が設定されていません。スマートフォンで通知を受け取るには、設定ファイルに [[notify]] を追加してください。"},
	"history.ch.nodispatcher": {"Notifications are not running, so tests cannot be sent.", "通知機能が動作していないため、テストを送信できません。"},
	"history.ch.test":         {"Send test message", "テスト送信"},
	"history.ch.sending":      {"Sending…", "送信中…"},
	"history.ch.sent":         {"Test message sent at %s.", "%s にテストメッセージを送信しました。"},
	"history.ch.failed":       {"Failed: %s", "失敗しました：%s"},
	// A failed test in Japanese (English shows notify's own text).
	"history.ch.err.auth":     {"Credentials refused (HTTP %d): check the token and the URL.", "認証を拒否されました（HTTP %d）。トークンと URL を確認してください。"},
	"history.ch.err.notfound": {"No such destination (HTTP %d): check the URL.", "送信先が見つかりません（HTTP %d）。URL を確認してください。"},
	"history.ch.err.busy":     {"Too many messages (HTTP %d): try again in a while.", "送信が多すぎると返されました（HTTP %d）。少し待ってから試してください。"},
	"history.ch.err.server":   {"A temporary error at the service (HTTP %d): try again later.", "サービス側の一時的なエラーです（HTTP %d）。しばらくしてから試してください。"},
	"history.ch.err.refused":  {"The message was not accepted (HTTP %d): check the settings.", "メッセージを受け付けられませんでした（HTTP %d）。設定を確認してください。"},
	"history.ch.err.said":     {" It said %s.", " 応答：%s"},
	"history.ch.err.net":      {"Could not reach the service (%s).", "送信できませんでした（%s）。"},
	"history.ch.err.keyring":  {"Cannot read the token from the keyring. %s", "トークンをキーリングから読めません。%s"},
	"history.ch.err.other":    {"The test could not be sent.", "テストを送信できませんでした。"},
	"history.ch.min":          {"alerts from %s", "%s 以上を通知"},
}
