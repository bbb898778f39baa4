package watchers

import (
	"context"
	"testing"
	"time"

	"safeharbor/config"
	"safeharbor/exchanges"
	"safeharbor/internal/fakex"
)

// A user who overrides only some endpoints (or whose network blocks the
// status page host) must not see a false outage while the exchange's API
// answers: an unreachable status page is no signal, an unreachable second
// REST host is degraded.
func TestUnreachableStatusPageOrSecondHostIsNoOutage(t *testing.T) {
	kraken, _ := fakex.StartVenue("kraken")
	defer kraken.Close()
	bitbank, _ := fakex.StartVenue("bitbank")
	defer bitbank.Close()
	dead := "http://127.0.0.1:1"
	c := cfgFor(iv,
		config.Exchange{ID: "kraken", API: kraken.URL(), StatusPage: dead, WS: exchanges.Off},
		config.Exchange{ID: "bitbank", API: bitbank.URL(), Public: dead, WS: exchanges.Off, Pairs: []string{"btc_jpy"}},
	)
	c.Connectivity.URLs = []string{neutral(t)}
	rep, err := CheckOnce(context.Background(), c, Options{QuickRecheck: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range rep.Verdicts {
		switch v.ID {
		case "kraken":
			if v.Level != exchanges.Operational || !hasReason(v, "status page unreachable") {
				t.Errorf("kraken: %v %q %+v", v.Level, v.Summary, v.Reasons)
			}
		case "bitbank":
			if v.Level != exchanges.Degraded || !hasReason(v, "API unreachable") {
				t.Errorf("bitbank: %v %q %+v", v.Level, v.Summary, v.Reasons)
			}
		}
	}
}
