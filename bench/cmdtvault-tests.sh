#!/usr/bin/env bash
# Times cmd/tvault's tests as CI runs them (go test -race, no cached
# result) and prints the package's wall and CPU time (user + system: on a
# shared machine wall time also measures the other load), the slowest
# tests and scripts (wall, from go test -json), and the slowest sections
# of the scripts (testscript's own times).
#
#   bash bench/cmdtvault-tests.sh [go test flags, e.g. -run TestViewHeap]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
result=passed
/usr/bin/time -f "%e %U %S" -o "$work/time" go test -race -count=1 -json "$@" ./cmd/tvault/ > "$work/json" || result=FAILED
read -r secs user sys < "$work/time"
echo "cmd/tvault: $result, ${secs}s wall, ${user}s user + ${sys}s system CPU, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/json" <<'PY'
import collections, json, re, sys
tests, sections = {}, collections.Counter()
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    t = e.get("Test")
    if e["Action"] in ("pass", "fail") and t:
        tests[t] = (e["Elapsed"], e["Action"])
    if e["Action"] == "output" and t and t.startswith("TestScripts/"):
        m = re.match(r"\s*# (.*) \((\d+\.\d+)s\)", e["Output"])
        if m:
            sections[(t, m.group(1)[:50])] += float(m.group(2))
    if e["Action"] == "output" and "panic: test timed out" in e.get("Output", ""):
        print("  timed out")
print("slowest tests (wall s):")
for t, (s, a) in sorted(tests.items(), key=lambda kv: -kv[1][0])[:15]:
    print(f"  {s:7.2f} {a} {t}")
print("slowest script sections (wall s):")
for (t, sec), s in sections.most_common(10):
    print(f"  {s:7.2f} {t}: {sec}")
PY
