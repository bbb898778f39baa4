#!/usr/bin/env bash
# Footprint benchmark: `safeharbor watch` against every simulated exchange
# for DURATION seconds; prints its peak and final RSS (MB) and its CPU use
# as % of one core. Targets: RSS <= 25 MB, CPU <= 0.25 %.
#
#   scripts/footprint.sh              # 60 s at the default 15 s interval
#   DURATION=30 INTERVAL=5s scripts/footprint.sh
#
# The fakes run in a separate process (`safeharbor demo --serve-only
# --steady`) so only the watcher is measured. Two builds are measured: the
# shipped binary (GUI toolkit linked in) and `make build-headless` (-tags nogui)
# (the same command line without the GUI), to show the toolkit's share.
# Linux only (/proc).
set -euo pipefail

DURATION=${DURATION:-60}
INTERVAL=${INTERVAL:-15s}
WARMUP=${WARMUP:-5}
cd "$(dirname "$0")/.."

work=$(mktemp -d)
serve_pid="" watch_pid=""
cleanup() {
	[ -n "$watch_pid" ] && kill -INT "$watch_pid" 2>/dev/null || true
	[ -n "$serve_pid" ] && kill -INT "$serve_pid" 2>/dev/null || true
	[ -n "$watch_pid" ] && wait "$watch_pid" 2>/dev/null || true
	[ -n "$serve_pid" ] && wait "$serve_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "building..." >&2
go build -tags migrated_fynedo,no_emoji -trimpath -o "$work/safeharbor" .
go build -tags migrated_fynedo,no_emoji,nogui -trimpath -o "$work/shheadless" .
# A freshly written binary's pages are dirty in the page cache; flush them
# so they are not counted differently from an installed binary's.
sync "$work/safeharbor" "$work/shheadless" 2>/dev/null || sync

"$work/safeharbor" demo --serve-only --steady --config-out "$work/demo.toml" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
	[ -s "$work/demo.toml" ] && break
	sleep 0.1
done
[ -s "$work/demo.toml" ] || { echo "fakes did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
sed -i "s/^interval = .*/interval = \"$INTERVAL\"/" "$work/demo.toml"
venues=$(grep -c '^\[\[exchange\]\]' "$work/demo.toml")

tck=$(getconf CLK_TCK)

# measure BINARY LABEL: run `watch` for DURATION s and print its footprint.
measure() {
	local bin=$1 label=$2
	"$bin" watch --config "$work/demo.toml" >"$work/watch.log" 2>&1 &
	watch_pid=$!
	sleep "$WARMUP"
	kill -0 "$watch_pid" 2>/dev/null || { echo "watch exited:" >&2; cat "$work/watch.log" >&2; exit 1; }
	local t0 t1 c0 c1 peak=0 rss=0 anon=0 file=0
	t0=$(date +%s.%N)
	c0=$(awk '{print $14 + $15}' "/proc/$watch_pid/stat")
	for _ in $(seq 1 "$DURATION"); do
		sleep 1
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$watch_pid/status")
		[ "$rss" -gt "$peak" ] && peak=$rss
	done
	anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$watch_pid/status")
	file=$(awk '/^RssFile:/ {print $2}' "/proc/$watch_pid/status")
	c1=$(awk '{print $14 + $15}' "/proc/$watch_pid/stat")
	t1=$(date +%s.%N)
	kill -INT "$watch_pid"
	wait "$watch_pid" || { echo "watch exited with $? on SIGINT" >&2; exit 1; }
	watch_pid=""
	awk -v label="$label" -v peak="$peak" -v rss="$rss" -v anon="$anon" -v file="$file" -v c0="$c0" -v c1="$c1" -v tck="$tck" \
		-v t0="$t0" -v t1="$t1" -v lines="$(wc -l <"$work/watch.log")" 'BEGIN {
		wall = t1 - t0; cpu = (c1 - c0) / tck
		printf "%s\n", label
		printf "  RSS:  peak %.1f MB, final %.1f MB (anonymous %.1f MB, binary/file %.1f MB)   target <= 25 MB\n", peak/1024, rss/1024, anon/1024, file/1024
		printf "  CPU:  %.2f s in %.0f s = %.3f %% of one core   target <= 0.25 %%\n", cpu, wall, 100*cpu/wall
		printf "  output: %d lines\n", lines
	}'
}

echo "watch: $venues simulated exchanges, interval $INTERVAL, $DURATION s after a $WARMUP s warm-up"
measure "$work/safeharbor" "safeharbor (shipped build, GUI linked in)"
measure "$work/shheadless" "safeharbor-headless (-tags nogui)"
