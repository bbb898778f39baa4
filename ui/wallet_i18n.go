package ui

import (
	"context"
	"errors"
	"net"
	"runtime"
	"strings"

	"safeharbor/exchanges"
	"safeharbor/wallet"
	"safeharbor/wallet/chain"
	"safeharbor/wallet/plan"
	"safeharbor/wallet/vault"
)

func init() {
	for k, v := range walletMessages {
		catalog[k] = v
	}
}

// walletMessages are the wallet area's words. Plain and calm: the reader is
// about to move their savings.
var walletMessages = map[string]msg{
	"wallet.tab.accounts": {"Cold wallets", "コールドウォレット"},
	"wallet.tab.receive":  {"Receive address", "受取アドレス"},
	"wallet.tab.check":    {"Check an address", "アドレス確認"},
	"wallet.tab.plans":    {"Withdrawals", "出金"},

	"wallet.add.title":             {"Add your cold wallet", "コールドウォレットを追加"},
	"wallet.add.intro":             {"Paste the account's public key (xpub, ypub, zpub, tpub, …) or its output descriptor from your hardware wallet's companion app. SafeHarbor keeps it only in this computer's keyring.", "ハードウェアウォレットのアプリから、アカウントの公開鍵（xpub・ypub・zpub・tpub など）または出力ディスクリプタを貼り付けてください。SafeHarbor はこのコンピューターのキーリングにだけ保存します。"},
	"wallet.add.never":             {"Never enter your recovery words (seed phrase) or a private key here or anywhere online.", "リカバリーワード（シードフレーズ）や秘密鍵は、ここを含めオンラインの場所に絶対に入力しないでください。"},
	"wallet.add.key":               {"Public key or descriptor", "公開鍵またはディスクリプタ"},
	"wallet.add.key.placeholder":   {"zpub… or wpkh([…]xpub…/0/*)", "zpub… または wpkh([…]xpub…/0/*)"},
	"wallet.add.script":            {"Address type", "アドレスの種類"},
	"wallet.add.script.auto":       {"As the key says", "鍵の情報に従う"},
	"wallet.add.label":             {"Name (optional)", "名前（任意）"},
	"wallet.add.label.placeholder": {"e.g. Trezor", "例：Trezor"},
	"wallet.add.button":            {"Add wallet", "ウォレットを追加"},
	"wallet.add.saving":            {"Saving to the keyring…", "キーリングに保存しています…"},
	"wallet.add.saved":             {"Saved %s in the keyring.", "%s をキーリングに保存しました。"},
	"wallet.add.err.private":       {"That was a private key or recovery words. It was not stored and the field was cleared. Never type these into an online computer: if this was your real seed, consider it exposed and move your coins to a new wallet.", "入力されたのは秘密鍵またはリカバリーワードです。保存せず、入力欄を消去しました。オンラインのコンピューターには絶対に入力しないでください。本物のシードだった場合は漏えいしたものとみなし、新しいウォレットへ資産を移してください。"},
	"wallet.add.err.script":        {"This key does not say which kind of addresses your wallet uses. Choose the address type above (bc1q… is p2wpkh, bc1p… is p2tr, 3… is p2sh-p2wpkh, 1… is p2pkh), or paste a descriptor.", "この鍵からは、ウォレットが使うアドレスの種類がわかりません。上でアドレスの種類を選ぶ（bc1q… は p2wpkh、bc1p… は p2tr、3… は p2sh-p2wpkh、1… は p2pkh）か、ディスクリプタを貼り付けてください。"},
	"wallet.add.err.multisig":      {"This is a multisig cosigner key (Ypub/Zpub/…). Multisig wallets are not supported yet.", "これはマルチシグの共同署名者の鍵（Ypub/Zpub など）です。マルチシグには、まだ対応していません。"},
	"wallet.add.err.other":         {"Not added: %s", "追加できませんでした：%s"},
	"keyring.err.timeout":          {"The keyring did not answer; it may be locked or waiting for a prompt. ", "キーリングが応答しません。ロックされているか、確認画面が開いている可能性があります。"},
	"keyring.err.none":             {"No working OS keyring. ", "OSのキーリングが使えません。"},
	"keyring.err.toolarge":         {"Too large for the OS keyring.", "キーリングに保存するには大きすぎます。"},
	"keyring.err.notfound":         {"Not in the keyring.", "キーリングに見つかりません。"},
	"keyring.err.badname":          {"Not a valid keyring entry name.", "キーリングの項目名が正しくありません。"},
	"keyring.hint.linux":           {"SafeHarbor stores secrets only in a Secret Service keyring: install and start gnome-keyring (or KeePassXC with Secret Service integration enabled), unlock it, and try again; secrets are never stored in plain files.", "SafeHarbor は秘密情報を Secret Service のキーリングにだけ保存します。gnome-keyring（または Secret Service 連携を有効にした KeePassXC）をインストールして起動し、ロックを解除してからもう一度お試しください。ファイルに保存することはありません。"},
	"keyring.hint.darwin":          {"SafeHarbor stores secrets in the macOS Keychain; unlock your login keychain and try again.", "SafeHarbor は秘密情報を macOS のキーチェーンに保存します。ログインキーチェーンのロックを解除してからもう一度お試しください。"},
	"keyring.hint.windows":         {"SafeHarbor stores secrets in Windows Credential Manager; make sure it is available for your user and try again.", "SafeHarbor は秘密情報を Windows の資格情報マネージャーに保存します。お使いのユーザーで利用できることを確認してからもう一度お試しください。"},
	"wallet.add.err.novault":       {"The OS keyring is not available, so SafeHarbor cannot store a wallet. It never stores one anywhere else.", "OSのキーリングが使えないため、ウォレットを保存できません。SafeHarbor がほかの場所に保存することはありません。"},
	"wallet.add.err.notsaved":      {"Not saved: %s", "保存できませんでした：%s"},

	"wallet.acct.title":   {"Your cold wallets", "登録済みのコールドウォレット"},
	"wallet.acct.label":   {"Wallet", "ウォレット"},
	"wallet.acct.none":    {"No wallet yet", "ウォレット未登録"},
	"wallet.acct.empty":   {"No cold wallet added yet.", "コールドウォレットはまだ登録されていません。"},
	"wallet.acct.loading": {"Reading the keyring…", "キーリングを読み込んでいます…"},
	"wallet.acct.loaderr": {"Could not read every wallet from the keyring: %s", "キーリングからウォレットを読み込めませんでした：%s"},
	"wallet.acct.pending": {"Add your cold wallet first; the withdrawal from %s starts right after.", "先にコールドウォレットを追加してください。追加後すぐに %s からの出金手順を始めます。"},
	"wallet.acct.show":    {"Show", "表示"},

	"wallet.addrs.title": {"First receive addresses", "最初の受取アドレス"},
	"wallet.addrs.intro": {"Compare these with the receive addresses your hardware wallet shows for %s. If they differ, do not use this wallet here.", "%s についてハードウェアウォレットが表示する受取アドレスと照合してください。異なる場合は、このウォレットを使わないでください。"},
	"wallet.addrs.none":  {"Add a cold wallet first.", "先にコールドウォレットを追加してください。"},

	"wallet.net.mainnet": {"Bitcoin mainnet", "ビットコイン本番ネットワーク"},
	"wallet.net.testnet": {"testnet", "テストネット"},
	"wallet.net.signet":  {"signet", "シグネット"},
	"wallet.net.regtest": {"regtest", "リグテスト"},

	"wallet.script.p2pkh":       {"legacy (p2pkh, 1…)", "レガシー（p2pkh、1…）"},
	"wallet.script.p2sh-p2wpkh": {"nested SegWit (p2sh-p2wpkh, 3…)", "ネステッドSegWit（p2sh-p2wpkh、3…）"},
	"wallet.script.p2wpkh":      {"native SegWit (p2wpkh, bc1q…)", "ネイティブSegWit（p2wpkh、bc1q…）"},
	"wallet.script.p2tr":        {"Taproot (p2tr, bc1p…)", "Taproot（p2tr、bc1p…）"},
	"wallet.script.p2sh":        {"script hash (p2sh, 3…)", "スクリプトハッシュ（p2sh、3…）"},
	"wallet.script.p2wsh":       {"SegWit script (p2wsh)", "SegWitスクリプト（p2wsh）"},

	"wallet.recv.title":     {"Get a fresh receive address", "新しい受取アドレスを取得"},
	"wallet.recv.intro":     {"SafeHarbor looks up your wallet's addresses on the blockchain and offers the first one never used and never offered before.", "SafeHarbor がブロックチェーン上でウォレットのアドレスを確認し、未使用でまだ提示していない最初のアドレスを表示します。"},
	"wallet.recv.get":       {"Get a fresh address", "新しいアドレスを取得"},
	"wallet.recv.searching": {"Checking the blockchain…", "ブロックチェーンを確認しています…"},
	"wallet.recv.err":       {"Could not get a fresh address: %s", "新しいアドレスを取得できませんでした：%s"},
	"wallet.recv.index":     {"receive address #%d", "受取アドレス #%d"},

	"wallet.verify.title":    {"Verify on your hardware wallet", "ハードウェアウォレットで確認"},
	"wallet.verify.intro":    {"Show this address on your hardware wallet's own screen and compare every block of four characters.", "ハードウェアウォレット本体の画面にこのアドレスを表示し、4文字ずつすべて照合してください。"},
	"wallet.verify.mismatch": {"If any character differs, stop: do not send to this address.", "1文字でも違う場合は中止し、このアドレスには送らないでください。"},
	"wallet.verify.button":   {"I checked it on my device", "デバイスで確認しました"},
	"wallet.verify.done":     {"Checked on your device.", "デバイスで確認済みです。"},

	"wallet.check.title":       {"Check an address before you send", "送る前にアドレスを確認"},
	"wallet.check.intro":       {"Paste an address to check it is a valid Bitcoin address on the right network and does not imitate one you use.", "アドレスを貼り付けると、正しいネットワークの有効なビットコインアドレスか、普段使うアドレスに似せた偽物でないかを確認します。"},
	"wallet.check.address":     {"Address", "アドレス"},
	"wallet.check.placeholder": {"bc1q…", "bc1q…"},
	"wallet.check.network":     {"Network", "ネットワーク"},
	"wallet.check.paste":       {"Paste", "貼り付け"},
	"wallet.check.button":      {"Check", "確認"},
	"wallet.check.valid":       {"Valid: a %s address on %s.", "有効です：%[2]s の %[1]s アドレスです。"},
	"wallet.check.invalid":     {"Not a usable address: %s", "使えないアドレスです：%s"},
	"wallet.warn.lookalike":    {"This address starts and ends like %s, one of yours, but differs in the middle. Scammers plant look-alike addresses in your history: copy the address again from your own wallet.", "このアドレスは、あなたのアドレス %s と先頭と末尾が同じですが、途中が異なります。詐欺師は似せたアドレスを履歴に紛れ込ませます。ご自身のウォレットからコピーし直してください。"},
	"wallet.warn.clipboard":    {"The clipboard changed after you pasted: something on this computer may be replacing copied addresses. Do not send; compare with your hardware wallet's screen and scan this computer for malware.", "貼り付けた後にクリップボードの内容が変わりました。コピーしたアドレスを書き換えるマルウェアの可能性があります。送金せず、ハードウェアウォレットの画面と照合し、このコンピューターをウイルス検査してください。"},

	"wallet.reason.bad_checksum":                {"the checksum does not match: a character is wrong or missing", "チェックサムが一致しません。文字の誤りや欠けがあります"},
	"wallet.reason.wrong_network":               {"it is an address of another network", "別のネットワークのアドレスです"},
	"wallet.reason.not_payment_address":         {"it is not a payment address (a public key or script, not an address)", "送金先アドレスではありません（公開鍵やスクリプトです）"},
	"wallet.reason.unsupported_witness_version": {"it uses a witness version no wallet can spend yet", "まだどのウォレットも使えないwitnessバージョンです"},
	"wallet.reason.bech32_needs_bech32m":        {"a Taproot (bc1p…) address must use the bech32m checksum", "Taproot（bc1p…）アドレスには bech32m のチェックサムが必要です"},
	"wallet.reason.bech32m_needs_bech32":        {"a SegWit v0 (bc1q…) address must use the bech32 checksum", "SegWit v0（bc1q…）アドレスには bech32 のチェックサムが必要です"},
	"wallet.reason.mixed_case":                  {"it mixes upper and lower case, which a real address never does", "大文字と小文字が混在しています。本物のアドレスではありえません"},
	"wallet.reason.whitespace":                  {"it contains spaces or line breaks: copy it again", "空白や改行が含まれています。コピーし直してください"},
	"wallet.reason.invisible_characters":        {"it contains invisible characters: copy it again from the source", "見えない文字が含まれています。元の場所からコピーし直してください"},
	"wallet.reason.homoglyph":                   {"it contains look-alike or full-width characters", "似た形の文字や全角文字が含まれています"},
	"wallet.reason.lightning_invoice":           {"it is a Lightning invoice, not an on-chain address", "ライトニングの請求書で、オンチェーンのアドレスではありません"},
	"wallet.reason.other_coin":                  {"it is an address of another coin", "別の暗号資産のアドレスです"},
	"wallet.reason.private_key":                 {"it is a private key — never paste it anywhere; consider it exposed", "秘密鍵です。絶対にどこにも貼り付けないでください。漏えいしたものとみなしてください"},
	"wallet.reason.empty":                       {"no address given", "アドレスが入力されていません"},
	"wallet.reason.bad_length":                  {"it has the wrong length for an address", "アドレスとして長さが正しくありません"},
	"wallet.reason.bad_format":                  {"it is not in any Bitcoin address format", "どのビットコインアドレスの形式にも当てはまりません"},

	"wallet.err.notracker": {"No blockchain source is set up: add [wallet] esplora or rpc to the config file.", "ブロックチェーンの参照先が設定されていません。設定ファイルに [wallet] esplora または rpc を追加してください。"},
	"wallet.err.noplans":   {"Withdrawal plans are unavailable: the history database could not be opened.", "出金プランを利用できません。履歴データベースを開けませんでした。"},

	"wallet.plan.new":             {"Move coins to your cold wallet", "コールドウォレットへ移す"},
	"wallet.plan.intro":           {"A guided withdrawal: check the exchange, get and verify a fresh address, send a small test first, then the rest, and watch it arrive.", "ガイド付きの出金です。取引所の状態確認、新しいアドレスの取得と確認、少額のテスト送金、残りの出金、着金の確認まで順に進めます。"},
	"wallet.plan.exchange":        {"From exchange", "出金元の取引所"},
	"wallet.plan.pick":            {"Choose an exchange", "取引所を選択"},
	"wallet.plan.start":           {"Start", "開始"},
	"wallet.plan.working":         {"Working…", "処理中…"},
	"wallet.plan.list":            {"Your withdrawals", "出金の記録"},
	"wallet.plan.empty":           {"No withdrawals yet.", "出金の記録はまだありません。"},
	"wallet.plan.open":            {"Open", "開く"},
	"wallet.plan.wizard":          {"Withdrawal guide", "出金ガイド"},
	"wallet.plan.title":           {"%s: withdraw %s", "%s：%s を出金"},
	"wallet.plan.exstatus":        {"Exchange now: %s — %s", "取引所の現在の状態：%s — %s"},
	"wallet.plan.err":             {"That did not work: %s", "うまくいきませんでした：%s"},
	"wallet.plan.blocked":         {"The exchange is not clearly working normally, or withdrawals are suspended. Wait until its status page says it is back, then check again.", "取引所が正常に稼働しているか確認できないか、出金が停止されています。ステータスページで復旧が告知されるまで待ってから、もう一度確認してください。"},
	"wallet.plan.checkex":         {"Check the exchange", "取引所を確認"},
	"wallet.plan.exok":            {"The exchange is operating and withdrawals are open. Next: a fresh address from your cold wallet.", "取引所は稼働中で、出金も可能です。次に、コールドウォレットの新しいアドレスを取得します。"},
	"wallet.plan.noacct":          {"The cold wallet this plan was made for is not loaded.", "このプランのコールドウォレットが読み込まれていません。"},
	"wallet.plan.orpaste":         {"Or paste an address copied from your hardware wallet's app (checked for network and look-alikes):", "または、ハードウェアウォレットのアプリからコピーしたアドレスを貼り付けてください（ネットワークと偽アドレスを確認します）："},
	"wallet.plan.usepasted":       {"Use this address", "このアドレスを使う"},
	"wallet.plan.pasted":          {"pasted address", "貼り付けたアドレス"},
	"wallet.plan.continue":        {"Continue", "次へ"},
	"wallet.plan.howto.test":      {"First time to this address: withdraw a small test amount first. On the exchange's site, paste the address below, check it again block by block, and withdraw a small amount.", "このアドレスへの出金は初めてです。まず少額をテスト出金してください。取引所のサイトで下のアドレスを貼り付け、4文字ずつ再確認してから少額を出金します。"},
	"wallet.plan.howto.full":      {"Now withdraw the amount you want to secure to the address below, on the exchange's site. Check the address again block by block before you confirm.", "取引所のサイトで、保管したい数量を下のアドレスへ出金してください。確定前にアドレスを4文字ずつ再確認してください。"},
	"wallet.plan.page":            {"Open the withdrawal page of %s", "%s の出金ページを開く"},
	"wallet.plan.amount.test":     {"Test amount (BTC)", "テスト出金額（BTC）"},
	"wallet.plan.amount.full":     {"Amount (BTC)", "出金額（BTC）"},
	"wallet.plan.withdrew.test":   {"I withdrew the test amount", "テスト出金をしました"},
	"wallet.plan.withdrew.full":   {"I withdrew it", "出金しました"},
	"wallet.plan.waiting.test":    {"Waiting for the test amount to arrive on-chain.", "テスト出金の着金をブロックチェーン上で待っています。"},
	"wallet.plan.waiting.full":    {"Waiting for the withdrawal to appear on-chain.", "出金がブロックチェーン上に現れるのを待っています。"},
	"wallet.plan.checknow":        {"Check the blockchain now", "今すぐブロックチェーンを確認"},
	"wallet.plan.explain.stuck":   {"Nothing has appeared on-chain long after the withdrawal. Check the exchange's withdrawal history and status page; exchanges often batch or delay withdrawals during trouble. SafeHarbor keeps watching.", "出金から長時間たっても、ブロックチェーン上に何も現れません。取引所の出金履歴とステータスページを確認してください。障害時は出金がまとめて処理されたり遅れたりすることがあります。SafeHarbor は引き続き監視します。"},
	"wallet.plan.explain.reorged": {"The block holding the transaction was replaced (a reorganisation). It usually confirms again shortly; SafeHarbor keeps watching.", "取引を含むブロックが置き換えられました（再編成）。通常はまもなく再び承認されます。SafeHarbor は引き続き監視します。"},
	"wallet.plan.explain.unknown": {"Unknown — check the exchange's history. We cannot tell whether the withdrawal request reached the exchange. Do not withdraw again until you have checked the exchange's withdrawal history.", "不明 — 取引所の履歴を確認してください。出金の依頼が取引所に届いたかどうか判断できません。取引所の出金履歴を確認するまで、再度出金しないでください。"},
	"wallet.plan.ref":             {"Withdrawal ID (if shown)", "出金ID（表示されていれば）"},
	"wallet.plan.ref.placeholder": {"from the exchange's withdrawal history", "取引所の出金履歴から"},
	"wallet.plan.wassent":         {"It was sent", "出金されていた"},
	"wallet.plan.notsent":         {"It was not sent", "出金されていなかった"},
	"wallet.plan.done":            {"Arrived: the coins are in your cold wallet.", "着金しました。資産はコールドウォレットにあります。"},
	"wallet.plan.cancel":          {"Cancel this withdrawal", "この出金を中止"},
	"wallet.plan.record.show":     {"Show this withdrawal's record (%d entries)", "この出金の記録を表示（%d 件）"},
	"wallet.plan.record.hide":     {"Hide the record (%d entries)", "記録を閉じる（%d 件）"},
	"wallet.plan.record.note":     {": %s", "：%s"},

	"wallet.plan.err.address":   {"This address cannot be used: %s.", "このアドレスは使えません。%s。"},
	"wallet.plan.err.sent":      {"This withdrawal was already started; check the exchange's withdrawal history before doing anything else.", "この出金はすでに始まっています。ほかの操作をする前に、取引所の出金履歴を確認してください。"},
	"wallet.plan.err.lookalike": {"This address looks like another address you use, but is not the same. Copy the address again from your own wallet.", "このアドレスは、お使いの別のアドレスに似ていますが同じではありません。ご自身のウォレットからコピーし直してください。"},
	"wallet.plan.err.account":   {"This is not the cold wallet this withdrawal was made for.", "この出金を作成したときのコールドウォレットではありません。"},
	"wallet.plan.err.changed":   {"The withdrawal changed meanwhile; try again.", "処理の間に出金の状態が変わりました。もう一度お試しください。"},
	"wallet.plan.err.noplan":    {"This withdrawal no longer exists.", "この出金の記録が見つかりません。"},
	"wallet.plan.err.illegal":   {"That is not possible at this step.", "この段階ではその操作はできません。"},
	"wallet.plan.err.notest":    {"The test amount has not arrived yet.", "テスト出金の着金がまだ確認できていません。"},
	"wallet.plan.err.nocancel":  {"A withdrawal was already requested, so it cannot be cancelled here. Check the exchange's history.", "出金の依頼がすでに出ているため、ここでは中止できません。取引所の出金履歴を確認してください。"},
	"wallet.plan.err.gap":       {"Too many addresses in a row were shown for withdrawals that never arrived. Reuse one of them, or check the exchange's withdrawal history first.", "着金しなかった出金のアドレスが続いているため、新しいアドレスを出せません。そのうちの1つを使うか、先に取引所の出金履歴を確認してください。"},
	"wallet.plan.err.ratelimit": {"The blockchain source is limiting requests. Try again in a little while.", "ブロックチェーンの参照先でアクセスが制限されています。しばらくしてからもう一度お試しください。"},
	"wallet.plan.err.backend":   {"The blockchain source answered with an error.", "ブロックチェーンの参照先がエラーを返しました。しばらくしてからもう一度お試しください。"},
	"wallet.plan.err.network":   {"Could not reach the blockchain source.", "ブロックチェーンの参照先に接続できませんでした。"},
	"wallet.plan.err.save":      {"The withdrawal could not be saved, so nothing changed.", "出金の記録を保存できなかったため、何も変更していません。"},

	"wallet.step.check_exchange": {"Exchange checked", "取引所の確認"},
	"wallet.step.address":        {"Fresh address", "新しいアドレス"},
	"wallet.step.verified":       {"Verified on device", "デバイスで確認"},
	"wallet.step.test_amount":    {"Test amount", "テスト出金"},
	"wallet.step.withdraw":       {"Withdraw", "出金"},
	"wallet.step.tracking":       {"Confirmations", "承認待ち"},
	"wallet.step.done":           {"Done", "完了"},

	"wallet.state.choose":         {"Started", "開始"},
	"wallet.state.check_exchange": {"Exchange OK", "取引所確認済み"},
	"wallet.state.address":        {"Address shown — verify it", "アドレス表示中 — 確認してください"},
	"wallet.state.verified":       {"Address verified", "アドレス確認済み"},
	"wallet.state.test_amount":    {"Test amount", "テスト出金"},
	"wallet.state.withdraw":       {"Ready to withdraw", "出金待ち"},
	"wallet.state.tracking":       {"On its way", "送金中"},
	"wallet.state.done":           {"Done", "完了"},
	"wallet.state.blocked":        {"Waiting: exchange not OK", "待機中：取引所が不安定"},
	"wallet.state.stuck":          {"Stuck — nothing on-chain yet", "停滞 — まだブロックチェーンに現れません"},
	"wallet.state.reorged":        {"Reorganised — waiting to confirm again", "再編成 — 再承認待ち"},
	"wallet.state.cancelled":      {"Cancelled", "中止"},
	"wallet.state.unknown":        {"Unknown — check the exchange's history", "不明 — 取引所の履歴を確認"},

	"wallet.track.none":    {"Nothing on-chain yet.", "ブロックチェーン上にはまだ何もありません。"},
	"wallet.track.mempool": {"Seen in the mempool: waiting for the first confirmation.", "メモリプールで確認しました。最初の承認を待っています。"},
	"wallet.track.confs":   {"%d of %d confirmations", "承認 %d / %d"},
	"wallet.track.txid":    {"Transaction %s", "トランザクション %s"},
}

