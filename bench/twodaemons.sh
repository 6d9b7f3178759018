#!/bin/bash
# Issue 17, must show 2: two tvaultd processes on one PostgreSQL database
# (a throwaway cluster, internal/pgtest), 16 clients putting testimonies
# through one daemon and reading them back through the other, listing now
# and then, for DURATION (default 30s); then every write acknowledged is
# read through both, tvault audit verify runs with each daemon's state
# directory, the log is read entry by entry, a user revoked through one
# daemon is refused by the other and a seal through one seals the other.
#
#	bench/twodaemons.sh [DURATION]
#
# It prints the machine's load, the test's figures (requests, errors,
# audit entries, puts/s, each daemon's CPU time and peak memory) and the
# time of the whole run (go test, the build of the binaries, the clients,
# the daemons; PostgreSQL's own processes are not counted).
set -euo pipefail
duration=${1:-30s}
cd "$(dirname "$0")/.."
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "whole run: %e s wall, %U s user, %S s sys" \
	nice -n 10 go test -count=1 -run 'TestTwoDaemons$' -v ./cmd/tvaultd/multidaemon/ -duration "$duration" 2>&1 |
	grep -E 'daemons,|daemon A:|audit log verified|--- |^(ok|FAIL)|whole run'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
