#!/usr/bin/env bash
# A/B of client builds for issue 16's must show 5 over HTTPS: one tvaultd
# (built from this tree) serves a vault on a loopback port with a
# self-signed certificate, and each round alternates age's encryption,
# tvault attach by every client build, age's decryption and tvault
# attachment get by every client build, so that all meet the same load
# and the same daemon. Each line gives wall time and CPU time (user +
# system of the command, tvaultd's during it included, and tvaultd's
# alone); every get is checked byte for byte.
#
#   CLIENTS="h1=/tmp/tvault-h1 ..." bash bench/attach-ab.sh [MIB] [ROUNDS]
#
# CLIENTS names other builds of cmd/tvault (NAME=PATH, space-separated);
# the client built from this tree is always "head". Default 1024 MiB,
# 3 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
rounds=${2:-3}
work=$(mktemp -d)
dpid=
trap '[ -z "$dpid" ] || { kill "$dpid"; wait "$dpid" || true; }; rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
declare -A client=([head]="$work/bin/tvault")
names=(head)
for c in ${CLIENTS:-}; do
	client[${c%%=*}]=${c#*=}
	names+=("${c%%=*}")
done

export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")
recipient=$(tvault init --escrow "$escrow")
id=$(tvault put testdata/corpus/t02-jang-sunhee.json)
tvault user add bench.officer --role officer > "$work/officer.token" 2> /dev/null
(cd "$work" && go run "$(go env GOROOT)/src/crypto/tls/generate_cert.go" --host 127.0.0.1 --ecdsa-curve P256 > /dev/null 2>&1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
in="$work/interview.bin"
head -c "$((mib << 20))" /dev/urandom > "$in"
cat "$in" > /dev/null

tvaultd --vault "$TVAULT_DIR" --listen "127.0.0.1:$port" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" 2> "$work/tvaultd.log" &
dpid=$!
remote="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_ADDR=https://127.0.0.1:$port TVAULT_CA_FILE=$work/cert.pem TVAULT_TOKEN_FILE=$work/officer.token"
for _ in $(seq 100); do
	if $remote tvault attachment list "$id" > /dev/null 2>&1; then break; fi
	sleep 0.1
done

daemon_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$dpid/stat"; }

# run LABEL CMD: runs CMD after a sync and prints its times.
run() {
	local s u y d0 d1
	sync
	d0=$(daemon_cpu)
	/usr/bin/time -f "%e %U %S" -o "$work/time" bash -c "$2"
	d1=$(daemon_cpu)
	read -r s u y < "$work/time"
	awk -v l="$1" -v s="$s" -v u="$u" -v y="$y" -v a="$d0" -v b="$d1" \
		'BEGIN{printf "%-16s wall %6.2f s  CPU %5.2f s (tvaultd %5.2f s)\n", l, s, u + y + b - a, b - a}'
}

for r in $(seq "$rounds"); do
	echo "round $r"
	rm -f "$work/peer.age"
	run age-enc "age -r $recipient -r $escrow -o $work/peer.age $in"
	for n in "${names[@]}"; do
		rm -f "$work"/vault/blobs/*
		run "attach $n" "$remote ${client[$n]} attach $id $in > $work/att"
	done
	att=$(cat "$work/att")
	rm -f "$work/out.bin"
	run age-dec "age -d -i $work/escrow.key $work/peer.age > $work/out.bin"
	for n in "${names[@]}"; do
		rm -f "$work/out.bin"
		run "get $n" "$remote ${client[$n]} attachment get $id $att > $work/out.bin"
		cmp "$work/out.bin" "$in"
	done
done
