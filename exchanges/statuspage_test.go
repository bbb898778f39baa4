package exchanges

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// spDoc builds a summary.json with the given indicator, components, incidents and maintenances.
func spDoc(indicator, comps, incidents, maints string) []byte {
	return []byte(`{"page":{"id":"p1","name":"Example","url":"https://status.example.com","time_zone":"Etc/UTC","updated_at":"2026-11-21T10:00:00.000Z"},` +
		`"status":{"indicator":"` + indicator + `","description":"desc"},` +
		`"components":[` + comps + `],"incidents":[` + incidents + `],"scheduled_maintenances":[` + maints + `]}`)
}

func spC(id, name, status, group string) string {
	g := "null"
	if group != "" {
		g = `"` + group + `"`
	}
	return `{"id":"` + id + `","name":"` + name + `","status":"` + status + `","created_at":"2020-01-01T00:00:00Z","position":1,"description":null,"showcase":false,"group_id":` + g + `,"page_id":"p1","group":false,"only_show_if_degraded":false}`
}

const spGroups = `{"id":"gx","name":"Exchange","status":"operational","group":true,"group_id":null,"components":["t"]},` +
	`{"id":"gf","name":"Digital Currency Funding","status":"operational","group":true,"group_id":null,"components":["eth"]}`

func spAll(trading, api, funding, eth string) string {
	return spGroups + "," + spC("t", "Trading", trading, "gx") + "," + spC("api", "API", api, "") + "," +
		spC("f", "Deposits & Withdrawals", funding, "") + "," + spC("eth", "Ethereum (ETH) - Polygon", eth, "gf") + "," +
		spC("s", "Customer Support", "operational", "")
}

