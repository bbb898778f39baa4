package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/ja/jatest"
	"safeharbor/notify"
	"safeharbor/ui"
	"safeharbor/watchers"
)

// noticeCheck reads the notifications the server recorded against what
// the app should say: notify's own words for an outage of each demo
// exchange, in the app's language.
type noticeCheck struct {
	lang   ui.Lang
	outage map[string]notify.Message // by exchange id
	guard  *jatest.Checker
}

func newNoticeCheck(ctx context.Context, c *labels) (*noticeCheck, error) {
	k := &noticeCheck{lang: c.lang, guard: jatest.New(), outage: map[string]notify.Message{}}
	now := time.Now()
	var vs []watchers.Verdict
	for i, id := range c.ids {
		vs = append(vs, watchers.Verdict{ID: id, Name: c.names[i], Level: exchanges.Outage, Since: now})
	}
	ms, err := notifyWords(ctx, c.lang, vs)
	for _, m := range ms {
		k.outage[m.Exchanges[0]] = m
	}
	return k, err
}

// capture is a notify.Channel that keeps what it is sent.
type capture chan notify.Message

func (capture) Name() string { return "desktop" }
func (c capture) Send(ctx context.Context, m notify.Message) error {
	select {
	case c <- m:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notifyWords asks notify's Dispatcher, as the app's desktop channel does,
// how it words in lang what each verdict (of a different exchange) tells
// after a calm start: a new outage, a maintenance announced. The verdicts
// carry only what the words need: the app's also carry a summary,
// reasons, pairs and links, which add lines between the first and the
// last.
func notifyWords(ctx context.Context, lang ui.Lang, vs []watchers.Verdict) ([]notify.Message, error) {
	d, ch, ctx, stop, err := wording(ctx, lang, len(vs))
	if err != nil {
		return nil, err
	}
	defer stop()
	now := time.Now()
	for _, v := range vs {
		calm := v
		calm.Level, calm.Maintenance = exchanges.Operational, nil
		d.Handle(watchers.Event{Kind: watchers.Changed, Time: now, First: true, Verdict: calm})
		d.Handle(watchers.Event{Kind: watchers.Changed, Time: now, Previous: exchanges.Operational, Verdict: v})
	}
	var out []notify.Message
	for len(out) < len(vs) {
		select {
		case m := <-ch:
			if len(m.Exchanges) != 1 {
				return nil, fmt.Errorf("notify worded one message for %v", m.Exchanges)
			}
			out = append(out, m)
		case <-ctx.Done():
			return nil, fmt.Errorf("notify worded %d messages for %d verdicts", len(out), len(vs))
		}
	}
	return out, nil
}

// wording runs notify's Dispatcher as the app's desktop channel uses it,
// but with no group window and no spacing, so that each alert is worded
// at once (within 10 s, or ctx ends); stop ends it.
func wording(ctx context.Context, lang ui.Lang, buf int) (d *notify.Dispatcher, got capture, _ context.Context, stop func(), err error) {
	cfg := config.Default()
	cfg.Alerts.GroupWindow = config.D(0)
	got = make(capture, buf)
	d, err = notify.New(cfg, notify.Options{Channels: []notify.Channel{got}, Language: string(lang), Spacing: time.Nanosecond})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Run(ctx) }()
	return d, got, ctx, func() { cancel(); <-done }, nil
}

// maintenanceWords is notify's notice of a maintenance announced to start
// in a minute (as the demo announces Kraken's): "Kraken maintenance in 1 min".
func (k *noticeCheck) maintenanceWords(ctx context.Context, c *labels, id string) (notify.Message, error) {
	i := slices.Index(c.ids, id)
	if i < 0 {
		return notify.Message{}, fmt.Errorf("%s is not a demo exchange", id)
	}
	now := time.Now()
	w := exchanges.MaintenanceWindow{Title: "maintenance", Start: now.Add(time.Minute), End: now.Add(11 * time.Minute)}
	ms, err := notifyWords(ctx, k.lang, []watchers.Verdict{{ID: id, Name: c.names[i], Level: exchanges.Operational,
		Maintenance: []exchanges.MaintenanceWindow{w}}})
	if err != nil {
		return notify.Message{}, err
	}
	return ms[0], nil
}

// recoveryWords is notify's notice of id's recovery after an outage:
// "bitbank is back to normal", then how long it was down and what to check.
func (k *noticeCheck) recoveryWords(ctx context.Context, c *labels, id string) (notify.Message, error) {
	i := slices.Index(c.ids, id)
	if i < 0 {
		return notify.Message{}, fmt.Errorf("%s is not a demo exchange", id)
	}
	d, ch, ctx, stop, err := wording(ctx, k.lang, 2)
	if err != nil {
		return notify.Message{}, err
	}
	defer stop()
	now := time.Now()
	v := watchers.Verdict{ID: id, Name: c.names[i], Level: exchanges.Operational, Since: now}
	d.Handle(watchers.Event{Kind: watchers.Changed, Time: now, First: true, Verdict: v})
	v.Level = exchanges.Outage
	d.Handle(watchers.Event{Kind: watchers.Changed, Time: now, Previous: exchanges.Operational, Verdict: v})
	var out []notify.Message
	for len(out) < 2 {
		select {
		case m := <-ch:
			out = append(out, m)
			if len(out) == 1 {
				v.Level = exchanges.Operational
				d.Handle(watchers.Event{Kind: watchers.Changed, Time: time.Now(), Previous: exchanges.Outage, Verdict: v})
			}
		case <-ctx.Done():
			return notify.Message{}, fmt.Errorf("notify worded %d of an outage's 2 messages", len(out))
		}
	}
	if out[1].Kind != notify.KindRecovery {
		return notify.Message{}, fmt.Errorf("notify's second message is a %s, not a recovery: %q", out[1].Kind, out[1].Title)
	}
	return out[1], nil
}

// load reads the notifications so far; one that breaks the rules of all
// fails the check for good.
func (k *noticeCheck) load(dir string) ([]notice, error) {
	ns, err := loadNotices(dir)
	if err != nil {
		return nil, err
	}
	if err := k.all(ns); err != nil {
		return nil, permanent{err}
	}
	return ns, nil
}

// expectRecoveryNotice is expect's recovery-notice condition: notify's
// title for the exchange's recovery, as a notification of its own or as
// an entry of a group (several exchanges recovering together), with what
// to check before trading again.
func (k *noticeCheck) expectRecoveryNotice(dir string, want notify.Message) func(*state) (string, error) {
	advice := lastLine(want.Body)
	return func(*state) (string, error) {
		ns, err := k.load(dir)
		if err != nil {
			return "", err
		}
		for _, nt := range ns {
			lines := strings.Split(nt.Body, "\n")
			alone := nt.Summary == want.Title
			entry := slices.Index(lines, "• "+want.Title)
			if !alone && entry < 0 {
				continue
			}
			how := "alone"
			if !alone {
				how = fmt.Sprintf("in group %q", nt.Summary)
			}
			if !slices.Contains(lines, advice) && !slices.Contains(lines, "  "+advice) {
				return "", permanent{fmt.Errorf("notification %d %q (%s): no line %q in %q", nt.ID, nt.Summary, how, advice, nt.Body)}
			}
			told := firstLine(nt.Body)
			if entry >= 0 && entry+1 < len(lines) {
				told = strings.TrimSpace(lines[entry+1])
			}
			return fmt.Sprintf("recovery notification (%s) %d at %.1f s, %s: %q / %q", k.lang, nt.ID, nt.At, how, want.Title, told), nil
		}
		return "", fmt.Errorf("no notification of %q, alone or in a group (notify's words for %s's recovery in %s); notifications so far: %s",
			want.Title, want.Exchanges[0], k.lang, summaries(ns))
	}
}

var reURL = regexp.MustCompile(`https?://\S+`)

// english is the English left in a Japanese notice (URLs aside).
func (k *noticeCheck) english(s string) []string {
	return k.guard.English(reURL.ReplaceAllString(s, " "))
}

func japaneseRunes(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
	})
}

