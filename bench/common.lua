-- bench/common.lua — what the Lua benchmarks share: peak memory, latency
-- percentiles, a slice of the corpus as a file of its own, and removing a
-- temporary database with its WAL files.  Each script loads it by path, so
-- it works from any directory without touching LUA_PATH:
--   local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")
local M = {}

-- Peak resident memory of this process in MB.  VmHWM only grows, so a
-- figure read after a stage covers every stage before it; scripts that
-- want one figure per stage run each stage in a process of its own.
function M.peak_rss_mb()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return (tonumber(s:match("VmHWM:%s*(%d+)")) or 0) / 1024
end

-- The p-th quantile (0 < p <= 1) of xs by nearest rank, 0 for no values.
-- Sorts xs in place.
function M.percentile(xs, p)
  table.sort(xs)
  return xs[math.max(1, math.ceil(#xs * p))] or 0
end

-- p50, p95, p99 and the maximum of xs (sorted in place).
function M.percentiles(xs)
  table.sort(xs)
  local function at(p) return xs[math.max(1, math.ceil(#xs * p))] or 0 end
  return at(0.5), at(0.95), at(0.99), xs[#xs] or 0
end

-- Copies the first n records of a corpus file to dst, read with the
-- import's own line reader so .gz input works as it does for c:import.
-- Returns the number of records written.
function M.first_records(src, dst, n)
  local core = require "akhbar.core"
  local lines = assert(core.lines_open(src))
  local out, err = io.open(dst, "wb")
  if not out then
    lines:close()
    error(err, 2)
  end
  local written = 0
  for l in lines.next, lines do
    if written >= n then break end
    out:write(l, "\n")
    written = written + 1
  end
  lines:close()
  assert(out:close())
  return written
end

-- Search queries as analysts type them: the first two or three Arabic
-- words of article titles, in id order, at most `max` (1,000) of them,
-- from the first `rows` titles (all when nil).  Both bench_import and
-- bench_scale time these, so their latencies compare.
function M.title_queries(c, max, rows)
  local akhbar = require "akhbar"
  max = max or 1000
  local sql = "SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id"
  if rows then sql = sql .. " LIMIT " .. math.tointeger(rows) end
  local queries = {}
  for row in c:rows(sql) do
    local words = {}
    for t in akhbar.tokens(row.title) do
      if t.kind == "arabic" then words[#words + 1] = t.text end
      if #words == 3 then break end
    end
    if #words >= 2 then queries[#queries + 1] = table.concat(words, " ") end
    if #queries >= max then break end
  end
  return queries
end

-- Removes a database file and the -wal and -shm files SQLite leaves beside it.
function M.remove_db(path)
  for _, suffix in ipairs { "", "-wal", "-shm" } do os.remove(path .. suffix) end
end

-- Whether a file can be opened for reading.
function M.readable(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

-- A string quoted for the shell.
function M.shell_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

return M
