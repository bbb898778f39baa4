package notify

import (
	"math/rand/v2"
	"testing"
	"time"

	"safeharbor/exchanges"
)

// TestPolicyProperties drives the policy with random event sequences and
// checks what any alert stream must satisfy.
func TestPolicyProperties(t *testing.T) {
	levels := []exchanges.Level{exchanges.Operational, exchanges.Degraded, exchanges.Restricted, exchanges.Maintenance, exchanges.Outage, exchanges.Unknown}
	ids := []string{"bitbank", "kraken", "okx"}
	for round := range 40 {
		r := rand.New(rand.NewPCG(uint64(round), 11))
		cfg := alertsCfg()
		if round%2 == 1 {
			cfg.Alerts.QuietHours = "00:00-23:59"
		}
		p := newPolicy(t, cfg)
		now := t0
		seen := map[string]bool{}
		told := map[string]exchanges.Level{} // last level each exchange was alerted at
		for _, id := range ids {
			p.handle(first(id, now, exchanges.Operational), now)
			told[id] = exchanges.Operational
		}
		check := func(as []alert) {
			for _, a := range as {
				if seen[a.id] {
					t.Fatalf("round %d: duplicate alert id %s", round, a.id)
				}
				seen[a.id] = true
				if round%2 == 1 && a.level() != exchanges.Outage {
					t.Fatalf("round %d: %s at %s in quiet hours", round, a.kind, a.level())
				}
				for _, it := range a.items {
					if it.Level == exchanges.Unknown {
						t.Fatalf("round %d: alert at unknown level", round)
					}
					switch a.kind {
					case KindChange, KindGroup, KindRecovery:
						if round%2 == 0 && it.Level == told[it.Exchange] {
							t.Fatalf("round %d: repeated %s alert for %s", round, it.Level, it.Exchange)
						}
						if it.Duration > 0 && !told[it.Exchange].Troubled() && round%2 == 0 {
							t.Fatalf("round %d: recovery without trouble for %s", round, it.Exchange)
						}
						told[it.Exchange] = it.Level
					case KindReminder:
						if !it.Level.Troubled() {
							t.Fatalf("round %d: reminder at %s", round, it.Level)
						}
					}
				}
				_ = render(a, "ja", tokyo)
				_ = render(a, "en", tokyo)
			}
		}
		for range 80 {
			now = now.Add(time.Duration(r.IntN(900)) * time.Second)
			if r.IntN(3) == 0 {
				check(p.tick(now))
				if next := p.next(now); !next.IsZero() && !next.After(now) {
					t.Fatalf("round %d: wake time %v not after %v", round, next, now)
				}
				continue
			}
			id := ids[r.IntN(len(ids))]
			check(p.handle(ev(id, now, levels[r.IntN(len(levels))], 0), now))
			// Everything due was handled: the next wake lies ahead.
			if next := p.next(now); !next.IsZero() && !next.After(now) {
				t.Fatalf("round %d: wake time %v not after %v", round, next, now)
			}
		}
	}
}