func TestParseStatusPageLevels(t *testing.T) {
	incident := func(name, impact, status, comps string) string {
		return `{"id":"i1","name":"` + name + `","status":"` + status + `","impact":"` + impact + `","created_at":"2026-11-21T09:00:00Z","shortlink":"https://stspg.io/x","started_at":"2026-11-21T09:00:00Z",` +
			`"incident_updates":[{"id":"u1","status":"investigating","body":"first","created_at":"2026-11-21T09:00:00Z"},{"id":"u2","status":"identified","body":"latest news","created_at":"2026-11-21T09:30:00Z"}],"components":[` + comps + `]}`
	}
	maint := func(status, comps string) string {
		return `{"id":"m1","name":"DB upgrade","status":"` + status + `","impact":"maintenance","shortlink":"https://stspg.io/m","scheduled_for":"2026-11-22T01:00:00.000Z","scheduled_until":"2026-11-22T03:00:00.000Z","incident_updates":[],"components":[` + comps + `]}`
	}
	op := "operational"
	cases := []struct {
		name     string
		body     []byte
		want     Level
		withdraw bool
	}{
		{"all operational", spDoc("none", spAll(op, op, op, op), "", ""), Operational, false},
		{"trading degraded", spDoc("minor", spAll("degraded_performance", op, op, op), "", ""), Degraded, false},
		{"api partial outage", spDoc("minor", spAll(op, "partial_outage", op, op), "", ""), Restricted, false},
		{"trading major outage", spDoc("critical", spAll("major_outage", op, op, op), "", ""), Outage, false},
		{"trading under maintenance", spDoc("maintenance", spAll("under_maintenance", op, op, op), "", ""), Maintenance, false},
		{"funding major outage is never an outage", spDoc("major", spAll(op, op, "major_outage", op), "", ""), Degraded, true},
		{"coin network partial outage", spDoc("minor", spAll(op, op, op, "partial_outage"), "", ""), Degraded, true},
		{"coin network maintenance", spDoc("maintenance", spAll(op, op, op, "under_maintenance"), "", ""), Operational, true},
		{"funding degraded is a note", spDoc("minor", spAll(op, op, "degraded_performance", op), "", ""), Operational, false},
		{"support outage is at most degraded", spDoc("major", spAll(op, op, op, op)+","+spC("x", "Customer Support Chat", "major_outage", ""), "", ""), Degraded, false},
		{"unknown component status", spDoc("minor", spAll("weird_status", op, op, op), "", ""), Unknown, false},
		{"unknown indicator", spDoc("purple", spAll(op, op, op, op), "", ""), Unknown, false},
		{"indicator alone decides without components: critical", spDoc("critical", "", "", ""), Outage, false},
		{"indicator alone: none", spDoc("none", "", "", ""), Operational, false},
		{"indicator alone: maintenance", spDoc("maintenance", "", "", ""), Maintenance, false},
		{"critical incident on trading", spDoc("critical", spAll(op, op, op, op), incident("Trading down", "critical", "investigating", spC("t", "Trading", op, "gx")), ""), Outage, false},
		{"major incident on trading", spDoc("major", spAll(op, op, op, op), incident("Slow orders", "major", "identified", spC("t", "Trading", op, "gx")), ""), Degraded, false},
		{"critical incident on funding", spDoc("critical", spAll(op, op, op, op), incident("ETH withdrawals delayed", "critical", "identified", spC("eth", "Ethereum (ETH) - Polygon", op, "gf")), ""), Degraded, true},
		{"cancel-only incident", spDoc("minor", spAll(op, op, op, op), incident("Exchange in cancel-only mode", "minor", "identified", ""), ""), Restricted, false},
		{"resolved incident ignored", spDoc("none", spAll(op, op, op, op), incident("Trading down", "critical", "resolved", ""), ""), Operational, false},
		{"scheduled maintenance is an annotation", spDoc("none", spAll(op, op, op, op), "", maint("scheduled", spC("t", "Trading", op, "gx"))), Operational, false},
		{"maintenance in progress on trading", spDoc("maintenance", spAll(op, op, op, op), "", maint("in_progress", spC("t", "Trading", op, "gx"))), Maintenance, false},
		{"maintenance verifying without components", spDoc("maintenance", spAll(op, op, op, op), "", maint("verifying", "")), Maintenance, false},
		{"maintenance in progress on funding", spDoc("maintenance", spAll(op, op, op, op), "", maint("in_progress", spC("f", "Deposits & Withdrawals", op, ""))), Operational, true},
		{"completed maintenance ignored", spDoc("none", spAll(op, op, op, op), "", maint("completed", "")), Operational, false},
		{"unknown maintenance status", spDoc("none", spAll(op, op, op, op), "", maint("paused", "")), Unknown, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, err := ParseStatusPage(Response{StatusCode: 200, Body: c.body})
			if err != nil {
				t.Fatal(err)
			}
			if obs.Level != c.want {
				t.Fatalf("level %v, want %v (summary %q, reasons %v)", obs.Level, c.want, obs.Summary, obs.Reasons)
			}
			if got := slices.Contains(obs.Advice, WithdrawalsSuspended); got != c.withdraw {
				t.Errorf("withdrawals_suspended advice %v, want %v (advice %v)", got, c.withdraw, obs.Advice)
			}
			if obs.Summary == "" {
				t.Error("empty summary")
			}
			if obs.Authoritative != (c.want != Unknown) {
				t.Errorf("authoritative %v at %v", obs.Authoritative, obs.Level)
			}
		})
	}
}

