package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/exchanges"
)

func (u *UI) detailView(id string) fyne.CanvasObject {
	r, ok := u.m.rows[id]
	if !ok {
		u.view = viewDashboard
		return u.dashboardView()
	}
	v := r.Verdict
	lv := levelOf(r)
	back := widget.NewButtonWithIcon(u.lang.T("detail.back"), theme.NavigateBackIcon(), func() { u.show(viewDashboard) })
	badge := canvas.NewImageFromResource(badgeIcon(lv))
	badge.SetMinSize(fyne.NewSize(40, 40))
	badge.FillMode = canvas.ImageFillContain
	name := canvas.NewText(r.Name, theme.Color(theme.ColorNameForeground))
	name.TextStyle.Bold = true
	name.TextSize = theme.TextSize() * 1.5
	level := canvas.NewText(levelWords(u.lang, r), levelColor(lv))
	level.TextStyle.Bold = true
	level.TextSize = theme.TextSize() * 1.2
	head := container.NewHBox(badge, container.NewVBox(name, level))
	if r.Seen && !v.Since.IsZero() {
		head.Add(container.NewCenter(widget.NewLabel(u.since(r))))
	}
	top := container.NewVBox(container.NewHBox(back), head)
	if r.Seen && v.Summary != "" {
		top.Add(wrapLabel(u.lang.summary(v.Level, v.Summary)))
	}

	sections := container.NewVBox()
	if lv.Troubled() {
		pb := widget.NewButtonWithIcon(u.lang.T("detail.playbook"), theme.WarningIcon(), func() { u.openPlaybook(id) })
		pb.Importance = widget.DangerImportance
		line := container.NewHBox(pb)
		if u.opts.Acknowledge != nil {
			var ack *widget.Button
			ack = widget.NewButtonWithIcon(u.lang.T("detail.ack"), theme.VolumeMuteIcon(), func() {
				u.opts.Acknowledge(id)
				ack.SetText(u.lang.T("detail.acked"))
				ack.Disable()
			})
			line.Add(ack)
		}
		sections.Add(line)
	}
	// Lists are one multi-line label each: compact, and still wrapped.
	if len(v.Advice) > 0 {
		lines := make([]string, len(v.Advice))
		for i, a := range v.Advice {
			lines[i] = "• " + u.lang.Advice(a)
		}
		sections.Add(card(u.lang.T("detail.advice"), wrapLabel(strings.Join(lines, "\n"))))
	}

	reasons := container.NewVBox()
	if len(v.Reasons) == 0 {
		reasons.Add(widget.NewLabel(u.lang.T("detail.noreasons")))
	} else {
		var lines []string
		for _, g := range exchanges.GroupReasons(v.Reasons, v.Pairs) {
			lines = append(lines, u.lang.reasonGroupLine(g, v.Pairs))
		}
		reasons.Add(wrapLabel(strings.Join(lines, "\n")))
	}
	if len(v.Pairs) > 0 {
		// Every affected pair, those in one state together: "BTC-USD,
		// ETH-USD (online trading_disabled)".
		var states []string
		byState := map[string][]string{}
		for _, p := range v.Pairs {
			st := u.lang.pairRaw(p)
			if _, ok := byState[st]; !ok {
				states = append(states, st)
			}
			byState[st] = append(byState[st], p.Pair)
		}
		var ps []string
		for _, st := range states {
			if u.lang == Japanese {
				ps = append(ps, strings.Join(byState[st], "、")+"（"+st+"）")
			} else {
				ps = append(ps, strings.Join(byState[st], ", ")+" ("+st+")")
			}
		}
		sep := "; "
		if u.lang == Japanese {
			sep = "、"
		}
		reasons.Add(wrapLabel(u.lang.T("detail.pairs", strings.Join(ps, sep))))
	}
	if !v.CheckedAt.IsZero() {
		reasons.Add(widget.NewLabelWithStyle(u.lang.T("detail.checked", u.localTime(v.CheckedAt)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	sections.Add(card(u.lang.T("detail.reasons"), reasons))

	maint := container.NewVBox()
	if len(v.Maintenance) == 0 {
		maint.Add(widget.NewLabel(u.lang.T("detail.nomaint")))
	}
	for _, w := range v.Maintenance {
		maint.Add(u.maintenanceLine(w))
	}
	sections.Add(card(u.lang.T("detail.maintenance"), maint))

	if len(v.Incidents) > 0 {
		inc := container.NewVBox()
		for _, in := range v.Incidents {
			t := u.lang.title(in.Title)
			if in.Status != "" {
				t += " — " + u.lang.incidentStatus(in.Status)
			}
			line := container.NewVBox(widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			if in.Update != "" {
				line.Add(wrapLabel(in.Update))
			}
			if h := u.link(in.URL, in.URL); h != nil {
				line.Add(h)
			}
			inc.Add(line)
		}
		sections.Add(card(u.lang.T("detail.incidents"), inc))
	}

	sections.Add(card(u.lang.T("detail.links"), u.officialLinks(r)))
	if doms := u.domains(r); len(doms) > 0 {
		box := container.NewVBox(wrapLabel(u.lang.T("detail.domains.why")))
		for _, d := range doms {
			box.Add(widget.NewLabelWithStyle(d, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		}
		sections.Add(card(u.lang.T("detail.domains"), box))
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(sections))
}

// maintenanceLine: title, local window, countdown, announcement link.
func (u *UI) maintenanceLine(w exchanges.MaintenanceWindow) fyne.CanvasObject {
	now := u.now()
	var when string
	if w.End.IsZero() {
		when = u.lang.T("maint.openended", u.localTime(w.Start))
	} else {
		when = u.lang.T("maint.window", u.localTime(w.Start), u.localTime(w.End))
	}
	var count string
	switch {
	case now.Before(w.Start):
		count = u.lang.T("maint.startsin", u.lang.Span(w.Start.Sub(now)))
	case w.End.IsZero():
		count = u.lang.T("maint.active")
	case now.Before(w.End):
		count = u.lang.T("maint.endsin", u.lang.Span(w.End.Sub(now)))
	default:
		count = u.lang.T("maint.overrun", u.lang.Span(now.Sub(w.End)))
	}
	box := container.NewVBox(widget.NewLabelWithStyle(u.lang.title(w.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(when+"  ·  "+count))
	if h := u.link(u.lang.T("link.maintenance"), w.URL); h != nil {
		box.Add(h)
	}
	return box
}

// officialLinks open in the browser (App.OpenURL through the hyperlink).
func (u *UI) officialLinks(r *row) fyne.CanvasObject {
	l := r.Verdict.Links
	if x, ok := exchanges.Lookup(r.ID); ok {
		if l.Status == "" {
			l.Status = x.Links.Status
		}
		if l.Notices == "" {
			l.Notices = x.Links.Notices
		}
		if l.Support == "" {
			l.Support = x.Links.Support
		}
	}
	box := container.NewVBox()
	for _, p := range []struct{ key, url string }{{"link.status", l.Status}, {"link.notices", l.Notices}, {"link.support", l.Support}} {
		if h := u.link(u.lang.T(p.key), p.url); h != nil {
			box.Add(h)
		}
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("—"))
	}
	return box
}

func (u *UI) domains(r *row) []string {
	if len(r.Verdict.Domains) > 0 {
		return r.Verdict.Domains
	}
	if x, ok := exchanges.Lookup(r.ID); ok {
		return x.Domains
	}
	return nil
}

// link makes a hyperlink for http(s) URLs only; anything else is not clickable.
func (u *UI) link(text, raw string) fyne.CanvasObject {
	if raw == "" {
		return nil
	}
	p, err := url.Parse(raw)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return nil
	}
	h := widget.NewHyperlink(text+"  ("+p.Host+")", p)
	return h
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), body))
}

func lookupLinks(id string) (exchanges.Links, bool) {
	x, ok := exchanges.Lookup(id)
	if !ok {
		return exchanges.Links{}, false
	}
	return x.Links, true
}
