package ui

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"safeharbor/internal/fakex"
	"safeharbor/wallet/plan"
)

// The withdrawal wizard in Japanese: the plan's reasons, the exchange's
// summary and the errors of its operations are all shown in Japanese.

func TestWalletPlanBlockedJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.startPlanWhileDown()
	p, err := e.plans.Get(e.w.pl.open)
	if err != nil || p.State != plan.Blocked {
		t.Fatalf("%v %+v", err, p)
	}
	e.must(Japanese.T("wallet.plan.blocked"),
		"取引所の現在の状態：障害 — btc_jpy の取引が停止中",
		"取引所が「障害」の状態で、正常に稼働していません")
	e.noEnglish(p.Reason, "Trading halted")
}

func TestWalletPlanErrorsJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.addZpub()
	e.w.StartPlan("bitbank")
	e.flush()
	e.w.pl.paste.SetText(bip84addr0[:len(bip84addr0)-1] + "v")
	e.tap(Japanese.T("wallet.plan.usepasted"))
	e.must("うまくいきませんでした：このアドレスは使えません。" + Japanese.T("wallet.reason.bad_checksum") + "。")
	e.noEnglish("checksum")
}

func TestWalletStuckPlanJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese, func(d *WalletDeps) { d.PollEvery = time.Minute })
	p := e.testAmountSent(t)
	e.w.tabs.SelectIndex(walletTabPlans)
	e.w.pl.open = p.ID
	e.w.View()
	e.clk.BlockUntil(1)
	e.clk.Advance(3 * time.Hour)
	e.clk.BlockUntil(1) // polled and waiting again
	e.q.flush(e.w.jobs)
	if q, _ := e.plans.Get(p.ID); q.State != plan.Stuck {
		t.Fatalf("state %s", q.State)
	}
	e.must(Japanese.T("wallet.plan.explain.stuck"), Japanese.T("wallet.state.stuck"),
		"出金から3時間たっても、ブロックチェーン上に何も現れません。取引所の出金履歴とステータスページを確認してください")
	e.noEnglish("on-chain", "withdrawal history")
	// The record unfolds: every step with what was noted, in Japanese, and
	// stays open while the poll loop redraws the plan.
	q, _ := e.plans.Get(p.ID)
	e.tap(Japanese.T("wallet.plan.record.show", len(q.History)))
	e.must(Japanese.T("wallet.plan.record.hide", len(q.History)), "取引所が正常に稼働していることを確認しました", "テスト出金を依頼しました")
	e.clk.Advance(time.Minute)
	e.clk.BlockUntil(1)
	e.q.flush(e.w.jobs)
	e.must("テスト出金を依頼しました")
	e.noEnglish("exchange OK", "requested", "fresh address")
	guard := newInventory()
	checked := 0
	for _, l := range texts(e.u.win.Content()) {
		if strings.Contains(l, " · ") && strings.Contains(l, "：") {
			checked++
			if en := guard.english(l); len(en) > 0 {
				t.Errorf("English in the record: %q in %q", en, l)
			}
		}
	}
	if checked < len(q.History)-1 {
		t.Errorf("%d record lines with a note, the plan has %d entries", checked, len(q.History))
	}
}

// noEnglish fails if the wallet screen shows any of words.
func (e *walletEnv) noEnglish(words ...string) {
	e.t.Helper()
	s := e.text()
	for _, w := range words {
		if w != "" && strings.Contains(s, w) {
			e.t.Errorf("%q shown in Japanese:\n%s", w, s)
		}
	}
}

// A chain backend failure while looking for a fresh address reads in Japanese.
func TestWalletReceiveErrorJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.addZpub()
	e.w.tabs.SelectIndex(walletTabReceive)
	e.esp.SetFault(fakex.HTTP500)
	e.tap(Japanese.T("wallet.recv.get"))
	got := e.w.recv.status.Text
	if !strings.HasPrefix(got, "新しいアドレスを取得できませんでした：") || strings.Contains(got, "esplora") {
		t.Fatalf("status %q", got)
	}
}

// A keyring that does not work is explained in Japanese, with what to do.
func TestWalletNoKeyringJapanese(t *testing.T) {
	e := newWalletEnv(t, Japanese)
	e.kr.Fail = "the Secret Service is locked"
	test.Type(e.w.acc.key, bip84zpub)
	e.tap(Japanese.T("wallet.add.button"))
	got := e.w.acc.status.Text
	want := Japanese.T("wallet.add.err.notsaved", Japanese.T("keyring.err.none")+Japanese.T("keyring.hint."+runtime.GOOS))
	if got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	if len(e.w.accounts) != 0 {
		t.Fatal("stored without a keyring")
	}
}