func TestParseStatusPageDetails(t *testing.T) {
	body := spDoc("critical", spAll("major_outage", "operational", "operational", "operational"),
		`{"id":"i1","name":"Trading unavailable","status":"identified","impact":"critical","created_at":"2026-11-21T09:00:00Z","shortlink":"https://stspg.io/x","started_at":"2026-11-21T09:00:00Z",`+
			`"incident_updates":[{"id":"u1","status":"investigating","body":"old","created_at":"2026-11-21T09:00:00Z"},{"id":"u2","status":"identified","body":"new","created_at":"2026-11-21T09:30:00Z"}],"components":[]}`,
		`{"id":"m1","name":"DB upgrade","status":"scheduled","impact":"maintenance","shortlink":"javascript:alert(1)","scheduled_for":"2026-11-22T01:00:00.000Z","scheduled_until":"2026-11-22T03:00:00+00:00","components":[]}`)
	obs, err := ParseStatusPage(Response{StatusCode: 200, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs.Incidents) != 1 {
		t.Fatalf("incidents %v", obs.Incidents)
	}
	in := obs.Incidents[0]
	if in.Title != "Trading unavailable" || in.Status != "identified" || in.Impact != "critical" || in.Update != "new" || in.URL != "https://stspg.io/x" || in.Started.IsZero() {
		t.Errorf("incident %+v", in)
	}
	if len(obs.Maintenance) != 1 {
		t.Fatalf("maintenance %v", obs.Maintenance)
	}
	m := obs.Maintenance[0]
	want := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	if m.Title != "DB upgrade" || !m.Start.Equal(want) || !m.End.Equal(want.Add(2*time.Hour)) || m.Status != "scheduled" || m.Source != SourceStatusPage || m.URL != "" {
		t.Errorf("window %+v", m)
	}
	if !strings.Contains(obs.Summary, "Trading") {
		t.Errorf("summary %q does not name the component", obs.Summary)
	}
	if !slices.Contains(obs.Advice, PauseTrading) {
		t.Errorf("advice %v", obs.Advice)
	}
}

func TestParseStatusPageRejects(t *testing.T) {
	for name, r := range map[string]Response{
		"empty":              {StatusCode: 200},
		"html":               {StatusCode: 200, Body: []byte("<html><body>Cloudflare</body></html>")},
		"truncated":          {StatusCode: 200, Body: spDoc("none", spAll("operational", "operational", "operational", "operational"), "", "")[:90]},
		"array":              {StatusCode: 200, Body: []byte(`[]`)},
		"no status":          {StatusCode: 200, Body: []byte(`{"components":[]}`)},
		"indicator number":   {StatusCode: 200, Body: []byte(`{"status":{"indicator":3}}`)},
		"components object":  {StatusCode: 200, Body: []byte(`{"status":{"indicator":"none"},"components":{}}`)},
		"incidents string":   {StatusCode: 200, Body: []byte(`{"status":{"indicator":"none"},"incidents":"x"}`)},
		"http 503 with json": {StatusCode: 503, Body: spDoc("none", "", "", "")},
		"http 404":           {StatusCode: 404, Body: []byte(`{"error":"not found"}`)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseStatusPage(r)
			if !errors.Is(err, ErrNotStatus) {
				t.Fatalf("err %v, want ErrNotStatus", err)
			}
		})
	}
}

func TestStatusPageProbe(t *testing.T) {
	p := StatusPageProbe("https://status.kraken.com/")
	if p.URL != "https://status.kraken.com/api/v2/summary.json" || p.Source != SourceStatusPage || p.Name != "summary.json" || p.Parse == nil {
		t.Fatalf("%+v", p)
	}
}

