#!/usr/bin/env bash
# Benchmarks tvault attach / attachment get against the age CLI, in one run
# on one file, and checks that the file comes back byte for byte with
# bounded memory.
#
#   bash bench/attach.sh [MIB] [REPEATS]     (default 1024 MiB, 3 rounds)
#
# The peer is the age CLI built from filippo.io/age/cmd/age, encrypting to
# the same recipients as the vault (its own post-quantum recipient and a
# post-quantum escrow recipient from age-keygen -pq) and decrypting with
# that escrow identity. Every command is timed with /usr/bin/time for wall
# time and peak RSS; each timing is the best of REPEATS. Both sides read
# the input from the page cache and write their output to a file on the
# same disk; tvault attach also fsyncs the blob (age does not), and every
# local tvault command unseals the keyring first (age's scrypt at work
# factor 18, deliberately slow, with a 256 MiB table), which is measured
# apart as "tvault attachment list".
# The same commands then run through tvaultd (unsealed once, at its
# start), over its unix socket and then over HTTPS (a self-signed
# certificate on a loopback port), and the daemon's own peak RSS during
# them is read from /proc. There, REPEATS rounds alternate age's
# encryption, tvault attach, age's decryption and tvault attachment get,
# so that each round of tvault meets the load its peer met, and the rows
# give the best and the median of the rounds, in wall time and in CPU
# time (user + system: the CLI's and the daemon's, from /proc/PID/stat),
# since on a shared machine wall time is inflated by others' load while
# CPU time is not. The ratios compare the best with the best and the
# median with the median. Every timed command starts after a sync, so
# that none pays for the writeback of the gigabyte the one before it left
# dirty (age leaves its output so, and each tvault command followed one
# of age's; tvault attach fsyncs its blob).
#
# Last, the in-process test TestAttachLarge attaches and reads back the
# same size through the vault package, with a cheap keyring, and reports
# the peak RSS of each step alone. BENCH_LOCAL=0 skips the local commands
# and that test (only the rows through tvaultd, issue 16's must show 5);
# BENCH_HTTPS=0 skips the rows over HTTPS.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
reps=${2:-3}
local_rows=${BENCH_LOCAL:-1}
work=$(mktemp -d)
dpid=
trap '[ -z "$dpid" ] || kill "$dpid"; rm -rf "$work"' EXIT

source bench/measure.sh
go build -o "$work/bin/" ./cmd/tvault ./cmd/tvaultd filippo.io/age/cmd/age filippo.io/age/cmd/age-keygen
PATH="$work/bin:$PATH"
export TVAULT_DIR="$work/vault" TVAULT_PASSPHRASE_FILE="$work/pass" TVAULT_STATE_DIR="$work/state"
echo "bench passphrase $RANDOM$RANDOM" > "$work/pass"
age-keygen -pq -o "$work/escrow.key" 2> /dev/null
escrow=$(age-keygen -y "$work/escrow.key")
recipient=$(tvault init --escrow "$escrow")
id=$(tvault put testdata/corpus/t02-jang-sunhee.json)

in="$work/interview.bin"
head -c "$((mib << 20))" /dev/urandom > "$in"
cat "$in" > /dev/null # into the page cache for both sides
bytes=$(stat -c %s "$in")

# daemon_cpu: the CPU time (user + system) tvaultd ($dpid) has used, in
# seconds; 0 without a daemon.
daemon_cpu() {
	if [ -z "$dpid" ]; then echo 0; return; fi
	proc_cpu "$dpid"
}

