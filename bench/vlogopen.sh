#!/usr/bin/env bash
# Benchmarks what recording and checking the value-log files costs the
# open of a vault whose record of its tables vouches for them (a clean
# close with the same state directory): the open a CLI command or
# tvaultd's unseal pays every time (issue 12, review12e V1).
#
#   bash bench/vlogopen.sh [PEER_REV [VAULT PASSFILE]]
#
# PEER_REV (default 739cfa4, the build before the value-log record) is
# built from git as the peer. The vault (default the shared fixture
# /work/bench/v50k, passphrase /work/bench/pass) is copied first (opening
# writes to it). The peer opens it first with a new state directory (the
# verification against the log, once), then twice vouched; this build
# then opens it vouched (reading the peer's v2 record, which lists no
# value-log files) and twice more (reading its own v3 record, checking
# the value-log files). tvault audit key is an open and nothing else;
# each open adds a table (its audit entry), and the open that finds five
# on level 0 compacts them (Badger's level-0 limit), which the tables:
# lines show.
set -euo pipefail
cd "$(dirname "$0")/.."
peer=${1:-739cfa4}
src=${2:-/work/bench/v50k}
pass=${3:-/work/bench/pass}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
mkdir -p "$work/peer"
git archive "$peer" | tar -x -C "$work/peer"
(cd "$work/peer" && go build -o "$work/peerbin/" ./cmd/tvault)
cp -a "$src" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$pass" TVAULT_STATE_DIR="$work/state"
echo "vault: $(du -sm "$work/vault" | cut -f1) MiB, $(ls "$work/vault/db" | grep -c '\.vlog$') value-log files"

. bench/measure.sh

measure "peer $peer: open, a new state directory (verifies)" "$work/peerbin/tvault" audit key
measure "peer $peer: open, vouched" "$work/peerbin/tvault" audit key
ls "$work/vault/db" | grep -c "\.sst$" | sed "s/^/tables: /"
measure "peer $peer: open, vouched" "$work/peerbin/tvault" audit key
ls "$work/vault/db" | grep -c "\.sst$" | sed "s/^/tables: /"
measure "this build: open, vouched by the peer's v2 record" "$work/bin/tvault" audit key
measure "this build: open, vouched, value-log files checked" "$work/bin/tvault" audit key
measure "this build: open, vouched, value-log files checked" "$work/bin/tvault" audit key
grep -c '^vlog ' "$work"/state/*.tables | sed 's/^/value-log files recorded: /'
