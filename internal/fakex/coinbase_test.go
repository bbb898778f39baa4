package fakex

import "testing"

func TestCoinbaseVenue(t *testing.T) { adpVenueSmoke(t, "coinbase", "/products") }
