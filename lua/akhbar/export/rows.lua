--- akhbar.export.rows: any result stream (an iterator triple or an array)
-- as row tables, and the readable order of a row's fields, which JSON,
-- CSV and the shell's tables share.  Adds `export.rows` and
-- `export.columns` to akhbar.export.
-- @module akhbar.export.rows
local export = require "akhbar.export"

local sort = table.sort

--- Turn what a call returned into one stream of rows.
-- Accepts an array of tables, or an iterator triple `f, s, ctl [, closing]`
-- (the fourth value is closed when the stream ends, as a generic `for`
-- does).  Each step may yield several values: `e, n` from `c:cooccur`
-- becomes `e` plus a field `names[2]` ("count" by default); plain values
-- become fields named by `names` (default `value`, `count`, `v3`...).
-- @param names optional field names for the yielded values
-- @param f the iterator function, or an array of row tables
-- @param s the iterator's state
-- @param ctl its first control value
-- @param closing its to-be-closed value, or nil
-- @return a function returning the next row table or nil, and a function
-- closing the stream early
function export.rows(names, f, s, ctl, closing)
  names = names or {}
  if type(f) == "table" then
    local list, i = f, 0
    return function()
      i = i + 1
      return list[i]
    end
  end
  if type(f) ~= "function" then
    error("akhbar.export: expected an iterator or an array of rows, got " .. type(f), 3)
  end
  local done = false
  local function close()
    if done then return end
    done = true
    if closing ~= nil then
      local mt = getmetatable(closing)
      local cl = mt and mt.__close
      if cl then cl(closing) end
    end
  end
  return function()
    if done then return nil end
    local vals = table.pack(f(s, ctl))
    ctl = vals[1]
    if vals[1] == nil then
      close()
      return nil
    end
    local row
    if type(vals[1]) == "table" and vals.n == 1 then
      row = vals[1]
    else
      row = {}
      local first = 1
      if type(vals[1]) == "table" then
        for k, v in pairs(vals[1]) do row[k] = v end
        first = 2
      end
      for i = first, vals.n do
        local name = names[i] or (i == 1 and "value") or (i == 2 and "count") or ("v" .. i)
        row[name] = vals[i]
      end
    end
    return row
  end, close
end

-- Field order: columns named first in `preferred`, then the rest sorted.
local PREFERRED = { "id", "article", "score", "period", "date", "published", "first_seen",
  "source", "first_outlet", "outlet", "name", "type", "speaker", "speaker_entity", "verb",
  "verb_class", "title", "surface", "count", "size", "text", "snippet", "url" }
local RANK = {}
for i, k in ipairs(PREFERRED) do RANK[k] = i end

local function key_less(a, b)
  local ra, rb = RANK[a], RANK[b]
  if ra and rb then return ra < rb end
  if ra then return true end
  if rb then return false end
  if type(a) == type(b) then return a < b end
  return type(a) == "number"
end

--- The keys of a row in a stable, readable order (id, score, date, source,
-- title ... first, then the others sorted).
function export.columns(row)
  local keys = {}
  for k in pairs(row) do
    if type(k) == "string" or math.type(k) == "integer" then keys[#keys + 1] = k end
  end
  sort(keys, key_less)
  return keys
end

return export
