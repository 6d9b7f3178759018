#!/bin/sh
# view-ab.sh: a researcher view's CPU at two commits, alternating on the
# same machine (docs/BENCHMARKS.md, issues 13 and 16).
#
#   bench/view-ab.sh BEFORE [AFTER [ROUNDS]]
#
# builds the vault/view test binary of each commit (from git archive, so
# the work tree is not touched) and runs BenchmarkViewSynthetic (the
# synthetic 4 KiB testimonies, a matcher of 100,000 persons) 400 views a
# run, ROUNDS times each (3 by default), before and after in turn under
# nice -n 10: cpu-ms/op is the process's CPU time a view, which the
# machine's load inflates less than wall time; alternating runs share
# the load.
set -eu
before=$1
after=${2:-HEAD}
rounds=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
for rev in "$before" "$after"; do
	i=$((i + 1))
	mkdir "$tmp/src$i"
	git archive "$rev" | tar -x -C "$tmp/src$i"
	(cd "$tmp/src$i" && go test -c -o "$tmp/view$i.test" ./vault/view/)
done
for k in $(seq "$rounds"); do
	i=0
	for rev in "$before" "$after"; do
		i=$((i + 1))
		echo "== $rev round $k"
		nice -n 10 "$tmp/view$i.test" -test.run '^$' -test.bench 'BenchmarkViewSynthetic$' \
			-test.benchtime 400x | grep -E '^Benchmark'
	done
done
