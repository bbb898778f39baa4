package history

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the documented column set of ExportCSV. One row per record:
//
//	record    "change" or "incident"
//	exchange  exchange id
//	time      RFC 3339 UTC: when the change happened / the incident started
//	end       incident end (empty for changes and open incidents)
//	level     new level / the incident's worst level
//	previous  previous level ("" for an exchange's first verdict and for incidents)
//	duration  incident length in whole seconds, up to the export time if open
//	summary   one-line summary
//	reasons   "source: detail" pairs joined by " | "
//	link      the official status/notice link (incidents)
//	official  official incident titles joined by " | " (incidents)
var CSVHeader = []string{"record", "exchange", "time", "end", "level", "previous", "duration", "summary", "reasons", "link", "official"}

// Export is the JSON export: every change and incident since a time.
type Export struct {
	ExportedAt time.Time  `json:"exported_at"`
	Changes    []Change   `json:"changes"`
	Incidents  []Incident `json:"incidents"`
}

// Export collects every change and incident since the given time.
func (s *Store) Export(since, now time.Time) (Export, error) {
	e := Export{ExportedAt: now.UTC(), Changes: []Change{}, Incidents: []Incident{}}
	var err error
	if e.Changes, err = s.Changes("", since); err != nil {
		return e, err
	}
	if e.Incidents, err = s.Incidents("", since); err != nil {
		return e, err
	}
	if e.Changes == nil {
		e.Changes = []Change{}
	}
	if e.Incidents == nil {
		e.Incidents = []Incident{}
	}
	return e, nil
}

// WriteJSON writes the export as one indented JSON document.
func (e Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(e)
}

// WriteCSV writes the export with CSVHeader.
func (e Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	for _, c := range e.Changes {
		prev := c.Previous.String()
		if c.First {
			prev = ""
		}
		var rs []string
		for _, r := range c.Reasons {
			rs = append(rs, r.Source+": "+r.Detail)
		}
		if err := cw.Write([]string{"change", c.Exchange, ts(c.Time), "", c.Level.String(), prev, "",
			csvSafe(c.Summary), csvSafe(strings.Join(rs, " | ")), "", ""}); err != nil {
			return err
		}
	}
	for _, i := range e.Incidents {
		var rs, off []string
		for _, r := range i.Reasons {
			rs = append(rs, r.Source+": "+r.Detail)
		}
		for _, o := range i.Official {
			off = append(off, o.Title)
		}
		if err := cw.Write([]string{"incident", i.Exchange, ts(i.Start), ts(i.End), i.Worst.String(), "",
			strconv.FormatInt(int64(i.Duration(e.ExportedAt)/time.Second), 10),
			csvSafe(i.Summary), csvSafe(strings.Join(rs, " | ")), csvSafe(i.Link), csvSafe(strings.Join(off, " | "))}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formulas in text that came from the network.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
