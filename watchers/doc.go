// Package watchers is the watch engine: it schedules every probe and
// websocket feed of every watched exchange, fuses their observations into
// one verdict per exchange (SPEC §4), and emits an Event on every change.
// It never imports Fyne; the ui package consumes its events.
package watchers