func TestStatusPageClassify(t *testing.T) {
	for name, want := range map[[2]string]spClass{
		{"Trading", ""}:                  spTrading,
		{"Website", ""}:                  spTrading,
		{"Login", ""}:                    spTrading,
		{"FIX API", "Coinbase Exchange"}: spTrading,
		{"Spot Order Matching", ""}:      spTrading,
		{"Deposits & Withdrawals", ""}:   spFunding,
		{"Ethereum (ETH) - Polygon", "Digital Currency Funding"}:    spFunding,
		{"Digital Currency Funding - Bitcoin (BTC)", ""}:            spFunding,
		{"Solana", "Crypto Networks"}:                               spFunding,
		{"ACH Transfers", ""}:                                       spFunding,
		{"Exchange deposits", ""}:                                   spFunding,
		{"Customer Support", ""}:                                    spOther,
		{"Staking", ""}:                                             spOther,
		{"Bitcoin", ""}:                                             spFunding,
		{"Some thing", "Exchange"}:                                  spTrading,
		{"Cardano (ADA)", ""}:                                       spFunding,
		{"Kaspa (KAS)", ""}:                                         spFunding,
		{"Bitcoin trading", ""}:                                     spTrading,
		{"Bitcoin network", "Exchange"}:                             spFunding,
		{"Trading (FIX)", ""}:                                       spTrading,
		{"Gemini ActiveTrader", ""}:                                 spTrading,
		{"Trading - limited", "Exchange"}:                           spTrading,
		{"Withdrawals API", ""}:                                     spFunding,
		{"Kraken Futures", ""}:                                      spTrading,
		{"Email notifications", ""}:                                 spOther,
		{"Margin trading", ""}:                                      spTrading,
		{"Advanced Trade", "Coinbase"}:                              spTrading,
		{"Ethereum", "Blockchain networks — sending and receiving"}: spFunding,
	} {
		if got := spClassify(name[0], name[1]); got != want {
			t.Errorf("%q in %q: %v, want %v", name[0], name[1], got, want)
		}
	}
}

func FuzzParseStatusPage(f *testing.F) {
	op := "operational"
	f.Add(200, spDoc("none", spAll(op, op, op, op), "", ""))
	f.Add(200, spDoc("critical", spAll("major_outage", op, op, op), `{"id":"i","name":"x","status":"identified","impact":"critical","incident_updates":[{"body":"b"}],"components":[{"id":"t"}]}`, ""))
	f.Add(200, spDoc("maintenance", spAll(op, op, op, "under_maintenance"), "", `{"name":"m","status":"in_progress","scheduled_for":"2026-11-22T01:00:00Z","components":[]}`))
	f.Add(200, []byte(`{"status":{"indicator":"none"},"components":[1,"x",null,{"group":true}]}`))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		obs, err := ParseStatusPage(Response{StatusCode: code, Body: body})
		if err != nil {
			if !errors.Is(err, ErrNotStatus) {
				t.Fatalf("error does not wrap ErrNotStatus: %v", err)
			}
			return
		}
		if obs.Summary == "" {
			t.Fatal("empty summary")
		}
	})
}

func TestParseStatusPageManyCoins(t *testing.T) {
	comps := spGroups + "," + spC("t", "Trading", "operational", "gx")
	for i := 0; i < 150; i++ {
		comps += "," + spC(fmt.Sprintf("c%d", i), fmt.Sprintf("Coin %d (C%03d)", i, i), "under_maintenance", "gf")
	}
	obs, err := ParseStatusPage(Response{StatusCode: 200, Body: spDoc("maintenance", comps, "", "")})
	if err != nil {
		t.Fatal(err)
	}
	if obs.Level != Operational || len(obs.Reasons) != spMaxReasons+1 || !strings.Contains(obs.Summary, "and 147 more") {
		t.Fatalf("level %v, %d reasons, summary %q", obs.Level, len(obs.Reasons), obs.Summary)
	}
	if !slices.Contains(obs.Advice, WithdrawalsSuspended) {
		t.Errorf("advice %v", obs.Advice)
	}
}

func ExampleParseStatusPage() {
	body := []byte(`{"status":{"indicator":"major","description":"Partial System Outage"},
	 "components":[{"id":"t","name":"Trading","status":"operational"},
	               {"id":"w","name":"Withdrawals","status":"major_outage"}],
	 "incidents":[],"scheduled_maintenances":[]}`)
	obs, err := ParseStatusPage(Response{StatusCode: 200, Body: body})
	fmt.Println(obs.Level, err)
	fmt.Println(obs.Summary)
	fmt.Println(obs.Advice)
	// Output:
	// degraded <nil>
	// Status page: major outage on "Withdrawals" (funding)
	// [no_market_orders withdrawals_suspended]
}
