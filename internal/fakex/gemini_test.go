package fakex

import "testing"

func TestGeminiVenue(t *testing.T) { adpVenueSmoke(t, "gemini", "/v1/symbols/details/BTCUSD") }
