package main

// #cgo pkg-config: x11
// #include <stdlib.h>
// #include <X11/Xlib.h>
// #include <X11/Xutil.h>
//
// // close_window asks w to close as a window manager's close button does:
// // a WM_PROTOCOLS client message carrying WM_DELETE_WINDOW.
// static int close_window(unsigned long w) {
// 	Display *d = XOpenDisplay(NULL);
// 	if (!d) return 1;
// 	Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False);
// 	Atom del = XInternAtom(d, "WM_DELETE_WINDOW", False);
// 	Atom *list = NULL;
// 	int n = 0, found = 0;
// 	if (XGetWMProtocols(d, w, &list, &n)) {
// 		for (int i = 0; i < n; i++) if (list[i] == del) found = 1;
// 		XFree(list);
// 	}
// 	if (!found) { XCloseDisplay(d); return 2; }
// 	XEvent ev = {0};
// 	ev.xclient.type = ClientMessage;
// 	ev.xclient.window = w;
// 	ev.xclient.message_type = protocols;
// 	ev.xclient.format = 32;
// 	ev.xclient.data.l[0] = del;
// 	ev.xclient.data.l[1] = CurrentTime;
// 	Status ok = XSendEvent(d, w, False, NoEventMask, &ev);
// 	XSync(d, False);
// 	XCloseDisplay(d);
// 	return ok ? 0 : 3;
// }
import "C"

import (
	"fmt"
	"io"
	"strconv"
)

func closeWindow(id string, out io.Writer) error {
	w, err := strconv.ParseUint(id, 0, 32)
	if err != nil {
		return fmt.Errorf("window id %q: %v", id, err)
	}
	switch C.close_window(C.ulong(w)) {
	case 0:
		fmt.Fprintf(out, "sent WM_DELETE_WINDOW to window %d\n", w)
		return nil
	case 1:
		return fmt.Errorf("cannot open the X display %q", "$DISPLAY")
	case 2:
		return fmt.Errorf("window %d does not take WM_DELETE_WINDOW", w)
	default:
		return fmt.Errorf("sending WM_DELETE_WINDOW to window %d failed", w)
	}
}
