package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"safeharbor/exchanges"
)

func TestExchangesJSON(t *testing.T) {
	code, out, _ := run("exchanges", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var doc struct {
		Exchanges []struct {
			ID, Name, Country string
			Signals           []string
			Links             map[string]string
			Domains           []string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Exchanges) != len(exchanges.All()) {
		t.Fatalf("%d entries, catalog has %d", len(doc.Exchanges), len(exchanges.All()))
	}
	for _, e := range doc.Exchanges {
		if e.ID == "" || e.Name == "" || e.Signals == nil || e.Domains == nil {
			t.Errorf("%+v", e)
		}
	}
}

func TestExchangesTable(t *testing.T) {
	code, out, _ := run("exchanges")
	if code != 0 || !strings.Contains(out, "SIGNALS") {
		t.Fatalf("%d %s", code, out)
	}
	for _, e := range exchanges.All() {
		if !strings.Contains(out, e.ID) {
			t.Errorf("%s missing", e.ID)
		}
	}
	if code, _, _ := run("exchanges", "extra"); code != ExitUsage {
		t.Errorf("extra arg: %d", code)
	}
}
