#!/usr/bin/env bash
# GUI smoke test: the real app under Xvfb. Starts `safeharbor demo`, waits
# until the window is painted (bounded), screenshots it, and fails if the
# process died or drew nothing. Runs in each language.
#
#   LANGS="en ja"       languages to run (SAFEHARBOR_LANG)
#   SCREENS="dashboard" screens to shoot: dashboard detail:bitbank playbook:bitbank settings wallet history
#   SETTLE=6            seconds after the first paint before the shot (the demo halts bitbank ~35 s in)
#   OUT=ci-artifacts    where PNGs and logs go
#   SKIP_BUILD=1        use the existing ./safeharbor
#   BENCH=1             instead: the plain app (`safeharbor`, not the demo) watching the 12
#                       simulated exchanges served by a separate `safeharbor demo --serve-only
#                       --steady` process, so the numbers are the GUI's own; then the same
#                       for internal/fynefloor, an empty Fyne window, as the control
# Prints time-to-first-paint and idle RSS per run (the startup benchmark;
# targets 1.5 s and 150 MB), and PSS: RSS with pages shared with other
# processes (Xvfb maps the same OpenGL libraries) divided among them.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-ci-artifacts}
LANGS=${LANGS:-en ja}
SCREENS=${SCREENS:-dashboard}
SETTLE=${SETTLE:-6}
mkdir -p "$OUT"

for tool in Xvfb dbus-run-session import convert; do
  command -v "$tool" >/dev/null || { echo "gui-smoke: $tool is not installed (run scripts/deps.sh)" >&2; exit 1; }
done

if [ -z "${SKIP_BUILD:-}" ]; then
  go build -tags migrated_fynedo,no_emoji -o safeharbor .
fi

# The app must not read or write the developer's own config or keyring.
home=$(mktemp -d)
fakes=""
cleanup() {
  [ -z "$fakes" ] || { kill "$fakes" 2>/dev/null; wait "$fakes" 2>/dev/null || true; }
  stop_xvfb
  rm -rf "$home"
}
trap cleanup EXIT
. scripts/xvfb.sh
start_xvfb 1280x800x24 # one display for every shot

shot() { # lang screen [command]
  local lang=$1 screen=$2 cmd=${3:-./safeharbor demo} name png log
  name="demo-${screen//:/-}-$lang"
  [ "$screen" = dashboard ] && name="demo-$lang"
  [ -n "${BENCH:-}" ] && name="bench-$lang"
  [ "$screen" = floor ] && name="bench-fynefloor"
  png="$OUT/$name.png"
  log="$OUT/$name.log"
  local rc attempt
  for attempt in 1 2; do
    rc=0
    run_once || rc=$?
    # A start that fails before the first paint without a Go panic is the
    # display or bus, not SafeHarbor (its log is printed above): once more.
    if [ "$rc" = 3 ] && [ "$attempt" = 1 ] && ! grep -q '^panic:\|^fatal error:' "$log"; then
      echo "gui-smoke: $lang $screen: the app did not start; retrying once" >&2
      continue
    fi
    [ "$rc" = 0 ] || exit "$rc"
    break
  done
  sd=$(convert "$png" -format "%[fx:standard_deviation]" info:)
  if ! awk "BEGIN{exit !($sd > 0.02)}"; then
    echo "gui-smoke: $png is blank (stddev $sd)" >&2
    exit 5
  fi
  echo "gui-smoke: $lang $screen -> $png"
}

run_once() { # uses shot's lang screen cmd png log
  HOME="$home" XDG_CONFIG_HOME="$home/config" SAFEHARBOR_LANG="$lang" SAFEHARBOR_SCREEN="$screen" \
  PNG="$png" LOG="$log" SETTLE="$SETTLE" CMD="$cmd" \
  dbus-run-session -- sh -c '
    probe=$(mktemp --suffix=.png)
    start=$(date +%s%N)
    $CMD >"$LOG" 2>&1 &
    pid=$!
    painted=""
    i=0
    while [ $i -lt 120 ]; do                      # at most ~60 s
      if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "gui-smoke: the app exited early (status $?); its log:" >&2; tail -n 40 "$LOG" >&2; exit 3; fi
      if import -window root "$probe" 2>/dev/null; then
        sd=$(convert "$probe" -format "%[fx:standard_deviation]" info: 2>/dev/null || echo 0)
        if awk "BEGIN{exit !($sd > 0.02)}"; then painted=1; break; fi
      fi
      sleep 0.25
      i=$((i+1))
    done
    [ -n "$painted" ] || { echo "gui-smoke: nothing was drawn within 60 s" >&2; kill $pid; exit 4; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep "$SETTLE"
    if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "gui-smoke: the app died after painting (status $?); its log:" >&2; tail -n 40 "$LOG" >&2; exit 6; fi
    import -window root "$PNG"
    rss=$(awk "/VmRSS/{print \$2}" /proc/$pid/status)
    pss=$(awk "/^Pss:/{print \$2}" /proc/$pid/smaps_rollup)
    kill $pid
    wait $pid 2>/dev/null || true
    rm -f "$probe"
    echo "first paint ${ms} ms, idle RSS $((rss / 1024)) MB (PSS $((pss / 1024)) MB)"
  '
}

if [ -n "${BENCH:-}" ]; then
  mkdir -p "$home/config/safeharbor"
  ./safeharbor demo --serve-only --steady --config-out "$home/config/safeharbor/config.toml" >"$OUT/bench-fakes.log" 2>&1 &
  fakes=$!
  for _ in $(seq 100); do [ -s "$home/config/safeharbor/config.toml" ] && break; sleep 0.1; done
  [ -s "$home/config/safeharbor/config.toml" ] || { echo "gui-smoke: the simulated exchanges did not start" >&2; exit 1; }
  SCREENS=dashboard
  SETTLE=${BENCH_SETTLE:-15}
fi

for lang in $LANGS; do
  for screen in $SCREENS; do
    if [ -n "${BENCH:-}" ]; then shot "$lang" "$screen" ./safeharbor; else shot "$lang" "$screen"; fi
  done
done
if [ -n "${BENCH:-}" ]; then
  go build -o "$home/fynefloor" ./internal/fynefloor
  echo "control: an empty Fyne window (internal/fynefloor), same display and driver"
  shot en floor "$home/fynefloor"
fi
