package notify

import (
	"strings"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/internal/clock"
	"safeharbor/internal/fakex"
)

// TestAllServicesEndToEnd: one outage, five real-format services (one of
// them flaky), every one gets exactly one message.
func TestAllServicesEndToEnd(t *testing.T) {
	hooks := fakex.StartHooks()
	defer hooks.Close()
	hooks.FailNext("discord", 1)
	cfg := alertsCfg()
	cfg.Language = "ja"
	cfg.Notify = []config.Notify{
		{Kind: "ntfy", URL: hooks.URL() + "/ntfy/safeharbor"},
		{Kind: "discord", Token: "keyring:notify/discord"},
		{Kind: "slack", URL: hooks.URL() + "/services/T0/B0/x"},
		{Kind: "telegram", URL: hooks.URL(), Token: "keyring:notify/telegram", ChatID: "42"},
		{Kind: "webhook", URL: hooks.URL() + "/hook/safeharbor", Language: "en"},
	}
	secrets := map[string]string{"notify/discord": hooks.URL() + "/api/webhooks/1/abc", "notify/telegram": "99:tok"}
	clk := clock.NewFake(t0)
	rec := fakeRecorder{make(chan record, 64)}
	d, err := New(cfg, Options{Clock: clk, History: rec, Client: hooks.Client(), Location: tokyo,
		Secrets: func(ref string) (string, error) { return secrets[ref], nil }})
	if err != nil {
		t.Fatal(err)
	}
	start(t, d)
	outage(d, clk, "bitbank")
	delivered := map[string]int{}
	for len(delivered) < 5 {
		r := recv(t, rec.ch)
		if r.err != nil {
			if r.channel != "discord" || !strings.Contains(r.err.Error(), "429") {
				t.Fatalf("%+v", r)
			}
			clk.Advance(2 * time.Second) // discord's retry_after
			continue
		}
		delivered[r.channel]++
	}
	got := map[string]fakex.HookRequest{}
	for _, r := range hooks.Requests() {
		if r.OK {
			if _, dup := got[r.Service]; dup {
				t.Fatalf("%s got two messages", r.Service)
			}
			got[r.Service] = r
		}
	}
	if len(got) != 5 {
		t.Fatalf("%v", got)
	}
	if !strings.Contains(string(got["telegram"].Body), "障害が発生しています") || got["telegram"].Path != "/bot99:tok/sendMessage" {
		t.Fatalf("%s %s", got["telegram"].Path, got["telegram"].Body)
	}
	if !strings.Contains(string(got["webhook"].Body), `"level":"outage"`) || !strings.Contains(string(got["webhook"].Body), "outage — pause trading") {
		t.Fatalf("%s", got["webhook"].Body)
	}
	if got["ntfy"].Header.Get("Priority") != "urgent" || !strings.Contains(string(got["ntfy"].Body), "取引を一時停止してください") {
		t.Fatalf("%v %s", got["ntfy"].Header, got["ntfy"].Body)
	}
}
