package config

import "time"

// Config is the whole config file. Zero values mean "default"; Load fills
// defaults in, so consumers can use the fields directly.
type Config struct {
	// Path is where the config was read from ("" when none existed).
	Path string `toml:"-"`

	Language  string   `toml:"language"`  // "ja" | "en"; "" = from the system locale
	Interval  Duration `toml:"interval"`  // default 15s
	Failures  int      `toml:"failures"`  // default 3
	Successes int      `toml:"successes"` // default 2

	Connectivity Connectivity `toml:"connectivity"`
	Exchanges    []Exchange   `toml:"exchange"`
	Notify       []Notify     `toml:"notify"`
	Alerts       Alerts       `toml:"alerts"`
	Wallet       Wallet       `toml:"wallet"`
	History      History      `toml:"history"`
}

// Connectivity lists neutral hosts used to tell "exchange down" from "we are offline".
type Connectivity struct {
	URLs []string `toml:"urls"`
}

// Exchange is one watched exchange: a catalog id with optional overrides,
// or a user-defined endpoint checked with a gjson path.
type Exchange struct {
	ID       string   `toml:"id"`
	Name     string   `toml:"name"`
	Pairs    []string `toml:"pairs"`
	Interval Duration `toml:"interval"`

	// Base-URL overrides of the catalog ("off" disables the signal).
	API        string `toml:"api"`
	Public     string `toml:"public"`
	StatusPage string `toml:"statuspage"`
	WS         string `toml:"ws"`

	// User-defined endpoint.
	URL  string   `toml:"url"`
	Path string   `toml:"path"`
	OK   []string `toml:"ok"`
}

// Custom reports whether this is a user-defined endpoint rather than a catalog id.
func (e Exchange) Custom() bool { return e.URL != "" }

// Notify is one notification channel.
type Notify struct {
	Name     string `toml:"name"` // optional label; default kind
	Kind     string `toml:"kind"` // ntfy | discord | slack | telegram | webhook
	URL      string `toml:"url"`
	Token    string `toml:"token"`     // "keyring:NAME", never the secret itself
	ChatID   string `toml:"chat_id"`   // telegram
	MinLevel string `toml:"min_level"` // default "restricted"
	Language string `toml:"language"`  // default: the app's language
}

// Alerts is the notification policy shared by desktop and remote channels.
type Alerts struct {
	Reminder    Duration `toml:"reminder"`     // "still down" reminders; default 30m; "off" = 0
	GroupWindow Duration `toml:"group_window"` // changes within this window go in one message; default 20s
	PreWarning  Duration `toml:"pre_warning"`  // maintenance lead time; default 30m
	QuietHours  string   `toml:"quiet_hours"`  // "23:00-07:00" local; outages still alert
	Desktop     *bool    `toml:"desktop"`      // desktop notifications; default true
}

// Wallet is the cold-wallet side's settings (no keys here: those are in the keyring).
type Wallet struct {
	Network       string   `toml:"network"`       // mainnet | testnet | signet | regtest
	Esplora       string   `toml:"esplora"`       // base URL of an Esplora API
	RPC           string   `toml:"rpc"`           // Bitcoin Core RPC host:port
	RPCUser       string   `toml:"rpc_user"`      // password is keyring:wallet/rpc
	Confirmations int      `toml:"confirmations"` // default 3
	StuckAfter    Duration `toml:"stuck_after"`   // flag a withdrawal with nothing on-chain after this; default 2h
	GapLimit      int      `toml:"gap_limit"`     // default 20
}

// History is the record's retention.
type History struct {
	Retention Duration `toml:"retention"` // default 8760h (1 year)
}

// Duration is a time.Duration written as "15s" in TOML; "off" is 0.
type Duration struct{ time.Duration }