# best LABEL CMD...: runs CMD (a shell string, after the cleanup in $pre)
# REPEATS times; sets secs and rss (MiB) of the fastest run, and cpu, the
# CPU time of that run (the daemon's included).
best() {
	local label=$1 cmd=$2 s r u y d0 d1 c
	secs= rss=0 cpu=
	for _ in $(seq "$reps"); do
		eval "$pre"
		sync
		d0=$(daemon_cpu)
		/usr/bin/time -f "%e %M %U %S" -o "$work/time" bash -c "$cmd"
		d1=$(daemon_cpu)
		read -r s r u y < "$work/time"
		c=$(awk -v u="$u" -v y="$y" -v a="$d0" -v b="$d1" 'BEGIN{printf "%.2f", u + y + b - a}')
		if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN{exit !(a < b)}'; then secs=$s cpu=$c; fi
		if [ "$((r / 1024))" -gt "$rss" ]; then rss=$((r / 1024)); fi
	done
	printf '%-44s %7.2f s  %6.0f MiB/s  CPU %6.2f s  peak RSS %4d MiB (max of runs)\n' "$label" "$secs" \
		"$(awk -v m="$mib" -v s="$secs" 'BEGIN{print m/s}')" "$cpu" "$rss"
}

pre='rm -f "$work/peer.age"'
best "age -r VAULT -r ESCROW ($mib MiB)" "age -r $recipient -r $escrow -o $work/peer.age $in"
age_enc=$secs age_enc_cpu=$cpu

pre='rm -f "$work/out.bin"'
best "age -d -i ESCROW > FILE" "age -d -i $work/escrow.key $work/peer.age > $work/out.bin"
age_dec=$secs age_dec_cpu=$cpu
cmp "$work/out.bin" "$in"
rm -f "$work/out.bin"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
rate() { awk -v m="$mib" -v s="$1" 'BEGIN{printf "%.0f", m/s}'; }
net() { awk -v s="$1" -v f="$fixed" 'BEGIN{print s-f}'; }
rows=()

if [ "$local_rows" != 0 ]; then
	pre=''
	best "tvault attachment list (unseal, open: fixed)" "tvault attachment list $id > /dev/null"
	fixed=$secs

	pre='rm -f "$work"/vault/blobs/*'
	best "tvault attach ($mib MiB)" "tvault attach $id $in > $work/att"
	attach_secs=$secs attach_rss=$rss
	att=$(cat "$work/att")

	pre='rm -f "$work/out.bin"'
	best "tvault attachment get > FILE" "tvault attachment get $id $att > $work/out.bin"
	get_secs=$secs get_rss=$rss
	cmp "$work/out.bin" "$in"

	best "tvault attachment get --out FILE (fsynced)" "tvault attachment get $id $att --out $work/out.bin"
	out_secs=$secs out_rss=$rss
	cmp "$work/out.bin" "$in"

	mid=$((bytes / 2))
	pre=''
	best "tvault attachment get --range (1 MiB, middle)" "tvault attachment get $id $att --range $mid:$((mid + 1048576)) > $work/range.bin"
	range_secs=$secs range_rss=$rss
	cmp "$work/range.bin" <(tail -c +"$((mid + 1))" "$in" | head -c 1048576)

	rm -f "$work/out.bin"
	tvault export-raw "$id" --attachment "$att" > "$work/raw.age"
	age -d -i "$work/escrow.key" "$work/raw.age" | cmp - "$in"
	rm -f "$work/raw.age"

	rows+=("| encrypt: \`tvault attach\` vs \`age -r -r\`, whole command | $attach_secs s ($(rate "$attach_secs") MiB/s) | $age_enc s ($(rate "$age_enc") MiB/s) | $(ratio "$age_enc" "$attach_secs") |")
	rows+=("| encrypt, without tvault's fixed ${fixed} s (unseal, open) | $(net "$attach_secs") s ($(rate "$(net "$attach_secs")") MiB/s) | | $(ratio "$age_enc" "$(net "$attach_secs")") |")
	rows+=("| decrypt: \`tvault attachment get > FILE\` vs \`age -d > FILE\`, whole command | $get_secs s ($(rate "$get_secs") MiB/s) | $age_dec s ($(rate "$age_dec") MiB/s) | $(ratio "$age_dec" "$get_secs") |")
	rows+=("| decrypt, without tvault's fixed ${fixed} s | $(net "$get_secs") s ($(rate "$(net "$get_secs")") MiB/s) | | $(ratio "$age_dec" "$(net "$get_secs")") |")
	rows+=("| \`tvault attachment get --out FILE\` (checked, fsynced, renamed) | $out_secs s | | |")
	rows+=("| \`tvault attachment get --range\`, 1 MiB from the middle | $range_secs s | | |")
	rows+=("| peak RSS: attach / get / get --out / get --range | $attach_rss / $get_rss / $out_rss / $range_rss MiB | | |")
