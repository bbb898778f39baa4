package ui

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/clock"
	"safeharbor/notify"
)

// HistoryDeps wire the history area. Nil members show a plain note instead.
type HistoryDeps struct {
	Store *history.Store // incidents, uptime, lag
	// Dispatcher is the current notification dispatcher (nil while it is
	// being built); run rebuilds it when settings change, hence a func.
	Dispatcher func() *notify.Dispatcher
	// Calendar is the maintenance calendar; default the dispatcher's.
	Calendar *notify.Calendar
	Clock    clock.Clock
	// Do runs a func on the Fyne goroutine: the bridge's onUI. Default fyne.Do.
	Do func(func())
}

// maxReasons bounds the reasons listed per incident: a busy exchange may
// name every pair.
const maxReasons = 4

// historyWindow is how far back the timeline goes.
const historyWindow = 30 * 24 * time.Hour

// uptimeWindows are the uptime columns.
var uptimeWindows = []struct {
	key string
	d   time.Duration
}{{"history.uptime.24h", 24 * time.Hour}, {"history.uptime.7d", 7 * 24 * time.Hour}, {"history.uptime.30d", 30 * 24 * time.Hour}}

// historyArea is the History screen: incident timeline, uptime and
// confirmation lag per exchange, notification channels with a test button,
// and the maintenance calendar. The store is local and small, so it is read
// on the Fyne goroutine; only notification tests go out on the network.
type historyArea struct {
	u       *UI
	deps    HistoryDeps
	jobs    *tasks
	root    *fyne.Container
	tabs    *container.AppTabs
	lang    Lang
	tests   map[string]testResult // channel → last test result
	sending map[string]bool
}

// testResult is the outcome of a channel's last test message.
type testResult struct {
	text string
	ok   bool
}

// newHistoryArea builds the area; Close stops notification tests in flight.
func newHistoryArea(u *UI, deps HistoryDeps) *historyArea {
	if deps.Clock == nil {
		deps.Clock = u.clk
	}
	h := &historyArea{u: u, deps: deps, jobs: newTasks(deps.Do), tests: map[string]testResult{}, sending: map[string]bool{}}
	h.root = container.NewStack()
	return h
}

// Close stops background work; call it when the app quits.
func (h *historyArea) Close() { h.jobs.stop() }

func (h *historyArea) T(key string, args ...any) string { return h.u.lang.T(key, args...) }

// View re-reads the store and the calendar: the shell calls it on every
// refresh, which keeps countdowns and open incidents current.
func (h *historyArea) View() fyne.CanvasObject {
	sel := 0
	if h.tabs != nil && h.lang == h.u.lang {
		sel = h.tabs.SelectedIndex()
	}
	h.lang = h.u.lang
	h.tabs = container.NewAppTabs(
		container.NewTabItem(h.T("history.tab.incidents"), container.NewVScroll(h.incidentsView())),
		container.NewTabItem(h.T("history.tab.uptime"), container.NewVScroll(h.uptimeView())),
		container.NewTabItem(h.T("history.tab.calendar"), container.NewVScroll(h.calendarView())),
		container.NewTabItem(h.T("history.tab.channels"), container.NewVScroll(h.channelsView())),
	)
	h.tabs.SelectIndex(sel)
	h.root.Objects = []fyne.CanvasObject{h.tabs}
	h.root.Refresh()
	return h.root
}

func (h *historyArea) rerender() {
	if h.tabs != nil {
		h.View()
	}
}

func (h *historyArea) dispatcher() *notify.Dispatcher {
	if h.deps.Dispatcher == nil {
		return nil
	}
	return h.deps.Dispatcher()
}

func (h *historyArea) now() time.Time { return h.deps.Clock.Now() }

func (h *historyArea) name(id string) string {
	if r, ok := h.u.m.rows[id]; ok && r.Name != "" {
		return r.Name
	}
	if x, ok := exchanges.Lookup(id); ok && x.Name != "" {
		return x.Name
	}
	return id
}

