#!/usr/bin/env bash
# Catalog search benchmark: loads N courses, then drives GET /api/courses with wrk (64 connections)
# for a cached (repeated) and an uncached (distinct full-text) query mix. Prints requests/s, p50, p99
# and writes them to bench/catalog/results/<timestamp>.json (one JSON line per scenario).
#
#   bench/catalog/run.sh                      # starts the AppHost (Release, data in .coursehub/bench), loads 50,000 courses
#   API_URL=http://127.0.0.1:5101 PG_CONNECTION="Host=…;Database=coursehub" REDIS=127.0.0.1:6379 bench/catalog/run.sh
#
# Settings (environment): COUNT (50000; 0 = load nothing), DURATION (20s), WARMUP (10s per scenario), CONNECTIONS (64), THREADS (2),
# CONFIGURATION (Release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
COUNT="${COUNT:-50000}" DURATION="${DURATION:-20s}" CONNECTIONS="${CONNECTIONS:-64}" THREADS="${THREADS:-2}"
CONFIGURATION="${CONFIGURATION:-Release}"
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }

apphost_pid=""
cleanup() { if [[ -n "$apphost_pid" ]]; then kill -TERM "$apphost_pid" 2>/dev/null || true; wait "$apphost_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [[ -z "${API_URL:-}" ]]; then
  data="$root/.coursehub/bench"
  dashboard_port="${DASHBOARD_PORT:-18899}"
  echo "Building ($CONFIGURATION) and starting the AppHost (data: .coursehub/bench)…"
  dotnet build "$root/CourseHub.AppHost" -c "$CONFIGURATION" -v q -nologo >/dev/null
  log="$(mktemp)"
  # What the launch profile sets when the AppHost starts through dotnet run: a plain-HTTP dashboard (no developer certificate needed).
  DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 1))" ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 2))" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  "$root/CourseHub.AppHost/bin/$CONFIGURATION/net10.0/CourseHub.AppHost" --DataDirectory="$data" --DynamicPorts=true \
    --Dashboard:Port="$dashboard_port" >"$log" 2>&1 &
  apphost_pid=$!
  for _ in $(seq 1 300); do grep -q "CourseHub is ready" "$log" && break; sleep 1; done
  grep -q "CourseHub is ready" "$log" || { cat "$log"; echo "AppHost did not become healthy" >&2; exit 1; }
  resources="$(curl -fsS "http://127.0.0.1:$dashboard_port/api/resources")"
  url_of() { python3 -c "import json,sys; r={x['name']:x for x in json.load(sys.stdin)}; print(r['$1']['urls'][0]['url'])" <<<"$resources"; }
  API_URL="$(url_of api)"
  pg="$(url_of postgres)"; pg="${pg#tcp://}"
  PG_CONNECTION="Host=${pg%:*};Port=${pg##*:};Username=postgres;Password=$(cat "$data/postgres/password");Database=coursehub"
  redis="$(url_of redis)"; REDIS="${redis#tcp://},password=$(cat "$data/redis/password")"
fi

if [[ "$COUNT" -gt 0 ]]; then
  : "${PG_CONNECTION:?set PG_CONNECTION to load courses (or COUNT=0)}"
  echo "Loading $COUNT courses…"
  dotnet run --project "$root/eng/CatalogGenerator" -c "$CONFIGURATION" -- --connection "$PG_CONNECTION" --count "$COUNT" ${REDIS:+--redis "$REDIS"}
fi

published="$(curl -fsS "$API_URL/api/courses?pageSize=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])")"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp.json"
mkdir -p "$here/results"
export BENCH_DIR="$here" BENCH_OUT="$out"
echo "{\"scenario\":\"setup\",\"published_courses\":$published,\"connections\":$CONNECTIONS,\"threads\":$THREADS,\"duration\":\"$DURATION\",\"cores\":$(nproc)}" >"$out"

# Warm-up (not recorded): fills the cache for the repeated set, and lets every connection of the
# Api's search pool prepare its statements and PostgreSQL read the data into memory.
echo "Warming up…"
for scenario in cached uncached; do
  BENCH_SCENARIO=warmup BENCH_OUT=/dev/null wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP:-10s}" -s "$here/$scenario.lua" "$API_URL" >/dev/null
done
for scenario in alive cached uncached; do
  echo "== $scenario: $CONNECTIONS connections, $DURATION"
  BENCH_SCENARIO="$scenario" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 5s -s "$here/$scenario.lua" "$API_URL" | tail -n 1
done
# Memory of each Api replica of this checkout after the runs (resident set, as the kernel counts it).
for pid in $(pgrep -f "^$root/CourseHub.Api/bin/$CONFIGURATION/net10.0/CourseHub.Api" || true); do
  rss_kib="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
  echo "{\"scenario\":\"api-memory\",\"pid\":$pid,\"rss_mib\":$((rss_kib / 1024))}" | tee -a "$out"
done
echo "Results: ${out#$root/}"
