#!/usr/bin/env bash
# Benchmarks tvault audit verify of the stored log against its peer, the
# offline verification of an export of the same log (audit verify --log),
# on a vault of 50,000 testimonies and about 500,000 audit entries
# (issue 16, must show 4).
#
#   bash bench/verify.sh [FIXTURE PASSFILE [ROUNDS]]
#
# FIXTURE defaults to /work/bench/v50k (made by
#   go run ./bench/fillvault -n 50000 -size 0 -reads 450000 FIXTURE PASSFILE
# ) and PASSFILE to /work/bench/pass. The script works on a copy, with a
# fresh state directory: every command appends its own audit entry, and
# opening a vault writes to it. Each command runs as its own process
# (bench/measure.sh), ROUNDS times (default 3), alternating with the peer.
# "Above the open" is the command's peak anonymous memory less that of
# tvault audit key, which only opens the vault and reads nothing; "after
# the unseal" compares the peaks after the unseal's scrypt table is freed
# (bench/measure.sh), which would otherwise hide up to 256 MiB. With
# BEFORE set to another tvault binary (an older tree's), each round also
# runs its audit verify, for a before and after in the same run. With
# MIGRATE set to storage migrations' names, separated by spaces
# ("audit-hash-blocks audit-entry-blocks"), the copy is migrated first
# (tvault migrate, each in turn, not measured).
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass} rounds=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass"

. bench/measure.sh

# The first open of a copy with a fresh state directory verifies the log
# against the checkpoints it records; the open measured is a later one.
"$tv" audit key > "$work/vkey"
for m in ${MIGRATE:-}; do "$tv" migrate "$m" > /dev/null; done
# Each open's close flushes a level-0 table. Once there are five, the
# next process that runs a second or more after its open (Badger's
# compactors start after up to a second) compacts the fixture's tables,
# 330 MiB, and its close waits for that: about 2 s of CPU that would land
# in one measured command. One verification, not measured, takes it.
for _ in 1 2 3 4; do "$tv" audit key > /dev/null; done
"$tv" audit verify > /dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "tvault audit key (the open)" "$tv" audit key
open=$anon settled=$last
echo "    after the unseal: $last MiB anonymous at the end"
above() { echo "    above the open: $((anon - open)) MiB anonymous; after the unseal: peak $after MiB, $((after - settled)) MiB above the open's"; }
for r in $(seq "$rounds"); do
	measure "tvault audit verify" "$tv" audit verify
	above
	if [ -n "${BEFORE:-}" ]; then
		measure "tvault audit verify (BEFORE: $BEFORE)" "$BEFORE" audit verify
		above
	fi
	rm -f "$work/audit.log"
	"$tv" audit export --out "$work/audit.log"
	measure "tvault audit verify --log (offline, the peer)" "$tv" audit verify --log "$work/audit.log" --key "$work/vkey"
done
cat "$work/out"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
