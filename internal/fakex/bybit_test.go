package fakex

import "testing"

func TestBybitVenue(t *testing.T) { adpVenueSmoke(t, "bybit", "/v5/system/status") }
