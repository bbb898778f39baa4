package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png" // the tray icons
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"

	"safeharbor/exchanges"
	"safeharbor/ui/assets"
)

const (
	watcherName = "org.kde.StatusNotifierWatcher"
	watcherPath = dbus.ObjectPath("/StatusNotifierWatcher")
	itemIface   = "org.kde.StatusNotifierItem"
	menuIface   = "com.canonical.dbusmenu"
	callTimeout = 3 * time.Second
)

const watcherXML = `<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>` + introspect.IntrospectDataString + prop.IntrospectDataString + `</node>`

// watcher is the exported org.kde.StatusNotifierWatcher. Its methods run
// on godbus's goroutines and only hand registrations to the host's loop.
type watcher struct {
	reg  chan<- itemRef
	done <-chan struct{}
}

type itemRef struct{ bus, path string }

// RegisterStatusNotifierItem takes a bus name, or (as fyne.io/systray,
// libappindicator and KDE's own items send) an object path on the caller.
func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	ref := itemRef{bus: string(sender), path: "/StatusNotifierItem"}
	if strings.HasPrefix(service, "/") {
		ref.path = service
	} else if service != "" {
		ref.bus = service
	}
	select {
	case w.reg <- ref:
		return nil
	case <-w.done:
		return dbus.MakeFailedError(errors.New("the tray host is stopping"))
	}
}

// RegisterStatusNotifierHost accepts other hosts; this one is always there.
func (w *watcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// host is the loop that owns the view; serve builds and runs it.
type host struct {
	conn    *dbus.Conn
	props   *prop.Properties
	dir     string
	out     io.Writer
	start   time.Time
	st      state
	items   []string       // registered, as "bus/path"
	pending map[string]int // signals since the last transcript line
	icons   map[string][]byte
	logMu   sync.Mutex // the notification server writes the transcript too
}

// serve is the tray host until ctx ends.
func serve(ctx context.Context, dir string, out io.Writer) error {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return fmt.Errorf("session bus: %w", err)
	}
	defer conn.Close()
	reg := make(chan itemRef, 4)
	h := &host{conn: conn, dir: dir, out: out, start: time.Now(), pending: map[string]int{}, icons: trayIcons()}
	h.st.Signals = map[string]int{}
	if err := conn.Export(&watcher{reg: reg, done: ctx.Done()}, watcherPath, watcherName); err != nil {
		return err
	}
	h.props, err = prop.Export(conn, watcherPath, prop.Map{watcherName: {
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitTrue},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitConst},
	}})
	if err != nil {
		return err
	}
	if err := conn.Export(introspect.Introspectable(watcherXML), watcherPath, "org.freedesktop.DBus.Introspectable"); err != nil {
		return err
	}
	sigs := make(chan *dbus.Signal, 64)
	conn.Signal(sigs)
	defer conn.RemoveSignal(sigs)
	if err := conn.AddMatchSignal(dbus.WithMatchSender("org.freedesktop.DBus"), dbus.WithMatchMember("NameOwnerChanged")); err != nil {
		return err
	}
	// A panel names itself a host first, then (if nobody else does) the watcher.
	if _, err := conn.RequestName(fmt.Sprintf("org.kde.StatusNotifierHost-%d", os.Getpid()), dbus.NameFlagDoNotQueue); err != nil {
		return err
	}
	r, err := conn.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil {
		return err
	}
	if r != dbus.RequestNameReplyPrimaryOwner {
		return errors.New("another StatusNotifierWatcher owns " + watcherName)
	}
	stopNotes, err := serveNotifications(conn, dir, h.start, h.logf)
	if err != nil {
		return err
	}
	defer stopNotes()
	if err := h.st.save(dir); err != nil {
		return err
	}
	h.logf("watcher, host and notification server on the session bus")
	if err := os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			h.logf("stopped")
			return nil
		case ref := <-reg:
			h.register(ctx, ref)
		case s := <-sigs:
			if s == nil {
				return errors.New("lost the session bus")
			}
			dirty := h.note(s)
			dirty |= h.collect(ctx, sigs)
			h.reread(ctx, dirty)
		}
	}
}

// What a signal asks the host to re-read.
const (
	readProps = 1 << iota
	readMenu
)

// note records one signal and says what to re-read.
func (h *host) note(s *dbus.Signal) int {
	if s.Name == "org.freedesktop.DBus.NameOwnerChanged" {
		var name, from, to string
		if dbus.Store(s.Body, &name, &from, &to) == nil && h.st.Registered && !h.st.Gone && name == h.st.Bus && to == "" {
			h.gone()
		}
		return 0
	}
	if !h.st.Registered || h.st.Gone || s.Sender != h.st.Bus {
		return 0
	}
	member := s.Name[strings.LastIndex(s.Name, ".")+1:]
	h.st.Signals[member]++
	h.pending[member]++
	switch s.Name {
	case itemIface + ".NewIcon", itemIface + ".NewTitle", itemIface + ".NewToolTip", itemIface + ".NewStatus":
		return readProps
	case menuIface + ".LayoutUpdated", menuIface + ".ItemsPropertiesUpdated":
		return readMenu
	}
	return 0
}

