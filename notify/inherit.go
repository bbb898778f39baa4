package notify

// Inherit carries prev's knowledge of each exchange — levels, troubles in
// progress with their start, reminders, acknowledgements, pending groups,
// snooze and the maintenance calendar — into d. The app builds a new
// Dispatcher when settings change; without this it would forget an outage
// in progress (no recovery duration, reminders restarted). Call it before d
// handles events; prev should be stopped or about to be.
func (d *Dispatcher) Inherit(prev *Dispatcher) {
	if prev == nil || prev == d {
		return
	}
	prev.mu.Lock()
	ex := make(map[string]*exState, len(prev.pol.ex))
	for id, s := range prev.pol.ex {
		c := *s
		if s.window != nil {
			w := *s.window
			c.window = &w
		}
		ex[id] = &c
	}
	deadline, snooze, seq, cal := prev.pol.deadline, prev.pol.snooze, prev.pol.seq, prev.pol.cal
	prev.mu.Unlock()

	d.mu.Lock()
	defer d.mu.Unlock()
	d.pol.ex, d.pol.deadline, d.pol.snooze, d.pol.seq, d.pol.cal = ex, deadline, snooze, seq, cal
	d.armLocked(d.clk.Now())
}
