#!/bin/sh
# view-cpu.sh: the CPU time a researcher view's rendering takes in
# process (vault/view's BenchmarkViewSynthetic: the 200 synthetic
# testimonies with a matcher of 100,000 persons, its cpu-ms/op the
# process's user+sys CPU a view, the collector's included), at a base
# commit and at the work tree, in turns, so that both see the same
# machine. Usage: bench/view-cpu.sh BASE-COMMIT [ITERATIONS] [ROUNDS]
set -eu
base=$1
n=${2:-8000}
rounds=${3:-3}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/base"
git -C "$root" archive "$base" | tar -x -C "$tmp/base"
(cd "$tmp/base" && go test -c -o "$tmp/base.test" ./vault/view/)
(cd "$root" && go test -c -o "$tmp/head.test" ./vault/view/)
for round in $(seq "$rounds"); do
	for tree in base head; do
		dir=$root/vault/view
		[ "$tree" = base ] && dir=$tmp/base/vault/view
		printf '%s round %s: ' "$tree" "$round"
		(cd "$dir" && nice -n 10 "$tmp/$tree.test" -test.run '^$' -test.bench 'BenchmarkViewSynthetic$' \
			-test.benchtime "${n}x" 2>&1) | grep -E 'allocs/op' | sed 's/  */ /g'
	done
done
