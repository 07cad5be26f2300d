#!/usr/bin/env bash
# Starts the service the way the README says (`npm start`, no DATABASE_URL/TIPPERS_DB_URL):
# embedded PostgreSQL + demo campus. Checks /health and /spaces, stops it with SIGTERM,
# starts it again on the same data and checks that the second start is faster.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="$(mktemp -d /tmp/tippers-smoke-XXXXXX)"
chmod 755 "$DATA"
PORT="${SMOKE_PORT:-18000}"
LOG="$DATA/service.log"
trap 'kill -TERM "${PID:-0}" 2>/dev/null || true; sleep 2; rm -rf "$DATA"' EXIT

run_once() {
  local t0 t1
  t0=$(date +%s%N)
  env -u DATABASE_URL -u TIPPERS_DB_URL DATA_DIR="$DATA" PORT="$PORT" LOG_LEVEL=warn \
    node dist/src/main.js >>"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 900); do
    if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$PID" 2>/dev/null; then echo "service exited:"; tail -n 40 "$LOG"; exit 1; fi
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { echo "no healthy service within 90 s"; tail -n 40 "$LOG"; exit 1; }
  t1=$(date +%s%N)
  ELAPSED_MS=$(( (t1 - t0) / 1000000 ))
  local n
  n=$(curl -fsS "http://127.0.0.1:$PORT/spaces?limit=1000" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
  [ "$n" -ge 100 ] || { echo "expected the demo campus in /spaces, got $n spaces"; exit 1; }
  echo "healthy after ${ELAPSED_MS} ms; /spaces lists $n spaces"
  kill -TERM "$PID"
  wait "$PID" || { echo "service did not exit cleanly on SIGTERM"; tail -n 40 "$LOG"; exit 1; }
  if pgrep -f "postgres -D $DATA/pg" >/dev/null; then echo "embedded PostgreSQL still running after stop"; exit 1; fi
}

npm run -s build
run_once
FIRST=$ELAPSED_MS
run_once
SECOND=$ELAPSED_MS
echo "first start ${FIRST} ms, second start ${SECOND} ms"
[ "$SECOND" -lt "$FIRST" ] || { echo "the second start (kept data) should be faster than the first"; exit 1; }
