package fakex

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/internal/socketio"
)

// jpVenuePaths are the REST paths each of these venues serves, with the
// real query strings.
var jpVenuePaths = map[string][]string{
	"bitbank":   {"/v1/spot/status", "/btc_jpy/circuit_break_info"},
	"coincheck": {"/api/exchange_status", "/api/exchange_status?pair=btc_jpy"},
	"bitflyer":  {"/v1/gethealth?product_code=BTC_JPY", "/v1/getboardstate?product_code=BTC_JPY", "/v1/gethealth"},
	"gmocoin":   {"/public/v1/status"},
	"binance":   {"/sapi/v1/system/status", "/api/v3/exchangeInfo", `/api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22%5D`, "/api/v3/exchangeInfo?symbol=BTCUSDT"},
	"bitfinex":  {"/v2/platform/status", "/api/v2/summary.json", "/api/v2/status.json"},
}

var jpScenarios = []Scenario{Healthy, Busy, Halted, PairHalted, Restricted, MaintenanceScheduled, MaintenanceActive, UnknownValue}

// TestJPVenuesServeEveryScenario: every path answers JSON in every
// scenario, with 200 or the exchange's documented maintenance status.
func TestJPVenuesServeEveryScenario(t *testing.T) {
	for id, paths := range jpVenuePaths {
		s, ok := StartVenue(id)
		if !ok {
			t.Fatalf("no venue %s", id)
		}
		for _, sc := range jpScenarios {
			s.Update(func(st *State) {
				st.Scenario, st.Pairs = sc, []string{"btc_jpy", "BTC_JPY", "BTCUSDT", "tBTCUSD"}
				st.MaintStart, st.MaintEnd = time.Now().Add(time.Hour), time.Now().Add(2*time.Hour)
			})
			for _, p := range paths {
				code, body, err := coreTestGet(t, s.URL()+p, 5*time.Second)
				if err != nil {
					t.Fatalf("%s %s %s: %v", id, sc, p, err)
				}
				if code != http.StatusOK && code != http.StatusServiceUnavailable {
					t.Errorf("%s %s %s: HTTP %d", id, sc, p, code)
				}
				if !json.Valid([]byte(body)) {
					t.Errorf("%s %s %s: not JSON: %.80s", id, sc, p, body)
				}
			}
		}
		s.Close()
	}
}

func TestJPVenuesRejectBadParams(t *testing.T) {
	for id, p := range map[string]string{
		"bitflyer":  "/v1/gethealth?product_code=NOPE",
		"coincheck": "/api/exchange_status?pair=nope_jpy",
		"binance":   "/api/v3/exchangeInfo?symbol=NOPE",
		"bitbank":   "/nope_jpy/circuit_break_info",
	} {
		s, _ := StartVenue(id)
		code, body, err := coreTestGet(t, s.URL()+p, 5*time.Second)
		s.Close()
		if err != nil || (code == http.StatusOK && !strings.Contains(body, `"success":0`)) {
			t.Errorf("%s %s: %d %s %v", id, p, code, body, err)
		}
	}
}

// TestBitbankEngineIO checks the handshake, the ping the client must
// answer, and that a client that stops answering is dropped.
func TestBitbankEngineIO(t *testing.T) {
	s, _ := StartVenue("bitbank")
	s.HeartbeatEvery = 5 * time.Millisecond
	defer s.Close()
	c, _, err := websocket.DefaultDialer.Dial(s.WSURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	read := func() (socketio.Packet, error) {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, m, err := c.ReadMessage()
		if err != nil {
			return socketio.Packet{}, err
		}
		return socketio.Decode(m)
	}
	p, err := read()
	if err != nil || p.EIO != socketio.Open {
		t.Fatalf("open: %+v %v", p, err)
	}
	hs, err := socketio.DecodeHandshake(p.Data)
	if err != nil || hs.SID == "" {
		t.Fatalf("handshake %+v %v", hs, err)
	}
	c.WriteMessage(websocket.TextMessage, socketio.ConnectFrame)
	c.WriteMessage(websocket.TextMessage, socketio.EncodeEvent([]byte(`["join-room","ticker_btc_jpy"]`)))
	// Never answer pings: the server must hang up.
	for i := 0; i < 10000; i++ {
		if _, err := read(); err != nil {
			var ne interface{ Timeout() bool }
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("server kept a client that never answered pings")
			}
			return
		}
	}
	t.Fatal("server kept a client that never answered pings")
}

// TestJPVenuesWebsocketStall: WSStall silences every venue's data.
func TestJPVenuesWebsocketStall(t *testing.T) {
	subs := map[string][]string{
		"coincheck": {`{"type":"subscribe","channel":"btc_jpy-trades"}`},
		"bitflyer":  {`{"jsonrpc":"2.0","method":"subscribe","params":{"channel":"lightning_ticker_BTC_JPY"},"id":1}`},
		"gmocoin":   {`{"command":"subscribe","channel":"ticker","symbol":"BTC"}`},
		"binance":   {`{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1}`},
		"bitfinex":  {`{"event":"subscribe","channel":"ticker","symbol":"tBTCUSD"}`},
	}
	for id, msgs := range subs {
		s, _ := StartVenue(id)
		s.HeartbeatEvery = 5 * time.Millisecond
		c, _, err := websocket.DefaultDialer.Dial(s.WSURL(), nil)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for _, m := range msgs {
			c.WriteMessage(websocket.TextMessage, []byte(m))
		}
		for i := 0; i < 3; i++ {
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			if _, _, err := c.ReadMessage(); err != nil {
				t.Fatalf("%s: no data: %v", id, err)
			}
		}
		s.SetFault(WSStall)
		// Drain what was in flight, then expect silence.
		c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		got := 0
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				break
			}
			got++
			if got > 100 {
				t.Fatalf("%s: still sending while stalled", id)
			}
		}
		c.Close()
		s.Close()
	}
}