// toldTwice: the same title again this soon is one change told twice
// (two sources of one exchange, say), not news.
const toldTwice = 30 * time.Second

// all checks every notice: from the app (a name, its icon), in the app's
// language, and none repeating another: the same title and body, or the
// same title within toldTwice.
func (k *noticeCheck) all(ns []notice) error {
	seen := map[string]notice{}
	titled := map[string]notice{}
	for _, nt := range ns {
		what := fmt.Sprintf("notification %d (%q)", nt.ID, nt.Summary)
		switch {
		case nt.AppName == "":
			return fmt.Errorf("%s has no app_name", what)
		case nt.Icon != "app":
			return fmt.Errorf("%s does not carry the app's icon: app_icon %q is %s", what, nt.AppIcon, nt.Icon)
		case nt.Summary == "" || nt.Body == "":
			return fmt.Errorf("%s has no title or no body: %q / %q", what, nt.Summary, nt.Body)
		}
		text := nt.Summary + "\n" + nt.Body
		if k.lang == ui.Japanese {
			if !japaneseRunes(nt.Summary) {
				return fmt.Errorf("%s: the title is not Japanese", what)
			}
			if en := k.english(text); len(en) > 0 {
				return fmt.Errorf("%s: English in a Japanese notification: %q in %q", what, en, text)
			}
		} else if japaneseRunes(text) {
			return fmt.Errorf("%s: Japanese in an English notification: %q", what, text)
		}
		key := nt.Summary + "\x00" + nt.Body
		if first, ok := seen[key]; ok {
			again := "again"
			if first.ID+1 == nt.ID {
				again = "twice in a row"
			}
			return fmt.Errorf("notifications %d and %d are the same (%s, %.1f s apart): %q / %q",
				first.ID, nt.ID, again, nt.At-first.At, nt.Summary, nt.Body)
		}
		seen[key] = nt
		if first, ok := titled[nt.Summary]; ok && nt.Time.Sub(first.Time) < toldTwice {
			return fmt.Errorf("notifications %d and %d have the same title %.1f s apart: %q, with %q then %q",
				first.ID, nt.ID, nt.At-first.At, nt.Summary, firstLine(first.Body), firstLine(nt.Body))
		}
		titled[nt.Summary] = nt
	}
	return nil
}

