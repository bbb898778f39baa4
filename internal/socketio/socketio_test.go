package socketio

import "testing"

func TestDecode(t *testing.T) {
	p, err := Decode([]byte(`42["message",{"room_name":"ticker_btc_jpy"}]`))
	if err != nil || p.EIO != Message || p.SIO != Event || string(p.Data) != `["message",{"room_name":"ticker_btc_jpy"}]` {
		t.Fatalf("got %+v %v", p, err)
	}
	if _, err := Decode([]byte("9x")); err == nil {
		t.Fatal("want error for unknown type")
	}
	h, err := DecodeHandshake([]byte(`{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`))
	if err != nil || h.PingTimeout != 20000 {
		t.Fatalf("handshake %+v %v", h, err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"0{}", "2", "3", "40", `40{"sid":"x"}`, `42["a"]`, "4", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err == nil && p.EIO == Open {
			_, _ = DecodeHandshake(p.Data)
		}
	})
}
