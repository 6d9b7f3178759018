#!/usr/bin/env bash
# Issue 16, must show 1: tvault put of N testimonies of about 4 KiB in one
# command (one batch: staged a chunk at a time, parsed and encrypted on
# all cores, committed at once), against its peer in the same run: age
# encrypting the same records to the same recipient on one core
# (bench/agepeer: age.Encrypt in one process, no CLI start-up).
#
#   bash bench/put-batch.sh [N...]     (default: 10000 100000)
#
# For each N: the peak memory of opening the fresh vault (tvault list of
# the empty vault), then of the put, both split into anonymous and
# mapped-file memory by bench/measure.sh; wall and CPU times; the rate of
# each and their ratio, by wall time (the issue's measure) and by CPU time
# (which others' load on a shared machine inflates less).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source bench/measure.sh

go build -o "$work/bin/" ./cmd/tvault ./bench/agepeer ./bench/gentestimonies
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
for n in "${sizes[@]}"; do
	in="$work/in-$n"
	"$work/bin/gentestimonies" -n "$n" -out "$in"
	ls "$in" | sed "s|^|$in/|" > "$work/list-$n"
	export TVAULT_DIR="$work/vault-$n" TVAULT_PASSPHRASE_FILE="$work/pass"
	TVAULT_STATE_DIR=$(mktemp -d -p "$work")
	export TVAULT_STATE_DIR
	echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
	recipient=$("$work/bin/tvault" init)

	measure "open (tvault list, empty vault)" "$work/bin/tvault" list
	measure "tvault put of $n files" "$work/bin/tvault" put --files-from "$work/list-$n"
	test "$(wc -l < "$work/out")" -eq "$n"
	read -r put_wall put_user put_sys _ < "$work/time"
	measure "age peer, $n files on one core" "$work/bin/agepeer" -r "$recipient" "$in"
	read -r peer_wall peer_user peer_sys _ < "$work/time"
	awk -v n="$n" -v pw="$put_wall" -v pc="$(echo "$put_user + $put_sys" | bc)" \
		-v aw="$peer_wall" -v ac="$(echo "$peer_user + $peer_sys" | bc)" 'BEGIN {
		printf "  => tvault %.0f testimonies/s (wall), %.0f per CPU-second; age %.0f/s (wall), %.0f per CPU-second\n", n/pw, n/pc, n/aw, n/ac
		printf "  => ratio tvault/age: %.2f by wall time; CPU per record tvault/age: %.2f\n", aw/pw, pc/ac
	}'
	rm -rf "$in" "$TVAULT_DIR"
done
