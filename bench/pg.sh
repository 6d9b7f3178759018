#!/usr/bin/env bash
# Issue 17, must show 4: audited reads/s and durable writes/s through
# tvaultd with 16 and 64 clients, one daemon on Badger against one daemon
# on PostgreSQL, in the same run (docs/BENCHMARKS.md, "PostgreSQL (issue
# 17)").
#
#   bash bench/pg.sh [N]     (default N=2000 testimonies)
#
# Settings from the environment: VAULT and PASSFILE (a copy of that vault
# directory and its passphrase file instead of a new vault of N, e.g.
# VAULT=/work/bench/v50k PASSFILE=/work/bench/pass), DURATION (each load run, default 20s),
# CLIENTS (default "16 64"), DAEMONS=2 (also two daemons on the same
# PostgreSQL database, the clients spread over both: this needs several
# daemons on one database, issue 17's next part; until it has landed the
# second daemon stops at once with "store is in use by another process"
# and the script says so).
#
# 1. A vault directory of N invented testimonies (bench/fillvault, about
#    4 KiB each, no attachments) and an officer's token.
# 2. A local PostgreSQL cluster started from the machine's binaries
#    (initdb --data-checksums, fsync and synchronous_commit on, the
#    defaults; a unix socket only; as nobody when run as root, since
#    PostgreSQL refuses root), and the vault moved into it with
#    tvault migrate (timed: the migration's own figure).
# 3. For each backend: tvaultd on it, then bench/loadgen with each client
#    count, reads (get of the vault's records, each an audited read) then
#    writes (a put of one new testimony, acknowledged once durable). Each
#    line gives requests/s, p50 and p99, and the CPU time (user+system) of
#    tvaultd and of PostgreSQL's processes during the run.
#
# The two copies of the vault diverge as they are written to, so each
# backend's daemon has a state directory of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
dur=${DURATION:-20s}
clients=${CLIENTS:-16 64}
daemons=${DAEMONS:-1}
work=$(mktemp -d /tmp/tvault-pgbench-XXXXXX)
chmod 755 "$work" # PostgreSQL, as nobody, reaches its directory in it
source bench/measure.sh

pgbin=$(dirname "$(readlink -f "$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")")
asdb=()
if [ "$(id -u)" = 0 ]; then
	asdb=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
