# Sourced by tests/run.sh: starts PostgreSQL and Redis on loopback in a temporary folder, for the tests that run the
# portal on them, and stops them when the script exits (also on failure). Nothing is assumed to be running before.
# Exports PORTAL_TEST_POSTGRES (an Npgsql connection string with the right to create databases) and PORTAL_TEST_REDIS.

services_dir=""
postgres_bin=""
postgres_user=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# as_postgres <command...>: PostgreSQL refuses to run as root, so as root it runs as its own system user.
as_postgres() {
  if [ -n "$postgres_user" ]; then runuser -u "$postgres_user" -- "$@"; else "$@"; fi
}

start_services() {
  services_dir="$(mktemp -d /tmp/portal-services.XXXXXX)"
  chmod 755 "$services_dir"
  postgres_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$postgres_bin" ] || ! command -v redis-server >/dev/null 2>&1; then
    echo "PostgreSQL or Redis is not installed"; return 1
  fi
  if [ "$(id -u)" = 0 ]; then postgres_user=postgres; fi
  local pg_home="$services_dir/postgres" pg_data="$services_dir/postgres/data" pg_port redis_port password
  pg_port="$(free_port)"
  redis_port="$(free_port)"
  password="portal-test-$RANDOM$RANDOM"
  mkdir -p "$pg_home"
  printf '%s\n' "$password" >"$pg_home/pwfile"
  [ -n "$postgres_user" ] && chown -R "$postgres_user" "$pg_home"
  as_postgres "$postgres_bin/initdb" -D "$pg_data" -U portal --pwfile="$pg_home/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$services_dir/initdb.log" 2>&1 \
    || { cat "$services_dir/initdb.log"; return 1; }
  # Tests make and drop a database each; fsync off because a test database is thrown away (as PostgreSQL's docs advise
  # for such use), max_connections for the parallel test sites' pools.
  as_postgres "$postgres_bin/pg_ctl" -D "$pg_data" -l "$pg_home/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
    || { cat "$pg_home/postgres.log"; return 1; }
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes \
    --pidfile "$services_dir/redis.pid" --logfile "$services_dir/redis.log" --dir "$services_dir" >/dev/null \
    || { echo "redis-server did not start"; return 1; }
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break; fi
    sleep 0.1
  done
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=portal;Password=$password;Database=postgres"
  export PORTAL_TEST_REDIS="127.0.0.1:$redis_port"
}

stop_services() {
  [ -n "$services_dir" ] || return 0
  if [ -n "$postgres_bin" ] && [ -d "$services_dir/postgres/data" ]; then
    as_postgres "$postgres_bin/pg_ctl" -D "$services_dir/postgres/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$services_dir/redis.pid" ]; then kill "$(cat "$services_dir/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$services_dir"
  services_dir=""
}
