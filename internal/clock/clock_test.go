package clock

import (
	"testing"
	"time"
)

func TestFakeFiresInOrder(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	a := f.NewTimer(2 * time.Second)
	b := f.NewTimer(1 * time.Second)
	f.Advance(1500 * time.Millisecond)
	select {
	case <-b.C():
	default:
		t.Fatal("b did not fire")
	}
	select {
	case <-a.C():
		t.Fatal("a fired early")
	default:
	}
	f.Advance(time.Second)
	if got := <-a.C(); !got.Equal(time.Unix(2, 0)) {
		t.Fatalf("a fired at %v", got)
	}
	if f.Timers() != 0 {
		t.Fatalf("timers left: %d", f.Timers())
	}
}

func TestFakeResetAndBlockUntil(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	done := make(chan struct{})
	go func() {
		tm := f.NewTimer(time.Second)
		<-tm.C()
		tm.Reset(time.Second)
		<-tm.C()
		close(done)
	}()
	f.BlockUntil(1)
	f.Advance(time.Second)
	f.BlockUntil(1)
	f.Advance(time.Second)
	<-done
}
