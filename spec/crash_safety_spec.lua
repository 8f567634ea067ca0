-- Crash safety of the import: a child process importing into a file corpus
-- is killed with SIGKILL at random points, then the import is run again to
-- completion.  The corpus must open, pass SQLite's and FTS5's integrity
-- checks, and hold exactly what a clean import holds: the same articles
-- (content hash, url, title, source), the same number of rows per article
-- in the extension tables, no orphan rows.
--
-- The input is 600 records of the real corpus when present, else 400
-- generated variants of the five seeds.  The kill points are random
-- (seeded; the seed is in every failure message; AKHBAR_CRASH_SEED=n
-- repeats a run) and spread over the time a clean import takes.
local helper = require "helper"
local cli = require "cli_helper"
local akhbar = require "akhbar"

local q = cli.q
local BUILD = cli.build

local json_string = helper.json_string

-- The input file: a real slice, else seed variants (a distinct number
-- word per copy so that every copy has its own content hash).
local function make_input()
  local real = cli.real_slice(600)
  if real then return real, "600 records of the real corpus" end
  local p = helper.tmpname(".jsonl")
  local f = assert(io.open(p, "wb"))
  for i = 1, 300 do
    local text = helper.seed(i % 5) .. "\nنسخة رقم " .. i .. " copy" .. i .. "\n"
    f:write(('{"source": "seed%d", "url": "http://example.org/%d", "content": %s}\n')
      :format(i % 5, i, json_string(text)))
  end
  f:close()
  return p, "300 generated seed variants"
end

-- The child: imports `input` into `db` in batches of 50 records.
local CHILD = [[
local akhbar = require "akhbar"
local db, input = arg[1], arg[2]
local c = akhbar.open(db)
local s = c:import(input, { progress = false, batch = 50 })
c:close()
io.write(("%d %d %d\n"):format(s.added, s.duplicates, s.failed))
]]

local ENV = ("AKHBAR_BUILD=%s LUA_PATH='./lua/?.lua;./lua/?/init.lua;;' LUA_CPATH=%s")
  :format(q(BUILD), q(BUILD .. "/?.so;;"))

local child_file
local function child_path()
  if not child_file then
    child_file = helper.tmpname(".lua")
    local f = assert(io.open(child_file, "wb"))
    f:write(CHILD)
    f:close()
  end
  return child_file
end

-- Run the child to completion: its summary "added duplicates failed".
local function import_all(db, input)
  local out, err, code = cli.sh(("lua5.4 %s %s %s"):format(q(child_path()), q(db), q(input)), { env = ENV })
  assert(code == 0, "import child failed (" .. tostring(code) .. "): " .. err)
  local added, dups, failed = out:match("^(%d+) (%d+) (%d+)")
  return tonumber(added), tonumber(dups), tonumber(failed)
end

-- Start the child, SIGKILL it after `delay` seconds; true when it was
-- killed (false when it finished first).
local function import_killed(db, input, delay)
  local cmd = ("%s lua5.4 %s %s %s >/dev/null 2>&1 & pid=$!; sleep %.3f; kill -9 $pid 2>/dev/null; wait $pid; echo $?")
    :format(ENV, q(child_path()), q(db), q(input), delay)
  local p = assert(io.popen("sh -c " .. q(cmd) .. " 2>/dev/null", "r"))
  local status = tonumber(p:read("a"):match("%d+"))
  p:close()
  return status == 128 + 9
end

local function now()
  local p = io.popen("env -u LD_PRELOAD date +%s.%N")
  local t = tonumber(p:read("a"))
  p:close()
  return t
end

-- Everything that must be equal between two corpora.
local EXT_TABLES = { "quotes", "boilerplate", "mentions", "fingerprints" }
local function snapshot(path)
  local c <close> = akhbar.open(path)
  local snap = { articles = {}, n = 0, ext = {} }
  for r in c:rows("SELECT hash, url, title, source FROM articles") do
    snap.articles[r.hash] = ("%s|%s|%s"):format(r.url or "", r.title or "", r.source or "")
    snap.n = snap.n + 1
  end
  for _, t in ipairs(EXT_TABLES) do
    local per = {}
    for r in c:rows(("SELECT a.hash AS hash, count(*) AS n FROM %s x JOIN articles a ON a.id = x.article GROUP BY a.hash")
      :format(t)) do
      per[r.hash] = r.n
    end
    snap.ext[t] = per
  end
  return snap
end

