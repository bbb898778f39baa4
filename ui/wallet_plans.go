package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/exchanges"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
)

// Tab indexes of the wallet area.
const (
	walletTabAccounts = iota
	walletTabReceive
	walletTabCheck
	walletTabPlans
)

// plansTab lists withdrawal plans and walks the open one as a wizard.
type plansTab struct {
	box      *fyne.Container
	exchange *widget.Select
	acct     *fyne.Container
	status   *widget.Label
	list     *fyne.Container
	wizard   *fyne.Container
	amount   *widget.Entry
	ref      *widget.Entry
	paste    *widget.Entry
	open     string // plan shown in the wizard
	record   bool   // its history unfolded
	busy     bool
	err      error
}

// happyPath is the wizard's step list.
var happyPath = []plan.State{plan.CheckExchange, plan.AddressShown, plan.Verified, plan.TestAmount, plan.Withdraw, plan.Tracking, plan.Done}

func (w *walletArea) exchangeName(id string) string {
	if r, ok := w.u.m.rows[id]; ok && r.Name != "" {
		return r.Name
	}
	if x, ok := exchanges.Lookup(id); ok && x.Name != "" {
		return x.Name
	}
	return id
}

func (w *walletArea) exchangeIDs() []string {
	var out []string
	for _, e := range w.u.cfg.Exchanges {
		if x, ok := exchanges.Lookup(e.ID); ok && x.WithdrawalPage != "" {
			out = append(out, e.ID)
		}
	}
	return out
}

func (w *walletArea) newPlansTab() plansTab {
	t := plansTab{open: w.pl.open, err: w.pl.err}
	var names []string
	for _, id := range w.exchangeIDs() {
		names = append(names, w.exchangeName(id))
	}
	t.exchange = widget.NewSelect(names, nil)
	t.exchange.PlaceHolder = w.T("wallet.plan.pick")
	if len(names) > 0 {
		t.exchange.SetSelectedIndex(0)
	}
	t.acct = container.NewStack()
	start := widget.NewButtonWithIcon(w.T("wallet.plan.start"), theme.ContentAddIcon(), func() {
		for _, id := range w.exchangeIDs() {
			if w.exchangeName(id) == w.pl.exchange.Selected {
				w.StartPlan(id)
				return
			}
		}
	})
	start.Importance = widget.HighImportance
	t.status = noteLabel()
	t.list = container.NewVBox()
	t.wizard = container.NewVBox()
	t.amount = widget.NewEntry()
	t.amount.SetPlaceHolder("0.001")
	t.ref = widget.NewEntry()
	t.ref.SetPlaceHolder(w.T("wallet.plan.ref.placeholder"))
	t.paste = widget.NewEntry()
	t.paste.SetPlaceHolder(w.T("wallet.check.placeholder"))
	form := widget.NewForm(
		widget.NewFormItem(w.T("wallet.plan.exchange"), t.exchange),
		widget.NewFormItem(w.T("wallet.acct.label"), t.acct),
	)
	t.box = container.NewStack(container.NewVScroll(container.NewVBox(
		card(w.T("wallet.plan.new"), container.NewVBox(wrapLabel(w.T("wallet.plan.intro")), form, container.NewHBox(start), t.status)),
		t.wizard,
		card(w.T("wallet.plan.list"), t.list),
	)))
	return t
}

// StartPlan starts a withdrawal plan from exchangeID to the selected cold
// wallet and opens its wizard: the playbook's "secure assets" step.
// Without an account it asks for one first and starts the plan after.
func (w *walletArea) StartPlan(exchangeID string) {
	if a, ok := w.u.walletArea.(*walletArea); ok && a == w && w.u.view != viewWallet {
		w.u.show(viewWallet) // from the playbook: bring the wallet screen up
	}
	if w.deps.Plans == nil {
		w.tabs.SelectIndex(walletTabPlans)
		setNote(w.pl.status, w.T("wallet.err.noplans"))
		return
	}
	a := w.account()
	if a == nil {
		w.acc.pending = exchangeID
		w.tabs.SelectIndex(walletTabAccounts)
		w.refreshAccounts()
		return
	}
	w.tabs.SelectIndex(walletTabPlans)
	m := w.deps.Plans
	w.act("", func(ctx context.Context) (*plan.Plan, error) {
		p, err := m.New(exchangeID, "BTC", a)
		if err != nil {
			return nil, err
		}
		return m.CheckExchange(p.ID)
	})
}

