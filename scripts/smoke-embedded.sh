#!/usr/bin/env bash
# The README's first command exactly as a newcomer runs it: a fresh clone under a directory of
# mode 0700 in the user's home, `npm ci && npm start`, default DATA_DIR and port, no variables
# of ours set, no permission changed. Run as root, it does so as root and then as an ordinary
# user with a 0700 home (created if missing: tippers-smoke). Each time it checks the README's
# curl examples, a clean stop on Ctrl-C (SIGINT to the process group), and a second start on
# the same data (the cluster and the dataset are kept). Asserts outcomes, never speeds.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PORT=8000 # the README's
URL="http://127.0.0.1:$PORT"
SHARED=/var/lib/tippers-services
ORDINARY_USER=tippers-smoke
BUNDLE="$(mktemp /tmp/tippers-smoke-XXXXXX.bundle)"
git -C "$REPO" bundle create "$BUNDLE" HEAD >/dev/null 2>&1
chmod 644 "$BUNDLE"
PARENT=""
CLUSTER=""
PGID=""
LOG=""

fail() {
  echo "SMOKE FAILED: $*"
  if [ -n "$LOG" ] && [ -f "$LOG" ]; then tail -n 40 "$LOG"; fi
  exit 1
}

cleanup() {
  if [ -n "$PGID" ]; then kill -TERM -- "-$PGID" 2>/dev/null || true; sleep 2; fi
  if [ -n "$CLUSTER" ]; then
    pkill -INT -f -- "-D $CLUSTER" 2>/dev/null || true
    sleep 1
    case "$CLUSTER" in "$SHARED"/clusters/*) rm -rf "$(dirname "$CLUSTER")" ;; esac
  fi
  if [ -n "$PARENT" ]; then rm -rf "$PARENT"; fi
  PGID=""
  CLUSTER=""
  PARENT=""
}
trap 'cleanup; rm -f "$BUNDLE"' EXIT

# runs "$2" with bash as user $1 in its own session (a new process group), env as on a login
# without any of our variables; prints the session's pid
start_session() {
  local user="$1" script="$2" home
  home="$(getent passwd "$user" | cut -d: -f6)"
  local envs=(env -i "HOME=$home" "USER=$user" "PATH=/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8")
  if [ "$user" = "$(id -un)" ]; then
    setsid "${envs[@]}" bash -c "$script" >>"$LOG" 2>&1 </dev/null &
  else
    setsid runuser -u "$user" -- "${envs[@]}" bash -c "$script" >>"$LOG" 2>&1 </dev/null &
  fi
  PGID=$!
}

wait_healthy() {
  for _ in $(seq 1 900); do
    if curl -fsS "$URL/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$PGID" 2>/dev/null || fail "the service exited before it was healthy"
    sleep 1
  done
  fail "no healthy service within 15 minutes"
}

# Ctrl-C as a terminal sends it: SIGINT to the whole process group; everything must stop
stop_session() {
  kill -INT -- "-$PGID" 2>/dev/null || true
  for _ in $(seq 1 60); do
    if ! kill -0 "$PGID" 2>/dev/null && ! pgrep -f -- "-D $CLUSTER" >/dev/null; then break; fi
    sleep 1
  done
  ! kill -0 "$PGID" 2>/dev/null || fail "npm start did not exit within 60 s of Ctrl-C"
  ! pgrep -f -- "-D $CLUSTER" >/dev/null || fail "the embedded PostgreSQL still runs after the stop"
  grep -q 'SIGINT received: shutting down' "$LOG" || fail "the service did not shut down on SIGINT"
  PGID=""
}

smoke_as() {
  local user="$1" home dir started
  home="$(getent passwd "$user" | cut -d: -f6)"
  echo "--- as $user (home $home, mode $(stat -c %a "$home"))"
  if curl -s -o /dev/null "$URL/"; then fail "port $PORT is taken: the README's command needs it"; fi
  if [ "$user" = "$(id -un)" ]; then
    PARENT="$(mktemp -d "$home/tippers-smoke-XXXXXX")"
  else
    PARENT="$(runuser -u "$user" -- mktemp -d "$home/tippers-smoke-XXXXXX")"
  fi
  [ "$(stat -c %a "$PARENT")" = 700 ] || fail "$PARENT is not mode 0700"
  dir="$PARENT/tippers"
  LOG="$(mktemp /tmp/tippers-smoke-log-XXXXXX)"
  chmod 666 "$LOG"

  started=$(date +%s)
  start_session "$user" "git clone -q '$BUNDLE' '$dir' && cd '$dir' && npm ci && npm start"
  wait_healthy
  echo "healthy $(($(date +%s) - started)) s after git clone (npm ci, build and first start)"
  CLUSTER="$(readlink -f "$dir/data/pg")"
  [ -f "$CLUSTER/PG_VERSION" ] || fail "no cluster at $dir/data/pg"
  echo "embedded cluster: $CLUSTER"

  # the README's examples
  curl -fsS "$URL/health" | grep -q '"status":"ok"' || fail "/health is not ok"
  # the dashboard: / leads to it, its page and its script load
  [ "$(curl -s -o /dev/null -w '%{redirect_url}' "$URL/")" = "$URL/admin/" ] || fail "/ does not redirect to /admin/"
  local page script
  page="$(curl -fsS "$URL/admin/spaces")" || fail "/admin/spaces did not load"
  script="$(printf '%s' "$page" | grep -o '/admin/assets/[^"]*\.js' || true)"
  script="${script%%$'\n'*}"
  [ -n "$script" ] || fail "/admin/spaces is not the dashboard's page"
  curl -fsS -o /dev/null "$URL$script" || fail "the dashboard's script $script does not load"
  echo "dashboard served at $URL/admin/ ($script)"
  local floors
  floors="$(curl -fsS "$URL/spaces?search=floor" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')"
  [ "$floors" -gt 0 ] || fail "/spaces?search=floor found no floor of the demo campus"
  # the README's POST, as written there (dataset 1 of a fresh clone)
  curl -fsS -XPOST "$URL/occupancy/datasets" -H 'content-type: application/json' \
    -d '{"name": "demo", "root_space_id": 1, "chunk_days": 1}' >/dev/null || fail "the README's POST failed"
  local id=1
  local csv=""
  for _ in $(seq 1 600); do
    csv="$(curl -fsS "$URL/occupancy/datasets/$id/results?format=csv")" || fail "results failed"
    case "$csv" in interval_begin_time,number_connections*) break ;; esac
    sleep 1
  done
  case "$csv" in
    interval_begin_time,number_connections*) ;;
    *) fail "dataset $id not COMPLETED within 10 minutes: $csv" ;;
  esac
  echo "dataset $id: $(($(echo "$csv" | wc -l) - 1)) CSV rows"

  # the README's concept walk-through: the demo concept is set up and materialized
  local stats=""
  for _ in $(seq 1 300); do
    stats="$(curl -fsS "$URL/concepts/1/catalog/stats")" || stats=""
    # every SQL asset (index, rules, features) built; LFs and jobs are listed too but not built
    if curl -fsS "$URL/concepts/1/catalog" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s).assets.filter(x=>["index","rule","feature"].includes(x.asset_type));process.exit(a.length>=10&&a.every(x=>x.materialized_at)?0:1)})' 2>/dev/null; then break; fi
    stats=""
    sleep 1
  done
  [ -n "$stats" ] || fail "the demo concept was not materialized within 5 minutes: $(curl -s "$URL/concepts/1/catalog")"
  curl -fsS "$URL/concepts/1/values/tree" | grep -q '"fixture"' || fail "the demo concept has no values"
  curl -fsS "$URL/concepts/1/rules/3/preview?limit=5" | grep -q '"source":"materialized"' || fail "rule 3 does not preview from Parquet"
  curl -fsS -XPOST "$URL/concepts/1/rules" -H 'content-type: application/json' -d '{
  "name": "evening share", "index_id": 1, "index_column": "mac_address",
  "sql_query": "SELECT mac_address, avg(CASE WHEN extract(hour FROM start_time) BETWEEN 17 AND 21 THEN 1.0 ELSE 0.0 END)::float8 AS evening_share FROM user_ap_trajectory WHERE mac_address IN :index_values GROUP BY mac_address"}' \
    | grep -q '"r_id":7' || fail "the README's rule POST did not create rule 7"
  curl -fsS -XPOST "$URL/concepts/1/rules/7/materialize" | grep -q '"run_id"' || fail "materialize failed"
  local rule=""
  for _ in $(seq 1 120); do
    rule="$(curl -fsS "$URL/concepts/1/rules/7")"
    case "$rule" in *'"status":"SUCCESS"'*) break ;; esac
    sleep 1
  done
  case "$rule" in *'"status":"SUCCESS"'*) ;; *) fail "rule 7 was not materialized: $rule" ;; esac
  echo "demo concept: $stats"
  # its labeling functions and Snorkel job (README)
  curl -fsS -XPOST "$URL/concepts/1/labeling-functions/5/test" -H 'content-type: application/json' -d '{"limit": 5}' \
    | grep -q '"rows_tested":5' || fail "LF 5 could not be tested"
  local job=""
  for _ in $(seq 1 300); do
    job="$(curl -fsS "$URL/concepts/1/snorkel/jobs/1")" || job=""
    case "$job" in *'"status":"SUCCESS"'*|*'"status":"FAILURE"'*|*'"status":"CANCELED"'*) break ;; esac
    sleep 1
  done
  case "$job" in *'"status":"SUCCESS"'*) ;; *) fail "the demo Snorkel job did not succeed: $job" ;; esac
  curl -fsS "$URL/concepts/1/snorkel/jobs/1/results" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const g=JSON.parse(s).results.gold;console.log(`demo Snorkel job: accuracy ${g.accuracy} (majority vote ${g.majority_vote_accuracy}) on ${g.rows} devices`);process.exit(g.accuracy>=g.majority_vote_accuracy?0:1)})' \
    || fail "the demo Snorkel job's results are missing or below majority vote"
  # the classifier job on its labels, the registered model and its prediction of every device
  local cjob=""
  for _ in $(seq 1 300); do
    cjob="$(curl -fsS "$URL/concepts/1/classifiers/jobs/1")" || cjob=""
    case "$cjob" in *'"status":"SUCCESS"'*|*'"status":"FAILURE"'*|*'"status":"CANCELED"'*) break ;; esac
    sleep 1
  done
  case "$cjob" in *'"status":"SUCCESS"'*) ;; *) fail "the demo classifier job did not succeed: $cjob" ;; esac
  curl -fsS "$URL/concepts/1/classifiers/jobs/1/results" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).results;const b=r.families.find(f=>f.family===r.best);console.log(`demo classifier job: best ${r.best}, held-out accuracy ${b.metrics.accuracy}, gold accuracy ${b.gold_accuracy}`);process.exit(r.prediction_id===1?0:1)})' \
    || fail "the demo classifier job's results are missing"
  curl -fsS "$URL/models/1" | grep -q '"latest_version":1' || fail "the demo model was not registered"
  local pred=""
  for _ in $(seq 1 120); do
    pred="$(curl -fsS "$URL/models/1/predictions/1")" || pred=""
    case "$pred" in *'"status":"SUCCESS"'*|*'"status":"FAILURE"'*) break ;; esac
    sleep 1
  done
  case "$pred" in *'"status":"SUCCESS"'*) ;; *) fail "the demo prediction did not succeed: $pred" ;; esac
  local predicted
  predicted="$(curl -fsS "$URL/models/1/predictions/1/download?format=csv")" || fail "the demo prediction CSV did not download"
  case "$predicted" in
    mac_address,label,cv_id,confidence*) ;;
    *) fail "the demo prediction CSV has no header: $(printf '%s' "$predicted" | head -c 200)" ;;
  esac
  echo "demo prediction: $(($(printf '%s\n' "$predicted" | wc -l) - 1)) devices"

  stop_session
  echo "stopped cleanly on Ctrl-C"

  # a second start on the same data: no new cluster, the dataset is still there
  : >"$LOG"
  start_session "$user" "cd '$dir' && npm start"
  wait_healthy
  ! grep -q 'initialising embedded PostgreSQL cluster' "$LOG" || fail "the second start made a new cluster"
  curl -fsS "$URL/occupancy/datasets/$id" | grep -q '"status":"COMPLETED"' || fail "dataset $id was not kept"
  stop_session
  echo "second start kept the cluster and dataset $id, and stopped cleanly"
  cleanup
  rm -f "$LOG"
  LOG=""
}

if [ "$(id -u)" = 0 ]; then
  # a newcomer's machine has no copy of the binaries yet (unless something runs from it)
  if ! pgrep -f -- "$SHARED/embedded-postgres/" >/dev/null; then rm -rf "$SHARED/embedded-postgres"; fi
  smoke_as root
  if ! id "$ORDINARY_USER" >/dev/null 2>&1; then useradd -m -s /bin/bash "$ORDINARY_USER"; fi
  chmod 700 "$(getent passwd "$ORDINARY_USER" | cut -d: -f6)"
  smoke_as "$ORDINARY_USER"
else
  smoke_as "$(id -un)"
fi
echo "smoke passed"
