package ja

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
	"safeharbor/internal/ja/jatest"
	"safeharbor/internal/socketio"
	"safeharbor/watchers"
)

// The inventory of everything the engine and the adapters can put in front
// of a user, and the guard that every shape of it reads in Japanese:
// every fake exchange in every scenario and every fault (through the real
// engine, watchers.CheckOnce), every websocket status push, the parser
// shapes the fakes never serve, and the engine's websocket and transport
// shapes a unit test cannot provoke. A new shape this package does not
// translate fails TestJapaneseInventory with the English it left.

// jaDump writes every English shape and its Japanese, for review:
// go test ./internal/ja -run TestJapaneseInventory -ja-dump /tmp/ja.txt
var jaDump = flag.String("ja-dump", "", "write the Japanese inventory to this file")

// shape is one thing a screen or a notification shows: a summary at a
// level, or a reason.
type shape struct {
	where   string
	level   exchanges.Level
	summary string
	reason  string
	pairs   []exchanges.PairStatus
	group   *exchanges.ReasonGroup // several pairs' one state, as shown
}

type inventory struct {
	mu     sync.Mutex
	shapes []shape
	guard  *jatest.Checker // allows every pair code seen
}

func newInventory() *inventory {
	inv := &inventory{guard: jatest.New()}
	inv.guard.Allow(haltedPairs...)
	return inv
}

func (inv *inventory) verdict(where string, v watchers.Verdict) {
	inv.add(where, v.Level, v.Summary, v.Reasons, v.Pairs)
}

func (inv *inventory) observation(where string, o exchanges.Observation) {
	inv.add(where, o.Level, o.Summary, o.Reasons, o.Pairs)
}

func (inv *inventory) add(where string, l exchanges.Level, summary string, reasons []exchanges.Reason, pairs []exchanges.PairStatus) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	for _, p := range pairs {
		inv.guard.Allow(p.Pair)
	}
	if summary != "" {
		inv.shapes = append(inv.shapes, shape{where: where, level: l, summary: summary})
	}
	for _, r := range reasons {
		inv.shapes = append(inv.shapes, shape{where: where, level: l, reason: r.Detail, pairs: pairs})
	}
	for _, g := range exchanges.GroupReasons(reasons, pairs) {
		if len(g.Pairs) > 1 {
			inv.shapes = append(inv.shapes, shape{where: where, level: l, reason: g.Detail, pairs: pairs, group: &g})
		}
	}
}

// parseErr is how the engine shows a parser's rejection (watchers' why).
func (inv *inventory) parsed(where string, o exchanges.Observation, err error) {
	if err != nil {
		d := "unusable response: " + strings.TrimPrefix(err.Error(), exchanges.ErrNotStatus.Error()+": ")
		inv.add(where, exchanges.Unknown, upperFirst(d), []exchanges.Reason{{Source: "rest", Detail: d}}, nil)
		return
	}
	inv.observation(where, o)
}

