#!/usr/bin/env bash
# `make bench`: every benchmark the README reports, on this machine.
#   1. detection latency and scale (watchers), address derivation and the
#      gap-limit scan (wallet) — go test -bench against internal/fakex;
#   2. the footprint of `safeharbor watch` on all 12 simulated exchanges;
#   3. the GUI's time to first paint and idle RSS (under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS=migrated_fynedo,no_emoji
out=${BENCH_OUT:-bench-results}
mkdir -p "$out"

echo "== go test -bench (watchers, wallet, wallet/chain)"
go test -tags $TAGS -run='^$' -bench=. -benchmem -count=1 -benchtime=${BENCHTIME:-3x} \
	./watchers/ ./wallet/ ./wallet/chain/ | tee "$out/go-bench.txt"

echo
echo "== footprint of safeharbor watch (12 exchanges)"
DURATION=${DURATION:-60} ./scripts/footprint.sh | tee "$out/footprint.txt"

echo
echo "== GUI: time to first paint and idle memory (Xvfb), and an empty Fyne window as control"
BENCH=1 OUT="$out" ./scripts/gui-smoke.sh | tee "$out/gui.txt"
echo
echo "results in $out/"
