#!/usr/bin/env bash
# Measures the conversion of a vault written before the audit log's
# hashes were stored in blocks (audit.ConvertHashes, at open), apart from
# the audit verify runs of bench/verify.sh, on a copy of the
# 50,000-testimony fixture (issue 16, must show 4):
#
#   BEFORE=/path/to/older/tvault bash bench/hblocks-convert.sh [FIXTURE PASSFILE]
#
# BEFORE is a tvault built from a tree without hash blocks (for example
# git worktree add /tmp/old <commit> && go build -o /tmp/tvault-before
# ./cmd/tvault there). Each open is tvault audit key, which opens the vault
# and reads nothing: an open by BEFORE, the converting open by this tree's
# tvault, then two opens after it.
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass}
: "${BEFORE:?set BEFORE to a tvault built without hash blocks}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass"
. bench/measure.sh
# The first open with a fresh state directory verifies the whole state.
"$BEFORE" audit key > /dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "open, before (BEFORE)" "$BEFORE" audit key
measure "open that converts" "$tv" audit key
cat "$work/err"
measure "open after, 1" "$tv" audit key
measure "open after, 2" "$tv" audit key
measure "tvault audit verify" "$tv" audit verify
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
