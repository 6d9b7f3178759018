#!/usr/bin/env bash
# Benchmarks tvault check and tvault check --read-data on vaults of N
# testimonies of about 4 KiB, to show how time and memory grow with N.
#
#   bash bench/check.sh [N...]     (default: 1000 10000)
#
# Each vault is filled by tvault put of N files, 10,000 at a time,
# then each check runs as its own command, timed with /usr/bin/time for
# wall time and peak RSS (which includes the scrypt unseal's 256 MiB
# table, a fixed cost of every local command). CPU time is printed too:
# on a shared machine, wall time also measures the other load.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
export TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"

. bench/measure.sh

for n in "${sizes[@]}"; do
	rm -rf "$work/in" "$work/vault"
	go run ./bench/gentestimonies -n "$n" -out "$work/in"
	export TVAULT_DIR="$work/vault"
	"$work/bin/tvault" init > /dev/null
	# At most 10,000 files a put: one put is one transaction, which Badger
	# bounds (issue 16).
	(cd "$work/in" && ls | grep '\.json$' | xargs -n 10000 "$work/bin/tvault" put > /dev/null)
	echo "vault of $n testimonies: $(du -sm "$work/vault" | cut -f1) MiB"
	measure "  tvault audit key (the open, for comparison)" "$work/bin/tvault" audit key
	measure "  tvault check" "$work/bin/tvault" check
	tail -n 1 "$work/out"
	measure "  tvault check --read-data" "$work/bin/tvault" check --read-data
	tail -n 1 "$work/out"
done
