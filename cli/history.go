package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"safeharbor/history"
)

func init() {
	register("history", "[--json] [--since D] [ID...] | export --csv|--json: incidents, uptime, confirmation lag", runHistory)
}

const historyUsage = "usage: safeharbor history [--json] [--since D] [--db FILE] [--config FILE] [ID...] | history export --csv|--json [--since D] [--db FILE]"

// historyNow is the clock of the history command; tests pin it.
var historyNow = time.Now

// uptimeWindows are the columns of the uptime table.
var uptimeWindows = []struct {
	name string
	d    time.Duration
}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}}

func runHistory(env *Env) int {
	args := env.Args
	export := len(args) > 0 && args[0] == "export"
	if export {
		args = args[1:]
	}
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "export CSV (export only)")
	sinceArg := fs.String("since", "", "how far back, e.g. 24h, 7d, 30d (default 30d; export: everything)")
	dbPath := fs.String("db", "", "history file (default: the user data directory)")
	cfgPath := fs.String("config", "", "config file (for the retention period)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return usageError(env, "history", fmt.Errorf("%v; %s", err, historyUsage))
	}
	if export && *asJSON == *asCSV {
		return usageError(env, "history", errors.New("export needs exactly one of --csv or --json; "+historyUsage))
	}
	if export && len(pos) > 0 {
		return usageError(env, "history", fmt.Errorf("export takes no exchange ids (got %q); %s", histClip(pos[0], 40), historyUsage))
	}
	if !export && *asCSV {
		return usageError(env, "history", errors.New("--csv is for 'history export'; "+historyUsage))
	}
	now := historyNow()
	var since time.Time
	if *sinceArg != "" {
		d, err := parseSince(*sinceArg)
		if err != nil {
			return usageError(env, "history", err)
		}
		since = now.Add(-d)
	} else if !export {
		since = now.Add(-30 * 24 * time.Hour)
	}
	path := *dbPath
	if path == "" {
		if path, err = history.PathFrom(env.Getenv); err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err))
			return ExitFailure
		}
	}
	// The configured retention matters: opening prunes, and a default
	// shorter than the user's setting would delete their records.
	cfg, code := loadConfig(env, "history", *cfgPath)
	if code != ExitOK {
		return code
	}
	store, err := history.Open(path, history.Options{Retention: cfg.History.Retention.Duration})
	var rec *history.Recovered
	switch {
	case errors.As(err, &rec):
		fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err)) // reported, then carry on with the fresh file
	case err != nil:
		fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err))
		return ExitFailure
	}
	defer store.Close()
	if export {
		return historyExport(env, store, since, now, *asCSV)
	}
	return historyReport(env, store, pos, since, now, *asJSON)
}

// parseSince accepts Go durations plus whole days ("7d").
func parseSince(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days > 0 && days <= 3660 {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, fmt.Errorf("--since %q: want a positive duration such as 24h, 7d or 90m", histClip(s, 40))
}

func historyExport(env *Env, s *history.Store, since, now time.Time, csv bool) int {
	e, err := s.Export(since, now)
	if err == nil {
		if csv {
			err = e.WriteCSV(env.Stdout)
		} else {
			err = e.WriteJSON(env.Stdout)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "safeharbor history export: %s\n", histErr(err))
		return ExitFailure
	}
	return ExitOK
}

// historyExchange is one exchange's figures in `history --json`.
type historyExchange struct {
	ID         string              `json:"id"`
	Uptime     map[string]*float64 `json:"uptime"`        // null when nothing was observed
	Unknown    map[string]float64  `json:"unknown_share"` // share of the window with no usable signal
	Incidents  int                 `json:"incidents"`
	DowntimeS  int64               `json:"downtime_seconds"`
	LagMedianS *int64              `json:"confirmation_lag_seconds,omitempty"`
	LagSamples int                 `json:"confirmation_lag_samples"`
}

type historyIncident struct {
	Exchange  string    `json:"exchange"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end,omitzero"`
	Open      bool      `json:"open"`
	DurationS int64     `json:"duration_seconds"`
	Worst     string    `json:"worst"`
	Summary   string    `json:"summary"`
	Link      string    `json:"link,omitempty"`
	Official  []string  `json:"official,omitempty"`
}

func historyReport(env *Env, s *history.Store, ids []string, since, now time.Time, asJSON bool) int {
	if len(ids) == 0 {
		all, err := s.Exchanges()
		if err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err))
			return ExitFailure
		}
		ids = all
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var exs []historyExchange
	var incs []historyIncident
	for _, id := range ids {
		he := historyExchange{ID: id, Uptime: map[string]*float64{}, Unknown: map[string]float64{}}
		for _, w := range uptimeWindows {
			st, err := s.Figures(id, w.d, now)
			if err != nil {
				fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err))
				return ExitFailure
			}
			if st.Up+st.Down > 0 {
				u := st.Uptime
				he.Uptime[w.name] = &u
			} else {
				he.Uptime[w.name] = nil
			}
			he.Unknown[w.name] = float64(st.Unknown) / float64(w.d)
		}
		st, _ := s.Figures(id, now.Sub(since), now)
		he.Incidents, he.DowntimeS = st.Incidents, int64(st.Downtime/time.Second)
		if lag, err := s.ConfirmationLag(id); err == nil {
			m := int64(lag.Median / time.Second)
			he.LagMedianS, he.LagSamples = &m, len(lag.Samples)
		}
		exs = append(exs, he)
		list, err := s.Incidents(id, since)
		if err != nil {
			fmt.Fprintf(env.Stderr, "safeharbor history: %s\n", histErr(err))
			return ExitFailure
		}
		for _, in := range list {
			hi := historyIncident{Exchange: id, Start: in.Start.UTC(), Open: in.Open(), DurationS: int64(in.Duration(now) / time.Second),
				Worst: in.Worst.String(), Summary: in.Summary, Link: in.Link}
			if !in.End.IsZero() {
				hi.End = in.End.UTC()
			}
			for _, o := range in.Official {
				hi.Official = append(hi.Official, o.Title)
			}
			incs = append(incs, hi)
		}
	}
	slices.SortStableFunc(incs, func(a, b historyIncident) int { return b.Start.Compare(a.Start) })
	if asJSON {
		if exs == nil {
			exs = []historyExchange{}
		}
		if incs == nil {
			incs = []historyIncident{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			GeneratedAt time.Time         `json:"generated_at"`
			Since       time.Time         `json:"since"`
			Exchanges   []historyExchange `json:"exchanges"`
			Incidents   []historyIncident `json:"incidents"`
		}{now.UTC(), since.UTC(), exs, incs})
		return ExitOK
	}
	writeHistoryTable(env.Stdout, exs, incs, since, now)
	return ExitOK
}

