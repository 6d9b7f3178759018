#!/usr/bin/env bash
# Benchmarks tvault rekey on a vault of N testimonies of about 4 KiB, each
# with an attachment of SIZE bytes, and checks the vault afterwards.
#
#   bash bench/rekey.sh [N] [SIZE]     (default 10000 testimonies, 65536 bytes)
#
# The vault, with one post-quantum escrow recipient, is filled in one
# process (bench/fillvault). Then tvault rekey runs as its own command,
# timed with /usr/bin/time for wall time and peak RSS, its anonymous and
# file-backed resident memory sampled from /proc as bench/check.sh does
# (the RSS includes the scrypt unseal's 256 MiB table, a fixed cost of
# every local command, paid twice by rekey: it seals the keyring twice).
# After it: tvault check --read-data, the audit log verified with the
# verifier key of before the rekey, the person list compared with the one
# of before, and the escrow identity's age -d on a record and an
# attachment.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
size=${2:-65536}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault ./bench/fillvault filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")

# peaks PID: as in bench/check.sh.
peaks() {
	local pid=$1 anon=0 file=0 a f
	while kill -0 "$pid" 2> /dev/null; do
		read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2> /dev/null || echo "0 0")
		((a > anon)) && anon=$a
		((f > file)) && file=$f
		sleep 0.01
	done
	echo "$((anon / 1024)) $((file / 1024))"
}

measure() { # label, command...
	local label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" &
	local timepid=$!
	sleep 0.05
	local pid
	pid=$(pgrep -P "$timepid" | head -n 1)
	read -r anon file < <(peaks "$pid")
	wait "$timepid"
	read -r secs user sys rss < "$work/time"
	echo "$label: ${secs}s wall, ${user}s user + ${sys}s system CPU, peak RSS $((rss / 1024)) MiB (anonymous $anon MiB, mapped files $file MiB)"
}

start=$(date +%s)
fillvault -n "$n" -size "$size" -escrow "$escrow" "$TVAULT_DIR" "$work/pass"
echo "vault of $n testimonies with $n attachments of $size bytes: $(du -sm "$TVAULT_DIR" | cut -f1) MiB, filled in $(($(date +%s) - start))s"

tvault person list > "$work/persons-before"
tvault audit key > "$work/old.vkey"
tvault audit checkpoint > "$work/old.checkpoint"
id=$(tvault list | awk 'NR==2{print $1}')

measure "tvault audit key (the open, for comparison)" tvault audit key
measure "tvault rekey" tvault rekey
tail -n 1 "$work/out"
grep -c '^tvault: re-encrypted' "$work/err" | sed 's/^/progress lines on stderr: /'

measure "tvault check --read-data" tvault check --read-data
cat "$work/out"
tvault person list | cmp - "$work/persons-before" && echo "person list and pseudonyms: unchanged"
tvault audit export --out "$work/audit.log"
tvault audit verify --log "$work/audit.log" --key "$(cat "$work/old.vkey")" --checkpoint "$work/old.checkpoint"
tvault export-raw "$id" | age -d -i "$work/escrow.key" | head -n 1
att=$(tvault attachment list "$id" | awk 'NR==2{print $1}')
tvault export-raw "$id" --attachment "$att" | age -d -i "$work/escrow.key" | wc -c | sed 's/^/attachment decrypted by the escrow identity: /; s/$/ bytes/'
