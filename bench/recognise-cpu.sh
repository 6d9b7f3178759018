#!/bin/sh
# recognise-cpu.sh: the CPU time of redact.Recognise on the 4 KiB English
# and Korean testimonies of vault/redact's BenchmarkRecognise and
# BenchmarkRecogniseKorean, at a base commit and at the work tree, in
# turns. Each test binary runs a fixed number of iterations under
# /usr/bin/time, so user+sys CPU compares on a shared machine where wall
# time does not. Usage: bench/recognise-cpu.sh BASE-COMMIT [ITERATIONS]
# [BENCHMARKS...] (other benchmarks of vault/redact, such as
# 'BenchmarkResidences$', in place of the two). PKG=./vault/view runs
# that package's benchmarks instead (BenchmarkViewSynthetic$).
set -eu
pkg=${PKG:-./vault/redact}
base=$1
n=${2:-300}
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- 'BenchmarkRecognise$' 'BenchmarkRecogniseKorean$'
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/base"
git -C "$root" archive "$base" | tar -x -C "$tmp/base"
(cd "$tmp/base" && go test -c -o "$tmp/base.test" "$pkg")
(cd "$root" && go test -c -o "$tmp/head.test" "$pkg")
for round in 1 2; do
	for tree in base head; do
		dir=$root/$pkg
		[ "$tree" = base ] && dir=$tmp/base/$pkg
		for b in "$@"; do
			printf '%s round %s %s: ' "$tree" "$round" "$b"
			(cd "$dir" && /usr/bin/time -f "%U s user, %S s sys, %e s wall" nice -n 10 "$tmp/$tree.test" \
				-test.run '^$' -test.bench "$b" -test.benchtime "${n}x" -test.benchmem 2>&1) |
				grep -E 'allocs/op|user' | sed 's/  */ /g' | tr '\n' ' '
			echo
		done
	done
done
