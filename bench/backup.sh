#!/usr/bin/env bash
# Benchmarks tvault backup, backup verify and restore on vaults of N
# testimonies of about 4 KiB with M MiB of attachments, to show time, file
# size and peak memory, and how memory grows with the vault.
#
#   bash bench/backup.sh [N:MIB...]     (default: 1000:128 10000:1024)
#
# Each vault is filled by tvault put of N files (bench/gentestimonies),
# then attachments of 16 MiB of random data, each to another record, up
# to MIB. Every command runs as its own process, timed with /usr/bin/time
# for wall time, CPU time and peak RSS, split into anonymous and
# mapped-file memory (bench/measure.sh; RSS includes the scrypt unseal's
# 256 MiB table, a fixed cost of every local command that opens a vault:
# backup and restore do, backup verify does not). The restore checks the
# restored vault as "tvault check --read-data" does, which is in its time.
# The restored vault is then opened alone ("tvault audit key": the peak at
# open, the fixed cost the restore's memory is measured above) and checked
# alone ("tvault check --read-data"), each with a state directory of its
# own, as the restore's check has. Where a restore's memory goes phase by
# phase: go run ./bench/restoremem -prof PREFIX FILE DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000:128 10000:1024)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
export TVAULT_PASSPHRASE_FILE="$work/pass"

. bench/measure.sh

for size in "${sizes[@]}"; do
	n=${size%%:*} mib=${size##*:}
	rm -rf "$work/in" "$work/vault" "$work/restored" "$work/backup.tvb" "$work/state"
	export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state"
	go run ./bench/gentestimonies -n "$n" -out "$work/in"
	"$tv" init > /dev/null
	(cd "$work/in" && ls | grep '\.json$' | xargs -n 10000 "$tv" put > "$work/ids")
	for i in $(seq $((mib / 16))); do
		head -c $((16 << 20)) /dev/urandom > "$work/att.bin"
		"$tv" attach "$(sed -n "${i}p" "$work/ids")" "$work/att.bin" > /dev/null
	done
	rm -f "$work/att.bin"
	echo "vault of $n testimonies and $mib MiB of attachments: $(du -sm "$work/vault" | cut -f1) MiB on disk (du)"
	measure "  tvault backup" "$tv" backup --out "$work/backup.tvb"
	echo "  backup file: $(($(stat -c %s "$work/backup.tvb") >> 20)) MiB"
	measure "  tvault backup verify" "$tv" backup verify --key "$("$tv" audit key)" "$work/backup.tvb"
	# The restored vault is the same vault (its identity, its log): a
	# state directory of its own, as on another machine.
	TVAULT_STATE_DIR="$work/state2" measure "  tvault restore (with its check --read-data)" "$tv" --vault "$work/restored" restore "$work/backup.tvb"
	echo "  restored vault: $(du -sm "$work/restored" | cut -f1) MiB on disk (du)"
	TVAULT_STATE_DIR="$work/state3" measure "  tvault audit key (the open alone)" "$tv" --vault "$work/restored" audit key
	TVAULT_STATE_DIR="$work/state4" measure "  tvault check --read-data (alone)" "$tv" --vault "$work/restored" check --read-data
	rm -rf "$work/state2" "$work/state3" "$work/state4"
done
