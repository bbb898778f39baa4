package watchers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"safeharbor/exchanges"
	"safeharbor/internal/clock"
	"safeharbor/internal/socketio"
)

// Why a websocket session ended.
type endReason int

const (
	endCtx       endReason = iota // the engine is stopping
	endClosed                     // the connection dropped or the server closed it
	endDial                       // could not connect
	endStall                      // no message for StallAfter
	endReconnect                  // the server asked for a reconnect
	endGarbage                    // a burst of unreadable messages
)

type sessionResult struct {
	reason    endReason
	detail    string // short, never the URL
	healthy   bool   // at least one good message arrived
	responded bool   // the server answered at the HTTP level
}

// runFeed keeps one websocket connected until ctx ends, reconnecting with
// exponential backoff and jitter, and reports its liveness into live and
// its status pushes into status.
func (e *Engine) runFeed(ctx context.Context, w *exWatcher, f *exchanges.Feed, live, status *signal) {
	var backoff time.Duration
	for {
		res := e.session(ctx, w, f, live, status)
		if ctx.Err() != nil {
			return
		}
		e.reportSession(ctx, w, live, res)
		var delay time.Duration
		switch {
		case res.reason == endReconnect:
			backoff = 0
		case res.healthy: // the connection worked: start the backoff over
			backoff = e.wsBackoffMin
			delay = e.jitter(backoff)
		default:
			backoff = min(max(backoff*2, e.wsBackoffMin), e.wsBackoffMax)
			delay = e.jitter(backoff)
		}
		if delay <= 0 {
			if e.onFeed != nil {
				e.onFeed(w.ex.ID, "ended")
			}
			continue
		}
		t := e.clk.NewTimer(delay)
		if e.onFeed != nil { // after the timer exists, so a test can advance past it
			e.onFeed(w.ex.ID, "ended")
		}
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C():
		}
	}
}

// reportSession turns how a session ended into the liveness signal.
func (e *Engine) reportSession(ctx context.Context, w *exWatcher, live *signal, res sessionResult) {
	var obs exchanges.Observation
	switch res.reason {
	case endDial:
		e.opt.Logf("watchers: %s websocket: cannot connect: %s", w.ex.ID, res.detail)
		e.mu.Lock()
		alarm := live.wouldAlarm(e.failures)
		e.mu.Unlock()
		obs = inferred(exchanges.Degraded, exchanges.SourceWebsocket, "real-time feed unavailable: "+res.detail)
		cause := ""
		// The dial began at most a dial timeout ago.
		if alarm && !res.responded && !e.online(ctx, live, e.clk.Now().Add(-e.opt.RequestTimeout)) {
			obs, cause = offlineObs(), causeOffline
		}
		e.mu.Lock()
		live.checkedAt = e.clk.Now()
		if res.responded {
			e.noteResponseLocked(live, live.checkedAt)
		}
		live.failWith(obs, e.failures, live.checkedAt, cause)
		e.updateLocked(w)
		e.mu.Unlock()
		return
	case endStall:
		e.opt.Logf("watchers: %s websocket stalled; reconnecting", w.ex.ID)
		obs = inferred(exchanges.Degraded, exchanges.SourceWebsocket, "real-time feed stalled")
		// Silent since StallAfter ago: did anyone else answer meanwhile?
		if w.feed != nil && !e.online(ctx, live, e.clk.Now().Add(-w.feed.StallAfter)) {
			obs = offlineObs()
			e.mu.Lock()
			live.checkedAt = e.clk.Now()
			live.failNow(obs, live.checkedAt)
			live.cause = causeOffline
			e.updateLocked(w)
			e.mu.Unlock()
			return
		}
	case endGarbage:
		e.opt.Logf("watchers: %s websocket sent %d unreadable messages in a row; reconnecting", w.ex.ID, e.garbageBurst+1)
		obs = inferred(exchanges.Unknown, exchanges.SourceWebsocket, fmt.Sprintf("unusable response: real-time feed sent %d unreadable messages in a row", e.garbageBurst+1))
	case endClosed:
		e.opt.Logf("watchers: %s websocket closed: %s; reconnecting", w.ex.ID, res.detail)
		return
	default:
		if res.reason == endReconnect {
			e.opt.Logf("watchers: %s websocket: server asked for a reconnect", w.ex.ID)
		}
		return
	}
	e.mu.Lock()
	live.checkedAt = e.clk.Now()
	live.failNow(obs, live.checkedAt)
	e.updateLocked(w)
	e.mu.Unlock()
}

var aliveObs = exchanges.Observation{Level: exchanges.Operational, Summary: "Real-time feed live"}

