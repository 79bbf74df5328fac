-- One analytics route ($BENCH_PATH) with the admin's bearer token ($BENCH_TOKEN); done() as in bench/catalog/report.lua.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")
request = function() return wrk.format("GET", path) end
done = dofile(os.getenv("BENCH_DIR") .. "/../catalog/report.lua")
