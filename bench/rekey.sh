#!/usr/bin/env bash
# Benchmarks tvault rekey on a vault of N testimonies of about 4 KiB, each
# with an attachment of SIZE bytes, and checks the vault afterwards.
#
#   bash bench/rekey.sh [N] [SIZE]     (default 10000 testimonies, 65536 bytes)
#
# The vault, with one post-quantum escrow recipient, is filled in one
# process (bench/fillvault). Then tvault rekey runs as its own command,
# timed with /usr/bin/time for wall time and peak RSS, its anonymous and
# file-backed resident memory sampled from /proc (bench/measure.sh)
# (the RSS includes the scrypt unseal's 256 MiB table, a fixed cost of
# every local command, paid twice by rekey: it seals the keyring twice).
# After it: tvault check --read-data, the audit log verified with the
# verifier key of before the rekey, the person list compared with the one
# of before, and the escrow identity's age -d on a record and an
# attachment.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
size=${2:-65536}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./bench/fillvault filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")

. bench/measure.sh

start=$(date +%s)
fillvault -n "$n" -size "$size" -escrow "$escrow" "$TVAULT_DIR" "$work/pass"
echo "vault of $n testimonies with $n attachments of $size bytes: $(du -sm "$TVAULT_DIR" | cut -f1) MiB, filled in $(($(date +%s) - start))s"

tvault person list > "$work/persons-before"
tvault audit key > "$work/old.vkey"
tvault audit checkpoint > "$work/old.checkpoint"
id=$(tvault list | awk 'NR==2{print $1}')

measure "tvault audit key (the open, for comparison)" tvault audit key
measure "tvault rekey" tvault rekey
tail -n 1 "$work/out"

measure "tvault check --read-data" tvault check --read-data
cat "$work/out"
tvault person list | cmp - "$work/persons-before" && echo "person list and pseudonyms: unchanged"
tvault audit export --out "$work/audit.log"
tvault audit verify --log "$work/audit.log" --key "$(cat "$work/old.vkey")" --checkpoint "$work/old.checkpoint"
tvault export-raw "$id" | age -d -i "$work/escrow.key" | head -n 1
att=$(tvault attachment list "$id" | awk 'NR==2{print $1}')
tvault export-raw "$id" --attachment "$att" | age -d -i "$work/escrow.key" | wc -c | sed 's/^/attachment decrypted by the escrow identity: /; s/$/ bytes/'
