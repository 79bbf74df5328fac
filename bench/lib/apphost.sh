# Sourced by the benchmarks' run.sh: starts the AppHost (Release by default) on free ports with its data in
# .coursehub/<name>, waits for its ready line and sets API_URL, WEB_URL, PG_PORT, REDIS_ADDRESS and APPHOST_PID.
# The ready line names the Api's and the Web's URLs; the servers' ports are read from their own processes (the dashboard,
# which knows them all, wants a sign-in). The caller stops the AppHost with stop_apphost (e.g. in its EXIT trap).

APPHOST_PID=""

# start_apphost ROOT DATA_DIRECTORY DASHBOARD_PORT CONFIGURATION
start_apphost() {
  local root="$1" data="$2" dashboard_port="$3" configuration="$4" log ready pid
  echo "Building ($configuration) and starting the AppHost (data: ${data#"$root"/})…"
  dotnet build "$root/CourseHub.AppHost" -c "$configuration" -v q -nologo >/dev/null
  log="$(mktemp)"
  # What the launch profile sets when the AppHost starts through dotnet run: a plain-HTTP dashboard (no developer certificate needed).
  DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 1))" ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((dashboard_port + 2))" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  "$root/CourseHub.AppHost/bin/$configuration/net10.0/CourseHub.AppHost" --DataDirectory="$data" --DynamicPorts=true \
    --Dashboard:Port="$dashboard_port" >"$log" 2>&1 &
  APPHOST_PID=$!
  for _ in $(seq 1 300); do grep -q "CourseHub is ready" "$log" && break; sleep 1; done
  grep -q "CourseHub is ready" "$log" || { cat "$log"; echo "AppHost did not become healthy" >&2; return 1; }
  ready="$(grep -o 'CourseHub is ready.*' "$log")"
  API_URL="$(sed -E 's/.* api (http[^ ,]*).*/\1/' <<<"$ready")"
  WEB_URL="$(sed -E 's/.* web (http[^ ,]*).*/\1/' <<<"$ready")"
  PG_PORT="$(pgrep -a -f "postgres -D $data/postgres/data" | grep -o -E ' -p [0-9]+' | head -n 1 | tr -dc 0-9)"
  REDIS_ADDRESS=""
  for pid in $(pgrep -f redis-server); do
    if [[ "$(readlink "/proc/$pid/cwd")" == "$data/redis" ]]; then REDIS_ADDRESS="$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -o -E '127\.0\.0\.1:[0-9]+' | head -n 1)"; fi
  done
}

stop_apphost() {
  if [[ -n "$APPHOST_PID" ]]; then kill -TERM "$APPHOST_PID" 2>/dev/null || true; wait "$APPHOST_PID" 2>/dev/null || true; fi
}