// act runs one plan operation off the Fyne goroutine (some talk to the
// chain backend, all write the store) and shows the plan it returns.
func (w *walletArea) act(id string, op func(ctx context.Context) (*plan.Plan, error)) {
	w.pl.busy = true
	w.pl.err = nil
	w.refreshPlans()
	w.jobs.run(func(ctx context.Context) func() {
		p, err := op(ctx)
		return func() {
			w.pl.busy = false
			if p != nil {
				w.pl.open = p.ID
			} else if id != "" {
				w.pl.open = id
			}
			// A blocked plan explains itself; the error adds nothing.
			if !errors.Is(err, plan.ErrExchangeNotOK) {
				w.pl.err = err
			}
			w.refreshPlans()
		}
	})
}

// pollPlans checks every plan in flight once (the wallet's poll loop).
func (w *walletArea) pollPlans(ctx context.Context) {
	m := w.deps.Plans
	changed := false
	for _, p := range m.List() {
		if !inFlight(p) {
			continue
		}
		q, err := m.Poll(ctx, p.ID)
		if err == nil && q.Version != p.Version {
			changed = true
		}
	}
	if changed && ctx.Err() == nil {
		w.jobs.do(w.refreshPlans)
	}
}

func inFlight(p *plan.Plan) bool {
	switch p.State {
	case plan.Tracking, plan.Stuck, plan.Reorged:
		return true
	case plan.TestAmount:
		return p.Sent(plan.LegTest)
	}
	return false
}

func (w *walletArea) stateWords(s plan.State) string {
	if _, ok := catalog["wallet.state."+string(s)]; ok {
		return w.T("wallet.state." + string(s))
	}
	return string(s)
}

func (w *walletArea) refreshPlans() {
	t := &w.pl
	if t.list == nil {
		return
	}
	t.acct.Objects = []fyne.CanvasObject{w.accountSelect()}
	t.acct.Refresh()
	if t.busy {
		setNote(t.status, w.T("wallet.plan.working"))
	} else if t.status.Text == w.T("wallet.plan.working") {
		setNote(t.status, "")
	}
	t.list.Objects = nil
	var plans []*plan.Plan
	if w.deps.Plans != nil {
		plans = w.deps.Plans.List()
	} else {
		t.list.Add(wrapLabel(w.T("wallet.err.noplans")))
	}
	if len(plans) == 0 && w.deps.Plans != nil {
		t.list.Add(wrapLabel(w.T("wallet.plan.empty")))
	}
	var open *plan.Plan
	for _, p := range plans {
		p := p
		if p.ID == t.open {
			open = p
		}
		line := fmt.Sprintf("%s · %s · %s · %s", w.exchangeName(p.Exchange), p.Coin, w.stateWords(p.State), w.u.localTime(p.Updated))
		b := widget.NewButton(w.T("wallet.plan.open"), func() { w.pl.open, w.pl.err, w.pl.record = p.ID, nil, false; w.refreshPlans() })
		if p.ID == t.open {
			b.Importance = widget.HighImportance
		}
		l := widget.NewLabel(line)
		switch p.State {
		case plan.Stuck, plan.Reorged, plan.Unknown, plan.Blocked:
			l.Importance = widget.WarningImportance
		case plan.Done:
			l.Importance = widget.SuccessImportance
		}
		t.list.Add(container.NewBorder(nil, nil, nil, b, l))
	}
	t.list.Refresh()
	w.relayout()
	t.wizard.Objects = nil
	if open != nil {
		t.wizard.Add(w.wizardView(open))
	}
	t.wizard.Refresh()
	w.relayout()
}