// session runs one websocket connection to its end.
func (e *Engine) session(ctx context.Context, w *exWatcher, f *exchanges.Feed, live, status *signal) (res sessionResult) {
	timeout := e.opt.RequestTimeout
	dctx, cancel := context.WithTimeout(ctx, timeout)
	conn, resp, err := e.opt.Dialer.DialContext(dctx, f.URL, http.Header{"User-Agent": {userAgent()}})
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return sessionResult{reason: endCtx}
		}
		res.reason = endDial
		switch {
		case resp != nil:
			res.responded = true
			res.detail = "HTTP " + strconv.Itoa(resp.StatusCode)
		case errors.Is(err, websocket.ErrBadHandshake):
			res.detail = "bad handshake"
		default:
			res.detail = describeNetErr(err, responseLimit(timeout, e.opt.Dialer.HandshakeTimeout))
		}
		return res
	}
	res.responded = true

	stallAfter := f.StallAfter
	if stallAfter <= 0 {
		stallAfter = defaultStall
	}
	var stall atomic.Int64 // may shrink to the Socket.IO ping window
	stall.Store(int64(stallAfter))
	var last atomic.Int64
	// The real-time read deadline is a backstop for a dead TCP connection;
	// the watchdog below (on the engine's clock) reports the stall.
	renew := func() { conn.SetReadDeadline(time.Now().Add(2*time.Duration(stall.Load()) + 10*time.Second)) }
	touch := func() {
		last.Store(e.clk.Now().UnixNano())
		renew()
	}
	touch()
	conn.SetReadLimit(e.opt.MaxBody)
	// A pong proves the TCP connection, not the feed: a server whose
	// publisher hung still answers pings. It renews the deadline only.
	conn.SetPongHandler(func(string) error { renew(); return nil })
	conn.SetPingHandler(func(data string) error {
		touch()
		_ = conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(e.opt.RequestTimeout))
		return nil // a failed pong shows up as a read error soon enough
	})

	sctx, scancel := context.WithCancel(ctx)
	out := make(chan []byte, len(f.Subscribe)+16)
	send := func(m []byte) {
		select {
		case out <- m:
		default:
			e.opt.Logf("watchers: %s websocket: send queue full; message dropped", w.ex.ID)
		}
	}
	var stalled atomic.Bool
	var wg sync.WaitGroup
	wg.Add(2)
	// Timers are made here, before the goroutines, so that a test that
	// saw "connected" knows the clock is being watched.
	var ping clock.Timer
	if f.PingEvery > 0 {
		ping = e.clk.NewTimer(f.PingEvery)
	}
	t := e.clk.NewTimer(time.Duration(stall.Load()))
	go func() { // the single writer
		defer wg.Done()
		e.wsWriter(sctx, conn, f, out, ping)
	}()
	go func() { // the stall watchdog
		defer wg.Done()
		defer t.Stop()
		for {
			select {
			case <-sctx.Done():
				return
			case <-t.C():
			}
			idle := e.clk.Now().Sub(time.Unix(0, last.Load()))
			lim := time.Duration(stall.Load())
			if idle >= lim {
				stalled.Store(true)
				conn.Close()
				return
			}
			t.Reset(lim - idle)
		}
	}()
	defer func() {
		scancel()
		conn.Close()
		wg.Wait()
	}()
	if f.Framing == exchanges.RawFrames {
		for _, m := range f.Subscribe {
			send(m)
		}
	}
	if e.onFeed != nil {
		e.onFeed(w.ex.ID, "connected")
	}

	liveOK := false
	var noted time.Time
	alive := func() {
		now := e.clk.Now()
		if liveOK && now.Sub(noted) < time.Second {
			return
		}
		noted = now
		e.mu.Lock()
		e.noteResponseLocked(live, now)
		live.checkedAt = now
		if !liveOK {
			live.succeed(aliveObs, e.failures, e.successes, now)
			e.updateLocked(w)
			liveOK = live.known && !live.inferredFail && live.fails == 0
		}
		e.mu.Unlock()
		if e.onFeed != nil {
			e.onFeed(w.ex.ID, "alive")
		}
	}
	garbage := 0
	bad := func() bool {
		garbage++
		if e.onFeed != nil {
			e.onFeed(w.ex.ID, "garbage")
		}
		return garbage > e.garbageBurst
	}
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			switch {
			case ctx.Err() != nil:
				res.reason = endCtx
			case stalled.Load():
				res.reason = endStall
			default:
				res.reason, res.detail = endClosed, describeWSErr(err)
			}
			return res
		}
		touch()
		payload := msg
		if f.Framing == exchanges.SocketIO {
			st, err := sioFrame(msg, f.Subscribe)
			if err != nil {
				if bad() {
					res.reason = endGarbage
					return res
				}
				continue
			}
			garbage = 0
			if st.window > 0 && st.window < time.Duration(stall.Load()) {
				stall.Store(int64(st.window))
			}
			for _, m := range st.send {
				send(m)
			}
			if st.end != "" {
				res.reason, res.detail = endClosed, st.end
				return res
			}
			if st.alive {
				res.healthy = true
				alive()
			}
			if st.payload == nil {
				continue
			}
			payload = st.payload
		}
		ev := exchanges.FeedEvent{Alive: true}
		if f.Handle != nil {
			ev, err = safeHandle(f.Handle, payload)
			if err != nil {
				if bad() {
					res.reason = endGarbage
					return res
				}
				continue
			}
		}
		garbage = 0
		res.healthy = true
		if ev.Alive || ev.Observation != nil {
			alive()
		}
		if ev.Observation != nil {
			e.mu.Lock()
			now := e.clk.Now()
			status.checkedAt = now
			status.succeed(*ev.Observation, e.failures, e.successes, now)
			e.updateLocked(w)
			e.mu.Unlock()
		}
		if ev.Reply != nil {
			send(ev.Reply)
		}
		if ev.Reconnect {
			res.reason = endReconnect
			return res
		}
	}
}

