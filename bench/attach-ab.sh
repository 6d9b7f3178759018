#!/usr/bin/env bash
# A/B of builds for issue 16's must show 5 over HTTPS: tvaultd (built
# from this tree) serves a vault on a loopback port with a self-signed
# certificate (or, with TRANSPORT=unix, on a unix socket), and each round
# alternates age's encryption, tvault attach by every build, age's
# decryption and tvault attachment get by every build (in turn first from
# one round to the next), so that all meet the same load. Each line
# gives wall time and CPU time (user + system of the command, its
# tvaultd's during it included, and that tvaultd's alone), the command's
# peak RSS, the context switches of tvaultd (all its threads) and of the
# command, and the load average; every get is checked byte for byte. At
# the end, each tvaultd's peak RSS.
#
#   CLIENTS="h1=/tmp/tvault-h1 ..." BUILDS="old=/tmp/old ..." TRANSPORT=https \
#	bash bench/attach-ab.sh [MIB] [ROUNDS]
#
# CLIENTS names other builds of cmd/tvault (NAME=PATH, space-separated),
# run against this tree's tvaultd; BUILDS names directories holding other
# builds of both tvault and tvaultd (NAME=DIR), each run against its own
# tvaultd, serving its own copy of the vault, on its own port. This tree's
# build is always "head". Default 1024 MiB, 3 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
rounds=${2:-3}
transport=${TRANSPORT:-https}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p"; wait "$p" || true; done; rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
# client: each build's tvault; daemon: the tvaultd it talks to (by the
# name of its build); daemons: the builds that bring their own tvaultd.
declare -A client=([head]="$work/bin/tvault") daemon=([head]=head) bindir=([head]="$work/bin")
names=(head)
daemons=(head)
for c in ${CLIENTS:-}; do
	client[${c%%=*}]=${c#*=}
	daemon[${c%%=*}]=head
	names+=("${c%%=*}")
done
for b in ${BUILDS:-}; do
	n=${b%%=*}
	client[$n]=${b#*=}/tvault
	daemon[$n]=$n
	bindir[$n]=${b#*=}
	names+=("$n")
	daemons+=("$n")
done

export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")
recipient=$(tvault init --escrow "$escrow")
id=$(tvault put testdata/corpus/t02-jang-sunhee.json)
tvault user add bench.officer --role officer > "$work/officer.token" 2> /dev/null
(cd "$work" && go run "$(go env GOROOT)/src/crypto/tls/generate_cert.go" --host 127.0.0.1 --ecdsa-curve P256 > /dev/null 2>&1)
in="$work/interview.bin"
head -c "$((mib << 20))" /dev/urandom > "$in"
cat "$in" > /dev/null

# One tvaultd for each build in daemons, each with its copy of the vault
# and of the state directory (which would otherwise see one copy's writes
# and take the other for a rollback).
declare -A remote dpid vaultdir
for d in "${daemons[@]}"; do
	vaultdir[$d]=$work/vault-$d
	cp -a "$TVAULT_DIR" "${vaultdir[$d]}"
	cp -a "$TVAULT_STATE_DIR" "$work/state-$d"
	if [ "$transport" = unix ]; then
		listen=(--listen "unix:$work/sock-$d")
		addr="TVAULT_ADDR=unix:$work/sock-$d"
	else
		port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		listen=(--listen "127.0.0.1:$port" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem")
		addr="TVAULT_ADDR=https://127.0.0.1:$port TVAULT_CA_FILE=$work/cert.pem"
	fi
	TVAULT_STATE_DIR=$work/state-$d "${bindir[$d]}/tvaultd" --vault "${vaultdir[$d]}" "${listen[@]}" 2> "$work/tvaultd-$d.log" &
	dpid[$d]=$!
	pids+=("$!")
	remote[$d]="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_STATE_DIR=$work/state-$d $addr TVAULT_TOKEN_FILE=$work/officer.token"
	for _ in $(seq 100); do
		if ${remote[$d]} tvault attachment list "$id" > /dev/null 2>&1; then break; fi
		sleep 0.1
	done
	# The peak from here on: unsealing's scrypt alone takes 256 MiB.
	awk -v d="$d" '/^VmRSS/{printf "tvaultd %s: RSS %.0f MiB before the transfers\n", d, $2 / 1024}' "/proc/${dpid[$d]}/status"
	echo 5 > "/proc/${dpid[$d]}/clear_refs"
done

# daemon_switches NAME: the context switches of NAME's tvaultd so far,
# voluntary and not, summed over its threads (which the Go runtime keeps).
daemon_switches() { cat /proc/"${dpid[$1]}"/task/*/status | awk '/ctxt_switches/{s += $2} END{print s}'; }
daemon_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/${dpid[$1]}/stat"; }

# run LABEL CMD [DAEMON]: runs CMD after a sync and prints its times, with
# DAEMON's CPU time (head's if not given).
run() {
	local s u y m c w d0 d1 x0 x1 d=${3:-head}
	sync
	d0=$(daemon_cpu "$d")
	x0=$(daemon_switches "$d")
	/usr/bin/time -f "%e %U %S %M %c %w" -o "$work/time" bash -c "$2"
	d1=$(daemon_cpu "$d")
	x1=$(daemon_switches "$d")
	read -r s u y m c w < "$work/time"
	awk -v l="$1" -v s="$s" -v u="$u" -v y="$y" -v m="$m" -v a="$d0" -v b="$d1" -v x="$((x1 - x0))" -v c="$((c + w))" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
		'BEGIN{printf "%-16s wall %6.2f s  CPU %5.2f s (tvaultd %5.2f s)  peak RSS %4.0f MiB  switches %6d + %6d  load %5.2f\n", l, s, u + y + b - a, b - a, m / 1024, x, c, load}'
}

for r in $(seq "$rounds"); do
	echo "round $r"
	# Each round starts with the next build: the first after age's run
	# tends to be slower (seen in session 9, two builds of one daemon).
	k=$(((r - 1) % ${#names[@]}))
	order=("${names[@]:k}" "${names[@]:0:k}")
	rm -f "$work/peer.age"
	run age-enc "age -r $recipient -r $escrow -o $work/peer.age $in"
	# The last round's blobs go, not those of this round: builds in
	# CLIENTS share their daemon's vault.
	for d in "${daemons[@]}"; do
		rm -f "${vaultdir[$d]}"/blobs/*
	done
	for n in "${order[@]}"; do
		d=${daemon[$n]}
		run "attach $n" "${remote[$d]} ${client[$n]} attach $id $in > $work/att-$n" "$d"
	done
	rm -f "$work/out.bin"
	run age-dec "age -d -i $work/escrow.key $work/peer.age > $work/out.bin"
	for n in "${order[@]}"; do
		rm -f "$work/out.bin"
		d=${daemon[$n]}
		run "get $n" "${remote[$d]} ${client[$n]} attachment get $id $(cat "$work/att-$n") > $work/out.bin" "$d"
		cmp "$work/out.bin" "$in"
	done
done | tee "$work/rounds"
for d in "${daemons[@]}"; do
	awk -v d="$d" '/^VmHWM/{printf "tvaultd %s: peak RSS %.0f MiB during the transfers\n", d, $2 / 1024}' "/proc/${dpid[$d]}/status"
done
# Best and median of each command, and its ratios to age's (age-enc for
# attaches, age-dec for gets): age's time over the command's, as
# throughputs compare.
awk '
function median(a, n,   i, j, t, b) {
	for (i = 1; i <= n; i++) b[i] = a[i]
	for (i = 2; i <= n; i++) for (j = i; j > 1 && b[j-1] > b[j]; j--) { t = b[j]; b[j] = b[j-1]; b[j-1] = t }
	return n % 2 ? b[(n+1)/2] : (b[n/2] + b[n/2+1]) / 2
}
function best(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
/ wall / {
	l = $1 ($2 != "wall" ? " " $2 : "")
	w = $0; sub(/.* wall +/, "", w); sub(/ s .*/, "", w)
	c = $0; sub(/.* CPU +/, "", c); sub(/ s .*/, "", c)
	if (!(l in n)) order[++k] = l
	n[l]++; wall[l, n[l]] = w + 0; cpu[l, n[l]] = c + 0
}
END {
	printf "%-16s %-22s %-22s %-14s %s\n", "", "wall best / median", "CPU best / median", "ratio, wall", "ratio, CPU"
	for (i = 1; i <= k; i++) {
		l = order[i]; m = n[l]
		for (j = 1; j <= m; j++) { W[j] = wall[l, j]; C[j] = cpu[l, j] }
		bw[l] = best(W, m); mw[l] = median(W, m); bc[l] = best(C, m); mc[l] = median(C, m)
	}
	for (i = 1; i <= k; i++) {
		l = order[i]
		peer = l ~ /^attach/ ? "age-enc" : l ~ /^get/ ? "age-dec" : ""
		r1 = r2 = ""
		if (peer != "") {
			r1 = sprintf("%.2f / %.2f", bw[peer] / bw[l], mw[peer] / mw[l])
			r2 = sprintf("%.2f / %.2f", bc[peer] / bc[l], mc[peer] / mc[l])
		}
		printf "%-16s %5.2f / %5.2f s        %5.2f / %5.2f s        %-14s %s\n", l, bw[l], mw[l], bc[l], mc[l], r1, r2
	}
}' "$work/rounds"
