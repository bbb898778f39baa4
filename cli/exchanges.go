package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"safeharbor/exchanges"
)

func init() {
	register("exchanges", "list the built-in exchanges, their signals and official links", runExchanges)
}

// catalogEntry is one exchange in `exchanges --json`.
type catalogEntry struct {
	ID      string          `json:"id"`
	Name    string          `json:"name"`
	Country string          `json:"country"`
	Signals []string        `json:"signals"`
	Links   exchanges.Links `json:"links"`
	Domains []string        `json:"domains"`
}

func runExchanges(env *Env) int {
	fs := flag.NewFlagSet("exchanges", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, env.Args)
	if err != nil {
		return usageError(env, "exchanges", err)
	}
	if len(pos) > 0 {
		return usageError(env, "exchanges", fmt.Errorf("unexpected argument %q", clipArg(pos[0])))
	}
	var list []catalogEntry
	for _, e := range exchanges.All() {
		c := catalogEntry{ID: e.ID, Name: e.Name, Country: e.Country, Signals: signals(e.Defaults), Links: e.Links, Domains: e.Domains}
		if c.Domains == nil {
			c.Domains = []string{}
		}
		list = append(list, c)
	}
	if *asJSON {
		if list == nil {
			list = []catalogEntry{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(map[string]any{"exchanges": list})
		return ExitOK
	}
	writeCatalog(env.Stdout, list)
	return ExitOK
}

// signals names what SafeHarbor can watch on an exchange by default.
func signals(d exchanges.Endpoints) []string {
	s := []string{}
	if exchanges.Enabled(d.API) || exchanges.Enabled(d.Public) {
		s = append(s, "rest")
	}
	if exchanges.Enabled(d.StatusPage) {
		s = append(s, "statuspage")
	}
	if exchanges.Enabled(d.WS) {
		s = append(s, "ws")
	}
	return s
}

func writeCatalog(w io.Writer, list []catalogEntry) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCOUNTRY\tSIGNALS")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Name, c.Country, strings.Join(c.Signals, ", "))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Official sources (check these, and only these, during an outage):")
	for _, c := range list {
		fmt.Fprintf(w, "  %s\n", c.Name)
		for _, l := range [][2]string{{"status", c.Links.Status}, {"notices", c.Links.Notices}, {"support", c.Links.Support}} {
			if l[1] != "" {
				fmt.Fprintf(w, "    %-8s %s\n", l[0]+":", l[1])
			}
		}
		if len(c.Domains) > 0 {
			fmt.Fprintf(w, "    %-8s %s\n", "domains:", strings.Join(c.Domains, " "))
		}
	}
}