fi

# Through the daemon: the CLI in remote mode, as an officer.
tvault user add bench.officer --role officer > "$work/officer.token" 2> /dev/null
(cd "$work" && go run "$(go env GOROOT)/src/crypto/tls/generate_cert.go" --host 127.0.0.1 --ecdsa-curve P256 > /dev/null 2>&1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# sample LABEL CMD [daemon]: runs CMD once (after $pre) and appends its
# wall time, CPU time (with "daemon", tvaultd's during the run included)
# and peak RSS in MiB to $work/s.LABEL.
sample() {
	local s r u y d0=0 d1=0
	eval "$pre"
	sync
	[ "${3:-}" != daemon ] || d0=$(daemon_cpu)
	/usr/bin/time -f "%e %M %U %S" -o "$work/time" bash -c "$2"
	[ "${3:-}" != daemon ] || d1=$(daemon_cpu)
	read -r s r u y < "$work/time"
	awk -v s="$s" -v r="$r" -v u="$u" -v y="$y" -v a="$d0" -v b="$d1" \
		'BEGIN{printf "%s %.2f %d\n", s, u + y + b - a, r / 1024}' >> "$work/s.$1"
}

# stats LABEL: sets wbest, wmed, cbest, cmed (wall and CPU seconds, best
# and median of the samples, the lower middle one for an even count) and
# rss (the highest) of $work/s.LABEL.
stats() {
	local f=$work/s.$1 n
	n=$(wc -l < "$f")
	wbest=$(sort -g -k1,1 "$f" | awk 'NR==1{print $1}')
	wmed=$(sort -g -k1,1 "$f" | awk -v m="$(((n + 1) / 2))" 'NR==m{print $1}')
	cbest=$(sort -g -k2,2 "$f" | awk 'NR==1{print $2}')
	cmed=$(sort -g -k2,2 "$f" | awk -v m="$(((n + 1) / 2))" 'NR==m{print $2}')
	rss=$(sort -g -k3,3 "$f" | awk 'END{print $3}')
}

# through NAME LISTEN CLIENT-ENV: serves the vault with tvaultd on LISTEN
# (more tvaultd arguments may follow in $extra) and times attach, get and
# get --out through it, with the CLI's environment CLIENT-ENV.
through() {
	local name=$1 listen=$2 cenv=$3
	tvaultd --vault "$TVAULT_DIR" --listen "$listen" $extra 2> "$work/tvaultd.log" &
	dpid=$!
	remote="env -u TVAULT_DIR -u TVAULT_PASSPHRASE_FILE $cenv TVAULT_TOKEN_FILE=$work/officer.token"
	for _ in $(seq 100); do
		if $remote tvault attachment list "$id" > /dev/null 2>&1; then break; fi
		sleep 0.1
	done
	# From here VmHWM is the daemon's peak during the transfers.
	echo 5 > "/proc/$dpid/clear_refs"
	dstart=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$dpid/status")

	local tag=${name// /_}
	for _ in $(seq "$reps"); do
		pre='rm -f "$work/peer.age"'
		sample "age-enc-$tag" "age -r $recipient -r $escrow -o $work/peer.age $in"
		pre='rm -f "$work"/vault/blobs/*'
		sample "attach-$tag" "$remote tvault attach $id $in > $work/att" daemon
		att=$(cat "$work/att")
		pre='rm -f "$work/out.bin"'
		sample "age-dec-$tag" "age -d -i $work/escrow.key $work/peer.age > $work/out.bin"
		cmp "$work/out.bin" "$in"
		sample "get-$tag" "$remote tvault attachment get $id $att > $work/out.bin" daemon
		cmp "$work/out.bin" "$in"
	done
	stats "age-enc-$tag"
	eb=$wbest em=$wmed ecb=$cbest ecm=$cmed
	stats "attach-$tag"
	dattach_rss=$rss
	rows+=("| encrypt through tvaultd ($name): \`tvault attach\` vs \`age -r -r\`, wall, best / median | $wbest / $wmed s | $eb / $em s | $(ratio "$eb" "$wbest") / $(ratio "$em" "$wmed") |")
	rows+=("| the same, CPU time (CLI + daemon vs age), best / median | $cbest / $cmed s | $ecb / $ecm s | $(ratio "$ecb" "$cbest") / $(ratio "$ecm" "$cmed") |")
	stats "age-dec-$tag"
	db=$wbest dm=$wmed dcb=$cbest dcm=$cmed
	stats "get-$tag"
	dget_rss=$rss
	rows+=("| decrypt through tvaultd ($name): \`tvault attachment get > FILE\` vs \`age -d > FILE\`, wall, best / median | $wbest / $wmed s | $db / $dm s | $(ratio "$db" "$wbest") / $(ratio "$dm" "$wmed") |")
	rows+=("| the same, CPU time (CLI + daemon vs age), best / median | $cbest / $cmed s | $dcb / $dcm s | $(ratio "$dcb" "$cbest") / $(ratio "$dcm" "$cmed") |")
	for k in age-enc attach age-dec get; do
		echo "$name, $k: wall, CPU, peak RSS of each round: $(awk '{printf "%s%s s %s s %s MiB", (NR > 1 ? "; " : ""), $1, $2, $3}' "$work/s.$k-$tag")"
	done

	pre='rm -f "$work/out.bin"'
	best "tvault attachment get --out via tvaultd, $name" "$remote tvault attachment get $id $att --out $work/out.bin"
	dout_secs=$secs dout_rss=$rss
	cmp "$work/out.bin" "$in"
	rm -f "$work/out.bin"
	dpeak=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$dpid/status")
	kill "$dpid"
	wait "$dpid" || true
	dpid=

	rows+=("| \`tvault attachment get --out FILE\` through tvaultd ($name) | $dout_secs s | | |")
	rows+=("| peak RSS through tvaultd ($name), CLI: attach / get / get --out | $dattach_rss / $dget_rss / $dout_rss MiB | | |")
	rows+=("| peak RSS of tvaultd ($name) during those transfers (RSS before them) | $dpeak MiB ($dstart MiB) | | |")
}

extra=
through "unix socket" "unix:$work/d.sock" "TVAULT_ADDR=unix:$work/d.sock"
if [ "${BENCH_HTTPS:-1}" != 0 ]; then
	extra="--tls-cert $work/cert.pem --tls-key $work/key.pem"
	through "HTTPS" "127.0.0.1:$port" "TVAULT_ADDR=https://127.0.0.1:$port TVAULT_CA_FILE=$work/cert.pem"
fi

if [ "$local_rows" != 0 ]; then
	inproc=$(TVAULT_ATTACH_MIB=$mib go test -count=1 -run '^TestAttachLarge$' -v ./vault/ | grep -o '[a-z]* of [0-9]* MiB: .*')
	echo "$inproc"
	peaks=$(echo "$inproc" | sed -n 's/.*peak RSS of the process \([0-9]*\) MiB/\1/p' | paste -sd / | sed 's|/| / |')
	rows+=("| peak RSS in process (vault package, cheap keyring): attach / get | $peaks MiB | | |")
fi

echo
echo "Byte-identical after every get (cmp); locally also --out, a range and escrow decryption: yes."
echo
echo "| measurement ($mib MiB of random data, best of $reps, or best / median of $reps alternating rounds) | tvault | age CLI | tvault/age throughput |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
