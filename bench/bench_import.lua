-- bench/bench_import.lua — import SaudiNewsNet into a fresh corpus file with
-- luacheck: max line length 160
-- every corpus extension (news, entities, stories), compare with SQLite's
-- built-in unicode61 tokenizer on the same rows in the same run, and time
-- search.  Issue 8 targets: full import >= 15 MB/s, FTS5 with our tokenizer
-- >= 0.8x unicode61, peak RSS < 300 MB, search p99 < 20 ms at 31k articles.
--
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build-NAME/?.so;;" \
--     lua5.4 bench/bench_import.lua [corpus.jsonl.gz] [max-records]
--
-- Env: BENCH_LIMIT=n (same as max-records); BENCH_STORE=0 skips the
-- store-only import (figure 2).
-- Figures, in this order, one process (peak RSS = VmHWM, which only grows:
-- the full import runs first, so its figure is the import's own peak):
--  1. import_full: c:import of the whole file with all extensions (JSON
--     parse, checks, content hash, news.parse, gazetteer mentions,
--     fingerprints and stories, the articles row, the stemmed and the exact
--     FTS5 indexes): MB/s of article text (title + content bytes), wall
--     clock; with the CPU seconds of each stage (os.clock around every
--     extension's prepare/analyze and around the SQL the import runs);
--  2. import_store: the same with {extensions = false} (store + 2 FTS5);
--  3. baseline: the same JSONL lines, read by the same line reader, inserted
--     with one INSERT ... SELECT json_extract(...) into a plain FTS5 table
--     (title, content) with tokenize = unicode61 — SQLite used the usual way;
--     the same with tokenize = akhbar (fts_akhbar: tokenizer alone); and
--     with tokenize = ascii (fts_floor: FTS5's own indexing cost, the
--     least any import that builds an FTS5 index can spend);
--  4. search: c:search (limit 20, with snippets, all hits read) for 1,000
--     queries made of the first three Arabic words of article titles:
--     p50/p95/p99; baseline: the same queries on the unicode61 table
--     (bm25 order, limit 20, snippet).
-- Machine-readable lines (bench/run.lua builds the summary from them):
--   RESULT stage=<name> ours=<x> unit=<MB/s|ms|s> baseline=<y> rss_mb=<z>
local akhbar = require "akhbar"
local core = require "akhbar.core"
local corpus = require "akhbar.corpus"
local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")

local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local path = arg[1] or (shared .. "/corpus/saudinewsnet.jsonl.gz")
local limit = tonumber(arg[2] or os.getenv("BENCH_LIMIT") or "")
if not core.stat(path) then
  print("bench_import: " .. path .. " not found; skipped")
  return
end

local function tmpdb(tag)
  return ("/tmp/akhbar_bench_%s_%d_%d.db"):format(tag, math.random(1, 1e9), os.time())
end

local function result(stage, ours, unit, baseline, rss, extra)
  print(("RESULT stage=%s ours=%.2f unit=%s baseline=%s rss_mb=%.0f%s"):format(stage, ours, unit,
    baseline and ("%.2f"):format(baseline) or "-", rss, extra and (" " .. extra) or ""))
end

-- The input, limited to `limit` records, as a file all runs share.
local input = path
if limit then
  input = ("/tmp/akhbar_bench_input_%d.jsonl"):format(math.random(1, 1e9))
  bench.first_records(path, input, limit)
end

-- CPU seconds per stage: every extension's prepare/analyze, and the SQL the
-- import itself runs, by statement.
local stage_cpu = {}
local function timed(key, f)
  return function(...)
    local t = os.clock()
    local a, b, c_ = f(...)
    stage_cpu[key] = (stage_cpu[key] or 0) + os.clock() - t
    return a, b, c_
  end
end
local originals = {}
local function instrument()
  for _, ext in ipairs(corpus.extensions) do
    originals[ext] = { prepare = ext.prepare, analyze = ext.analyze }
    if ext.prepare then ext.prepare = timed(ext.name .. ".prepare", ext.prepare) end
    if ext.analyze then ext.analyze = timed(ext.name .. ".analyze", ext.analyze) end
  end
  local exec = corpus.Corpus.exec
  originals.exec = exec
  local depth = 0 -- extension SQL is inside the extension's timer already
  for _, ext in ipairs(corpus.extensions) do
    for _, k in ipairs { "prepare", "analyze" } do
      local f = ext[k]
      if f then ext[k] = function(...) depth = depth + 1 local ok, e = pcall(f, ...) depth = depth - 1 if not ok then error(e, 0) end end end
    end
  end
  corpus.Corpus.exec = function(c, sql, ...)
    if depth > 0 then return exec(c, sql, ...) end
    local key = sql:find("^INSERT INTO articles_fts") and "sql: FTS5 stemmed index"
      or sql:find("^INSERT INTO articles_exact") and "sql: FTS5 exact index"
      or sql:find("^INSERT INTO articles ") and "sql: articles row" or "sql: other"
    local t = os.clock()
    local n = exec(c, sql, ...)
    stage_cpu[key] = (stage_cpu[key] or 0) + os.clock() - t
    return n
  end
end
local function uninstrument()
  for ext, o in pairs(originals) do
    if type(ext) == "table" then ext.prepare, ext.analyze = o.prepare, o.analyze end
  end
  corpus.Corpus.exec = originals.exec
end

local function import(extensions)
  collectgarbage()
  local dbp = tmpdb(extensions and "full" or "store")
  local c = akhbar.open(dbp, { extensions = extensions })
  local t0, c0 = core.now(), os.clock()
  local summary = c:import(input, { progress = false })
  local secs, cpu = core.now() - t0, os.clock() - c0
  local rss = bench.peak_rss_mb()
  local text_bytes = c:one("SELECT sum(length(CAST(coalesce(title, '') AS BLOB)) + length(CAST(text AS BLOB))) AS n FROM articles").n
  local n_articles = c:one("SELECT count(*) AS n FROM articles").n
  return { c = c, path = dbp, summary = summary, secs = secs, cpu = cpu, rss = rss, mb = text_bytes / 1e6, n = n_articles }
end

-- 1. the full import, all extensions, instrumented per stage.
math.randomseed(os.time())
instrument()
local full = import(true)
uninstrument()

-- 2. the store alone.
local store
if os.getenv("BENCH_STORE") ~= "0" then
  store = import(false)
  store.c:close()
  bench.remove_db(store.path)
end

-- 3. plain FTS5 tables over the same lines, same settings (those of akhbar.open).
local function plain(tokenize, keep)
  local p = tmpdb("plain")
  local db = assert(core.db_open(p))
  db:exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY")
  db:exec(("CREATE VIRTUAL TABLE f USING fts5(title, content, tokenize = '%s')"):format(tokenize))
  local st = db:prepare("INSERT INTO f (title, content) SELECT json_extract(?1, '$.title'), json_extract(?1, '$.content') "
    .. "WHERE coalesce(json_extract(?1, '$.content'), '') <> ''")
  local lines = assert(core.lines_open(input))
  local t, tc = core.now(), os.clock()
  db:exec("BEGIN")
  local n = 0
  for l in lines.next, lines do
    st:run(l)
    n = n + 1
    if n % 1000 == 0 then db:exec("COMMIT; BEGIN") end
  end
  db:exec("COMMIT")
  local secs, cpu = core.now() - t, os.clock() - tc
  lines:close()
  st:finalize()
  if keep then return secs, cpu, db, p end
  db:close()
  bench.remove_db(p)
  return secs, cpu
end
local t_uni, c_uni, uni_db, uni_path = plain("unicode61", true)
local t_akh, c_akh = plain("akhbar")
-- The floor: FTS5's cheapest built-in tokenizer (ascii: split at ASCII
-- spaces and punctuation, every other byte is part of a word, so Arabic
-- words come out whole as they do with ours).  What is left is FTS5's own
-- cost of building the index, which no import that indexes can go under.
local t_asc, c_asc = plain("ascii")

-- 4. query latency over 1,000 title queries, ours and on the unicode61 table.
local c = full.c
local queries = bench.title_queries(c, 1000)
local lat, clat, hits = {}, {}, 0
for i, q in ipairs(queries) do
  local t, tc = core.now(), os.clock()
  for _ in c:search(q, { limit = 20 }) do hits = hits + 1 end
  lat[i], clat[i] = (core.now() - t) * 1000, (os.clock() - tc) * 1000
end
local p50, p95, p99, pmax = bench.percentiles(lat)
local c50, c95, c99, cmax = bench.percentiles(clat)
local ulat, uclat, uhits = {}, {}, 0
local ust = uni_db:prepare("SELECT rowid, title, snippet(f, 1, '[', ']', '…', 24) AS s FROM f WHERE f MATCH ? ORDER BY rank LIMIT 20")
for i, q in ipairs(queries) do
  local t, tc = core.now(), os.clock()
  ust:bind(q)
  while ust:step() do ust:row() uhits = uhits + 1 end
  ust:reset()
  ulat[i], uclat[i] = (core.now() - t) * 1000, (os.clock() - tc) * 1000
end
ust:finalize()
uni_db:close()
bench.remove_db(uni_path)
local u50, u95, u99, umax = bench.percentiles(ulat)
local uc50, uc95, uc99, ucmax = bench.percentiles(uclat)
local rss_end = bench.peak_rss_mb()
c:close()
bench.remove_db(full.path)

local mb = full.mb
local s = full.summary
print(("records %d, articles %d (%s)"):format(s.records, full.n, tostring(s)))
print(("article text                         %.1f MB"):format(mb))
print(("c:import, all extensions             %6.2f s  %6.2f MB/s  (CPU %.2f s: %.2f MB/s of CPU)"):format(full.secs, mb / full.secs,
  full.cpu, mb / full.cpu))
local keys = {}
for k in pairs(stage_cpu) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) return stage_cpu[a] > stage_cpu[b] end)
local sum = 0
for _, k in ipairs(keys) do
  sum = sum + stage_cpu[k]
  print(("   %-32s %6.2f s CPU  %5.1f%%"):format(k, stage_cpu[k], 100 * stage_cpu[k] / full.cpu))
