//go:build !unix

package fakex

import "net"

// Refusing is a loopback address that refuses connections. Without unix
// sockets to hold the port, it is a closed listener's: best effort.
type Refusing struct{ Addr string }

// Refuse picks the port.
func Refuse() (*Refusing, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return &Refusing{Addr: l.Addr().String()}, nil
}

// URL is http://Addr.
func (r *Refusing) URL() string { return "http://" + r.Addr }

// Close does nothing: nothing is held.
func (r *Refusing) Close() error { return nil }
