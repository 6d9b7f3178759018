#!/bin/sh
# adversarial-time.sh: the CPU time of redact.Recognise and Numbers on
# adversarial texts (vault/redact adv_test.go) of 1, 16 and 64 KiB, at a
# base commit and at the work tree. Both test binaries are built with the
# work tree's adv_test.go, so the base runs the pieces added since. Each
# size runs a fixed number of iterations under /usr/bin/time: user+sys
# CPU compares on a shared machine where wall time does not.
# Usage: bench/adversarial-time.sh BASE-COMMIT [ITERATIONS] [PIECE...]
set -eu
base=$1
n=${2:-3}
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- mixed-script mixed-o mixed-two mixed-double greek-one arabic-one marks-o long-word kana han-digit-run hangul-digit-run ligature
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/base"
git -C "$root" archive "$base" | tar -x -C "$tmp/base"
cp "$root/vault/redact/adv_test.go" "$tmp/base/vault/redact/"
(cd "$tmp/base" && go test -c -o "$tmp/base.test" ./vault/redact/)
(cd "$root" && go test -c -o "$tmp/head.test" ./vault/redact/)
for piece in "$@"; do
	for size in 1KiB 16KiB 64KiB; do
		for tree in base head; do
			printf '%s %s %s: ' "$piece" "$size" "$tree"
			(cd "$tmp" && /usr/bin/time -f "%U s user, %S s sys, %e s wall" nice -n 10 "$tmp/$tree.test" \
				-test.run '^$' -test.bench "^BenchmarkAdversarial/$piece/$size\$" -test.benchtime "${n}x" 2>&1) |
				grep -E 'ns/op|user' | sed 's/  */ /g' | tr '\n' ' '
			echo
		done
	done
done
