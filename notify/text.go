package notify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/ja"
)

// alert is what the policy decided to say, before wording.
type alert struct {
	kind  Kind
	id    string
	at    time.Time
	items []item
}

// item is one exchange's part of an alert.
type item struct {
	Detail
	calm     bool          // maintenance inside an announced window
	lead     time.Duration // pre-warning: time to start
	reminder time.Duration // reminder: how long it has lasted
	newOne   bool          // a change into this level (not a reminder)
	// pairs are the verdict's pairs: they give a reason's raw pair state
	// its meaning in Japanese ("btc_jpy HALT" is 取引停止中).
	pairs []exchanges.PairStatus
}

func (a alert) level() exchanges.Level {
	l := exchanges.Operational
	for _, it := range a.items {
		il := it.Level
		if it.recovery() {
			il = it.Previous // a recovery reaches the channels that heard of the trouble
		}
		if il.Worse(l) && il != exchanges.Unknown {
			l = il
		}
	}
	return l
}

// recovery: back to operational, or out of a troubled period.
func (it item) recovery() bool {
	return it.Duration > 0 || (it.newOne && it.Level == exchanges.Operational && it.Previous != exchanges.Operational)
}

// render words an alert in one language.
func render(a alert, lang string, loc *time.Location) Message {
	m := Message{ID: a.id, Kind: a.kind, Time: a.at, Level: a.level()}
	for _, it := range a.items {
		m.Exchanges = append(m.Exchanges, it.Exchange)
		m.Details = append(m.Details, it.Detail)
		if m.URL == "" {
			m.URL = it.Link
		}
	}
	japanese := lang == "ja"
	if len(a.items) == 1 {
		m.Title, m.Body = itemText(a.items[0], a.kind, japanese, loc)
		return m
	}
	var lines []string
	for _, it := range a.items {
		t, b := itemText(it, it.kindFor(a.kind), japanese, loc)
		lines = append(lines, "• "+t+"\n  "+strings.ReplaceAll(b, "\n", "\n  "))
	}
	recovered := !slices.ContainsFunc(a.items, func(it item) bool { return !it.recovery() })
	switch {
	case recovered && japanese:
		m.Title = fmt.Sprintf("%d つの取引所が復旧しました", len(a.items))
	case recovered:
		m.Title = fmt.Sprintf("%d exchanges are back to normal", len(a.items))
	case japanese:
		m.Title = fmt.Sprintf("%d つの取引所で状態が変わりました", len(a.items))
	default:
		m.Title = fmt.Sprintf("%d exchanges changed state", len(a.items))
	}
	m.Body = strings.Join(lines, "\n")
	return m
}

// kindFor is the per-exchange kind inside a group.
func (it item) kindFor(k Kind) Kind {
	if k != KindGroup {
		return k
	}
	if it.recovery() {
		return KindRecovery
	}
	return KindChange
}

