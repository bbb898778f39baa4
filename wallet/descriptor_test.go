package wallet

import "testing"

func TestDescriptorChecksumVectors(t *testing.T) {
	for _, tc := range []struct{ desc, want string }{
		{"raw(deadbeef)", "89f8spxm"}, // BIP-380
		{"wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)", "cjjspncu"}, // Bitcoin Core deriveaddresses help
	} {
		got, err := DescriptorChecksum(tc.desc)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q %v want %q", tc.desc, got, err, tc.want)
		}
	}
}
