package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/watchers"
)

// Exit codes of `status` beyond ExitOK/ExitFailure (SPEC §3).
const (
	ExitOutage        = 2 // some exchange is in outage
	ExitIndeterminate = 3 // offline, or some exchange unknown and none in outage
)

func init() {
	register("status", "check the watched exchanges once and exit 0/1/2/3", runStatus)
}

// signalContext ends on SIGINT/SIGTERM; tests replace it to stop a run.
var signalContext = func(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// engineOptions are the watch engine's options; tests shorten timings.
var engineOptions = func() watchers.Options { return watchers.Options{} }

func runStatus(env *Env) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	cfgPath := fs.String("config", "", "config file")
	timeout := fs.Duration("timeout", 20*time.Second, "bound on the whole check")
	ids, err := parseFlags(fs, env.Args)
	if err != nil {
		return usageError(env, "status", err)
	}
	if *timeout <= 0 {
		return usageError(env, "status", errors.New("--timeout must be positive (e.g. 20s)"))
	}
	cfg, code := loadConfig(env, "status", *cfgPath)
	if code != ExitOK {
		return code
	}
	if cfg, err = selectExchanges(cfg, ids); err != nil {
		return usageError(env, "status", err)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	rep, err := watchers.CheckOnce(ctx, cfg, engineOptions())
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor status: %s\n", oneLine(err))
		return ExitConfig
	}
	if *asJSON {
		writeStatusJSON(env.Stdout, rep)
	} else {
		writeStatusTable(env.Stdout, rep, time.Now())
	}
	return StatusExitCode(rep)
}

// StatusExitCode maps a report to `status`'s exit code: 2 any outage, else
// 3 offline or any unknown, else 1 any other trouble, else 0.
func StatusExitCode(rep watchers.Report) int {
	worst := ExitOK
	if rep.Connectivity == watchers.Offline {
		worst = ExitIndeterminate
	}
	for _, v := range rep.Verdicts {
		switch v.Level {
		case exchanges.Outage:
			return ExitOutage
		case exchanges.Unknown:
			worst = ExitIndeterminate
		case exchanges.Operational:
		default:
			if worst == ExitOK {
				worst = ExitFailure
			}
		}
	}
	return worst
}

// loadConfig reads --config, else $SAFEHARBOR_CONFIG, else the default
// path (absent there: defaults). Problems print one line and give ExitConfig.
func loadConfig(env *Env, cmd, path string) (config.Config, int) {
	if path == "" {
		path = config.Path(env.Getenv)
		if env.Getenv("SAFEHARBOR_CONFIG") == "" {
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				return config.Default(), ExitOK
			}
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor %s: %s\n", cmd, oneLine(err))
		return config.Config{}, ExitConfig
	}
	return cfg, ExitOK
}

// selectExchanges narrows cfg to ids, in the order given. A catalog id the
// config does not list is checked with default settings.
func selectExchanges(cfg config.Config, ids []string) (config.Config, error) {
	if len(ids) == 0 {
		return cfg, nil
	}
	var out []config.Exchange
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.ToLower(strings.TrimSpace(id))
		if seen[id] {
			continue
		}
		seen[id] = true
		i := slices.IndexFunc(cfg.Exchanges, func(e config.Exchange) bool { return e.ID == id })
		switch {
		case i >= 0:
			out = append(out, cfg.Exchanges[i])
		case config.IsCatalogID(id):
			out = append(out, config.Exchange{ID: id})
		default:
			return cfg, fmt.Errorf("unknown exchange %q (known: %s)", clipArg(id), strings.Join(knownIDs(cfg), ", "))
		}
	}
	cfg.Exchanges = out
	return cfg, nil
}

