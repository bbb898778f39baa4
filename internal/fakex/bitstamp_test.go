package fakex

import "testing"

func TestBitstampVenue(t *testing.T) { adpVenueSmoke(t, "bitstamp", "/api/v2/trading-pairs-info/") }
