#!/usr/bin/env bash
# Chat benchmark (issue #15): C connections as C/2 student–teacher pairs on /hubs/chat, both ends sending 100-byte messages
# open-loop, delivery latency at the other end, delivered/sent, duplicates, errors, every acknowledged message counted in
# PostgreSQL, and the Realtime processes' CPU and RSS. Starts the system from a Release build (data in
# .coursehub/bench-realtime, free ports) once with one Realtime replica and once with two. See README.md.
#
#   bench/realtime/run.sh                        # every scenario: about 6 minutes on 2 cores
#   SCENARIOS="2k split" DURATION=20 bench/realtime/run.sh
#
# Settings (environment): SCENARIOS ("idle 2k sweep 10k split"; sweep: 2,000 connections at each of SWEEP_RATES, "250 500 1000"
# msg/s, to find what one replica sustains), RATE (2000 msg/s), WARMUP (10 s), DURATION (30 s),
# IDLE_CONNECTIONS (19000), IDLE_HOLD (20 s), TELEMETRY (on; off sets OTEL_SDK_DISABLED for every service, to see what
# exporting traces, metrics and logs to the dashboard costs), CONFIGURATION (Release). The whole run holds .coursehub/bench.lock.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# Benchmarks of this checkout take turns: the run as a whole holds a lock beside the benchmarks' data.
if [[ -z "${BENCH_LOCK_HELD:-}" ]]; then
  mkdir -p "$root/.coursehub"
  BENCH_LOCK_HELD=1 exec flock "$root/.coursehub/bench.lock" "$0" "$@"
fi
SCENARIOS="${SCENARIOS:-idle 2k sweep 10k split}" SWEEP_RATES="${SWEEP_RATES:-250 500 1000}" RATE="${RATE:-2000}" WARMUP="${WARMUP:-10}" DURATION="${DURATION:-30}"
IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-19000}" IDLE_HOLD="${IDLE_HOLD:-20}" CONFIGURATION="${CONFIGURATION:-Release}"
# The services inherit the AppHost's environment; OpenTelemetry's SDK honours OTEL_SDK_DISABLED.
if [[ "${TELEMETRY:-on}" == off ]]; then export OTEL_SDK_DISABLED=true; fi
command -v openssl >/dev/null || { echo "openssl is missing: sudo apt-get install -y openssl" >&2; exit 1; }
# The load client holds up to 19,000 sockets itself.
ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d)"
apphost_pid=""
stop_apphost() {
  if [[ -n "$apphost_pid" ]]; then kill -TERM "$apphost_pid" 2>/dev/null || true; wait "$apphost_pid" 2>/dev/null || true; apphost_pid=""; fi
}
cleanup() { stop_apphost; rm -rf "$work"; }
trap cleanup EXIT

# A throw-away token-signing key for this run only: the bench's Api signs with it (Auth:SigningKey) and publishes it in
# its JWKS as usual, and the load client signs its pairs' tokens with it, so Realtime validates them the real way.
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt >"$work/signing-key.pem"
chmod 600 "$work/signing-key.pem"

echo "Building ($CONFIGURATION)…"
dotnet build "$root/CourseHub.AppHost" -c "$CONFIGURATION" -v q -nologo >/dev/null
dotnet build "$here/LoadClient" -c "$CONFIGURATION" -v q -nologo >/dev/null
client="$here/LoadClient/bin/$CONFIGURATION/net10.0/LoadClient.dll"

start_apphost() { # $1: Realtime replicas
  local dashboard_port="${DASHBOARD_PORT:-18890}" log="$work/apphost-$1.log"
  : >"$log"
  echo "Starting the AppHost with $1 Realtime replica(s) (data: .coursehub/bench-realtime)…"
  # What the launch profile sets when the AppHost starts through dotnet run: a plain-HTTP dashboard (no developer certificate needed).
  DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 1))" ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 2))" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  "$root/CourseHub.AppHost/bin/$CONFIGURATION/net10.0/CourseHub.AppHost" --DataDirectory="$root/.coursehub/bench-realtime" --DynamicPorts=true \
    --Dashboard:Port="$dashboard_port" --Replicas:realtime="$1" "--Auth:SigningKey=$(cat "$work/signing-key.pem")" >"$log" 2>&1 &
  apphost_pid=$!
  for _ in $(seq 1 300); do grep -q "CourseHub is ready" "$log" && break; sleep 1; done
  grep -q "CourseHub is ready" "$log" || { cat "$log"; echo "AppHost did not become healthy" >&2; exit 1; }
  sleep 20 # let the services' start-up work (migrations, seeds, first telemetry) finish before measuring
}

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp.json"
mkdir -p "$here/results"
scenario() { # name, then load-client arguments
  local name="$1"; shift
  echo "== $name (load average before: $(uptime | sed 's/.*load average: //'))"
  dotnet "$client" --apphost-pid "$apphost_pid" --signing-key "$work/signing-key.pem" --scenario "$name" --out "$out" "$@"
}
wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }

if wants 2k || wants sweep || wants 10k || wants idle; then
  start_apphost 1
  # Idle first, while the process's heap holds no other scenario's leftovers.
  if wants idle; then scenario idle --connections "$IDLE_CONNECTIONS" --rate 0 --duration "$IDLE_HOLD"; fi
  if wants 2k; then scenario 2k --connections 2000 --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION"; fi
  if wants sweep; then
    for rate in $SWEEP_RATES; do scenario "2k@$rate" --connections 2000 --rate "$rate" --warmup 5 --duration 15; done
  fi
  if wants 10k; then scenario 10k --connections 10000 --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION"; fi
  stop_apphost
fi
if wants split; then
  start_apphost 2
  scenario split --connections 2000 --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" --split true
  stop_apphost
fi
echo "Results: ${out#$root/}"
