package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const sample = `language = "ja"              # "ja" | "en"
interval = "15s"
failures = 3
successes = 2

[connectivity]
urls = [
  "https://example-neutral-host-1/",
  "https://example-neutral-host-2/",
]

[[exchange]]
id = "bitbank"
pairs = ["btc_jpy"]
interval = "10s"
api = "http://127.0.0.1:9001"
public = "http://127.0.0.1:9001"
statuspage = "http://127.0.0.1:9002"
ws = "ws://127.0.0.1:9003/socket.io/?EIO=4&transport=websocket"

[[exchange]]
id = "mybroker"
name = "My broker"
url = "https://status.example.com/health"
path = "status.indicator"
ok = ["none", "ok"]

[[notify]]
kind = "ntfy"
url = "https://ntfy.example/mytopic"
token = "keyring:notify/ntfy"
min_level = "restricted"

[alerts]
reminder = "off"
quiet_hours = "23:00-07:00"
`

func TestParseSample(t *testing.T) {
	c, err := Parse("config.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "ja" || c.Interval.Duration != 15*time.Second || len(c.Exchanges) != 2 {
		t.Fatalf("%+v", c)
	}
	b := c.Exchanges[0]
	if b.ID != "bitbank" || b.Interval.Duration != 10*time.Second || b.WS == "" || b.Custom() {
		t.Errorf("bitbank: %+v", b)
	}
	if m := c.Exchanges[1]; !m.Custom() || m.Path != "status.indicator" || len(m.OK) != 2 {
		t.Errorf("custom: %+v", m)
	}
	// "off" stays off; unset keys keep their defaults.
	if c.Alerts.Reminder.Duration != 0 || c.Alerts.GroupWindow.Duration != 20*time.Second || !c.Alerts.DesktopEnabled() {
		t.Errorf("alerts: %+v", c.Alerts)
	}
	if c.Wallet.Confirmations != 3 || c.Wallet.Network != "mainnet" || c.History.Retention.Duration != 8760*time.Hour {
		t.Errorf("wallet/history defaults: %+v %+v", c.Wallet, c.History)
	}
}

