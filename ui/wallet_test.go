package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/btcsuite/btcd/btcutil/v2/hdkeychain"
	"github.com/btcsuite/btcd/chaincfg/v2"

	"safeharbor/exchanges"
	"safeharbor/history"
	"safeharbor/internal/fakex"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
	"safeharbor/wallet/vault"
	"safeharbor/watchers"
)

// BIP84 test vector (mnemonic "abandon ... about"): public, not a real secret.
const (
	bip84zpub  = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
	bip84addr0 = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
	bip84addr1 = "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
	bip84addr2 = "bc1qp59yckz4ae5c4efgw2s5wfyvrz0ala7rgvuz8z"
	seedWords  = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)

// uiQueue stands in for the bridge: background results wait here until the
// test runs them on its own goroutine, so tests are deterministic.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// flush waits for the jobs in flight and runs their results, until idle.
func (q *uiQueue) flush(j *tasks) {
	for {
		j.busy.Wait()
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

type walletEnv struct {
	*harness
	q       *uiQueue
	kr      *vault.Memory
	esp     *fakex.Esplora
	plans   *plan.Manager
	store   *history.Store
	w       *walletArea
	mu      sync.Mutex
	verdict watchers.Verdict
}

// testAmountSent adds the test wallet and walks a bitbank plan until the
// test amount is marked withdrawn.
func (e *walletEnv) testAmountSent(t *testing.T) *plan.Plan {
	t.Helper()
	e.addZpub()
	a := e.w.account()
	p, err := e.plans.New("bitbank", "BTC", a)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, step := range []func() (*plan.Plan, error){
		func() (*plan.Plan, error) { return e.plans.CheckExchange(p.ID) },
		func() (*plan.Plan, error) { return e.plans.PickAddress(ctx, p.ID, a) },
		func() (*plan.Plan, error) { return e.plans.ConfirmVerified(p.ID) },
		func() (*plan.Plan, error) { return e.plans.Proceed(p.ID) },
		func() (*plan.Plan, error) { return e.plans.MarkWithdrawn(p.ID, "0.0001") },
	} {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func newWalletEnv(t *testing.T, lang Lang, mod ...func(*WalletDeps)) *walletEnv {
	t.Helper()
	h := newHarness(t, lang, testConfig("bitbank", "coincheck"))
	e := &walletEnv{harness: h, q: &uiQueue{}, kr: vault.NewMemory()}
	e.verdict = verdict("bitbank", "bitbank", exchanges.Operational, t0.Add(-time.Hour), "All systems normal")
	e.esp = fakex.StartEsplora(1000)
	t.Cleanup(e.esp.Close)
	tr, err := chain.NewEsplora(e.esp.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e.store, err = history.Open(filepath.Join(t.TempDir(), "history.db"), history.Options{Clock: h.clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Close() })
	e.plans, err = plan.Open(plan.Config{Store: e.store, Tracker: tr, Clock: h.clk, Status: e.status})
	if err != nil {
		t.Fatal(err)
	}
	deps := WalletDeps{
		Vault: vault.New(e.kr, 5*time.Second), Tracker: tr, Plans: e.plans, Network: wallet.Mainnet,
		Verdict: func(id string) (watchers.Verdict, bool) {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.verdict, id == e.verdict.ID
		},
		Clock: h.clk, Do: e.q.do, PollEvery: 24 * time.Hour,
	}
	for _, m := range mod {
		m(&deps)
	}
	e.w = newWalletArea(h.u, deps)
	t.Cleanup(e.w.Close)
	e.flush()
	h.u.win.SetContent(e.w.View())
	return e
}

func (e *walletEnv) status(id string) plan.ExchangeStatus {
	e.mu.Lock()
	defer e.mu.Unlock()
	if id != e.verdict.ID {
		return plan.ExchangeStatus{}
	}
	return plan.ExchangeStatus{Known: true, Level: e.verdict.Level, Advice: e.verdict.Advice}
}

func (e *walletEnv) flush() { e.q.flush(e.w.jobs) }

func (e *walletEnv) text() string {
	return strings.Join(texts(e.u.win.Content()), "\n") + "\n" + test.RenderToMarkup(e.u.win.Canvas())
}

func (e *walletEnv) tap(label string) {
	e.t.Helper()
	test.Tap(findButton(e.t, e.u.win.Content(), label))
	e.flush()
}

func (e *walletEnv) must(substr ...string) {
	e.t.Helper()
	s := e.text()
	for _, x := range substr {
		if !strings.Contains(s, x) {
			e.t.Fatalf("%q not shown in:\n%s", x, strings.Join(texts(e.u.win.Content()), "\n"))
		}
	}
}

// startPlanWhileDown starts a withdrawal from bitbank while bitbank is in
// outage: the plan is blocked.
func (e *walletEnv) startPlanWhileDown() {
	e.addZpub()
	e.mu.Lock()
	e.verdict = verdict("bitbank", "bitbank", exchanges.Outage, t0, "Trading halted on btc_jpy")
	e.mu.Unlock()
	e.w.StartPlan("bitbank")
	e.flush()
}

func (e *walletEnv) addZpub() {
	e.t.Helper()
	e.w.tabs.SelectIndex(walletTabAccounts)
	test.Type(e.w.acc.key, bip84zpub)
	e.w.acc.label.SetText("Trezor")
	e.tap(e.u.lang.T("wallet.add.button"))
	if len(e.w.accounts) != 1 {
		e.t.Fatalf("account not added: %s", e.w.acc.status.Text)
	}
}

func TestWalletAddZpubStoresInVaultAndShowsFiveAddresses(t *testing.T) {
	e := newWalletEnv(t, English)
	test.Type(e.w.acc.key, bip84zpub)
	if strings.Contains(test.RenderToMarkup(e.u.win.Canvas()), bip84zpub) {
		t.Fatal("the account key is shown on screen")
	}
	e.w.acc.label.SetText("Trezor")
	test.Tap(findButton(t, e.u.win.Content(), "Add wallet"))
	if e.w.acc.status.Text != "Saving to the keyring…" {
		t.Fatalf("status while saving: %q", e.w.acc.status.Text)
	}
	e.flush()
	a := e.w.account()
	if a == nil {
		t.Fatalf("not added: %s", e.w.acc.status.Text)
	}
	got, err := vault.New(e.kr, time.Second).Get("wallet/" + a.ID())
	if err != nil || got != a.Descriptor() {
		t.Fatalf("vault: %v", err)
	}
	if e.w.acc.key.Text != "" {
		t.Fatal("key left in the entry")
	}
	if p := e.app.Preferences().String("wallet.label." + a.ID()); p != "Trezor" {
		t.Fatalf("label %q", p)
	}
	e.must("Saved Trezor in the keyring.", wallet.Group4(bip84addr0), wallet.Group4(bip84addr1), wallet.Group4(bip84addr2), "0/4 ")
	if s := e.text(); strings.Contains(s, bip84zpub) || strings.Contains(s, a.Descriptor()) {
		t.Fatal("secret on screen")
	}
	test.AssertRendersToMarkup(t, "wallet_accounts.xml", e.u.win.Canvas())

	// A restart reads the account back from the keyring.
	e2 := &walletEnv{harness: e.harness, q: &uiQueue{}}
	e2.w = newWalletArea(e.u, WalletDeps{Vault: vault.New(e.kr, time.Second), Clock: e.clk, Do: e2.q.do})
	defer e2.w.Close()
	if !e2.w.loading {
		t.Fatal("not loading")
	}
	e2.flush()
	if len(e2.w.accounts) != 1 || e2.w.accounts[0].ID() != a.ID() {
		t.Fatalf("reloaded %v", e2.w.accounts)
	}
}

func TestWalletAsksScriptTypeForPlainXpub(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	k, err := hdkeychain.NewKeyFromString(bip84zpub)
	if err != nil {
		t.Fatal(err)
	}
	xk, err := k.CloneWithVersion(chaincfg.MainNetParams.HDPublicKeyID[:])
	if err != nil {
		t.Fatal(err)
	}
	test.Type(e.w.acc.key, xk.String())
	e.tap(Japanese.T("wallet.add.button"))
	if len(e.w.accounts) != 0 || e.w.acc.status.Text != Japanese.T("wallet.add.err.script") {
		t.Fatalf("guessed a script type: %q", e.w.acc.status.Text)
	}
	if e.kr.Len() != 0 {
		t.Fatal("stored")
	}
	e.w.acc.script.SetSelected(Japanese.T("wallet.script.p2wpkh"))
	e.tap(Japanese.T("wallet.add.button"))
	e.must(wallet.Group4(bip84addr0))
}

func TestWalletRefusesSeedWordsWithoutEchoing(t *testing.T) {
	e := newWalletEnv(t, English)
	test.Type(e.w.acc.key, seedWords)
	e.tap("Add wallet")
	if e.w.acc.key.Text != "" || len(e.w.accounts) != 0 || e.kr.Len() != 0 {
		t.Fatal("seed words kept or stored")
	}
	e.must(English.T("wallet.add.err.private"))
	if strings.Contains(e.text(), "abandon") {
		t.Fatal("seed words echoed")
	}
}

func TestWalletNoKeyringStoresNothing(t *testing.T) {
	e := newWalletEnv(t, English)
	e.kr.Fail = "the Secret Service is locked"
	test.Type(e.w.acc.key, bip84zpub)
	e.tap("Add wallet")
	if len(e.w.accounts) != 0 || !strings.HasPrefix(e.w.acc.status.Text, "Not saved: ") {
		t.Fatalf("status %q", e.w.acc.status.Text)
	}
	if strings.Contains(e.w.acc.status.Text, "zpub") {
		t.Fatal("key in the error")
	}
	if hint := vault.InstallHint(); strings.Count(e.w.acc.status.Text, hint) != 1 {
		t.Fatalf("the advice should be given once: %q", e.w.acc.status.Text)
	}
	a, _ := wallet.ParseAccount(bip84zpub, wallet.Mainnet, "")
	e.kr.Fail = ""
	if e.kr.Len() != 0 || e.app.Preferences().String("wallet.label."+a.ID()) != "" {
		t.Fatal("something stored")
	}
	if e.w.acc.key.Text != bip84zpub {
		t.Fatal("the key should stay in the (hidden) entry for a retry")
	}
}

func TestWalletFreshAddressSkipsUsedAndHandedOut(t *testing.T) {
	e := newWalletEnv(t, English)
	e.addZpub()
	e.esp.PayConfirmed(bip84addr0, 1000)
	e.w.tabs.SelectIndex(walletTabReceive)
	e.tap("Get a fresh address")
	if e.w.recv.addr.String != bip84addr1 || e.w.recv.index != 1 {
		t.Fatalf("fresh %+v %s", e.w.recv.addr, e.w.recv.status.Text)
	}
	e.must(wallet.Group4(bip84addr1), "receive address #1")
	if !hasQR(e.u.win.Content()) {
		t.Fatal("no QR code")
	}
	e.tap("I checked it on my device")
	e.must("Checked on your device.")
	test.AssertRendersToMarkup(t, "wallet_receive.xml", e.u.win.Canvas())
	// Offered once, never again: the next one is #2.
	e.tap("Get a fresh address")
	if e.w.recv.addr.String != bip84addr2 {
		t.Fatalf("second fresh %s", e.w.recv.addr.String)
	}
	// A backend failure is shown, no address invented.
	e.esp.SetFault(fakex.HTTP500)
	e.tap("Get a fresh address")
	if !strings.HasPrefix(e.w.recv.status.Text, "Could not get a fresh address") {
		t.Fatalf("status %q", e.w.recv.status.Text)
	}
}

func hasQR(o fyne.CanvasObject) bool {
	found := false
	visit(o, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*canvas.Image); ok && x.Resource != nil && x.Resource.Name() == "qr.png" && strings.HasPrefix(string(x.Resource.Content()), "\x89PNG") {
			found = true
		}
		return true
	})
	return found
}

func TestWalletCheckAddress(t *testing.T) {
	e := newWalletEnv(t, English)
	e.addZpub()
	e.w.tabs.SelectIndex(walletTabCheck)
	// One character off: the checksum catches it.
	bad := bip84addr0[:len(bip84addr0)-1] + "v"
	e.w.chk.entry.SetText(bad)
	e.tap("Check")
	e.must("Not a usable address: " + English.T("wallet.reason.bad_checksum"))

	// Same start and end as the user's own address, different middle: poisoning.
	look := bip84addr0[:8] + strings.Repeat("q", len(bip84addr0)-8-5) + bip84addr0[len(bip84addr0)-5:]
	e.w.chk.entry.SetText(look)
	e.tap("Check")
	e.must(English.T("wallet.warn.lookalike", wallet.Abbrev(bip84addr0)))

	// Valid, on the wrong network.
	e.w.chk.network.SetSelected(English.T("wallet.net.testnet"))
	e.w.chk.entry.SetText(bip84addr1)
	e.tap("Check")
	e.must(English.T("wallet.reason.wrong_network"))

	// Pasted, then the clipboard changed: hijacking.
	e.w.chk.network.SetSelected(English.T("wallet.net.mainnet"))
	clip := e.app.Clipboard()
	clip.SetContent(bip84addr1)
	e.tap("Paste")
	if e.w.chk.entry.Text != bip84addr1 {
		t.Fatalf("pasted %q", e.w.chk.entry.Text)
	}
	e.tap("Check")
	if strings.Contains(e.text(), "clipboard changed") {
		t.Fatal("false clipboard alarm")
	}
	clip.SetContent("bc1qattackerattackerattackerattacker00000")
	e.tap("Check")
	e.must("Valid: a native SegWit (p2wpkh, bc1q…) address on Bitcoin mainnet.", English.T("wallet.warn.clipboard"))
	test.AssertRendersToMarkup(t, "wallet_check.xml", e.u.win.Canvas())
}

func TestWalletCheckReasonsJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.w.tabs.SelectIndex(walletTabCheck)
	e.w.chk.entry.SetText(bip84addr0[:len(bip84addr0)-1] + "v")
	e.tap(Japanese.T("wallet.check.button"))
	e.must(Japanese.T("wallet.reason.bad_checksum"))
	for _, r := range []wallet.Reason{wallet.ReasonBadChecksum, wallet.ReasonWrongNetwork, wallet.ReasonNotPaymentAddress, wallet.ReasonUnsupportedWitness,
		wallet.ReasonBech32NeedsBech32m, wallet.ReasonBech32mNeedsBech32, wallet.ReasonMixedCase, wallet.ReasonWhitespace, wallet.ReasonInvisibleCharacters,
		wallet.ReasonHomoglyph, wallet.ReasonLightningInvoice, wallet.ReasonOtherCoin, wallet.ReasonPrivateKey, wallet.ReasonEmpty, wallet.ReasonBadLength, wallet.ReasonBadFormat} {
		if _, ok := catalog["wallet.reason."+string(r)]; !ok {
			t.Errorf("no words for reason %s", r)
		}
	}
}

func TestWalletPlanWizardHappyPath(t *testing.T) {
	e := newWalletEnv(t, English)
	e.addZpub()
	e.esp.PayConfirmed(bip84addr0, 1000)
	e.w.StartPlan("bitbank")
	e.flush()
	if e.w.tabs.SelectedIndex() != walletTabPlans {
		t.Fatal("plans tab not shown")
	}
	p := e.openPlan(plan.CheckExchange)
	e.must("Exchange now: Operational — All systems normal", English.T("wallet.plan.exok"))
	e.tap("Get a fresh address")
	p = e.openPlan(plan.AddressShown)
	if p.Address != bip84addr1 || !hasQR(e.u.win.Content()) {
		t.Fatalf("address %s", p.Address)
	}
	e.must(wallet.Group4(bip84addr1))
	test.AssertRendersToMarkup(t, "wallet_plan_address.xml", e.u.win.Canvas())
	e.tap("I checked it on my device")
	e.openPlan(plan.Verified)
	e.tap("Continue")
	e.openPlan(plan.TestAmount) // first time to this address
	e.must(English.T("wallet.plan.howto.test"), "Open the withdrawal page of bitbank")
	e.w.pl.amount.SetText("0.0001")
	e.tap("I withdrew the test amount")
	e.openPlan(plan.TestAmount)
	e.must(English.T("wallet.plan.waiting.test"), "Nothing on-chain yet.")
	e.esp.Pay(bip84addr1, 10_000)
	e.esp.Mine(1)
	e.tap("Check the blockchain now")
	e.openPlan(plan.Withdraw)
	e.w.pl.amount.SetText("0.5")
	e.tap("I withdrew it")
	e.openPlan(plan.Tracking)
	full := e.esp.Pay(bip84addr1, 50_000_000)
	e.tap("Check the blockchain now")
	e.must("Seen in the mempool", "Transaction "+full)
	e.esp.Mine(1)
	e.tap("Check the blockchain now")
	e.must("1 of 3 confirmations")
	e.esp.Mine(2)
	e.tap("Check the blockchain now")
	e.openPlan(plan.Done)
	e.must("Arrived: the coins are in your cold wallet.", "3 of 3 confirmations", "bitbank · BTC · Done")
}

// openPlan asserts the open plan's state and returns it.
func (e *walletEnv) openPlan(want plan.State) *plan.Plan {
	e.t.Helper()
	if e.w.pl.err != nil {
		e.t.Fatalf("error: %v", e.w.pl.err)
	}
	p, err := e.plans.Get(e.w.pl.open)
	if err != nil {
		e.t.Fatal(err)
	}
	if p.State != want {
		e.t.Fatalf("state %s (%s), want %s", p.State, p.Reason, want)
	}
	e.must(English.T("wallet.state." + string(want)))
	return p
}

func TestWalletPlanBlockedWhenExchangeDown(t *testing.T) {
	e := newWalletEnv(t, English)
	e.startPlanWhileDown()
	e.openPlan(plan.Blocked)
	e.must(English.T("wallet.plan.blocked"), "Exchange now: Outage — Trading halted on btc_jpy")
	e.mu.Lock()
	e.verdict = verdict("bitbank", "bitbank", exchanges.Operational, t0, "ok")
	e.mu.Unlock()
	e.tap("Check the exchange")
	e.openPlan(plan.CheckExchange)
}

func TestWalletStuckPlanByPollLoop(t *testing.T) {
	e := newWalletEnv(t, English, func(d *WalletDeps) { d.PollEvery = time.Minute })
	p := e.testAmountSent(t)
	e.w.tabs.SelectIndex(walletTabPlans)
	e.w.pl.open = p.ID
	e.w.View()
	e.openPlan(plan.TestAmount)
	// Three hours with nothing on-chain: the poll loop flags it.
	e.clk.BlockUntil(1)
	e.clk.Advance(3 * time.Hour)
	e.clk.BlockUntil(1) // polled and waiting again
	e.q.flush(e.w.jobs)
	e.openPlan(plan.Stuck)
	e.must(English.T("wallet.plan.explain.stuck"), "bitbank · BTC · Stuck — nothing on-chain yet")
	test.AssertRendersToMarkup(t, "wallet_plans_stuck.xml", e.u.win.Canvas())
	// It turns up after all.
	e.esp.Pay(bip84addr0, 10_000)
	e.tap("Check the blockchain now")
	e.openPlan(plan.TestAmount)
	e.must("Seen in the mempool")
}

func TestWalletUnknownPlanResolves(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.addZpub()
	a := e.w.account()
	p, _ := e.plans.New("bitbank", "BTC", a)
	e.plans.CheckExchange(p.ID)
	e.plans.PickAddress(context.Background(), p.ID, a)
	e.plans.ConfirmVerified(p.ID)
	e.plans.Proceed(p.ID)
	if _, err := e.plans.BeginSend(p.ID, "0.0001"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.plans.MarkTimedOut(p.ID); err != nil {
		t.Fatal(err)
	}
	e.w.tabs.SelectIndex(walletTabPlans)
	e.w.pl.open = p.ID
	e.w.View()
	e.must(Japanese.T("wallet.state.unknown"), Japanese.T("wallet.plan.explain.unknown"))
	e.tap(Japanese.T("wallet.plan.notsent"))
	if q, _ := e.plans.Get(p.ID); q.State != plan.TestAmount || q.Started(plan.LegTest) {
		t.Fatalf("%s", q.State)
	}
}

func TestWalletStartPlanWithoutAccountAsksFirst(t *testing.T) {
	e := newWalletEnv(t, English)
	e.w.StartPlan("bitbank")
	if e.w.tabs.SelectedIndex() != walletTabAccounts {
		t.Fatal("not on the accounts tab")
	}
	e.must(English.T("wallet.acct.pending", "bitbank"))
	test.Type(e.w.acc.key, bip84zpub)
	e.tap("Add wallet")
	if len(e.plans.List()) != 1 || e.w.tabs.SelectedIndex() != walletTabPlans {
		t.Fatal("plan not started after adding the wallet")
	}
}

func TestWalletWithoutBackends(t *testing.T) {
	e := newWalletEnv(t, English, func(d *WalletDeps) { d.Vault, d.Tracker, d.Plans = nil, nil, nil })
	e.must(English.T("wallet.add.err.novault"))
	e.w.tabs.SelectIndex(walletTabPlans)
	e.must(English.T("wallet.err.noplans"))
	test.Type(e.w.acc.key, bip84zpub)
	e.w.tabs.SelectIndex(walletTabAccounts)
	e.tap("Add wallet")
	if len(e.w.accounts) != 0 {
		t.Fatal("added without a vault")
	}
}

func TestWalletStartPlanFromPlaybookShowsWallet(t *testing.T) {
	e := newWalletEnv(t, English)
	e.addZpub()
	e.u.SetWallet(e.w)
	e.u.show(viewDashboard)
	e.w.StartPlan("bitbank")
	e.flush()
	if e.u.view != viewWallet || e.w.tabs.SelectedIndex() != walletTabPlans {
		t.Fatalf("view %v tab %d", e.u.view, e.w.tabs.SelectedIndex())
	}
	e.must(English.T("wallet.state.check_exchange"))
}