// wizardView is the open plan's current step.
func (w *walletArea) wizardView(p *plan.Plan) fyne.CanvasObject {
	t := &w.pl
	box := container.NewVBox()
	title := fmt.Sprintf("%s — %s", w.T("wallet.plan.title", w.exchangeName(p.Exchange), p.Coin), w.label(p.AccountID))
	box.Add(boldLabel(title))
	box.Add(w.stepsLine(p))
	if w.deps.Verdict != nil {
		if v, ok := w.deps.Verdict(p.Exchange); ok {
			box.Add(wrapLabel(w.T("wallet.plan.exstatus", w.u.lang.Level(v.Level), w.u.lang.summary(v.Level, v.Summary))))
		}
	}
	state := widget.NewLabelWithStyle(w.stateWords(p.State), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box.Add(state)
	if t.err != nil {
		l := wrapLabel(w.T("wallet.plan.err", w.u.lang.planErr(t.err)))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	btn := func(key string, icon fyne.Resource, op func(ctx context.Context) (*plan.Plan, error)) *widget.Button {
		b := widget.NewButtonWithIcon(w.T(key), icon, func() { w.act(p.ID, op) })
		b.Importance = widget.HighImportance
		if t.busy {
			b.Disable()
		}
		return b
	}
	m, id := w.deps.Plans, p.ID
	acct := w.accountByID(p.AccountID)
	switch p.State {
	case plan.Choose, plan.Blocked:
		if p.State == plan.Blocked {
			box.Add(w.warnLine(w.T("wallet.plan.blocked")))
			box.Add(w.reasonLine(p.Reason))
		}
		box.Add(container.NewHBox(btn("wallet.plan.checkex", theme.ViewRefreshIcon(), func(context.Context) (*plan.Plan, error) { return m.CheckExchange(id) })))
	case plan.CheckExchange:
		box.Add(wrapLabel(w.T("wallet.plan.exok")))
		if acct == nil {
			box.Add(w.warnLine(w.T("wallet.plan.noacct")))
			break
		}
		box.Add(container.NewHBox(btn("wallet.recv.get", theme.SearchIcon(), func(ctx context.Context) (*plan.Plan, error) { return m.PickAddress(ctx, id, acct) })))
		box.Add(wrapLabel(w.T("wallet.plan.orpaste")))
		paste := t.paste
		box.Add(container.NewBorder(nil, nil, nil, btn("wallet.plan.usepasted", theme.ContentPasteIcon(), func(ctx context.Context) (*plan.Plan, error) {
			return m.UseAddress(ctx, id, paste.Text, acct)
		}), paste))
	case plan.AddressShown, plan.Verified:
		v, err := m.AddressView(id)
		if err != nil {
			box.Add(w.reasonLine(w.u.lang.planErr(err)))
			break
		}
		detail := w.T("wallet.recv.index", p.AddressIndex)
		if p.Pasted {
			detail = w.T("wallet.plan.pasted")
		}
		verified := p.State == plan.Verified
		box.Add(w.addressCard(v.Address, detail, verified, func() {
			w.act(id, func(context.Context) (*plan.Plan, error) { return m.ConfirmVerified(id) })
		}))
		if verified {
			box.Add(container.NewHBox(btn("wallet.plan.continue", theme.NavigateNextIcon(), func(context.Context) (*plan.Plan, error) { return m.Proceed(id) })))
		}
	case plan.TestAmount, plan.Withdraw:
		leg := p.Leg()
		if p.Started(leg) {
			box.Add(wrapLabel(w.T("wallet.plan.waiting." + string(leg))))
			box.Add(w.progressLine(p))
			box.Add(container.NewHBox(btn("wallet.plan.checknow", theme.ViewRefreshIcon(), func(ctx context.Context) (*plan.Plan, error) { return m.Poll(ctx, id) })))
			break
		}
		box.Add(wrapLabel(w.T("wallet.plan.howto." + string(leg))))
		box.Add(monoLabel(wallet.Group4(p.Address)))
		if page, err := m.WithdrawalPage(id); err == nil {
			if u, err := url.Parse(page); err == nil && u.Scheme == "https" {
				box.Add(widget.NewHyperlink(w.T("wallet.plan.page", w.exchangeName(p.Exchange))+"  ("+u.Host+")", u))
			}
		}
		amount := t.amount
		box.Add(widget.NewForm(widget.NewFormItem(w.T("wallet.plan.amount."+string(leg)), amount)))
		box.Add(container.NewHBox(btn("wallet.plan.withdrew."+string(leg), theme.ConfirmIcon(), func(context.Context) (*plan.Plan, error) {
			return m.MarkWithdrawn(id, strings.TrimSpace(amount.Text))
		})))
	case plan.Tracking:
		box.Add(w.progressLine(p))
		box.Add(container.NewHBox(btn("wallet.plan.checknow", theme.ViewRefreshIcon(), func(ctx context.Context) (*plan.Plan, error) { return m.Poll(ctx, id) })))
	case plan.Stuck, plan.Reorged:
		box.Add(w.warnLine(w.T("wallet.plan.explain." + string(p.State))))
		box.Add(w.reasonLine(p.Reason))
		box.Add(w.progressLine(p))
		box.Add(container.NewHBox(btn("wallet.plan.checknow", theme.ViewRefreshIcon(), func(ctx context.Context) (*plan.Plan, error) { return m.Poll(ctx, id) })))
	case plan.Unknown:
		box.Add(w.warnLine(w.T("wallet.plan.explain.unknown")))
		box.Add(w.reasonLine(p.Reason))
		ref := t.ref
		box.Add(widget.NewForm(widget.NewFormItem(w.T("wallet.plan.ref"), ref)))
		box.Add(container.NewHBox(
			btn("wallet.plan.wassent", theme.ConfirmIcon(), func(context.Context) (*plan.Plan, error) { return m.Resolve(id, true, strings.TrimSpace(ref.Text)) }),
			btn("wallet.plan.notsent", theme.CancelIcon(), func(context.Context) (*plan.Plan, error) { return m.Resolve(id, false, "") }),
		))
	case plan.Done:
		l := wrapLabel(w.T("wallet.plan.done"))
		l.Importance = widget.SuccessImportance
		box.Add(l)
		box.Add(w.progressLine(p))
	case plan.Cancelled:
		box.Add(w.reasonLine(p.Reason))
	}
	if !p.State.Terminal() && !p.Started(p.Leg()) && p.State != plan.Unknown {
		c := widget.NewButtonWithIcon(w.T("wallet.plan.cancel"), theme.CancelIcon(), func() {
			w.act(id, func(context.Context) (*plan.Plan, error) { return m.Cancel(id, "cancelled by the user") })
		})
		if t.busy {
			c.Disable()
		}
		box.Add(container.NewHBox(c))
	}
	box.Add(w.recordView(p))
	return card(w.T("wallet.plan.wizard"), box)
}

// recordView is the plan's history, folded until asked for: each step and
// what SafeHarbor or the user noted, oldest first, in the plan's own
// words (what was sent, refused, confirmed) so the trader can retrace it.
func (w *walletArea) recordView(p *plan.Plan) fyne.CanvasObject {
	t := &w.pl
	key, icon := "wallet.plan.record.show", theme.MenuDropDownIcon()
	if t.record {
		key, icon = "wallet.plan.record.hide", theme.MenuDropUpIcon()
	}
	toggle := widget.NewButtonWithIcon(w.T(key, len(p.History)), icon, func() { t.record = !t.record; w.refreshPlans() })
	toggle.Importance = widget.LowImportance
	box := container.NewVBox(container.NewHBox(toggle))
	if !t.record {
		return box
	}
	for _, h := range p.History {
		line := w.u.localTime(h.At) + " · " + w.stateWords(h.To)
		if h.Note != "" {
			line += w.T("wallet.plan.record.note", w.u.lang.planText(h.Note))
		}
		box.Add(wrapLabel(line))
	}
	return box
}

func (w *walletArea) accountByID(id string) *wallet.Account {
	for _, a := range w.accounts {
		if a.ID() == id {
			return a
		}
	}
	return nil
}

// stepsLine is "✓ Exchange checked › ● Verify address › …".
func (w *walletArea) stepsLine(p *plan.Plan) fyne.CanvasObject {
	cur := p.State
	if p.Resume != "" {
		cur = p.Resume
	}
	at := -1
	for i, s := range happyPath {
		if s == cur {
			at = i
		}
	}
	if cur == plan.Choose {
		at = 0
	}
	var parts []string
	for i, s := range happyPath {
		mark := "○"
		switch {
		case i < at || cur == plan.Done:
			mark = "✓"
		case i == at:
			mark = "●"
		}
		if s == plan.TestAmount && !p.FirstTime && i != at && at > 2 {
			continue // no test amount for a known destination
		}
		parts = append(parts, mark+" "+w.T("wallet.step."+string(s)))
	}
	l := widget.NewLabel(strings.Join(parts, "  ›  "))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// progressLine is the on-chain progress of the current leg.
func (w *walletArea) progressLine(p *plan.Plan) fyne.CanvasObject {
	pr := p.Progress
	if p.Leg() == plan.LegTest {
		pr = p.TestTx
	}
	if pr == nil || pr.Phase == "" || pr.Phase == chain.PhaseNone {
		return widget.NewLabel(w.T("wallet.track.none"))
	}
	need := pr.Needed
	if need <= 0 {
		need = chain.DefaultConfirmations
	}
	var s string
	switch pr.Phase {
	case chain.PhaseMempool:
		s = w.T("wallet.track.mempool")
	default:
		s = w.T("wallet.track.confs", pr.Confirmations, need)
	}
	box := container.NewVBox(widget.NewLabel(s))
	if pr.TxID != "" {
		box.Add(monoLabel(w.T("wallet.track.txid", pr.TxID)))
	}
	return box
}

func (w *walletArea) warnLine(s string) fyne.CanvasObject {
	l := wrapLabel(s)
	l.Importance = widget.WarningImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
}

// reasonLine shows the plan package's detail (its reason, translated).
func (w *walletArea) reasonLine(s string) fyne.CanvasObject {
	if s == "" {
		return container.NewVBox()
	}
	l := wrapLabel(w.u.lang.planText(s))
	l.TextStyle.Italic = true
	return l
}
