#!/usr/bin/env bash
# Compares the CPU time (user + system) of some packages' tests as CI runs
# them (go test -race, no cached result) at two commits, alternating
# before and after package by package so that both see the same load, and
# prints each run's wall and CPU time and the package's slowest tests
# (wall, from go test -json). On a shared machine wall time also measures
# the other load: CPU time is the figure to compare.
#
#   bash bench/suite-cpu-ab.sh BEFORE AFTER PACKAGE...
#   bash bench/suite-cpu-ab.sh 5ab94dc HEAD ./vault/redact ./vault/view ./vault/names
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for rev in "$before" "$after"; do
	mkdir -p "$work/$rev"
	git archive "$rev" | tar -x -C "$work/$rev"
done
for pkg in "$@"; do
	for rev in "$before" "$after"; do
		load=$(cut -d' ' -f1 /proc/loadavg)
		result=passed
		(cd "$work/$rev" && /usr/bin/time -f "%e %U %S" -o "$work/time" go test -race -count=1 -json "$pkg" > "$work/json") || result=FAILED
		read -r secs user sys < "$work/time"
		cpu=$(echo "$user + $sys" | bc)
		echo "$pkg at $rev: $result, ${secs}s wall, ${user}s user + ${sys}s sys = ${cpu}s CPU, load ${load} to $(cut -d' ' -f1 /proc/loadavg)"
		python3 - "$work/json" <<'PY'
import json, sys
tests = []
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("Action") in ("pass", "fail") and e.get("Test") and "/" not in e["Test"]:
        tests.append((e["Elapsed"], e["Test"], e["Action"]))
for elapsed, test, action in sorted(tests, reverse=True)[:5]:
    print(f"  {elapsed:8.2f}s {test} {action}")
PY
	done
done
