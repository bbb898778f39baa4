package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Path is where the config file lives: $SAFEHARBOR_CONFIG, else
// $XDG_CONFIG_HOME/safeharbor/config.toml, else the OS config directory.
func Path(getenv func(string) string) string {
	if p := getenv("SAFEHARBOR_CONFIG"); p != "" {
		return p
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "safeharbor", "config.toml")
	}
	d, err := os.UserConfigDir()
	if err != nil {
		d = "."
	}
	return filepath.Join(d, "safeharbor", "config.toml")
}

// Load reads and validates the config file. With path "" it reads the
// default location (Path(os.Getenv)); a file missing there means "no
// config": Default(), with Path "". A file named explicitly must exist.
func Load(path string) (Config, error) {
	explicit := path != ""
	if !explicit {
		path = Path(os.Getenv)
		explicit = os.Getenv("SAFEHARBOR_CONFIG") != ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return Default(), nil
		}
		msg := "cannot read the config file"
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such config file"
		} else if errors.Is(err, fs.ErrPermission) {
			msg = "permission denied reading the config file"
		}
		return Config{}, &Error{File: path, Msg: msg}
	}
	c, err := Parse(path, data)
	if err != nil {
		return Config{}, err
	}
	c.Path = path
	return c, nil
}

// file is Config as read from disk: the arrays of tables stay raw so each
// element decodes on its own and an error can name its index.
type file struct {
	Language     string           `toml:"language"`
	Interval     Duration         `toml:"interval"`
	Failures     int              `toml:"failures"`
	Successes    int              `toml:"successes"`
	Connectivity Connectivity     `toml:"connectivity"`
	Exchanges    []toml.Primitive `toml:"exchange"`
	Notify       []toml.Primitive `toml:"notify"`
	Alerts       Alerts           `toml:"alerts"`
	Wallet       Wallet           `toml:"wallet"`
	History      History          `toml:"history"`
}

// maxSize bounds what Parse accepts; a real config is a few KB.
const maxSize = 1 << 20

// Parse reads a config document onto Default() and validates it.
// filename is only used in error messages.
func Parse(filename string, data []byte) (Config, error) {
	if len(data) > maxSize {
		return Config{}, &Error{File: filename, Msg: "file too large for a config file (over 1 MB)"}
	}
	src := string(data)
	kl := scanKeys(src)
	def := Default()
	f := file{
		Language: def.Language, Interval: def.Interval, Failures: def.Failures, Successes: def.Successes,
		Connectivity: def.Connectivity, Alerts: def.Alerts, Wallet: def.Wallet, History: def.History,
	}
	// Parse once untyped first, so syntax errors are told apart from
	// values that do not fit (a config is small; the second pass is cheap).
	if _, err := toml.Decode(src, new(map[string]any)); err != nil {
		return Config{}, decodeError(filename, kl, "", true, err)
	}
	md, err := toml.Decode(src, &f)
	if err != nil {
		return Config{}, decodeError(filename, kl, "", false, err)
	}
	c := def
	c.Language, c.Interval, c.Failures, c.Successes = f.Language, f.Interval, f.Failures, f.Successes
	c.Connectivity, c.Alerts, c.Wallet, c.History = f.Connectivity, f.Alerts, f.Wallet, f.History
	if md.IsDefined("exchange") {
		c.Exchanges = make([]Exchange, len(f.Exchanges))
		for i, p := range f.Exchanges {
			if err := md.PrimitiveDecode(p, &c.Exchanges[i]); err != nil {
				return Config{}, decodeError(filename, kl, "exchange["+strconv.Itoa(i)+"]", false, err)
			}
		}
	}
	c.Notify = nil
	if len(f.Notify) > 0 {
		c.Notify = make([]Notify, len(f.Notify))
		for i, p := range f.Notify {
			if err := md.PrimitiveDecode(p, &c.Notify[i]); err != nil {
				return Config{}, decodeError(filename, kl, "notify["+strconv.Itoa(i)+"]", false, err)
			}
		}
	}
	if u := md.Undecoded(); len(u) > 0 {
		// Undecoded keys come without their array index; the scan finds it.
		key, line := kl.first(u[0].String())
		return Config{}, &Error{File: filename, Line: line, Key: key, Msg: "unknown key" + hint(u[0])}
	}
	if err := c.validate(kl.line, kl.has); err != nil {
		err.File = filename
		return Config{}, err
	}
	return c, nil
}

// hint suggests the right spelling for a few easy mistakes.
func hint(k toml.Key) string {
	switch k[len(k)-1] {
	case "exchanges":
		return ` (the table is [[exchange]])`
	case "notifications", "notifiers":
		return ` (the table is [[notify]])`
	case "minlevel", "min-level":
		return ` (did you mean "min_level"?)`
	case "status_page", "status":
		return ` (did you mean "statuspage"?)`
	}
	return ""
}

var lastKeyRE = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "([^"]*)"\): (.*)$`)

// decodeError turns the TOML library's errors into *Error with the line
// and the indexed key. prefix is the array element being decoded, if any.
func decodeError(filename string, kl *keyLines, prefix string, syntax bool, err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if syntax {
			return &Error{File: filename, Line: pe.Position.Line, Msg: "TOML syntax error: " + pe.Message}
		}
		key := indexKey(prefix, pe.LastKey)
		line := kl.line(key)
		if line == 0 {
			line = pe.Position.Line
		}
		return &Error{File: filename, Line: line, Key: key, Msg: pe.Message}
	}
	if m := lastKeyRE.FindStringSubmatch(err.Error()); m != nil {
		key := indexKey(prefix, m[1])
		msg := strings.TrimPrefix(m[2], "incompatible types: ")
		msg = strings.Replace(msg, "TOML value has type", "value has type", 1)
		msg = strings.Replace(msg, "; destination has type", ", want", 1)
		msg = strings.NewReplacer("int64", "integer", "float64", "float").Replace(msg)
		return &Error{File: filename, Line: kl.line(key), Key: key, Msg: msg}
	}
	return &Error{File: filename, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// indexKey puts the array index back into a key the library reports
// without it: "exchange.interval" decoded as exchange[1] is "exchange[1].interval".
func indexKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	table, _, _ := strings.Cut(prefix, "[")
	if rest, ok := strings.CutPrefix(key, table+"."); ok {
		return prefix + "." + rest
	}
	if key == table {
		return prefix
	}
	return prefix + "." + key
}
