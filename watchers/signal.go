package watchers

import (
	"time"

	"safeharbor/exchanges"
)

// signal is the threshold state of one source of evidence about an
// exchange: one REST probe, the websocket's liveness, or its status pushes.
// All fields are guarded by Engine.mu.
type signal struct {
	key    string // probe name, "ws" or "ws/status"
	source string
	url    string // for the connectivity witness; never shown

	known        bool                  // obs is in effect
	obs          exchanges.Observation // the observation in effect
	inferredFail bool                  // obs came from inferred failures: recovery needs `successes`
	fails, oks   int
	streakStart  time.Time         // first failure of the current streak
	note         *exchanges.Reason // e.g. rate limited; shown without changing the level
	checkedAt    time.Time
	nextAt       time.Time // when the probe checks next (tests drive the fake clock by it)
	// cause says why an inferred obs is in effect where fusion treats it
	// specially: causeStated, an unrecognised value the exchange itself sent
	// (it outranks operational and degraded); causeUnreachable, no answer
	// (an outage only when no other REST endpoint of the exchange answers);
	// causeOffline, this computer is offline (the whole exchange is unknown).
	cause string
}

const (
	causeStated      = "stated"
	causeUnreachable = "unreachable"
	causeOffline     = "offline" // this computer appears to be offline
)

// succeed applies a usable observation. Authoritative states apply at
// once; a recovery from an inferred failure needs `need` successes in a row.
// Non-authoritative trouble (an adapter's own inference) and unrecognised
// values go through fail instead.
func (s *signal) succeed(obs exchanges.Observation, needFails, needOKs int, now time.Time) {
	if !obs.Authoritative && obs.Level != exchanges.Operational {
		cause := ""
		if obs.Level == exchanges.Unknown {
			cause = causeStated
		}
		s.failWith(obs, needFails, now, cause)
		return
	}
	s.note = nil
	s.fails = 0
	if obs.Level != exchanges.Operational || !s.known || !s.inferredFail {
		s.set(obs, false)
		return
	}
	s.oks++
	if s.oks >= needOKs {
		s.set(obs, false)
	}
}

// fail counts one inferred failure; obs takes effect at the threshold.
func (s *signal) fail(obs exchanges.Observation, need int, now time.Time) {
	s.failWith(obs, need, now, "")
}

func (s *signal) failWith(obs exchanges.Observation, need int, now time.Time, cause string) {
	s.note = nil
	s.oks = 0
	if s.fails == 0 {
		s.streakStart = now
	}
	s.fails++
	if s.fails >= need {
		s.set(obs, true)
		s.cause = cause
	}
}

// failNow applies a failure that is already sustained by its nature (a
// websocket silent for StallAfter, a burst of garbage).
func (s *signal) failNow(obs exchanges.Observation, now time.Time) {
	if s.fails == 0 {
		s.streakStart = now
	}
	s.fails++
	s.oks = 0
	s.note = nil
	s.set(obs, true)
}

func (s *signal) set(obs exchanges.Observation, inferred bool) {
	s.known = true
	s.obs = obs
	s.inferredFail = inferred
	s.oks = 0
	s.cause = ""
}

// wouldAlarm reports whether one more failure crosses the threshold: the
// moment to ask whether this computer is offline.
func (s *signal) wouldAlarm(need int) bool { return s.fails+1 >= need }

// recovering reports whether the probe should re-check quickly: a failure
// streak below the threshold, or a recovery in progress.
func (s *signal) recovering(needFails, needOKs int) bool {
	if s.fails > 0 && s.fails < needFails {
		return true
	}
	return s.known && s.inferredFail && s.fails == 0 && s.oks > 0 && s.oks < needOKs
}

// inferred builds the observation of an inferred failure.
func inferred(level exchanges.Level, source, detail string) exchanges.Observation {
	o := exchanges.Observation{
		Level:   level,
		Summary: upperFirst(detail),
		Reasons: []exchanges.Reason{{Source: source, Detail: detail}},
	}
	if level != exchanges.Unknown {
		o.Advice = exchanges.AdviceFor(level)
	}
	return o
}

func offlineObs() exchanges.Observation {
	return exchanges.Observation{
		Level:   exchanges.Unknown,
		Summary: upperFirst(OfflineReason),
		Reasons: []exchanges.Reason{{Source: exchanges.SourceConnectivity, Detail: OfflineReason}},
	}
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
