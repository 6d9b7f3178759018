#!/usr/bin/env bash
# Measures the researcher view's render of 15 MiB narratives
# (BenchmarkRenderMemory in vault/view): peak heap above the start and
# bytes allocated per render, with the CPU time of the test binary.
#
#   bash bench/render-memory.sh [PIECES] [GOGC...]
#
# PIECES is a regular expression of the benchmark's pieces (default
# "names|english|korean"; "names" is 15 MiB of one registered given name,
# the name matcher's worst case). Each GOGC given (default: 100, the
# benchmark's bound, and 25, what tvault and tvaultd set: internal/gcpace)
# is one run of every piece.
set -euo pipefail
cd "$(dirname "$0")/.."
pieces=${1:-names|english|korean}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/view.test" ./vault/view/
cd vault/view
for gogc in "${@:-100 25}"; do
	for g in $gogc; do
		echo "GOGC=$g"
		GOGC=$g /usr/bin/time -f "wall %e s, CPU %U s user + %S s sys" \
			nice -n 10 "$work/view.test" -test.run '^$' -test.bench "RenderMemory/($pieces)\$" -test.benchtime 1x 2>&1 |
			grep -E 'RenderMemory|wall'
	done
done
