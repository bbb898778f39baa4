package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"safeharbor/internal/clock"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

// WalletDeps wire the wallet area. Nil members switch their feature off
// with a plain explanation on screen.
type WalletDeps struct {
	Vault   *vault.Vault  // where descriptors live ("wallet/<account-id>")
	Tracker chain.Tracker // Esplora or Bitcoin Core, from [wallet]
	Plans   *plan.Manager // withdrawal plans, stored in history's bbolt file
	Network wallet.Network
	// Verdict is the exchange's current verdict (the engine's, or the UI model's).
	Verdict   func(exchangeID string) (watchers.Verdict, bool)
	Clock     clock.Clock
	Clipboard fyne.Clipboard // default the app's
	GapLimit  int            // default chain.DefaultGapLimit
	// PollEvery is how often plans in flight are checked on-chain; default 30s.
	PollEvery time.Duration
	// Do runs a func on the Fyne goroutine: the bridge's onUI. Default fyne.Do.
	Do func(func())
}

// walletKeyPrefix names the vault entries holding account descriptors;
// wallet/rpc is the Core RPC password, not an account.
const walletKeyPrefix = "wallet/"

// walletArea is the Wallet screen: cold-wallet accounts, fresh receive
// addresses, the address checker and withdrawal plans. Its widgets live as
// long as the area so typed text survives the shell's refreshes; it runs on
// the Fyne goroutine except for work handed to tasks.
type walletArea struct {
	u    *UI
	deps WalletDeps
	jobs *tasks
	lang Lang

	accounts []*wallet.Account
	selected string // account id shown in every tab
	loading  bool
	loadErr  error
	handed   map[string]bool // addresses handed out this session (fresh-address tab)

	root *fyne.Container
	tabs *container.AppTabs

	acc  accountsTab
	recv receiveTab
	chk  checkTab
	pl   plansTab
}

// newWalletArea builds the area and starts loading accounts from the vault
// and polling plans in flight. Close stops both.
func newWalletArea(u *UI, deps WalletDeps) *walletArea {
	if deps.Clock == nil {
		deps.Clock = u.clk
	}
	if !deps.Network.Valid() {
		deps.Network = wallet.Mainnet
	}
	if deps.Clipboard == nil && u.app != nil {
		deps.Clipboard = u.app.Clipboard()
	}
	if deps.GapLimit <= 0 {
		deps.GapLimit = chain.DefaultGapLimit
	}
	if deps.PollEvery <= 0 {
		deps.PollEvery = 30 * time.Second
	}
	w := &walletArea{u: u, deps: deps, jobs: newTasks(deps.Do), handed: map[string]bool{}}
	w.root = container.NewStack()
	w.build()
	w.loadAccounts()
	if deps.Plans != nil {
		w.jobs.every(deps.Clock, deps.PollEvery, w.pollPlans)
	}
	return w
}

// Close stops background work; call it when the app quits.
func (w *walletArea) Close() { w.jobs.stop() }

// View is the area's content for the shell's body. It re-renders only when
// the language changed, so entries keep what the user typed.
func (w *walletArea) View() fyne.CanvasObject {
	if w.lang != w.u.lang {
		w.build()
	} else {
		w.refreshPlans()
	}
	return w.root
}

func (w *walletArea) T(key string, args ...any) string { return w.u.lang.T(key, args...) }

// build (re)creates every tab in the current language.
func (w *walletArea) build() {
	w.lang = w.u.lang
	w.acc = w.newAccountsTab()
	w.recv = w.newReceiveTab()
	w.chk = w.newCheckTab()
	w.pl = w.newPlansTab()
	sel := 0
	if w.tabs != nil {
		sel = w.tabs.SelectedIndex()
	}
	w.tabs = container.NewAppTabs(
		container.NewTabItem(w.T("wallet.tab.accounts"), w.acc.box),
		container.NewTabItem(w.T("wallet.tab.receive"), w.recv.box),
		container.NewTabItem(w.T("wallet.tab.check"), w.chk.box),
		container.NewTabItem(w.T("wallet.tab.plans"), w.pl.box),
	)
	w.tabs.SelectIndex(sel)
	w.root.Objects = []fyne.CanvasObject{w.tabs}
	w.root.Refresh()
	w.refreshAll()
}

func (w *walletArea) refreshAll() {
	w.refreshAccounts()
	w.refreshReceive()
	w.refreshPlans()
}

