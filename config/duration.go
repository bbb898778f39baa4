package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// D is a shorthand for building a Duration in code.
func D(d time.Duration) Duration { return Duration{d} }

// UnmarshalText reads "15s", "2m30s", "1h"; "off" (or "0") is zero, which
// means "disabled" where a setting allows that.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "off" || s == "0" {
		d.Duration = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%s is not a duration (e.g. \"15s\")", strconv.Quote(clip(s, 40)))
	}
	d.Duration = v
	return nil
}

// MarshalText writes the shortest form ParseDuration reads back; zero is "off".
func (d Duration) MarshalText() ([]byte, error) {
	if d.Duration == 0 {
		return []byte("off"), nil
	}
	s := d.Duration.String()
	// "15m0s" reads better as "15m", "2h0m0s" as "2h".
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return []byte(s), nil
}

func (d Duration) String() string {
	b, _ := d.MarshalText()
	return string(b)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
