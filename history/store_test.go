package history

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/watchers"
)

var t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func openTest(t *testing.T, path string, now time.Time) *Store {
	t.Helper()
	s, err := Open(path, Options{Clock: clock.NewFake(now)})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func change(id string, at time.Time, l, prev exchanges.Level, first bool) watchers.Event {
	return watchers.Event{Kind: watchers.Changed, Time: at, Previous: prev, First: first,
		Verdict: watchers.Verdict{ID: id, Level: l, Summary: l.String() + " summary",
			Reasons: []exchanges.Reason{{Source: "rest", Detail: l.String()}}}}
}

func TestIncidentLifecycle(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "h.db"), t0)
	ev := []watchers.Event{
		change("bitbank", t0, exchanges.Operational, 0, true),
		change("bitbank", t0.Add(time.Hour), exchanges.Restricted, exchanges.Operational, false),
		change("bitbank", t0.Add(70*time.Minute), exchanges.Outage, exchanges.Restricted, false),
	}
	upd := watchers.Event{Kind: watchers.Updated, Time: t0.Add(80 * time.Minute), Verdict: watchers.Verdict{
		ID: "bitbank", Level: exchanges.Outage, Links: exchanges.Links{Status: "https://status.bitbank.cc/"},
		Incidents: []exchanges.Incident{{ID: "x1", Title: "Trading halted", Started: t0.Add(75 * time.Minute)}}}}
	ev = append(ev, upd, change("bitbank", t0.Add(2*time.Hour), exchanges.Operational, exchanges.Outage, false))
	for _, e := range ev {
		if err := s.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	incs, err := s.Incidents("bitbank", time.Time{})
	if err != nil || len(incs) != 1 {
		t.Fatalf("incidents %v %v", incs, err)
	}
	inc := incs[0]
	if !inc.Start.Equal(t0.Add(time.Hour)) || !inc.End.Equal(t0.Add(2*time.Hour)) || inc.Worst != exchanges.Outage {
		t.Fatalf("incident %+v", inc)
	}
	if inc.Link != "https://status.bitbank.cc/" || len(inc.Official) != 1 || !inc.OfficialSeen.Equal(t0.Add(80*time.Minute)) {
		t.Fatalf("official %+v", inc)
	}
	lag, err := s.ConfirmationLag("bitbank")
	if err != nil || lag.Median != 15*time.Minute {
		t.Fatalf("lag %+v %v", lag, err)
	}
	up, err := s.Uptime("bitbank", 4*time.Hour, t0.Add(4*time.Hour))
	// known time: 0..4h = 4h, down 1h.
	if err != nil || up != 0.75 {
		t.Fatalf("uptime %v %v", up, err)
	}
	st, _ := s.Figures("bitbank", 5*time.Hour, t0.Add(4*time.Hour))
	if st.Unknown != time.Hour || st.Incidents != 1 || st.Downtime != time.Hour {
		t.Fatalf("figures %+v", st)
	}
	if _, err := s.Uptime("kraken", time.Hour, t0); !errors.Is(err, ErrNoData) {
		t.Fatalf("no data: %v", err)
	}
	changes, _ := s.Changes("bitbank", time.Time{})
	if len(changes) != 4 || !changes[0].First {
		t.Fatalf("changes %+v", changes)
	}
}

func TestUnknownNeitherOpensNorCloses(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "h.db"), t0)
	seq := []exchanges.Level{exchanges.Unknown, exchanges.Outage, exchanges.Unknown, exchanges.Maintenance, exchanges.Operational, exchanges.Unknown}
	for i, l := range seq {
		if err := s.Record(change("kraken", t0.Add(time.Duration(i)*time.Minute), l, 0, i == 0)); err != nil {
			t.Fatal(err)
		}
	}
	incs, _ := s.Incidents("kraken", time.Time{})
	if len(incs) != 1 || !incs[0].Start.Equal(t0.Add(time.Minute)) || !incs[0].End.Equal(t0.Add(4*time.Minute)) {
		t.Fatalf("%+v", incs)
	}
}