func itemText(it item, k Kind, japanese bool, loc *time.Location) (title, body string) {
	name := it.Name
	if name == "" {
		name = it.Exchange
	}
	var b strings.Builder
	line := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s)
	}
	clock := func(t time.Time) string { return t.In(loc).Format("15:04") }
	// The engine's and the adapters' words are English (the webhook's
	// details keep them so); a Japanese message words them with ja.
	summary, reason := it.Summary, exchanges.ReasonGroup.Text
	if japanese {
		if summary != "" {
			summary = ja.Summary(it.Level, summary)
		}
		reason = func(g exchanges.ReasonGroup) string { return ja.ReasonGroup(g, it.pairs) }
	}
	switch k {
	case KindTest:
		if japanese {
			return "SafeHarbor テスト通知", "SafeHarbor からのテストメッセージです。届いていれば、この通知先は正しく設定されています。"
		}
		return "SafeHarbor test", "This is a test message from SafeHarbor. If you can read it, this channel works."
	case KindPreWarning:
		w := it.Window
		span := clock(w.Start)
		if !w.End.IsZero() {
			span += "–" + clock(w.End)
		}
		if japanese {
			title = fmt.Sprintf("%s のメンテナンスまであと%s", name, durText(it.lead, true))
			line(fmt.Sprintf("%s: %s（%s）", name, ja.QuotedTitle(w.Title), strings.ReplaceAll(span, "–", "〜")))
			line("未約定の注文に影響する可能性があります。必要なら事前に注文を整理してください。")
		} else {
			title = fmt.Sprintf("%s maintenance in %s", name, durText(it.lead, false))
			line(fmt.Sprintf("%s: %s (%s)", name, w.Title, span))
			line("Open orders may be affected; adjust them beforehand if needed.")
		}
		line(w.URL)
		return title, b.String()
	case KindOverrun:
		end := clock(it.Window.End)
		if japanese {
			title = fmt.Sprintf("%s のメンテナンスが予定を過ぎています", name)
			line(fmt.Sprintf("%s 終了予定でしたが、まだ続いています。取引は控え、公式のお知らせを確認してください。", end))
		} else {
			title = fmt.Sprintf("%s maintenance is running late", name)
			line(fmt.Sprintf("It was announced to end at %s and is still going on. Keep trading paused and check the official notice.", end))
		}
		line(it.Link)
		return title, b.String()
	case KindRecovery:
		if japanese {
			title = fmt.Sprintf("%s が復旧しました", name)
			if it.Duration > 0 {
				span := durText(it.Duration, true)
				if !strings.HasSuffix(span, "未満") {
					span += "間" // 「42分間の障害」, but 「1分未満の障害」
				}
				line(fmt.Sprintf("%s は%sの%sのあと、通常どおり稼働しています。", name, span, levelNoun(it.Previous, true)))
			} else {
				line(fmt.Sprintf("%s は通常どおり稼働しています。", name))
			}
			line("再開前に、未約定の注文とポジションを確認してください。")
		} else {
			title = fmt.Sprintf("%s is back to normal", name)
			if it.Duration > 0 {
				line(fmt.Sprintf("%s is operational again after %s of %s.", name, durText(it.Duration, false), levelNoun(it.Previous, false)))
			} else {
				line(fmt.Sprintf("%s is operational again.", name))
			}
			line("Check your open orders and positions before you resume.")
		}
		return title, b.String()
	case KindReminder:
		if japanese {
			title = fmt.Sprintf("%s の%sが%s続いています", name, levelNoun(it.Level, true), durText(it.reminder, true))
			line("引き続き取引を控えてください。")
		} else {
			title = fmt.Sprintf("%s: still %s after %s", name, levelAdj(it.Level), durText(it.reminder, false))
			line("Keep trading paused.")
		}
		line(summary)
		line(it.Link)
		return title, b.String()
	}
	// KindChange.
	switch {
	case it.Level == exchanges.Outage && japanese:
		title = fmt.Sprintf("%s で障害が発生しています", name)
		line(title + "。取引を一時停止してください。")
	case it.Level == exchanges.Outage:
		title = fmt.Sprintf("%s: outage — pause trading", name)
		line(fmt.Sprintf("%s is down. Pause trading, above all leveraged positions and market orders.", name))
	case it.Level == exchanges.Restricted && japanese:
		title = fmt.Sprintf("%s で取引が制限されています", name)
		line("成行注文は避け、公式のお知らせを確認してください。")
	case it.Level == exchanges.Restricted:
		title = fmt.Sprintf("%s: trading restricted", name)
		line("Avoid market orders and check the official notice.")
	case it.Level == exchanges.Maintenance && it.calm && japanese:
		title = fmt.Sprintf("%s の予定メンテナンスが始まりました", name)
		until := ""
		if it.Window != nil && !it.Window.End.IsZero() {
			until = "（" + clock(it.Window.End) + " まで）"
		}
		line("告知どおりのメンテナンスです" + until + "。終了まで取引はできません。")
	case it.Level == exchanges.Maintenance && it.calm:
		title = fmt.Sprintf("%s: scheduled maintenance started", name)
		until := ""
		if it.Window != nil && !it.Window.End.IsZero() {
			until = " (until " + clock(it.Window.End) + ")"
		}
		line("This is the announced maintenance" + until + ". Trading is unavailable until it ends.")
	case it.Level == exchanges.Maintenance && japanese:
		title = fmt.Sprintf("%s がメンテナンス中です", name)
		line("取引を一時停止してください。注文の取消ができない場合があります。")
	case it.Level == exchanges.Maintenance:
		title = fmt.Sprintf("%s: maintenance", name)
		line("Pause trading; cancels may fail until it ends.")
	case it.Level == exchanges.Degraded && japanese:
		title = fmt.Sprintf("%s が混雑しています", name)
		line("成行注文は避け、指値注文をおすすめします。")
	case it.Level == exchanges.Degraded:
		title = fmt.Sprintf("%s: busy or slow", name)
		line("Prefer limit orders over market orders.")
	case japanese:
		title = fmt.Sprintf("%s: %s", name, ja.Level(it.Level))
	default:
		title = fmt.Sprintf("%s: %s", name, it.Level)
	}
	if !it.calm {
		if summary != "" {
			if japanese {
				line("状況: " + summary)
			} else {
				line("Status: " + summary)
			}
		}
		var rs []string
		for i, g := range exchanges.GroupReasons(it.Reasons, it.pairs) {
			if i == 3 {
				rs = append(rs, "…")
				break
			}
			if g.Detail != it.Summary || len(g.Pairs) > 1 {
				rs = append(rs, reason(g))
			}
		}
		if len(rs) > 0 {
			if japanese {
				line("根拠: " + strings.Join(rs, "、"))
			} else {
				line("Why: " + strings.Join(rs, "; "))
			}
		}
		if len(it.Pairs) > 0 {
			if japanese {
				line("対象ペア: " + strings.Join(it.Pairs, ", "))
			} else {
				line("Pairs: " + strings.Join(it.Pairs, ", "))
			}
		}
	}
	if it.Link != "" {
		if japanese {
			line("公式情報のみを確認してください: " + it.Link)
		} else {
			line("Check official sources only: " + it.Link)
		}
	}
	if it.Level == exchanges.Outage {
		if japanese {
			line("障害時はフィッシングが増えます。シードフレーズは誰にも教えないでください。")
		} else {
			line("Outages bring phishing: never share your seed phrase.")
		}
	}
	return title, b.String()
}