// outageNotice finds the notice of id's outage and checks its words
// against notify's: the same title, the same first line (what to do) and
// last line (the phishing warning).
func (k *noticeCheck) outageNotice(ns []notice, id string) (notice, error) {
	want, ok := k.outage[id]
	if !ok {
		return notice{}, fmt.Errorf("%s is not a demo exchange", id)
	}
	wl := strings.Split(want.Body, "\n")
	for _, nt := range ns {
		if nt.Summary != want.Title {
			continue
		}
		gl := strings.Split(nt.Body, "\n")
		switch {
		case gl[0] != wl[0]:
			return nt, fmt.Errorf("notification %d %q: the body begins %q, want %q", nt.ID, nt.Summary, gl[0], wl[0])
		case gl[len(gl)-1] != wl[len(wl)-1]:
			return nt, fmt.Errorf("notification %d %q: the body ends %q, want %q", nt.ID, nt.Summary, gl[len(gl)-1], wl[len(wl)-1])
		}
		return nt, nil
	}
	return notice{}, fmt.Errorf("no notification %q (notify's words for %s's outage in %s); notifications so far: %s",
		want.Title, id, k.lang, summaries(ns))
}

// newOutage: a notice that tells of a new outage (alone or in a group),
// which a snooze lets through.
func (k *noticeCheck) newOutage(nt notice) bool {
	for _, m := range k.outage {
		if nt.Summary == m.Title || slices.Contains(strings.Split(nt.Body, "\n"), "• "+m.Title) {
			return true
		}
	}
	return false
}

// expectOutageNotice is expect's outage-notice condition for exchange id.
func (k *noticeCheck) expectOutageNotice(dir, id string) func(*state) (string, error) {
	return func(*state) (string, error) {
		ns, err := loadNotices(dir)
		if err != nil {
			return "", err
		}
		nt, err := k.outageNotice(ns, id)
		if err != nil {
			return "", err
		}
		if err := k.all(ns); err != nil {
			return "", permanent{err}
		}
		return fmt.Sprintf("outage notification (%s) %d at %.1f s: %q / %q (+%d lines, the last %q), from %q with the app's icon",
			k.lang, nt.ID, nt.At, nt.Summary, firstLine(nt.Body), strings.Count(nt.Body, "\n"), lastLine(nt.Body), nt.AppName), nil
	}
}

// settle is how long expect's maintenance-notice waits after the notice
// for a second one (another source of the same exchange, polled later).
const settle = 4 * time.Second

