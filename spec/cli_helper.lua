-- Helpers for the specs that run akhbar as a program: bin/akhbar and the
-- scripts in examples/, as an analyst would, in a child process.
local helper = require "helper"

local M = {}

--- A word quoted for sh.
function M.q(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end
M.slurp = slurp

-- The environment of every child: the module built for this run (the
-- release or the sanitizer build, from AKHBAR_BUILD), the source tree's
-- Lua files, a fixed width, and plain text (no bidi reordering) since the
-- output is a pipe anyway.
M.build = os.getenv("AKHBAR_BUILD") or "./build"
local ENV = ("AKHBAR_BUILD=%s LUA_PATH='./lua/?.lua;./lua/?/init.lua;;' LUA_CPATH=%s COLUMNS=100 AKHBAR_BIDI=none")
  :format(M.q(M.build), M.q(M.build .. "/?.so;;"))

-- Run a shell command line; returns stdout, stderr, exit code.
local function run(cmdline, opts)
  opts = opts or {}
  local err = os.tmpname()
  local cmd = ("%s %s 2>%s"):format(opts.env or ENV, cmdline, err)
  if opts.stdin then
    local inp = os.tmpname()
    local f = assert(io.open(inp, "wb"))
    f:write(opts.stdin)
    f:close()
    cmd = cmd .. " <" .. inp
    local p = assert(io.popen(cmd, "r"))
    local out = p:read("a")
    local _, _, code = p:close()
    os.remove(inp)
    local e = slurp(err)
    os.remove(err)
    return out, e, code
  end
  local p = assert(io.popen(cmd .. " </dev/null", "r"))
  local out = p:read("a")
  local _, _, code = p:close()
  local e = slurp(err)
  os.remove(err)
  return out, e, code
end
M.sh = run

--- Run `bin/akhbar ARGS...`: stdout, stderr, exit code.
function M.akhbar(...)
  local args = { ... }
  local opts = {}
  if type(args[#args]) == "table" then opts = table.remove(args) end
  for i, a in ipairs(args) do args[i] = M.q(a) end
  return run("bin/akhbar " .. table.concat(args, " "), opts)
end

--- Run `lua5.4 FILE ARGS...` with the source tree's module: stdout, stderr, code.
function M.lua(file, ...)
  local args = { ... }
  for i, a in ipairs(args) do args[i] = M.q(a) end
  return run("lua5.4 " .. M.q(file) .. " " .. table.concat(args, " "))
end

--- A temporary corpus file path, and a function removing it with its WAL files.
function M.tmpdb()
  local p = helper.tmpname(".db")
  os.remove(p)
  return p, function() helper.rm_db(p) end
end

--- A temporary corpus file holding the seeds, imported by `akhbar import`,
-- and a function removing it.
function M.seeds_db()
  local db, remove = M.tmpdb()
  local out, err, code = M.akhbar("import", db, helper.seeds_dir, "--quiet")
  assert(code == 0, "import of the seeds failed: " .. out .. err)
  return db, remove
end

--- Lines of a string.
function M.lines(s)
  local t = {}
  for l in (s .. "\n"):gmatch("(.-)\r?\n") do t[#t + 1] = l end
  if t[#t] == "" then t[#t] = nil end
  return t
end

--- A slice of the real corpus as JSON Lines (the first n records), or nil
-- when the corpus is absent.  The caller removes the file.
function M.real_slice(n)
  if not helper.have_real_corpus() then return nil end
  local p = helper.tmpname(".jsonl")
  assert(os.execute(("env -u LD_PRELOAD gzip -dc %s 2>/dev/null | head -n %d > %s"):format(
    M.q(helper.real_corpus), n, M.q(p))))
  return p
end

--- A slice of the real corpus across outlets: every `every`-th article of
-- those crawled on `day` (YYYY-MM-DD), so the same story told by several
-- outlets can be in it.  nil when the corpus is absent.
function M.real_day_slice(day, every)
  if not helper.have_real_corpus() then return nil end
  local p = helper.tmpname(".jsonl")
  assert(os.execute(("env -u LD_PRELOAD gzip -dc %s 2>/dev/null | grep -F %s | awk 'NR %% %d == 0' > %s"):format(
    M.q(helper.real_corpus), M.q('"date_extracted": "' .. day), every, M.q(p))))
  return p
end

--- Parse JSON with SQLite's JSON functions (an independent parser):
-- json_valid, and the value at `path` ("$.title").
local akhbar = require "akhbar"
local jdb
local function jsondb()
  jdb = jdb or akhbar.open(":memory:", { extensions = false })
  return jdb
end
function M.json_valid(s)
  return jsondb():one("SELECT json_valid(?) AS ok", s).ok == 1
end
function M.json_get(s, path)
  return jsondb():one("SELECT json_extract(?, ?) AS v", s, path).v
end

--- XML well-formedness: xmllint when present, else a small checker of
-- tags, attributes and entities (enough for what akhbar writes).
function M.xml_ok(text)
  if os.execute("command -v xmllint >/dev/null 2>&1") then
    local p = helper.tmpname(".xml")
    local f = assert(io.open(p, "wb"))
    f:write(text)
    f:close()
    local ok = os.execute("env -u LD_PRELOAD xmllint --noout " .. M.q(p) .. " 2>/dev/null")
    os.remove(p)
    if not ok then return false, "xmllint rejects it" end
  end
  if not utf8.len(text) then return false, "invalid UTF-8" end
  local body = text:gsub("^<%?xml[^>]*%?>%s*", "")
  local stack = {}
  local pos = 1
  while true do
    local s, e, tag = body:find("<([^>]*)>", pos)
    local between = body:sub(pos, (s or #body + 1) - 1)
    if between:find("<") then return false, "stray < near " .. between:sub(1, 40) end
    for amp in between:gmatch("&[^;%s]*;?") do
      if not amp:match("^&[%w#]+;$") then return false, "bad entity " .. amp end
    end
    if not s then break end
    if tag:sub(1, 1) == "/" then
      local name = tag:sub(2):match("^%s*([%w:_%-%.]+)")
      if stack[#stack] ~= name then return false, ("</%s> closes <%s>"):format(name, tostring(stack[#stack])) end
      stack[#stack] = nil
    elseif tag:sub(1, 1) ~= "!" and tag:sub(1, 1) ~= "?" then
      local name, rest = tag:match("^([%w:_%-%.]+)(.*)$")
      if not name then return false, "bad tag <" .. tag .. ">" end
      local self_closing = rest:sub(-1) == "/"
      if self_closing then rest = rest:sub(1, -2) end
      local leftover = rest:gsub('%s+[%w:_%-%.]+%s*=%s*"[^"<]*"', "")
      if leftover:find("%S") then return false, "bad attributes in <" .. tag .. ">" end
      if not self_closing then stack[#stack + 1] = name end
    end
    pos = e + 1
  end
  if #stack > 0 then return false, "unclosed <" .. stack[#stack] .. ">" end
  return true
end

return M
