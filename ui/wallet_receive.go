package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"safeharbor/wallet"
	"safeharbor/wallet/chain"
)

// receiveTab finds a fresh receive address and shows it for verification
// on the hardware wallet's screen.
type receiveTab struct {
	box      *fyne.Container
	acct     *fyne.Container // account select
	get      *widget.Button
	status   *widget.Label
	result   *fyne.Container
	addr     wallet.Address // the address shown, if any
	index    uint32
	verified bool
}

func (w *walletArea) newReceiveTab() receiveTab {
	t := receiveTab{addr: w.recv.addr, index: w.recv.index, verified: w.recv.verified}
	t.acct = container.NewStack()
	t.get = widget.NewButtonWithIcon(w.T("wallet.recv.get"), theme.SearchIcon(), w.freshAddress)
	t.get.Importance = widget.HighImportance
	t.status = noteLabel()
	t.result = container.NewVBox()
	t.box = container.NewStack(container.NewVScroll(container.NewVBox(
		card(w.T("wallet.recv.title"), container.NewVBox(
			wrapLabel(w.T("wallet.recv.intro")),
			container.NewBorder(nil, nil, widget.NewLabel(w.T("wallet.acct.label")), nil, t.acct),
			container.NewHBox(t.get), t.status)),
		t.result,
	)))
	return t
}

// freshAddress asks the chain backend for the first unused, not handed-out
// receive address, on a goroutine.
func (w *walletArea) freshAddress() {
	t := &w.recv
	a := w.account()
	switch {
	case a == nil:
		setNote(t.status, w.T("wallet.addrs.none"))
		return
	case w.deps.Tracker == nil:
		setNote(t.status, w.T("wallet.err.notracker"))
		return
	}
	handed := map[string]bool{}
	for k := range w.handed {
		handed[k] = true
	}
	if w.deps.Plans != nil {
		for _, p := range w.deps.Plans.List() {
			if p.AccountID == a.ID() && p.Address != "" {
				handed[p.Address] = true
			}
		}
	}
	t.get.Disable()
	setNote(t.status, w.T("wallet.recv.searching"))
	tr, gap := w.deps.Tracker, w.deps.GapLimit
	w.jobs.run(func(ctx context.Context) func() {
		addr, idx, err := chain.FreshAddress(ctx, a, tr, func(s string) bool { return handed[s] }, gap)
		return func() {
			t := &w.recv
			t.get.Enable()
			if err != nil {
				setNote(t.status, w.T("wallet.recv.err", w.u.lang.planErr(err)))
				return
			}
			setNote(t.status, "")
			t.addr, t.index, t.verified = addr, idx, false
			w.handed[addr.String] = true // shown once is handed out: never offer it twice
			w.refreshReceive()
		}
	})
}

func (w *walletArea) refreshReceive() {
	t := &w.recv
	if t.acct == nil {
		return
	}
	t.acct.Objects = []fyne.CanvasObject{w.accountSelect()}
	t.acct.Refresh()
	t.result.Objects = nil
	if t.addr.String != "" {
		t.result.Add(w.addressCard(t.addr.String, fmt.Sprintf("%s · %s", t.addr.Type, w.T("wallet.recv.index", t.index)), t.verified, func() {
			w.recv.verified = true
			w.refreshReceive()
		}))
	}
	t.result.Refresh()
	w.relayout()
}

// addressCard shows addr for comparison with the hardware wallet: 4-character
// blocks in monospace, a QR code, and the "I checked it" confirmation.
func (w *walletArea) addressCard(addr, detail string, verified bool, onVerified func()) fyne.CanvasObject {
	groups := widget.NewLabelWithStyle(wallet.Group4(addr), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	groups.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(wrapLabel(w.T("wallet.verify.intro")), groups, widget.NewLabel(detail))
	var side fyne.CanvasObject
	if img := qrImage("bitcoin:" + addr); img != nil {
		side = img
	}
	if verified {
		ok := widget.NewLabelWithStyle(w.T("wallet.verify.done"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		ok.Importance = widget.SuccessImportance
		box.Add(ok)
	} else if onVerified != nil {
		b := widget.NewButtonWithIcon(w.T("wallet.verify.button"), theme.ConfirmIcon(), onVerified)
		b.Importance = widget.HighImportance
		box.Add(wrapLabel(w.T("wallet.verify.mismatch")))
		box.Add(container.NewHBox(b))
	}
	return card(w.T("wallet.verify.title"), container.NewBorder(nil, nil, nil, side, box))
}

// qrImage renders content as a QR code image; nil if it cannot be encoded.
func qrImage(content string) fyne.CanvasObject {
	png, err := qrcode.Encode(content, qrcode.Medium, 256)
	if err != nil {
		return nil
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource("qr.png", png))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSize(180, 180))
	return img
}