// collect takes the rest of a burst (until 50 ms pass without a signal,
// at most 500 ms), so one change is read once, as panels do.
func (h *host) collect(ctx context.Context, sigs <-chan *dbus.Signal) int {
	dirty := 0
	quiet := time.NewTimer(50 * time.Millisecond)
	defer quiet.Stop()
	limit := time.NewTimer(500 * time.Millisecond)
	defer limit.Stop()
	for {
		select {
		case <-ctx.Done():
			return dirty
		case <-quiet.C:
			return dirty
		case <-limit.C:
			return dirty
		case s := <-sigs:
			if s == nil {
				return dirty
			}
			dirty |= h.note(s)
			quiet.Reset(50 * time.Millisecond)
		}
	}
}

func (h *host) register(ctx context.Context, ref itemRef) {
	if !strings.HasPrefix(ref.bus, ":") { // a well-known name: signals come from its owner
		var owner string
		if err := h.conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.GetNameOwner", 0, ref.bus).Store(&owner); err != nil {
			h.logf("registration from %s%s: no owner: %v", ref.bus, ref.path, err)
			return
		}
		ref.bus = owner
	}
	id := ref.bus + ref.path
	if slices.Contains(h.items, id) {
		h.logf("item %s registered again", id)
	} else {
		h.items = append(h.items, id)
		h.props.SetMust(watcherName, "RegisteredStatusNotifierItems", slices.Clone(h.items))
		if err := h.conn.Emit(watcherPath, watcherName+".StatusNotifierItemRegistered", id); err != nil {
			h.logf("emit StatusNotifierItemRegistered: %v", err)
		}
	}
	if h.st.Registered && !h.st.Gone && h.st.Bus+h.st.Path != id {
		h.logf("a second item %s: still showing %s%s", id, h.st.Bus, h.st.Path)
		return
	}
	h.st = state{Registered: true, Bus: ref.bus, Path: ref.path, Signals: map[string]int{}}
	clear(h.pending)
	if err := h.conn.AddMatchSignal(dbus.WithMatchSender(ref.bus), dbus.WithMatchObjectPath(dbus.ObjectPath(ref.path)), dbus.WithMatchInterface(itemIface)); err != nil {
		h.logf("watching %s: %v", id, err)
	}
	h.logf("registered %s", id)
	h.reread(ctx, readProps|readMenu)
}

func (h *host) gone() {
	id := h.st.Bus + h.st.Path
	h.st.Gone = true
	h.items = slices.DeleteFunc(h.items, func(s string) bool { return strings.HasPrefix(s, h.st.Bus+"/") })
	h.props.SetMust(watcherName, "RegisteredStatusNotifierItems", slices.Clone(h.items))
	if err := h.conn.Emit(watcherPath, watcherName+".StatusNotifierItemUnregistered", id); err != nil {
		h.logf("emit StatusNotifierItemUnregistered: %v", err)
	}
	h.logf("item %s left the bus", id)
	h.save()
}

// reread fetches what the signals said changed and reports the differences.
func (h *host) reread(ctx context.Context, dirty int) {
	if dirty == 0 || !h.st.Registered || h.st.Gone {
		return
	}
	old := h.st
	old.Menu = slices.Clone(h.st.Menu)
	if dirty&readProps != 0 {
		if err := h.readProps(ctx); err != nil {
			h.logf("reading the item's properties: %v", err)
		}
	}
	if dirty&readMenu != 0 && h.st.MenuPath != "" {
		if err := h.readMenu(ctx); err != nil {
			h.logf("reading the menu: %v", err)
		}
	}
	why := h.signalSummary()
	if h.st.Title != old.Title || h.st.Status != old.Status || h.st.ToolTip != old.ToolTip || h.st.ID != old.ID {
		h.logf("title %q, status %s, tooltip %q%s", h.st.Title, h.st.Status, h.st.ToolTip, why)
	}
	if h.st.Icon != old.Icon {
		from := old.Icon
		if from == "" {
			from = "(none)"
		}
		h.logf("icon %s → %s%s", from, h.st.Icon, why)
	}
	if line := h.st.menuLine(); line != old.menuLine() {
		h.logf("menu r%d: %s%s", h.st.Revision, line, why)
	}
	clear(h.pending)
	h.save()
}

func (h *host) signalSummary() string {
	if len(h.pending) == 0 {
		return ""
	}
	var parts []string
	for m, n := range h.pending {
		parts = append(parts, fmt.Sprintf("%s×%d", m, n))
	}
	slices.Sort(parts)
	return " (after " + strings.Join(parts, ", ") + ")"
}

