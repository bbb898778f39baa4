package config

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// Save writes the config atomically (temp file, fsync, rename) with mode
// 0600 in a 0700 directory. path "" means c.Path, else the default path.
// The output is plain TOML that Parse reads back to the same Config.
func (c Config) Save(path string) error {
	if path == "" {
		path = c.Path
	}
	if path == "" {
		path = Path(os.Getenv)
	}
	if err := c.Validate(); err != nil {
		return err
	}
	data, err := c.Marshal()
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".config-*.toml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// The on-disk shape: like Config, but empty optional values are left out
// so the file stays short and readable.
type outFile struct {
	Language     string      `toml:"language,omitempty"`
	Interval     Duration    `toml:"interval"`
	Failures     int         `toml:"failures"`
	Successes    int         `toml:"successes"`
	Connectivity outConn     `toml:"connectivity"`
	Alerts       outAlerts   `toml:"alerts"`
	Wallet       outWallet   `toml:"wallet"`
	History      History     `toml:"history"`
	Exchanges    []outExch   `toml:"exchange"`
	Notify       []outNotify `toml:"notify,omitempty"`
}

type outConn struct {
	URLs []string `toml:"urls"`
}

type outAlerts struct {
	Reminder    Duration `toml:"reminder"`
	GroupWindow Duration `toml:"group_window"`
	PreWarning  Duration `toml:"pre_warning"`
	QuietHours  string   `toml:"quiet_hours,omitempty"`
	Desktop     *bool    `toml:"desktop,omitempty"`
}

type outWallet struct {
	Network       string   `toml:"network"`
	Esplora       string   `toml:"esplora,omitempty"`
	RPC           string   `toml:"rpc,omitempty"`
	RPCUser       string   `toml:"rpc_user,omitempty"`
	Confirmations int      `toml:"confirmations"`
	StuckAfter    Duration `toml:"stuck_after"`
	GapLimit      int      `toml:"gap_limit"`
}

type outExch struct {
	ID         string    `toml:"id"`
	Name       string    `toml:"name,omitempty"`
	Pairs      []string  `toml:"pairs,omitempty"`
	Interval   *Duration `toml:"interval,omitempty"`
	API        string    `toml:"api,omitempty"`
	Public     string    `toml:"public,omitempty"`
	StatusPage string    `toml:"statuspage,omitempty"`
	WS         string    `toml:"ws,omitempty"`
	URL        string    `toml:"url,omitempty"`
	Path       string    `toml:"path,omitempty"`
	OK         []string  `toml:"ok,omitempty"`
}

type outNotify struct {
	Name     string `toml:"name,omitempty"`
	Kind     string `toml:"kind"`
	URL      string `toml:"url,omitempty"`
	Token    string `toml:"token,omitempty"`
	ChatID   string `toml:"chat_id,omitempty"`
	MinLevel string `toml:"min_level,omitempty"`
	Language string `toml:"language,omitempty"`
}

// Marshal returns the TOML text Save writes.
func (c Config) Marshal() ([]byte, error) {
	o := outFile{
		Language: c.Language, Interval: c.Interval, Failures: c.Failures, Successes: c.Successes,
		Connectivity: outConn{URLs: c.Connectivity.URLs},
		Alerts: outAlerts{Reminder: c.Alerts.Reminder, GroupWindow: c.Alerts.GroupWindow,
			PreWarning: c.Alerts.PreWarning, QuietHours: c.Alerts.QuietHours, Desktop: c.Alerts.Desktop},
		Wallet:  outWallet(c.Wallet),
		History: c.History,
	}
	if o.Connectivity.URLs == nil {
		o.Connectivity.URLs = []string{}
	}
	for _, e := range c.Exchanges {
		x := outExch{ID: e.ID, Name: e.Name, Pairs: e.Pairs, API: e.API, Public: e.Public,
			StatusPage: e.StatusPage, WS: e.WS, URL: e.URL, Path: e.Path, OK: e.OK}
		if e.Interval.Duration != 0 {
			d := e.Interval
			x.Interval = &d
		}
		o.Exchanges = append(o.Exchanges, x)
	}
	for _, n := range c.Notify {
		o.Notify = append(o.Notify, outNotify(n))
	}
	var b bytes.Buffer
	b.WriteString("# SafeHarbor settings (see 'safeharbor help'). Secrets never go here:\n# tokens are \"keyring:NAME\" references to the OS keyring.\n\n")
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
