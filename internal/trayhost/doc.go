// Command trayhost is a minimal Linux tray host for scripts/tray-session.sh:
// it lets a test drive SafeHarbor's tray icon the way a desktop panel does,
// in a throwaway D-Bus session under Xvfb, where no panel exists.
//
//	trayhost serve -dir D      own org.kde.StatusNotifierWatcher and be the host
//	trayhost expect -dir D -lang en [-timeout 20s] menu|icon-change|snoozed|gone
//	trayhost click -dir D -lang en open|snooze|quit
//	trayhost close-window WINDOW-ID
//
// serve implements the StatusNotifierWatcher like a panel's
// (RegisterStatusNotifierItem, RegisteredStatusNotifierItems,
// IsStatusNotifierHostRegistered = true, the Registered/Unregistered
// signals). For a registered item it reads the properties (Id, Title,
// Status, ToolTip, IconPixmap, Menu) and the com.canonical.dbusmenu
// layout, and then re-reads them only when the item says so (NewIcon,
// NewTitle, NewToolTip, NewStatus, LayoutUpdated, ItemsPropertiesUpdated),
// as a panel does: an update the app does not signal is not seen. Its
// view goes to D/state.json (for expect and click) and D/menu.txt (for
// people); a transcript of changes goes to stdout.
//
// expect waits, bounded, until the host's view satisfies a condition and
// says what it saw. Labels come from the ui package's catalog (the
// strings the app shows) and the exchanges from the demo, so the test
// follows both. The tray icon is recognised by comparing its pixels with
// ui/assets' tray icon for each level.
//
// click sends a dbusmenu "clicked" Event for the entry with that label,
// as a panel does when the user picks it. close-window sends the window
// WM_DELETE_WINDOW, as a window manager does for its close button
// (xdotool windowclose destroys the window instead, which kills the app).
package main