func TestDefault(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(c.Exchanges) != 12 || c.Interval.Duration != 15*time.Second || c.Failures != 3 || c.Successes != 2 {
		t.Fatalf("%+v", c)
	}
	// Each call gets its own Desktop pointer.
	*c.Alerts.Desktop = false
	if !Default().Alerts.DesktopEnabled() {
		t.Fatal("Default shares state")
	}
	c, err := Parse("empty.toml", nil)
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Fatalf("empty file: %v %+v", err, c)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		key, msg  string
	}{
		{"bad duration in array", "[[exchange]]\nid = \"bitbank\"\n\n[[exchange]]\nid = \"kraken\"\ninterval = \"1x\"\n", 6, "exchange[1].interval", `"1x" is not a duration (e.g. "15s")`},
		{"bad top duration", "failures = 3\ninterval = \"fast\"\n", 2, "interval", "is not a duration"},
		{"unknown top key", "language = \"en\"\ncolour = \"red\"\n", 2, "colour", "unknown key"},
		{"unknown key in array", "[[exchange]]\nid = \"bitbank\"\n[[exchange]]\nid = \"kraken\"\npair = [\"x\"]\n", 5, "exchange[1].pair", "unknown key"},
		{"unknown table", "[exchanges]\nid = 1\n", 1, "exchanges", "[[exchange]]"},
		{"syntax", "language = \"en\"\ninterval = \n", 2, "", "syntax"},
		{"wrong type", "language = \"en\"\nfailures = \"3\"\n", 2, "failures", "string"},
		{"wrong type in array", "[[exchange]]\nid = \"bitbank\"\n[[exchange]]\nid = 5\n", 4, "exchange[1].id", "integer"},
		{"language", "language = \"fr\"\n", 1, "language", `"fr"`},
		{"interval too short", "\n\ninterval = \"100ms\"\n", 3, "interval", "too short"},
		{"interval off", "interval = \"off\"\n", 1, "interval", "positive"},
		{"failures range", "failures = 0\n", 1, "failures", "out of range"},
		{"successes range", "successes = 101\n", 1, "successes", "out of range"},
		{"unknown id", "[[exchange]]\nid = \"mtgox\"\n", 2, "exchange[0].id", "unknown exchange"},
		{"duplicate", "[[exchange]]\nid = \"bitbank\"\n[[exchange]]\nid = \"bitbank\"\n", 4, "exchange[1].id", "twice"},
		{"plain http remote", "[[exchange]]\nid = \"bitbank\"\napi = \"http://example.com\"\n", 3, "exchange[0].api", "https://"},
		{"plain ws remote", "[[exchange]]\nid = \"kraken\"\nws = \"ws://10.0.0.1/ws\"\n", 3, "exchange[0].ws", "wss://"},
		{"ws scheme for api", "[[exchange]]\nid = \"kraken\"\napi = \"wss://x.example/\"\n", 3, "exchange[0].api", "https://"},
		{"custom incomplete", "[[exchange]]\nid = \"mine\"\nurl = \"https://x.example/h\"\n", 1, "exchange[0].name", "name"},
		{"empty pair", "[[exchange]]\nid = \"bitbank\"\npairs = [\"\"]\n", 3, "exchange[0].pairs[0]", "pair"},
		{"notify kind", "[[notify]]\nkind = \"pager\"\nurl = \"https://x.example\"\n", 2, "notify[0].kind", "ntfy"},
		{"notify min_level", "[[notify]]\nkind = \"ntfy\"\nurl = \"https://x.example\"\nmin_level = \"bad\"\n", 4, "notify[0].min_level", "level"},
		{"quiet hours", "[alerts]\nquiet_hours = \"11pm-7am\"\n", 2, "alerts.quiet_hours", "HH:MM"[:0] + "23:00-07:00"},
		{"network", "[wallet]\nnetwork = \"litecoin\"\n", 2, "wallet.network", "litecoin"},
		{"confirmations", "[wallet]\nconfirmations = 0\n", 2, "wallet.confirmations", "range"},
		{"esplora", "[wallet]\nesplora = \"mempool.space\"\n", 2, "wallet.esplora", "URL"},
		{"inline table", "alerts = { reminder = \"x\" }\n", 1, "alerts.reminder", "duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tc.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want *Error, got %v", err)
			}
			if ce.Line != tc.line || ce.Key != tc.key || !strings.Contains(ce.Error(), tc.msg) || ce.File != "config.toml" {
				t.Fatalf("got %q (line %d key %q), want line %d key %q containing %q", ce.Error(), ce.Line, ce.Key, tc.line, tc.key, tc.msg)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	src := strings.Repeat("\n", 5) + "[[exchange]]\nid = \"bitbank\"\n\n[[exchange]]\nid = \"kraken\"\ninterval = \"1x\"\n"
	_, err := Parse("config.toml", []byte(src))
	want := `config.toml:11: exchange[1].interval: "1x" is not a duration (e.g. "15s")`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestTokenNeverEchoed(t *testing.T) {
	secret := "tk_live_5f3a9c0e7b2d41d8a6c3"
	for _, src := range []string{
		"[[notify]]\nkind = \"ntfy\"\nurl = \"https://ntfy.example/t\"\ntoken = \"" + secret + "\"\n",
		"[[notify]]\nkind = \"slack\"\nurl = \"http://hooks.example/" + secret + "\"\n",
	} {
		_, err := Parse("config.toml", []byte(src))
		if err == nil {
			t.Fatal("accepted")
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), secret[:8]) {
			t.Fatalf("error echoes the secret: %v", err)
		}
	}
}

