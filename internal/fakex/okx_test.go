package fakex

import "testing"

func TestOKXVenue(t *testing.T) { adpVenueSmoke(t, "okx", "/api/v5/system/status") }
