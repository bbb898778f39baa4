package wallet

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func corpusSeeds(f *testing.F) {
	fh, err := os.Open("testdata/addresses.txt")
	if err != nil {
		f.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(strings.TrimSpace(sc.Text()), " ", 3)
		if len(parts) == 3 && !strings.HasPrefix(parts[0], "#") {
			if s, err := strconv.Unquote(parts[2]); err == nil {
				f.Add(s)
			}
		}
	}
}

func FuzzCheckAddress(f *testing.F) {
	corpusSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range Networks {
			a, err := CheckAddress(s, n)
			if err != nil {
				var ae *AddressError
				if !errors.As(err, &ae) || ae.Reason == "" || ae.Msg == "" {
					t.Fatalf("error without reason: %v", err)
				}
				if len(s) >= 12 && strings.Contains(ae.Msg, s) {
					t.Fatalf("message echoes the input")
				}
				continue
			}
			if a.Network != n || a.Type == "" || a.String == "" {
				t.Fatalf("incomplete address %+v", a)
			}
			// A valid address is canonical and stable.
			b, err := CheckAddress(a.String, n)
			if err != nil || b != a {
				t.Fatalf("canonical form does not re-check: %+v %v", b, err)
			}
		}
	})
}

func FuzzParseAccount(f *testing.F) {
	for _, s := range []string{bip84zpub, bip86xpub, bip49ypub, bip44xpub, bip84xprv,
		"wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)#cjjspncu",
		"tr(" + bip86xpub + "/<0;1>/*)", "sh(wpkh(" + bip49ypub + "))", "pkh([00000000/44h/0h/0h]" + bip44xpub + "/1/*)",
		"raw(deadbeef)#89f8spxm", "wpkh(", "tr(x,{})", "[", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"} {
		for _, h := range []ScriptType{"", P2WPKH, P2TR} {
			f.Add(s, string(h))
		}
	}
	f.Fuzz(func(t *testing.T, s, hint string) {
		a, err := ParseAccount(s, Mainnet, ScriptType(hint))
		if err != nil {
			if len(s) >= 20 && strings.Contains(err.Error(), strings.TrimSpace(s)) {
				t.Fatalf("error echoes the input")
			}
			return
		}
		ad, err := a.Address(false, 0)
		if err != nil && a.HasChange() {
			ad, err = a.Address(true, 0)
		}
		if err != nil {
			if !a.HasChange() {
				return
			}
			t.Fatalf("derive: %v", err)
		}
		if _, err := CheckAddress(ad.String, Mainnet); err != nil {
			t.Fatalf("derived address fails the check: %v", err)
		}
		b, err := ParseAccount(a.Descriptor(), Mainnet, "")
		if err != nil || b.Descriptor() != a.Descriptor() {
			t.Fatalf("canonical descriptor does not parse back: %v", err)
		}
	})
}

func FuzzDescriptorChecksum(f *testing.F) {
	for _, s := range []string{"raw(deadbeef)", "raw(deadbeef)#89f8spxm", "", "#", "wpkh([d34db33f/84h/0h/0h]xpub/0/*)", "raw(Ü)", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sum, err := DescriptorChecksum(s)
		if err != nil {
			return
		}
		if len(sum) != 8 || !utf8.ValidString(sum) {
			t.Fatalf("checksum %q", sum)
		}
		body := s
		if i := strings.IndexByte(s, '#'); i >= 0 {
			body = s[:i]
		}
		if _, err := splitChecksum(body + "#" + sum); err != nil {
			t.Fatalf("own checksum refused: %v", err)
		}
	})
}