daemon_pids=()
cleanup() {
	for p in "${daemon_pids[@]}"; do kill "$p" 2> /dev/null && wait "$p" 2> /dev/null || true; done
	if [ -f "$work/pg/data/postmaster.pid" ]; then
		"${asdb[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop > /dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd ./bench/fillvault ./bench/loadgen
PATH=$work/bin:$PATH
export TVAULT_PASSPHRASE_FILE=$work/pass

echo "machine: $(nproc) vCPU, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $("$pgbin/postgres" --version)"
if [ -n "${VAULT:-}" ]; then
	cp -a "$VAULT" "$work/vault"
	cp "$PASSFILE" "$work/pass"
	n="the $(basename "$VAULT") vault's"
else
	echo "bench passphrase $RANDOM$RANDOM$RANDOM" > "$work/pass"
	fillvault -n "$n" -size 0 "$work/vault" "$work/pass"
fi
TVAULT_STATE_DIR=$work/state-badger tvault --vault "$work/vault" user add bench-officer --role officer > "$work/officer.token"

mkdir "$work/pg"
if [ "$(id -u)" = 0 ]; then chown nobody "$work/pg"; fi
"${asdb[@]}" "$pgbin/initdb" -D "$work/pg/data" -U tvault --auth=trust --data-checksums --encoding=UTF8 --locale=C > /dev/null
"${asdb[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
	-o "-c listen_addresses= -c unix_socket_directories=$work/pg -c max_connections=300" start > /dev/null
"$pgbin/createdb" -h "$work/pg" -U tvault tvault
db="postgres://tvault@/tvault?host=$work/pg"
echo "PostgreSQL: fsync=$("$pgbin/psql" -h "$work/pg" -U tvault -Atc 'SHOW fsync' tvault)," \
	"synchronous_commit=$("$pgbin/psql" -h "$work/pg" -U tvault -Atc 'SHOW synchronous_commit' tvault)," \
	"data checksums=$("$pgbin/psql" -h "$work/pg" -U tvault -Atc 'SHOW data_checksums' tvault)"

TVAULT_STATE_DIR=$work/state-badger measure "tvault migrate of $n testimonies into PostgreSQL (with check --read-data)" \
	tvault --quiet --vault "$work/vault" migrate --to "$db"
tail -n 1 "$work/out"

# cpu PID...: the CPU seconds (user+system) that the processes and their
# reaped children have used.
cpu() {
	local t=0 p
	for p in "$@"; do
		t=$((t + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2> /dev/null || echo 0)))
	done
	awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
pg_pids() {
	local main
	main=$(head -n 1 "$work/pg/data/postmaster.pid")
	echo "$main" $(pgrep -P "$main")
}

# start_daemon NAME HOME-FLAG HOME STATE: tvaultd unsealed on HOME,
# listening on $work/NAME.sock, its PID in $started; fails if it stops.
start_daemon() {
	local name=$1 flag=$2 home=$3 state=$4
	TVAULT_STATE_DIR=$state tvaultd "$flag" "$home" --listen "unix:$work/$name.sock" > "$work/$name.log" 2>&1 &
	started=$!
	daemon_pids+=("$started")
	for _ in $(seq 300); do
		if grep -q '"listening"\|msg=listening' "$work/$name.log"; then
			return 0
		fi
		kill -0 "$started" 2> /dev/null || break
		sleep 0.1
	done
	echo "tvaultd $name did not start: $(tail -n 3 "$work/$name.log")" >&2
	return 1
}

# load LABEL ADDRS DAEMON-PIDS...: the reads and writes runs, for each
# client count.
load() {
	local label=$1 addrs=$2 c op before after pgbefore pgafter
	shift 2
	for c in $clients; do
		for op in get put; do
			before=$(cpu "$@")
			pgbefore=$(cpu $(pg_pids))
			loadgen -addr "$addrs" -token-file "$work/officer.token" -op "$op" -clients "$c" -duration "$dur" \
				-first $((RANDOM * 100000)) > "$work/load" 2> "$work/load.err" || {
				cat "$work/load" "$work/load.err"
				return 1
			}
			after=$(cpu "$@")
			pgafter=$(cpu $(pg_pids))
			echo "$label: $(cat "$work/load") tvaultd_cpu=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.1f", b - a }')s" \
				"postgres_cpu=$(awk -v a="$pgbefore" -v b="$pgafter" 'BEGIN { printf "%.1f", b - a }')s"
		done
	done
}

stop_daemons() {
	for p in "${daemon_pids[@]}"; do kill -INT "$p" 2> /dev/null && wait "$p" 2> /dev/null || true; done
	daemon_pids=()
}

start_daemon badger --vault "$work/vault" "$work/state-badger"
load "badger, 1 daemon" "unix:$work/badger.sock" "$started"
stop_daemons

start_daemon pg1 --store "$db" "$work/state-pg"
load "postgres, 1 daemon" "unix:$work/pg1.sock" "$started"
stop_daemons

if [ "$daemons" = 2 ]; then
	start_daemon pg1 --store "$db" "$work/state-pg"
	first=$started
	if start_daemon pg2 --store "$db" "$work/state-pg2"; then
		load "postgres, 2 daemons" "unix:$work/pg1.sock,unix:$work/pg2.sock" "$first" "$started"
	else
		echo "postgres, 2 daemons: not run: the second tvaultd refused the database (several daemons on one database are not built on this branch)"
	fi
	stop_daemons
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
