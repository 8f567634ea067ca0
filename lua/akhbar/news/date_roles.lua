--- akhbar.news.date_roles: the words around a date that give its role
-- (news, future, past, other) and tense: future verbs before or after it,
-- forecasts, fixtures of the day, quarters and halves of a period.  Used by
-- akhbar.news.dates, which resolves the dates first.
-- @module akhbar.news.date_roles
local core = require "akhbar.core"

local M = {}

-- Words before a date that put it in the future: «من المقرر أن يعقد ...
-- الأربعاء», «سيعقد ... يوم الخميس».  Looked for in the clause before
-- the date (up to 120 bytes back, not across a sentence end).  «حتى»,
-- «لغاية» and «بحلول» are not among them: they carry no tense («استمرت
-- حتى 18 رمضان»).
local function fold_set(words)
  local set = {}
  for w in words:gmatch("%S+") do set[core.news_fold(w)] = true end
  return set
end
local FUTURE = fold_set("سوف المقرر المزمع المنتظر المرتقب المتوقع يعتزم تعتزم سيعقد ستعقد سيتم ستتم سيبدأ ستبدأ "
  .. "سينطلق ستنطلق سيقام ستقام سيكون ستكون سيصل ستصل سيزور ستزور سيلتقي ستلتقي سيجتمع "
  .. "ستجتمع سيشارك ستشارك ستنظم سينظم ستشهد سيشهد ستستمر سيستمر تنطلق ينطلق يقام تقام يعقد تعقد "
  .. "تبدأ يبدأ موعد")
-- The same future tense right after the date: «المباراة أمام برشلونة اليوم
-- ستكون اختبارا».  Only the future verbs: «حتى» or «موعد» after a date
-- say nothing of it.
local FUTURE_AFTER = fold_set("سوف سيعقد ستعقد سيتم ستتم سيبدأ ستبدأ سينطلق ستنطلق سيقام ستقام سيكون "
  .. "ستكون سيصل ستصل سيزور ستزور سيلتقي ستلتقي سيجتمع ستجتمع سيشارك ستشارك ستنظم سينظم ستشهد سيشهد "
  .. "ستستمر سيستمر سيلعب ستلعب يلتقي تلتقي يستضيف تستضيف")
-- A forecast puts a period that is still running in the future: «توقعت
-- المجموعة ارتفاع الأسعار ... في عام 2015».  Forecast sentences are long:
-- looked for over the whole sentence before the date (up to 260 bytes).
local FORECAST = fold_set("توقع توقعت يتوقع تتوقع متوقعا متوقعة المتوقع توقعات التوقعات ويتوقع وتتوقع "
  .. "توقعاته توقعاتها توقعاتهم لتوقعات بتوقعات يرجح ترجح المرجح تقديرات تشير يقدر تقدر")
-- A match of the day is still to be played in the morning's paper: «في
-- المباراة أمام باريس سان جيرمان اليوم السبت».
-- So does a team that plays it: «يخوض الفريق الشبابي اليوم لقاءه الأخير».
local FIXTURES = fold_set("المباراة مباراة مباراته مباراتها اللقاء لقاء لقاءه لقاءها المواجهة مواجهة "
  .. "يخوض تخوض")

-- A past verb of saying or reporting right before «الليلة» makes it the
-- night of a statement already made: the news, not an event ahead.
local REPORTED = fold_set("قال قالت قالوا بث بثت بثته بثتها أعلن أعلنت أكد أكدت ذكر ذكرت صرح صرحت "
  .. "أوضح أوضحت أفاد أفادت نشر نشرت نشرته نشرتها أصدر أصدرت أصدرته أصدرتها كشف كشفت جرى أجرى "
  .. "أجرت شهد شهدت وقعت وقع أعلنه أعلنته")

-- A word without its leading و or ف (two bytes each; a byte class such as
-- [وف] would cut a UTF-8 letter in half).
local function without_conjunction(w)
  local c = w:sub(1, 2)
  if c == "و" or c == "ف" then return w:sub(3) end
  return w
end

-- One of the words of the clause before byte `start` (up to `reach`
-- bytes, not across a sentence end) is in `set` (folded, also without a
-- proclitic و or ف); any_after: the same after byte `stop`.
local function any_before(text, start, reach, set)
  -- «..» joins the parts of a headline («يبدأ عروضه ... في صيف الباحة..
  -- اليوم»): no sentence end
  local before = text:sub(math.max(1, start - reach), start - 1):gsub("%.%.+", " ")
  before = before:match("[^%.!\n]*$"):gsub("^.*؟", "")
  for w in before:gmatch("[^%s%p]+") do
    local k = core.news_fold(w)
    if set[k] or set[without_conjunction(k)] then return true end
  end
  return false