func levelNoun(l exchanges.Level, japanese bool) string {
	if japanese {
		switch l {
		case exchanges.Outage:
			return "障害"
		case exchanges.Restricted:
			return "取引制限"
		case exchanges.Maintenance:
			return "メンテナンス"
		case exchanges.Degraded:
			return "混雑"
		}
		return "異常"
	}
	switch l {
	case exchanges.Outage:
		return "outage"
	case exchanges.Restricted:
		return "trading restrictions"
	case exchanges.Maintenance:
		return "maintenance"
	case exchanges.Degraded:
		return "slowness"
	}
	return "trouble"
}

func levelAdj(l exchanges.Level) string {
	switch l {
	case exchanges.Outage:
		return "down"
	case exchanges.Restricted:
		return "restricted"
	case exchanges.Maintenance:
		return "in maintenance"
	}
	return l.String()
}

// durText is "1 h 5 min" / "1時間5分", rounded to minutes.
func durText(d time.Duration, japanese bool) string {
	m := int((d + 30*time.Second) / time.Minute)
	if m < 1 {
		if japanese {
			return "1分未満"
		}
		return "under a minute"
	}
	h, m := m/60, m%60
	switch {
	case japanese && h > 0 && m > 0:
		return fmt.Sprintf("%d時間%d分", h, m)
	case japanese && h > 0:
		return fmt.Sprintf("%d時間", h)
	case japanese:
		return fmt.Sprintf("%d分", m)
	case h > 0 && m > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case h > 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d min", m)
}
