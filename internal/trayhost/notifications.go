package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"

	"safeharbor/ui/assets"
)

// The desktop's notification server, as a notification daemon owns it.
const (
	notesName  = "org.freedesktop.Notifications"
	notesPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notesFile  = "notifications.jsonl" // in the host's folder, one notice a line
	notesSpec  = "1.2"
	closedByMe = uint32(3) // NotificationClosed reason: closed by CloseNotification
)

const notesXML = `<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg name="app_name" type="s" direction="in"/>
      <arg name="replaces_id" type="u" direction="in"/>
      <arg name="app_icon" type="s" direction="in"/>
      <arg name="summary" type="s" direction="in"/>
      <arg name="body" type="s" direction="in"/>
      <arg name="actions" type="as" direction="in"/>
      <arg name="hints" type="a{sv}" direction="in"/>
      <arg name="expire_timeout" type="i" direction="in"/>
      <arg name="id" type="u" direction="out"/>
    </method>
    <method name="GetCapabilities"><arg name="capabilities" type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg name="name" type="s" direction="out"/>
      <arg name="vendor" type="s" direction="out"/>
      <arg name="version" type="s" direction="out"/>
      <arg name="spec_version" type="s" direction="out"/>
    </method>
    <method name="CloseNotification"><arg name="id" type="u" direction="in"/></method>
    <signal name="NotificationClosed"><arg name="id" type="u"/><arg name="reason" type="u"/></signal>
  </interface>` + introspect.IntrospectDataString + `</node>`

// notice is one notification as the server received it: a line of
// D/notifications.jsonl.
type notice struct {
	ID       uint32    `json:"id"`
	At       float64   `json:"at"` // seconds after the host started
	Time     time.Time `json:"time"`
	Sender   string    `json:"sender"`
	AppName  string    `json:"app_name"`
	AppIcon  string    `json:"app_icon"`
	Icon     string    `json:"icon"` // "app": app_icon is a file holding the app's icon; else what it is
	Replaces uint32    `json:"replaces_id,omitempty"`
	Summary  string    `json:"summary"`
	Body     string    `json:"body"`
}

// notifications is the exported org.freedesktop.Notifications. Its
// methods run on godbus's goroutines; the mutex orders the ids and the
// lines of the file, which close ends.
type notifications struct {
	conn  *dbus.Conn
	start time.Time
	logf  func(format string, args ...any)
	icon  []byte // the app's icon, as fyne writes it to its cache

	mu   sync.Mutex
	last uint32
	f    *os.File // nil once closed
}

// serveNotifications exports the server and takes its name; the returned
// function stops recording.
func serveNotifications(conn *dbus.Conn, dir string, start time.Time, logf func(string, ...any)) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, notesFile), os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	n := &notifications{conn: conn, start: start, logf: logf, icon: assets.Icon(), f: f}
	stop := func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.f != nil {
			n.f.Close()
			n.f = nil
		}
	}
	fail := func(err error) (func(), error) { stop(); return nil, err }
	if err := conn.Export(n, notesPath, notesName); err != nil {
		return fail(err)
	}
	if err := conn.Export(introspect.Introspectable(notesXML), notesPath, "org.freedesktop.DBus.Introspectable"); err != nil {
		return fail(err)
	}
	r, err := conn.RequestName(notesName, dbus.NameFlagDoNotQueue)
	if err != nil {
		return fail(err)
	}
	if r != dbus.RequestNameReplyPrimaryOwner {
		return fail(errors.New("another notification server owns " + notesName))
	}
	return stop, nil
}

// Notify records the notification; ids increase from 1 (a replaced one keeps its id).
func (n *notifications) Notify(sender dbus.Sender, appName string, replaces uint32, appIcon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	now := time.Now()
	nt := notice{At: now.Sub(n.start).Seconds(), Time: now, Sender: string(sender), AppName: appName,
		AppIcon: appIcon, Icon: n.iconOf(appIcon), Replaces: replaces, Summary: summary, Body: body}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.f == nil {
		return 0, dbus.MakeFailedError(errors.New("the notification server is stopping"))
	}
	if replaces != 0 && replaces <= n.last {
		nt.ID = replaces
	} else {
		n.last++
		nt.ID = n.last
	}
	line, err := json.Marshal(nt)
	if err == nil {
		_, err = n.f.Write(append(line, '\n'))
	}
	if err != nil {
		n.logf("notification %d: recording it: %v", nt.ID, err)
	}
	n.logf("notification %d from %q (icon: %s): %q / %q", nt.ID, appName, nt.Icon, summary, firstLine(body))
	return nt.ID, nil
}

// GetCapabilities: plain text bodies, nothing else.
func (n *notifications) GetCapabilities() ([]string, *dbus.Error) { return []string{"body"}, nil }

// GetServerInformation names the server.
func (n *notifications) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "safeharbor-trayhost", "SafeHarbor tests", "1", notesSpec, nil
}

// CloseNotification says it closed, as the specification asks.
func (n *notifications) CloseNotification(id uint32) *dbus.Error {
	n.logf("notification %d closed by the app", id)
	if err := n.conn.Emit(notesPath, notesName+".NotificationClosed", id, closedByMe); err != nil {
		n.logf("emit NotificationClosed: %v", err)
	}
	return nil
}

// iconOf says what app_icon shows: the app's icon, or what is wrong.
func (n *notifications) iconOf(appIcon string) string {
	switch {
	case appIcon == "":
		return "none"
	case !filepath.IsAbs(appIcon):
		return "named " + appIcon // a theme icon name: not the app's own
	}
	b, err := os.ReadFile(appIcon)
	switch {
	case err != nil:
		return "unreadable: " + err.Error()
	case !bytes.Equal(b, n.icon):
		return fmt.Sprintf("other (%d bytes)", len(b))
	}
	return "app"
}

// loadNotices reads D/notifications.jsonl: every whole line, in order.
func loadNotices(dir string) ([]notice, error) {
	b, err := os.ReadFile(filepath.Join(dir, notesFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[:i+1] // a line being written is read next time
	} else {
		b = nil
	}
	var out []notice
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var nt notice
		if err := json.Unmarshal(sc.Bytes(), &nt); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", notesFile, len(out)+1, err)
		}
		out = append(out, nt)
	}
	return out, sc.Err()
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
