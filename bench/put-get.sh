#!/usr/bin/env bash
# Benchmarks tvault put/get from the CLI against the age CLI in the same run.
#
#   bash bench/put-get.sh [N]     (default N=10000)
#
# 1. tvault put of N testimonies of about 4 KiB in one command (one batch
#    put: bench/put-batch.sh measures it against age), timed with /usr/bin/time -v for wall time and peak RSS.
# 2. The peer: the age CLI (built from filippo.io/age/cmd/age) encrypting
#    the first 1,000 of the same files to the same post-quantum recipient,
#    one process per file as a shell script would, not fsynced.
# 3. In-process rates (no CLI start-up or passphrase unseal): the Go
#    benchmark BenchmarkPutGet10k.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault filippo.io/age/cmd/age
go run ./bench/gentestimonies -n "$n" -out "$work/in"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
recipient=$("$work/bin/tvault" init)

measure() { # label, command...
	local label=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out"
	read -r secs rss < "$work/time"
	echo "$label: ${secs}s wall, peak RSS $((rss / 1024)) MiB"
}

cd "$work/in"
measure "tvault put of $n files" "$work/bin/tvault" put *.json
test "$(wc -l < "$work/out")" -eq "$n"
put_secs=$(cut -d' ' -f1 "$work/time")
echo "  => $(awk -v n="$n" -v s="$put_secs" 'BEGIN{printf "%.0f", n/s}') testimonies/s (including one scrypt unseal)"

ls | awk 'NR <= 1000' > "$work/peer-files"
cat > "$work/peer.sh" <<SH
while read -r f; do "$work/bin/age" -r "$recipient" -o "$work/peer-\$f.age" "\$f"; done < "$work/peer-files"
SH
measure "age CLI, 1000 files one by one" bash "$work/peer.sh"
peer_secs=$(cut -d' ' -f1 "$work/time")
m=$(wc -l < "$work/peer-files")
echo "  => $(awk -v n="$m" -v s="$peer_secs" 'BEGIN{printf "%.0f", n/s}') files/s"
echo "  => ratio tvault/age (files per second): $(awk -v a="$n" -v b="$put_secs" -v c="$m" -v d="$peer_secs" 'BEGIN{printf "%.1f", (a/b)/(c/d)}')"

cd - > /dev/null
ids=$("$work/bin/tvault" list | awk 'NR > 1 && NR <= 21 { print $1 }')
start=$(date +%s.%N)
for id in $ids; do "$work/bin/tvault" get "$id" > /dev/null; done
end=$(date +%s.%N)
echo "tvault get from the CLI: $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", (e-s)/20*1000}') ms per command (mostly the scrypt unseal)"

go test -run '^$' -bench 'PutGet10k' -benchtime 1x ./vault/ | grep Benchmark
