package ui

import (
	"flag"

	"safeharbor/internal/ja/jatest"
)

// jaDump logs every English text of the wallet and its Japanese, for
// review: go test -tags ... ./ui -run TestJapanesePlanInventory -ja-dump x
// (what the engine and the adapters say is checked in internal/ja).
var jaDump = flag.String("ja-dump", "", "log the Japanese inventory")

// inventory is the guard for the wallet's Japanese: English left outside
// the exchange's own words fails.
type inventory struct{ guard *jatest.Checker }

func newInventory() *inventory { return &inventory{guard: jatest.New()} }

func (inv *inventory) english(ja string) []string { return inv.guard.English(ja) }
