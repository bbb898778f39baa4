package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/demo"
	"safeharbor/ui"
)

// checking is the level of an exchange not checked yet ("Checking…").
const checking exchanges.Level = -1

// labels are the tray's strings in one language, from the app's catalog.
type labels struct {
	lang               ui.Lang
	open, snooze, quit string
	snoozed            *regexp.Regexp // "Alerts snoozed until 11:30 — resume"
	words              map[string]exchanges.Level
	ids, names         []string // the demo's exchanges; set by withDemo
}

func newLabels(l ui.Lang) *labels {
	c := &labels{lang: l, open: l.T("tray.open"), snooze: l.T("tray.snooze"), quit: l.T("tray.quit"),
		words: map[string]exchanges.Level{l.T("level.checking"): checking}}
	for lv := exchanges.Operational; lv <= exchanges.Unknown; lv++ {
		c.words[l.Level(lv)] = lv
	}
	parts := strings.Split(l.T("tray.snoozed", "\x00"), "\x00")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	c.snoozed = regexp.MustCompile("^" + strings.Join(parts, ".+") + "$")
	return c
}

// withDemo learns the demo's exchanges (their fakes start and stop at once).
func (c *labels) withDemo(ctx context.Context) error {
	d, err := demo.StartWith(ctx, demo.Options{NoTimeline: true})
	if err != nil {
		return err
	}
	defer d.Close()
	for _, id := range d.IDs() {
		name := id
		if x, ok := exchanges.Lookup(id); ok && x.Name != "" {
			name = x.Name
		}
		c.ids, c.names = append(c.ids, id), append(c.names, name)
	}
	return nil
}

// view is the menu read against the labels.
type view struct {
	levels  map[string]exchanges.Level // by exchange name
	snoozed bool
	worst   exchanges.Level // the worst checked level; Unknown when none is
}

func (v *view) allChecked() bool {
	for _, l := range v.levels {
		if l == checking {
			return false
		}
	}
	return true
}

// parse checks the menu's shape: one "<exchange> — <level>" entry per demo
// exchange, worst first, a separator, Open, Snooze (or the snoozed state),
// Quit, and nothing else.
func (c *labels) parse(s *state) (*view, error) {
	switch {
	case !s.Registered:
		return nil, errors.New("no tray item registered")
	case s.Gone:
		return nil, errors.New("the tray item is gone")
	}
	n := len(c.names)
	if len(s.Menu) != n+4 {
		return nil, fmt.Errorf("the menu has %d entries, want %d (one per exchange) + separator, %q, %q, %q", len(s.Menu), n+4, c.open, c.snooze, c.quit)
	}
	v := &view{levels: map[string]exchanges.Level{}, worst: exchanges.Unknown}
	prev := 1 << 30
	any := false
	for _, e := range s.Menu[:n] {
		name, lv, ok := c.exchangeEntry(e.Label)
		if !ok {
			return nil, fmt.Errorf("menu entry %q is not %q with a level", e.Label, c.lang.T("tray.item", "<exchange>", "<level>"))
		}
		if _, dup := v.levels[name]; dup {
			return nil, fmt.Errorf("%s is listed twice", name)
		}
		v.levels[name] = lv
		sev := exchanges.Unknown.Severity() // the model sorts unchecked rows as Unknown
		if lv != checking {
			sev = lv.Severity()
			if !any || lv.Worse(v.worst) {
				v.worst = lv
			}
			any = true
		}
		if sev > prev {
			return nil, fmt.Errorf("menu entry %q comes after a better level: the worst must come first", e.Label)
		}
		prev = sev
	}
	t := s.Menu[n:]
	switch {
	case !t[0].Separator:
		return nil, fmt.Errorf("want a separator after the exchanges, got %q", t[0].Label)
	case t[1].Label != c.open:
		return nil, fmt.Errorf("want %q after the separator, got %q", c.open, t[1].Label)
	case t[2].Label == c.snooze:
	case c.snoozed.MatchString(t[2].Label):
		v.snoozed = true
	default:
		return nil, fmt.Errorf("want %q or the snoozed state (%s), got %q", c.snooze, c.snoozed, t[2].Label)
	}
	if t[3].Label != c.quit {
		return nil, fmt.Errorf("want %q last, got %q", c.quit, t[3].Label)
	}
	for _, e := range s.Menu {
		if !e.Separator && !e.Enabled {
			return nil, fmt.Errorf("menu entry %q is disabled", e.Label)
		}
	}
	return v, nil
}