// exchangeIDs are the watched exchanges, then any others with history.
func (h *historyArea) exchangeIDs() []string {
	var out []string
	for _, e := range h.u.cfg.Exchanges {
		out = append(out, e.ID)
	}
	if h.deps.Store != nil {
		if ids, err := h.deps.Store.Exchanges(); err == nil {
			for _, id := range ids {
				if !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

func (h *historyArea) noStore() fyne.CanvasObject {
	return wrapLabel(h.T("history.nostore"))
}

// incidentsView is the timeline, newest first.
func (h *historyArea) incidentsView() fyne.CanvasObject {
	if h.deps.Store == nil {
		return h.noStore()
	}
	now := h.now()
	incs, err := h.deps.Store.Incidents("", now.Add(-historyWindow))
	box := container.NewVBox(wrapLabel(h.T("history.incidents.intro")))
	if err != nil {
		box.Add(wrapLabel(h.T("history.err", err.Error())))
		return box
	}
	if len(incs) == 0 {
		box.Add(wrapLabel(h.T("history.incidents.none")))
	}
	slices.Reverse(incs)
	for _, in := range incs {
		box.Add(h.incidentCard(in, now))
	}
	return box
}

func (h *historyArea) incidentCard(in history.Incident, now time.Time) fyne.CanvasObject {
	end := h.T("history.ongoing")
	if !in.Open() {
		end = h.u.localTime(in.End)
	}
	head := boldLabel(fmt.Sprintf("%s — %s", h.name(in.Exchange), h.u.lang.Level(in.Worst)))
	body := container.NewVBox(
		container.NewHBox(widget.NewIcon(badgeIcon(in.Worst)), head),
		widget.NewLabel(h.T("history.incident.when", h.u.localTime(in.Start), end, h.u.lang.Span(in.Duration(now)))),
	)
	if in.Summary != "" {
		body.Add(wrapLabel(h.u.lang.summary(in.Worst, in.Summary)))
	}
	shown := 0
	groups := exchanges.GroupReasons(in.Reasons, nil) // several pairs' one state on one line
	for i, g := range groups {
		if g.Detail == in.Summary && len(g.Pairs) < 2 {
			continue // already said
		}
		if shown == maxReasons {
			body.Add(widget.NewLabel(h.T("history.more", len(groups)-i)))
			break
		}
		body.Add(wrapLabel("• " + h.u.lang.reasonGroupLine(g, nil)))
		shown++
	}
	if len(in.Official) > 0 {
		body.Add(boldLabel(h.T("history.official")))
		for _, o := range in.Official {
			line := h.u.lang.title(o.Title)
			if o.Status != "" {
				line += h.u.lang.T("history.official.status", h.u.lang.incidentStatus(o.Status))
			}
			body.Add(wrapLabel(line))
			if o.Update != "" {
				u := wrapLabel(o.Update)
				u.TextStyle.Italic = true
				body.Add(u)
			}
			if l := h.u.link(h.T("history.official.link"), o.URL); l != nil {
				body.Add(l)
			}
		}
	} else if !in.Open() {
		body.Add(wrapLabel(h.T("history.official.none")))
	}
	if l := h.u.link(h.T("link.status"), in.Link); l != nil {
		body.Add(l)
	}
	return widget.NewCard("", "", body)
}

// uptimeView is a table of uptime per window and the confirmation lag.
func (h *historyArea) uptimeView() fyne.CanvasObject {
	if h.deps.Store == nil {
		return h.noStore()
	}
	now := h.now()
	grid := container.NewGridWithColumns(1+len(uptimeWindows), boldLabel(h.T("history.uptime.exchange")))
	for _, w := range uptimeWindows {
		grid.Add(boldLabel(h.T(w.key)))
	}
	lags := container.NewVBox()
	for _, id := range h.exchangeIDs() {
		grid.Add(widget.NewLabel(h.name(id)))
		for _, w := range uptimeWindows {
			grid.Add(widget.NewLabel(h.uptimeText(id, w.d, now)))
		}
		if s := h.lagText(id); s != "" {
			lags.Add(wrapLabel(s))
		}
	}
	if len(lags.Objects) == 0 {
		lags.Add(wrapLabel(h.T("history.lag.none")))
	}
	return container.NewVBox(
		card(h.T("history.uptime.title"), container.NewVBox(wrapLabel(h.T("history.uptime.intro")), grid)),
		card(h.T("history.lag.title"), lags),
	)
}

func (h *historyArea) uptimeText(id string, window time.Duration, now time.Time) string {
	st, err := h.deps.Store.Figures(id, window, now)
	if err != nil || st.Up+st.Down == 0 {
		return "—"
	}
	s := fmt.Sprintf("%.2f%%", st.Uptime*100)
	if st.Incidents > 0 {
		s += " · " + h.T("history.uptime.incidents", st.Incidents)
	}
	return s
}

// lagText is "bitbank usually confirms 12 min after we see trouble".
func (h *historyArea) lagText(id string) string {
	lag, err := h.deps.Store.ConfirmationLag(id)
	if err != nil || len(lag.Samples) == 0 {
		return ""
	}
	n := len(lag.Samples)
	switch {
	case lag.Median >= time.Minute:
		return h.T("history.lag.after", h.name(id), h.u.lang.Span(lag.Median), n)
	case lag.Median <= -time.Minute:
		return h.T("history.lag.before", h.name(id), h.u.lang.Span(-lag.Median), n)
	}
	return h.T("history.lag.same", h.name(id), n)
}

// calendarView lists announced maintenance in local time with countdowns.
func (h *historyArea) calendarView() fyne.CanvasObject {
	box := container.NewVBox(wrapLabel(h.T("history.cal.intro")))
	cal := h.deps.Calendar
	if d := h.dispatcher(); cal == nil && d != nil {
		cal = d.Calendar()
	}
	if cal == nil {
		box.Add(wrapLabel(h.T("history.cal.none")))
		return box
	}
	now := h.now()
	entries := cal.Upcoming(now)
	if len(entries) == 0 {
		box.Add(wrapLabel(h.T("history.cal.none")))
	}
	for _, e := range entries {
		name := e.Name
		if name == "" {
			name = h.name(e.Exchange)
		}
		win := h.T("history.cal.open", h.localDateTime(e.Window.Start))
		if !e.Window.End.IsZero() {
			win = h.T("history.cal.window", h.localDateTime(e.Window.Start), h.localDateTime(e.Window.End))
		}
		var when string
		switch {
		case e.Active && !e.Window.End.IsZero():
			when = h.T("history.cal.endsin", h.u.lang.Span(e.Window.End.Sub(now)))
		case e.Active:
			when = h.T("history.cal.active")
		default:
			when = h.T("history.cal.startsin", h.u.lang.Span(e.StartsIn))
		}
		title := boldLabel(name)
		body := container.NewVBox(title, widget.NewLabel(win), widget.NewLabel(when))
		if e.Window.Title != "" {
			body.Add(wrapLabel(h.u.lang.title(e.Window.Title)))
		}
		if l := h.u.link(h.T("link.maintenance"), e.Window.URL); l != nil {
			body.Add(l)
		}
		icon := theme.HistoryIcon()
		if e.Active {
			icon = theme.WarningIcon()
		}
		box.Add(widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(icon), nil, body)))
	}
	return box
}

// localDateTime always shows the date: maintenance is often days ahead.
func (h *historyArea) localDateTime(t time.Time) string {
	t = t.In(h.u.loc)
	if h.u.lang == Japanese {
		return t.Format("1/2 15:04 MST")
	}
	return t.Format("Mon Jan 2 15:04 MST")
}

// channelsView lists the [[notify]] channels with a test button each.
func (h *historyArea) channelsView() fyne.CanvasObject {
	box := container.NewVBox(wrapLabel(h.T("history.ch.intro")))
	var names []string
	d := h.dispatcher()
	if d != nil {
		names = d.Channels()
	} else {
		for _, n := range h.u.cfg.Notify {
			names = append(names, channelName(n))
		}
		if len(names) > 0 {
			box.Add(wrapLabel(h.T("history.ch.nodispatcher")))
		}
	}
	if len(names) == 0 {
		box.Add(wrapLabel(h.T("history.ch.none")))
	}
	for _, name := range names {
		name := name
		desc := name
		if n, ok := h.channelConfig(name); ok {
			desc = h.describeChannel(n)
		}
		b := widget.NewButtonWithIcon(h.T("history.ch.test"), theme.MailSendIcon(), func() { h.sendTest(name) })
		if d == nil || h.sending[name] {
			b.Disable()
		}
		row := container.NewVBox(container.NewBorder(nil, nil, nil, b, widget.NewLabel(desc)))
		if r, ok := h.tests[name]; ok {
			l := wrapLabel(r.text)
			switch {
			case h.sending[name]:
			case r.ok:
				l.Importance = widget.SuccessImportance
			default:
				l.Importance = widget.DangerImportance
			}
			row.Add(l)
		}
		box.Add(widget.NewCard("", "", row))
	}
	return box
}

func channelName(n config.Notify) string {
	if n.Name != "" {
		return n.Name
	}
	return n.Kind
}

func (h *historyArea) channelConfig(name string) (config.Notify, bool) {
	for _, n := range h.u.cfg.Notify {
		if channelName(n) == name {
			return n, true
		}
	}
	return config.Notify{}, false
}

// describeChannel names a channel by kind and host: never its path, which
// for Discord and Slack webhooks is itself a secret.
func (h *historyArea) describeChannel(n config.Notify) string {
	s := channelName(n)
	if n.Kind != "" && n.Kind != s {
		s += " (" + n.Kind + ")"
	}
	if u, err := url.Parse(n.URL); err == nil && u.Host != "" {
		s += " — " + u.Host
	}
	if n.MinLevel != "" {
		min := n.MinLevel
		if l, err := exchanges.ParseLevel(min); err == nil && h.u.lang == Japanese {
			min = h.u.lang.Level(l)
		}
		s += " · " + h.T("history.ch.min", min)
	}
	return s
}

// sendTest sends one test message on a goroutine; the result comes back
// through the bridge. Errors are the channel's own, already redacted.
func (h *historyArea) sendTest(name string) {
	d := h.dispatcher()
	if d == nil {
		return
	}
	h.sending[name] = true
	h.tests[name] = testResult{text: h.T("history.ch.sending")}
	h.rerender()
	h.jobs.run(func(ctx context.Context) func() {
		err := d.SendTest(ctx, name)
		return func() {
			h.sending[name] = false
			if err != nil {
				h.tests[name] = testResult{text: h.T("history.ch.failed", h.u.lang.channelErr(err))}
			} else {
				h.tests[name] = testResult{text: h.T("history.ch.sent", h.u.localTime(h.now())), ok: true}
			}
			h.rerender()
		}
	})
}

// recordHistory stores every engine event in st until stop (or ctx ends):
// the timeline, uptime and lag come from these records. Call stop before
// closing st.
func recordHistory(ctx context.Context, src Source, st *history.Store, onErr func(error)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	events, unsubscribe := src.Subscribe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer unsubscribe()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				if err := st.Record(ev); err != nil && onErr != nil {
					onErr(err)
				}
			}
		}
	}()
	return func() { cancel(); wg.Wait() }
}