-- Problems of a corpus file: integrity, FTS5 integrity, orphans.
local function check_integrity(path)
  local problems = {}
  local ok, c = pcall(akhbar.open, path)
  if not ok then return { "does not open: " .. tostring(c) } end
  local rows = {}
  for r in c:rows("PRAGMA integrity_check") do rows[#rows + 1] = r.integrity_check end
  if not (#rows == 1 and rows[1] == "ok") then problems[#problems + 1] = "integrity_check: " .. table.concat(rows, "; ") end
  for _, fts in ipairs { "articles_fts", "articles_exact" } do
    local okf, err = pcall(c.exec, c, ("INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)"):format(fts, fts))
    if not okf then problems[#problems + 1] = fts .. " integrity-check: " .. tostring(err) end
  end
  for _, t in ipairs { "quotes", "boilerplate", "mentions", "fingerprints", "lsh_buckets" } do
    local n = c:one(("SELECT count(*) AS n FROM %s x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article)")
      :format(t)).n
    if n > 0 then problems[#problems + 1] = ("%d orphan rows in %s"):format(n, t) end
  end
  local nofp = c:one("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.article = a.id)").n
  if nofp > 0 then problems[#problems + 1] = nofp .. " articles without a fingerprint" end
  local nfts = c:one("SELECT count(*) AS n FROM articles_fts_docsize").n
  local na = c:one("SELECT count(*) AS n FROM articles").n
  if nfts ~= na then problems[#problems + 1] = ("%d articles but %d documents in articles_fts"):format(na, nfts) end
  c:close()
  return problems
end

local function diff(clean, other)
  local msgs = {}
  if clean.n ~= other.n then msgs[#msgs + 1] = ("%d articles after the crashes, %d in a clean import"):format(other.n, clean.n) end
  local lost, extra, changed = 0, 0, 0
  for h, v in pairs(clean.articles) do
    if other.articles[h] == nil then lost = lost + 1 elseif other.articles[h] ~= v then changed = changed + 1 end
  end
  for h in pairs(other.articles) do if clean.articles[h] == nil then extra = extra + 1 end end
  if lost + extra + changed > 0 then
    msgs[#msgs + 1] = ("%d articles lost, %d extra, %d with other url/title/source"):format(lost, extra, changed)
  end
  for _, t in ipairs(EXT_TABLES) do
    local bad = 0
    for h in pairs(clean.articles) do
      if (clean.ext[t][h] or 0) ~= (other.ext[t][h] or 0) then bad = bad + 1 end
    end
    if bad > 0 then msgs[#msgs + 1] = ("%s: %d articles with another row count than a clean import"):format(t, bad) end
  end
  return msgs
end

describe("crash safety of the import", function()
  it("survives SIGKILL at random points: the re-run import equals a clean import, indexes intact #slow", function()
    local seed = tonumber(os.getenv("AKHBAR_CRASH_SEED") or "") or (os.time() % 100000)
    math.randomseed(seed)
    local input, what = make_input()
    local clean_db, rm_clean = cli.tmpdb()
    local crash_db, rm_crash = cli.tmpdb()
    local ok, err = pcall(function()
      local t0 = now()
      local added = import_all(clean_db, input)
      local took = now() - t0
      assert(added and added > 0, "the clean import added nothing")
      local clean = snapshot(clean_db)

      -- Kill points: one early (schema creation, first batch), the others
      -- spread over the run; each kill interrupts a fresh child that first
      -- skips what is in already.
      local delays, killed = { 0.05 + math.random() * 0.3 }, 0
      -- (each child first skips the records stored by the ones before it,
      -- which is quick, then adds up to a third of the input)
      for _ = 1, 4 do delays[#delays + 1] = 0.1 + took * math.random() / 3 end
      local report = {}
      for _, d in ipairs(delays) do
        local was = import_killed(crash_db, input, d)
        killed = killed + (was and 1 or 0)
        local n = 0
        if was then
          local probs = check_integrity(crash_db)
          assert(#probs == 0, ("seed %d, %s: after SIGKILL at %.2f s: %s"):format(seed, what, d, table.concat(probs, "; ")))
          local s = snapshot(crash_db)
          n = s.n
        end
        report[#report + 1] = ("%.2fs%s(%d in)"):format(d, was and "" or " (finished first)", n)
      end
      assert(killed >= 2, ("seed %d: only %d of the children were killed before finishing: %s")
        :format(seed, killed, table.concat(report, ", ")))
      import_all(crash_db, input)
      local probs = check_integrity(crash_db)
      assert(#probs == 0, ("seed %d, %s, kills at %s: %s"):format(seed, what, table.concat(report, ", "), table.concat(probs, "; ")))
      local msgs = diff(clean, snapshot(crash_db))
      assert(#msgs == 0, ("seed %d, %s, kills at %s: %s"):format(seed, what, table.concat(report, ", "), table.concat(msgs, "; ")))
    end)
    rm_clean()
    rm_crash()
    os.remove(input)
    if child_file then os.remove(child_file) end
    assert(ok, err)
  end)
end)
