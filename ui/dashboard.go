package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/exchanges"
)

func (u *UI) dashboardView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(u.lang.T("dash.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	list := container.NewVBox()
	rows := u.m.sorted()
	if len(rows) == 0 {
		list.Add(widget.NewLabel(u.lang.T("dash.empty")))
	}
	// Rows are reused while what they show is unchanged: rebuilding every
	// row on each event would churn widgets and their cached textures.
	fresh := make(map[string]cachedRow, len(rows))
	for _, r := range rows {
		key := u.rowKey(r)
		c, ok := u.rowCache[r.ID]
		if !ok || c.key != key {
			c = cachedRow{key: key, obj: u.dashboardRow(r)}
		}
		fresh[r.ID] = c
		list.Add(c.obj)
	}
	u.rowCache = fresh
	var note fyne.CanvasObject = layout.NewSpacer()
	switch {
	case u.m.offline():
		l := widget.NewLabel(u.lang.T("dash.offline"))
		l.Wrapping = fyne.TextWrapWord
		note = l
	case len(rows) > 0 && u.m.worst() == exchanges.Operational:
		note = widget.NewLabelWithStyle(u.lang.T("dash.allclear"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	}
	return container.NewBorder(container.NewVBox(title, note), nil, nil, nil, container.NewVScroll(list))
}

// dashboardRow: colour stripe, badge icon, name, level in words, since, summary, history strip.
func (u *UI) dashboardRow(r *row) fyne.CanvasObject {
	lv := levelOf(r)
	stripe := canvas.NewRectangle(levelColor(lv))
	stripe.SetMinSize(fyne.NewSize(6, 56))
	badge := canvas.NewImageFromResource(badgeIcon(lv))
	badge.SetMinSize(fyne.NewSize(32, 32))
	badge.FillMode = canvas.ImageFillContain

	// The head line is plain canvas text (no label padding) so twelve rows
	// fit on a laptop screen; the summary is a label for its ellipsis.
	fg := theme.Color(theme.ColorNameForeground)
	name := canvas.NewText(r.Name, fg)
	name.TextStyle.Bold = true
	level := canvas.NewText(levelWords(u.lang, r), levelColor(lv))
	level.TextStyle.Bold = true
	head := container.New(layout.NewCustomPaddedHBoxLayout(theme.Padding()*2), name, level)
	if r.Seen && !r.Verdict.Since.IsZero() {
		head.Add(canvas.NewText(u.since(r), fg))
	}
	if w, ok := u.upcomingMaintenance(r); ok {
		m := canvas.NewText(u.lang.T("dash.maint", u.localTime(w.Start), u.lang.Span(w.Start.Sub(u.now()))), levelColor(exchanges.Maintenance))
		m.TextStyle.Bold = true
		head.Add(m)
	}
	summary := u.lang.summary(r.Verdict.Level, r.Verdict.Summary)
	if !r.Seen {
		summary = u.lang.T("dash.checking")
	}
	sum := widget.NewLabel(summary)
	sum.Truncation = fyne.TextTruncateEllipsis

	details := widget.NewButtonWithIcon(u.lang.T("dash.details"), theme.NavigateNextIcon(), func() { u.openDetail(r.ID) })
	details.IconPlacement = widget.ButtonIconTrailingText
	right := container.NewHBox(u.historyStrip(r), details)
	// Inset the head like the label below it, so name and summary line up.
	text := container.NewVBox(container.New(layout.NewCustomPaddedLayout(theme.Padding()*2, 0, theme.InnerPadding(), 0), head), sum)
	body := container.NewBorder(nil, nil, container.NewHBox(stripe, container.NewCenter(badge)), container.NewCenter(right), text)
	card := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	card.CornerRadius = 6
	return newTapArea(container.NewStack(card, body), func() { u.openDetail(r.ID) })
}

type cachedRow struct {
	key string
	obj fyne.CanvasObject
}

// rowKey is everything a dashboard row shows.
func (u *UI) rowKey(r *row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%t|%d|%s|%s|%s|", u.lang, r.Name, r.Seen, r.Verdict.Level, r.Verdict.Summary, r.Verdict.Since, u.now().Truncate(time.Minute))
	for _, h := range r.History {
		fmt.Fprintf(&b, "%d,", h.Level)
	}
	if w, ok := u.upcomingMaintenance(r); ok {
		fmt.Fprintf(&b, "|%s", w.Start)
	}
	return b.String()
}

// maintenanceSoon is how far ahead a dashboard row announces maintenance;
// further out it is in the detail and the History calendar.
const maintenanceSoon = 24 * time.Hour

// upcomingMaintenance is the next announced window starting within
// maintenanceSoon, so a trader sees it coming on the dashboard.
func (u *UI) upcomingMaintenance(r *row) (exchanges.MaintenanceWindow, bool) {
	now := u.now()
	var next exchanges.MaintenanceWindow
	found := false
	for _, w := range r.Verdict.Maintenance {
		if w.Start.After(now) && w.Start.Sub(now) <= maintenanceSoon && (!found || w.Start.Before(next.Start)) {
			next, found = w, true
		}
	}
	return next, found
}

func (u *UI) since(r *row) string {
	s := r.Verdict.Since
	return u.lang.T("dash.since", u.localTime(s), u.lang.Duration(u.now().Sub(s)))
}

// historyStrip shows the last verdict changes as coloured ticks, oldest first.
func (u *UI) historyStrip(r *row) fyne.CanvasObject {
	strip := container.NewHBox()
	for i := 0; i < historyLen-len(r.History); i++ {
		t := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
		t.SetMinSize(fyne.NewSize(6, 18))
		strip.Add(t)
	}
	for _, h := range r.History {
		t := canvas.NewRectangle(levelColor(h.Level))
		t.SetMinSize(fyne.NewSize(6, 18))
		strip.Add(t)
	}
	return container.NewCenter(strip)
}

// bannerView says "Pause trading on …" when anything is troubled.
func (u *UI) bannerView() fyne.CanvasObject {
	bad := u.m.troubled()
	if len(bad) == 0 {
		return layout.NewSpacer()
	}
	var names, pairs []string
	for _, r := range bad {
		names = append(names, r.Name)
		for _, p := range r.Verdict.Pairs {
			pairs = append(pairs, p.Pair)
		}
	}
	sep := u.lang.T("list.sep")
	worst := bad[0].Verdict.Level
	icon := canvas.NewImageFromResource(badgeIcon(worst))
	icon.SetMinSize(fyne.NewSize(36, 36))
	icon.FillMode = canvas.ImageFillContain
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	head := canvas.NewText(u.lang.T("banner.pause", strings.Join(names, sep)), white)
	head.TextStyle.Bold = true
	head.TextSize = theme.TextSize() * 1.3
	lines := container.NewVBox(head)
	if len(pairs) > 0 {
		lines.Add(canvas.NewText(u.lang.T("banner.pairs", strings.Join(pairs, sep)), white))
	}
	id := bad[0].ID
	act := widget.NewButtonWithIcon(u.lang.T("banner.playbook"), theme.InfoIcon(), func() { u.openPlaybook(id) })
	bg := canvas.NewRectangle(levelColor(worst))
	bg.CornerRadius = 6
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil,
		container.NewHBox(icon, container.NewCenter(lines)), container.NewCenter(act))))
}

// tapArea makes a whole card clickable.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }
func (t *tapArea) Tapped(*fyne.PointEvent)             { t.onTap() }
