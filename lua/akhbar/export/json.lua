--- akhbar.export.json: JSON text of a Lua value, and rows as JSON Lines.
-- Adds `export.json` and `export.jsonl` to akhbar.export.
-- @module akhbar.export.json
local export = require "akhbar.export"
local output = require "akhbar.export.output"

local concat = table.concat
local fmt = string.format
local valid_utf8, open_dest, put, write_rows = output.valid_utf8, output.open_dest, output.put, output.write_rows

local ESC = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function json_string(s)
  s = valid_utf8(s)
  s = s:gsub('[%c"\\]', function(c)
    return ESC[c] or fmt("\\u%04x", c:byte())
  end)
  -- U+2028/2029 are valid JSON but break JavaScript string literals.
  s = s:gsub("\u{2028}", "\\u2028"):gsub("\u{2029}", "\\u2029")
  return '"' .. s .. '"'
end

local function is_array(t)
  local n = #t
  if n == 0 then return next(t) == nil end
  local count = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
    count = count + 1
  end
  return count == n
end

local encode

local function encode_value(v, out, seen)
  local tv = type(v)
  if v == nil then
    out[#out + 1] = "null"
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then
      out[#out + 1] = "null"
    elseif math.type(v) == "integer" then
      out[#out + 1] = fmt("%d", v)
    else
      -- The shortest form that reads back as the same number.
      local text = fmt("%.15g", v)
      if tonumber(text) ~= v then text = fmt("%.17g", v) end
      out[#out + 1] = text
    end
  elseif tv == "string" then
    out[#out + 1] = json_string(v)
  elseif tv == "table" then
    if seen[v] then error("akhbar.export.json: cannot encode a table that contains itself", 0) end
    seen[v] = true
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode_value(v[i], out, seen)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      local first = true
      for _, k in ipairs(export.columns(v)) do
        if not first then out[#out + 1] = "," end
        first = false
        out[#out + 1] = json_string(tostring(k))
        out[#out + 1] = ":"
        encode_value(v[k], out, seen)
      end
      out[#out + 1] = "}"
    end
    seen[v] = nil
  else
    -- userdata, functions: their printed form (a corpus prints its path).
    out[#out + 1] = json_string(tostring(v))
  end
end

--- Encode a Lua value as JSON text (one line).
-- Arrays are tables with keys 1..n (an empty table is `[]`); other tables
-- are objects with keys in `export.columns` order.  NaN and infinities are
-- `null`; invalid UTF-8 bytes become U+FFFD; other values (userdata) are
-- written as their `tostring`.
function encode(v)
  local out = {}
  encode_value(v, out, {})
  return concat(out)
end
export.json = encode

--- Write rows as JSON Lines: one JSON object per line, UTF-8, no BOM.
-- @param dest path, file or options table
-- @param ... an iterator triple (as returned by `c:search(q)`) or an array
-- @return the number of rows written, or nil and a message
function export.jsonl(dest, ...)
  local who = "akhbar.export.jsonl"
  local f, close, opts, where = open_dest(dest, who)
  if not f then return nil, close end
  local next_row, stop = export.rows(opts.names, ...)
  return write_rows(f, close, stop, who, where, function()
    local n = 0
    for row in next_row do
      if opts.columns then
        local sel = {}
        for _, k in ipairs(opts.columns) do sel[k] = row[k] end
        row = sel
      end
      put(f, encode(row), "\n")
      n = n + 1
    end
    return n
  end)
end

return export