// The withdrawal plan words its reasons and history notes in English, and
// plans are stored so (wallet/plan): they are translated for display.
// TestJapanesePlanInventory drives a plan through every state and fails on
// a reason, note or error left in English.
var jaPlanTexts = []jaRule{
	// Why a plan is blocked (plan.ExchangeStatus).
	jt(`the exchange's status is not known yet`, "取引所の状態がまだわかりません"),
	jt(`the exchange's withdrawals are suspended`, "取引所の出金が停止されています"),
	jr(`the exchange is (\w+), not operational`, func(m []string) string {
		l, err := exchanges.ParseLevel(m[1])
		if err != nil {
			return "取引所が正常に稼働していません"
		}
		return "取引所が「" + Japanese.Level(l) + "」の状態で、正常に稼働していません"
	}),
	// Why its outcome is unknown.
	jr(`(.+) — check the exchange's withdrawal history; SafeHarbor will not retry it`, func(m []string) string {
		why, ok := jaApply(jaPlanUnknowns, m[1])
		if !ok {
			why = m[1]
		}
		return why + "。取引所の出金履歴を確認してください。SafeHarbor が自動で出金し直すことはありません"
	}),
	// Stuck and reorganised (wallet/plan track.go, wallet/chain).
	jr(`nothing on-chain (\S+) after the withdrawal; check the exchange's withdrawal history and its status`, func(m []string) string {
		return "出金から" + jaDur(m[1]) + "たっても、ブロックチェーン上に何も現れません。取引所の出金履歴とステータスページを確認してください"
	}),
	jr(`transaction (\S+) is no longer known to the network`, func(m []string) string {
		return "トランザクション " + m[1] + " がネットワーク上から消えました"
	}),
	jr(`block (\d+) of transaction (\S+) was replaced; now in block (\d+)`, func(m []string) string {
		return "トランザクション " + m[2] + " を含むブロック " + m[1] + " が置き換えられ、現在はブロック " + m[3] + " に含まれています"
	}),
	jr(`block (\d+) of transaction (\S+) was replaced; the transaction is back in the mempool`, func(m []string) string {
		return "トランザクション " + m[2] + " を含むブロック " + m[1] + " が置き換えられ、トランザクションは未承認の状態に戻りました"
	}),
	jt(`the transaction vanished after a reorganisation; waiting for it to be mined again`, "再編成のあと、トランザクションがブロックチェーン上から消えました。再び承認されるのを待っています"),
	// Cancelled from the wizard.
	jt(`cancelled by the user`, "ご自身で中止しました"),

	// History notes.
	jt(`exchange OK again`, "取引所が正常に戻りました"),
	jt(`exchange OK`, "取引所が正常に稼働していることを確認しました"),
	jr(`fresh address (\S+)`, func(m []string) string { return "新しいアドレス " + m[1] + " を表示しました" }),
	jr(`pasted address (\S+)`, func(m []string) string { return "貼り付けたアドレス " + m[1] + " を使います" }),
	jt(`address verified on the hardware wallet`, "ハードウェアウォレットでアドレスを確認しました"),
	jt(`first-time destination: send a small test amount first`, "初めての送金先です。まず少額をテスト出金します"),
	jt(`test withdrawal requested`, "テスト出金を依頼しました"),
	jt(`full withdrawal requested`, "出金を依頼しました"),
	jt(`test withdrawal sent`, "テスト出金が実行されました"),
	jt(`withdrawal sent`, "出金が実行されました"),
	jr(`withdrawal refused by the exchange: (.*)`, func(m []string) string {
		return "取引所が出金を受け付けませんでした：" + official(m[1])
	}),
	jt(`user checked: not sent`, "確認の結果、出金されていませんでした"),
	jt(`user checked: sent`, "確認の結果、出金されていました"),
	jt(`user checked: test sent`, "確認の結果、テスト出金されていました"),
	jt(`test amount seen again`, "テスト出金が再びブロックチェーン上に現れました"),
	jt(`test amount arrived: now withdraw the rest`, "テスト出金が着金しました。残りを出金してください"),
	jr(`(\d+) confirmations`, func(m []string) string { return m[1] + " 回の承認で完了しました" }),
	jt(`seen on-chain again`, "再びブロックチェーン上に現れました"),
}

