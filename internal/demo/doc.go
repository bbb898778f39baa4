// Package demo runs SafeHarbor against built-in simulated exchanges that go
// through a scripted outage: the fakes of internal/fakex on loopback, a
// config pointing every exchange at its fake, and a looping timeline
// (healthy, busy, a halted pair, announced then active maintenance, a
// status-page incident, recovery). It backs `safeharbor demo` (GUI and
// --headless) and the footprint benchmark. No Fyne here.
package demo
