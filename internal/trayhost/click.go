package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/godbus/dbus/v5"

	"safeharbor/ui"
)

// click picks a menu entry as a panel does when the user chooses it:
// AboutToShow on the menu, then a "clicked" Event for the entry, whose id
// is read from the layout at that moment.
func click(ctx context.Context, dir string, lang ui.Lang, what string, out io.Writer) error {
	c := newLabels(lang)
	want, ok := map[string]string{"open": c.open, "snooze": c.snooze, "resume": "", "quit": c.quit}[what]
	if !ok {
		return fmt.Errorf("unknown entry %q (open, snooze, resume, quit)", what)
	}
	match := func(l string) bool { return l == want }
	if what == "resume" { // the snoozed state's entry: "Alerts snoozed until 11:30 — resume"
		match, want = c.snoozed.MatchString, c.snoozed.String()
	}
	s, err := loadState(dir)
	if err != nil {
		return err
	}
	if !s.Registered || s.Gone || s.MenuPath == "" {
		return errors.New("no tray item with a menu is registered")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	obj := conn.Object(s.Bus, dbus.ObjectPath(s.MenuPath))
	if err := obj.CallWithContext(ctx, menuIface+".AboutToShow", 0, int32(0)).Err; err != nil {
		return fmt.Errorf("AboutToShow: %v", err)
	}
	_, root, err := getLayout(ctx, obj)
	if err != nil {
		return err
	}
	for _, n := range root.children {
		if l, _ := n.props["label"].Value().(string); match(l) {
			want = l
			err := obj.CallWithContext(ctx, menuIface+".Event", 0, n.id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
			if err != nil {
				return fmt.Errorf("Event clicked %d: %v", n.id, err)
			}
			fmt.Fprintf(out, "clicked %q (menu item %d)\n", want, n.id)
			return nil
		}
	}
	return fmt.Errorf("the menu has no %q entry", want)
}
