#!/usr/bin/env bash
# Measures tvault erase on vaults of N testimonies of about 4 KiB: an
# erase purges the record from Badger's files (closing and reopening the
# database, dropping its keys from the tables, rewriting the value logs
# that held its values, then reading every log to prove it), so its cost
# grows with the database, not with the record.
#
#   bash bench/erase.sh [N...]     (default: 1000 10000)
#
# Each erase runs as its own command, timed with /usr/bin/time for wall
# time, CPU time and peak RSS, anonymous and mapped files apart
# (bench/measure.sh; RSS includes the scrypt unseal's 256 MiB
# table, a fixed cost of every local command: "tvault list" of the same
# vault is measured for comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
export TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"

. bench/measure.sh

for n in "${sizes[@]}"; do
	rm -rf "$work/in" "$work/vault" "$work/state"
	export TVAULT_DIR="$work/vault"
	go run ./bench/gentestimonies -n "$n" -out "$work/in"
	"$tv" init > /dev/null
	(cd "$work/in" && ls | grep '\.json$' | xargs -n 10000 "$tv" put > "$work/ids")
	echo "vault of $n testimonies: $(du -sm "$work/vault" | cut -f1) MiB on disk (du)"
	measure "  tvault list (the open, for comparison)" "$tv" list
	measure "  tvault erase (first record)" "$tv" erase "$(sed -n 1p "$work/ids")" --reason "duplicate import"
	measure "  tvault erase (last record)" "$tv" erase "$(tail -n 1 "$work/ids")" --reason "duplicate import"
	echo "  after: $(du -sm "$work/vault" | cut -f1) MiB on disk (du)"
	measure "  tvault check --read-data" "$tv" check --read-data
	tail -n 1 "$work/out"
done
