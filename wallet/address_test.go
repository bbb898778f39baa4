package wallet

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestAddressCorpus(t *testing.T) {
	f, err := os.Open("testdata/addresses.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	line, cases := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		parts := strings.SplitN(text, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("line %d: malformed", line)
		}
		n, err := ParseNetwork(parts[0])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		addr, err := strconv.Unquote(parts[2])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		cases++
		got, err := CheckAddress(addr, n)
		if want, ok := strings.CutPrefix(parts[1], "ok:"); ok {
			if err != nil {
				t.Errorf("line %d %q: want valid %s, got %s: %v", line, addr, want, ReasonOf(err), err)
				continue
			}
			if string(got.Type) != want || got.Network != n || got.String != strings.ToLower(addr) && got.String != addr {
				t.Errorf("line %d %q: got %+v, want type %s", line, addr, got, want)
			}
			continue
		}
		if err == nil {
			t.Errorf("line %d %q: want %s, got valid %+v", line, addr, parts[1], got)
			continue
		}
		if r := ReasonOf(err); string(r) != parts[1] {
			t.Errorf("line %d %q: want %s, got %s: %v", line, addr, parts[1], r, err)
		}
		if len(addr) > 8 && strings.Contains(err.Error(), strings.TrimSpace(addr)) {
			t.Errorf("line %d: the error echoes the input", line)
		}
		if parts[1] == "private_key" && strings.Contains(err.Error(), strings.TrimSpace(addr)[:6]) {
			t.Errorf("line %d: the error echoes part of a private key", line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 100 {
		t.Fatalf("only %d cases", cases)
	}
}
