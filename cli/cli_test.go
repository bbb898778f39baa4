package cli

import (
	"flag"
	"slices"
	"strings"
	"testing"
)

func TestParseFlagsInterspersed(t *testing.T) {
	for _, args := range [][]string{
		{"ADDR", "--network", "testnet"},
		{"--network", "testnet", "ADDR"},
		{"--network=testnet", "ADDR"},
	} {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		network := fs.String("network", "mainnet", "")
		pos, err := parseFlags(fs, args)
		if err != nil || *network != "testnet" || !slices.Equal(pos, []string{"ADDR"}) {
			t.Errorf("%v: pos=%v network=%s err=%v", args, pos, *network, err)
		}
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("json", false, "")
	pos, err := parseFlags(fs, []string{"a", "--", "--json", "b"})
	if err != nil || !slices.Equal(pos, []string{"a", "--json", "b"}) {
		t.Errorf("after --: %v %v", pos, err)
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errb strings.Builder
	if code := Main([]string{"frobnicate"}, nil, &out, &errb, nil); code != ExitUsage {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), "frobnicate") {
		t.Fatalf("stderr %q", errb.String())
	}
}
