#!/usr/bin/env bash
# Two builds of tvaultd under the same load, side by side (issue 16, must
# show 2): bench/daemon-load.sh of commit BASE and of HEAD at the same
# time, each on its own copy of the vault, so that both see the same
# machine minute by minute.
#
#   GOMEMLIMIT=240MiB nice -n 10 bash bench/daemon-ab.sh BASE [OUT] [daemon-load.sh arguments]
#
# OUT (default a new directory under /tmp) receives base.txt and
# head.txt, each daemon-load.sh's report; the arguments after OUT are
# daemon-load.sh's (default: /work/bench/v50k /work/bench/pass 0 1m 3,
# researcher views and officer reads alone, a minute each, three times).
# Each build's tree is taken from git (git archive), so uncommitted
# changes are not measured.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: daemon-ab.sh BASE [OUT] [daemon-load.sh arguments]}
out=${2:-$(mktemp -d)}
shift $(( $# < 2 ? $# : 2 ))
[ $# -gt 0 ] || set -- /work/bench/v50k /work/bench/pass 0 1m 3
trees=$(mktemp -d)
trap 'rm -rf "$trees"' EXIT
mkdir -p "$out" "$trees/base" "$trees/head"
git archive "$base" | tar -x -C "$trees/base"
git archive HEAD | tar -x -C "$trees/head"
echo "base $(git rev-parse --short "$base"), head $(git rev-parse --short HEAD); reports in $out"
bash "$trees/base/bench/daemon-load.sh" "$@" > "$out/base.txt" 2>&1 &
bpid=$!
bash "$trees/head/bench/daemon-load.sh" "$@" > "$out/head.txt" 2>&1 &
hpid=$!
status=0
wait "$bpid" || status=$?
wait "$hpid" || status=$?
for b in base head; do
	grep -h -e '^round' -e whole -e 'ms a read' -e 'tvaultd up' "$out/$b.txt" | sed "s/^/$b: /" || true
done
exit "$status"
