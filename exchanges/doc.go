// Package exchanges holds one adapter per exchange: its catalog entry
// (official endpoints, links, domains, rate limits), the parsers that turn
// its status endpoints, status page and websocket messages into
// Observations, and the level mapping of SPEC §4/§6.
//
// Adapters never do I/O themselves: the watchers package fetches and
// schedules, adapters only build requests and parse bytes. That keeps every
// parser a pure function that can be table-tested and fuzzed.
package exchanges
