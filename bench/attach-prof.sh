#!/usr/bin/env bash
# Where the CPU of a 1 GiB attach and get through tvaultd goes, on each
# side: perf samples tvaultd (the whole run) and the CLI (its command),
# over a unix socket, and sums them by kind of work, in seconds of CPU.
# The age CLI's encryption and decryption of the same file are sampled
# alike, as the peer.
#
#   bash bench/attach-prof.sh [MIB]        (default 1024; needs perf, root)
#
# Samples at 2 kHz with call graphs: the sums are rough (perf adds its
# own cost, and on a loaded machine every figure grows), but the shares
# of one run compare. Kinds, by the sampled function: sha256 (the
# chain-of-custody hash), chacha20poly1305 (age's payload), memmove
# (copies in user space), kernel copies (socket, page cache), ext4 and
# writeback, scheduling (context switches, wake-ups), Go runtime (the
# collector, the scheduler), other.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
work=$(mktemp -d)
dpid=
trap '[ -z "$dpid" ] || { kill "$dpid"; wait "$dpid" || true; }; rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")
recipient=$(tvault init --escrow "$escrow")
id=$(tvault put testdata/corpus/t02-jang-sunhee.json)
tvault user add bench.officer --role officer > "$work/officer.token" 2> /dev/null
in="$work/interview.bin"
head -c "$((mib << 20))" /dev/urandom > "$in"
cat "$in" > /dev/null

tvaultd --vault "$TVAULT_DIR" --listen "unix:$work/d.sock" 2> "$work/tvaultd.log" &
dpid=$!
remote="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE TVAULT_ADDR=unix:$work/d.sock TVAULT_TOKEN_FILE=$work/officer.token"
for _ in $(seq 100); do
	if $remote tvault attachment list "$id" > /dev/null 2>&1; then break; fi
	sleep 0.1
done

# kinds FILE: seconds of CPU in FILE's samples by kind of work, the
# total first.
kinds() {
	perf report -i "$1" --stdio --no-children -g none --sort sym --percent-limit 0 -F sample,sym 2> /dev/null |
		awk '/^#/ || NF < 3 {next}
		{
			n = $1; s = $NF
			k = "other"
			if (s ~ /sha256/) k = "sha256"
			else if (s ~ /chacha20|poly1305/) k = "chacha20poly1305"
			else if (s ~ /runtime\.memmove/) k = "memmove"
			else if (s ~ /copy_to_iter|copy_from_iter|copy_folio|copy_page|filemap_get_read_batch|splice/) k = "kernel copies"
			else if (s ~ /ext4|mpage|bio_|writeback|folio|dquot|percpu_counter|es_/) k = "ext4, writeback"
			else if (s ~ /finish_task_switch|spin_unlock|schedule|futex|epoll|wake|irqentry|nanosleep/) k = "scheduling"
			else if (s ~ /^runtime\.|gcDrain|scanobject|scanObject/) k = "Go runtime"
			c[k] += n; t += n
		}
		END {
			for (k in c) printf "  %6.2f s  %s\n", c[k] / 2000, k
			printf "  %6.2f s  %s\n", t / 2000, "total"
		}' | sort -gr
}

# profile NAME CMD: samples tvaultd during CMD and CMD itself.
profile() {
	sync
	perf record -q -F 2000 -g -p "$dpid" -o "$work/d-$1.data" 2> /dev/null &
	local p=$!
	sleep 0.5
	perf record -q -F 2000 -g -o "$work/c-$1.data" -- bash -c "$2" 2> /dev/null
	kill -INT "$p"
	wait "$p" || true
	echo "$1, tvaultd:"
	kinds "$work/d-$1.data"
	echo "$1, CLI:"
	kinds "$work/c-$1.data"
}

sync
perf record -q -F 2000 -g -o "$work/age-enc.data" -- age -r "$recipient" -r "$escrow" -o "$work/peer.age" "$in" 2> /dev/null
echo "age -r -r (peer):"
kinds "$work/age-enc.data"
sync
perf record -q -F 2000 -g -o "$work/age-dec.data" -- age -d -i "$work/escrow.key" -o "$work/out.bin" "$work/peer.age" 2> /dev/null
echo "age -d (peer):"
kinds "$work/age-dec.data"
rm -f "$work/out.bin" "$work/peer.age"

profile attach "$remote tvault attach $id $in > $work/att"
profile get "$remote tvault attachment get $id $(cat "$work/att") > $work/out.bin"
cmp "$work/out.bin" "$in"
echo "get: byte-identical (cmp)"
