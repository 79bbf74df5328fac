-- Distinct full-text queries: a rotating mix of topic words, pairs, phrases, exclusions, common words and filters.
-- Each request also carries a never-repeating maxPrice above every price (no effect on the result),
-- so every request misses the cache and runs the full search (items, total and three facets).
local words = dofile(os.getenv("BENCH_DIR") .. "/words.lua")
-- Common words that match thousands of courses (title templates such as "The Complete … Course").
local common = { "learning", "course", "complete", "practical", "mastering", "beginners" }
local filters = { "", "&price=free", "&level=beginner", "&sort=popular", "&minRating=4", "&category=programming", "&sort=newest", "&language=en" }
local counter = 0
setup = function(thread)
  thread:set("tid", math.random(1, 1000000))
end
request = function()
  counter = counter + 1
  local a = words[math.random(#words)]
  local q
  local shape = counter % 6
  if shape == 0 then q = a
  elseif shape == 1 then q = a .. "%20" .. words[math.random(#words)]
  elseif shape == 2 then q = a .. "%20or%20" .. words[math.random(#words)]
  elseif shape == 3 then q = a .. "%20-" .. words[math.random(#words)]
  elseif shape == 4 then q = "%22" .. a .. "%20for%22"
  else q = common[math.random(#common)] end
  local sentinel = 100000000 - (((tid or 0) * 100000 + counter) % 90000000)
  return wrk.format("GET", "/api/courses?q=" .. q .. filters[math.random(#filters)] .. "&maxPrice=" .. sentinel)
end
done = dofile(os.getenv("BENCH_DIR") .. "/report.lua")
