--- akhbar.gazetteer: entity gazetteers and matching (docs/gazetteer.md).
--
--    local gazetteer = require "akhbar.gazetteer"   -- also akhbar.gazetteer
--    for m in akhbar.entities("وقال لافروف إن موسكو تدعم دمشق") do
--      print(m.name, m.surface, m.start, m.stop, m.sentence)
--    end
--
-- The matching itself is C (src/gazetteer.c, src/automaton.c); this module
-- builds gazetteers from files and Lua tables and finds the default one.
-- @module akhbar.gazetteer
local core = require "akhbar.core"

local M = {}

--- Metatable of entity tables ({id, type, name, aliases, ...}); prints as the name.
M.Entity = core.gazetteer_entity_mt
--- Metatable of problem tables ({file, line, message}); prints as "file:line: message".
M.Problem = core.gazetteer_problem_mt

--- The variant key of a name or word (search normalisation + transliteration
-- folds; `plain` = true for the novariant key).  variant_key("دميتري") ==
-- variant_key("ديمتري").
M.variant_key = core.variant_key

local function problem(file, line, message)
  return setmetatable({ file = file, line = line, message = message }, M.Problem)
end

--- A gazetteer from a list of rows: { id=, type=, name=, aliases= (list or
-- "a|b"), wikidata=, notes=, flags= (list or "novariant") }.  Returns the
-- gazetteer and the list of problems (rows that could not be added, with
-- their index as `line`, and names already owned by another entity); the
-- good rows are always added.
function M.new(rows, base)
  assert(rows == nil or type(rows) == "table", "akhbar.gazetteer.new: rows must be a list of tables")
  local g = base or core.gazetteer_new()
  local problems = {}
  for i, row in ipairs(rows or {}) do
    if type(row) ~= "table" then
      problems[#problems + 1] = problem("rows", i, "row is a " .. type(row) .. ", not a table")
    else
      local ok, n, probs = pcall(g.add, g, row, i)
      if not ok then
        local msg = tostring(n):gsub("^.-akhbar%.Gazetteer:add: ", "")
        problems[#problems + 1] = problem("rows", i, msg .. "; row skipped")
      else
        for _, p in ipairs(probs) do problems[#problems + 1] = p end
      end
    end
  end
  return g, problems
end

local default_path

--- Where the default gazetteer is: $AKHBAR_GAZETTEER, else gazetteer.tsv
-- next to this module (installed: LUADIR/akhbar/gazetteer.tsv), else
-- data/gazetteer.tsv of the source tree this module was loaded from.
function M.default_path()
  if default_path then return default_path end
  local env = os.getenv("AKHBAR_GAZETTEER")
  if env and env ~= "" then return env end
  local here = package.searchpath("akhbar.gazetteer", package.path)
  local candidates = {}
  if here then
    local dir = here:match("^(.*)[/\\]") or "."
    candidates[#candidates + 1] = dir .. "/gazetteer.tsv"
    candidates[#candidates + 1] = dir .. "/../../data/gazetteer.tsv"
  end
  candidates[#candidates + 1] = "data/gazetteer.tsv"
  for _, p in ipairs(candidates) do
    local f = io.open(p, "rb")
    if f then
      f:close()
      default_path = p
      return p
    end
  end
  return nil, "akhbar.gazetteer: default gazetteer not found (tried " .. table.concat(candidates, ", ")
    .. "); set AKHBAR_GAZETTEER or install data/gazetteer.tsv"
end

--- Load a TSV gazetteer.  Returns the gazetteer and the list of problems
-- (malformed lines are skipped and listed, each prints as "file:line:
-- reason"), or nil and a message when the file cannot be read or has no
-- usable header.  `base`: a gazetteer to load into, or "default" for a
-- fresh copy of the default gazetteer with this file on top.
function M.load(path, base)
  assert(type(path) == "string", "akhbar.gazetteer.load: path must be a string")
  local g
  if base == "default" then
    local err
    g, err = M.default { fresh = true }
    if not g then return nil, err end
  elseif base ~= nil then
    g = base
  else
    g = core.gazetteer_new()
  end
  local n, problems = g:load(path)
  if not n then return nil, problems end
  return g, problems
end

--- Load TSV text (same as load, `name` names it in problems).
function M.parse(text, name, base)
  local g = base or core.gazetteer_new()
  local n, problems = g:load_string(text, name or "=(string)")
  if not n then return nil, problems end
  return g, problems
end

local default_gaz, default_problems

--- The default gazetteer (data/gazetteer.tsv), loaded once and shared;
-- {fresh = true} gives a private copy that may be extended with :add or
-- :load.  Returns the gazetteer (and its problems), or nil, message.
function M.default(opts)
  if default_gaz and not (opts and opts.fresh) then return default_gaz, default_problems end
  local path, err = M.default_path()
  if not path then return nil, err end
  local g, problems = M.load(path)
  if not g then return nil, problems end
  if not (opts and opts.fresh) then default_gaz, default_problems = g, problems end
  return g, problems
end

--- Stream the entity mentions of `text`: for m in entities(text [, gaz]) do
-- ... end with m = {id, type, name, surface, start, stop, sentence, entity}
-- (start/stop 1-based inclusive byte offsets: text:sub(m.start, m.stop) ==
-- m.surface; sentence 1-based; entity the index in the gazetteer).
function M.entities(text, gaz)
  if type(text) ~= "string" then
    error("akhbar.entities: bad argument #1 (string expected, got " .. type(text) .. ")", 2)
  end
  if gaz == nil then
    local err
    gaz, err = M.default()
    if not gaz then error(err, 2) end
  end
  return gaz:match(text)
end

return M
