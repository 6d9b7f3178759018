#!/usr/bin/env bash
# Benchmarks tvault search from the CLI on a vault of N testimonies, checks
# what each search finds, and greps the vault directory for the terms.
#
#   bash bench/search.sh [N]     (default N=10000)
#
# 1. tvault put of N testimonies of about 4 KiB (bench/gentestimonies) in
#    one command: the records, their persons and their search entries.
# 2. tvault search by person, tag, words and dates, each timed as a whole
#    command (including the scrypt unseal of the keyring, about 0.5 s),
#    with the count of testimonies found checked.
#    tvault list is timed as the peer: the same start-up and unseal.
# 3. grep -r of the vault directory for every term searched: none may be
#    there in clear.
# 4. In-process times (no CLI start-up or unseal): the Go benchmark
#    BenchmarkSearch10k.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/" ./cmd/tvault
go run ./bench/gentestimonies -n "$n" -out "$work/in"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
"$work/bin/tvault" init > /dev/null

cd "$work/in"
start=$(date +%s.%N)
"$work/bin/tvault" put ./*.json > "$work/ids"
end=$(date +%s.%N)
cd - > /dev/null
echo "tvault put of $n files: $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.1f", e-s}')s"

# search LABEL WANT ARGS...: times one search, checks it found WANT.
search() {
	local label=$1 want=$2; shift 2
	start=$(date +%s.%N)
	"$work/bin/tvault" search "$@" --json > "$work/found"
	end=$(date +%s.%N)
	got=$(wc -l < "$work/found")
	if [ "$got" -ne "$want" ]; then
		echo "tvault search $*: found $got, want $want" >&2
		exit 1
	fi
	echo "tvault search $label: $got found, $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", (e-s)*1000}') ms"
}
# The peer: tvault list, which opens the vault as a search does and reads
# every record's index entry.
start=$(date +%s.%N)
"$work/bin/tvault" list > /dev/null
end=$(date +%s.%N)
echo "tvault list (peer: same open and unseal, every index entry): $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", (e-s)*1000}') ms"
k=$((n / 2))
witness=$(printf 'BW-%06d' "$k")
search "--tag famine" "$(( (n + 4) / 7 ))" --tag famine
search "--text 'house $k'" 1 --text "house $k"
search "--person $witness" 1 --person "$witness"
grep -q "\"id\":\"$(sed -n "$((k + 1))p" "$work/ids")\"" "$work/found" || { echo "--person found another testimony" >&2; exit 1; }
# Interview dates run from 2015-01-01 for 3,000 days, then again.
search "--from 2015-01-01 --to 2015-01-31" "$(( 31 * (n / 3000) + (n % 3000 < 31 ? n % 3000 : 31) ))" --from 2015-01-01 --to 2015-01-31

if grep -r -l -i -F -e "$witness" -e famine -e "house $k" "$work/vault"; then
	echo "a search term is in the vault directory in clear" >&2
	exit 1
fi
echo "grep -r of the vault directory for the terms: none found"

go test -run '^$' -bench 'Search10k' -benchtime 5x ./vault/ | grep Benchmark