end
print(("   %-32s %6.2f s CPU  %5.1f%%"):format("rest (JSON, hash, commits, Lua)", full.cpu - sum, 100 * (full.cpu - sum) / full.cpu))
if store then
  print(("c:import, no extensions (store)      %6.2f s  %6.2f MB/s  (CPU %.2f s: %.2f MB/s)"):format(store.secs, mb / store.secs,
    store.cpu, mb / store.cpu))
end
print(("plain FTS5 unicode61 (baseline)      %6.2f s  %6.2f MB/s  (CPU %.2f s: %.2f MB/s)"):format(t_uni, mb / t_uni, c_uni, mb / c_uni))
print(("plain FTS5 akhbar tokenizer          %6.2f s  %6.2f MB/s  (CPU %.2f s: %.2f MB/s)"):format(t_akh, mb / t_akh, c_akh, mb / c_akh))
print(("plain FTS5 ascii tokenizer (floor)   %6.2f s  %6.2f MB/s  (CPU %.2f s: %.2f MB/s)"):format(t_asc, mb / t_asc, c_asc, mb / c_asc))
print(("ratio full import / unicode61        %.2fx wall, %.2fx CPU"):format(t_uni / full.secs, c_uni / full.cpu))
print(("ratio akhbar / unicode61 (FTS alone) %.2fx wall, %.2fx CPU"):format(t_uni / t_akh, c_uni / c_akh))
print(("peak RSS after the full import       %.1f MB (after everything %.1f MB)"):format(full.rss, rss_end))
print(("c:search, %d queries (%d hits): p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"):format(#lat, hits, p50, p95, p99, pmax))
print(("   CPU time per query:                p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"):format(c50, c95, c99, cmax))
print(("unicode61, same queries (%d hits):  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"):format(uhits, u50, u95, u99, umax))
print(("   CPU time per query:                p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"):format(uc50, uc95, uc99, ucmax))

result("import_full", mb / full.secs, "MB/s", mb / t_uni, full.rss,
  ("secs=%.2f cpu=%.2f cpu_mbps=%.2f baseline_cpu_mbps=%.2f articles=%d mb=%.1f target=15 cmp=ge"):format(full.secs, full.cpu,
    mb / full.cpu, mb / c_uni, full.n, mb))
for _, k in ipairs(keys) do
  result("import_cpu_" .. k:gsub("^sql: ", "sql_"):gsub("[^%w_.]+", "_"), stage_cpu[k], "s", nil, full.rss)
end
if store then
  result("import_store", mb / store.secs, "MB/s", mb / t_uni, store.rss, ("secs=%.2f cpu_mbps=%.2f"):format(store.secs, mb / store.cpu))
end
result("fts_floor", mb / t_asc, "MB/s", mb / t_uni, rss_end,
  ("cpu_mbps=%.2f"):format(mb / c_asc))
result("fts_akhbar", mb / t_akh, "MB/s", mb / t_uni, rss_end, ("ratio=%.2f cpu_ratio=%.2f target=0.8 cmp=ge"):format(t_uni / t_akh, c_uni / c_akh))
result("search_p50", p50, "ms", u50, rss_end, ("cpu=%.2f baseline_cpu=%.2f queries=%d"):format(c50, uc50, #lat))
result("search_p95", p95, "ms", u95, rss_end, ("cpu=%.2f baseline_cpu=%.2f queries=%d"):format(c95, uc95, #lat))
result("search_p99", p99, "ms", u99, rss_end, ("cpu=%.2f baseline_cpu=%.2f queries=%d target=20 cmp=le"):format(c99, uc99, #lat))
if limit then os.remove(input) end
