package fakex

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
)

func TestRefuseRefusesAndKeepsItsPort(t *testing.T) {
	r, err := Refuse()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for range 20 { // servers started meanwhile never get the port
		s := httptest.NewServer(http.NotFoundHandler())
		if s.Listener.Addr().String() == r.Addr {
			t.Fatalf("a server got the held port %s", r.Addr)
		}
		s.Close()
	}
	_, err = net.Dial("tcp", r.Addr)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial %s: %v, want connection refused", r.Addr, err)
	}
}