// wsWriter is the connection's only writer: queued messages (subscribe,
// replies, pongs) and the periodic ping. Closing the connection on the way
// out unblocks the reader.
func (e *Engine) wsWriter(ctx context.Context, conn *websocket.Conn, f *exchanges.Feed, out <-chan []byte, t clock.Timer) {
	var pingC <-chan time.Time
	if t != nil {
		defer t.Stop()
		pingC = t.C()
	}
	for {
		select {
		case <-ctx.Done():
			conn.Close()
			return
		case m := <-out:
			conn.SetWriteDeadline(time.Now().Add(e.opt.RequestTimeout))
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				conn.Close()
				return
			}
		case <-pingC:
			if !e.ping(conn, f) {
				conn.Close()
				return
			}
			t.Reset(f.PingEvery)
		}
	}
}

func (e *Engine) ping(conn *websocket.Conn, f *exchanges.Feed) bool {
	deadline := time.Now().Add(e.opt.RequestTimeout)
	if f.Ping != nil {
		conn.SetWriteDeadline(deadline)
		return conn.WriteMessage(websocket.TextMessage, f.Ping) == nil
	}
	return conn.WriteControl(websocket.PingMessage, nil, deadline) == nil
}

func safeHandle(h func([]byte) (exchanges.FeedEvent, error), msg []byte) (ev exchanges.FeedEvent, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("feed handler failed on this message")
		}
	}()
	return h(msg)
}

func describeWSErr(err error) string {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return "closed by server (code " + strconv.Itoa(ce.Code) + ")"
	}
	if errors.Is(err, websocket.ErrReadLimit) {
		return "message too large"
	}
	return describeNetErr(err, 0)
}

// sioStep is what a session does with one Socket.IO frame.
type sioStep struct {
	payload []byte        // an event's payload for the feed's handler
	send    [][]byte      // frames to send back
	alive   bool          // a heartbeat or connect: the feed is live
	end     string        // non-empty: the server ended the session
	window  time.Duration // the open packet's ping window: silence longer than this is a stall
}

// sioFrame interprets one Engine.IO/Socket.IO text frame (bitbank's
// stream): answer the open packet with a connect and the subscriptions,
// and server pings with pongs. An error means garbage.
func sioFrame(msg []byte, subs [][]byte) (sioStep, error) {
	var st sioStep
	p, err := socketio.Decode(msg)
	if err != nil {
		return st, err
	}
	switch p.EIO {
	case socketio.Open:
		hs, err := socketio.DecodeHandshake(p.Data)
		if err != nil {
			return st, err
		}
		st.window = max(time.Duration(hs.PingInterval+hs.PingTimeout)*time.Millisecond, time.Second)
		st.send = append(st.send, socketio.ConnectFrame)
		for _, s := range subs {
			st.send = append(st.send, socketio.EncodeEvent(s))
		}
	case socketio.Ping:
		st.send = append(st.send, socketio.PongFrame)
		st.alive = true
	case socketio.Pong:
		st.alive = true
	case socketio.Close:
		st.end = "server closed the session"
	case socketio.Message:
		switch p.SIO {
		case socketio.Connect:
			st.alive = true
		case socketio.Disconnect, socketio.ConnectError:
			st.end = "server refused the subscription"
		case socketio.Event:
			st.payload = p.Data
			if st.payload == nil {
				st.payload = []byte{}
			}
		}
	}
	return st, nil
}
