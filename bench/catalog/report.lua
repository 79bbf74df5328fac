-- wrk's done(): print requests/s, p50 and p99 (ms) and append them as one JSON line to $BENCH_OUT.
return function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local rps = summary.requests / seconds
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
  local line = string.format('{"scenario":"%s","requests":%d,"seconds":%.1f,"rps":%.0f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d}',
    os.getenv("BENCH_SCENARIO") or "?", summary.requests, seconds, rps, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors)
  print(line)
  local out = os.getenv("BENCH_OUT")
  if out then
    local f = io.open(out, "a")
    f:write(line .. "\n")
    f:close()
  end
end
