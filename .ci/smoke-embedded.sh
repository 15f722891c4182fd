#!/usr/bin/env bash
# Boots `node dist/src/main.js` with no DATABASE_URL (embedded PostgreSQL), then checks
# health, a keyed request, and that SIGTERM shuts everything down cleanly.
set -euo pipefail
work="$(mktemp -d)"
chmod 755 "$work"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
key="pai_ci_smoke_$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')"
log="$work/server.log"

env -u DATABASE_URL -u TEST_DATABASE_URL DATA_DIR="$work/data" PORT="$port" HOST=127.0.0.1 \
  EMBEDDED_PG_PORT=0 BOOTSTRAP_ADMIN_KEY="$key" node dist/src/main.js >"$log" 2>&1 &
pid=$!
cleanup() { kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start=$(date +%s%N)
for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "server died"; exit 1; fi
  sleep 0.1
done
echo "healthy after $(( ($(date +%s%N) - start) / 1000000 )) ms (first start, initdb included)"
curl -fsS "http://127.0.0.1:$port/api/v1/health"; echo

status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/admin/api-keys")
[ "$status" = 200 ] || { echo "keyed request answered $status"; cat "$log"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/admin/api-keys")
[ "$status" = 401 ] || { echo "unkeyed request answered $status"; exit 1; }
echo "keyed request 200, unkeyed 401"

if grep -q "$key" "$log"; then echo "the admin key appeared in the log"; exit 1; fi

kill -TERM "$pid"
code=0; wait "$pid" || code=$?
[ "$code" = 0 ] || { echo "server exited $code on SIGTERM"; cat "$log"; exit 1; }
if [ -f "$work/data/postgres/postmaster.pid" ]; then echo "PostgreSQL still running after shutdown"; exit 1; fi
echo "clean shutdown: exit 0, PostgreSQL stopped"
