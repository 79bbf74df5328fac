-- The Web's HTML pages as an anonymous visitor (no cookies), one scenario per run of wrk (PAGES_SCENARIO):
--   repeated  GET /courses?q=python, again and again;
--   distinct  GET /courses?q=<a> <b>&<filter>&sort=<sort>: a new word pair, filter and sort on every request
--             (260,100 combinations in a fixed order, so no run of 20 s at this machine's speed repeats one);
--   landing   GET /courses/<LANDING_SLUG>, a course's landing page, again and again;
--   alive     GET /alive, the trivial endpoint beside them.
-- With PAGES_PREFIX=/api the distinct mix asks the Api the same searches the Web's page asks (pageSize=10, the
-- Web's parameter order): run.sh uses it to fill the Api's cache first, so the Web's own share can be measured.
local words = dofile(os.getenv("BENCH_DIR") .. "/words.lua")
-- Common words that match thousands of courses, too.
for _, common in ipairs({ "course", "design", "data", "business", "music" }) do table.insert(words, common) end
local filters = { "", "&price=free", "&level=beginner", "&minRating=4", "&category=programming", "&language=en" }
local sorts = { "relevance", "popular", "rating", "newest", "price_asc", "price_desc" }
local scenario = os.getenv("PAGES_SCENARIO") or "repeated"
local prefix = os.getenv("PAGES_PREFIX") or ""
-- PAGES_OFFSET starts the distinct mix further along, at combinations no earlier scenario of the run asked for.
local offset = tonumber(os.getenv("PAGES_OFFSET") or "0")
local landing = "/courses/" .. (os.getenv("LANDING_SLUG") or "kubernetes-for-developers")

local thread_count = tonumber(os.getenv("THREADS") or "2")
local threads = 0
setup = function(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local counter = 0
local function distinct()
  -- Thread t of n takes combinations t, t + n, t + 2n, …: the threads never ask the same one.
  local i = offset + counter * thread_count + (thread_index or 0)
  counter = counter + 1
  local a = words[(i % #words) + 1]
  local b = words[(math.floor(i / #words) % #words) + 1]
  local rest = math.floor(i / (#words * #words))
  local filter = filters[(rest % #filters) + 1]
  local sort = sorts[(math.floor(rest / #filters) % #sorts) + 1]
  -- The Web asks the Api with its own parameters in this order (CatalogPage.razor).
  local tail = prefix == "/api" and "&pageSize=10" or ""
  return wrk.format("GET", prefix .. "/courses?q=" .. a .. "%20" .. b .. filter .. "&sort=" .. sort .. tail)
end

request = function()
  if scenario == "distinct" then return distinct() end
  if scenario == "landing" then return wrk.format("GET", landing) end
  if scenario == "alive" then return wrk.format("GET", "/alive") end
  return wrk.format("GET", "/courses?q=python")
end

done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
