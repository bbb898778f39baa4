package exchanges

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ReasonGroup is one line of a verdict's reasons: a reason on its own, or
// the per-pair reasons that tell one state of several pairs.
type ReasonGroup struct {
	Reason          // the first; its Detail as the adapter wrote it
	Pairs  []string // with more than one: the pairs it stands for
	Raw    string   // with Pairs: their shared raw state
	Level  Level    // with Pairs: the level the adapter read in Raw, when Stated
	Stated bool     // the pairs are the verdict's, so Level is known
}

// rePairCode is a pair's code with a separator (BTC-USD, btc_jpy,
// ETH/BTC): a reason "CODE RAW" of a pair the verdict does not list (a
// feed's, say) is still grouped by it.
var rePairCode = regexp.MustCompile(`^[A-Za-z0-9]{2,12}[-_/][A-Za-z0-9]{2,12}$`)

// GroupReasons merges the per-pair reasons FoldPairs writes ("BTC-USD
// online trading_disabled …", one per pair) that share a source and a raw
// state, where the first of them stood, so a halt of eight pairs reads as
// one line. pairs are the verdict's pair statuses; any other reason stays
// as it is.
func GroupReasons(rs []Reason, pairs []PairStatus) []ReasonGroup {
	byDetail := map[string]PairStatus{}
	for _, p := range pairs {
		byDetail[p.Pair+" "+p.Raw] = p
	}
	var out []ReasonGroup
	at := map[[2]string]int{} // source, raw → index in out
	for _, r := range rs {
		p, stated := byDetail[r.Detail]
		if !stated {
			code, raw, ok := strings.Cut(r.Detail, " ")
			if !ok || !rePairCode.MatchString(code) {
				out = append(out, ReasonGroup{Reason: r})
				continue
			}
			p = PairStatus{Pair: code, Raw: raw, Level: Unknown}
		}
		key := [2]string{r.Source, p.Raw}
		if i, seen := at[key]; seen && out[i].Level == p.Level && out[i].Stated == stated && !slices.Contains(out[i].Pairs, p.Pair) {
			out[i].Pairs = append(out[i].Pairs, p.Pair)
			continue
		}
		at[key] = len(out)
		out = append(out, ReasonGroup{Reason: r, Pairs: []string{p.Pair}, Raw: p.Raw, Level: p.Level, Stated: stated})
	}
	for i := range out {
		if len(out[i].Pairs) < 2 {
			out[i].Pairs, out[i].Raw, out[i].Level, out[i].Stated = nil, "", 0, false
		}
	}
	return out
}

// Text is the line in English: the reason's detail, or for several pairs
// "BTC-USD, ETH-USD, SOL-USD and 5 more: RAW".
func (g ReasonGroup) Text() string {
	if len(g.Pairs) < 2 {
		return g.Detail
	}
	return PairList(g.Pairs, 3, ", ", "%s and %d more") + ": " + g.Raw
}

// PairList joins up to max pairs with sep, and words the rest with more
// (given the list and how many are left out).
func PairList(pairs []string, max int, sep, more string) string {
	if len(pairs) <= max {
		return strings.Join(pairs, sep)
	}
	return fmt.Sprintf(more, strings.Join(pairs[:max], sep), len(pairs)-max)
}
