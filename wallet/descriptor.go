package wallet

import (
	"fmt"
	"strings"
)

const (
	descInputCharset    = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ "
	descChecksumCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
)

func descPolymod(c uint64, val int) uint64 {
	c0 := c >> 35
	c = (c&0x7ffffffff)<<5 ^ uint64(val)
	if c0&1 != 0 {
		c ^= 0xf5dee51989
	}
	if c0&2 != 0 {
		c ^= 0xa9fdca3312
	}
	if c0&4 != 0 {
		c ^= 0x1bab10e32d
	}
	if c0&8 != 0 {
		c ^= 0x3706b1677a
	}
	if c0&16 != 0 {
		c ^= 0x644d626ffd
	}
	return c
}

// DescriptorChecksum returns the 8-character BIP-380 checksum of desc (the
// text before any '#'). Characters outside the descriptor character set
// are an error; the error names the position, not the text.
func DescriptorChecksum(desc string) (string, error) {
	if i := strings.IndexByte(desc, '#'); i >= 0 {
		desc = desc[:i]
	}
	c := uint64(1)
	cls, clscount := 0, 0
	for i := 0; i < len(desc); i++ {
		pos := strings.IndexByte(descInputCharset, desc[i])
		if pos < 0 {
			return "", fmt.Errorf("descriptor has an invalid character at byte %d", i+1)
		}
		c = descPolymod(c, pos&31)
		cls = cls*3 + pos>>5
		clscount++
		if clscount == 3 {
			c = descPolymod(c, cls)
			cls, clscount = 0, 0
		}
	}
	if clscount > 0 {
		c = descPolymod(c, cls)
	}
	for range 8 {
		c = descPolymod(c, 0)
	}
	c ^= 1
	var out [8]byte
	for j := range 8 {
		out[j] = descChecksumCharset[(c>>(5*(7-j)))&31]
	}
	return string(out[:]), nil
}

// splitChecksum separates "body#checksum" and verifies the checksum when
// present.
func splitChecksum(desc string) (string, error) {
	i := strings.IndexByte(desc, '#')
	if i < 0 {
		if _, err := DescriptorChecksum(desc); err != nil {
			return "", err
		}
		return desc, nil
	}
	body, given := desc[:i], desc[i+1:]
	want, err := DescriptorChecksum(body)
	if err != nil {
		return "", err
	}
	if len(given) != 8 {
		return "", fmt.Errorf("descriptor checksum must be 8 characters after '#', got %d", len(given))
	}
	if given != want {
		return "", fmt.Errorf("descriptor checksum mismatch: expected %s, given %s (the descriptor was altered or mistyped)", want, checksumSafe(given))
	}
	return body, nil
}

// checksumSafe keeps only checksum-charset characters of a given checksum,
// so an error never reflects arbitrary input.
func checksumSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && i < 8; i++ {
		if strings.IndexByte(descChecksumCharset, s[i]) >= 0 {
			b.WriteByte(s[i])
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// withChecksum appends "#checksum" to a descriptor body built by us.
func withChecksum(body string) string {
	cs, err := DescriptorChecksum(body)
	if err != nil {
		panic("wallet: built an invalid descriptor") // our own output is always in the charset
	}
	return body + "#" + cs
}
