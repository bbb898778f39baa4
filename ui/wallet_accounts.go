package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/wallet"
)

// accountsTab adds a cold wallet and shows its first receive addresses.
type accountsTab struct {
	box     *fyne.Container
	key     *widget.Entry // password-style: a descriptor reveals the whole history
	label   *widget.Entry
	script  *widget.Select
	add     *widget.Button
	status  *widget.Label
	warn    *widget.Label // private key / seed warning
	list    *fyne.Container
	addrs   *fyne.Container
	pending string // exchange waiting for an account (StartPlan before any wallet)
}

// scriptAuto is the script select's "the key says" choice.
func (w *walletArea) scriptChoices() []string {
	out := []string{w.T("wallet.add.script.auto")}
	for _, s := range wallet.ScriptTypes {
		out = append(out, w.T("wallet.script."+string(s)))
	}
	return out
}

func (w *walletArea) chosenScript() wallet.ScriptType {
	for _, s := range wallet.ScriptTypes {
		if w.acc.script.Selected == w.T("wallet.script."+string(s)) {
			return s
		}
	}
	return ""
}

func (w *walletArea) newAccountsTab() accountsTab {
	t := accountsTab{pending: w.acc.pending}
	t.key = widget.NewPasswordEntry()
	t.key.SetPlaceHolder(w.T("wallet.add.key.placeholder"))
	t.label = widget.NewEntry()
	t.label.SetPlaceHolder(w.T("wallet.add.label.placeholder"))
	t.script = widget.NewSelect(w.scriptChoices(), nil)
	t.script.SetSelectedIndex(0)
	t.add = widget.NewButtonWithIcon(w.T("wallet.add.button"), theme.ContentAddIcon(), w.submitAccount)
	t.add.Importance = widget.HighImportance
	t.status = noteLabel()
	t.warn = noteLabel()
	t.warn.Importance = widget.DangerImportance
	t.list = container.NewVBox()
	t.addrs = container.NewVBox()

	form := widget.NewForm(
		widget.NewFormItem(w.T("wallet.add.key"), t.key),
		widget.NewFormItem(w.T("wallet.add.script"), t.script),
		widget.NewFormItem(w.T("wallet.add.label"), t.label),
	)
	addCard := card(w.T("wallet.add.title"), container.NewVBox(
		wrapLabel(w.T("wallet.add.intro")),
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, wrapLabel(w.T("wallet.add.never"))),
		form, container.NewHBox(t.add), t.warn, t.status,
	))
	t.box = container.NewStack(container.NewVScroll(container.NewVBox(
		addCard,
		card(w.T("wallet.acct.title"), t.list),
		card(w.T("wallet.addrs.title"), t.addrs),
	)))
	return t
}

// submitAccount parses the pasted key here (pure computation) and stores it
// through the vault on a goroutine: keyring calls can hang on a prompt.
func (w *walletArea) submitAccount() {
	t := &w.acc
	setNote(t.warn, "")
	input := strings.TrimSpace(t.key.Text)
	a, err := wallet.ParseAccount(input, w.deps.Network, w.chosenScript())
	if err != nil {
		switch {
		case errors.Is(err, wallet.ErrPrivateKey):
			t.key.SetText("") // never keep a private key or seed words on screen
			setNote(t.warn, w.T("wallet.add.err.private"))
			setNote(t.status, "")
		case errors.Is(err, wallet.ErrNeedScriptType):
			setNote(t.status, w.T("wallet.add.err.script"))
		case errors.Is(err, wallet.ErrMultisig):
			setNote(t.status, w.T("wallet.add.err.multisig"))
		default:
			setNote(t.status, w.T("wallet.add.err.other", err.Error())) // wallet errors never echo the input
		}
		return
	}
	if w.deps.Vault == nil {
		setNote(t.status, w.T("wallet.add.err.novault"))
		return
	}
	label := strings.TrimSpace(t.label.Text)
	t.add.Disable()
	setNote(t.status, w.T("wallet.add.saving"))
	v, name, desc := w.deps.Vault, walletKeyPrefix+a.ID(), a.Descriptor()
	w.jobs.run(func(ctx context.Context) func() {
		err := v.Set(name, desc)
		return func() {
			t := &w.acc
			t.add.Enable()
			if err != nil {
				setNote(t.status, w.T("wallet.add.err.notsaved", w.u.lang.keyringErr(err)))
				return
			}
			if label != "" && w.u.app != nil {
				w.u.app.Preferences().SetString("wallet.label."+a.ID(), label)
			}
			t.key.SetText("")
			t.label.SetText("")
			t.script.SetSelectedIndex(0)
			w.addAccount(a)
			w.selected = a.ID()
			setNote(t.status, w.T("wallet.add.saved", w.label(a.ID())))
			if ex := t.pending; ex != "" {
				t.pending = ""
				w.StartPlan(ex)
			}
			w.refreshAll()
		}
	})
}

func (w *walletArea) refreshAccounts() {
	t := &w.acc
	if t.list == nil {
		return
	}
	t.list.Objects = nil
	switch {
	case w.deps.Vault == nil:
		t.list.Add(wrapLabel(w.T("wallet.add.err.novault")))
	case w.loading:
		t.list.Add(widget.NewLabel(w.T("wallet.acct.loading")))
	case w.loadErr != nil:
		t.list.Add(wrapLabel(w.T("wallet.acct.loaderr", w.u.lang.keyringErr(w.loadErr))))
	}
	if t.pending != "" {
		t.list.Add(wrapLabel(w.T("wallet.acct.pending", w.exchangeName(t.pending))))
	}
	if len(w.accounts) == 0 && !w.loading {
		t.list.Add(wrapLabel(w.T("wallet.acct.empty")))
	}
	for _, a := range w.accounts {
		a := a
		name := w.accountName(a)
		line := fmt.Sprintf("%s — %s", name, w.T("wallet.net."+string(a.Network())))
		b := widget.NewButton(w.T("wallet.acct.show"), func() { w.selected = a.ID(); w.refreshAll() })
		if a.ID() == w.selected {
			b.Importance = widget.HighImportance
		}
		t.list.Add(container.NewBorder(nil, nil, nil, b, widget.NewLabel(line)))
	}
	t.list.Refresh()
	w.relayout()

	t.addrs.Objects = nil
	if a := w.account(); a != nil {
		t.addrs.Add(wrapLabel(w.T("wallet.addrs.intro", w.label(a.ID()))))
		as, err := a.Addresses(false, 0, 5)
		if err != nil {
			t.addrs.Add(wrapLabel(w.u.lang.planErr(err)))
		}
		for i, x := range as {
			t.addrs.Add(monoLabel(fmt.Sprintf("%-12s %s", a.Path(false, uint32(i)), wallet.Group4(x.String))))
		}
	} else {
		t.addrs.Add(wrapLabel(w.T("wallet.addrs.none")))
	}
	t.addrs.Refresh()
	w.relayout()
}
