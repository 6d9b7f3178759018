#!/usr/bin/env bash
# What a list costs tvaultd (issue 16, must show 3's lists and the build
# list's "list streams, with --limit and a cursor"): on a copy of a large
# vault, an idle daemon serves whole lists and pages, one at a time, and
# for each the daemon's CPU time (user + system, from /proc, in steps of
# 10 ms) and the wall time of the `tvault list` that asked.
#
#   bash bench/list-cpu.sh [VAULT] [PASSFILE] [REPEATS]
#
# VAULT defaults to /work/bench/v50k and PASSFILE to /work/bench/pass (as
# bench/daemon-load.sh); the vault is copied first (opening one writes to
# it) and the copy removed at the end. Each of these runs REPEATS times
# (default 3): a list of every record; --limit 100, the first page; the
# page after the 25,000th record (the cursor of a list in the middle);
# --domain study as a researcher (its first run builds the daemon's name
# matcher: see its second).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/bench/v50k}
pass=${2:-/work/bench/pass}
repeats=${3:-3}
work=$(mktemp -d)
dpid=
# The daemon must be gone before its vault is removed: Badger, closing,
# retries a flush into a missing directory for ever.
trap '[ -z "$dpid" ] || { kill "$dpid" 2> /dev/null; wait "$dpid" || true; }; rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd
PATH="$work/bin:$PATH"
cp -a "$src" "$work/vault"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$pass" TVAULT_STATE_DIR="$work/state"
mkdir -p "$TVAULT_STATE_DIR"
tvault user add list.officer --role officer > "$work/officer.token"
tvault user add list.analyst --role researcher > "$work/researcher.token"
tvault domain grant study --user list.analyst > /dev/null

tvaultd --vault "$TVAULT_DIR" --listen "unix:$work/d.sock" 2> "$work/tvaultd.log" &
dpid=$!
as() { # token file, then tvault's arguments
	local token=$1
	shift
	env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_ADDR="unix:$work/d.sock" TVAULT_TOKEN_FILE="$work/$token.token" tvault "$@"
}
for _ in $(seq 600); do
	if as officer list --limit 1 > /dev/null 2>&1; then break; fi
	kill -0 "$dpid" || { cat "$work/tvaultd.log" >&2; exit 1; }
	sleep 0.5
done
middle=$(as officer list --json --limit 25000 2> /dev/null | tail -n 1 | cut -c8-33)
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

cpu() { awk '{print $14 + $15}' "/proc/$dpid/stat"; }
run() { # label, token, tvault's arguments
	local label=$1 c0 c1 t0 t1 lines
	shift
	for _ in $(seq "$repeats"); do
		c0=$(cpu) t0=$(date +%s.%N)
		lines=$(as "$@" --json 2> /dev/null | wc -l)
		c1=$(cpu) t1=$(date +%s.%N)
		echo "$label: $lines lines, daemon CPU $(((c1 - c0) * 1000 / $(getconf CLK_TCK))) ms, wall $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}') s"
	done
}
run "list, every record" officer list
run "list --limit 100" officer list --limit 100
run "list --limit 100 --after the 25,000th" officer list --limit 100 --after "$middle"
run "list --domain study, researcher" researcher list --domain study
echo "daemon's peak RSS: $(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$dpid/status") MiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