// TestIncidentProperties: random event sequences keep the invariants.
func TestIncidentProperties(t *testing.T) {
	levels := []exchanges.Level{exchanges.Operational, exchanges.Degraded, exchanges.Restricted, exchanges.Maintenance, exchanges.Outage, exchanges.Unknown}
	ids := []string{"bitbank", "bit", "kraken"}
	for round := range 15 {
		r := rand.New(rand.NewPCG(uint64(round), 7))
		s := openTest(t, filepath.Join(t.TempDir(), "h.db"), t0)
		now := t0
		for range 60 {
			// Occasionally out of order, to prove time never runs backwards in the record.
			now = now.Add(time.Duration(r.IntN(600)-30) * time.Second)
			id := ids[r.IntN(len(ids))]
			if err := s.Record(change(id, now, levels[r.IntN(len(levels))], 0, false)); err != nil {
				t.Fatal(err)
			}
		}
		end := now.Add(time.Hour)
		for _, id := range ids {
			changes, _ := s.Changes(id, time.Time{})
			incs, _ := s.Incidents(id, time.Time{})
			// Expected incidents from the changes alone.
			var want [][2]time.Time
			open := false
			for _, c := range changes {
				switch {
				case !open && opens(c.Level):
					want = append(want, [2]time.Time{c.Time})
					open = true
				case open && c.Level == exchanges.Operational:
					want[len(want)-1][1] = c.Time
					open = false
				}
			}
			if len(incs) != len(want) {
				t.Fatalf("round %d %s: %d incidents, want %d", round, id, len(incs), len(want))
			}
			var total time.Duration
			for i, inc := range incs {
				if !inc.Start.Equal(want[i][0]) || !inc.End.Equal(want[i][1]) {
					t.Fatalf("round %d %s incident %d: %v-%v want %v", round, id, i, inc.Start, inc.End, want[i])
				}
				if i > 0 && inc.Start.Before(incs[i-1].End) {
					t.Fatalf("overlap %v", incs)
				}
				if inc.Open() && i != len(incs)-1 {
					t.Fatal("open incident not last")
				}
				total += inc.Duration(end)
			}
			window := end.Sub(t0)
			if total > window {
				t.Fatalf("durations %v > window %v", total, window)
			}
			st, err := s.Figures(id, window, end)
			if err != nil || st.Uptime < 0 || st.Uptime > 1 || st.Up+st.Down+st.Unknown != window || st.Downtime > window {
				t.Fatalf("figures %+v %v", st, err)
			}
		}
	}
}

func TestRetentionPrunes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path, Options{Clock: clock.NewFake(t0), Retention: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	s.Record(change("okx", t0, exchanges.Outage, 0, true))
	s.Record(change("okx", t0.Add(time.Hour), exchanges.Operational, exchanges.Outage, false))
	s.RecordDelivery("m1", "ntfy", t0, 1, nil)
	s.PutOutbox("m1|ntfy", []byte("x"))
	s.MarkDelivered("m1|ntfy", t0)
	s.Close()
	s, err = Open(path, Options{Clock: clock.NewFake(t0.Add(48 * time.Hour)), Retention: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _ := s.Changes("", time.Time{})
	i, _ := s.Incidents("", time.Time{})
	d, _ := s.Deliveries(time.Time{})
	del, _ := s.Delivered("m1|ntfy")
	if len(c)+len(i)+len(d) != 0 || del {
		t.Fatalf("not pruned: %d %d %d %v", len(c), len(i), len(d), del)
	}
}

func TestMaxRecordsBoundsSize(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "h.db"), Options{Clock: clock.NewFake(t0), MaxRecords: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 12 {
		s.Record(change("okx", t0.Add(time.Duration(i)*time.Second), exchanges.Level(i%2*4), 0, i == 0))
	}
	s.Prune(t0.Add(time.Minute))
	c, _ := s.Changes("", time.Time{})
	if len(c) != 5 || !c[4].Time.Equal(t0.Add(11*time.Second)) {
		t.Fatalf("%d changes, last %v", len(c), c)
	}
}

func TestPlansAndOutbox(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "h.db"), t0)
	if err := s.SavePlan("p1", []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	s.SavePlan("p1", []byte(`{"a":2}`))
	p, err := s.LoadPlans()
	if err != nil || string(p["p1"]) != `{"a":2}` || len(p) != 1 {
		t.Fatalf("%v %v", p, err)
	}
	s.PutOutbox("k", []byte("v"))
	pend, _ := s.PendingOutbox()
	if string(pend["k"]) != "v" {
		t.Fatal(pend)
	}
	s.MarkDelivered("k", t0)
	if err := s.PutOutbox("k", []byte("v")); !errors.Is(err, ErrDelivered) {
		t.Fatalf("re-put delivered: %v", err)
	}
	pend, _ = s.PendingOutbox()
	if len(pend) != 0 {
		t.Fatal(pend)
	}
}

func TestDamagedFileMovedAside(t *testing.T) {
	for _, mode := range []string{"garbage", "truncate", "pages"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "history.db")
			s := openTest(t, path, t0)
			for i := range 50 {
				s.Record(change("bitbank", t0.Add(time.Duration(i)*time.Minute), exchanges.Level(i%5), 0, i == 0))
			}
			s.Close()
			switch mode {
			case "garbage":
				os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600)
			case "truncate":
				os.Truncate(path, 100)
			case "pages":
				// Keep the meta pages, scribble over the data pages.
				f, _ := os.OpenFile(path, os.O_RDWR, 0)
				info, _ := f.Stat()
				junk := make([]byte, info.Size()-2*4096)
				for i := range junk {
					junk[i] = byte(i*7 + 3)
				}
				f.WriteAt(junk, 2*4096)
				f.Close()
			}
			s2, err := Open(path, Options{Clock: clock.NewFake(t0)})
			var rec *Recovered
			if !errors.As(err, &rec) || s2 == nil {
				t.Fatalf("want *Recovered with a store, got %v %v", s2, err)
			}
			defer s2.Close()
			if _, statErr := os.Stat(rec.MovedTo); statErr != nil || !strings.Contains(rec.MovedTo, "history.db.damaged-") {
				t.Fatalf("moved to %q: %v", rec.MovedTo, statErr)
			}
			if err := s2.Record(change("bitbank", t0, exchanges.Outage, 0, true)); err != nil {
				t.Fatalf("fresh store unusable: %v", err)
			}
		})
	}
}

