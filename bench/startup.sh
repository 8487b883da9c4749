#!/usr/bin/env bash
# Issue 7's start-up benchmark: `./nnc grad` on the lecture's f = a*b + c, end to end (launcher,
# JVM, compilation, run), as a user types it. Prints the median, min and max wall time of the
# runs and the load average. Run from anywhere:
#
#   bench/startup.sh [--runs N] [--busy K]
#
# --busy K keeps K busy loops spinning meanwhile: K = 2 fills both cores of the project machine,
# a load of 2 besides nnc itself, the "machine busy with CI" case.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=21
busy=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --busy) busy=$2; shift 2 ;;
    *) echo "usage: bench/startup.sh [--runs N] [--busy K]" >&2; exit 2 ;;
  esac
done

./nnc --version > /dev/null   # builds nnc and its class-data archive first, outside the timing

spinners=()
trap 'for p in ${spinners[@]+"${spinners[@]}"}; do kill "$p" 2> /dev/null || true; done' EXIT
for ((i = 0; i < busy; i++)); do
  (while :; do :; done) &
  spinners+=($!)
done

ms=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  ./nnc grad examples/lecture/add_mul.nn --at a=3 b=2 c=-4 > /dev/null
  end=$(date +%s%N)
  ms+=($(( (end - start) / 1000000 )))
done
mapfile -t sorted < <(printf '%s\n' "${ms[@]}" | sort -n)
echo "nnc grad add_mul.nn: median ${sorted[runs / 2]} ms, min ${sorted[0]}, max ${sorted[runs - 1]} ms;" \
  "$runs runs, $busy busy loops, load average $(cut -d' ' -f1-3 /proc/loadavg)"
