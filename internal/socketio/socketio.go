// Package socketio encodes and decodes the few Engine.IO v4 / Socket.IO v4
// packets a status watcher needs (bitbank's public stream): open, ping,
// pong, connect and event. It is shared by the websocket watcher and the
// fake bitbank server so both speak the same framing.
package socketio

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Engine.IO packet types as the first byte of a text frame.
const (
	Open    = '0'
	Close   = '1'
	Ping    = '2'
	Pong    = '3'
	Message = '4'
)

// Socket.IO packet types, the byte after an Engine.IO Message.
const (
	Connect      = '0'
	Disconnect   = '1'
	Event        = '2'
	ConnectError = '4'
)

// Handshake is the Engine.IO open packet's payload.
type Handshake struct {
	SID          string   `json:"sid"`
	Upgrades     []string `json:"upgrades"`
	PingInterval int      `json:"pingInterval"` // milliseconds
	PingTimeout  int      `json:"pingTimeout"`  // milliseconds
	MaxPayload   int      `json:"maxPayload"`
}

// Packet is one decoded text frame.
type Packet struct {
	EIO  byte            // Engine.IO type
	SIO  byte            // Socket.IO type when EIO == Message, else 0
	Data json.RawMessage // payload after the type bytes (may be empty)
}

var ErrEmpty = errors.New("socketio: empty frame")

// Decode parses one Engine.IO text frame.
func Decode(frame []byte) (Packet, error) {
	if len(frame) == 0 {
		return Packet{}, ErrEmpty
	}
	p := Packet{EIO: frame[0]}
	switch p.EIO {
	case Open, Close, Ping, Pong:
		p.Data = frame[1:]
	case Message:
		if len(frame) < 2 {
			return Packet{}, fmt.Errorf("socketio: message frame without socket.io type")
		}
		p.SIO = frame[1]
		switch p.SIO {
		case Connect, Disconnect, Event, ConnectError:
		default:
			return Packet{}, fmt.Errorf("socketio: unknown socket.io packet type %q", p.SIO)
		}
		p.Data = frame[2:]
	default:
		return Packet{}, fmt.Errorf("socketio: unknown engine.io packet type %q", p.EIO)
	}
	return p, nil
}

// DecodeHandshake parses an open packet's payload.
func DecodeHandshake(data []byte) (Handshake, error) {
	var h Handshake
	if err := json.Unmarshal(data, &h); err != nil {
		return h, fmt.Errorf("socketio: bad open packet: %w", err)
	}
	if h.PingInterval <= 0 || h.PingTimeout <= 0 {
		return h, fmt.Errorf("socketio: open packet without ping interval/timeout")
	}
	return h, nil
}

// EncodeEvent frames a Socket.IO event array (e.g. ["join-room","ticker_btc_jpy"]).
func EncodeEvent(array []byte) []byte { return append([]byte{Message, Event}, array...) }

// EncodeOpen frames a handshake.
func EncodeOpen(h Handshake) []byte {
	b, _ := json.Marshal(h)
	return append([]byte{Open}, b...)
}

// ConnectFrame is the client's Socket.IO connect to the default namespace.
var ConnectFrame = []byte{Message, Connect}

// PingFrame and PongFrame are Engine.IO heartbeats (server pings, client pongs).
var (
	PingFrame = []byte{Ping}
	PongFrame = []byte{Pong}
)
