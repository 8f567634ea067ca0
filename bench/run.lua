-- bench/run.lua — `make bench`: run every benchmark, then print ONE summary
-- table: stage | ours | baseline | ratio | target | met? | peak RSS.
--
--   make bench                      (LUA_PATH/LUA_CPATH set by the Makefile)
--   BENCH_QUICK=1 make bench        a shorter run (subsets, one repeat)
--   BENCH_SCALE=1 make bench        also the 100k/300k/1M scale runs (long)
--   BENCH_ONLY=entities,tokens make bench  only the steps whose name matches
--                                   one of these patterns (normalise tokens
--                                   import entities fingerprint snippet news stories reanalyze scale)
--   BENCH_ALL=1 make bench          also bench_news.lua, bench_stories.lua and bench_reanalyze.lua
--   BENCH_CPU=0 make bench          bench_text/bench_tokens in wall-clock time
--
-- The C programs are taken from <build>/bench/ where <build> is
-- $AKHBAR_BUILD, else the directory of the first LUA_CPATH entry (the
-- Makefile's ./build/?.so), else ./build.  The corpus is
-- $AKHBAR_SHARED/corpus/saudinewsnet.jsonl.gz (first argument overrides).
--
-- Every benchmark prints, besides its own report, machine-readable lines
--   RESULT stage=<name> ours=<x> unit=<MB/s|ms|s> [baseline=<y>|-]
--          [target=<t> cmp=<ge|le> [target_on=ratio]] [ratio=<r>] rss_mb=<z> ...
-- which this script collects.  ratio is always "how many times faster
-- than the baseline": ours / baseline for MB/s, baseline / ours for times.
-- A target applies to `ours`, or to the ratio with target_on=ratio (or
-- when the bench gives ratio= itself and a target below 10 on a MB/s
-- stage, as bench_import.lua's fts_akhbar: ">= 0.8x unicode61").
local lua = os.getenv("LUA") or "lua5.4"
local only = os.getenv("BENCH_ONLY")
local quick = (os.getenv("BENCH_QUICK") or "0") ~= "0"
local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local corpus = arg[1] or (shared .. "/corpus/saudinewsnet.jsonl.gz")
-- bench_text and bench_tokens time CPU seconds of their thread unless
-- BENCH_CPU=0 (bench_entities always does; bench_import prints both).
local cpu_time = os.getenv("BENCH_CPU") or "1"

local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")
local q, exists = bench.shell_quote, bench.readable

local build = os.getenv("AKHBAR_BUILD")
if not build then
  local first = (package.cpath or ""):match("^([^;]*)%?%.so")
  build = first and first ~= "" and first:gsub("/$", "") or "./build"
end
local bin = build .. "/bench/"

-- name, command, whether it runs by default
local steps = {
  { "normalise", bin .. "bench_text " .. q(corpus) .. (quick and " 1" or " 3") },
  { "tokens", bin .. "bench_tokens " .. q(corpus) .. (quick and " 20 1" or " 1000 3") },
  { "import", lua .. " bench/bench_import.lua " .. q(corpus) .. (quick and " 3000" or "") },
  { "entities", bin .. "bench_entities " .. q(corpus) .. " data/gazetteer.tsv" },
  { "fingerprint", bin .. "bench_fingerprint " .. q(corpus) },
  { "snippet", lua .. " bench/bench_snippet.lua " .. q(corpus) .. (quick and " 1000" or " 5000") },
  { "news", lua .. " bench/bench_news.lua" .. (quick and " 3000" or ""), os.getenv("BENCH_ALL") == "1" },
  { "stories", lua .. " bench/bench_stories.lua " .. q(corpus) .. " " .. q(build), os.getenv("BENCH_ALL") == "1" },
  { "reanalyze", lua .. " bench/bench_reanalyze.lua " .. q(corpus) .. (quick and " 500" or " 2000"),
    os.getenv("BENCH_ALL") == "1" },
  { "scale", lua .. " bench/bench_scale.lua " .. q(corpus), os.getenv("BENCH_SCALE") == "1" },
}

local results, failed = {}, {}
local t_start = os.time()
for _, s in ipairs(steps) do
  local name, cmd, on = s[1], s[2], s[3]
  if on == nil then on = true end
  if only then
    on = false
    for pat in only:gmatch("[^,%s]+") do on = on or name:find(pat) ~= nil end
  end
  if on then
    local prog = cmd:match("^(%S+)")
    if prog:find("/bench/", 1, true) and not exists(prog) then
      print(("== %s: %s not built; skipped (make build, or set AKHBAR_BUILD)"):format(name, prog))
      failed[#failed + 1] = name
    else
      print(("== %s: %s"):format(name, cmd))
      io.stdout:flush()
      local t0 = os.time()
      local p = io.popen("AKHBAR_SHARED=" .. q(shared) .. " AKHBAR_BUILD=" .. q(build) .. " BENCH_CPU=" .. q(cpu_time) .. " "
        .. cmd .. " 2>&1")
      for line in p:lines() do
        print(line)
        io.stdout:flush()
        if line:match("^RESULT ") then
          local r = { step = name }
          for k, v in line:gmatch("(%w[%w_]*)=(%S+)") do r[k] = v end
          if r.stage then results[#results + 1] = r end
        end
      end
      local ok = p:close()
      print(("== %s: %s in %d s"):format(name, ok and "done" or "FAILED", os.time() - t0))
      if not ok then failed[#failed + 1] = name end
    end
  end
end

-- ------------------------------------------------------------ summary
local function num(v) return tonumber(v) end
local function fmt(v, unit)
  if not v then return "-" end
  if unit == "ms" or unit == "s" then return ("%.2f %s"):format(v, unit) end
  if v >= 100 then return ("%.0f %s"):format(v, unit) end
  if v >= 1 then return ("%.1f %s"):format(v, unit) end
  return ("%.3g %s"):format(v, unit)
end

local rows = {}
for _, r in ipairs(results) do
  if not r.stage:match("^import_cpu_") then
    local ours, base, unit = num(r.ours), num(r.baseline), r.unit or ""
    local ratio = num(r.ratio)
    if not ratio and ours and base and ours > 0 and base > 0 then
      ratio = (unit == "ms" or unit == "s") and base / ours or ours / base
    end
    local target, cmp = num(r.target), r.cmp or "ge"
    local on_ratio = r.target_on == "ratio" or (r.target_on == nil and r.ratio ~= nil and unit == "MB/s" and target and target < 10)
    local met, tgt = "", "-"
    if target then
      local v = on_ratio and ratio or ours
      tgt = (cmp == "le" and "<= " or ">= ") .. (on_ratio and ("%gx"):format(target) or fmt(target, unit))
      if v then
        met = ((cmp == "le" and v <= target) or (cmp ~= "le" and v >= target)) and "yes" or "NO"
      end
    end
    local extra = ""
    if r.warm then extra = ("warm cache %s MB/s"):format(r.warm) end
    if r.cpu_mbps then extra = ("CPU-time %s MB/s"):format(r.cpu_mbps) end
    if r.cpu and unit == "ms" then extra = ("CPU %s ms"):format(r.cpu) end
    if r.cpu_mean then extra = ("mean CPU %s ms"):format(r.cpu_mean) end
    if r.secs and r.stage:match("^scale") then extra = ("%s s"):format(r.secs) .. (r.cpu_mbps and (", CPU %s MB/s"):format(r.cpu_mbps) or "") end
    local rs = "-"
    if ratio then rs = ratio >= 100 and ("%.0fx"):format(ratio) or ("%.2fx"):format(ratio) end
    rows[#rows + 1] = { r.stage, fmt(ours, unit), fmt(base, unit), rs, tgt, met,
      r.rss_mb and (r.rss_mb .. " MB") or "-", extra }
  end
end

local head = { "stage", "ours", "baseline", "ratio", "target", "met?", "peak RSS", "note" }
local w = {}
for i, h in ipairs(head) do w[i] = utf8.len(h) end
for _, row in ipairs(rows) do
  for i, c in ipairs(row) do w[i] = math.max(w[i], utf8.len(c) or #c) end
end
local function line(cells)
  local out = {}
  for i, c in ipairs(cells) do out[i] = c .. (" "):rep(w[i] - (utf8.len(c) or #c)) end
  return "| " .. table.concat(out, " | ") .. " |"
end
local sep = {}
for i = 1, #head do sep[i] = ("-"):rep(w[i]) end
local f = io.popen("uname -n 2>/dev/null; nproc 2>/dev/null; grep -m1 'model name' /proc/cpuinfo 2>/dev/null; uptime 2>/dev/null")
local info = f and f:read("a") or ""
if f then f:close() end
local lines = {}
for l in info:gmatch("[^\n]+") do lines[#lines + 1] = l end

print()
print(("== summary (%s run, %d s; build %s; %s cores, %s; load:%s)"):format(quick and "quick" or "full",
  os.time() - t_start, build, lines[2] or "?", (lines[3] or ""):gsub("^model name%s*:%s*", ""),
  (lines[4] or ""):match("load average:(.*)$") or " ?"))
print(line(head))
print(line(sep))
for _, row in ipairs(rows) do print(line(row)) end
if #rows == 0 then print("(no RESULT lines: was the corpus found and the build made?)") end
if #failed > 0 then
  print("failed or skipped: " .. table.concat(failed, ", "))
  os.exit(1)
end
