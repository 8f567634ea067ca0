--- akhbar.export.csv: rows as CSV (RFC 4180), for spreadsheets.  Adds
-- `export.csv` and `export.LOOKAHEAD` to akhbar.export.
-- @module akhbar.export.csv
local export = require "akhbar.export"
local output = require "akhbar.export.output"

local concat = table.concat
local fmt = string.format
local valid_utf8, open_dest, put, write_rows = output.valid_utf8, output.open_dest, output.put, output.write_rows
-- A field holding a table is written as its JSON text.
local encode = export.json

local function csv_field(v, sep)
  if v == nil then return "" end
  if type(v) == "table" then
    v = encode(v)
  elseif type(v) == "boolean" then
    v = v and "true" or "false"
  elseif math.type(v) == "float" then
    v = fmt("%.15g", v)
  else
    v = valid_utf8(tostring(v))
  end
  if v:find('[' .. sep .. '"\r\n]') then
    v = '"' .. v:gsub('"', '""') .. '"'
  end
  return v
end

--- Rows `export.csv` reads ahead to find its columns when none are given.
export.LOOKAHEAD = 100

--- Write rows as CSV (RFC 4180: comma, CRLF line ends, fields quoted when
-- they hold a comma, a quote or a line break).
-- Columns come from `opts.columns` or from the keys of the first
-- `export.LOOKAHEAD` rows in `export.columns` order.  A field holding a
-- table (a story's members) is written as JSON.  Options: `bom` (UTF-8 byte order mark for
-- spreadsheets), `sep` (another separator, e.g. ";" or "\t"), `header`
-- (false to omit the header line), `names` (see `export.rows`).
-- @return the number of data rows written, or nil and a message
function export.csv(dest, ...)
  local who = "akhbar.export.csv"
  local f, close, opts, where = open_dest(dest, who)
  if not f then return nil, close end
  local sep = opts.sep or ","
  local next_row, stop = export.rows(opts.names, ...)
  local columns = opts.columns
  return write_rows(f, close, stop, who, where, function()
    local n = 0
    if opts.bom then put(f, "\u{FEFF}") end
    local function header()
      if opts.header == false then return end
      local h = {}
      for i, k in ipairs(columns) do h[i] = csv_field(tostring(k), sep) end
      put(f, concat(h, sep), "\r\n")
    end
    local function write(row)
      local line = {}
      for i, k in ipairs(columns) do line[i] = csv_field(row[k], sep) end
      put(f, concat(line, sep), "\r\n")
      n = n + 1
    end
    if columns then
      header()
    else
      -- Columns are the union of the keys of the first LOOKAHEAD rows: a
      -- field that is nil in the first row (a hit with no date) must not
      -- vanish from the whole file.
      local buffered, keys = {}, {}
      for row in next_row do
        buffered[#buffered + 1] = row
        for k in pairs(row) do keys[k] = true end
        if #buffered >= export.LOOKAHEAD then break end
      end
      columns = export.columns(keys)
      if #buffered > 0 then header() end
      for _, row in ipairs(buffered) do write(row) end
    end
    for row in next_row do write(row) end
    return n
  end)
end

return export
