#!/bin/sh
# matcher-ab.sh: the name matcher's heap and build time at two commits,
# one after the other on the same machine (docs/BENCHMARKS.md, issue 13).
#
#   bench/matcher-ab.sh BEFORE [AFTER]
#
# builds the vault/names test binary of each commit (from git archive, so
# the work tree is not touched) and runs BenchmarkNewMatcherMixed (100,000
# persons of four scripts) and BenchmarkMatcherHeap at 100,000 persons,
# each under /usr/bin/time and nice -n 10: MiB-held and variants from the
# benchmark, user and sys CPU, wall time and peak RSS from time.
set -eu
before=$1
after=${2:-HEAD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
for rev in "$before" "$after"; do
	i=$((i + 1))
	mkdir "$tmp/src$i"
	git archive "$rev" | tar -x -C "$tmp/src$i"
	(cd "$tmp/src$i" && go test -c -o "$tmp/names$i.test" ./vault/names/)
done
for bench in BenchmarkNewMatcherMixed 'BenchmarkMatcherHeap/.*-100000'; do
	i=0
	for rev in "$before" "$after"; do
		i=$((i + 1))
		echo "== $rev $bench"
		nice -n 10 /usr/bin/time -f '%U s user, %S s sys, %e s wall, %M KiB peak RSS' \
			"$tmp/names$i.test" -test.run '^$' -test.bench "$bench" -test.benchtime 1x | grep -E '^Benchmark'
	done
done
