#!/usr/bin/env bash
# Issue 16, must show 1: tvault put of N testimonies of about 4 KiB in one
# command (one batch: staged a chunk at a time, parsed and encrypted on
# all cores, committed at once), against its peer in the same run: age
# encrypting the same records to the same recipient on one core
# (bench/agepeer: age.Encrypt in one process, no CLI start-up).
#
#   bash bench/put-batch.sh [N...]     (default: 10000 100000)
#   BENCH_DAEMON=1 bash bench/put-batch.sh [N...]
#
# For each N: the peak memory of opening the fresh vault (tvault list of
# the empty vault), then of the put, both split into anonymous and
# mapped-file memory by bench/measure.sh; wall and CPU times; the rate of
# each and their ratio, by wall time (the issue's measure) and by CPU time
# (which others' load on a shared machine inflates less).
#
# BENCH_DAEMON=1 runs the put through tvaultd instead: the daemon, started
# on a unix socket for the fresh vault (unsealed once, at its start, like
# the open above), and the CLI in remote mode as an officer; the CPU time
# is the CLI's and the daemon's during the put (from /proc/PID/stat), and
# the memory the daemon's peak during the put (VmHWM, reset once it is up,
# and the highest anonymous RSS sampled every 10 ms) above its RSS once
# up. PERF_DIR=DIR also records the daemon's CPU during the put with
# perf record -g, into DIR/put-N.perf.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
daemon=${BENCH_DAEMON:-0}
work=$(mktemp -d)
dpid=
trap '[ -z "$dpid" ] || kill "$dpid"; rm -rf "$work"' EXIT
source bench/measure.sh

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd ./bench/agepeer ./bench/gentestimonies

# daemon_cpu: the CPU time (user + system) tvaultd ($dpid) has used, in
# seconds.
daemon_cpu() { proc_cpu "$dpid"; }

# status FIELD: tvaultd's FIELD (VmRSS, VmHWM, RssAnon) in MiB.
status() {
	awk -v f="$1:" '$1 == f {print int($2 / 1024)}' "/proc/$dpid/status"
}

# daemon_put N: starts tvaultd for the vault and times the put of the N
# files through it, with the CLI in remote mode; sets put_wall and
# put_cpu (CLI and daemon) and prints the daemon's memory.
daemon_put() {
	local n=$1 d0 d1 u y rss0 anon0 ppid=
	"$work/bin/tvault" user add bench.officer --role officer > "$work/officer.token" 2> /dev/null
	"$work/bin/tvaultd" --vault "$TVAULT_DIR" --listen "unix:$work/d.sock" 2> "$work/tvaultd.log" &
	dpid=$!
	local remote=(env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE "TVAULT_ADDR=unix:$work/d.sock" "TVAULT_TOKEN_FILE=$work/officer.token")
	for _ in $(seq 600); do
		if "${remote[@]}" "$work/bin/tvault" list > /dev/null 2>&1; then break; fi
		kill -0 "$dpid" || { cat "$work/tvaultd.log" >&2; exit 1; }
		sleep 0.2
	done
	echo "tvaultd up: CPU $(daemon_cpu) s to start (the unseal), RSS $(status VmRSS) MiB (anonymous $(status RssAnon) MiB), peak so far $(status VmHWM) MiB"
	# From here VmHWM is the daemon's peak during the put.
	echo 5 > "/proc/$dpid/clear_refs"
	rss0=$(status VmRSS) anon0=$(status RssAnon)
	peaks "$dpid" > "$work/dpeaks" &
	local speaks=$!
	if [ -n "${PERF_DIR:-}" ]; then
		mkdir -p "$PERF_DIR"
		perf record -q -g -o "$PERF_DIR/put-$n.perf" -p "$dpid" 2> /dev/null &
		ppid=$!
	fi
	d0=$(daemon_cpu)
	measure "tvault put of $n files through tvaultd (CLI)" "${remote[@]}" "$work/bin/tvault" put --files-from "$work/list-$n"
	d1=$(daemon_cpu)
	if [ -n "$ppid" ]; then
		kill -INT "$ppid"
		wait "$ppid" || true
	fi
	read -r put_wall u y _ < "$work/time"
	put_cpu=$(awk -v u="$u" -v y="$y" -v a="$d0" -v b="$d1" 'BEGIN{printf "%.2f", u + y + b - a}')
	echo "  daemon: $(awk -v a="$d0" -v b="$d1" 'BEGIN{printf "%.2f", b - a}') s of CPU; CLI + daemon $put_cpu s; daemon peak RSS $(status VmHWM) MiB, $(($(status VmHWM) - rss0)) MiB above its $rss0 MiB once up"
	kill "$dpid"
	wait "$dpid" || true
	dpid=
	wait "$speaks"
	read -r anon _ _ _ < "$work/dpeaks"
	echo "  daemon anonymous peak $anon MiB, $((anon - anon0)) MiB above its $anon0 MiB once up"
}
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
for n in "${sizes[@]}"; do
	in="$work/in-$n"
	"$work/bin/gentestimonies" -n "$n" -out "$in"
	ls "$in" | sed "s|^|$in/|" > "$work/list-$n"
	export TVAULT_DIR="$work/vault-$n" TVAULT_PASSPHRASE_FILE="$work/pass"
	TVAULT_STATE_DIR=$(mktemp -d -p "$work")
	export TVAULT_STATE_DIR
	echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
	recipient=$("$work/bin/tvault" init)

	measure "open (tvault list, empty vault)" "$work/bin/tvault" list
	if [ "$daemon" = 1 ]; then
		daemon_put "$n"
	else
		measure "tvault put of $n files" "$work/bin/tvault" put --files-from "$work/list-$n"
		read -r put_wall put_user put_sys _ < "$work/time"
		put_cpu=$(echo "$put_user + $put_sys" | bc)
	fi
	test "$(wc -l < "$work/out")" -eq "$n"
	measure "age peer, $n files on one core" "$work/bin/agepeer" -r "$recipient" "$in"
	read -r peer_wall peer_user peer_sys _ < "$work/time"
	awk -v n="$n" -v pw="$put_wall" -v pc="$put_cpu" \
		-v aw="$peer_wall" -v ac="$(echo "$peer_user + $peer_sys" | bc)" 'BEGIN {
		printf "  => tvault %.0f testimonies/s (wall), %.0f per CPU-second; age %.0f/s (wall), %.0f per CPU-second\n", n/pw, n/pc, n/aw, n/ac
		printf "  => ratio tvault/age: %.2f by wall time; CPU per record tvault/age: %.2f\n", aw/pw, pc/ac
	}'
	rm -rf "$in" "$TVAULT_DIR"
done
