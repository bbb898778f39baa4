//go:build unix

package fakex

import (
	"fmt"
	"syscall"
)

// Refusing holds a loopback TCP port that refuses every connection: bound
// but never listening, so no server can be handed the port while it is
// held. (A closed listener's port is free again, and the next server
// started may get it and answer instead of refusing.) Close releases it.
type Refusing struct {
	fd   int
	Addr string // 127.0.0.1:port
}

// Refuse binds the port.
func Refuse() (*Refusing, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return nil, fmt.Errorf("fakex: socket: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		syscall.Close(fd)
		return nil, fmt.Errorf("fakex: bind: %w", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		syscall.Close(fd)
		return nil, fmt.Errorf("fakex: getsockname: %w", err)
	}
	return &Refusing{fd: fd, Addr: fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)}, nil
}

// URL is http://Addr.
func (r *Refusing) URL() string { return "http://" + r.Addr }

// Close releases the port.
func (r *Refusing) Close() error { return syscall.Close(r.fd) }
