#!/usr/bin/env bash
# Tray session test: the real app and a real (minimal) tray host in a
# throwaway D-Bus session under Xvfb, which has no panel of its own.
# internal/trayhost owns org.kde.StatusNotifierWatcher and reads the app's
# StatusNotifierItem and dbusmenu as a panel does, and owns
# org.freedesktop.Notifications as a notification daemon does; this script
# starts it, then `safeharbor demo`, and checks, each with a bounded wait:
#   a. the item registers; its menu lists each demo exchange with its level
#      (worst first), then Open, "Snooze alerts 1 h", Quit, in the app's
#      words, and the icon shows the worst level
#   b. the icon follows the worst level when the demo's changes (first
#      language only: the demo's first change comes ~16 s in)
#   c. closing the window (WM_DELETE_WINDOW) hides it; the app and its
#      tray item stay
#   d. the desktop notification of bitbank's outage (the demo halts it ~30 s
#      in) comes: its title, first line (pause trading) and last line are
#      notify's words for that outage in the app's language, and it comes
#      from the app with the app's icon. Later languages then wait for
#      the notice of the maintenance Kraken announces ~45 s in, once
#      (Kraken's API and status page both announce it)
#   e. "Snooze alerts 1 h", clicked through dbusmenu, turns into "Alerts
#      snoozed until ... — resume"; while snoozed no notification comes but
#      a new outage's (the first language snoozes before Kraken's notice
#      and watches until ~50 s in: the snooze must silence it)
#   h. later languages then resume alerts from the menu and follow the
#      story to its end: the notification of bitbank's recovery (the demo
#      recovers everything ~125 s in), alone or in a group, in notify's
#      words, with what to check before trading again
#   f. "Open" shows the window again
#   g. "Quit" ends the app with status 0 within 15 s, its tray item leaves
#      the bus, and no process of its session is left; of all the
#      notifications, none repeats another, each is in the app's language
#
#   LANGS="en ja"     languages to run (SAFEHARBOR_LANG)
#   OUT=ci-artifacts  the host's transcript, view of the menu and notifications
#                     (JSON lines), the app's log
#   SKIP_BUILD=1      use the existing ./safeharbor
#   APP=./safeharbor  the binary to run (e.g. a -race build; implies SKIP_BUILD)
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