// check translates every shape and reports English left outside the
// exchange's own words (「…」) that is not a pair code, an exchange name,
// a number or code, HTTP, API or URL; and any translation that a second
// pass would change (a message may be worded twice).
func (inv *inventory) check(t *testing.T) {
	t.Helper()
	if len(inv.shapes) == 0 {
		t.Fatal("empty inventory")
	}
	seen := map[string]bool{}
	var bad, dump []string
	for _, s := range inv.shapes {
		en, ja, again := s.summary, "", ""
		switch {
		case s.group != nil:
			en = s.group.Text()
			ja = ReasonGroup(*s.group, s.pairs)
			again = ja
		case en != "":
			ja = Summary(s.level, en)
			again = Summary(s.level, ja)
		default:
			en = s.reason
			ja = Reason(en, s.pairs)
			again = Reason(ja, s.pairs)
		}
		if k := "dump " + s.level.String() + en; !seen[k] {
			seen[k] = true
			dump = append(dump, fmt.Sprintf("%-11s %q\n            %s", s.level, en, ja))
		}
		if again != ja {
			k := "again " + en
			if !seen[k] {
				seen[k] = true
				bad = append(bad, fmt.Sprintf("%s: %q\n\t→ %q\n\t→ %q (translated twice)", s.where, en, ja, again))
			}
		}
		if words := inv.guard.English(ja); len(words) > 0 {
			k := en + " → " + ja
			if !seen[k] {
				seen[k] = true
				bad = append(bad, fmt.Sprintf("%s: %q\n\t→ %q (left %v)", s.where, en, ja, words))
			}
		}
	}
	if *jaDump != "" {
		sort.Strings(dump)
		if err := os.WriteFile(*jaDump, []byte(strings.Join(dump, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// haltedPairs are one pair in every venue's spelling: the PairHalted
// scenario halts it wherever it is listed.
var haltedPairs = []string{"xrp_jpy", "XRP_JPY", "XRPUSD", "XRP-USD", "XRP/USD", "xrpusd", "XRPUSDT", "XRP-USDT", "tXRPUSD"}

var allScenarios = []fakex.Scenario{fakex.Healthy, fakex.Busy, fakex.Halted, fakex.PairHalted, fakex.Restricted,
	fakex.MaintenanceScheduled, fakex.MaintenanceActive, fakex.UnknownValue}

// restFaults are the faults a REST check sees; the websocket ones are in
// engineShapes.
var restFaults = []fakex.Fault{fakex.HTTP500, fakex.HTTP503, fakex.RateLimit, fakex.Hang, fakex.SlowBody,
	fakex.Malformed, fakex.Truncated, fakex.HugeBody, fakex.HTMLError, fakex.Refused}

func checkOnceOpts() watchers.Options {
	// Generous, so that a loaded machine still gets every answer; the
	// faults that stall use stallOpts.
	return watchers.Options{QuickRecheck: time.Nanosecond, RequestTimeout: 10 * time.Second, MaxBody: 1 << 20}
}

// stallOpts ends a hanging or dripping answer quickly.
func stallOpts() watchers.Options {
	o := checkOnceOpts()
	o.RequestTimeout = 100 * time.Millisecond
	return o
}

// checkOnce runs the real engine once against cfg.
func checkOnce(t *testing.T, ctx context.Context, cfg config.Config) []watchers.Verdict {
	t.Helper()
	return checkOnceWith(t, ctx, cfg, checkOnceOpts())
}

func checkOnceWith(t *testing.T, ctx context.Context, cfg config.Config, opt watchers.Options) []watchers.Verdict {
	t.Helper()
	if cfg.Interval.Duration == 0 {
		cfg.Interval = config.D(time.Minute)
	}
	rep, err := watchers.CheckOnce(ctx, cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Verdicts
}

func venueConfig(id string, srv *fakex.Server, pairs []string) config.Config {
	ep := srv.Endpoints()
	return config.Config{Exchanges: []config.Exchange{{ID: id, Pairs: pairs, API: ep.API, Public: ep.Public, StatusPage: ep.StatusPage, WS: exchanges.Off}}}
}

func TestJapaneseInventory(t *testing.T) {
	inv := newInventory()
	t.Run("venues", func(t *testing.T) {
		for _, id := range fakex.VenueIDs() {
			x, ok := exchanges.Lookup(id)
			if !ok {
				continue
			}
			t.Run(id, func(t *testing.T) {
				t.Parallel()
				venueInventory(t, inv, x)
			})
		}
	})
	t.Run("engine", func(t *testing.T) { engineInventory(t, inv) })
	t.Run("parsers", func(t *testing.T) { parserInventory(t, inv) })
	for _, s := range engineShapes {
		inv.add("engine literal", s.level, upperFirst(s.detail), []exchanges.Reason{{Source: "rest", Detail: s.detail}}, nil)
	}
	// The harness reached what it is there to reach.
	for _, w := range []struct{ where, en string }{
		{"offline", "This computer appears to be offline"},
		{"public host down", "Part of the API unreachable: connection refused"},
		{"no probes", "No status endpoint to check (real-time feed only)"},
		{"untrusted certificate", "API unreachable: TLS certificate not trusted"},
		{"time limit", "No answer before the time limit"},
		{"status page down", "status page unreachable: connection refused"},
		{"custom", `status.indicator = "major"`},
		{"bitbank halted", "Trading halted on all pairs"},
		{"bitbank pair_halted", "1 of 8 pairs halted (xrp_jpy)"},
		{"bitbank pair_halted watching", "Trading halted on btc_jpy"},
		{"bitbank http_503", "API unreachable: HTTP 503"},
		{"bitbank rate_limit", "rate limited, retrying in 2s"},
		{"bitbank malformed_json", "Unusable response: bitbank spot/status: HTTP 200, body is not JSON"},
		{"kraken maintenance websocket", "Kraken under maintenance: no new orders or cancels"},
		{"coinbase maintenance", `Status page: maintenance on "Trading"`},
	} {
		if !inv.saw(w.where, w.en) {
			t.Errorf("the inventory lacks %q from %q", w.en, w.where)
		}
	}
	inv.check(t)
}

// TestJapaneseInventoryGuard: a shape nobody translated yet is flagged
// (jatest tests the guard itself).
func TestJapaneseInventoryGuard(t *testing.T) {
	inv := newInventory()
	for _, c := range []struct {
		ja   string
		want []string
	}{
		{Summary(exchanges.Outage, "Matching engine on fire"), []string{"Matching", "engine", "on", "fire"}},
		{Reason("matching engine on fire", nil), []string{"matching", "engine", "on", "fire"}},
	} {
		if got := inv.guard.English(c.ja); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%q: %v, want %v", c.ja, got, c.want)
		}
	}
}

// saw reports whether a shape from where starts with en.
func (inv *inventory) saw(where, en string) bool {
	for _, s := range inv.shapes {
		if strings.HasPrefix(s.where, where) && (strings.HasPrefix(s.summary, en) || strings.HasPrefix(s.reason, en)) {
			return true
		}
	}
	return false
}

// venueInventory: every scenario (unwatched, and with the halted pair
// watched), every REST fault, every websocket status push.
func venueInventory(t *testing.T, inv *inventory, x *exchanges.Exchange) {
	srv, _ := fakex.StartVenue(x.ID)
	defer srv.Close()
	srv.HeartbeatEvery = 2 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	watched := x.DefaultPairs[:1]
	for _, sc := range allScenarios {
		srv.Update(func(s *fakex.State) {
			s.Scenario, s.Fault, s.Pairs = sc, fakex.NoFault, haltedPairs
			s.MaintStart, s.MaintEnd = time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
			if sc == fakex.MaintenanceScheduled {
				s.MaintStart, s.MaintEnd = time.Now().Add(time.Hour), time.Now().Add(2*time.Hour)
			}
		})
		for _, v := range checkOnce(t, ctx, venueConfig(x.ID, srv, nil)) {
			inv.verdict(fmt.Sprintf("%s %s", x.ID, sc), v)
		}
		srv.Update(func(s *fakex.State) { s.Pairs = append(append([]string{}, watched...), haltedPairs...) })
		for _, v := range checkOnce(t, ctx, venueConfig(x.ID, srv, watched)) {
			inv.verdict(fmt.Sprintf("%s %s watching %v", x.ID, sc, watched), v)
		}
		for _, o := range feedObservations(t, srv, x) {
			inv.observation(fmt.Sprintf("%s %s websocket", x.ID, sc), o)
		}
	}
	srv.Update(func(s *fakex.State) { s.Scenario, s.Pairs = fakex.Healthy, nil })
	for _, f := range restFaults {
		srv.SetFault(f)
		opt := checkOnceOpts()
		if f == fakex.Hang || f == fakex.SlowBody {
			opt = stallOpts()
		}
		for _, v := range checkOnceWith(t, ctx, venueConfig(x.ID, srv, nil), opt) {
			inv.verdict(fmt.Sprintf("%s %s", x.ID, f), v)
		}
	}
	srv.SetFault(fakex.NoFault)
}

// feedObservations connects to the venue's websocket as the engine would
// and returns the status pushes its adapter reads from it (the first one,
// or none after a few dozen messages).
func feedObservations(t *testing.T, srv *fakex.Server, x *exchanges.Exchange) []exchanges.Observation {
	ep := srv.Endpoints()
	if ep.WS == "" || x.Feed == nil {
		return nil
	}
	f := x.Feed(exchanges.Target{Endpoints: ep})
	if f == nil {
		return nil
	}
	c, _, err := websocket.DefaultDialer.Dial(f.URL, nil)
	if err != nil {
		return nil // refused in this scenario: the engine's "real-time feed unavailable"
	}
	defer c.Close()
	send := func(m []byte) {
		if err := c.WriteMessage(websocket.TextMessage, m); err != nil {
			t.Logf("%s: %v", x.ID, err)
		}
	}
	if f.Framing != exchanges.SocketIO {
		for _, m := range f.Subscribe {
			send(m)
		}
		if f.Ping != nil {
			send(f.Ping)
		}
	}
	var out []exchanges.Observation
	for n := 0; n < 60 && len(out) == 0; n++ {
		// The fakes talk every 2 ms; a venue silent for half a second has
		// nothing to say in this scenario (a halted coincheck pair).
		c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		_, msg, err := c.ReadMessage()
		if err != nil {
			break
		}
		if f.Framing == exchanges.SocketIO {
			p, err := socketio.Decode(msg)
			if err != nil {
				continue
			}
			switch {
			case p.EIO == socketio.Open:
				send(socketio.ConnectFrame)
				for _, s := range f.Subscribe {
					send(socketio.EncodeEvent(s))
				}
				continue
			case p.EIO == socketio.Ping:
				send(socketio.PongFrame)
				continue
			case p.EIO != socketio.Message || p.SIO != socketio.Event:
				continue
			}
			msg = p.Data
		}
		ev, err := f.Handle(msg)
		if err == nil && ev.Observation != nil {
			out = append(out, *ev.Observation)
		}
	}
	return out
}

// engineInventory: the engine's own situations around the fakes.
func engineInventory(t *testing.T, inv *inventory) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, _ := fakex.StartVenue("bitbank")
	defer srv.Close()
	closed, err := fakex.Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer closed.Close()

	// Offline: the exchange and the neutral hosts both fail.
	srv.SetFault(fakex.Refused)
	cfg := venueConfig("bitbank", srv, nil)
	cfg.Connectivity.URLs = []string{closed.URL()}
	for _, v := range checkOnce(t, ctx, cfg) {
		inv.verdict("offline", v)
	}
	srv.SetFault(fakex.NoFault)

	// One REST host of two refuses: part of the API is unreachable.
	cfg = venueConfig("bitbank", srv, nil)
	cfg.Exchanges[0].Public = closed.URL()
	for _, v := range checkOnce(t, ctx, cfg) {
		inv.verdict("public host down", v)
	}

	// Only a websocket to watch.
	cfg = venueConfig("bitbank", srv, nil)
	cfg.Exchanges[0].API, cfg.Exchanges[0].Public = exchanges.Off, exchanges.Off
	for _, v := range checkOnce(t, ctx, cfg) {
		inv.verdict("no probes", v)
	}

	// A certificate nobody trusts.
	tls := httptest.NewUnstartedServer(http.NotFoundHandler())
	tls.Config.ErrorLog = log.New(io.Discard, "", 0) // our client hangs up on it, as it should
	tls.StartTLS()
	defer tls.Close()
	cfg = venueConfig("bitbank", srv, nil)
	cfg.Exchanges[0].API, cfg.Exchanges[0].Public = tls.URL, exchanges.Off
	for _, v := range checkOnce(t, ctx, cfg) {
		inv.verdict("untrusted certificate", v)
	}

	// The caller's time limit ends a hanging check.
	srv.SetFault(fakex.Hang)
	short, stop := context.WithTimeout(ctx, 50*time.Millisecond) // long before the request timeout
	for _, v := range checkOnce(t, short, venueConfig("bitbank", srv, nil)) {
		inv.verdict("time limit", v)
	}
	stop()
	srv.SetFault(fakex.NoFault)

	// A status page that cannot be reached, next to a working API.
	kr, _ := fakex.StartVenue("kraken")
	defer kr.Close()
	cfg = venueConfig("kraken", kr, nil)
	cfg.Exchanges[0].StatusPage = closed.URL()
	for _, v := range checkOnce(t, ctx, cfg) {
		inv.verdict("status page down", v)
	}
	// A user-defined endpoint.
	custom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"status":{"indicator":"major"}}`)
	}))
	defer custom.Close()
	for _, ok := range [][]string{{"major"}, {"none"}} {
		for _, v := range checkOnce(t, ctx, config.Config{Exchanges: []config.Exchange{{ID: "mybroker", Name: "My broker", URL: custom.URL, Path: "status.indicator", OK: ok}}}) {
			inv.verdict("custom", v)
		}
	}
}

// engineShapes are the engine's details that only a long-running engine
// meets (websocket failures) or only other networks give (DNS, routing):
// watchers/feed.go reportSession and describeWSErr, watchers/probe.go
// describeNetErr and check, watchers/fuse.go.
var engineShapes = []struct {
	level  exchanges.Level
	detail string
}{
	{exchanges.Degraded, "real-time feed unavailable: HTTP 503"},
	{exchanges.Degraded, "real-time feed unavailable: bad handshake"},
	{exchanges.Degraded, "real-time feed unavailable: no response within 10s"},
	{exchanges.Degraded, "real-time feed unavailable: connection refused"},
	{exchanges.Degraded, "real-time feed unavailable: connection reset"},
	{exchanges.Degraded, "real-time feed unavailable: DNS lookup failed"},
	{exchanges.Degraded, "real-time feed unavailable: TLS certificate not trusted"},
	{exchanges.Degraded, "real-time feed unavailable: connection closed by server"},
	{exchanges.Degraded, "real-time feed unavailable: network unreachable"},
	{exchanges.Degraded, "real-time feed unavailable: cannot connect"},
	{exchanges.Degraded, "real-time feed unavailable: network error"},
	{exchanges.Degraded, "real-time feed stalled"},
	{exchanges.Unknown, "unusable response: real-time feed sent 21 unreadable messages in a row"},
	{exchanges.Outage, "API unreachable: DNS lookup failed"},
	{exchanges.Outage, "API unreachable: connection reset"},
	{exchanges.Outage, "API unreachable: network unreachable"},
	{exchanges.Outage, "API unreachable: cannot connect"},
	{exchanges.Outage, "API unreachable: network error"},
	{exchanges.Outage, "API unreachable: no response within 1m0s"},
	{exchanges.Degraded, "API responding very slowly"},
	{exchanges.Unknown, "status page responding very slowly"},
	{exchanges.Unknown, "status page unreachable: DNS lookup failed"},
	{exchanges.Unknown, "unusable response: bad gzip encoding"},
	{exchanges.Unknown, "unusable response: redirected to a non-https URL"},
	{exchanges.Unknown, "unusable response: bad probe URL"},
	{exchanges.Unknown, "unusable response: empty body"},
	{exchanges.Unknown, "unusable response: HTTP 404"},
	{exchanges.Unknown, "unusable response: parser failed on this response"},
	{exchanges.Unknown, "unusable response: probe has no parser"},
	{exchanges.Unknown, watchers.OfflineReason},
	// fuse: a verdict whose signal gave no summary.
	{exchanges.Degraded, "degraded"},
	{exchanges.Restricted, "restricted"},
	{exchanges.Maintenance, "maintenance"},
	{exchanges.Outage, "outage"},
	{exchanges.Unknown, "unknown"},
}
