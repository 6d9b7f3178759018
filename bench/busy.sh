#!/usr/bin/env bash
# Issue 16's busy figures: tvaultd (--max-requests 64) under 64 and 96
# clients, half officers reading records and half researchers reading
# their views, each client with a connection of its own, over HTTPS (a
# self-signed certificate on a loopback port) and over the unix socket.
# Each line says how many requests the daemon answered 503 busy (counted
# in its log) and how many reads failed at the client (package client
# sends a busy request again, after Retry-After).
#
#   bash bench/busy.sh [SECONDS]     (default 20 per run)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
for transport in https unix; do
	for clients in 64 96; do
		TVAULT_BUSY_SECONDS=$secs TVAULT_BUSY_CLIENTS=$clients TVAULT_BUSY_TRANSPORT=$transport \
			/usr/bin/time -f "  (go test: %e s wall, %U s user + %S s system CPU)" \
			go test -count=1 -run '^TestLoadBusy$' -v ./cmd/tvaultd/ 2>&1 |
			grep -E 'busy_test.go|go test:|FAIL' || true
	done
done