// jaPlanUnknowns are why a withdrawal request's outcome is unknown.
var jaPlanUnknowns = []jaRule{
	jt(`SafeHarbor stopped while a withdrawal request was being sent`, "出金の依頼を送っている途中で SafeHarbor が終了しました"),
	jt(`the test withdrawal request timed out`, "テスト出金の依頼が時間切れになりました"),
	jt(`the full withdrawal request timed out`, "出金の依頼が時間切れになりました"),
}

// planText is a plan's reason or history note in l; a reason the user
// typed (a cancellation) stays as it is.
func (l Lang) planText(s string) string {
	if l != Japanese || s == "" {
		return s
	}
	if ja, ok := jaApply(jaPlanTexts, s); ok {
		return ja
	}
	return s
}

// keyringErr words a keyring failure. The vault's English already carries
// the cause and what to do; in Japanese the cause is summed up and the
// advice given for this system.
func (l Lang) keyringErr(err error) string {
	if l != Japanese {
		return err.Error()
	}
	switch {
	case errors.Is(err, vault.ErrNoKeyring) && strings.Contains(err.Error(), "did not answer"):
		return l.T("keyring.err.timeout") + l.T("keyring.hint."+runtime.GOOS)
	case errors.Is(err, vault.ErrNoKeyring):
		return l.T("keyring.err.none") + l.T("keyring.hint."+runtime.GOOS)
	case errors.Is(err, vault.ErrTooLarge):
		return l.T("keyring.err.toolarge")
	case errors.Is(err, vault.ErrNotFound):
		return l.T("keyring.err.notfound")
	case errors.Is(err, vault.ErrBadName):
		return l.T("keyring.err.badname")
	}
	return err.Error()
}

