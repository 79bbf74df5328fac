-- The baseline: the Api's trivial liveness endpoint, measured in the same run as the searches.
request = function()
  return wrk.format("GET", "/alive")
end
done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
