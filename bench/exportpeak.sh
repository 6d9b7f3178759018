#!/usr/bin/env bash
# Peak memory of tvault export --view researcher above the open (issue
# 16, must show 4), in its first SECONDS: a whole export of the 50,000
# testimony fixture takes half an hour of a loaded 2-vCPU machine, while
# what grows with the registry (the name matcher over every person) is
# built before the first record is written and kept to the end.
#
#   bash bench/exportpeak.sh [FIXTURE] [PASSFILE] [SECONDS] [ROUNDS]
#
# FIXTURE defaults to /work/bench/v50k (bench/commands.sh says how to make
# one), PASSFILE to /work/bench/pass, SECONDS to 240, ROUNDS to 1. With
# BEFORE set to other tvault binaries (older trees', separated by
# spaces), each round also runs their exports, for a before and after in
# the same run. The vault is copied
# first (opening one writes to it) and the copy removed at the end. As in
# bench/commands.sh, "after the unseal" is the peak anonymous memory after
# the unseal's scrypt table is freed, and "above the open" compares it
# with what tvault audit key, which only opens the vault, holds at its
# end.
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass} limit=${3:-240} rounds=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass"

. bench/measure.sh

# The first open of a copy with a fresh state directory verifies the log
# against the checkpoints it records; the open measured is a later one.
"$tv" audit key > /dev/null
measure "tvault audit key (the open)" "$tv" audit key
settled=$last
echo "    after the unseal: $last MiB anonymous at the end"

# exportpeak LABEL TVAULT: the export by that binary, stopped after
# SECONDS (/usr/bin/time still reports its CPU time); by SIGTERM, since a
# background job of a script ignores SIGINT.
exportpeak() {
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$2" export --view researcher --purpose benchmark > "$work/out" 2> "$work/err" &
	local timepid=$! pid= killer
	while [ -z "$pid" ] && kill -0 "$timepid" 2> /dev/null; do
		sleep 0.01
		pid=$(pgrep -P "$timepid" | head -n 1 || true)
	done
	(sleep "$limit" && kill -TERM "$pid" 2> /dev/null) &
	killer=$!
	read -r anon file last after < <(peaks "$pid")
	wait "$timepid" || true
	kill "$killer" 2> /dev/null || true
	read -r wall user sys rss < <(tail -n 1 "$work/time")
	echo "$1, stopped after ${limit}s: ${wall}s wall, ${user}s user + ${sys}s system CPU, peak RSS $((rss / 1024)) MiB (anonymous $anon MiB, mapped files $file MiB)"
	echo "    after the unseal: peak $after MiB, $((after - settled)) MiB above the open's; $(wc -l < "$work/out") records written; load $(cut -d' ' -f1-3 /proc/loadavg)"
}
for r in $(seq "$rounds"); do
	exportpeak "tvault export --view researcher" "$tv"
	for b in ${BEFORE:-}; do
		exportpeak "tvault export --view researcher (BEFORE: $b)" "$b"
	done
done
