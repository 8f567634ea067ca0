--- akhbar.news.dates: the publication day of an article and every date it
-- mentions.  The C scanner (src/dates.c, `core.date_scan`) finds the
-- expressions; the rules here decide what they mean.
--
-- PUBLICATION DAY.  The evidence, strongest first, each named in
-- `doc.date_evidence` with `doc.date_confidence`:
--   given  1.00  the importer gave it (`published`)
--   url    0.95  a date in the article's URL (/2015/07/26/, 20150726,
--                2015-07-26, ?date=): the outlet's own print or web date
--   stamp  0.85  a dated page clock in the first lines («23-11-2024 10:39 AM»)
--   crawl  0.80  the crawl date (`crawled`)
--   body   0.60  the news day read from the body: the latest full date of
--                the story (0.50 without a stamp or crawl to check it)
-- A date in the body is usually an EVENT date (a meeting, a deadline, an
-- anniversary), so it never replaces given, url, stamp or crawl evidence
-- just because it is there.  It replaces a stamp or a crawl date only when
-- the body proves the page is an archive copy: everything the story dates
-- lies more than 180 days before the stamp or crawl, and (for a crawl date,
-- which is reliable in practice) its latest full date is in the lead.
--
-- MENTIONED DATES.  Each expression gets `value` (yyyy-mm-dd, yyyy-mm, yyyy
-- or "first..last"), `first`/`last` (the days it covers), `granularity`
-- (day, month, year, range), `kind` (absolute, partial, relative, hijri,
-- stamp) and `role` (news, future, past, other, stamp), all resolved
-- against the publication day.  A year-less date takes the year that puts
-- it nearest the publication day in the direction the text gives
-- (المقبل/القادم and future tense forwards, الماضي backwards), checked
-- against its weekday when one is written.  Hijri dates are converted with
-- ICU's Umm al-Qura calendar; a Hijri month or year without a day covers
-- the range of Gregorian days it spans.
-- @module akhbar.news.dates
local core = require "akhbar.core"

local M = {}

local fmt = string.format

local function iso(y, m, d)
  if y and m and d then return fmt("%04d-%02d-%02d", y, m, d) end
  if y and m then return fmt("%04d-%02d", y, m) end
  if y then return fmt("%04d", y) end
end
M.iso = iso

