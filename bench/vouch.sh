#!/usr/bin/env bash
# Benchmarks the verification an open runs when the record of the
# database's tables kept in the state directory cannot vouch for them
# (the first open with a new state directory, a crash, commits made by a
# process with another state directory): the log verified entry by entry
# and the state its write manifests commit to compared with the store,
# key by key, before the vault serves (vault/rollback.go, vouch).
#
#   bash bench/vouch.sh [VAULT PASSFILE]
#
# default: the shared fixture /work/bench/v50k (50,000 testimonies, about
# 500,000 audit entries; bench/fillvault -n 50000 -size 0 -reads 450000)
# and its passphrase /work/bench/pass. The vault is copied first (opening
# writes to it). Each command is timed with /usr/bin/time (wall, CPU,
# peak RSS, split by bench/measure.sh into anonymous and mapped memory);
# tvault audit key is an open and nothing else, so the difference between
# the first two lines is the verification's cost.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/bench/v50k}
pass=${2:-/work/bench/pass}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
cp -a "$src" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$pass" TVAULT_STATE_DIR="$work/state"
echo "vault: $(du -sm "$work/vault" | cut -f1) MiB"

. bench/measure.sh

measure "tvault audit key, a new state directory (verifies)" "$work/bin/tvault" audit key
measure "tvault audit key, the record vouches (no verification)" "$work/bin/tvault" audit key
# What a crash leaves: the record written open.
# (format v2: an open record lists no value-log files).
sed -i -e '1s/v3$/v2/' -e '3s/^closed .*/open/' -e '/^vlog /d' "$work"/state/*.tables
measure "tvault audit key, after a crash (verifies)" "$work/bin/tvault" audit key
measure "tvault audit key, the record vouches again" "$work/bin/tvault" audit key
measure "tvault check (for comparison)" "$work/bin/tvault" check
tail -n 1 "$work/out"
