// Package fakex runs fake exchanges on loopback that speak each exchange's
// real wire format — REST status endpoints, Statuspage v2, websockets
// (raw JSON, Socket.IO v4, JSON-RPC 2.0) — with scenarios and faults that a
// test, the demo or a benchmark can switch at runtime.
//
// One Server serves one venue: all of its REST paths, its status page and
// its websocket on one listener, so a config points api, public,
// statuspage and ws overrides at the same base URL.
package fakex
