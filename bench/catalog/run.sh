#!/usr/bin/env bash
# Catalog benchmark: loads N courses, then drives the catalog with wrk (64 connections). MODE=api (the default): GET
# /api/courses for a cached (repeated) and an uncached (distinct full-text) query mix. MODE=pages: the Web's HTML pages as
# an anonymous visitor (pages.lua: a repeated search, distinct searches, a course landing page) with /alive beside them.
# MODE=all: both. Prints requests/s, p50, p99 and writes them to bench/catalog/results/<timestamp>.json (one JSON line per
# scenario).
#
#   bench/catalog/run.sh                      # starts the AppHost (Release, data in .coursehub/bench), loads 50,000 courses
#   MODE=pages COUNT=0 bench/catalog/run.sh   # the pages only, on courses loaded by an earlier run
#   API_URL=http://127.0.0.1:5101 WEB_URL=http://127.0.0.1:5100 PG_CONNECTION="Host=…;Database=coursehub" REDIS=127.0.0.1:6379 bench/catalog/run.sh
#
# Settings (environment): MODE (api), COUNT (50000; 0 = load nothing), DURATION (20s), WARMUP (10s per scenario),
# CONNECTIONS (64), THREADS (2), CONFIGURATION (Release), LANDING_SLUG (kubernetes-for-developers, a demo course).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
COUNT="${COUNT:-50000}" DURATION="${DURATION:-20s}" CONNECTIONS="${CONNECTIONS:-64}" THREADS="${THREADS:-2}"
CONFIGURATION="${CONFIGURATION:-Release}" MODE="${MODE:-api}"
case "$MODE" in api|pages|all) ;; *) echo "MODE is api, pages or all" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }

source "$here/../lib/apphost.sh"
trap stop_apphost EXIT

if [[ -z "${API_URL:-}" ]]; then
  data="$root/.coursehub/bench"
  start_apphost "$root" "$data" "${DASHBOARD_PORT:-18899}" "$CONFIGURATION"
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$(cat "$data/postgres/password");Database=coursehub"
  REDIS="$REDIS_ADDRESS,password=$(cat "$data/redis/password")"
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
echo "{\"scenario\":\"setup\",\"mode\":\"$MODE\",\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"published_courses\":$published,\"connections\":$CONNECTIONS,\"threads\":$THREADS,\"duration\":\"$DURATION\",\"cores\":$(nproc)}" >"$out"

# Warm-up (not recorded): fills the cache for the repeated set, and lets every connection of the
# Api's search pool prepare its statements and PostgreSQL read the data into memory.
if [[ "$MODE" != pages ]]; then
  echo "Warming up…"
  for scenario in cached uncached; do
    BENCH_SCENARIO=warmup BENCH_OUT=/dev/null wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP:-10s}" -s "$here/$scenario.lua" "$API_URL" >/dev/null
  done
  for scenario in alive cached uncached; do
    echo "== $scenario: $CONNECTIONS connections, $DURATION"
    BENCH_SCENARIO="$scenario" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 5s -s "$here/$scenario.lua" "$API_URL" | tail -n 1
  done
fi

if [[ "$MODE" != api ]]; then
  : "${WEB_URL:?set WEB_URL for MODE=$MODE}"
  export THREADS LANDING_SLUG="${LANDING_SLUG:-kubernetes-for-developers}"
  pages() { # scenario name, PAGES_SCENARIO, target URL, extra environment…
    local name="$1" kind="$2" url="$3"; shift 3
    echo "== $name: $CONNECTIONS connections, $DURATION (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    env "$@" PAGES_SCENARIO="$kind" BENCH_SCENARIO="$name" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 5s -s "$here/pages.lua" "$url" | tail -n 1
  }
  echo "Warming up the pages…"
  for kind in repeated landing alive; do
    PAGES_SCENARIO="$kind" BENCH_SCENARIO=warmup BENCH_OUT=/dev/null wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP:-10s}" -s "$here/pages.lua" "$WEB_URL" >/dev/null
  done
  pages alive alive "$WEB_URL"
  pages page-repeated repeated "$WEB_URL"
  pages page-landing landing "$WEB_URL"
  # Distinct searches, each new to the Web and to the Api (the whole path: the Api's uncached search included).
  pages page-distinct distinct "$WEB_URL" PAGES_OFFSET=0
  # Distinct searches new to the Web whose answers the Api has cached (filled just before, not recorded): the Web's own share.
  PAGES_SCENARIO=distinct PAGES_PREFIX=/api PAGES_OFFSET=20000 BENCH_SCENARIO=warmup BENCH_OUT=/dev/null \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${API_FILL:-40s}" --timeout 5s -s "$here/pages.lua" "$API_URL" >/dev/null
  pages page-distinct-api-cached distinct "$WEB_URL" PAGES_OFFSET=20000
  pages alive-after alive "$WEB_URL"
fi
# The search index of the replica that answers (courses, lexemes, posting bytes), as the demo admin sees it.
if [[ -n "${data:-}" && -f "$data/demo-password" ]]; then
  token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"demo.admin@coursehub.test\",\"password\":\"$(cat "$data/demo-password")\"}" \
    "$API_URL/api/auth/login" | python3 -c "import json,sys; print(json.load(sys.stdin)['accessToken'])" || true)"
  if [[ -n "$token" ]]; then
    index="$(curl -fsS -H "Authorization: Bearer $token" "$API_URL/api/admin/catalog/search-index" || echo '{}')"
    echo "{\"scenario\":\"search-index\",\"status\":$index}" | tee -a "$out"
  fi
fi
# Memory of each Api replica of this checkout after the runs (resident set, as the kernel counts it).
for pid in $(pgrep -f "^$root/CourseHub.Api/bin/$CONFIGURATION/net10.0/CourseHub.Api" || true); do
  rss_kib="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
  echo "{\"scenario\":\"api-memory\",\"pid\":$pid,\"rss_mib\":$((rss_kib / 1024))}" | tee -a "$out"
done
echo "Results: ${out#$root/}"
