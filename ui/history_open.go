package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"safeharbor/history"
	"safeharbor/internal/clock"
)

// openHistoryStore opens the user's history file or, for the demo, a
// throwaway one, so simulated outages never enter the user's record. A
// damaged file was moved aside by history.Open: that is said on stderr and
// the fresh store used. On failure it returns nil (the screens say history
// is unavailable). close closes the store (and removes the demo's).
func openHistoryStore(getenv func(string) string, demo bool, clk clock.Clock, retention time.Duration, stderr io.Writer) (st *history.Store, close func()) {
	close = func() {}
	var path string
	if demo {
		dir, err := os.MkdirTemp("", "safeharbor-demo-")
		if err != nil {
			fmt.Fprintf(stderr, "safeharbor: history: %v\n", err)
			return nil, close
		}
		path = filepath.Join(dir, "history.db")
		close = func() { os.RemoveAll(dir) }
	} else {
		p, err := history.PathFrom(getenv)
		if err != nil {
			fmt.Fprintf(stderr, "safeharbor: history: %v\n", err)
			return nil, close
		}
		path = p
	}
	st, err := history.Open(path, history.Options{Clock: clk, Retention: retention})
	var rec *history.Recovered
	switch {
	case errors.As(err, &rec) && st != nil:
		fmt.Fprintf(stderr, "safeharbor: %v\n", err)
	case err != nil:
		fmt.Fprintf(stderr, "safeharbor: history: %v\n", err)
		close()
		return nil, func() {}
	}
	removeDemo := close
	return st, func() { st.Close(); removeDemo() }
}
