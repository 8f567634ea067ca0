-- Throughput of akhbar.parse (structure + dates + quotes) on SaudiNewsNet.
--   lua5.4 bench/bench_news.lua [max_articles]    (LUA_PATH/LUA_CPATH as in HACKING.md)
-- Prints MB/s of article text (content bytes, CPU time) for: the C date
-- scanner alone, parse without quotes, and parse with quotes (the figure
-- reported in bench/README.md), with RESULT lines for bench/run.lua.
local akhbar = require "akhbar"
local core = require "akhbar.core"
local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")
local path = (os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz"
local max = tonumber(arg[1] or 1e9)

if not core.stat(path) then print("bench_news: " .. path .. " not found; skipped") return end

-- Records decoded by SQLite's JSON (exact escapes), as c:import reads them.
local db = assert(core.db_open(":memory:"))
local get = db:prepare("SELECT json_extract(?1, '$.content') AS text, json_extract(?1, '$.author') AS author, "
  .. "json_extract(?1, '$.date_extracted') AS crawled, json_extract(?1, '$.title') AS title, "
  .. "json_extract(?1, '$.url') AS url")
local docs, bytes = {}, 0
local lines = assert(core.lines_open(path))
for line in lines.next, lines do
  local r = get:first(line)
  if r and r.text and r.text ~= "" then
    docs[#docs + 1] = r
    bytes = bytes + #r.text
  end
  if #docs >= max then break end
end
lines:close()
get:finalize()
db:close()
local mb = bytes / 1e6

-- CPU seconds (os.clock): the machine is shared.
local function run(name, fn, stage)
  collectgarbage()
  local t0 = os.clock()
  local n = fn()
  local dt = os.clock() - t0
  print(("%-28s %8.2f s  %7.2f MB/s  %s"):format(name, dt, mb / dt, n or ""))
  if stage then
    print(("RESULT stage=%s ours=%.2f unit=MB/s baseline=- rss_mb=%.0f articles=%d"):format(stage, mb / dt, bench.peak_rss_mb(), #docs))
  end
end

print(("%d articles, %.1f MB of text"):format(#docs, mb))
run("dates (C scanner)", function()
  local n = 0
  for _, d in ipairs(docs) do n = n + #core.date_scan(d.text) end
  return n .. " dates"
end)
-- The date pass (issue 15): scan + publication day + every mention
-- resolved with its role, against the C scanner alone as the baseline,
-- with per-article latency percentiles.
do
  local dates = require "akhbar.news.dates"
  collectgarbage()
  local t0 = os.clock()
  for _, d in ipairs(docs) do core.date_scan(d.text) end
  local scan_s = os.clock() - t0
  local lat, n = {}, 0
  collectgarbage()
  t0 = os.clock()
  for i, d in ipairs(docs) do
    local a = os.clock()
    local hits = dates.scan(d.text)
    dates.analyze(d.text, hits, { crawled = d.crawled, url = d.url })
    n = n + #hits
    lat[i] = (os.clock() - a) * 1e6
  end
  local pass_s = os.clock() - t0
  local p50, _, p99, pmax = bench.percentiles(lat)
  print(("%-28s %8.2f s  %7.2f MB/s  %d mentions; per article p50 %.0f us, p99 %.0f us, max %.0f us")
    :format("date pass", pass_s, mb / pass_s, n, p50, p99, pmax))
  print(("RESULT stage=date_pass ours=%.2f unit=MB/s baseline=%.2f rss_mb=%.0f articles=%d p50_us=%.0f p99_us=%.0f")
    :format(mb / pass_s, mb / scan_s, bench.peak_rss_mb(), #docs, p50, p99))
end
run("parse, no quotes", function()
  for _, d in ipairs(docs) do akhbar.parse(d.text, { author = d.author, crawled = d.crawled, title = d.title, quotes = false }) end
end, "news_parse_noquotes")
run("parse + quotes", function()
  local n = 0
  for _, d in ipairs(docs) do
    n = n + #akhbar.parse(d.text, { author = d.author, crawled = d.crawled, title = d.title }).quotes
  end
  return n .. " quotes"
end, "news_parse")