// expectMaintenanceNotice is expect's maintenance-notice condition: notify's
// title for a maintenance of the exchange starting in a minute, and the
// same second line (what to do), alone for settle.
func (k *noticeCheck) expectMaintenanceNotice(dir string, want notify.Message) func(*state) (string, error) {
	wl := strings.Split(want.Body, "\n")
	return func(*state) (string, error) {
		ns, err := k.load(dir)
		if err != nil {
			return "", err
		}
		i := slices.IndexFunc(ns, func(nt notice) bool { return nt.Summary == want.Title })
		if i < 0 {
			return "", fmt.Errorf("no notification %q (notify's words for %s's maintenance in %s); notifications so far: %s",
				want.Title, want.Exchanges[0], k.lang, summaries(ns))
		}
		nt := ns[i]
		gl := strings.Split(nt.Body, "\n")
		if len(gl) < 2 || len(wl) < 2 || gl[1] != wl[1] {
			return "", permanent{fmt.Errorf("notification %d %q: the body is %q, want a second line %q", nt.ID, nt.Summary, nt.Body, wl[1])}
		}
		if since := time.Since(nt.Time); since < settle {
			return "", fmt.Errorf("notification %d %q came %.1f s ago: waiting %v for another", nt.ID, nt.Summary, since.Seconds(), settle)
		}
		return fmt.Sprintf("maintenance notification (%s) %d at %.1f s: %q / %q / %q, and no other for %v",
			k.lang, nt.ID, nt.At, nt.Summary, gl[0], gl[1], settle), nil
	}
}

func summaries(ns []notice) string {
	var got []string
	for _, nt := range ns {
		got = append(got, fmt.Sprintf("%d %q", nt.ID, nt.Summary))
	}
	if len(got) == 0 {
		return "none"
	}
	return strings.Join(got, ", ")
}

// permanent is an expect condition's failure that waiting cannot mend.
type permanent struct{ error }

func lastLine(s string) string { return s[strings.LastIndexByte(s, '\n')+1:] }

// notes checks the notifications for the whole of hold (at once when
// hold is 0): each from the app with its icon, in the language, none a
// repeat, and, when since >= 0, after the first since of them (those
// before alerts were snoozed) none but a new outage's.
func notes(ctx context.Context, dir string, lang ui.Lang, since, until int, hold time.Duration, out io.Writer) error {
	c := newLabels(lang)
	if err := c.withDemo(ctx); err != nil {
		return err
	}
	k, err := newNoticeCheck(ctx, c)
	if err != nil {
		return err
	}
	end := time.Now().Add(hold)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		ns, err := loadNotices(dir)
		if err != nil {
			return err
		}
		if since > len(ns) {
			return fmt.Errorf("-since %d: only %d notifications were recorded", since, len(ns))
		}
		if err := k.all(ns); err != nil {
			return err
		}
		if until > len(ns) || until >= 0 && until < since {
			return fmt.Errorf("-until %d: %d notifications were recorded, %d before the snooze", until, len(ns), since)
		}
		var snoozed []notice
		if since >= 0 {
			snoozed = ns[since:]
			if until >= 0 {
				snoozed = ns[since:until]
			}
		}
		var through []string
		for _, nt := range snoozed {
			if !k.newOutage(nt) {
				return fmt.Errorf("notification %d %q at %.1f s came while alerts were snoozed, and is not a new outage", nt.ID, nt.Summary, nt.At)
			}
			through = append(through, fmt.Sprintf("%d %q", nt.ID, nt.Summary))
		}
		if !time.Now().Before(end) {
			msg := fmt.Sprintf("notifications (%s): %d, each from the app with its icon, in %s, none repeated", lang, len(ns), langName(lang))
			if since >= 0 {
				msg += "; while snoozed (after notification " + strconv.Itoa(since)
				if until >= 0 {
					msg += ", up to " + strconv.Itoa(until)
				}
				msg += "): "
				if len(through) == 0 {
					msg += "none"
				} else {
					msg += "only new outages: " + strings.Join(through, ", ")
				}
			}
			if hold > 0 {
				msg += fmt.Sprintf(" (watched for %v)", hold)
			}
			fmt.Fprintln(out, msg)
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func langName(l ui.Lang) string {
	if l == ui.Japanese {
		return "Japanese"
	}
	return "English"
}
