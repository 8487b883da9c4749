#!/usr/bin/env bash
# Issue 5's benchmark: nnc metrics on a file of a million rows (seeded random labels and scores),
# end to end from the command line, JVM start included. Run from the project root.
set -euo pipefail
file=${TMPDIR:-/tmp}/nnc-million.csv
awk 'BEGIN { srand(1); print "label,score"; for (i = 0; i < 1000000; i++) { y = rand() < 0.3 ? 1 : 0; printf "%d,%.6f\n", y, (y ? 0.3 : 0) + 0.7 * rand() } }' > "$file"
./nnc --version > /dev/null   # build first, outside the timing
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall" ./nnc metrics "$file" --json > /dev/null
done
