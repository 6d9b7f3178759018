# Sourced by the benchmark scripts: measure LABEL COMMAND... runs the
# command with its output in $work/out and $work/err, and prints its wall
# time, CPU time and peak RSS, split into anonymous and mapped-file
# memory. It leaves in anon, file, last and after what peaks says (MiB).

# peaks PID: the highest anonymous and file-backed resident memory of the
# process while it runs, in MiB, sampled every 10 ms from /proc: RSS counts
# the pages of the database files Badger maps and a check reads, which the
# kernel reclaims at will; the anonymous part is the process's own memory.
# It also prints the last anonymous memory sampled, and the highest after
# the unseal: after the anonymous memory first fell 128 MiB below its peak
# (the scrypt table of a keyring sealed with a passphrase, 256 MiB, is
# returned to the system as soon as the unseal is done), or 0 if it never
# did; the unseal's fixed cost hides a command's own memory otherwise.
peaks() {
	local pid=$1 anon=0 file=0 last=0 after=0 freed= a f
	while kill -0 "$pid" 2> /dev/null; do
		read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2> /dev/null || echo "0 0")
		((a > anon)) && anon=$a
		((f > file)) && file=$f
		((a > 0)) && last=$a
		[ -z "$freed" ] && ((a > 0 && a < anon - 131072)) && freed=1
		[ -n "$freed" ] && ((a > after)) && after=$a
		sleep 0.01
	done
	echo "$((anon / 1024)) $((file / 1024)) $((last / 1024)) $((after / 1024))"
}

measure() { # label, command...
	local label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" &
	local timepid=$! pid=
	# Under load /usr/bin/time may take a while to start the command.
	while [ -z "$pid" ] && kill -0 "$timepid" 2> /dev/null; do
		sleep 0.01
		pid=$(pgrep -P "$timepid" | head -n 1 || true)
	done
	read -r anon file last after < <(peaks "$pid")
	wait "$timepid"
	read -r secs user sys rss < "$work/time"
	echo "$label: ${secs}s wall, ${user}s user + ${sys}s system CPU, peak RSS $((rss / 1024)) MiB (anonymous $anon MiB, mapped files $file MiB)"
}

# proc_cpu PID: the CPU time (user + system) process PID has used, in
# seconds.
proc_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
