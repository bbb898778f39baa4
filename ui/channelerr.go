package ui

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"safeharbor/internal/ja"
	"safeharbor/notify"
	"safeharbor/wallet/vault"
)

// channelErr words a failed channel test in l. English keeps notify's own
// text; Japanese says what happened and what to check, with the service's
// own words quoted in 「」 as an exchange's are.
func (l Lang) channelErr(err error) string {
	if l != Japanese {
		return err.Error()
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok { // SendTest joins one error per channel
		errs = j.Unwrap()
	}
	var out []string
	for _, e := range errs {
		out = append(out, l.channelErrOne(e))
	}
	return strings.Join(out, " ")
}

// reSendDetail splits notify's network detail: "POST to HOST: CAUSE"
// (the row above the result already names the channel and its host).
var reSendDetail = regexp.MustCompile(`^(?:POST to|reading answer from) (\S+): (.*)$`)

func (l Lang) channelErrOne(err error) string {
	var se *notify.SendError
	if !errors.As(err, &se) {
		return l.T("history.ch.err.other")
	}
	switch {
	case se.Cause != nil: // the only cause notify gives is the keyring's
		why := ""
		if errors.Is(se.Cause, vault.ErrNotFound) || errors.Is(se.Cause, vault.ErrNoKeyring) {
			why = l.keyringErr(se.Cause)
		}
		return l.T("history.ch.err.keyring", why)
	case se.Status == 0:
		cause := se.Detail
		if m := reSendDetail.FindStringSubmatch(se.Detail); m != nil {
			cause = m[2]
		}
		return l.T("history.ch.err.net", netCauseJA(cause))
	}
	var s string
	switch st := se.Status; {
	case st == http.StatusUnauthorized || st == http.StatusForbidden:
		s = l.T("history.ch.err.auth", st)
	case st == http.StatusNotFound || st == http.StatusGone:
		s = l.T("history.ch.err.notfound", st)
	case st == http.StatusTooManyRequests:
		s = l.T("history.ch.err.busy", st)
	case st >= 500 || st == http.StatusRequestTimeout:
		s = l.T("history.ch.err.server", st)
	default:
		s = l.T("history.ch.err.refused", st)
	}
	if se.Detail != "" && se.Detail != http.StatusText(se.Status) {
		s += l.T("history.ch.err.said", ja.Quote(se.Detail))
	}
	return s
}

// netCauseJA words notify's network cause (Go's error text) in Japanese.
func netCauseJA(cause string) string {
	for _, c := range []struct{ has, ja string }{
		{"timed out", "時間内に応答がありません"},
		{"connection refused", "接続が拒否されました"},
		{"no such host", "名前解決に失敗しました"},
		{"connection reset", "接続が途中で切断されました"},
		{"certificate", "サーバー証明書を確認できないため、安全に接続できません"},
		{"network is unreachable", "ネットワークに到達できません"},
		{"cancelled", "中止しました"},
	} {
		if strings.Contains(cause, c.has) {
			return c.ja
		}
	}
	return "通信エラーが発生しました"
}
