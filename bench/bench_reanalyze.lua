-- bench/bench_reanalyze.lua — c:reanalyze() (akhbar.reanalyze): the news,
-- entity and story analysis run again over articles already stored,
-- against importing the same articles as the baseline (the same analysis
-- plus parsing, hashing and indexing).
--
--   lua5.4 bench/bench_reanalyze.lua [corpus.jsonl.gz] [articles (2000)] [batch (200)]
--
-- The first N articles of the corpus go into a temporary corpus file (WAL,
-- as an analyst's); then a full re-analysis ({all = true}) and a second
-- one that resumes after half of the articles (its first run stopped by
-- the progress callback), so the cost of resuming shows.  Wall-clock
-- seconds; articles per second.
local akhbar = require "akhbar"
local core = require "akhbar.core"

local corpus = arg[1] or ((os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz")
local n_articles = tonumber(arg[2]) or 2000
local batch = tonumber(arg[3]) or 200

local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")

if not bench.readable(corpus) then
  io.stderr:write("bench_reanalyze: no corpus at ", corpus, " (pass its path)\n")
  os.exit(1)
end
local input = os.tmpname() .. ".jsonl"
bench.first_records(corpus, input, n_articles)
local path = os.tmpname()
bench.remove_db(path)
local c = akhbar.open(path)

local t0 = core.now()
local imported = c:import(input, { progress = false })
local import_s = core.now() - t0
os.remove(input)
local articles = c:count()

t0 = core.now()
local s = c:reanalyze { all = true, batch = batch, progress = false }
local full_s = core.now() - t0
assert(s.articles == articles)

-- Stopped after half, then resumed.
local half = math.max(1, articles // 2 // batch)
pcall(c.reanalyze, c, { all = true, batch = batch, progress = function(info)
  if info.batches >= half then error("stop") end
end })
t0 = core.now()
local r = c:reanalyze { batch = batch, progress = false }
local resume_s = core.now() - t0

local dates = c:one("SELECT count(*) AS n FROM dates").n
c:close()
bench.remove_db(path)

print(("%d articles (%s), batch %d, %d date mentions"):format(articles, tostring(imported), batch, dates))
print(("import          %7.2f s  %7.0f articles/s"):format(import_s, articles / import_s))
print(("reanalyze       %7.2f s  %7.0f articles/s  (%d published dates changed)"):format(full_s, articles / full_s,
  s.changed))
print(("resume (%4d)   %7.2f s  %7.0f articles/s"):format(r.articles, resume_s, r.articles / resume_s))
print(("RESULT stage=reanalyze ours=%.0f unit=articles/s baseline=%.0f ratio=%.2f rss_mb=%.0f"):format(
  articles / full_s, articles / import_s, import_s / full_s, bench.peak_rss_mb()))
