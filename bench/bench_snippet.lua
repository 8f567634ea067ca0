-- bench/bench_snippet.lua — the snippets of search hits: akhbar_snippet()
-- (src/fts5_snippet.c, what c:search uses) against SQLite's snippet() as
-- the baseline, in the same run on the same hits.
--
--   lua5.4 bench/bench_snippet.lua [corpus.jsonl.gz] [articles (5000)]
--
-- 1. Real articles: the first N articles of the corpus in a temporary
--    corpus file; 10 queries, at most 300 hits each, the SQL run directly
--    with one function or the other (and with no snippet, the floor);
--    three rounds, the functions alternated; CPU time per query.
-- 2. Long texts full of a common word ("قال في الاجتماع" 1,000 and 4,000
--    times): CPU time per hit, where snippet() walks every pair of matches.
local akhbar = require "akhbar"

local corpus = arg[1] or ((os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz")
local n_articles = tonumber(arg[2]) or 5000

local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")

local FUNCTIONS = {
  { name = "akhbar_snippet", expr = "akhbar_snippet(articles_fts, 1, '[', ']', '…', 24)" },
  { name = "snippet", expr = "snippet(articles_fts, 1, '[', ']', '…', 24)" },
  { name = "none", expr = "''" },
}

local function time_query(c, expr, q, limit)
  local sql = ("SELECT %s AS s FROM articles_fts WHERE articles_fts MATCH ? LIMIT %d"):format(expr, limit)
  local t, n = os.clock(), 0
  for _ in c:sql(sql, q) do n = n + 1 end
  return os.clock() - t, n
end

-- 1. real articles --------------------------------------------------------
local f = io.open(corpus, "rb")
if not f then
  io.stderr:write("bench_snippet: no corpus at ", corpus, " (pass its path)\n")
  os.exit(1)
end
f:close()
-- The first n_articles records as a file of their own.
local input = os.tmpname() .. ".jsonl"
bench.first_records(corpus, input, n_articles)
local path = os.tmpname()
os.remove(path)
local c = akhbar.open(path)
c:import(input, { progress = false })
os.remove(input)
local articles = c:count()
local queries = { "سوريا", "روسيا OR أمريكا", '"وزير الخارجية"', "الملك", "في", "داعش", "النفط", "سعود*",
                  "مجلس NEAR(الأمن الدولي, 5)", "الرياض" }
local times = { akhbar_snippet = {}, snippet = {}, none = {} }
local hits = 0
for round = 1, 3 do
  for _, q in ipairs(queries) do
    for k = 0, #FUNCTIONS - 1 do
      local fn = FUNCTIONS[(k + round) % #FUNCTIONS + 1] -- alternate which runs first
      local t, n = time_query(c, fn.expr, q, 300)
      table.insert(times[fn.name], t * 1000)
      if fn.name == "none" and round == 1 then hits = hits + n end
    end
  end
end
-- The same text from both, where snippet()'s sentence rules are ours.
local same, total = 0, 0
for _, q in ipairs(queries) do
  for r in c:sql("SELECT " .. FUNCTIONS[1].expr .. " AS a, " .. FUNCTIONS[2].expr
                 .. " AS b FROM articles_fts WHERE articles_fts MATCH ? LIMIT 300", q) do
    total = total + 1
    if r.a == r.b then same = same + 1 end
  end
end
c:close()
bench.remove_db(path)

print(("snippets of real articles: %d articles, %d queries, %d hits per round, CPU ms per query (300 hits at most)")
  :format(articles, #queries, hits))
print(("%-16s %8s %8s %8s %10s"):format("function", "mean", "p50", "p95", "us/hit"))
local mean = {}
for _, fn in ipairs(FUNCTIONS) do
  local xs, sum = times[fn.name], 0
  for _, x in ipairs(xs) do sum = sum + x end
  mean[fn.name] = sum / #xs
  print(("%-16s %8.2f %8.2f %8.2f %10.1f"):format(fn.name, mean[fn.name], bench.percentile(xs, 0.5), bench.percentile(xs, 0.95),
    sum * 1000 / (3 * hits)))
end
print(("same text as snippet(): %d of %d (the others start at a paragraph or after ؟)"):format(same, total))

-- 2. long texts -----------------------------------------------------------
local long = akhbar.open(":memory:", { extensions = false })
for _, n in ipairs { 1000, 4000 } do
  long:add { title = "t" .. n, text = string.rep("قال في الاجتماع ", n), id = "long" .. n }
end
print("long texts (1,000 and 4,000 times \"قال في الاجتماع\"): CPU s for both hits")
local long_times = {}
for _, q in ipairs { "في", "في الاجتماع" } do
  local row = {}
  for _, fn in ipairs { FUNCTIONS[1], FUNCTIONS[2] } do
    row[fn.name] = time_query(long, fn.expr, q, 10)
  end
  long_times[#long_times + 1] = row
  print(("  %-14s akhbar_snippet %.3f s   snippet %.3f s   %.0fx"):format(q, row.akhbar_snippet, row.snippet,
    row.snippet / math.max(row.akhbar_snippet, 1e-6)))
end
long:close()

local rss = bench.peak_rss_mb()
print(("RESULT stage=snippet_real ours=%.2f unit=ms baseline=%.2f ratio=%.2f rss_mb=%.0f floor=%.2f")
  :format(mean.akhbar_snippet, mean.snippet, mean.snippet / mean.akhbar_snippet, rss, mean.none))
local lt = long_times[2]
print(("RESULT stage=snippet_long ours=%.3f unit=s baseline=%.3f ratio=%.0f rss_mb=%.0f")
  :format(lt.akhbar_snippet, lt.snippet, lt.snippet / math.max(lt.akhbar_snippet, 1e-6), rss))
