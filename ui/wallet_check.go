package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/wallet"
)

// checkTab checks any address: validity on a network, look-alikes of
// addresses the user owns or used, and a clipboard swapped after pasting.
type checkTab struct {
	box     *fyne.Container
	entry   *widget.Entry
	network *widget.Select
	result  *fyne.Container
	pasted  string // what the Paste button put in the entry
}

func (w *walletArea) networkNames() []string {
	out := make([]string, 0, len(wallet.Networks))
	for _, n := range wallet.Networks {
		out = append(out, w.T("wallet.net."+string(n)))
	}
	return out
}

func (w *walletArea) newCheckTab() checkTab {
	t := checkTab{pasted: w.chk.pasted}
	t.entry = widget.NewEntry()
	t.entry.SetPlaceHolder(w.T("wallet.check.placeholder"))
	if w.chk.entry != nil {
		t.entry.SetText(w.chk.entry.Text)
	}
	t.entry.OnSubmitted = func(string) { w.checkAddress() }
	t.network = widget.NewSelect(w.networkNames(), nil)
	t.network.SetSelected(w.T("wallet.net." + string(w.deps.Network)))
	paste := widget.NewButtonWithIcon(w.T("wallet.check.paste"), theme.ContentPasteIcon(), w.pasteAddress)
	check := widget.NewButtonWithIcon(w.T("wallet.check.button"), theme.ConfirmIcon(), w.checkAddress)
	check.Importance = widget.HighImportance
	t.result = container.NewVBox()
	form := widget.NewForm(
		widget.NewFormItem(w.T("wallet.check.address"), t.entry),
		widget.NewFormItem(w.T("wallet.check.network"), t.network),
	)
	t.box = container.NewStack(container.NewVScroll(container.NewVBox(
		card(w.T("wallet.check.title"), container.NewVBox(wrapLabel(w.T("wallet.check.intro")), form, container.NewHBox(paste, check))),
		t.result,
	)))
	return t
}

func (w *walletArea) pasteAddress() {
	if w.deps.Clipboard == nil {
		return
	}
	s := w.deps.Clipboard.Content()
	w.chk.pasted = s
	w.chk.entry.SetText(s)
}

func (w *walletArea) selectedNetwork() wallet.Network {
	for _, n := range wallet.Networks {
		if w.chk.network.Selected == w.T("wallet.net."+string(n)) {
			return n
		}
	}
	return w.deps.Network
}

// checkAddress shows the verdict on the entry's address. The clipboard is
// read again now: malware swaps copied addresses after the user pasted.
func (w *walletArea) checkAddress() {
	t := &w.chk
	s := t.entry.Text
	n := w.selectedNetwork()
	t.result.Objects = nil
	warnings := w.addressWarnings(s, n)
	addr, err := wallet.CheckAddress(s, n)
	if err != nil {
		l := wrapLabel(w.T("wallet.check.invalid", w.reasonText(err)))
		l.Importance = widget.DangerImportance
		t.result.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, l))
	} else {
		l := wrapLabel(w.T("wallet.check.valid", w.T("wallet.script."+string(addr.Type)), w.T("wallet.net."+string(addr.Network))))
		l.Importance = widget.SuccessImportance
		t.result.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, l))
		t.result.Add(monoLabel(wallet.Group4(addr.String)))
	}
	for _, msg := range warnings {
		l := wrapLabel(msg)
		l.Importance = widget.WarningImportance
		t.result.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l))
	}
	t.result.Refresh()
	w.relayout()
}

// addressWarnings are the look-alike and clipboard warnings for s, translated.
func (w *walletArea) addressWarnings(s string, n wallet.Network) []string {
	var out []string
	if w.chk.pasted != "" && w.chk.pasted == s && w.deps.Clipboard != nil {
		if cw := wallet.CheckClipboard(w.chk.pasted, w.deps.Clipboard.Content()); cw != nil {
			out = append(out, w.T("wallet.warn.clipboard"))
		}
	}
	for _, lw := range wallet.CheckLookalike(s, w.known()) {
		out = append(out, w.T("wallet.warn.lookalike", wallet.Abbrev(lw.Similar)))
	}
	return out
}

// reasonText words an address error by its reason code; unknown codes keep
// the wallet package's English (which never echoes the input).
func (w *walletArea) reasonText(err error) string {
	r := wallet.ReasonOf(err)
	if _, ok := catalog["wallet.reason."+string(r)]; r != "" && ok {
		return w.T("wallet.reason." + string(r))
	}
	return err.Error()
}