end

local function any_after(text, stop, reach, set)
  local after = text:sub(stop + 1, stop + reach)
  after = after:match("^[^%.!\n]*"):gsub("؟.*$", "")
  for w in after:gmatch("[^%s%p]+") do
    local k = core.news_fold(w)
    if set[k] or set[without_conjunction(k)] then return true end
  end
  return false
end

local function future_context(text, start)
  return any_before(text, start, 120, FUTURE)
end
local ORDINAL = { ["الاول"] = 1, ["الثاني"] = 2, ["الثالث"] = 3, ["الرابع"] = 4 }

-- «الربع الأول من», «النصف الثاني من» right before byte `start`: the
-- part (1-based) and how many parts (4 or 2), or nil.
local function fraction_before(text, start)
  local before = text:sub(math.max(1, start - 60), start - 1)
  local frac, ord = before:match("(%S+)%s+(%S+)%s+من%s*$")
  if not frac then return nil end
  frac, ord = core.news_fold(frac), ORDINAL[core.news_fold(ord)]
  if not ord then return nil end
  if (frac == "الربع" or frac == "ربع") then return ord, 4 end
  if (frac == "النصف" or frac == "نصف") and ord <= 2 then return ord, 2 end
end

-- The role of a resolved hit against the publication day A.
local function role_of(h, text, A)
  if h.kind == "stamp" then return "stamp" end
  if not h.first_days then
    if h.next then return "future" end
    if h.past then return "past" end
    return "other"
  end
  if not A then
    if h.next then return "future" end
    return "past"
  end
  local a, b = h.first_days, h.last_days
  if a > A then return "future" end
  -- «غداً السبت 23 شوال»: tomorrow, even when the print date is that day
  if (h.relative or h.relative_word or 0) > 0 then return "future" end
  if b < A then
    if h.granularity == "day" and A - b <= 3 then return "news" end
    -- «يوم الاثنين الماضي ارتفع ...»: a weekday of the week before is a
    -- reported day (a weekly review), not history
    if h.granularity == "day" and h.weekday and h.past and A - b <= 7 then return "news" end
    return "past"
  end
  -- the span contains A
  if h.granularity == "day" then
    -- «الليلة»: tonight is still ahead of the morning's paper
    -- but a statement made tonight is the news: «في بيان بثته الليلة
    -- وكالة الأنباء», «وقال "عسيري" الليلة»
    if h.relative == 0 and h.text and h.text:find("^الليل") then
      return any_before(text, h.start, 40, REPORTED) and "news" or "future"
    end
    if future_context(text, h.start) or any_after(text, h.stop, 60, FUTURE_AFTER) then return "future" end
    if h.relative == 0 and any_before(text, h.start, 120, FIXTURES) then return "future" end
    return "news"
  end
  -- a forecast over a period still running («توقعاته لأسعار النفط في
  -- عامي 2015 و 2016») looks ahead, even across the publication day
  if h.granularity == "range" and b > A and a < A then
    return any_before(text, h.start, 260, FORECAST) and "future" or "other"
  end
  -- «مهرجان جدة غير 2015» while it runs: the year names the event
  if h.event then return "other" end
  -- «منتصف الشهر الجاري», «بداية العام الحالي»: the part of the period
  -- decides (thirds of a month or of a year)
  -- «الربع الأول من العام الحالي», «النصف الثاني من الشهر»: so does a
  -- quarter or a half written before it
  local k, n = h.part, 3
  if not k then k, n = fraction_before(text, h.start) end
  if k and (h.granularity == "month" or h.granularity == "year") then
    local len = b - a + 1
    local pa, pb = a + (len * (k - 1)) // n, a + (len * k) // n - 1
    if pa > A then return "future" end
    if pb < A then return "past" end
  end
  if future_context(text, h.start) or any_before(text, h.start, 260, FORECAST) then return "future" end
  -- «العام الحالي 2015 سيكون أحد أفضل الأعوام»: the future tense right after
  if any_after(text, h.stop, 60, FUTURE_AFTER) then return "future" end
  return "past"
end
M.any_before, M.any_after = any_before, any_after
M.future_context, M.role_of = future_context, role_of

return M
