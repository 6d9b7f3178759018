#!/usr/bin/env bash
# Measures tvault migrate audit-hash-blocks, the conversion of a vault
# written before the audit log's hashes were stored in blocks, on a copy
# of the 50,000-testimony fixture (about 500,000 entries, a million stored
# hashes; issue 16, must show 4):
#
#   bash bench/migrate-hblocks.sh [FIXTURE PASSFILE]
#
# With MIGRATE set to migrations' names, separated by spaces
# ("audit-hash-blocks audit-entry-blocks"), each is measured in turn, as
# audit-hash-blocks is by default.
#
# The copy is opened first (tvault audit key, not measured) until the
# first open's verification and Badger's compaction of the fixture's
# tables are done (bench/verify.sh says why); then the listing, the
# migration, a second run of it (nothing to do) and an open after it are
# measured with bench/measure.sh: wall, CPU, peak RSS (anonymous and
# mapped), and for the migration its peak anonymous memory after the
# unseal's scrypt table is freed, beside the listing's (an open, the
# vault read for the state of each migration). Then tvault audit verify,
# once.
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/" ./cmd/tvault
tv=$work/bin/tvault
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass"
. bench/measure.sh
for _ in 1 2 3 4 5; do "$tv" audit key > /dev/null; done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "tvault audit key (the open)" "$tv" audit key
measure "tvault migrate (the list)" "$tv" migrate
open_after=$after
cat "$work/out"
for m in ${MIGRATE:-audit-hash-blocks}; do
	measure "tvault migrate $m" "$tv" migrate "$m"
	echo "    after the unseal: peak $after MiB anonymous (the open's: $open_after MiB)"
	cat "$work/out"
	measure "tvault migrate $m, again" "$tv" migrate "$m"
	cat "$work/out"
done
measure "tvault audit key (an open after it)" "$tv" audit key
measure "tvault audit verify" "$tv" audit verify
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