func knownIDs(cfg config.Config) []string {
	ids := slices.Clone(exchanges.Order)
	for _, e := range cfg.Exchanges {
		if !slices.Contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func clipArg(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// statusJSON is SPEC §3's `status --json` document.
type statusJSON struct {
	CheckedAt    time.Time             `json:"checked_at"`
	Connectivity watchers.Connectivity `json:"connectivity"`
	Exchanges    []watchers.Verdict    `json:"exchanges"`
}

func writeStatusJSON(w io.Writer, rep watchers.Report) {
	doc := statusJSON{CheckedAt: rep.CheckedAt.UTC(), Connectivity: rep.Connectivity, Exchanges: []watchers.Verdict{}}
	for _, v := range rep.Verdicts {
		doc.Exchanges = append(doc.Exchanges, jsonVerdict(v))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(doc)
}

// jsonVerdict gives lists as [] rather than null, and times in UTC, so
// scripts see one shape.
func jsonVerdict(v watchers.Verdict) watchers.Verdict {
	if v.Reasons == nil {
		v.Reasons = []exchanges.Reason{}
	}
	if v.Advice == nil {
		v.Advice = []exchanges.Advice{}
	}
	if v.Maintenance == nil {
		v.Maintenance = []exchanges.MaintenanceWindow{}
	}
	v.Since, v.CheckedAt = utc(v.Since), utc(v.CheckedAt)
	return v
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

func writeStatusTable(w io.Writer, rep watchers.Report, now time.Time) {
	fmt.Fprintf(w, "Checked %s", rep.CheckedAt.Local().Format("2006-01-02 15:04:05"))
	switch rep.Connectivity {
	case watchers.Offline:
		fmt.Fprintf(w, " — %s", watchers.OfflineReason)
	case watchers.Online:
		fmt.Fprint(w, " — internet connection OK")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	rows := [][]string{{"EXCHANGE", "LEVEL", "SINCE", "SUMMARY"}}
	for _, v := range rep.Verdicts {
		name := v.Name
		if name == "" {
			name = v.ID
		}
		rows = append(rows, []string{name, v.Level.String(), since(v.Since, now), v.Summary})
	}
	width := make([]int, 3)
	for _, r := range rows {
		for i := range width {
			width[i] = max(width[i], utf8.RuneCountInString(r[i]))
		}
	}
	for i, r := range rows {
		for c := range width {
			fmt.Fprint(w, r[c], strings.Repeat(" ", width[c]-utf8.RuneCountInString(r[c])+2))
		}
		fmt.Fprintln(w, r[3])
		if i == 0 {
			continue
		}
		v := rep.Verdicts[i-1]
		if v.Level != exchanges.Operational {
			for j, rs := range v.Reasons {
				if j == maxReasons && len(v.Reasons) > maxReasons+1 {
					fmt.Fprintf(w, "    ... and %d more (see --json)\n", len(v.Reasons)-j)
					break
				}
				fmt.Fprintf(w, "    %s: %s\n", rs.Source, rs.Detail)
			}
		}
		for _, m := range v.Maintenance {
			fmt.Fprintf(w, "    maintenance: %s\n", maintenanceLine(m, now))
		}
	}
}

// maxReasons keeps a table row's evidence readable; --json has it all.
const maxReasons = 6

func since(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	t = t.Local()
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04:05")
	}
	return t.Format("Jan 2 15:04")
}

// maintenanceLine is "title, 21 Nov 20:00–22:00 (starts in 59m)".
func maintenanceLine(m exchanges.MaintenanceWindow, now time.Time) string {
	s := m.Title
	if s == "" {
		s = "Maintenance"
	}
	if !m.Start.IsZero() {
		s += ", " + m.Start.Local().Format("2 Jan 15:04")
		if !m.End.IsZero() {
			s += "–" + m.End.Local().Format("15:04")
		}
		switch {
		case m.Active(now):
			s += " (in progress)"
		case m.Start.After(now):
			s += " (starts in " + roundDur(m.Start.Sub(now)) + ")"
		}
	}
	if m.URL != "" {
		s += " " + m.URL
	}
	return s
}

func roundDur(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return config.D(d.Round(time.Minute)).String()
	}
	return config.D(d.Round(time.Second)).String()
}
