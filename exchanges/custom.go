package exchanges

import (
	"fmt"
	"slices"

	"github.com/tidwall/gjson"
)

// Custom returns an adapter for a user-defined status endpoint (SPEC §5):
// one REST probe on url whose JSON value at the gjson path must be one of
// ok. It is not registered in the catalog. The url may carry a token in its
// query, so it is never copied into Links or reasons.
func Custom(id, name, url, path string, ok []string) *Exchange {
	if name == "" {
		name = id
	}
	ok = slices.Clone(ok)
	return &Exchange{
		ID:       id,
		Name:     name,
		Defaults: Endpoints{API: url},
		Probes: func(t Target) []Probe {
			if !Enabled(t.Endpoints.API) {
				return nil
			}
			return []Probe{{
				Name:   "custom",
				Source: SourceREST,
				URL:    t.Endpoints.API,
				Parse:  func(r Response) (Observation, error) { return ParseCustom(r, path, ok) },
			}}
		},
		Feed: func(Target) *Feed { return nil },
	}
}

// ParseCustom reads the value at path (the user's own gjson path: config,
// not network data) from a JSON body. A value listed in ok is an
// authoritative Operational, any other value an authoritative Outage, and a
// body without the value wraps ErrNotStatus.
func ParseCustom(r Response, path string, ok []string) (Observation, error) {
	if !gjson.ValidBytes(r.Body) {
		if r.StatusCode >= 300 {
			return Observation{}, fmt.Errorf("%w: HTTP %d with a body that is not JSON", ErrNotStatus, r.StatusCode)
		}
		return Observation{}, fmt.Errorf("%w: body is not valid JSON", ErrNotStatus)
	}
	v := gjson.GetBytes(r.Body, path)
	if !v.Exists() {
		return Observation{}, fmt.Errorf("%w: no value at path %q (HTTP %d)", ErrNotStatus, truncate(path, 64), r.StatusCode)
	}
	val := v.String()
	what := fmt.Sprintf("%s = %q", truncate(path, 64), truncate(val, 64))
	obs := Observation{
		Authoritative: true,
		Summary:       what,
		Reasons:       []Reason{{Source: SourceREST, Detail: what}},
	}
	if slices.Contains(ok, val) {
		obs.Level = Operational
		return obs, nil
	}
	obs.Level = Outage
	obs.Advice = AdviceFor(Outage)
	return obs, nil
}
