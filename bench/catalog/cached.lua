-- Repeated catalog queries (a small, fixed set: after the first round every one is a cache hit).
local queries = {
  "/api/courses", "/api/courses?q=python", "/api/courses?q=kubernetes", "/api/courses?q=machine%20learning",
  "/api/courses?q=design&price=free", "/api/courses?category=programming&sort=rating", "/api/courses?q=react&level=beginner",
  "/api/courses?q=%22data%20analysis%22", "/api/courses?q=guitar%20-piano", "/api/courses?sort=newest&page=2",
  "/api/courses?q=photography&sort=price_asc", "/api/courses?q=spanish%20or%20french", "/api/courses/suggest?q=pyt",
  "/api/courses/suggest?q=kube", "/api/courses?q=sql&minRating=4", "/api/courses?q=leadership&language=en",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
