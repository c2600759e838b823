#!/usr/bin/env bash
# The one test command. On a fresh Debian machine (as root) it installs what the tests need,
# starts a throwaway PostgreSQL cluster and smtp4dev on free loopback ports, runs every test in Release, stops
# what it started and ends with the line "N passed, N failed". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/test-output"
rm -rf "$out"
mkdir -p "$out"

say() { printf '==> %s\n' "$*"; }

# --- What the tests need -------------------------------------------------------------------
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "These Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
fi
say "restoring .NET tools (dotnet-ef, smtp4dev)"
dotnet tool restore >/dev/null

# --- A throwaway PostgreSQL cluster --------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdata=$(mktemp -d /tmp/portal-pg.XXXXXX)
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"

free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

smtp4dev_pid=""
smtp4dev_log=$(mktemp /tmp/portal-smtp4dev.XXXXXX)
stop_services() {
  if [ -n "$smtp4dev_pid" ]; then
    # Its own process group: `dotnet tool run` and the server it starts.
    kill -TERM -- "-$smtp4dev_pid" 2>/dev/null || true
    wait "$smtp4dev_pid" 2>/dev/null || true
  fi
  rm -f "$smtp4dev_log"
  as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdata"
}
trap stop_services EXIT

say "starting PostgreSQL on 127.0.0.1:$port"
as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
  -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

# --- smtp4dev: an SMTP server whose messages the tests read back over its web API ------------
smtp_port=$(free_port 52025)
smtp_api_port=$(free_port $((smtp_port + 1)))
say "starting smtp4dev (SMTP 127.0.0.1:$smtp_port, API 127.0.0.1:$smtp_api_port)"
setsid dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$smtp_api_port" --smtpport="$smtp_port" --imapport=0 --pop3port=0 \
  --bindaddress=127.0.0.1 --db= --nousersettings --messagestokeep=5000 >"$smtp4dev_log" 2>&1 &
smtp4dev_pid=$!
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 120); do
  port_open "$smtp_port" && port_open "$smtp_api_port" && break
  if ! kill -0 "$smtp4dev_pid" 2>/dev/null; then
    echo "smtp4dev did not start:" >&2
    cat "$smtp4dev_log" >&2
    exit 1
  fi
  sleep 0.5
done
if ! port_open "$smtp_port" || ! port_open "$smtp_api_port"; then
  echo "smtp4dev did not listen within 60 s:" >&2
  cat "$smtp4dev_log" >&2
  exit 1
fi
export PORTAL_TEST_SMTP_PORT="$smtp_port"
export PORTAL_TEST_SMTP_API="http://127.0.0.1:$smtp_api_port"

# --- Every test ----------------------------------------------------------------------------
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PORTAL_TEST_OUTPUT="$out"
say "running the tests"
set +e
dotnet test Portal.sln -c Release --nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" \
  --results-directory "$out" 2>&1 | tee "$out/test.log"
status=${PIPESTATUS[0]}
set -e

passed=0
failed=0
for trx in "$out"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")))
  failed=$((failed + $(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test results: the build or the test host failed (see above)." >&2
  failed=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
