--- akhbar.export.timeline: an entity's mentions per period and per
-- outlet (`export.timeline`), written as CSV (`export.timeline_csv`).
-- akhbar.export.svg draws the same table.
-- @module akhbar.export.timeline
local export = require "akhbar.export"

local sort = table.sort
local fmt = string.format

-- The periods between the first and the last, so gaps show as zeros.
-- Understands YYYY, YYYY-MM, YYYY-MM-DD (days, or weeks starting on that
-- day) and YYYY-Www; other labels are kept as they are.
local function fill_periods(periods, by)
  if #periods < 2 then return periods end
  local first, last = periods[1], periods[#periods]
  local out = {}
  local y, m = first:match("^(%d%d%d%d)%-(%d%d)$")
  local y2, m2 = last:match("^(%d%d%d%d)%-(%d%d)$")
  if y and y2 then
    y, m, y2, m2 = tonumber(y), tonumber(m), tonumber(y2), tonumber(m2)
    while (y < y2 or (y == y2 and m <= m2)) and #out < 10000 do
      out[#out + 1] = fmt("%04d-%02d", y, m)
      m = m + 1
      if m > 12 then m, y = 1, y + 1 end
    end
    return out
  end
  local a = { first:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$") }
  local b = { last:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$") }
  if a[1] and b[1] then
    local step = by == "week" and 7 or 1
    local t = os.time { year = tonumber(a[1]), month = tonumber(a[2]), day = tonumber(a[3]), hour = 12 }
    local t2 = os.time { year = tonumber(b[1]), month = tonumber(b[2]), day = tonumber(b[3]), hour = 12 }
    while t <= t2 + 3600 and #out < 20000 do
      out[#out + 1] = os.date("%Y-%m-%d", t)
      local d = os.date("*t", t)
      t = os.time { year = d.year, month = d.month, day = d.day + step, hour = 12 }
    end
    -- A week label that is not on our 7-day grid: keep the given periods.
    for _, p in ipairs(periods) do
      local found = false
      for _, q in ipairs(out) do if q == p then found = true break end end
      if not found then return periods end
    end
    return out
  end
  -- Weeks as SQLite's strftime('%Y-W%W') writes them (Monday weeks,
  -- 00-53): walk the days and keep each new label.
  local wy = first:match("^(%d%d%d%d)%-W%d%d$")
  if wy and last:match("^%d%d%d%d%-W%d%d$") then
    local t = os.time { year = tonumber(wy), month = 1, day = 1, hour = 12 }
    local started = false
    for _ = 1, 366 * 30 do
      local label = os.date("%Y-W%W", t)
      if label == first then started = true end
      if started and out[#out] ~= label then out[#out + 1] = label end
      if label == last then return out end
      local d = os.date("*t", t)
      t = os.time { year = d.year, month = d.month, day = d.day + 1, hour = 12 }
    end
    return periods
  end
  local yy, yy2 = first:match("^(%d%d%d%d)$"), last:match("^(%d%d%d%d)$")
  if yy and yy2 then
    for v = tonumber(yy), tonumber(yy2) do out[#out + 1] = tostring(v) end
    return out
  end
  return periods
end

--- Collect an entity's mentions per period and per outlet.
-- Uses `c:outlets(name)` for the outlets and `c:timeline(name, {by=,
-- source=})` for each; the `max_series` outlets with most articles get
-- their own series, the rest (and articles with no outlet) are summed as
-- "other".  Counts are articles naming the entity (`count = "mentions"`:
-- mentions).
-- @param c an open corpus
-- @param name an entity name
-- @param opts `{by = "day" | "week" | "month" | "year", max_series = 8, per_outlet = true,
-- count = "articles" | "mentions", source = nil}` (source: one outlet only, one series;
-- by: chosen from the span drawn when not given, see `c:timeline_period`:
-- days up to two months, weeks up to a year, months up to ten years, years beyond)
-- @return `{name=, by=, periods = {...}, total = {[period]=n}, series =
-- {{name = outlet, counts = {[period] = n}, sum = n}...}}`
function export.timeline(c, name, opts)
  opts = opts or {}
  -- One period for every series: the span of all of them (or the outlet's).
  local by = opts.by or (c.timeline_period and c:timeline_period(name, { source = opts.source })) or "month"
  local max_series = opts.max_series or 8
  local tl = { name = name, by = by, series = {}, total = {}, count = opts.count or "articles" }
  local seen = {}
  local function collect(counts, source)
    local sum = 0
    for period, articles, mentions in c:timeline(name, { by = by, source = source }) do
      local n = opts.count == "mentions" and mentions or articles
      if period ~= nil then
        period = tostring(period)
        counts[period] = (counts[period] or 0) + n
        sum = sum + n
        seen[period] = true
      end
    end
    return sum
  end
  local total_sum = collect(tl.total, opts.source)
  if opts.source then
    tl.series[1] = { name = opts.source, counts = tl.total, sum = total_sum }
  elseif opts.per_outlet ~= false and c.outlets then
    local outlets = {}
    for o, n in c:outlets(name) do
      local oname = type(o) == "table" and (o.source or o.outlet or o.name) or o
      local count = n or (type(o) == "table" and (o.count or o.n)) or 0
      if oname then outlets[#outlets + 1] = { name = tostring(oname), n = count } end
    end
    sort(outlets, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.name < b.name end)
    for i, o in ipairs(outlets) do
      if i > max_series then break end
      if o.name ~= "" then
        local s = { name = o.name, counts = {} }
        s.sum = collect(s.counts, o.name)
        -- An outlet whose articles naming the entity are all undated has
        -- no point on a time axis.
        if s.sum > 0 then tl.series[#tl.series + 1] = s end
      end
    end
    -- The remaining outlets and the articles with no outlet: the total
    -- minus the series drawn (one query, however many outlets there are).
    local other = { name = #tl.series > 0 and "other" or "all", counts = {}, sum = 0 }
    for period, n in pairs(tl.total) do
      local rest = n
      for _, s in ipairs(tl.series) do rest = rest - (s.counts[period] or 0) end
      if rest > 0 then
        other.counts[period] = rest
        other.sum = other.sum + rest
      end
    end
    if other.sum > 0 then tl.series[#tl.series + 1] = other end
  end
  if #tl.series == 0 then
    tl.series[1] = { name = "all", counts = tl.total, sum = total_sum }
  end
  local periods = {}
  for p in pairs(seen) do periods[#periods + 1] = p end
  sort(periods)
  tl.periods = fill_periods(periods, by)
  return tl
end

--- Write a timeline (from `export.timeline`) as CSV: one row per period,
-- columns `period`, `total`, then one per outlet.  Periods with no
-- mention are written as 0.  Options as `export.csv` (`bom`, `sep`).
-- @return the number of rows written, or nil and a message
function export.timeline_csv(dest, tl)
  local columns = { "period", "total" }
  local one = #tl.series == 1 and tl.series[1].name == "all"
  if not one then
    for _, s in ipairs(tl.series) do columns[#columns + 1] = s.name end
  end
  local rows = {}
  for i, p in ipairs(tl.periods) do
    local row = { period = p, total = tl.total[p] or 0 }
    if not one then
      for _, s in ipairs(tl.series) do row[s.name] = s.counts[p] or 0 end
    end
    rows[i] = row
  end
  local d = type(dest) == "table" and io.type(dest) ~= "file" and dest or { path = dest }
  if io.type(dest) == "file" then d = { file = dest } end
  local o = {}
  for k, v in pairs(d) do o[k] = v end
  o.columns = columns
  if d.path == nil and d.file == nil then o.file = io.stdout end
  return export.csv(o, rows)
end

return export
