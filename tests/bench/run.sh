#!/usr/bin/env bash
# The portal's page benchmark, run by hand (not by CI): tests/bench/run.sh [--national | --national-only] [--seconds N] [--connections N]
#
# Builds Release, starts the site (Production) on a fresh data directory pinned to core 0, and measures each public
# page type with wrk pinned to core 1, brotli accepted, a browser User-Agent (so every request is counted as a view),
# after a warm-up (the search limit per client raised, since wrk is one client). Each page is measured beside the static file /css/site.css in the same run, interleaved
# (page, static, page, static) so drift falls on both, once with the output cache and once without it
# (Portal:OutputCache:Enabled=false). With --national it then generates a national-size catalogue
# (tests/PublicPortal.Benchmarks national), imports it through the real import verb, and measures again on it.
# Prints one table: page, requests/s, static requests/s, ratio, p50, p99.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=6
connections=32
national=0
while [ $# -gt 0 ]; do
  case "$1" in
    --national) national=1 ;;
    --national-only) national=2 ;;
    --seconds) seconds="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    *) echo "unknown option $1 (use --national, --national-only, --seconds N, --connections N)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> installing wrk (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1
  fi
fi
cores="$(nproc)"
if [ "$cores" -lt 2 ]; then echo "needs two cores (site on one, wrk on the other); this machine has $cores" >&2; exit 1; fi

echo "==> building Release"
dotnet build "$root/src/PublicPortal.Web" -c Release -nologo -clp:ErrorsOnly >/dev/null
app="$root/src/PublicPortal.Web/bin/Release/net10.0/PublicPortal.Web.dll"
work="$(mktemp -d /tmp/portal-bench.XXXXXX)"
site_pid=""
cleanup() { if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
port=5391
base="http://127.0.0.1:$port"
# shellcheck source=tests/bench/common.sh
source "$root/tests/bench/common.sh"

# start_site <data-dir> <cache on|off>: the site on core 0, answering on $port.
start_site() {
  local data="$1" cache="$2"
  # From the project folder, as `dotnet run` does: its appsettings.json is the configuration.
  (cd "$root/src/PublicPortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 \
      Portal__DataDirectory="$data" Portal__ContentDirectory="$root/content" Portal__PublicOrigin="http://127.0.0.1:$port" \
      Portal__OutputCache__Enabled="$([ "$cache" = on ] && echo true || echo false)" \
      Portal__Search__PermitLimit=100000 Portal__Search__WindowSeconds=1 \
      Logging__LogLevel__Default=Warning \
      taskset -c 0 dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/site.log" 2>&1) &
  site_pid=$!
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "the site did not start; its log:" >&2; cat "$work/site.log" >&2; exit 1
}

# warm_up: JIT tiering and the caches settle before the first row. Three passes over every measured page: on one core the runtime's tiered compiler needs tens of seconds of load
# before a page's code is fully optimised, and the first rows measured the warm-up rather than the page.
warm_up() {
  for _ in 1 2 3; do
    for p in / /tin-tuc /lang-nghe /san-pham /van-ban /css/site.css "/lang-nghe?ocop=1&du-lich=1" "/san-pham?sao=4" /tim-kiem?q=gom /rss.xml /api/villages \
      "$(slug_of /tin-tuc /tin-tuc)" "$(slug_of /lang-nghe /lang-nghe)" "$(slug_of /san-pham /san-pham)" "$(slug_of /tuyen-du-lich /tuyen-du-lich)"; do
      [ -n "$p" ] && wrk_run "$p" 2 >/dev/null
    done
  done
}

stop_site() { kill "$site_pid"; wait "$site_pid" 2>/dev/null || true; site_pid=""; }

slug_of() { # slug_of <list path> <item prefix>: the first item linked from a list page
  # Through a file: under pipefail, a pipe closed early by head would fail the run (curl: (23)) on a long page.
  curl -fsS "http://127.0.0.1:$port$1" -o "$work/list.html"
  { grep -m1 -o "href=\"$2/[a-z0-9-]*\"" "$work/list.html" || true; } | sed "s|href=\"||; s|\"||"
}

pages() {
  local article village product route plan
  article=$(slug_of /tin-tuc /tin-tuc); village=$(slug_of /lang-nghe /lang-nghe); product=$(slug_of /san-pham /san-pham)
  route=$(slug_of /tuyen-du-lich /tuyen-du-lich); plan=$(slug_of /chuong-trinh /chuong-trinh)
  row "home /" "/"
  row "article" "$article"
  row "list: /lang-nghe?ocop=1&du-lich=1" "/lang-nghe?ocop=1&du-lich=1"
  row "list: /san-pham?sao=4" "/san-pham?sao=4"
  row "village" "$village"
  row "product" "$product"
  row "route" "$route"
  row "search: /tim-kiem?q=gom" "/tim-kiem?q=gom"
  if [ -n "$plan" ]; then row "tracker" "$plan/tien-do"; else printf '| %-34s | %s |\n' tracker "no plan in this content"; fi
  row "documents /van-ban" "/van-ban"
  row "RSS /rss.xml" "/rss.xml"
  row "open data /api/villages" "/api/villages"
}

memory_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(pgrep -f "dotnet $app" | head -1)/status"; }

echo "==> provincial seed (content/): $(find "$root/content" -name '*.md' | wc -l) files; $seconds s per measurement, $connections connections"
for cache in on off; do
  [ "$national" = 2 ] && break
  data="$work/data-$cache"
  start_site "$data" "$cache"
  warm_up
  header "Provincial seed, output cache $cache"
  pages
  stop_site
done

if [ "$national" != 0 ]; then
  echo
  echo "==> national-size content"
  dotnet run -c Release --project "$root/tests/PublicPortal.Benchmarks" -- national "$work/national" | tail -1
  data="$work/data-national"
  started=$(date +%s.%N)
  (cd "$root/src/PublicPortal.Web" && env ASPNETCORE_ENVIRONMENT=Production Portal__DataDirectory="$data" Portal__ContentDirectory="$work/national" \
     Logging__LogLevel__Default=Warning dotnet "$app" import "$work/national" | tail -3)
  ended=$(date +%s.%N)
  echo "import: $(python3 -c "print(f'{$ended - $started:.0f} s')"); files: $(find "$work/national" -name '*.md' | wc -l); database $(du -sh "$data/portal.db" | cut -f1); search index $(du -sh "$data/search-index" 2>/dev/null | cut -f1 || echo "built on first start")"
  for cache in on off; do
    start_site "$data" "$cache"
    echo "memory after start (output cache $cache): $(memory_mb) MB; search index $(du -sh "$data/search-index" | cut -f1)"
    warm_up
    header "National scale, output cache $cache"
    pages
    echo
    echo "memory after the run: $(memory_mb) MB"
    stop_site
  done
fi
