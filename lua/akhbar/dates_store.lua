--- akhbar.dates_store: the dates an article mentions, stored and queried.
-- The news extension (akhbar.news_store) includes `schema` in its own and
-- calls `insert` from its analyze; corpus.lua calls `mentions_clause` for
-- `c:search(q, {mentions = {...}})`.  Methods added to the corpus:
--
--  * `c:dates{from=, to=, role=, kind=, source=, article=, limit=}` streams
--    the mentions joined to their article, ordered by the first day they
--    cover.
--
-- A mention covers the days first..last (ISO yyyy-mm-dd): one day for a
-- day, the whole month for a month («أغسطس 2015»), the whole year for a
-- year, both ends for a range («من 10 إلى 15 أغسطس»).  "Which articles talk
-- about the days D1..D2" is an overlap: first <= D2 AND last >= D1.
-- @module akhbar.dates_store
local M = {}

M.schema = [[
CREATE TABLE IF NOT EXISTS dates (
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL,   -- articles.id
  start INTEGER NOT NULL,     -- 1-based inclusive byte offsets into articles.text
  stop INTEGER NOT NULL,
  text TEXT NOT NULL,         -- the expression as written
  value TEXT,                 -- resolved: yyyy-mm-dd | yyyy-mm | yyyy; NULL when unresolved
  first TEXT,                 -- first and last day covered (yyyy-mm-dd); NULL when unresolved
  last TEXT,
  granularity TEXT,           -- day | month | year | range
  kind TEXT,                  -- absolute | partial | relative | hijri | stamp
  role TEXT                   -- news | future | past | stamp | other
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article, first);
CREATE INDEX IF NOT EXISTS dates_first ON dates(first, last);
-- The longest span stored, read in O(log n): an overlap query bounds
-- `first` from below with it, so it reads only the part of dates_first
-- that can overlap (not every mention before the range's end).
CREATE INDEX IF NOT EXISTS dates_span ON dates(julianday(last) - julianday(first));
]]

M.ROLES = { "news", "future", "past", "stamp", "other" }
M.KINDS = { "absolute", "partial", "relative", "hijri", "stamp" }
local function set(list)
  local t = {}
  for _, v in ipairs(list) do t[v] = true end
  return t
end
local ROLE, KIND = set(M.ROLES), set(M.KINDS)

-- ------------------------------------------------------------ days

-- Days since 1970-01-01 and back (proleptic Gregorian; H. Hinnant's
-- civil algorithms): plain Lua, so the store needs nothing from the C
-- date scanner.
local function days(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end

local function civil(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return y, m, d
end
M.days, M.civil = days, civil

local function iso(y, m, d) return ("%04d-%02d-%02d"):format(y, m, d) end

local function month_end(y, m)
  if m == 12 then return 31 end
  return days(y, m + 1, 1) - days(y, m, 1)
end

--- The first and last day of an ISO date, month or year ("2015-08-12",
-- "2015-08", "2015"); nil when `s` is none of these (or not a real day).
function M.span(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if m < 1 or m > 12 or d < 1 or d > month_end(y, m) then return nil end
    return iso(y, m, d), iso(y, m, d)
  end
  y, m = s:match("^(%d%d%d%d)%-(%d%d)$")
  if y then
    y, m = tonumber(y), tonumber(m)
    if m < 1 or m > 12 then return nil end
    return iso(y, m, 1), iso(y, m, month_end(y, m))
  end
  y = s:match("^(%d%d%d%d)$")
  if y then return y .. "-01-01", y .. "-12-31" end
  return nil
end

-- ------------------------------------------------------------ storing

-- The kinds of the date scanner before the analysis named its own
-- (date / relative / crawl): mapped so older parses still store sensibly.
local function kind_of(h)
  if KIND[h.kind] then return h.kind end
  if h.kind == "crawl" then return "stamp" end
  if h.hijri or h.calendar == "hijri" then return "hijri" end
  if h.kind == "relative" or h.relative then return "relative" end
  if h.evidence == "inferred" then return "partial" end
  return "absolute"
end

local GRANULARITY = { [10] = "day", [7] = "month", [4] = "year" }

--- The row stored for one mention of `doc.dates` (see akhbar.news):
-- fields the analysis leaves out are derived (first/last from the value,
-- granularity from its length, the surface from the offsets).
function M.row(h, text)
  local value = type(h.date) == "string" and h.date or nil
  local first, last = h.first, h.last
  if not (first and last) and value then first, last = M.span(value) end
  local granularity = h.granularity
  if not granularity then
    granularity = value and GRANULARITY[#value] or nil
    if first and last and first ~= last and granularity == "day" then granularity = "range" end
  end
  local kind = kind_of(h)
  local role = h.role or (kind == "stamp" and "stamp" or nil)
  return {
    start = h.start, stop = h.stop, text = h.text or text:sub(h.start, h.stop), value = value,
    first = first, last = last, granularity = granularity, kind = kind, role = role,
  }
end

--- Insert the mentions of a parsed article (news.parse(...).dates).
function M.insert(c, id, hits, text)
  for _, h in ipairs(hits or {}) do
    if math.tointeger(h.start) and math.tointeger(h.stop) then
      local r = M.row(h, text)
      c:exec("INSERT INTO dates (article, start, stop, text, value, first, last, granularity, kind, role) "
        .. "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, r.start, r.stop, r.text, r.value, r.first, r.last, r.granularity, r.kind, r.role)
    end
  end
end

--- Remove the mentions of article `id` (re-analysis).
function M.forget(c, id)
  c:exec("DELETE FROM dates WHERE article = ?", id)
end

-- ------------------------------------------------------------ querying

-- A date bound of a query as a day: `from` is the first day of what it
-- names, `to` the last (to = "2015-08" means up to 31 August).
local function bound(v, which, where, level)
  if v == nil then return nil end
  local first, last = M.span(tostring(v))
  if not first then
    error(("%s: %s must be a date as yyyy-mm-dd (or yyyy-mm, yyyy), got '%s'")
      :format(where, which, tostring(v)), level + 1)
  end
  return which:find("from") and first or last
end

local function one_of(v, valid, list, which, where, level)
  if v == nil then return nil end
  if not valid[v] then
    error(("%s: %s must be one of %s, got '%s'"):format(where, which, table.concat(list, ", "), tostring(v)),
      level + 1)
  end
  return v
end

-- The longest span stored, in days (0 when there is none).
local function max_span(c)
  local r = c:one("SELECT max(julianday(last) - julianday(first)) AS span FROM dates")
  return r and r.span and math.ceil(r.span) or 0
end

-- The overlap of d.first..d.last with from..to (either may be nil) as
-- WHERE terms; `lower` adds the bound that lets dates_first be ranged.
local function overlap(where, args, alias, from, to, lower)
  if to then
    where[#where + 1] = alias .. ".first <= ?"
    args[#args + 1] = to
  end
  if from then
    where[#where + 1] = alias .. ".last >= ?"
    args[#args + 1] = from
    if lower then
      local y, m, d = from:match("^(%d+)%-(%d+)%-(%d+)$")
      where[#where + 1] = alias .. ".first >= ?"
      args[#args + 1] = iso(civil(days(tonumber(y), tonumber(m), tonumber(d)) - lower))
    end
  end
end

local function no_table(c, where)
  if not c:one("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'dates'") then
    error(where .. ": this corpus has no dates table (made by an older akhbar, or opened without "
      .. "extensions): open it writable once and run `akhbar reanalyze DB` (c:reanalyze())", 3)
  end
end

--- The WHERE term (and its arguments, appended to `args`) that keeps the
-- articles `a` mentioning a day in m.from..m.to (c:search's `mentions`
-- option): {from=, to=, role=}.  Raises on a bad option.
function M.mentions_clause(c, m, args, where_name)
  where_name = where_name or "akhbar.search"
  if type(m) ~= "table" then
    error(where_name .. ": opts.mentions must be a table {from=, to=, role=}, got " .. type(m), 4)
  end
  local from = bound(m.from, "opts.mentions.from", where_name, 4)
  local to = bound(m.to, "opts.mentions.to", where_name, 4)
  local role = one_of(m.role, ROLE, M.ROLES, "opts.mentions.role", where_name, 4)
  if not (from or to or role) then
    error(where_name .. ": opts.mentions needs from, to or role (the days the articles talk about)", 4)
  end
  no_table(c, where_name)
  local where = { "d.article = a.id" }
  overlap(where, args, "d", from, to, nil)
  if not from and not to then where[#where + 1] = "d.first IS NOT NULL" end
  if role then
    where[#where + 1] = "d.role = ?"
    args[#args + 1] = role
  end
  return "EXISTS (SELECT 1 FROM dates d WHERE " .. table.concat(where, " AND ") .. ")"
end

--- c:dates{from=, to=, role=, kind=, source=, article=, limit=}: stream
-- the date mentions, each {article, published, source, title, text, value,
-- first, last, granularity, kind, role, start, stop}, ordered by first
-- (unresolved mentions, with no first, come last and only when no range
-- is asked for).  from/to: the days talked about (a mention is kept when
-- its days overlap from..to; yyyy-mm and yyyy name whole months and
-- years); role: news, future, past, stamp, other; kind: absolute,
-- partial, relative, hijri, stamp; source: the outlet; article: one id.
-- Four values for a generic for (the fourth closes the statement on break).
function M.dates(c, opts)
  local where_name = "akhbar.Corpus:dates"
  opts = opts or {}
  if type(opts) ~= "table" then error(where_name .. ": options table expected, got " .. type(opts), 2) end
  local from = bound(opts.from, "opts.from", where_name, 2)
  local to = bound(opts.to, "opts.to", where_name, 2)
  if from and to and from > to then
    error(("%s: opts.from (%s) is after opts.to (%s)"):format(where_name, opts.from, opts.to), 2)
  end
  local role = one_of(opts.role, ROLE, M.ROLES, "opts.role", where_name, 2)
  local kind = one_of(opts.kind, KIND, M.KINDS, "opts.kind", where_name, 2)
  local limit = -1
  if opts.limit ~= nil then
    limit = math.tointeger(opts.limit)
    if not limit or limit < 0 then
      error(where_name .. ": opts.limit must be a non-negative integer, got " .. tostring(opts.limit), 2)
    end
  end
  local article
  if opts.article ~= nil then
    article = math.tointeger(opts.article)
    if not article then error(where_name .. ": opts.article must be an article id, got " .. tostring(opts.article), 2) end
  end
  no_table(c, where_name)
  local where, args = {}, {}
  overlap(where, args, "d", from, to, from and max_span(c))
  if role then where[#where + 1] = "d.role = ?" args[#args + 1] = role end
  if kind then where[#where + 1] = "d.kind = ?" args[#args + 1] = kind end
  if article then where[#where + 1] = "d.article = ?" args[#args + 1] = article end
  if opts.source ~= nil then where[#where + 1] = "a.source = ?" args[#args + 1] = tostring(opts.source) end
  args[#args + 1] = limit
  return c:rows("SELECT d.article AS article, a.published AS published, a.source AS source, a.title AS title, "
    .. "d.text AS text, d.value AS value, d.first AS first, d.last AS last, d.granularity AS granularity, "
    .. "d.kind AS kind, d.role AS role, d.start AS start, d.stop AS stop "
    .. "FROM dates d JOIN articles a ON a.id = d.article"
    .. (#where > 0 and " WHERE " .. table.concat(where, " AND ") or "")
    -- with a range, no NULL first is left and dates_first gives the order
    .. ((from or to) and " ORDER BY d.first, d.last, d.id" or " ORDER BY d.first IS NULL, d.first, d.last, d.id")
    .. " LIMIT ?", table.unpack(args))
end

return M