func TestLoopbackAllowed(t *testing.T) {
	src := "[connectivity]\nurls = [\"http://127.0.0.1:1/\", \"http://[::1]:2/\", \"http://localhost:3/\"]\n[[exchange]]\nid = \"kraken\"\nws = \"ws://127.0.0.5:9/ws\"\nstatuspage = \"off\"\n"
	if _, err := Parse("c.toml", []byte(src)); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	c, err := Parse("config.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	c.Notify = append(c.Notify, Notify{Kind: "telegram", ChatID: "12345", Token: "keyring:notify/telegram", Language: "en"})
	off := false
	c.Alerts.Desktop = &off
	c.Wallet.RPC = "127.0.0.1:8332"
	c.Wallet.RPCUser = "me"
	c.History.Retention = D(90 * 24 * time.Hour)
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "config.toml")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file mode: %v %v", st.Mode(), err)
	}
	if st, _ := os.Stat(filepath.Dir(path)); st.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v", st.Mode())
	}
	back, err := Load(path)
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("%v\n%s", err, data)
	}
	if back.Path != path {
		t.Fatalf("path %q", back.Path)
	}
	back.Path = ""
	if !reflect.DeepEqual(back, c) {
		data, _ := os.ReadFile(path)
		t.Fatalf("round trip differs:\n%+v\n%+v\n%s", back, c, data)
	}
	// Default round-trips too, and leaves no temp files behind.
	if err := Default().Save(path); err != nil {
		t.Fatal(err)
	}
	if back, err := Load(path); err != nil || !reflect.DeepEqual(withoutPath(back), Default()) {
		t.Fatalf("default round trip: %v", err)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Fatalf("leftovers: %v", ents)
	}
}

func withoutPath(c Config) Config { c.Path = ""; return c }

func TestSaveRefusesInvalid(t *testing.T) {
	c := Default()
	c.Failures = 0
	if err := c.Save(filepath.Join(t.TempDir(), "c.toml")); err == nil {
		t.Fatal("saved an invalid config")
	}
}

func TestPathAndLoad(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if p := Path(env(map[string]string{"SAFEHARBOR_CONFIG": "/x/c.toml", "XDG_CONFIG_HOME": "/y"})); p != "/x/c.toml" {
		t.Error(p)
	}
	if p := Path(env(map[string]string{"XDG_CONFIG_HOME": "/y"})); p != "/y/safeharbor/config.toml" {
		t.Error(p)
	}
	if p := Path(env(nil)); !strings.HasSuffix(p, filepath.Join("safeharbor", "config.toml")) {
		t.Error(p)
	}
	dir := t.TempDir()
	t.Setenv("SAFEHARBOR_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", dir)
	c, err := Load("")
	if err != nil || c.Path != "" || len(c.Exchanges) != 12 {
		t.Fatalf("missing default file: %v %+v", err, c)
	}
	if _, err := Load(filepath.Join(dir, "nope.toml")); err == nil || !strings.Contains(err.Error(), "nope.toml") {
		t.Fatalf("missing explicit file: %v", err)
	}
	t.Setenv("SAFEHARBOR_CONFIG", filepath.Join(dir, "nope.toml"))
	if _, err := Load(""); err == nil {
		t.Fatal("missing $SAFEHARBOR_CONFIG file accepted")
	}
}

func TestDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"15s": 15 * time.Second, "off": 0, "1h30m": 90 * time.Minute, "0": 0} {
		var d Duration
		if err := d.UnmarshalText([]byte(in)); err != nil || d.Duration != want {
			t.Errorf("%s: %v %v", in, d, err)
		}
	}
	for d, want := range map[time.Duration]string{0: "off", 15 * time.Second: "15s", 30 * time.Minute: "30m", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m", 8760 * time.Hour: "8760h", 1500 * time.Millisecond: "1.5s"} {
		if got := D(d).String(); got != want {
			t.Errorf("%v: %s want %s", d, got, want)
		}
	}
}

func TestSystemLanguage(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		m    map[string]string
		want string
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"},
		{map[string]string{"LC_MESSAGES": "ja_JP", "LANG": "en_US"}, "ja"},
		{nil, "en"},
	} {
		if got := SystemLanguage(env(tc.m)); got != tc.want {
			t.Errorf("%v: %s", tc.m, got)
		}
	}
	if (Config{Language: "ja"}).Lang(env(nil)) != "ja" {
		t.Error("configured language ignored")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("[[exchange]]\nid = \"bitbank\"\ninterval = \"1x\"\n"))
	f.Add([]byte("a = { b = [1, 2, \n 3] }\n[x.y]\n'q' = \"\"\"\nz = 1\n\"\"\"\n"))
	f.Add([]byte("[[notify]]\nkind = \"ntfy\"\ntoken = \"secret\"\n"))
	f.Add([]byte("interval = 5\nfailures = \"x\"\n[[exchange]]\nid = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.toml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("not an *Error: %T %v", err, err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse accepted what Validate rejects: %v", err)
		}
	})
}
