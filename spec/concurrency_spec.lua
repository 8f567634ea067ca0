-- Concurrent readers: one child process imports (many small transactions)
-- while three others search, count and read articles in a loop on the same
-- file (WAL).  Readers must never get an error (SQLITE_BUSY included: the
-- connection waits, see busy_timeout in src/lua_db.c), and every article
-- they see is whole: its text hashes to its stored hash, and it has its
-- index entry and its fingerprint (written in the same transaction).
local helper = require "helper"
local cli = require "cli_helper"
local akhbar = require "akhbar"

local q = cli.q
local BUILD = cli.build
local ENV = ("AKHBAR_BUILD=%s LUA_PATH='./lua/?.lua;./lua/?/init.lua;;' LUA_CPATH=%s")
  :format(q(BUILD), q(BUILD .. "/?.so;;"))

local WRITER = [[
local akhbar = require "akhbar"
local c = akhbar.open(arg[1])
local s = c:import(arg[2], { progress = false, batch = 20 })
c:close()
io.write(("%d %d %d\n"):format(s.added, s.duplicates, s.failed))
]]

-- arg: db, stop file, mode ("rw" or "ro").  Loops until the stop file
-- exists (and at least 5 rounds; at most 10 minutes); writes "rounds articles errors counts"
-- and the first error.
local READER = [[
local akhbar = require "akhbar"
local core = require "akhbar.core"
local db, stop, mode = arg[1], arg[2], arg[3]
local rounds, seen, errors, first = 0, 0, 0, nil
local counts, ncounts = {}, 0
local words = { "السعودية", "الرياض", "وزير", "سوريا", "الأمن" }
local function stopped()
  local f = io.open(stop, "rb")
  if f then f:close() return true end
end
local c = akhbar.open(db, { readonly = mode == "ro" })
local function check(a)
  if core.content_hash(a.text) ~= a.hash then error("article " .. a.id .. ": text does not match its hash") end
  if not c:one("SELECT 1 AS x FROM fingerprints WHERE article = ?", a.id) then
    error("article " .. a.id .. " visible without its fingerprint")
  end
  seen = seen + 1
end
local deadline = os.time() + 600
while (rounds < 5 or not stopped()) and os.time() < deadline do
  rounds = rounds + 1
  local ok, err = pcall(function()
    local n = c:count()
    if not counts[n] then counts[n] = true ncounts = ncounts + 1 end
    for hit in c:search(words[rounds % #words + 1], { limit = 10 }) do
      local a = c:get(hit.id)
      if not a then error("hit " .. hit.id .. " has no article") end
      check(a)
    end
    local top = c:one("SELECT max(id) AS m FROM articles")
    if top and top.m then
      for _ = 1, 5 do
        local a = c:get(math.random(top.m))
        if a then check(a) end
      end
    end
  end)
  if not ok then
    errors = errors + 1
    first = first or tostring(err)
  end
end
c:close()
io.write(("%d %d %d %d\n%s\n"):format(rounds, seen, errors, ncounts, first or ""))
]]

local write = helper.write_file

-- The input: 600 records of the real corpus, else 300 seed variants.
local function make_input()
  local real = cli.real_slice(600)
  if real then return real end
  local p = helper.tmpname(".jsonl")
  local tmp <close> = akhbar.open(":memory:", { extensions = false })
  local f = assert(io.open(p, "wb"))
  for i = 1, 300 do
    local text = helper.seed(i % 5) .. "\nنسخة رقم " .. i .. " copy" .. i .. "\n"
    f:write(tmp:one("SELECT json_object('source', ?, 'content', ?) AS j", "seed" .. i % 5, text).j, "\n")
  end
  f:close()
  return p
end

describe("concurrent readers", function()
  it("never fail and always see whole articles while another process imports #slow", function()
    local db, rm_db = cli.tmpdb()
    local input = make_input()
    local dir = helper.tmpname(".d")
    assert(os.execute("mkdir -p " .. q(dir)))
    local ok, err = pcall(function()
      -- The corpus exists (schema, WAL) before anyone reads it.
      akhbar.open(db):close()
      write(dir .. "/writer.lua", WRITER)
      write(dir .. "/reader.lua", READER)
      local modes = { "rw", "rw", "ro" }
      local parts = { ("%s lua5.4 %s %s %s > %s 2>&1 & w=$!"):format(ENV, q(dir .. "/writer.lua"), q(db), q(input),
        q(dir .. "/writer.out")) }
      for i, m in ipairs(modes) do
        parts[#parts + 1] = ("%s lua5.4 %s %s %s %s > %s 2>&1 &"):format(ENV, q(dir .. "/reader.lua"), q(db),
          q(dir .. "/stop"), m, q(dir .. "/reader" .. i .. ".out"))
      end
      parts[#parts + 1] = ("wait $w; echo $? > %s; touch %s; wait"):format(q(dir .. "/writer.rc"), q(dir .. "/stop"))
      assert(os.execute("sh -c " .. q(table.concat(parts, "\n"))))
      local wout = cli.slurp(dir .. "/writer.out")
      assert.equal("0", cli.slurp(dir .. "/writer.rc"):match("%d+"), "writer failed: " .. wout)
      local added = tonumber(wout:match("^(%d+)"))
      assert.is_true(added and added > 0, "writer added nothing: " .. wout)
      local overlapped = false
      for i, m in ipairs(modes) do
        local out = cli.slurp(dir .. "/reader" .. i .. ".out")
        local rounds, seen, errors, ncounts, first = out:match("^(%d+) (%d+) (%d+) (%d+)\n(.*)")
        assert.is_truthy(rounds, ("reader %d (%s) did not finish: %s"):format(i, m, out))
        assert.equal(0, tonumber(errors), ("reader %d (%s): %s errors in %s rounds, first: %s"):format(i, m, errors, rounds, first))
        assert.is_true(tonumber(seen) > 0, ("reader %d (%s) saw no article"):format(i, m))
        if tonumber(ncounts) >= 2 then overlapped = true end
      end
      assert.is_true(overlapped, "no reader saw the article count change: the import did not overlap the reads")
    end)
    rm_db()
    os.remove(input)
    os.execute("rm -rf " .. q(dir))
    assert(ok, err)
  end)
end)
