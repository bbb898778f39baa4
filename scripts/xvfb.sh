# Sourced by the GUI scripts. start_xvfb starts one Xvfb for the whole script
# and exports DISPLAY; stop_xvfb ends it and waits.
#
# Why not `xvfb-run -a` per run: it picks a display by looking for lock files
# and kills its server without waiting, so the next run can start a server on
# the same number while the old one still holds the abstract socket, and the
# app then connects to the dying server and exits (seen once in CI). With
# -displayfd, Xvfb binds a free display itself and reports it when ready.

start_xvfb() { # [screen WxHxD]
  local dir screen=${1:-1280x800x24}
  dir=$(mktemp -d)
  Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$dir/display" 2>"$dir/log" &
  XVFB_PID=$!
  for _ in $(seq 100); do
    [ -s "$dir/display" ] && break
    kill -0 "$XVFB_PID" 2>/dev/null || { echo "Xvfb did not start:" >&2; cat "$dir/log" >&2; rm -rf "$dir"; return 1; }
    sleep 0.1
  done
  [ -s "$dir/display" ] || { echo "Xvfb did not report its display within 10 s" >&2; kill "$XVFB_PID"; rm -rf "$dir"; return 1; }
  DISPLAY=:$(tr -d '\n' <"$dir/display")
  export DISPLAY
  rm -rf "$dir"
}

stop_xvfb() {
  [ -n "${XVFB_PID:-}" ] || return 0
  kill "$XVFB_PID" 2>/dev/null || true
  wait "$XVFB_PID" 2>/dev/null || true
  XVFB_PID=""
}
