#!/usr/bin/env bash
# Times the test suite as CI runs it (.ci/run: gofmt, go vet, then the
# README's go test -race ./...) from a fresh clone of this repository's
# HEAD, first with an empty build cache, then from a second fresh clone
# with the cache that run filled (a clone elsewhere builds other test
# binaries, so no test result is taken from the cache), and prints each run's wall and CPU time (user + system: on a
# shared machine wall time also measures the other load) and the slowest
# packages.
#
#   bash bench/testsuite.sh
#
# Modules come from the module cache or the proxy, not counted as build.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOCACHE="$work/gocache"
failed=0
for run in empty warm; do
	git clone -q . "$work/$run"
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	if /usr/bin/time -f "%e %U %S" -o "$work/time" bash "$work/$run/.ci/run" > "$work/$run.log" 2>&1; then
		result=passed
	else
		result=FAILED
	fi
	read -r secs user sys < "$work/time"
	echo "build cache $run: $result, ${secs}s wall, ${user}s user + ${sys}s system CPU, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
	grep -E '^(ok|FAIL)\s' "$work/$run.log" | awk '{print $3, $2, $1}' | sort -rn | head -n 6 | sed 's/^/  /'
	if [ "$result" = FAILED ]; then
		failed=1
		grep -E -e '--- FAIL|^FAIL|panic: test timed out' "$work/$run.log" | head -n 20 | sed 's/^/  /'
	fi
done
exit "$failed"
