package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	testZpub = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
	testXpub = "xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ"
)

func TestWalletDerive(t *testing.T) {
	code, out, errs := runWalletCLI(t, testZpub+"\n", "wallet", "derive", "-", "--count", "2")
	want := "0 bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu\n1 bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g\n"
	if code != ExitOK || out != want || errs != "" {
		t.Errorf("stdin: %d %q %q", code, out, errs)
	}
	// Key on argv works but warns; flags before the positional.
	code, out, errs = runWalletCLI(t, "", "wallet", "derive", "--change", "--count=1", testZpub)
	if code != ExitOK || out != "0 bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el\n" || !strings.Contains(errs, "shell history") {
		t.Errorf("argv: %d %q %q", code, out, errs)
	}
	code, out, _ = runWalletCLI(t, "tr("+testXpub+"/<0;1>/*)\n", "wallet", "derive", "-", "--from", "1", "--count", "1", "--json")
	var res deriveResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v %q", err, out)
	}
	if code != ExitOK || res.Script != "p2tr" || res.Network != "mainnet" || len(res.Account) != 8 || len(res.Addresses) != 1 ||
		res.Addresses[0] != (derivedJSON{1, "bc1p4qhjn9zdvkux4e44uhx8tc55attvtyu358kutcqkudyccelu0was9fqzwh", "0/1"}) {
		t.Errorf("json: %d %+v", code, res)
	}
	if strings.Contains(out, "xpub") {
		t.Errorf("JSON output contains the key")
	}
	if code, out, _ := runWalletCLI(t, testXpub, "wallet", "derive", "-", "--script", "p2tr", "--count", "1"); code != ExitOK || !strings.HasPrefix(out, "0 bc1p5cyxnux") {
		t.Errorf("--script: %d %q", code, out)
	}
}

func TestWalletDeriveRefusals(t *testing.T) {
	const xprv = "xprv9s21ZrQH143K3GJpoapnV8SFfukcVBSfeCficPSGfubmSFDxo1kuHnLisriDvSnRRuL2Qrg5ggqHKNVpxR86QEC8w35uxmGoggxtQTPvfUu"
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"bare xpub", testXpub, []string{"-"}, ExitUsage, "choose the script type"},
		{"xprv", xprv, []string{"-"}, ExitFailure, "never type these"},
		{"xprv argv", "", []string{xprv}, ExitFailure, "never type these"},
		{"wrong network", testZpub, []string{"-", "--network", "testnet"}, ExitFailure, "mainnet key"},
		{"bad checksum", "wpkh(" + testXpub + ")#aaaaaaaa", []string{"-"}, ExitFailure, "given aaaaaaaa"},
		{"bad script", testXpub, []string{"-", "--script", "p2wsh"}, ExitUsage, "unknown script type"},
		{"zero count", testZpub, []string{"-", "--count", "0"}, ExitUsage, "--count"},
		{"too far", testZpub, []string{"-", "--from", "2147483647", "--count", "2"}, ExitUsage, "past the last"},
		{"no key", "", []string{}, ExitUsage, "usage"},
		{"empty stdin", "", []string{"-"}, ExitUsage, "nothing on stdin"},
		{"two keys", "", []string{testZpub, testXpub}, ExitUsage, "usage"},
	} {
		code, out, errs := runWalletCLI(t, tc.stdin, append([]string{"wallet", "derive"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("%s: %d %q %q", tc.name, code, out, errs)
		}
		for _, secret := range []string{xprv[4:20], testXpub[4:20], testZpub[4:20]} {
			if strings.Contains(errs, secret) {
				t.Errorf("%s: stderr echoes a key", tc.name)
			}
		}
	}
	if code, _, _ := runWalletCLI(t, "", "wallet"); code != ExitUsage {
		t.Errorf("no subcommand")
	}
}
