#!/usr/bin/env bash
# tvault audit verify through tvaultd (issue 16, must show 4), against its
# peer, the offline verification of an export of the same log, on a copy
# of the 50,000-testimony fixture:
#
#   bash bench/verify-daemon.sh [FIXTURE PASSFILE [ROUNDS]]
#
# With BEFORE_BIN set to a directory holding a tvault and a tvaultd built
# from an older tree, the daemon is that tvaultd (the CLI and the peer
# stay this tree's). With MIGRATE set to storage migrations' names,
# separated by spaces ("audit-hash-blocks audit-entry-blocks"), the copy
# is migrated first (tvault migrate, each in turn, not measured), and
# with SETTLE set too, opened and verified until Badger has compacted the
# migrations' deletions (not measured). tvaultd opens the
# copy, then each
# round runs tvault audit verify as an auditor over the unix socket:
# its wall time, the client's CPU and the daemon's CPU during it (from
# /proc/<pid>/stat), then the export's offline verification. With PERF
# set to a file, the daemon's last verification is sampled into it by
# perf record (perf report -i FILE; its CPU then includes perf's cost).
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=${1:-/work/bench/v50k} pass=${2:-/work/bench/pass} rounds=${3:-3}
work=$(mktemp -d)
dpid=
stop() {
	[ -n "$dpid" ] || return 0
	kill "$dpid" 2> /dev/null || return 0
	for _ in $(seq 60); do
		kill -0 "$dpid" 2> /dev/null || return 0
		sleep 0.5
	done
	kill -9 "$dpid" 2> /dev/null || true
}
trap 'stop; rm -rf "$work"' EXIT
go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd
tv=$work/bin/tvault tvd=${BEFORE_BIN:-$work/bin}/tvaultd
cp -a "$fixture" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$pass" TVAULT_STATE_DIR="$work/state"
mkdir -p "$TVAULT_STATE_DIR"
"${BEFORE_BIN:-$work/bin}/tvault" user add loadgen.auditor --role auditor > "$work/auditor.token"
"${BEFORE_BIN:-$work/bin}/tvault" audit key > "$work/vkey"
if [ -n "${MIGRATE:-}" ]; then
	for m in $MIGRATE; do "$tv" migrate "$m" > /dev/null; done
	# With SETTLE set, what a vault in service does after a migration:
	# opens (each close flushes a level-0 table; the fifth starts Badger's
	# compaction) and a verification, not measured, so that the million
	# keys audit-hash-blocks deleted are compacted away rather than
	# stepped over by every verification measured.
	if [ -n "${SETTLE:-}" ]; then
		for _ in 1 2 3 4 5; do "$tv" audit key > /dev/null; done
		"$tv" audit verify > /dev/null
	fi
fi
"$tvd" --vault "$TVAULT_DIR" --listen "unix:$work/d.sock" 2> "$work/tvaultd.log" &
dpid=$!
remote="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_ADDR=unix:$work/d.sock TVAULT_TOKEN_FILE=$work/auditor.token"
for _ in $(seq 600); do
	if $remote "$tv" audit checkpoint > /dev/null 2>&1; then break; fi
	kill -0 "$dpid" || { cat "$work/tvaultd.log" >&2; exit 1; }
	sleep 0.5
done
. bench/measure.sh
ticks=$(getconf CLK_TCK)
dcpu() { awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$dpid/stat"; }
echo "daemon: $tvd; machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
	ppid=
	if [ -n "${PERF:-}" ] && [ "$r" = "$rounds" ]; then
		perf record -F 499 -g -p "$dpid" -o "$PERF" > "$work/perf.log" 2>&1 &
		ppid=$!
		sleep 1
	fi
	d0=$(dcpu)
	measure "tvault audit verify through tvaultd (client)" $remote "$tv" audit verify
	d1=$(dcpu)
	if [ -n "$ppid" ]; then
		kill -INT "$ppid"
		wait "$ppid" || true
	fi
	echo "    tvaultd CPU during it: $(awk -v a="$d0" -v b="$d1" 'BEGIN{printf "%.2f", b - a}')s"
	rm -f "$work/audit.log"
	$remote "$tv" audit export --out "$work/audit.log"
	measure "tvault audit verify --log (offline, the peer)" "$tv" audit verify --log "$work/audit.log" --key "$work/vkey"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
