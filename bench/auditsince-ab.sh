#!/bin/sh
# auditsince-ab.sh: tvault audit log from a late entry at two commits,
# alternating on the same machine (docs/BENCHMARKS.md, issue 16, session
# 15).
#
#   bench/auditsince-ab.sh BEFORE [AFTER [ROUNDS [FIXTURE PASSFILE]]]
#
# builds tvault at each commit (from git archive, so the work tree is not
# touched), copies FIXTURE (default /work/bench/v50k, which it never
# writes) with its own state directory, opens it once (the verifying
# open of a new state directory), then runs ROUNDS times (5 by default),
# under nice -n 10 and /usr/bin/time: BEFORE's `audit log --since TIME`,
# AFTER's `audit log --from SEQ` and `--since TIME`, and both commits'
# `audit key` (the open alone), where SEQ is the log's size less 1,055
# and TIME that entry's time. Columns: user s, system s, wall s, peak
# RSS KiB, lines printed, load average.
set -eu
before=$1
after=${2:-HEAD}
rounds=${3:-5}
fixture=${4:-/work/bench/v50k}
export TVAULT_PASSPHRASE_FILE=${5:-/work/bench/pass}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for rev in "$before" "$after"; do
	mkdir "$tmp/src"
	git archive "$rev" | tar -x -C "$tmp/src"
	(cd "$tmp/src" && go build -o "$tmp/tvault-$rev" ./cmd/tvault)
	rm -rf "$tmp/src"
done
cp -a "$fixture" "$tmp/vault"
export TVAULT_DIR="$tmp/vault" TVAULT_STATE_DIR="$tmp/state"
"$tmp/tvault-$after" audit key > /dev/null
seq=$(("$("$tmp/tvault-$after" audit verify --json | sed 's/.*"size":\([0-9]*\).*/\1/')" - 1055))
time=$("$tmp/tvault-$after" audit log --from "$seq" --json | head -1 | sed 's/.*"time":"\([^"]*\)".*/\1/')
run() { # label, command...
	label=$1
	shift
	load=$(cut -d' ' -f1 /proc/loadavg)
	/usr/bin/time -f '%U %S %e %M' -o "$tmp/time" nice -n 10 "$@" > "$tmp/out"
	echo "$label | $(cat "$tmp/time") | $(wc -l < "$tmp/out") lines | load $load"
}
for k in $(seq "$rounds"); do
	run "round $k $before --since $time" "$tmp/tvault-$before" audit log --since "$time" --json
	run "round $k $after --from $seq" "$tmp/tvault-$after" audit log --from "$seq" --json
	run "round $k $after --since $time" "$tmp/tvault-$after" audit log --since "$time" --json
	run "round $k $before audit key" "$tmp/tvault-$before" audit key
	run "round $k $after audit key" "$tmp/tvault-$after" audit key
done
