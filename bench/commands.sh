#!/usr/bin/env bash
# Benchmarks the commands that read a whole vault (issue 16, must show
# 4): audit log, audit verify, export and list on a vault of 50,000
# testimonies and about 500,000 audit entries, for their time and their
# memory above the open.
#
#   bash bench/commands.sh [FIXTURE PASSFILE]
#
# FIXTURE is a vault made by
#   go run ./bench/fillvault -n 50000 -size 0 -reads 450000 FIXTURE PASSFILE
# (about 6 minutes on 2 vCPUs); without arguments the script uses
# /work/bench/v50k and /work/bench/pass if they exist and makes them in
# its work directory otherwise. It works on a copy: every command appends
# its own audit entry, and opening a vault writes to it.
#
# Each command runs as its own process (bench/measure.sh: wall time, CPU
# time, peak anonymous and mapped-file memory). "Above the open" is its
# peak anonymous memory less that of tvault audit key, which only opens
# the vault (the scrypt unseal's 256 MiB table, Badger's caches) and
# reads nothing; "after the unseal" compares the peaks after the unseal's
# scrypt table is freed (bench/measure.sh), which would otherwise hide up
# to 256 MiB of a command's own memory. ONLY=REGEXP runs only the commands
# whose label matches. The peer of tvault audit verify is the offline
# verification of an export of the same log (audit verify --log): the
# same entries, hashes and signatures, without the store.
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
if [ ! -d "$fixture" ]; then
	fixture=$work/fixture pass=$work/pass
	echo "bench passphrase $RANDOM$RANDOM" > "$pass"
	go run ./bench/fillvault -n 50000 -size 0 -reads 450000 "$fixture" "$pass"
fi
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass"

. bench/measure.sh

open=0 settled=0
run() { # label, command...
	local label=$1
	if [ -n "${ONLY:-}" ] && ! [[ $label =~ $ONLY ]]; then
		: > "$work/out"
		return
	fi
	measure "$@"
	echo "    above the open: $((anon - open)) MiB anonymous; after the unseal: peak $after MiB, $((after - settled)) MiB above the open's; output $(wc -l < "$work/out") lines, $(($(stat -c %s "$work/out") >> 10)) KiB"
}
# The first open of a copy with a fresh state directory verifies the log
# against the checkpoints it records; the open measured is a later one.
"$tv" audit key > /dev/null
measure "tvault audit key (the open)" "$tv" audit key
open=$anon settled=$last
echo "    after the unseal: $last MiB anonymous at the end"
echo "vault: $(du -sm "$work/vault" | cut -f1) MiB, $("$tv" list --json | wc -l) testimonies"
run "tvault list" "$tv" list
run "tvault list --json" "$tv" list --json
run "tvault list --limit 100" "$tv" list --limit 100
run "tvault audit log" "$tv" audit log
run "tvault audit log --json" "$tv" audit log --json
run "tvault audit verify" "$tv" audit verify
cat "$work/out"
"$tv" audit export --out "$work/audit.log"
"$tv" audit key > "$work/vkey"
run "tvault audit verify --log (offline, the peer)" "$tv" audit verify --log "$work/audit.log" --key "$work/vkey"
cat "$work/out"
run "tvault export --view researcher" "$tv" export --view researcher --purpose "benchmark" --out "$work/export.jsonl"
[ -f "$work/export.jsonl" ] && echo "    $(wc -l < "$work/export.jsonl") records exported"
rm -f "$work/export.jsonl"
run "tvault export --view researcher --format csv" "$tv" export --view researcher --purpose "benchmark" --format csv --out "$work/export.csv"
