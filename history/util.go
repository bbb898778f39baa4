package history

import (
	"cmp"
	"encoding/binary"
	"os"
	"runtime"
	"slices"
	"time"
)

var (
	goos          = func() string { return runtime.GOOS }
	userHome      = os.UserHomeDir
	userConfigDir = os.UserConfigDir
)

func be64(v int64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(v))
	return b
}

// exKey is exchange \x00 time(8) seq(8): per-exchange prefix scans in time order.
func exKey(exchange string, t time.Time, seq uint64) []byte {
	k := make([]byte, 0, len(exchange)+17)
	k = append(k, exchange...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, uint64(t.UnixNano()))
	return binary.BigEndian.AppendUint64(k, seq)
}

func exPrefix(exchange string) []byte { return append([]byte(exchange), 0) }

// keyTime reads the time out of an exKey.
func keyTime(k []byte) (time.Time, bool) {
	if len(k) < 17 {
		return time.Time{}, false
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[len(k)-16:]))), true
}

func sortBy[T any](s []T, f func(a, b T) int) { slices.SortStableFunc(s, f) }

func cmpInt(a, b int64) int { return cmp.Compare(a, b) }
