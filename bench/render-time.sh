#!/bin/sh
# render-time.sh: the CPU time and allocation of one researcher view of
# each 15 MiB narrative of BenchmarkRenderMemory (vault/view mem_test.go)
# at base commits and at the work tree, one process per piece and tree,
# the trees alternated piece by piece so that they share the machine's
# load. Each base is built with its own mem_test.go (a piece it lacks
# prints nothing). CPU is user+sys of the process under /usr/bin/time
# (the registry's matcher of 1,004 persons, about 0.1 s, included): on
# a shared machine it compares where wall time does not. GOGC is the
# environment's (the benchmark's bound is at 100; tvault and tvaultd
# set 25, internal/gcpace).
# Usage: bench/render-time.sh 'BASE...' [PIECE...]
#   e.g. bench/render-time.sh 'bc829fa 9ddda56' english korean names
set -eu
bases=$1
shift
[ $# -gt 0 ] || set -- english korean names
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trees=
for base in $bases; do
	mkdir "$tmp/$base"
	git -C "$root" archive "$base" | tar -x -C "$tmp/$base"
	(cd "$tmp/$base" && go test -c -o "$tmp/$base.test" ./vault/view/)
	trees="$trees $base"
done
(cd "$root" && go test -c -o "$tmp/head.test" ./vault/view/)
for piece in "$@"; do
	for tree in $trees head; do
		printf '%s %s: ' "$piece" "$tree"
		(cd "$tmp" && /usr/bin/time -f "%U s user, %S s sys, %e s wall" nice -n 10 "$tmp/$tree.test" \
			-test.run '^$' -test.bench "^BenchmarkRenderMemory/$piece\$" -test.benchtime 1x 2>&1) |
			grep -E 'alloc-MiB|user' | sed 's/  */ /g; s/BenchmarkRenderMemory[^ ]* 1 //' | tr '\n' ' '
		echo
	done
done