local function parse_iso(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then return tonumber(y), tonumber(m), tonumber(d) end
end
M.parse_iso = parse_iso

local days_from_civil, civil_from_days = core.days_from_civil, core.civil_from_days
-- a real Gregorian date (false when a part is nil): the scanner's own check
local valid = core.date_valid
local function days(y, m, d) return days_from_civil(y, m, d) end
local function day_iso(z) return iso(civil_from_days(z)) end
M.days = days

local function iso_days(s)
  local y, m, d = parse_iso(s)
  if y and valid(y, m, d) then return days(y, m, d) end
end

local function month_days(y, m)
  local first = days(y, m, 1)
  local ny, nm = y, m + 1
  if nm == 13 then ny, nm = y + 1, 1 end
  return first, days(ny, nm, 1) - 1
end

local function weekday_of(z) return (z + 4) % 7 end

---------------------------------------------------------------- URL dates

-- The outlet's date in a URL: /2015/07/26/, /20150726/, 2015-07-26,
-- ?date=2015-07-26.  Eight digits count only as a whole run of digits
-- (okaz's article ids start with the date and go on).
function M.url_date(url)
  if type(url) ~= "string" or url == "" then return nil end
  local path = url:gsub("^%a+://[^/]*", "")
  local cands = {}
  local function try(y, m, d)
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if y and y >= 1990 and y <= 2100 and valid(y, m, d) then cands[#cands + 1] = iso(y, m, d) end
  end
  for y, m, d in path:gmatch("[?&]date=(%d%d%d%d)%-?(%d%d)%-?(%d%d)") do try(y, m, d) end
  for y, m, d in path:gmatch("/(%d%d%d%d)/(%d%d?)/(%d%d?)/") do try(y, m, d) end
  for y, m, d in path:gmatch("%f[%d](%d%d%d%d)%-(%d%d)%-(%d%d)%f[%D]") do try(y, m, d) end
  for y, m, d in path:gmatch("%f[%d](%d%d%d%d)(%d%d)(%d%d)%f[%D]") do try(y, m, d) end
  return cands[1]
end

---------------------------------------------------------------- Hijri

local function h2g(hy, hm, hd)
  local y, m, d = core.hijri_to_gregorian(hy, hm, hd)
  if y then return days(y, m, d) end
end

-- The Gregorian days [first, last] of a Hijri month, or of a whole year.
local function hijri_month_days(hy, hm)
  local first = h2g(hy, hm, 1)
  local nhy, nhm = hy, hm + 1
  if nhm == 13 then nhy, nhm = hy + 1, 1 end
  local nxt = h2g(nhy, nhm, 1)
  if first and nxt then return first, nxt - 1 end
end

local function hijri_year_days(hy)
  local first, nxt = h2g(hy, 1, 1), h2g(hy + 1, 1, 1)
  if first and nxt then return first, nxt - 1 end
end

-- The Hijri year around a Gregorian day (enough to list the candidates).
local function hijri_year_near(z)
  local y = civil_from_days(z)
  return math.floor((y - 622) * 33 / 32)
end

local roles = require "akhbar.news.date_roles"
local future_context, role_of = roles.future_context, roles.role_of


---------------------------------------------------------------- resolution

-- Of the candidate days, the one nearest `anchor` allowed by `dir`
-- (-1: not after, +1: not before; nil: either, ties to the earlier).
local function nearest(cands, anchor, dir)
  local best, bd
  for _, z in ipairs(cands) do
    local ok = not dir or (dir < 0 and z <= anchor) or (dir > 0 and z >= anchor)
    if ok then
      local dd = math.abs(z - anchor)
      if not best or dd < bd or (dd == bd and z < best) then best, bd = z, dd end
    end
  end
  return best
end

-- «منذ ديسمبر»: since a month is a past month
local function since_before(text, start)
  local before = text:sub(math.max(1, start - 12), start - 1)
  return before:find("منذ%s*$") ~= nil
end

local function direction(h, text)
  if h.past then return -1 end
  if h.next then return 1 end
  if text and since_before(text, h.start) then return -1 end
  if text and future_context(text, h.start) then return 1 end
end

-- The days [first, last] of the year-less month `month` nearest the
-- anchor A in direction dir (-1 before A's month, +1 from it), or nil.
local function month_near(month, A, dir, past, current)
  local y0, m0 = civil_from_days(A)
  local cur = y0 * 12 + m0 - 1
  local best
  if current then best = month == m0 and cur or nil end
  if not best then
    local bd
    for y = y0 - 1, y0 + 1 do
      local idx = y * 12 + month - 1
      local ok = not dir or (dir < 0 and idx < cur) or (dir > 0 and idx >= cur)
      if past and idx == cur then ok = false end
      if ok then
        local dd = math.abs(idx - cur)
        if not best or dd < bd or (dd == bd and idx < best) then best, bd = idx, dd end
      end
    end
  end
  if best then return best // 12, best % 12 + 1 end
end

-- Set the resolved fields of a hit from its first/last days.
local function set_day(h, z)
  h.first, h.last = day_iso(z), day_iso(z)
  h.value, h.granularity = h.first, "day"
  h.first_days, h.last_days = z, z
end

local function set_span(h, a, b, granularity, value)
  h.first_days, h.last_days = a, b
  h.first, h.last = day_iso(a), day_iso(b)
  h.granularity = granularity
  h.value = value or (h.first .. ".." .. h.last)
end

-- Resolve one hit against the publication day `A` (a day number, or nil)
-- and `max_year` (the latest year written in the text, for inference when
-- there is no anchor).  Fills value, first, last, granularity, kind.
local function resolve(h, text, A, max_year)
  h.text = h.text or text:sub(h.start, h.stop)
  local hj = h.hijri
  if h.stamp then
    h.kind = "stamp"
    if valid(h.year, h.month, h.day) then set_day(h, days(h.year, h.month, h.day)) end
    return
  end
  if h.relative then
    h.kind = "relative"
    if not A then return end
    local target = A + h.relative
    if h.weekday then
      -- «أمس (الثلاثاء)», «اليوم (الاثنين)»: the weekday names the day
      -- meant, the latest such day up to the word's day (the first such
      -- day from it for «غداً السبت»)
      if h.relative > 0 then
        target = target + (h.weekday - weekday_of(target)) % 7
      else
        target = target - (weekday_of(target) - h.weekday) % 7
      end
    end
    set_day(h, target)
    return
  end
  if h.unit then
    -- «العام الماضي», «الشهر المقبل», «هذا العام»
    h.kind = "relative"
    if h.anaphoric then
      -- «العام الذي سبقه»: from the year written before it
      local y = h.base_year + h.offset
      set_span(h, days(y, 1, 1), days(y, 12, 31), "year", iso(y))
      return
    end
    if h.year then
      h.kind = "absolute"
      set_span(h, days(h.year, 1, 1), days(h.year, 12, 31), "year", iso(h.year))
      return
    end
    if not A then return end
    local y, m = civil_from_days(A)
    if h.unit == "year" then
      y = y + h.offset
      set_span(h, days(y, 1, 1), days(y, 12, 31), "year", iso(y))
    else
      m = m + h.offset
      if m == 0 then y, m = y - 1, 12 elseif m == 13 then y, m = y + 1, 1 end
      -- «الـ12 من الشهر الحالي»: a day of that month
      if h.day then
        if valid(y, m, h.day) then set_day(h, days(y, m, h.day)) end
        return
      end
      local a, b = month_days(y, m)
      set_span(h, a, b, "month", iso(y, m))
    end
    return
  end
  if hj then
    h.kind = "hijri"
    h.calendar = "hijri"
    local hy, hm, hd = hj[1], hj[2], hj[3]
    if hy == 0 then
      -- «13 شعبان», «رمضان المقبل»: the Hijri year nearest the anchor
      if not A then return end
      local dir = direction(h, text)
      local H = hijri_year_near(A)
      local cands, by = {}, {}
      for y = H - 2, H + 2 do
        local z = hd > 0 and h2g(y, hm, hd) or h2g(y, hm, 1)
        if z then
          if h.weekday and hd > 0 and weekday_of(z) ~= h.weekday then z = nil end
        end
        if z then cands[#cands + 1] = z; by[z] = y end
      end
      local z = nearest(cands, A, dir) or nearest(cands, A)
      if not z then return end
      hy = by[z]
      h.hijri = { hy, hm, hd }
    end
    if hd > 0 then
      local z = h2g(hy, hm, hd)
      if not z then return end
      if h.day2 then
        local z2 = h2g(hy, hm, h.day2)
        if z2 then set_span(h, z, z2, "range") return end
      end
      set_day(h, z)
    elseif (hm or 0) > 0 and (h.month or hj[1] == 0) then
      local a, b = hijri_month_days(hy, hm)
      if a then set_span(h, a, b, "range") end
    else
      -- «عام 1436 / 1437هـ»: year2 is the second Hijri year
      local a, b = hijri_year_days(hy)
      if h.year2 and h.year2 > hy then b = select(2, hijri_year_days(h.year2)) end
      if a and b then set_span(h, a, b, "range") end
    end
    return
  end
  if h.year2 and not h.day then
    -- «بين عامي 2010 و2014»
    h.kind = "absolute"
    set_span(h, days(h.year, 1, 1), days(h.year2, 12, 31), "range", iso(h.year) .. ".." .. iso(h.year2))
    return
  end
  if h.year and not h.month then
    h.kind = "absolute"
    set_span(h, days(h.year, 1, 1), days(h.year, 12, 31), "year", iso(h.year))
    return
  end
  if h.weekday and not h.day and not h.month then
    -- a weekday alone: «الأربعاء المقبل», «(الاثنين)»
    h.kind = "relative"
    if not A then return end
    local dir = direction(h, text)
    local wd = weekday_of(A)
    local z
    if dir and dir > 0 then
      local k = (h.weekday - wd) % 7
      if k == 0 and h.next then k = 7 end
      z = A + k
    else
      local k = (wd - h.weekday) % 7
      if k == 0 and h.past then k = 7 end
      z = A - k
    end
    if h.night then set_span(h, z, z + 1, "range") return end
    set_day(h, z)
    return
  end
  if h.month and not h.day then
    -- a month without a day: «أغسطس الماضي», «سبتمبر المقبل»; two
    -- coordinated months «يونيو ويوليو الماضيين» (month2): the direction
    -- and the year belong to the pair, the first month is the one before
    -- the second
    local last_month = h.month2 or h.month
    local y, m
    if h.year_offset then
      -- «حزيران (يونيو) من العام الحالي»: the year is a relative one
      h.kind = "partial"
      if not A then return end
      y, m = civil_from_days(A) + h.year_offset, last_month
    elseif h.year then
      h.kind = "absolute"
      y, m = h.year, last_month
    else
      h.kind = "partial"
      if not A then return end
      y, m = month_near(last_month, A, direction(h, text), h.past, h.current)
      if not y then return end
    end
    local a, b = month_days(y, m)
    if not h.month2 then
      set_span(h, a, b, "month", iso(y, m))
      return
    end
    local y1 = h.month < h.month2 and y or y - 1
    local a1 = month_days(y1, h.month)
    set_span(h, a1, b, "range", iso(y1, h.month) .. ".." .. iso(y, m))
    return
  end
  if h.month and h.day then
    local y = h.year
    h.kind = y and "absolute" or "partial"
    if not y then
      local dir = direction(h, text)
      if A then
        local y0 = civil_from_days(A)
        local all, same = {}, {}
        for yy = y0 - 1, y0 + 1 do
          if valid(yy, h.month, h.day) then
            local z = days(yy, h.month, h.day)
            all[#all + 1] = z
            if not h.weekday or weekday_of(z) == h.weekday then same[#same + 1] = z end
          end
        end
        -- a day within a month of the anchor is that one, whatever its
        -- weekday says (writers miss a weekday by one more often than a
        -- year); further away, the weekday picks the year
        local z = nearest(all, A, dir) or nearest(all, A)
        if not (z and math.abs(z - A) <= 31) then z = nearest(same, A, dir) or nearest(same, A) or z end
        if z then y = civil_from_days(z) end
      end
      if not y and h.weekday and max_year then
        -- no anchor: the first year from the latest year written whose
        -- calendar puts this day on this weekday
        y = core.infer_year(h.month, h.day, h.weekday, max_year, max_year + 12, max_year)
        if y == 0 then y = nil end
      end
      if not y then return end
      h.inferred = true
    end
    if not valid(y, h.month, h.day) then return end
    local z = days(y, h.month, h.day)
    if h.weekday and weekday_of(z) ~= h.weekday then
      -- «الجمعة 25 يوليو» when the 25th was a Saturday: the writer usually
      -- gets the weekday of a recent day right and the number wrong
      local k = (h.weekday - weekday_of(z)) % 7
      if k > 3 then k = k - 7 end
      if math.abs(k) == 1 then z = z + k end
    end
    if h.day2 and valid(y, h.month2 or h.month, h.day2) then
      set_span(h, z, days(y, h.month2 or h.month, h.day2), "range")
      return
    end
    set_day(h, z)
    return
  end
end


---------------------------------------------------------------- scan
local check_pairs -- below

--- The raw hits of text with page stamps marked (a numeric date with a
-- clock time on a line of its own near the top).
function M.scan(text)
  local hits = core.date_scan(text)
  for _, h in ipairs(hits) do
    h.text = text:sub(h.start, h.stop)
    if h.numeric and h.time then
      local ls = text:sub(1, h.start - 1):match(".*\n()") or 1
      local le = (text:find("\n", h.stop, true) or #text + 1) - 1
      local rest = text:sub(h.stop + 1, le):gsub("^%s+", "")
      if (h.zone or #rest < 80) and h.start - ls < 8 and ls < 400 then
        h.stamp = true
        h.line_start, h.line_stop = ls, le
      end
    end
  end
  -- «19 رمضان وحتى 21 شوال», «من 2010 إلى 2014»: two dates joined by a
  -- range word are one range
  local out = {}
  for _, h in ipairs(hits) do
    local prev = out[#out]
    -- «العام الذي سبقه»: counted from the last Gregorian year written
    -- before it; without one it is no date
    if h.anaphoric then
      for k = #out, 1, -1 do
        local o = out[k]
        if o.year and not o.hijri and not o.stamp then h.base_year = o.year2 or o.year break end
      end
      if not h.base_year then goto continue end
    end
    -- «غداً السبت 23 شوال»: a relative word right before a written date is
    -- part of it, and the written date wins
    if prev and prev.relative and (h.day or h.hijri) and not h.stamp
      and not text:sub(prev.stop + 1, h.start - 1):find("%S") then
      h.start, h.text = prev.start, text:sub(prev.start, h.stop)
      h.relative_word = prev.relative
      out[#out] = h
      goto continue
    end
    -- «ليل الخميس الجمعة»: a night named by two weekdays is one range,
    -- from the first weekday to the next day (whatever the second says:
    -- «ليل الجمعة الاحد» is a slip for the night Friday to Saturday)
    if prev and prev.weekday and h.weekday and not prev.day and not h.day and not prev.month
      and not h.month and not prev.relative and not h.relative and not prev.night
      and not text:sub(prev.stop + 1, h.start - 1):find("%S") then
      local base = math.max(1, prev.start - 12)
      local before = text:sub(base, prev.start - 1)
      local night = before:match("()ليل%s+$") or before:match("()ليلة%s+$") or before:match("()ليله%s+$")
      if night then
        prev.start = base + night - 1
        prev.night, prev.stop = true, h.stop
        prev.text = text:sub(prev.start, prev.stop)
        goto continue
      end
    end
    -- «نهاية شهر حزيران (يونيو) من العام الحالي»: a month whose year is a
    -- relative one is one expression
    if prev and prev.month and not prev.day and not prev.year and not prev.hijri and not prev.year_offset
      and h.unit == "year" and not h.year and not h.day
      and text:sub(prev.stop + 1, h.start - 1):match("^%s*من%s*$") then
      prev.year_offset, prev.stop = h.offset, h.stop
      prev.text = text:sub(prev.start, prev.stop)
      goto continue
    end
    if prev and not prev.stamp and not h.stamp and not prev.relative and not h.relative then
      local gap = text:sub(prev.stop + 1, h.start - 1)
      local g = gap:gsub("^%s+", ""):gsub("%s+$", "")
      -- «من تاريخ 25 / 10 / 1436 هـ إلى تاريخ 7 / 11 / 1436 هـ»
      g = g:gsub("%s+تاريخ$", ""):gsub("%s+يوم$", "")
      local joins = g == "-" or g == "–" or g == "إلى" or g == "الى" or g == "حتى" or g == "وحتى"
        or g == "ولغاية" or g == "ـ"
        -- «2010 و2014» only between years: «13 شعبان و13 شوال» are two days
        -- (not after a season: «موسمي 1999-2000 و2012-2013» are two)
        or (g == "و" and h.bare_year and prev.year and not prev.month
          and not (prev.year2 and (prev.text:find("-", 1, true) or prev.text:find("–", 1, true))))
      local same = (prev.hijri ~= nil) == (h.hijri ~= nil) and (prev.day ~= nil) == (h.day ~= nil)
        and not prev.unit and not h.unit
      if joins and same and #gap <= 28 then
        prev.range_end = h
        prev.stop = h.stop
        prev.text = text:sub(prev.start, prev.stop)
        goto continue
      end
    end
    out[#out + 1] = h
    ::continue::
  end
  return out
end

-- The latest year written in the text (not a stamp): bounds inference.
local function latest_year(hits, limit)
  local max
  for _, h in ipairs(hits) do
    local y = h.year2 or h.year
    if not h.stamp and y and not h.hijri and (not limit or y <= limit) and (not max or y > max) then max = y end
  end
  return max
end

-- Resolve a merged range: both ends resolved, the span from the first's
-- first day to the second's last.
local function resolve_all(hits, text, A, max_year)
  for _, h in ipairs(hits) do
    resolve(h, text, A, max_year)
    local e = h.range_end
    if e then
      resolve(e, text, A, max_year)
      if h.first_days and e.last_days and e.last_days > h.first_days then
        local gran = h.granularity
        local v
        if gran == "year" and e.granularity == "year" then v = h.value .. ".." .. e.value end
        if gran == "month" and e.granularity == "month" then v = h.value .. ".." .. e.value end
        set_span(h, h.first_days, e.last_days, "range", v)
      end
    end
  end
end

-- «1436/10/10هـ الموافق 2015/7/26م»: a Hijri date and a Gregorian date
-- given as the same day are checked against each other.  `pair` is
-- "agrees" (within a day: Umm al-Qura and a sighted month can differ by
-- one) or "disagrees" on both; `paired` is the other one's text.
check_pairs = function(hits, text)
  for i = 2, #hits do
    local a, b = hits[i - 1], hits[i]
    local gap = text:sub(a.stop + 1, b.start - 1)
    if (a.hijri ~= nil) ~= (b.hijri ~= nil) and a.granularity == "day" and b.granularity == "day"
      and #gap < 40 and (gap:find("الموافق", 1, true) or gap:find("الموافقة", 1, true) or gap:match("^%s*[/(]%s*$")) then
      local za, zb = days(parse_iso(a.value)), days(parse_iso(b.value))
      local verdict = math.abs(za - zb) <= 1 and "agrees" or "disagrees"
      a.pair, b.pair, a.paired, b.paired = verdict, verdict, b.text, a.text
      b.paired_with = a
    end
  end
end

---------------------------------------------------------------- publication

local CONFIDENCE = { given = 1.0, url = 0.95, stamp = 0.85, crawl = 0.8 }

-- The byte where the lead (the first two body paragraphs) ends.
local function lead_end(paragraphs)
  local stop, n = 600, 0
  for _, p in ipairs(paragraphs or {}) do
    if p.kind == "body" or not p.kind then
      n = n + 1
      stop = p.stop
      if n == 2 then break end
    end
  end
  return stop
end

--- Resolve the hits of `text` and choose the publication day.
-- opts: published, url, crawled (ISO), year (a year to infer around when
-- nothing else is known); paragraphs: the article's paragraphs (for the
-- lead), optional.  Returns date, evidence, confidence (nil when no
-- evidence at all) and the crawl/stamp day found.
function M.analyze(text, hits, opts, paragraphs)
  opts = opts or {}
  local stamp
  for _, h in ipairs(hits) do
    if h.stamp and valid(h.year, h.month, h.day) then stamp = stamp or days(h.year, h.month, h.day) end
  end
  local given = iso_days(opts.published)
  local url = M.url_date(opts.url)
  local url_days = url and iso_days(url)
  local crawl = iso_days(opts.crawled)
  -- a URL date after the crawl is no print date (an id that looks like one)
  if url_days and crawl and url_days > crawl + 2 then url_days = nil end

  local anchor, evidence
  if given then anchor, evidence = given, "given"
  elseif url_days then anchor, evidence = url_days, "url"
  elseif stamp then anchor, evidence = stamp, "stamp"
  elseif crawl then anchor, evidence = crawl, "crawl"
  end

  -- the body's own dates, read without an anchor: is the page an archive
  -- copy, or (with no other evidence) what is its news day?
  local max_year = latest_year(hits, anchor and civil_from_days(anchor) or nil)
  if not max_year and opts.year then max_year = tonumber(opts.year) end
  local body_day, body_pos, body_full, latest
  if evidence ~= "given" and evidence ~= "url" then
    resolve_all(hits, text, nil, max_year)
    for _, h in ipairs(hits) do
      if h.last_days and not h.stamp and h.kind ~= "relative" then
        if not latest or h.last_days > latest then latest = h.last_days end
        if h.granularity == "day" and (h.year or h.weekday) and (not body_day or h.first_days > body_day) then
          body_day, body_pos, body_full = h.first_days, h.start, h.year ~= nil and h.weekday ~= nil
        end
      end
    end
  end
  -- a month or year named later than the body's day (and not as a plan)
  -- means that day is a reference, not the story's day (seed 003: «30
  -- حزيران 2012» in a story that also names «نيسان 2014»)
  if body_day then
    for _, h in ipairs(hits) do
      if h.first_days and not h.stamp and h.kind ~= "relative" and h.first_days > body_day + 31
        and not h.next and not future_context(text, h.start) then
        body_day = nil
        break
      end
    end
  end
  local confidence = CONFIDENCE[evidence]
  local lead_stop = lead_end(paragraphs)
  if evidence == "stamp" and body_day and latest and anchor - latest > 180 then
    -- a page clock years after everything the story reports: the page
    -- was saved long after it was published
    anchor, evidence, confidence = body_day, "body", 0.6
  elseif evidence == "crawl" and body_day and latest and anchor - latest > 365 and body_pos <= lead_stop
    and body_full then
    -- the crawl date is right for almost every page (99.3% within a day
    -- on 9,500 SaudiNewsNet articles with a URL date): only a lead dated
    -- in full with its weekday, more than a year before the crawl and
    -- with nothing later in the story, makes it an archive copy
    anchor, evidence, confidence = body_day, "body", 0.6
  elseif evidence == "crawl" then
    -- «اليوم (الأربعاء)» in the lead names the day of the story: a crawl
    -- that came days later moves back to it
    for _, h in ipairs(hits) do
      if h.start > lead_stop then break end
      if h.relative and h.relative <= 0 and h.weekday then
        local k = (weekday_of(anchor) - h.weekday) % 7
        local z = anchor - k - h.relative
        if z <= anchor and anchor - z <= 7 then
          if z ~= anchor then anchor, evidence, confidence = z, "weekday", 0.85 end
        end
        break
      end
    end
  elseif not evidence and body_day then
    anchor, evidence, confidence = body_day, "body", 0.5
  end

  -- every mention against the publication day
  for _, h in ipairs(hits) do
    h.first, h.last, h.first_days, h.last_days, h.value, h.granularity = nil, nil, nil, nil, nil, nil
  end
  resolve_all(hits, text, anchor, max_year)
  check_pairs(hits, text)
  for _, h in ipairs(hits) do
    -- the second of a «… الموافق …» pair is the same day: the first,
    -- written with the weekday and the relative words, gives the role
    h.role = h.paired_with and h.paired_with.role or role_of(h, text, anchor)
    h.paired_with = nil
    -- the fields of the first version, kept for scripts that read them
    if h.granularity ~= "range" then h.date = h.value end
    h.evidence = (h.kind == "relative" and "relative") or (h.inferred and "inferred") or
      (h.value and "explicit") or nil
    h.first_days, h.last_days, h.range_end = nil, nil, nil
  end
  return anchor and day_iso(anchor), evidence, confidence, stamp and day_iso(stamp)
end

return M
