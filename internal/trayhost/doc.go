// Command trayhost is a minimal Linux tray host for scripts/tray-session.sh:
// it lets a test drive SafeHarbor's tray icon the way a desktop panel does,
// in a throwaway D-Bus session under Xvfb, where no panel exists.
//
//	trayhost serve -dir D      own org.kde.StatusNotifierWatcher and be the host,
//	                           and org.freedesktop.Notifications
//	trayhost expect -dir D -lang en [-timeout 20s] menu|icon-change|snoozed|gone
//	trayhost expect -dir D -lang en [-timeout 20s] -exchange ID outage-notice|maintenance-notice|recovery-notice
//	trayhost notes -dir D -lang en [-since N [-until M]] [-for 0s]
//	trayhost click -dir D -lang en open|snooze|resume|quit
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
// serve is also the desktop's notification server (notifications.go), as
// a notification daemon is: Notify (ids from 1), GetCapabilities ("body"),
// GetServerInformation, CloseNotification. Each notification goes to
// D/notifications.jsonl (app_name, app_icon and whether it is the app's
// icon, summary, body, when) and, in short, to the transcript.
//
// expect waits, bounded, until the host's view satisfies a condition and
// says what it saw. Labels come from the ui package's catalog (the
// strings the app shows) and the exchanges from the demo, so the test
// follows both. The tray icon is recognised by comparing its pixels with
// ui/assets' tray icon for each level. outage-notice, maintenance-notice
// and recovery-notice wait for the notification of an exchange's outage,
// of its maintenance announced a minute ahead, or of its recovery (alone
// or in a group), in notify's own words (its Dispatcher words the same
// news for the check). notes checks the notifications so far, or as they
// come for -for: each from the app with its icon, in the app's language,
// none repeated, and from notification -since to -until (while alerts
// were snoozed) none but a new outage's.
//
// click sends a dbusmenu "clicked" Event for the entry with that label,
// as a panel does when the user picks it. close-window sends the window
// WM_DELETE_WINDOW, as a window manager does for its close button
// (xdotool windowclose destroys the window instead, which kills the app).
package main