func TestLockedByAnotherProcess(t *testing.T) {
	if os.Getenv("HISTORY_HELPER") != "" {
		return
	}
	path := filepath.Join(t.TempDir(), "h.db")
	cmd, out := startWriter(t, path, "hold")
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper: %q", out.Text())
	}
	_, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("want ErrLocked, got %v", err)
	}
	if _, statErr := os.Stat(path); statErr != nil {
		t.Fatal("locked file must stay in place")
	}
}

func startWriter(t *testing.T, path, mode string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HISTORY_HELPER="+mode, "HISTORY_PATH="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stdout)
}

// TestHelperWriter is the subprocess of the crash and lock tests.
func TestHelperWriter(t *testing.T) {
	mode := os.Getenv("HISTORY_HELPER")
	if mode == "" {
		t.Skip("helper process only")
	}
	s, err := Open(os.Getenv("HISTORY_PATH"), Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	if mode == "hold" {
		fmt.Println("ready")
		select {} // until killed
	}
	start, _ := strconv.Atoi(mode)
	for i := start; ; i++ {
		lvl := exchanges.Level(i % 5)
		if err := s.Record(change("bitbank", t0.Add(time.Duration(i)*time.Second), lvl, 0, i == 0)); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("committed", i) // only after Record returned: fsynced
	}
}

// TestCrashKill9 kills a writer at random points and checks that the file
// stays consistent and no committed event is lost.
func TestCrashKill9(t *testing.T) {
	if os.Getenv("HISTORY_HELPER") != "" {
		return
	}
	if testing.Short() {
		t.Skip("subprocess crash test")
	}
	path := filepath.Join(t.TempDir(), "h.db")
	r := rand.New(rand.NewPCG(42, 9))
	next := 0
	var committed []int
	for round := range 20 {
		cmd, out := startWriter(t, path, strconv.Itoa(next))
		want := r.IntN(40) + 1
		var acked []int
		for got := 0; got < want && out.Scan(); got++ {
			f := strings.Fields(out.Text())
			if len(f) != 2 || f[0] != "committed" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: helper said %q", round, out.Text())
			}
			i, _ := strconv.Atoi(f[1])
			acked = append(acked, i)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := Open(path, Options{Clock: clock.NewFake(t0)})
		if err != nil {
			t.Fatalf("round %d: reopen after kill -9: %v", round, err)
		}
		changes, err := s.Changes("bitbank", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		have := map[int64]bool{}
		for _, c := range changes {
			have[c.Time.Unix()] = true
		}
		committed = append(committed, acked...)
		for _, i := range committed {
			if !have[t0.Add(time.Duration(i)*time.Second).Unix()] {
				t.Fatalf("round %d: committed event %d lost", round, i)
			}
		}
		next = 1000 * (round + 1) // fresh, increasing times each round
		s.Close()
	}
}

func TestPathFrom(t *testing.T) {
	p, err := PathFrom(func(k string) string {
		if k == "XDG_DATA_HOME" {
			return "/data"
		}
		return ""
	})
	if err != nil || p != filepath.Join("/data", "safeharbor", "history.db") {
		t.Fatalf("%q %v", p, err)
	}
	if p, err := PathFrom(func(string) string { return "" }); err != nil || !strings.HasSuffix(p, filepath.Join("safeharbor", "history.db")) {
		t.Fatalf("%q %v", p, err)
	}
}

func TestDeliveriesSince(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "h.db"), t0)
	s.RecordDelivery("a", "ntfy", t0, 1, errors.New("HTTP 503"))
	s.RecordDelivery("a", "ntfy", t0.Add(time.Minute), 2, nil)
	all, _ := s.Deliveries(time.Time{})
	later, _ := s.Deliveries(t0.Add(time.Second))
	if len(all) != 2 || all[0].OK || all[0].Error != "HTTP 503" || len(later) != 1 || !later[0].OK {
		t.Fatalf("%+v %+v", all, later)
	}
}
