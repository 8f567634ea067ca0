-- bench/bench_scale.lua — import and search at 100k, 300k and 1M articles.
-- luacheck: max line length 160
--
--   BENCH_SCALE=1 LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build-NAME/?.so;;" \
--     lua5.4 bench/bench_scale.lua [corpus.jsonl.gz] [sizes]
--
-- Opt-in (it writes several GB and takes tens of minutes): without
-- BENCH_SCALE=1 it prints a skip line, so `make bench` stays short.
-- sizes: comma-separated article counts (default 100000,300000,1000000;
-- env BENCH_SCALE_SIZES overrides).  BENCH_SCALE_DIR: where the generated
-- JSONL and the corpus files go (default /tmp; needs ~12 GB free for 1M).
--
-- For each size, in a fresh lua5.4 process (so peak RSS is per size):
--  1. write a JSONL file of N records on disk: SaudiNewsNet repeated, copy
--     k > 0 of each record re-identified (url + "#copy-k"; the content
--     starts with "نسخة k:" so the normalised-text hash differs: otherwise
--     the import would refuse it as a duplicate) — not timed;
--  2. c:import of that file into a fresh corpus ({extensions = false}, as
--     bench_import.lua): seconds, MB/s of article text (wall, and CPU of
--     this process: on a shared machine the two differ), peak RSS (VmHWM);
--  3. 1,000 queries (first three Arabic words of the first titles, the same
--     queries at every size), c:search limit 20 with snippets, all hits
--     read: p50/p95/p99.
-- Prints `RESULT stage=... ` lines (bench/run.lua collects them).
local core = require "akhbar.core"

local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")
local q = bench.shell_quote

-- ------------------------------------------------------------ one size (child)
if arg[1] == "--one" then
  local akhbar = require "akhbar"
  local src, n, dir = arg[2], math.tointeger(tonumber(arg[3])), arg[4]
  local input = ("%s/akhbar_scale_%d.jsonl"):format(dir, n)
  local dbp = ("%s/akhbar_scale_%d.db"):format(dir, n)
  local function rmdb() bench.remove_db(dbp) end
  rmdb()
  -- 1. the input file
  local t0 = core.now()
  local out = assert(io.open(input, "wb"))
  local written, copy = 0, 0
  while written < n do
    local lines = assert(core.lines_open(src))
    for l in lines.next, lines do
      if written >= n then break end
      if copy > 0 then
        local tag = "#copy-" .. copy
        l = l:gsub('("url"%s*:%s*"[^"]*)"', '%1' .. tag .. '"', 1)
        -- (an empty content stays empty: the import refuses it, as the original)
        l = l:gsub('("content"%s*:%s*")([^"])', '%1نسخة ' .. copy .. ': %2', 1)
      end
      out:write(l, "\n")
      written = written + 1
    end
    lines:close()
    copy = copy + 1
  end
  out:close()
  local t_gen = core.now() - t0
  local _, fsize = core.stat(input)
  fsize = fsize or 0
  io.stdout:write(("scale %d: input %.0f MB written in %.0f s; importing...\n"):format(n, fsize / 1e6, t_gen))
  io.stdout:flush()

  -- 2. import
  local c = akhbar.open(dbp, { extensions = false })
  t0 = core.now()
  local c0 = os.clock()
  local summary = c:import(input, { progress = false })
  local t_imp = core.now() - t0
  local cpu_imp = os.clock() - c0
  local rss = bench.peak_rss_mb()
  os.remove(input)
  local text_bytes = c:one("SELECT sum(length(CAST(coalesce(title, '') AS BLOB)) + length(CAST(text AS BLOB))) AS n FROM articles").n
  local mb = text_bytes / 1e6

  -- 3. queries
  local queries = bench.title_queries(c, 1000, 5000)
  local lat, hits = {}, 0
  local q0 = os.clock()
  for i, qs in ipairs(queries) do
    local t = core.now()
    for _ in c:search(qs, { limit = 20 }) do hits = hits + 1 end
    lat[i] = (core.now() - t) * 1000
  end
  local q_cpu = (os.clock() - q0) / math.max(1, #queries) * 1000
  local p50, p95, p99, pmax = bench.percentiles(lat)
  local rss_all = bench.peak_rss_mb()
  c:close()
  local _, dbsize = core.stat(dbp)
  dbsize = dbsize or 0
  rmdb()
  print(("scale %d: %s"):format(n, tostring(summary)))
  print(("scale %d: import %.1f MB in %.1f s = %.2f MB/s (CPU %.1f s = %.2f MB/s), %.1f us/article; peak RSS %.0f MB (import), "
    .. "%.0f MB (with queries); db %.0f MB")
    :format(n, mb, t_imp, mb / t_imp, cpu_imp, mb / cpu_imp, t_imp / n * 1e6, rss, rss_all, dbsize / 1e6))
  print(("scale %d: %d queries, %d hits: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (wall); mean CPU %.2f ms")
    :format(n, #lat, hits, p50, p95, p99, pmax, q_cpu))
  print(("RESULT stage=scale_import_%d ours=%.2f unit=MB/s target=15 cmp=ge rss_mb=%.0f secs=%.1f cpu_mbps=%.2f articles=%d")
    :format(n, mb / t_imp, rss, t_imp, mb / cpu_imp, summary.added))
  print(("RESULT stage=scale_search_p99_%d ours=%.2f unit=ms target=%d cmp=le rss_mb=%.0f p50=%.2f p95=%.2f cpu_mean=%.2f")
    :format(n, p99, n >= 1000000 and 50 or 20, rss_all, p50, p95, q_cpu))
  return
end

-- ------------------------------------------------------------ driver
if os.getenv("BENCH_SCALE") ~= "1" then
  print("bench_scale: skipped (opt-in: BENCH_SCALE=1; writes GBs, takes tens of minutes)")
  return
end
local path = arg[1] or (shared .. "/corpus/saudinewsnet.jsonl.gz")
if not core.stat(path) then
  print("bench_scale: " .. path .. " not found; skipped")
  return
end
local sizes = arg[2] or os.getenv("BENCH_SCALE_SIZES") or "100000,300000,1000000"
local dir = os.getenv("BENCH_SCALE_DIR") or "/tmp"
local lua = os.getenv("LUA") or "lua5.4"
local failed = false
for s in sizes:gmatch("[^,%s]+") do
  local n = math.tointeger(tonumber(s))
  if n and n > 0 then
    io.stdout:flush()
    local ok = os.execute(("%s bench/bench_scale.lua --one %s %d %s"):format(lua, q(path), n, q(dir)))
    if not ok then
      print(("bench_scale: size %d failed"):format(n))
      failed = true
    end
  end
end
if failed then os.exit(1) end
