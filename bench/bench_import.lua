-- bench/bench_import.lua — import SaudiNewsNet into a fresh corpus file and
-- luacheck: max line length 160
-- compare with SQLite's built-in unicode61 tokenizer on the same text, in
-- the same run, with the same database settings; then query latency.
--
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build-NAME/?.so;;" \
--     lua5.4 bench/bench_import.lua [corpus.jsonl.gz] [max-records]
--
-- Env: BENCH_EXTENSIONS=1 also runs the installed corpus extensions (news,
-- stories, ...) during the import (off by default: this measures the store).
-- Figures:
--  1. c:import of the whole file (JSON parse, checks, content hash, the
--     articles row, the stemmed and the exact FTS5 index): MB/s of article
--     text (title + content bytes) and peak RSS (VmHWM) right after it;
--  2. baseline: the same JSONL lines, read by the same line reader, inserted
--     with one INSERT ... SELECT json_extract(...) into a plain FTS5 table
--     (title, content) with tokenize = unicode61 — SQLite used the usual way;
--  3. the same plain FTS5 table with tokenize = akhbar (tokenizer alone);
--  4. latency of c:search (limit 20, with snippets, all hits read) for 1,000
--     queries made of the first three words of article titles: p50/p95/p99.
local akhbar = require "akhbar"
local core = require "akhbar.core"

local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local path = arg[1] or (shared .. "/corpus/saudinewsnet.jsonl.gz")
local limit = tonumber(arg[2] or os.getenv("BENCH_LIMIT") or "")
if not core.stat(path) then
  print("bench_import: " .. path .. " not found; skipped")
  return
end

local function hwm()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmHWM:%s*(%d+)")) or 0
end

local function tmpdb(tag)
  local p = ("/tmp/akhbar_bench_%s_%d.db"):format(tag, math.random(1, 1e9))
  return p
end
local function rmdb(p)
  for _, s in ipairs { "", "-wal", "-shm" } do os.remove(p .. s) end
end

-- The input, limited to `limit` records, as a file the three runs share.
local input = path
if limit then
  input = "/tmp/akhbar_bench_input.jsonl"
  local out = assert(io.open(input, "wb"))
  local lines = assert(core.lines_open(path))
  local n = 0
  for l in lines.next, lines do
    n = n + 1
    if n > limit then break end
    out:write(l, "\n")
  end
  lines:close()
  out:close()
end

-- 1. our import
math.randomseed(os.time())
local dbp = tmpdb("ours")
local c = akhbar.open(dbp, { extensions = os.getenv("BENCH_EXTENSIONS") == "1" })
local t0 = core.now()
local summary = c:import(input, { progress = false })
local t_ours = core.now() - t0
local rss = hwm()
local text_bytes = c:one("SELECT sum(length(CAST(coalesce(title, '') AS BLOB)) + length(CAST(text AS BLOB))) AS n FROM articles").n
local n_articles = c:one("SELECT count(*) AS n FROM articles").n

-- 2./3. plain FTS5 tables over the same lines, same settings.
local function plain(tokenize)
  local p = tmpdb("plain")
  local db = assert(core.db_open(p))
  db:exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY")
  db:exec(("CREATE VIRTUAL TABLE f USING fts5(title, content, tokenize = '%s')"):format(tokenize))
  local st = db:prepare("INSERT INTO f (title, content) SELECT json_extract(?1, '$.title'), json_extract(?1, '$.content') "
    .. "WHERE coalesce(json_extract(?1, '$.content'), '') <> ''")
  local lines = assert(core.lines_open(input))
  local t = core.now()
  db:exec("BEGIN")
  local n = 0
  for l in lines.next, lines do
    st:run(l)
    n = n + 1
    if n % 1000 == 0 then db:exec("COMMIT; BEGIN") end
  end
  db:exec("COMMIT")
  local secs = core.now() - t
  lines:close()
  st:finalize()
  db:close()
  rmdb(p)
  return secs
end
local t_uni = plain("unicode61")
local t_akh = plain("akhbar")

-- 4. query latency over 1,000 title queries
local queries = {}
for row in c:rows("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id") do
  local words = {}
  for t in akhbar.tokens(row.title) do
    if t.kind == "arabic" then words[#words + 1] = t.text end
    if #words == 3 then break end
  end
  if #words >= 2 then queries[#queries + 1] = table.concat(words, " ") end
  if #queries >= 1000 then break end
end
local lat, hits = {}, 0
for i, q in ipairs(queries) do
  local t = core.now()
  for _ in c:search(q, { limit = 20 }) do hits = hits + 1 end
  lat[i] = (core.now() - t) * 1000
end
table.sort(lat)
local function pct(p) return lat[math.max(1, math.ceil(#lat * p))] or 0 end
c:close()
rmdb(dbp)

local mb = text_bytes / 1e6
print(("records %d, articles %d (%s)"):format(summary.records, n_articles, tostring(summary)))
print(("article text                     %.1f MB"):format(mb))
print(("akhbar c:import (store + 2 FTS)  %.2f s  %.1f MB/s"):format(t_ours, mb / t_ours))
print(("plain FTS5 unicode61             %.2f s  %.1f MB/s"):format(t_uni, mb / t_uni))
print(("plain FTS5 akhbar tokenizer      %.2f s  %.1f MB/s"):format(t_akh, mb / t_akh))
print(("ratio import / unicode61         %.2fx"):format(t_uni / t_ours))
print(("ratio akhbar / unicode61 (FTS)   %.2fx"):format(t_uni / t_akh))
print(("peak RSS after import            %.1f MB"):format(rss / 1024))
print(("queries %d (%d hits): p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"):format(
  #lat, hits, pct(0.5), pct(0.95), pct(0.99), lat[#lat] or 0))
if limit then os.remove(input) end
