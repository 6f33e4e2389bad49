# Sourced by the benchmark scripts: wrk on core 1 against "$base" (set by the caller, with $connections, $seconds and
# $agent), one interleaved page/static row, and the table header.

# wrk_run <path> <seconds>: prints "requests/s p50-ms p99-ms".
wrk_run() {
  taskset -c 1 wrk -t1 -c"$connections" -d"$2"s --timeout 10s --latency -H "Accept-Encoding: br" -H "User-Agent: $agent" \
    "$base$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return float("nan")
    v = float(m.group(1)); return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
# A run that completes no request (a slow page in a short run) prints no rate: it counts as 0, not as a crash.
m = re.search(r"Requests/sec:\s+([\d.]+)", text)
rps = float(m.group(1)) if m else 0.0
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
if errors: print("non-2xx responses: " + errors.group(1), file=sys.stderr)
p50, p99 = ms("50%"), ms("99%")
print(f"{rps:.0f} {p50:.2f} {p99:.2f}")'
}

# row <label> <path>: warm-up, then page and static interleaved; one table row.
row() {
  local label="$1" path="$2" half=$((seconds / 2))
  [ "$half" -lt 1 ] && half=1
  wrk_run "$path" 2 >/dev/null
  local a b c d
  a=$(wrk_run "$path" "$half"); b=$(wrk_run /css/site.css "$half"); c=$(wrk_run "$path" "$half"); d=$(wrk_run /css/site.css "$half")
  python3 - "$label" "$a" "$b" "$c" "$d" <<'PY'
import sys
label = sys.argv[1]
p1, s1, p2, s2 = (list(map(float, x.split())) for x in sys.argv[2:6])
page, static = (p1[0] + p2[0]) / 2, (s1[0] + s2[0]) / 2
ratio = f"{page / static:>5.2f}x" if static > 0 else "  n/a "
print(f"| {label:<34} | {page:>9.0f} | {static:>9.0f} | {ratio} | {max(p1[1], p2[1]):>6.2f} | {max(p1[2], p2[2]):>6.2f} |")
PY
}

header() {
  echo
  echo "### $1"
  echo
  echo "| page                               |  req/s    | static/s  | ratio  | p50 ms | p99 ms |"
  echo "|------------------------------------|-----------|-----------|--------|--------|--------|"
}

