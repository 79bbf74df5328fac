#!/usr/bin/env bash
# Analytics benchmark: a year of generated activity loaded with COPY, then every admin analytics route measured with
# 16 concurrent admins (wrk), the full roll-up rebuild and the one-day incremental step timed. See README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
COURSES="${COURSES:-2000}" USERS="${USERS:-20000}" ORDERS="${ORDERS:-100000}"
if [[ "${SCALE:-}" == "issue" ]]; then COURSES=50000 USERS=100000 ORDERS=1000000; fi
DURATION="${DURATION:-10s}" CONNECTIONS="${CONNECTIONS:-16}" THREADS="${THREADS:-2}" CONFIGURATION="${CONFIGURATION:-Release}"
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: sudo apt-get install -y postgresql-client" >&2; exit 1; }

source "$here/../lib/apphost.sh"
trap stop_apphost EXIT

if [[ -z "${API_URL:-}" ]]; then
  data="$root/.coursehub/bench-analytics"
  start_apphost "$root" "$data" "${DASHBOARD_PORT:-18898}" "$CONFIGURATION"
  PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGPASSWORD="$(cat "$data/postgres/password")" PGDATABASE=coursehub
  export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
  PG_CONNECTION="Host=$PGHOST;Port=$PGPORT;Username=postgres;Password=$PGPASSWORD;Database=coursehub"
  REDIS="$REDIS_ADDRESS,password=$(cat "$data/redis/password")"
  ADMIN_EMAIL="${ADMIN_EMAIL:-demo.admin@coursehub.test}" ADMIN_PASSWORD="${ADMIN_PASSWORD:-$(cat "$data/demo-password")}"
fi
: "${PGHOST:?set PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE (and PG_CONNECTION) for a running system}"
: "${ADMIN_EMAIL:?set ADMIN_EMAIL and ADMIN_PASSWORD}" "${ADMIN_PASSWORD:?}"

if [[ "${LOAD:-1}" == 1 ]]; then
  echo "Loading $COURSES courses (eng/CatalogGenerator)…"
  dotnet run --project "$root/eng/CatalogGenerator" -c "$CONFIGURATION" -- --connection "$PG_CONNECTION" --count "$COURSES" ${REDIS:+--redis "$REDIS"}
  courses="$(mktemp)"
  psql -qAt -F, -c "SELECT id, teacher_id FROM courses WHERE status = 'Published' ORDER BY id" >"$courses"
  echo "Loading $USERS users and $ORDERS orders and enrollments over 365 days (COPY)…"
  started=$(date +%s)
  python3 "$here/generate.py" users --users "$USERS" --orders "$ORDERS" --courses-file "$courses" | psql -q -c "\copy users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name, time_zone, created_at) FROM STDIN WITH (FORMAT csv)"
  python3 "$here/generate.py" orders --users "$USERS" --orders "$ORDERS" --courses-file "$courses" | psql -q -c "\copy orders (id, buyer_id, course_id, teacher_id, amount_minor, currency, platform_fee_minor, status, created_at, paid_at, refunded_at, refunded_minor, refund_requested_at) FROM STDIN WITH (FORMAT csv)"
  python3 "$here/generate.py" enrollments --users "$USERS" --orders "$ORDERS" --courses-file "$courses" | psql -q -c "\copy enrollments (id, user_id, course_id, order_id, enrolled_at, revoked_at, completed_at) FROM STDIN WITH (FORMAT csv)"
  psql -q -c "VACUUM (ANALYZE) users, orders, enrollments"
  echo "Loaded in $(( $(date +%s) - started )) s"
fi

token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" "$API_URL/api/auth/login" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['accessToken'])")"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp.json"
mkdir -p "$here/results"
counts="$(psql -qAt -F, -c "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM courses), (SELECT count(*) FROM orders), (SELECT count(*) FROM enrollments)")"
IFS=, read -r n_users n_courses n_orders n_enrollments <<<"$counts"
echo "{\"scenario\":\"setup\",\"users\":$n_users,\"courses\":$n_courses,\"orders\":$n_orders,\"enrollments\":$n_enrollments,\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"connections\":$CONNECTIONS,\"duration\":\"$DURATION\",\"cores\":$(nproc)}" | tee "$out"

rebuild() { curl -fsS -X POST -H "Authorization: Bearer $token" "$API_URL/api/admin/analytics/rebuild$1"; }
echo "== full rebuild"
full="$(rebuild "")"; echo "{\"scenario\":\"rebuild-full\",\"result\":$full}" | tee -a "$out"
yesterday="$(date -u -d yesterday +%Y-%m-%d)"
echo "== incremental: one day"
one="$(rebuild "?from=$yesterday")"; echo "{\"scenario\":\"rebuild-one-day\",\"result\":$one}" | tee -a "$out"

export BENCH_DIR="$here" BENCH_OUT="$out" BENCH_TOKEN="$token"
for route in "summary" "revenue?interval=month" "revenue?interval=year" "users?interval=day&days=28" "enrollments?interval=month&months=12" \
  "sessions?interval=week" "top-courses?by=revenue" "top-courses?by=enrollments" "summary?from=$(date -u -d '365 days ago' +%Y-%m-%d)"; do
  BENCH_PATH="/api/admin/analytics/$route" BENCH_SCENARIO=warmup BENCH_OUT=/dev/null wrk -t "$THREADS" -c "$CONNECTIONS" -d 3s -s "$here/endpoint.lua" "$API_URL" >/dev/null
  echo "== $route: $CONNECTIONS connections, $DURATION (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_PATH="/api/admin/analytics/$route" BENCH_SCENARIO="$route" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 5s -s "$here/endpoint.lua" "$API_URL" | tail -n 1
done
echo "Results: ${out#$root/}"