// account is the selected account (or the first), nil when there is none.
func (w *walletArea) account() *wallet.Account {
	for _, a := range w.accounts {
		if a.ID() == w.selected {
			return a
		}
	}
	if len(w.accounts) > 0 {
		return w.accounts[0]
	}
	return nil
}

func (w *walletArea) label(id string) string {
	if w.u.app != nil {
		if l := w.u.app.Preferences().String("wallet.label." + id); l != "" {
			return l
		}
	}
	return id
}

// accountName is what selects show: "Trezor (p2wpkh, 1a2b3c4d)".
func (w *walletArea) accountName(a *wallet.Account) string {
	l := w.label(a.ID())
	if l == a.ID() {
		return fmt.Sprintf("%s (%s)", a.ID(), a.ScriptType())
	}
	return fmt.Sprintf("%s (%s, %s)", l, a.ScriptType(), a.ID())
}

func (w *walletArea) accountNames() []string {
	out := make([]string, 0, len(w.accounts))
	for _, a := range w.accounts {
		out = append(out, w.accountName(a))
	}
	return out
}

func (w *walletArea) selectByName(name string) {
	for _, a := range w.accounts {
		if w.accountName(a) == name && w.selected != a.ID() {
			w.selected = a.ID()
			w.refreshAll()
			return
		}
	}
}

// accountSelect is a select of the accounts bound to the shared selection.
func (w *walletArea) accountSelect() *widget.Select {
	s := widget.NewSelect(w.accountNames(), w.selectByName)
	if a := w.account(); a != nil {
		s.Selected = w.accountName(a)
	}
	s.PlaceHolder = w.T("wallet.acct.none")
	return s
}

// loadAccounts reads every stored descriptor from the keyring, off the Fyne goroutine.
func (w *walletArea) loadAccounts() {
	if w.deps.Vault == nil {
		return
	}
	w.loading = true
	w.refreshAccounts()
	v, n := w.deps.Vault, w.deps.Network
	w.jobs.run(func(ctx context.Context) func() {
		names, err := v.List()
		var accts []*wallet.Account
		var bad int
		for _, name := range names {
			if !strings.HasPrefix(name, walletKeyPrefix) || name == walletKeyPrefix+"rpc" {
				continue
			}
			desc, gerr := v.Get(name)
			if gerr != nil {
				err = errors.Join(err, gerr)
				continue
			}
			a, perr := wallet.ParseAccount(desc, n, "")
			if perr != nil {
				bad++ // another network's account, or damaged: never echo it
				continue
			}
			accts = append(accts, a)
		}
		return func() {
			w.loading = false
			w.loadErr = err
			for _, a := range accts {
				w.addAccount(a)
			}
			w.refreshAll()
		}
	})
}

func (w *walletArea) addAccount(a *wallet.Account) {
	for _, x := range w.accounts {
		if x.ID() == a.ID() {
			return
		}
	}
	w.accounts = append(w.accounts, a)
	slices.SortFunc(w.accounts, func(x, y *wallet.Account) int { return strings.Compare(w.label(x.ID()), w.label(y.ID())) })
	if w.selected == "" {
		w.selected = a.ID()
	}
}

// known are addresses the user owns or sent to: the look-alike guard's reference.
func (w *walletArea) known() []string {
	var out []string
	for _, a := range w.accounts {
		if as, err := a.Addresses(false, 0, 2*uint32(w.deps.GapLimit)); err == nil {
			for _, x := range as {
				out = append(out, x.String)
			}
		}
		if a.HasChange() {
			if as, err := a.Addresses(true, 0, uint32(w.deps.GapLimit)); err == nil {
				for _, x := range as {
					out = append(out, x.String)
				}
			}
		}
	}
	if w.deps.Plans != nil {
		for _, p := range w.deps.Plans.List() {
			if p.Address != "" {
				out = append(out, p.Address)
			}
		}
	}
	return out
}

func monoLabel(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	return l
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// relayout re-measures the area after sections changed size: a container's
// own Refresh does not grow the cards and scrolls around it.
func (w *walletArea) relayout() {
	if w.tabs != nil {
		w.tabs.Refresh()
	}
}

// setNote shows a status line, or hides it when empty so it takes no room.
func setNote(l *widget.Label, s string) {
	l.SetText(s)
	if s == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func noteLabel() *widget.Label {
	l := wrapLabel("")
	l.Hide()
	return l
}