func (c *labels) exchangeEntry(label string) (string, exchanges.Level, bool) {
	for _, name := range c.names {
		for w, lv := range c.words {
			if label == c.lang.T("tray.item", name, w) {
				return name, lv, true
			}
		}
	}
	return "", 0, false
}

// settled: the menu is whole, every exchange checked, and the icon shows
// the worst level listed.
func (c *labels) settled(s *state) (*view, error) {
	v, err := c.parse(s)
	if err != nil {
		return nil, err
	}
	if !v.allChecked() {
		return nil, errors.New("some exchanges are still being checked")
	}
	if s.Icon != v.worst.String() {
		return nil, fmt.Errorf("the icon shows %s, the menu's worst level is %s", s.Icon, v.worst)
	}
	return v, nil
}

// expect waits until cond holds in the host's view, or timeout. The
// outage-notice and maintenance-notice conditions are about exchange.
func expect(ctx context.Context, dir string, lang ui.Lang, cond, exchange string, timeout time.Duration, out io.Writer) error {
	c := newLabels(lang)
	if err := c.withDemo(ctx); err != nil {
		return err
	}
	var check func(*state) (string, error)
	switch cond {
	case "outage-notice":
		k, err := newNoticeCheck(ctx, c)
		if err != nil {
			return err
		}
		check = k.expectOutageNotice(dir, exchange)
	case "maintenance-notice":
		k, err := newNoticeCheck(ctx, c)
		if err != nil {
			return err
		}
		want, err := k.maintenanceWords(ctx, c, exchange)
		if err != nil {
			return err
		}
		check = k.expectMaintenanceNotice(dir, want)
	case "recovery-notice":
		k, err := newNoticeCheck(ctx, c)
		if err != nil {
			return err
		}
		want, err := k.recoveryWords(ctx, c, exchange)
		if err != nil {
			return err
		}
		check = k.expectRecoveryNotice(dir, want)
	case "menu":
		check = func(s *state) (string, error) {
			v, err := c.settled(s)
			if err != nil {
				return "", err
			}
			if v.snoozed {
				return "", errors.New("alerts are snoozed")
			}
			return fmt.Sprintf("menu (%s): %s; icon %s = the worst level", lang, s.menuLine(), s.Icon), nil
		}
	case "icon-change":
		base := ""
		check = func(s *state) (string, error) {
			if base == "" { // the icon when we started, once the menu is whole
				if _, err := c.settled(s); err != nil {
					return "", err
				}
				base = s.Icon
			}
			v, err := c.settled(s)
			if err != nil {
				return "", err
			}
			if s.Icon == base {
				return "", fmt.Errorf("the icon still shows %s", base)
			}
			var worst []string
			for _, e := range s.Menu {
				if name, lv, ok := c.exchangeEntry(e.Label); ok && lv == v.worst {
					worst = append(worst, name)
				}
			}
			return fmt.Sprintf("icon %s → %s with the worst level (%s: %s)", base, s.Icon, strings.Join(worst, ", "), lang.Level(v.worst)), nil
		}
	case "snoozed":
		check = func(s *state) (string, error) {
			v, err := c.parse(s)
			if err != nil {
				return "", err
			}
			if !v.snoozed {
				return "", errors.New("the menu does not show alerts snoozed")
			}
			return fmt.Sprintf("snoozed: %q", s.Menu[len(s.Menu)-2].Label), nil
		}
	case "gone":
		check = func(s *state) (string, error) {
			if !s.Registered || !s.Gone {
				return "", errors.New("the tray item is still registered")
			}
			return fmt.Sprintf("the tray item left the bus (signals from it: %v)", s.Signals), nil
		}
	default:
		return fmt.Errorf("unknown condition %q (menu, icon-change, snoozed, gone, outage-notice, maintenance-notice, recovery-notice)", cond)
	}
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		s, err := loadState(dir)
		if err != nil {
			return err
		}
		msg, cerr := check(s)
		if cerr == nil {
			fmt.Fprintln(out, msg)
			return nil
		}
		if p, ok := cerr.(permanent); ok {
			return fmt.Errorf("%s: %v", cond, p.error)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: not within %v: %v\nthe host's view:\n%s", cond, timeout, cerr, s.text())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