if [ "${1:-}" = --in-session ]; then
  # Inside dbus-run-session, on the script's Xvfb: one language, start to Quit.
  lang=$2 first=$3 hostdir="$WORK/host-$2"
  th() { "$TRAYHOST" "$1" -dir "$hostdir" -lang "$lang" "${@:2}"; }
  say() { echo "tray-session [$lang] $*"; }
  app="" host=""
  fail() {
    echo "tray-session [$lang] FAILED: $*" >&2
    [ -n "${noview:-}" ] || [ ! -s "$hostdir/menu.txt" ] || { echo "--- the host's view:" >&2; cat "$hostdir/menu.txt" >&2; }
    grep -q ' notification [0-9]' "$HOSTLOG" 2>/dev/null && { echo "--- notifications ($NOTESOUT):" >&2; grep ' notification [0-9]' "$HOSTLOG" >&2; }
    [ -s "$APPLOG" ] && { echo "--- the app's log (last lines), $APPLOG:" >&2; tail -n 15 "$APPLOG" >&2; }
    exit 1
  }
  cleanup() { # only what this session started, by pid; bounded
    for p in $app $host; do kill "$p" 2>/dev/null || true; done
    for p in $app $host; do
      for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    done
    [ ! -e "$hostdir/notifications.jsonl" ] || cp "$hostdir/notifications.jsonl" "$NOTESOUT"
  }
  trap cleanup EXIT
  trap 'exit 143' TERM INT
  # wait_until SECONDS WHAT COMMAND...: COMMAND succeeds within SECONDS, or fail.
  wait_until() {
    local secs=$1 what=$2 end=$(( $(date +%s%N) + $1 * 1000000000 ))
    shift 2
    until "$@"; do
      [ "$(date +%s%N)" -lt "$end" ] || fail "$what: not within ${secs}s"
      sleep 0.1
    done
  }
  alive() { kill -0 "$app" 2>/dev/null; }
  shown() { xdotool search --onlyvisible --name '^SafeHarbor$' 2>/dev/null | head -n1; }
  is_shown() { [ -n "$(shown)" ]; }
  is_hidden() { ! is_shown && xdotool search --name '^SafeHarbor$' >/dev/null 2>&1; }
  check() { # a trayhost step; while the app should run, it must
    [ -z "$app" ] || alive || fail "the app died (see $APPLOG)"
    out=$(th "$@" 2>&1) || noview=1 fail "$out" # says what the host saw
    say "$out"
  }

  mkdir -p "$hostdir"
  "$TRAYHOST" serve -dir "$hostdir" >"$HOSTLOG" 2>&1 &
  host=$!
  wait_until 10 "the tray host on the bus" test -e "$hostdir/ready"
  say "tray host up: org.kde.StatusNotifierWatcher, org.freedesktop.Notifications"

  # setsid: the app leads a session of its own, so any process it leaves is found.
  SAFEHARBOR_LANG=$lang setsid "$APP" demo >"$APPLOG" 2>&1 &
  app=$!
  start=$(date +%s%N)
  sid=$(ps -o sid= -p "$app" | tr -d ' ' || true) # none: it died, said below
  [ -z "$sid" ] || [ "$sid" = "$app" ] || fail "the app is not in a session of its own"

  check expect -timeout 30s menu                                        # a
  say "  (registered and settled $(( ($(date +%s%N) - start) / 1000000 )) ms after start)"
  [ "$first" = 1 ] && check expect -timeout 45s icon-change             # b

  win=$(shown)                                                          # c
  [ -n "$win" ] || fail "no visible SafeHarbor window"
  check close-window "$win"
  wait_until 10 "the window hidden (still there, not shown)" is_hidden
  sleep 0.5 # the app would quit right after the window closed; give it the chance
  alive || fail "closing the window ended the app although a tray is shown"
  check expect -timeout 5s menu
  say "window closed: hidden, the app still runs, its tray item is still there"

  check expect -timeout 45s -exchange bitbank outage-notice             # d
  [ "$first" = 1 ] || check expect -timeout 30s -exchange kraken maintenance-notice

  check click snooze                                                    # e
  check expect -timeout 10s snoozed
  seen=$(wc -l <"$hostdir/notifications.jsonl") # before the snooze showed
  if [ "$first" = 1 ]; then
    hold=$(( 50 - ($(date +%s%N) - start) / 1000000000 ))
    check notes -since "$seen" -for "$(( hold > 2 ? hold : 2 ))s"
  fi

  until=""
  if [ "$first" != 1 ]; then # resume, and follow the story to its end: the recovery
    until=$(wc -l <"$hostdir/notifications.jsonl")
    check click resume
    check expect -timeout 10s menu
    check expect -timeout 120s -exchange bitbank recovery-notice          # h
  fi

  check click open                                                      # f
  wait_until 10 "the window shown again after Open" is_shown
  say "Open: the window is shown again"

  cp "$hostdir/menu.txt" "$MENUOUT"
  check click quit                                                      # g
  quit=$(date +%s%N)
  for _ in $(seq 150); do alive || break; sleep 0.1; done
  if alive; then # where it hangs: Go prints every goroutine on SIGQUIT
    kill -QUIT "$app"
    for _ in $(seq 50); do alive || break; sleep 0.1; done
    fail "the app still runs 15 s after Quit (goroutines in $APPLOG)"
  fi
  rc=0
  wait "$app" || rc=$?
  ms=$(( ($(date +%s%N) - quit) / 1000000 ))
  left=$(ps -o pid=,args= -s "$app" || true)
  app=""
  [ "$rc" = 0 ] || fail "the app exited with status $rc after Quit"
  [ -z "$left" ] || fail "processes left behind after Quit: $left"
  say "Quit: exit status 0 after $ms ms, no process left"
  check expect -timeout 5s gone
  check notes -since "$seen" ${until:+-until "$until"}                  # e, g
  kill "$host" && wait "$host" || true
  host=""
  exit 0
fi

OUT=${OUT:-ci-artifacts}
LANGS=${LANGS:-en ja}
mkdir -p "$OUT"
for tool in Xvfb dbus-run-session xdotool setsid; do
  command -v "$tool" >/dev/null || { echo "tray-session: $tool is not installed (run scripts/deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
. scripts/xvfb.sh
start_xvfb 1280x800x24 # one display for both languages
if [ -z "${SKIP_BUILD:-}" ] && [ -z "${APP:-}" ]; then
  go build -tags migrated_fynedo,no_emoji -o safeharbor .
fi
export APP=${APP:-./safeharbor}
go build -tags migrated_fynedo,no_emoji -o "$work/trayhost" ./internal/trayhost

first=1
for lang in $LANGS; do
  # The app must not read or write the developer's own config, cache or keyring.
  home="$work/home-$lang"
  mkdir -p "$home/config" "$home/cache" "$home/run"
  chmod 700 "$home/run"
  rc=0
  HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run" \
  WORK="$work" TRAYHOST="$work/trayhost" HOSTLOG="$OUT/tray-host-$lang.log" APPLOG="$OUT/tray-app-$lang.log" \
  MENUOUT="$OUT/tray-menu-$lang.txt" NOTESOUT="$OUT/tray-notifications-$lang.jsonl" \
  timeout 220 dbus-run-session -- "$self" --in-session "$lang" "$first" \
    2>"$work/stderr" || rc=$?
  grep -v 'Failed to set fd limit' "$work/stderr" >&2 || true # dbus-daemon's, as non-root
  if [ "$rc" != 0 ]; then
    echo "tray-session: $lang failed; the host's transcript is $OUT/tray-host-$lang.log" >&2
    exit 1
  fi
  echo "tray-session: $lang passed -> $OUT/tray-menu-$lang.txt, $OUT/tray-notifications-$lang.jsonl, $OUT/tray-host-$lang.log"
  first=0
done