func (h *host) readProps(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var all map[string]dbus.Variant
	obj := h.conn.Object(h.st.Bus, dbus.ObjectPath(h.st.Path))
	if err := obj.CallWithContext(ctx, "org.freedesktop.DBus.Properties.GetAll", 0, itemIface).Store(&all); err != nil {
		return err
	}
	str := func(k string) string {
		s, _ := all[k].Value().(string)
		return s
	}
	h.st.ID, h.st.Title, h.st.Status = str("Id"), str("Title"), str("Status")
	var tip struct {
		Icon  string
		Icons []pixmap
		Title string
		Text  string
	}
	if v, ok := all["ToolTip"]; ok && v.Store(&tip) == nil {
		h.st.ToolTip = tip.Title
	}
	if p, ok := all["Menu"].Value().(dbus.ObjectPath); ok && string(p) != h.st.MenuPath {
		h.st.MenuPath = string(p)
		if err := h.conn.AddMatchSignal(dbus.WithMatchSender(h.st.Bus), dbus.WithMatchObjectPath(p), dbus.WithMatchInterface(menuIface)); err != nil {
			return err
		}
		if err := h.readMenu(ctx); err != nil {
			return err
		}
	}
	var px []pixmap
	if v, ok := all["IconPixmap"]; ok {
		if err := v.Store(&px); err != nil {
			return fmt.Errorf("IconPixmap: %v", err)
		}
	}
	h.st.Icon = h.iconName(px)
	if n := len(h.st.Icons); n == 0 || h.st.Icons[n-1] != h.st.Icon {
		h.st.Icons = append(h.st.Icons, h.st.Icon)
	}
	return nil
}

func (h *host) readMenu(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	rev, root, err := getLayout(ctx, h.conn.Object(h.st.Bus, dbus.ObjectPath(h.st.MenuPath)))
	if err != nil {
		return err
	}
	h.st.Revision = rev
	h.st.Menu = h.st.Menu[:0]
	for _, c := range root.children {
		if v, ok := c.props["visible"].Value().(bool); ok && !v {
			continue
		}
		e := entry{ID: c.id, Enabled: true}
		if t, _ := c.props["type"].Value().(string); t == "separator" {
			e.Separator = true
		}
		e.Label, _ = c.props["label"].Value().(string)
		if v, ok := c.props["enabled"].Value().(bool); ok {
			e.Enabled = v
		}
		h.st.Menu = append(h.st.Menu, e)
	}
	return nil
}

func (h *host) save() {
	if err := h.st.save(h.dir); err != nil {
		h.logf("saving the view: %v", err)
	}
}

func (h *host) logf(format string, args ...any) {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	fmt.Fprintf(h.out, "[%5.1fs] host: %s\n", time.Since(h.start).Seconds(), fmt.Sprintf(format, args...))
}

// pixmap is one IconPixmap entry: ARGB32, network byte order.
type pixmap struct {
	W, H int32
	Pix  []byte
}

// iconName names the icon by the level whose tray icon it shows.
func (h *host) iconName(px []pixmap) string {
	if len(px) == 0 {
		return "none"
	}
	for name, want := range h.icons {
		if bytes.Equal(px[0].Pix, want) {
			return name
		}
	}
	return fmt.Sprintf("other-%dx%d", px[0].W, px[0].H)
}

// trayIcons are ui/assets' tray icons as a host receives them, by level.
func trayIcons() map[string][]byte {
	m := map[string][]byte{}
	for l := exchanges.Operational; l <= exchanges.Unknown; l++ {
		img, _, err := image.Decode(bytes.NewReader(assets.Tray(l)))
		if err != nil {
			panic(err) // embedded PNGs
		}
		m[l.String()] = argb(img)
	}
	return m
}

func argb(img image.Image) []byte {
	b := img.Bounds()
	out := make([]byte, 0, b.Dx()*b.Dy()*4)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			out = append(out, byte(a), byte(r), byte(g), byte(bl))
		}
	}
	return out
}

// node is a dbusmenu layout node: (ia{sv}av).
type node struct {
	id       int32
	props    map[string]dbus.Variant
	children []node
}

func getLayout(ctx context.Context, obj dbus.BusObject) (uint32, node, error) {
	var rev uint32
	call := obj.CallWithContext(ctx, menuIface+".GetLayout", 0, int32(0), int32(-1), []string{})
	if call.Err != nil {
		return 0, node{}, call.Err
	}
	if len(call.Body) != 2 {
		return 0, node{}, fmt.Errorf("GetLayout: %d values", len(call.Body))
	}
	if err := dbus.Store(call.Body[:1], &rev); err != nil {
		return 0, node{}, err
	}
	raw, ok := call.Body[1].([]any)
	if !ok {
		return 0, node{}, fmt.Errorf("GetLayout: layout is %T", call.Body[1])
	}
	n, err := parseNode(raw)
	return rev, n, err
}

func parseNode(raw []any) (node, error) {
	var n node
	var kids []dbus.Variant
	if err := dbus.Store(raw, &n.id, &n.props, &kids); err != nil {
		return n, fmt.Errorf("menu layout: %v", err)
	}
	for _, k := range kids {
		r, ok := k.Value().([]any)
		if !ok {
			return n, fmt.Errorf("menu layout: child is %T", k.Value())
		}
		c, err := parseNode(r)
		if err != nil {
			return n, err
		}
		n.children = append(n.children, c)
	}
	return n, nil
}
