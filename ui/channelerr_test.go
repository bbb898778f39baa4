package ui

import (
	"errors"
	"testing"

	"safeharbor/notify"
)

func TestChannelErrJapanese(t *testing.T) {
	guard := newInventory()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&notify.SendError{Channel: "a", Status: 404, Detail: "Not Found"}, "送信先が見つかりません（HTTP 404）。URL を確認してください。"},
		{&notify.SendError{Channel: "a", Status: 429, Retryable: true, Detail: "Too Many Requests"}, "送信が多すぎると返されました（HTTP 429）。少し待ってから試してください。"},
		{&notify.SendError{Channel: "a", Status: 502, Retryable: true, Detail: "Bad Gateway"}, "サービス側の一時的なエラーです（HTTP 502）。しばらくしてから試してください。"},
		{&notify.SendError{Channel: "a", Status: 400, Detail: "chat not found"}, "メッセージを受け付けられませんでした（HTTP 400）。設定を確認してください。 応答：「chat not found」"},
		{&notify.SendError{Channel: "a", Retryable: true, Detail: "POST to ntfy.sh: timed out"}, "送信できませんでした（時間内に応答がありません）。"},
		{&notify.SendError{Channel: "a", Retryable: true, Detail: "POST to ntfy.sh: dial: lookup ntfy.sh: no such host"}, "送信できませんでした（名前解決に失敗しました）。"},
		{errors.Join(&notify.SendError{Channel: "a", Status: 403, Detail: "Forbidden"}, &notify.SendError{Channel: "b", Detail: "POST to x: weird"}),
			"認証を拒否されました（HTTP 403）。トークンと URL を確認してください。 送信できませんでした（通信エラーが発生しました）。"},
		{errors.New(`notify: no channel named "x"`), "テストを送信できませんでした。"},
	} {
		got := Japanese.channelErr(tc.err)
		if got != tc.want {
			t.Errorf("%v:\n got %s\nwant %s", tc.err, got, tc.want)
		}
		if en := guard.english(got); len(en) > 0 {
			t.Errorf("English in %q: %q", got, en)
		}
		if English.channelErr(tc.err) != tc.err.Error() {
			t.Errorf("English changed: %q", English.channelErr(tc.err))
		}
	}
}
