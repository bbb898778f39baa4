package fakex

import (
	"sort"
	"sync"
)

var (
	venueMu sync.Mutex
	venues  = map[string]func() Venue{}
)

// registerVenue adds a venue constructor; each venue file calls it from init.
func registerVenue(id string, mk func() Venue) {
	venueMu.Lock()
	defer venueMu.Unlock()
	if _, dup := venues[id]; dup {
		panic("fakex: duplicate venue " + id)
	}
	venues[id] = mk
}

// NewVenue returns a fresh fake for a catalog id.
func NewVenue(id string) (Venue, bool) {
	venueMu.Lock()
	defer venueMu.Unlock()
	mk, ok := venues[id]
	if !ok {
		return nil, false
	}
	return mk(), true
}

// VenueIDs lists the ids that have a fake, sorted.
func VenueIDs() []string {
	venueMu.Lock()
	defer venueMu.Unlock()
	ids := make([]string, 0, len(venues))
	for id := range venues {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// StartVenue starts the fake for id, or returns false if there is none.
func StartVenue(id string) (*Server, bool) {
	v, ok := NewVenue(id)
	if !ok {
		return nil, false
	}
	return Start(v), true
}
