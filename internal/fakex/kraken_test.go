package fakex

import "testing"

func TestKrakenVenue(t *testing.T) { adpVenueSmoke(t, "kraken", "/0/public/SystemStatus") }
