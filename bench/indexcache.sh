#!/usr/bin/env bash
# Badger's index cache against tvaultd's memory and CPU (issue 12 and 16:
# table indexes read again, verified, when the cache has dropped them).
#
#   bash bench/indexcache.sh [VAULT] [PASSFILE] [SIZES] [ALONE] [DURATION]
#
# For each size in SIZES (MiB, default "4 16 64"), builds tvault and
# tvaultd with that index cache (vault/store/badgerstore's
# indexCacheSize, through a `go build -overlay` of a copy of
# badgerstore.go: nothing in the tree changes), then runs
# bench/daemon-load.sh on a copy of VAULT (default /work/bench/v50k; a
# vault whose tables Badger has compacted is the daemon's usual case, see
# below): officer gets alone and researcher views alone for ALONE
# (default 30s) each, then the default mix for DURATION (default 2m), 16
# clients, with the daemon's CPU a read and its RSS (anonymous and mapped)
# at each report; and a local `tvault list` of every record on another
# copy (bench/measure.sh: wall, CPU, peak anonymous memory).
#
# OVERLAY, if set, is a further overlay file (go help build) whose
# Replace entries are added to the script's own: for example a table.go
# that counts the index cache's misses.
#
# The fixture as bench/fillvault leaves it holds two tables, of 226 and
# 104 MB (indexes of 4.5 and 1.9 MB); the first process that runs a
# second after the fifth open compacts them into tables of 2 MB (160 of
# them, indexes of 33 to 46 KB, 6.3 MB in all). To measure the compacted shape, pass a copy
# compacted so: cp -a /work/bench/v50k C; five `tvault audit key` and one
# `tvault audit verify` with TVAULT_DIR=C.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/bench/v50k}
pass=${2:-/work/bench/pass}
sizes=${3:-4 16 64}
alone=${4:-30s}
duration=${5:-2m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. bench/measure.sh
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); GOMEMLIMIT=${GOMEMLIMIT:-unset}"
store=$PWD/vault/store/badgerstore/badgerstore.go
for mib in $sizes; do
	sed "s/^var indexCacheSize int64 = .*/var indexCacheSize int64 = $mib << 20/" "$store" > "$work/badgerstore.go"
	grep -q "^var indexCacheSize int64 = $mib << 20\$" "$work/badgerstore.go" || {
		echo "indexcache.sh: no indexCacheSize to set in $store" >&2
		exit 1
	}
	python3 - "$store" "$work/badgerstore.go" "${OVERLAY:-}" > "$work/overlay.json" <<'PY'
import json, sys
replace = {sys.argv[1]: sys.argv[2]}
if sys.argv[3]:
    replace.update(json.load(open(sys.argv[3]))["Replace"])
json.dump({"Replace": replace}, sys.stdout)
PY
	echo "== index cache $mib MiB"
	GOFLAGS=-overlay=$work/overlay.json bash bench/daemon-load.sh "$src" "$pass" "$duration" "$alone" 1

	go build -overlay "$work/overlay.json" -o "$work/bin/" ./cmd/tvault
	rm -rf "$work/vault" "$work/state"
	cp -a "$src" "$work/vault"
	mkdir "$work/state"
	# The first open with a new state directory verifies the log; the
	# list measured is a later open's.
	TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass" "$work/bin/tvault" audit key > /dev/null
	TVAULT_DIR="$work/vault" TVAULT_STATE_DIR="$work/state" TVAULT_PASSPHRASE_FILE="$pass" \
		measure "tvault list, index cache $mib MiB" "$work/bin/tvault" list
	rm -rf "$work/vault"
done
