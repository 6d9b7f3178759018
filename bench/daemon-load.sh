#!/usr/bin/env bash
# Load test of tvaultd on a copy of a large vault (issue 16, must show 2
# and 3): researcher views against officer reads, then a mix of reads for
# a long run, with the daemon's resident memory and the latencies per
# interval.
#
#   bash bench/daemon-load.sh [VAULT] [PASSFILE] [DURATION] [ALONE] [ROUNDS]
#
# VAULT defaults to /work/bench/v50k (bench/fillvault -n 50000 -size 0
# -reads 450000: 50,000 testimonies, 100,000 persons, about 500,000 audit
# entries) and PASSFILE to /work/bench/pass. The vault is copied first
# (opening one writes to it) and the copy removed at the end.
#
# 1. tvault user add: an officer, and a researcher granted the domain
#    "study"; then tvaultd, unsealed at its start, on a unix socket.
# 2. bench/daemonload -only view,get: 16 clients of researcher views
#    alone for ALONE (default 1m), then of officer reads alone, each
#    with its p50 and p99 and the daemon's CPU per read, ROUNDS times
#    in turn (default 1): the ratio of the p50s is must show 2.
# 3. bench/daemonload with the default mix (get 4, view 4, list of every
#    record 0.02; person show and search by witness key, which read every
#    record's links, take seconds to minutes each on 50,000 records and
#    would soon hold every client: add them with -mix) for DURATION
#    (default 10m), 16 clients, a report a minute: reads/s, p50 and p99
#    per kind and for all, and the daemon's RSS (anonymous and mapped
#    files) from /proc: must show 3. DURATION 0 skips it.
#
# With PERF_DIR set, step 2 runs each kind alone in turn (ROUNDS
# times) with `perf record -F 499 -g` attached to the daemon for the
# run, into PERF_DIR/KIND-ROUND.perf: where the daemon's CPU goes for
# each kind (tvaultd has no profiling endpoint; at perf's default 4 kHz
# the sampling itself added about a fifth to the daemon's CPU a read).
# Read one with
#   perf report -i FILE --children --sort symbol -g none --stdio
# (the first column: the share of the daemon's CPU under a function).
# The first view of the run, which builds the name matcher, is made
# before, not profiled. Needs perf (kernel.perf_event_paranoid 2 or less
# for a process of one's own).
#
# The daemon runs with the environment it is given: set GOMEMLIMIT (as
# packaging/systemd/tvaultd.service does) or GOGC to compare. Its log
# goes to TVAULTD_LOG if set (kept after the run: with GODEBUG=gctrace=1,
# the collections and the collector's share of the CPU), else it is
# removed with the copy.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/bench/v50k}
pass=${2:-/work/bench/pass}
duration=${3:-10m}
alone=${4:-1m}
rounds=${5:-1}
work=$(mktemp -d)
dpid=
# stop ends the daemon: SIGTERM, then SIGKILL if it has not exited in 30 s
# (a seal waits for the requests in flight).
stop() {
	[ -n "$dpid" ] || return 0
	kill "$dpid" 2> /dev/null || return 0
	for _ in $(seq 60); do
		kill -0 "$dpid" 2> /dev/null || return 0
		sleep 0.5
	done
	echo "tvaultd did not exit 30 s after SIGTERM: killed" >&2
	kill -9 "$dpid" 2> /dev/null || true
}
trap 'stop; rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd ./bench/daemonload
PATH="$work/bin:$PATH"
cp -a "$src" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$pass" TVAULT_STATE_DIR="$work/state"
mkdir -p "$TVAULT_STATE_DIR"
tvault user add loadgen.officer --role officer > "$work/officer.token"
tvault user add loadgen.analyst --role researcher > "$work/researcher.token"
tvault domain grant study --user loadgen.analyst > /dev/null

start=$(date +%s.%N)
dlog=${TVAULTD_LOG:-$work/tvaultd.log}
tvaultd --vault "$TVAULT_DIR" --listen "unix:$work/d.sock" 2> "$dlog" &
dpid=$!
remote="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_ADDR=unix:$work/d.sock TVAULT_TOKEN_FILE=$work/officer.token"
for _ in $(seq 600); do
	if $remote tvault person show BW-000000 > /dev/null 2>&1; then break; fi
	kill -0 "$dpid" || { cat "$dlog" >&2; exit 1; }
	sleep 0.5
done
echo "tvaultd up (unsealed and open) in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')s; machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); GOMEMLIMIT=${GOMEMLIMIT:-unset} GOGC=${GOGC:-unset}"

load="daemonload -addr unix:$work/d.sock -officer $work/officer.token -researcher $work/researcher.token -domain study -pid $dpid -clients 16"
cpu0=$(awk '{print $14 + $15}' "/proc/$dpid/stat")
if [ -n "${PERF_DIR:-}" ]; then
	mkdir -p "$PERF_DIR"
	for round in $(seq "$rounds"); do
		for kind in view get; do
			# daemonload's setup (listing every record, a first view)
			# takes seconds: perf waits for the run's first report line.
			: > "$work/$kind.out"
			$load -only "$kind" -duration "$alone" -interval "$alone" > "$work/$kind.out" &
			lpid=$!
			until grep -q '^round' "$work/$kind.out" || ! kill -0 "$lpid" 2> /dev/null; do sleep 0.2; done
			perf record -q -F 499 -g -o "$PERF_DIR/$kind-$round.perf" -p "$dpid" &
			ppid=$!
			wait "$lpid"
			kill -INT "$ppid"
			wait "$ppid" || true
			cat "$work/$kind.out"
		done
	done
else
	$load -only view,get -duration "$alone" -interval "$alone" -rounds "$rounds"
fi
[ "$duration" = 0 ] || $load -duration "$duration" -interval 1m
cpu1=$(awk '{print $14 + $15}' "/proc/$dpid/stat")
echo "daemon CPU during the runs: $(( (cpu1 - cpu0) / $(getconf CLK_TCK) ))s (user+system); peak RSS of its life: $(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$dpid/status") MiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
