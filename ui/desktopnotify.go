package ui

import (
	"context"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"safeharbor/notify"
)

// DesktopChannel is the desktop side of notify: a notify.Channel whose Send
// shows a system notification through the bridge.
type DesktopChannel struct {
	app     fyne.App
	b       *bridge
	enabled atomic.Bool
}

func newDesktopChannel(a fyne.App, b *bridge, on bool) *DesktopChannel {
	d := &DesktopChannel{app: a, b: b}
	d.enabled.Store(on)
	return d
}

// Name implements notify.Channel.
func (*DesktopChannel) Name() string { return "desktop" }

// Send implements notify.Channel; it never blocks on the UI.
func (d *DesktopChannel) Send(ctx context.Context, m notify.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !d.enabled.Load() {
		return nil // switched off in settings: delivered to nowhere on purpose
	}
	d.b.notify(d.app, m)
	return nil
}

// SetEnabled follows the "Desktop notifications" setting.
func (d *DesktopChannel) SetEnabled(on bool) { d.enabled.Store(on) }

var _ notify.Channel = (*DesktopChannel)(nil)