func writeHistoryTable(w io.Writer, exs []historyExchange, incs []historyIncident, since, now time.Time) {
	if len(exs) == 0 {
		fmt.Fprintln(w, "No history yet: SafeHarbor records verdict changes while it runs (app or 'safeharbor watch').")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "EXCHANGE\tUPTIME 24H\t7D\t30D\tINCIDENTS\tDOWNTIME\tCONFIRMS\n")
	for _, e := range exs {
		lag := "-"
		if e.LagMedianS != nil {
			lag = signedMinutes(time.Duration(*e.LagMedianS)*time.Second) + fmt.Sprintf(" (n=%d)", e.LagSamples)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", e.ID, pct(e.Uptime["24h"]), pct(e.Uptime["7d"]), pct(e.Uptime["30d"]),
			e.Incidents, histDur(time.Duration(e.DowntimeS)*time.Second), lag)
	}
	tw.Flush()
	fmt.Fprintln(w, "Uptime counts operational and degraded time we observed; time with no signal is left out.")
	for _, e := range exs {
		if e.LagMedianS != nil {
			d := time.Duration(*e.LagMedianS) * time.Second
			switch {
			case d > 0:
				fmt.Fprintf(w, "%s usually confirms %s after we see trouble.\n", e.ID, histDur(d))
			case d < 0:
				fmt.Fprintf(w, "%s usually confirms %s before we see trouble.\n", e.ID, histDur(-d))
			}
		}
	}
	fmt.Fprintf(w, "\nIncidents since %s:\n", since.Local().Format("2006-01-02 15:04"))
	if len(incs) == 0 {
		fmt.Fprintln(w, "  none")
		return
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "EXCHANGE\tSTART\tDURATION\tWORST\tSUMMARY\n")
	for _, in := range incs {
		dur := histDur(time.Duration(in.DurationS) * time.Second)
		if in.Open {
			dur += " (ongoing)"
		}
		summary := in.Summary
		if len(in.Official) > 0 {
			summary += " — official: " + in.Official[0]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.Exchange, in.Start.Local().Format("2006-01-02 15:04"), dur, in.Worst, histClip(summary, 70))
	}
	tw.Flush()
}

func pct(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", *f*100)
}

func signedMinutes(d time.Duration) string {
	if d < 0 {
		return "-" + histDur(-d)
	}
	return "+" + histDur(d)
}

// histDur is a short human duration: "42m", "1h5m0s" trimmed to "1h5m".
func histDur(d time.Duration) string {
	switch {
	case d >= time.Hour:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	case d >= time.Minute:
		return fmt.Sprintf("%dm", int(d.Round(time.Minute)/time.Minute))
	}
	return d.Round(time.Second).String()
}

func histErr(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func histClip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