// planErr is why a plan operation failed, in l.
func (l Lang) planErr(err error) string {
	if l != Japanese {
		return err.Error()
	}
	var rl *chain.RateLimitError
	var ne net.Error
	msg := err.Error()
	switch {
	case errors.Is(err, plan.ErrAlreadySent):
		return l.T("wallet.plan.err.sent")
	case errors.Is(err, plan.ErrLookalike):
		return l.T("wallet.plan.err.lookalike")
	case errors.Is(err, plan.ErrWrongAccount):
		return l.T("wallet.plan.err.account")
	case errors.Is(err, plan.ErrChanged):
		return l.T("wallet.plan.err.changed")
	case errors.Is(err, plan.ErrNoPlan):
		return l.T("wallet.plan.err.noplan")
	case errors.Is(err, plan.ErrExchangeNotOK):
		return l.T("wallet.plan.blocked")
	case errors.Is(err, plan.ErrIllegal):
		switch {
		case strings.Contains(msg, "test amount has not arrived"):
			return l.T("wallet.plan.err.notest")
		case strings.Contains(msg, "already requested"):
			return l.T("wallet.plan.err.nocancel")
		}
		return l.T("wallet.plan.err.illegal")
	case wallet.ReasonOf(err) != "":
		if r := wallet.ReasonOf(err); catalog["wallet.reason."+string(r)].ja != "" {
			return l.T("wallet.plan.err.address", l.T("wallet.reason."+string(r)))
		}
		return l.T("wallet.plan.err.address", msg)
	case strings.HasPrefix(msg, "no chain backend configured"):
		return l.T("wallet.err.notracker")
	case errors.Is(err, chain.ErrGapLimit):
		return l.T("wallet.plan.err.gap")
	case errors.As(err, &rl):
		return l.T("wallet.plan.err.ratelimit")
	case errors.Is(err, chain.ErrNotFound), errors.Is(err, chain.ErrBadResponse):
		return l.T("wallet.plan.err.backend")
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		return l.T("wallet.plan.err.network")
	case strings.Contains(msg, "esplora "), strings.Contains(msg, "bitcoin core"):
		return l.T("wallet.plan.err.backend") // an HTTP or RPC error from it
	case strings.HasPrefix(msg, "saving plan"):
		return l.T("wallet.plan.err.save")
	}
	return msg
}
