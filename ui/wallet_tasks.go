package ui

import (
	"context"
	"sync"
	"time"

	"safeharbor/internal/clock"
)

// tasks runs the wallet and history areas' slow work (keyring, chain
// backend, notification tests) off the Fyne goroutine and hands each result
// back through do, the bridge's onUI. It owns its goroutines: stop cancels
// them and waits.
type tasks struct {
	do     func(func())
	ctx    context.Context
	cancel context.CancelFunc
	busy   sync.WaitGroup // one-shot jobs (tests wait for these)
	all    sync.WaitGroup // every goroutine, loops included
	once   sync.Once
}

func newTasks(do func(func())) *tasks {
	if do == nil {
		do = newBridge().onUI
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &tasks{do: do, ctx: ctx, cancel: cancel}
}

// run calls work on a new goroutine; the func it returns (if any) then runs
// on the Fyne goroutine, unless the area was closed meanwhile.
func (t *tasks) run(work func(ctx context.Context) func()) {
	t.busy.Add(1)
	t.all.Add(1)
	go func() {
		defer t.all.Done()
		defer t.busy.Done()
		done := work(t.ctx)
		if done != nil && t.ctx.Err() == nil {
			t.do(done)
		}
	}()
}

// every calls fn each period of clk until stop.
func (t *tasks) every(clk clock.Clock, period time.Duration, fn func(ctx context.Context)) {
	t.all.Add(1)
	go func() {
		defer t.all.Done()
		tm := clk.NewTimer(period)
		defer tm.Stop()
		for {
			select {
			case <-t.ctx.Done():
				return
			case <-tm.C():
				fn(t.ctx)
				tm.Reset(period)
			}
		}
	}()
}

// stop cancels every job and waits for the goroutines to end.
func (t *tasks) stop() {
	t.once.Do(t.cancel)
	t.all.Wait()
}
