package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// playbookSteps are the outage playbook of SPEC §1, in order.
var playbookSteps = []string{"confirm", "stop", "secure", "support", "share"}

func (u *UI) playbookView(id string) fyne.CanvasObject {
	r, ok := u.m.rows[id]
	if !ok {
		u.view = viewDashboard
		return u.dashboardView()
	}
	back := widget.NewButtonWithIcon(u.lang.T("detail.back"), theme.NavigateBackIcon(), func() { u.openDetail(id) })
	title := canvas.NewText(u.lang.T("pb.title", r.Name), theme.Color(theme.ColorNameForeground))
	title.TextStyle.Bold = true
	title.TextSize = theme.TextSize() * 1.4
	done := 0
	for _, s := range playbookSteps {
		if r.Done[s] {
			done++
		}
	}
	progress := widget.NewLabel(u.lang.T("pb.progress", done, len(playbookSteps)))
	top := container.NewVBox(container.NewHBox(back), title, wrapLabel(u.lang.T("pb.intro")), progress)

	steps := container.NewVBox()
	for i, s := range playbookSteps {
		s := s
		check := widget.NewCheck(u.lang.T("pb.step."+s), nil)
		check.SetChecked(r.Done[s])
		check.OnChanged = func(on bool) {
			r.Done[s] = on
			n := 0
			for _, st := range playbookSteps {
				if r.Done[st] {
					n++
				}
			}
			progress.SetText(u.lang.T("pb.progress", n, len(playbookSteps)))
		}
		num := widget.NewLabelWithStyle(string(rune('1'+i))+".", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		step := container.NewVBox(container.NewBorder(nil, nil, num, nil, check))
		extra := container.NewVBox()
		switch s {
		case "confirm":
			extra.Add(u.officialLinks(r))
		case "stop":
			extra.Add(wrapLabel(u.lang.Advice("no_market_orders")))
		case "secure":
			secure := u.opts.OnSecureAssets
			if secure == nil && u.walletArea != nil {
				secure = func(id string) { // the Wallet screen holds the guide: open this exchange's plan
					u.show(viewWallet)
					if p, ok := u.walletArea.(planStarter); ok {
						p.StartPlan(id)
					}
				}
			}
			if secure != nil {
				b := widget.NewButtonWithIcon(u.lang.T("pb.secure.button"), theme.AccountIcon(), func() { secure(id) })
				b.Importance = widget.HighImportance
				extra.Add(container.NewHBox(b))
			} else {
				b := widget.NewButtonWithIcon(u.lang.T("pb.secure.soon"), theme.AccountIcon(), nil)
				b.Disable()
				extra.Add(container.NewHBox(b))
			}
		case "support":
			l := r.Verdict.Links
			if x, ok := lookupLinks(r.ID); ok && l.Support == "" {
				l.Support = x.Support
			}
			if h := u.link(u.lang.T("link.support"), l.Support); h != nil {
				extra.Add(h)
			}
		}
		if len(extra.Objects) > 0 {
			step.Add(container.NewPadded(container.NewBorder(nil, nil, widget.NewLabel("   "), nil, extra)))
		}
		steps.Add(step)
		steps.Add(widget.NewSeparator())
	}

	cautions := container.NewVBox()
	for _, k := range []string{"pb.calm", "pb.rumours", "pb.seed"} {
		cautions.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, wrapLabel(u.lang.T(k))))
	}
	if doms := u.domains(r); len(doms) > 0 {
		line := u.lang.T("detail.domains") + ": "
		for i, d := range doms {
			if i > 0 {
				line += u.lang.T("list.sep")
			}
			line += d
		}
		cautions.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, wrapLabel(line)))
	}
	body := container.NewVBox(steps, card(u.lang.T("pb.cautions"), cautions))
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
}
