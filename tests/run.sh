#!/usr/bin/env bash
# The one test command. Installs what the tests need and this machine lacks (Debian's chromium, fonts,
# a Java runtime for the Nu HTML checker, vnu.jar from npm), builds PublicPortal.sln with warnings as
# errors, runs every test, and prints "N passed, N failed" as its last line. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*"; }
finish() { echo "$1 passed, $2 failed"; exit "$3"; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get could not install: ${missing[*]}"; finish 0 1 1; }
  else
    echo "missing: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}"
    finish 0 1 1
  fi
fi

if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  log "installing the Nu HTML checker (npm vnu-jar)"
  (cd tests && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) || { echo "npm ci failed in tests/"; finish 0 1 1; }
fi

# shellcheck source=tests/services.sh
source tests/services.sh
trap stop_services EXIT
log "starting PostgreSQL and Redis on loopback"
start_services || { echo "PostgreSQL or Redis did not start"; finish 0 1 1; }

log "restoring tools and building"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; finish 0 1 1; }
dotnet build PublicPortal.sln -c Release -nologo -clp:ErrorsOnly || { echo "build failed"; finish 0 1 1; }

# Each test site (and each real executable a test starts) watches its configuration and web root; with inotify that is
# one instance per watcher, and the default per-user limit (128) runs out when many sites run in parallel. Polling instead.
export DOTNET_USE_POLLING_FILE_WATCHER=true
export DOTNET_hostBuilder__reloadConfigOnChange=false

results=tests/TestResults/run
rm -rf "$results"
log "running tests"
# A test that hangs is stopped after 8 minutes and named in the output (no test needs two), rather than holding CI.
dotnet test PublicPortal.sln -c Release --no-build --nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 8m --blame-hang-dump-type none
status=$?

passed=0
failed=0
shopt -s nullglob
trx=("$results"/*.trx)
for file in "${trx[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
# CI keeps only the end of this output: name each failed test and the start of its message just above the totals.
for file in "${trx[@]}"; do
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED: " substr($0, RSTART + 10, RLENGTH - 11); inside = 1; lines = 0 }
    inside && /<Message>/ { message = 1 }
    inside && message {
      last = /<\/Message>/
      sub(/.*<Message>/, ""); sub(/<\/Message>.*/, "")
      if (lines++ < 12) print "  " $0
      if (last) { message = 0; inside = 0 }
    }
  ' "$file" | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
done
# Two test projects must each leave a report; a missing one is a failure, not a silent pass.
if ((${#trx[@]} < 2)); then failed=$((failed + 1)); status=1; fi
if ((status != 0 && failed == 0)); then failed=1; fi
((failed > 0)) && status=1
finish "$passed" "$failed" "$status"
