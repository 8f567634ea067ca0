--- Large-scale check of the publication date against the print date in the URL (issue 15).
--
--   lua5.4 eval/dates/pubdate.lua [--corpus PATH] [--limit N]
--
-- Every article of okaz, aljazirah and aleqtisadiya in the SaudiNewsNet
-- corpus (default ../shared/corpus/saudinewsnet.jsonl.gz, relative to the
-- repository root) carries its print date in the URL:
--   okaz          .../Issues/20150720/...
--   aljazirah     .../2015/20150721/...
--   aleqtisadiya  .../2015/07/20/...
-- Each article is parsed twice: (A) with crawled, title and author only, and
-- (B) with the URL as well; doc.date is compared with the URL date, and the
-- crawl date alone is reported as the baseline.  --limit N stops after N
-- articles of those outlets.  The build directory is $AKHBAR_BUILD (default
-- <repo>/build).

---------------------------------------------------------------- paths
local lib = dofile(((arg and arg[0] or ""):match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")
local env = lib.setup(arg)
local build = env.build

local core = require("akhbar.core")
local akhbar = require("akhbar")
local jsonl = require("jsonl")

---------------------------------------------------------------- arguments
local function usage(msg)
  if msg then io.stderr:write("pubdate.lua: ", msg, "\n") end
  io.stderr:write("usage: lua5.4 eval/dates/pubdate.lua [--corpus PATH] [--limit N]\n")
  os.exit(2)
end

local corpus_path, limit
do
  local i = 1
  while arg[i] do
    local a = arg[i]
    if a == "--corpus" then
      i = i + 1
      corpus_path = arg[i] or usage("--corpus needs a path")
    elseif a:match("^%-%-corpus=") then corpus_path = a:sub(10)
    elseif a == "--limit" then
      i = i + 1
      limit = math.tointeger(tonumber(arg[i] or "")) or usage("--limit needs a number")
    elseif a:match("^%-%-limit=") then
      limit = math.tointeger(tonumber(a:sub(9))) or usage("--limit needs a number")
    elseif a == "-h" or a == "--help" then usage()
    else usage("unknown argument " .. a) end
    i = i + 1
  end
end
corpus_path = corpus_path or env.corpus

---------------------------------------------------------------- helpers
local days_from_civil, valid, day_number = lib.days_from_civil, lib.valid, lib.day_number

-- the print date in the URL of an article of the three outlets: yyyy-mm-dd, day number
local URL_PATTERNS = {
  okaz = { "/[Ii]ssues/(%d%d%d%d)(%d%d)(%d%d)/" },
  aljazirah = { "/%d%d%d%d/(%d%d%d%d)(%d%d)(%d%d)/" },
  aleqtisadiya = { "/(%d%d%d%d)/(%d%d)/(%d%d)/" },
}

local function url_date(source, url)
  local pats = URL_PATTERNS[source]
  if not pats or type(url) ~= "string" then return nil end
  for _, pat in ipairs(pats) do
    local y, m, d = valid(url:match(pat))
    if y then return ("%04d-%02d-%02d"):format(y, m, d), days_from_civil(y, m, d) end
  end
end

-- about n characters around [a, b] of s (n/2 either side), on one line
local function context(s, a, b, n) return lib.context(s, a, b, n // 2) end

local str = lib.str
local function pct(a, b) if b == 0 then return "-" end return ("%.1f%%"):format(100 * a / b) end

-- progress on stderr only when it is a terminal
local tty
do
  local ok, how, code = os.execute("[ -t 2 ]")
  tty = ok == true and how == "exit" and code == 0
end

---------------------------------------------------------------- runs
local function new_run(name)
  return { name = name, n = 0, within = 0, exact = 0, evidence = {}, by_source = {} }
end

local function record(run, source, date, evidence, truth)
  run.n = run.n + 1
  local z = day_number(date)
  local off = z and math.abs(z - truth) or math.huge
  local ev = str(evidence)
  local e = run.evidence[ev] or { n = 0, off = 0 }
  run.evidence[ev] = e
  e.n = e.n + 1
  local src = run.by_source[source] or { n = 0, within = 0 }
  run.by_source[source] = src
  src.n = src.n + 1
  if off == 0 then run.exact = run.exact + 1 end
  if off <= 1 then
    run.within = run.within + 1
    src.within = src.within + 1
  else
    e.off = e.off + 1
  end
  return off
end

local function parse(content, opts)
  local ok, doc = pcall(akhbar.parse, content, opts)
  if ok and type(doc) == "table" then return doc end
  return { date = nil, date_evidence = "error", error = tostring(doc) }
end

local A, B, C = new_run("A: crawled+title+author"), new_run("B: A + url"), new_run("crawl date alone")
local examples, skipped, empty = {}, {}, 0

local lines, err = core.lines_open(corpus_path)
if not lines then
  io.stderr:write("pubdate.lua: cannot read corpus ", corpus_path, ": ", tostring(err), "\n")
  os.exit(1)
end
local lineno, seen = -1, 0
local t0 = os.clock()
while not limit or seen < limit do
  local line = lines:next()
  if not line then break end
  lineno = lineno + 1
  local source = line:match('"source"%s*:%s*"([^"]*)"')
  if URL_PATTERNS[source] then
    local rec = jsonl.decode(line)
    source = rec.source
    local udate, uday = url_date(source, rec.url)
    -- the raw match may not be the record's own source field: the decoded
    -- source decides, and other outlets are passed over
    local outlet = URL_PATTERNS[source] ~= nil
    if outlet and not udate then
      skipped[source] = (skipped[source] or 0) + 1
    elseif outlet then
      seen = seen + 1
      local content = rec.content or ""
      if content == "" then empty = empty + 1 end
      local opts = { crawled = rec.date_extracted, title = rec.title, author = rec.author }
      local da = parse(content, opts)
      local off = record(A, source, da.date, da.date_evidence, uday)
      opts.url = rec.url
      local db = parse(content, opts)
      record(B, source, db.date, db.date_evidence, uday)
      local crawl = type(rec.date_extracted) == "string" and rec.date_extracted:sub(1, 10) or nil
      record(C, source, crawl, "crawl", uday)
      if off > 1 and #examples < 15 then
        local first
        for _, h in ipairs(da.dates or {}) do
          if h.start and h.stop then first = h break end
        end
        examples[#examples + 1] = {
          line = lineno, source = source, url_date = udate, date = da.date, evidence = da.date_evidence,
          mention = first and ("…" .. context(content, first.start, first.stop, 80) .. "…")
            or (da.error and ("error: " .. da.error) or "(no date mention)"),
        }
      end
      if tty and seen % 1000 == 0 then
        io.stderr:write(("\r%d articles (%.0f s)"):format(seen, os.clock() - t0))
      end
    end
  end
end
lines:close()
if tty and seen >= 1000 then io.stderr:write("\n") end

---------------------------------------------------------------- report
print(("publication date against the URL print date (okaz, aljazirah, aleqtisadiya; corpus %s; build %s%s)")
  :format(corpus_path, build, limit and (", limit " .. limit) or ""))
print(("articles with a URL date: %d (empty content: %d)"):format(seen, empty))
local sk = {}
for s, n in pairs(skipped) do sk[#sk + 1] = s .. " " .. n end
table.sort(sk)
if #sk > 0 then print("articles without a URL date (not counted): " .. table.concat(sk, ", ")) end
print()

local sources = { "okaz", "aljazirah", "aleqtisadiya" }
print(("%-26s %8s %16s %16s   %s"):format("run", "articles", "within 1 day", "exact", "by source (within 1 day)"))
for _, run in ipairs({ A, B, C }) do
  local bs = {}
  for _, s in ipairs(sources) do
    local x = run.by_source[s]
    if x then bs[#bs + 1] = ("%s %s"):format(s, pct(x.within, x.n)) end
  end
  print(("%-26s %8d %16s %16s   %s"):format(run.name, run.n,
    ("%d (%s)"):format(run.within, pct(run.within, run.n)),
    ("%d (%s)"):format(run.exact, pct(run.exact, run.n)), table.concat(bs, ", ")))
end
print()
for _, run in ipairs({ A, B }) do
  local keys = {}
  for k in pairs(run.evidence) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return run.evidence[a].n > run.evidence[b].n end)
  local parts = {}
  for _, k in ipairs(keys) do
    local e = run.evidence[k]
    parts[#parts + 1] = ("%s %d (%d more than 1 day off)"):format(k, e.n, e.off)
  end
  print(("%s evidence: %s"):format(run.name:match("^%a+"), #parts > 0 and table.concat(parts, "; ") or "none"))
end

print(("\n(A) more than one day off: %d of %d; %s"):format(A.n - A.within, A.n,
  #examples > 0 and ("first " .. #examples .. ":") or "no examples"))
for _, x in ipairs(examples) do
  print(("  line %d %s url %s doc.date %s (%s)  %s"):format(x.line, x.source, x.url_date, str(x.date),
    str(x.evidence), x.mention))
end
print()
print(("A within 1 day %d/%d (%s); B %d/%d (%s); crawl alone %d/%d (%s)"):format(
  A.within, A.n, pct(A.within, A.n), B.within, B.n, pct(B.within, B.n), C.within, C.n, pct(C.within, C.n)))
os.exit(0)
