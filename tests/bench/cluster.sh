#!/usr/bin/env bash
# Several nodes, by hand (not by CI): tests/bench/cluster.sh [--seconds N] [--connections N]
#
# Starts PostgreSQL and Redis on loopback (tests/services.sh), the real executable once or twice on them, and nginx in
# front with the README's proxy settings (plain http here: TLS would measure nginx's handshakes, not the portal). Every
# server process (nodes, nginx, PostgreSQL, Redis) is pinned to core 0 and wrk to core 1, so one node and two nodes
# share the same core: the table shows what nginx and a second node cost or give on one core, and that a page served
# by two nodes needs no cross-node round trip per request (a Redis output-cache hit is one round trip to Redis, the
# same with one node or two). Rows: straight to one node, nginx to one node, nginx to two nodes; output cache on and off;
# each page beside /css/site.css through the same front, interleaved.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=4
connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    *) echo "unknown option $1 (use --seconds N, --connections N)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "==> installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in wrk nginx redis-server; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing: sudo apt-get install $tool (tests/run.sh installs nginx and redis-server)" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "needs two cores (servers on one, wrk on the other)" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "==> building Release"
dotnet build "$root/src/PublicPortal.Web" -c Release -nologo -clp:ErrorsOnly >/dev/null
app="$root/src/PublicPortal.Web/bin/Release/net10.0/PublicPortal.Web.dll"
work="$(mktemp -d /tmp/portal-cluster-bench.XXXXXX)"
node_pids=()
nginx_pid=""
# shellcheck source=tests/services.sh
source "$root/tests/services.sh"
cleanup() {
  for pid in "${node_pids[@]}" $nginx_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_services
  rm -rf "$work"
}
trap cleanup EXIT
start_services
# PostgreSQL's backends are forked from the postmaster and inherit its core.
for pid in $(pgrep -f "$services_dir/postgres/data") $(cat "$services_dir/redis.pid"); do taskset -a -cp 0 "$pid" >/dev/null 2>&1 || true; done

agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
database="${PORTAL_TEST_POSTGRES/Database=postgres/Database=portal_bench}"
front=5390
ports=(5391 5392)
# shellcheck source=tests/bench/common.sh
source "$root/tests/bench/common.sh"

# start_node <n> <cache on|off>: node n (0 or 1) on core 0, on the shared database and Redis, with its own data directory.
start_node() {
  local n="$1" cache="$2" port="${ports[$1]}"
  (cd "$root/src/PublicPortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 \
      Portal__DataDirectory="$work/node-$n" Portal__ContentDirectory="$root/content" Portal__PublicOrigin="http://127.0.0.1:$front" \
      Portal__Database__Provider=PostgreSQL ConnectionStrings__Portal="$database" ConnectionStrings__Redis="$PORTAL_TEST_REDIS" \
      Portal__Traffic__TrustedProxies__0=127.0.0.1 \
      Portal__OutputCache__Enabled="$([ "$cache" = on ] && echo true || echo false)" \
      Portal__Search__PermitLimit=100000 Portal__Search__WindowSeconds=1 \
      Logging__LogLevel__Default=Warning \
      taskset -c 0 dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/node-$n.log" 2>&1) &
  node_pids+=($!)
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "node $n did not start; its log:" >&2; cat "$work/node-$n.log" >&2; exit 1
}

stop_nodes() {
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  node_pids=()
}

# start_nginx <node count>: the README's proxy block over the first N nodes, in the foreground of its own folder.
start_nginx() {
  local folder="$work/nginx" servers=""
  for n in $(seq 0 $(($1 - 1))); do servers+="server 127.0.0.1:${ports[$n]}; "; done
  mkdir -p "$folder/logs"
  cat >"$folder/nginx.conf" <<EOF
daemon off;
master_process off;
error_log $folder/logs/error.log;
pid $folder/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $folder/body;
    proxy_temp_path $folder/proxy;
    fastcgi_temp_path $folder/fastcgi;
    uwsgi_temp_path $folder/uwsgi;
    scgi_temp_path $folder/scgi;
    upstream portal { $servers keepalive 32; }
    server {
        listen 127.0.0.1:$front;
        location / {
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
        }
    }
}
EOF
  taskset -c 0 "$nginx_bin" -p "$folder" -c "$folder/nginx.conf" &
  nginx_pid=$!
  sleep 0.5
}

stop_nginx() { kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""; }

pages() {
  local article
  curl -fsS "$base/tin-tuc" -o "$work/list.html"
  article=$({ grep -m1 -o 'href="/tin-tuc/[a-z0-9-]*"' "$work/list.html" || true; } | sed 's|href="||; s|"||')
  for p in / "$article" /lang-nghe /css/site.css; do wrk_run "$p" 2 >/dev/null; done # warm-up
  row "$1: home" "/"
  row "$1: article" "$article"
  row "$1: list ?ocop=1&du-lich=1" "/lang-nghe?ocop=1&du-lich=1"
  row "$1: search q=gom" "/tim-kiem?q=gom"
}

echo "==> $seconds s per measurement, $connections connections; every server on core 0, wrk on core 1"
for cache in on off; do
  echo
  echo "### Output cache $cache"
  echo
  echo "| page                               |  req/s    | static/s  | ratio  | p50 ms | p99 ms |"
  echo "|------------------------------------|-----------|-----------|--------|--------|--------|"
  start_node 0 "$cache"
  base="http://127.0.0.1:${ports[0]}"; pages "direct"
  start_nginx 1; base="http://127.0.0.1:$front"; pages "nginx→1"; stop_nginx
  start_node 1 "$cache"
  start_nginx 2; pages "nginx→2"; stop_nginx
  stop_nodes
done
