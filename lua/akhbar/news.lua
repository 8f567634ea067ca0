--- akhbar.news: the structure of a news article.
-- `akhbar.parse(text [, opts])` returns a document table (title, dateline,
-- agency, author, best date with evidence, all dates, paragraphs, sentences,
-- removed boilerplate and repeated paragraphs, cleaned text, quotes);
-- `akhbar.dates(text [, opts])` and `akhbar.quotes(text [, opts])` stream.
--
-- The byte-level work (date expressions, quotation-mark pairing, sentence
-- boundaries) is C (src/dates.c, src/quotes.c, src/segment.c); the rules on
-- top (what is boilerplate, who said what) are here, where they are easy to
-- change.  Offsets are 1-based inclusive into the ORIGINAL text:
-- `text:sub(x.start, x.stop)` is what was found.
-- @module akhbar.news
local core = require "akhbar.core"

local news = {}

local concat, insert = table.concat, table.insert
local floor = math.floor

---------------------------------------------------------------- folding
-- A matching key only (never reported): alef forms to ا, ى to ي, ة to ه,
-- no harakat, no tatweel, Arabic-Indic digits to ASCII.  It is C
-- (akh_news_fold): the Lua gsub over a table was a tenth of parse's time.
local fold = core.news_fold
news.fold = fold

local function set(list)
  local t = {}
  for _, w in ipairs(list) do t[fold(w)] = true end
  return t
end

-- Strips the bytes of [%s\194\160] at both ends, as
-- s:gsub("^[%s\194\160]+", ""):gsub("[%s\194\160]+$", "") did, without
-- the end-anchored gsub that tried a match at every byte of the string.
local TRIM = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true, [194] = true, [160] = true }
local byte = string.byte
local function trim(s)
  local i, j = 1, #s
  while i <= j and TRIM[byte(s, i)] do i = i + 1 end
  if i > j then return "" end
  while TRIM[byte(s, j)] do j = j - 1 end
  if i == 1 and j == #s then return s end
  return s:sub(i, j)
end

---------------------------------------------------------------- tokens
--- Words of text[a..b] as { {s=, e=, key=, pre=, post=}, ... }: s/e the
-- word's bytes without the punctuation glued to it (ASCII punctuation and
-- “ ” « » ، ؛ ؟ … – — ‘ ’ ٪), pre/post that punctuation ("" when none), key
-- the folded word.  NBSP separates words.  A C port of the Lua scanner
-- (src/segment.c, akh_words_next): it was two thirds of parse's time.
-- With a fourth argument `filter` (a table of keys), false when no word's
-- key is in it, without building the list.
local words = core.news_words
news.words = words

---------------------------------------------------------------- dates
local function iso(y, m, d)
  if y and m and d then return string.format("%04d-%02d-%02d", y, m, d) end
  if y and m then return string.format("%04d-%02d", y, m) end
  if y then return string.format("%04d", y) end
end

local function parse_iso(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then return tonumber(y), tonumber(m), tonumber(d) end
end
news.parse_iso = parse_iso

local function days(y, m, d) return core.days_from_civil(y, m, d) end
local function from_days(z) return core.civil_from_days(z) end

--- Resolve the raw date hits of `text` into absolute dates where possible.
-- anchor: ISO date of the crawl/page time (or nil); doc_date: the article's
-- date when already known (relative words resolve against it).
local function resolve_dates(text, hits, opts)
  opts = opts or {}
  local crawl_y, crawl_m, crawl_d = parse_iso(opts.crawled)
  local given_y, given_m, given_d = parse_iso(opts.published)
  -- page stamps: a numeric date with a clock time on a line of its own near the top
  for _, h in ipairs(hits) do
    h.text = text:sub(h.start, h.stop)
    if h.numeric and h.time then
      local ls = text:sub(1, h.start - 1):match(".*\n()") or 1
      local le = (text:find("\n", h.stop, true) or #text + 1) - 1
      local line = text:sub(ls, le)
      local rest = trim(line:sub(h.stop - ls + 2))
      if (h.zone or #rest < 80) and h.start - ls < 8 and ls < 400 then
        h.kind = "crawl"
        h.line_start, h.line_stop = ls, le
        if not crawl_y then crawl_y, crawl_m, crawl_d = h.year, h.month, h.day end
      end
    end
  end
  -- the latest year written explicitly (not a page stamp) bounds inference
  local max_year
  for _, h in ipairs(hits) do
    if h.kind ~= "crawl" and h.year and (not crawl_y or h.year <= crawl_y) then
      if not max_year or h.year > max_year then max_year = h.year end
    end
  end
  local lo, hi, prefer
  local anchor_y = given_y or crawl_y
  if max_year and anchor_y then lo, hi, prefer = max_year, anchor_y, max_year
  elseif anchor_y then lo, hi, prefer = anchor_y - 12, anchor_y, anchor_y
  elseif max_year then lo, hi, prefer = max_year, max_year + 12, max_year
  elseif opts.year then lo, hi, prefer = opts.year - 12, opts.year, opts.year
  end
  local anchor_days = (given_y and days(given_y, given_m, given_d)) or
                      (crawl_y and days(crawl_y, crawl_m, crawl_d))
  for _, h in ipairs(hits) do
    if h.kind == "crawl" then
      h.date, h.evidence = iso(h.year, h.month, h.day), "explicit"
    elseif h.relative or (h.weekday and not h.day) then
      h.kind = "relative"
    elseif h.day and h.month and not h.year then
      h.kind = "date"
      if h.weekday and lo then
        h.year = core.infer_year(h.month, h.day, h.weekday, lo, hi, prefer)
      elseif anchor_y or max_year then
        -- no weekday: the latest such day not after the anchor
        local y = anchor_y or max_year
        if anchor_days and days(y, h.month, math.min(h.day, 28)) > anchor_days then y = y - 1 end
        h.year = y
      end
      if h.year then h.date, h.evidence = iso(h.year, h.month, h.day), "inferred" end
    else
      h.kind = "date"
      h.date, h.evidence = iso(h.year, h.month, h.day), "explicit"
    end
    if h.hijri then h.calendar = "hijri" end
  end
  return { crawl = crawl_y and iso(crawl_y, crawl_m, crawl_d), anchor_days = anchor_days }
end

-- Relative words against a day number.
local function resolve_relative(h, base_days)
  if not base_days then return end
  local z
  if h.weekday then
    -- the weekday on or before the base (strictly before with «الماضي»);
    -- after it with «المقبل»
    local _, _, _ = from_days(base_days)
    local wd = (base_days + 4) % 7
    if h.next then
      local k = (h.weekday - wd) % 7
      if k == 0 then k = 7 end
      z = base_days + k
    else
      local k = (wd - h.weekday) % 7
      if h.past and k == 0 then k = 7 end
      z = base_days - k
    end
    if h.relative and h.relative ~= 0 then
      -- «أمس (الأحد)»: the weekday names the day meant; nothing to add
      z = z + 0
    end
  else
    z = base_days + (h.relative or 0)
  end
  h.date, h.evidence = iso(from_days(z)), "relative"
  h.year, h.month, h.day = from_days(z)
  h.days = z
end

--- All dates of text, resolved where possible: an array of
-- { start, stop, text, date (ISO, or yyyy-mm / yyyy when partial), year,
-- month, day, weekday (0 = Sunday), kind ("date", "relative", "crawl"),
-- evidence ("explicit", "inferred", "relative"), hijri = {y, m, d} }.
-- opts: crawled (ISO date of the crawl), published (known article date),
-- year (a year to infer around when nothing else is known).
local function all_dates(text, opts)
  local hits = core.date_scan(text)
  local ctx = resolve_dates(text, hits, opts)
  return hits, ctx
end

--- Streaming iterator over the dates of text (see all_dates for the fields).
function news.dates(text, opts)
  if type(text) ~= "string" then error("akhbar.dates: text expected, got " .. type(text), 2) end
  if opts ~= nil and type(opts) ~= "table" then error("akhbar.dates: options table expected, got " .. type(opts), 2) end
  -- relative words need the article's date: the structure pass finds it
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.quotes = false
  local hits = news.parse(text, o).dates
  local i = 0
  return function()
    i = i + 1
    return hits[i]
  end
end

---------------------------------------------------------------- structure lexicons
local AGENCIES = set {
  "سانا", "واس", "رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "د ب أ", "د.ب.أ", "الأناضول",
  "يو بي آي", "يو بي اي", "يونايتد برس", "أسوشيتد برس", "أ ب", "إرنا", "قنا", "وام", "كونا", "بنا",
  "بترا", "معا", "وفا", "سبأ", "العمانية", "تاس", "إيتار تاس", "نوفوستي", "سبوتنيك", "شينخوا",
  "وكالات", "متابعات", "الوئام", "سبق", "عكاظ", "الشرق الأوسط", "الشرق الأوسط أونلاين",
  "الاقتصادية", "الرياض", "المدينة", "الجزيرة", "الحياة", "الوطن", "اليوم", "روسيا اليوم",
  "سكاي نيوز", "العربية", "بي بي سي", "سي إن إن", "الرياضي", "مكة", "المواطن",
}
-- outlets that are also cities: a part equal to one of these is a place
-- unless nothing else can be the place
local CITY_OUTLETS = set { "الرياض", "المدينة", "مكة", "اليوم" }

local SEE_ALSO = { "انظر ايضا", "اقرا ايضا", "اقرأ أيضا", "شاهد ايضا", "مواضيع ذات صله", "اخبار ذات صله",
  "مقالات ذات صله", "اقرا المزيد", "للمزيد" }
for i, s in ipairs(SEE_ALSO) do SEE_ALSO[i] = fold(s) end

local SOCIAL = { "تلغرام", "تيلغرام", "تليغرام", "telegram", "t.me", "واتس", "واتساب", "whatsapp", "vk",
  "فيسبوك", "فيس بوك", "facebook", "تويتر", "twitter", "يوتيوب", "youtube", "انستغرام", "instagram",
  "انستجرام", "سناب" }
for i, s in ipairs(SOCIAL) do SOCIAL[i] = fold(s) end

local CTA = { "تابعوا", "تابعونا", "لمتابعه", "اشترك", "اشتركوا", "انضموا", "انضم", "حملوا", "حمل تطبيق",
  "للاشتراك", "تابع", "ادخل", "اضغط", "للتواصل" }
for i, s in ipairs(CTA) do CTA[i] = fold(s) end

local COMMENTS = { "تعليقات الفيسبوك", "التعليقات مغلقه", "اضف تعليق", "اضف تعليقا", "اترك تعليقا",
  "اترك تعليق", "التعليقات", "شارك هذا", "شارك الخبر", "طباعه", "ارسل لصديق" }
for i, s in ipairs(COMMENTS) do COMMENTS[i] = fold(s) end

local function starts_with_any(s, list)
  for _, p in ipairs(list) do
    if s:sub(1, #p) == p then return p end
  end
end

local function contains_any(s, list)
  for _, p in ipairs(list) do
    if s:find(p, 1, true) then return p end
  end
end

local URL = "https?://[%w%-%._~:/%?#%[%]@!%$&'%(%)%*%+,;=%%\128-\255]+"

--- Why a paragraph is boilerplate (a reason string), or nil.
local function boilerplate_reason(p)
  local t = p.text
  -- boilerplate lines are short: long paragraphs are body text
  if #t > 600 then return nil end
  if t:find("http", 1, true) or t:find("www.", 1, true) then
    local nourl = trim((t:gsub(URL, ""):gsub("www%.[%w%-%.]+[^%s]*", "")))
    if nourl ~= t and not nourl:find("[\216-\219][\128-\191]") and not nourl:find("%a%a%a") then
      return "link"
    end
  end
  local k = fold(t):lower()
  local kk = trim((k:gsub("^[%p%s]+", "")))
  for _, c in ipairs(COMMENTS) do
    if kk == c or (#kk < #c + 12 and kk:sub(1, #c) == c) then return "comments" end
  end
  if #t < 400 then
    if kk:find("عبر ارسال كلمه اشتراك", 1, true) or kk:find("كلمه اشتراك", 1, true) then return "subscribe" end
    local cta = starts_with_any(kk, CTA)
    if cta and (contains_any(kk, SOCIAL) or kk:find("الرابط", 1, true) or kk:find("اضغط", 1, true) or
        kk:find(URL) or kk:find("تطبيق", 1, true) or kk:find("صفحتنا", 1, true)) then
      return "social"
    end
    if kk:find("اضغط", 1, true) and (kk:find("الرابط", 1, true) or kk:find("هنا", 1, true)) then
      return "link"
    end
    if (t:find(URL) or t:find("www%.")) and contains_any(kk, SOCIAL) then return "social" end
    if kk:find("^رابط الخبر") then return "link" end
  end
  return nil
end

-- s without its trailing run of ASCII punctuation and spaces (as
-- s:gsub("[%p%s:]+$", ""), without trying a match at every byte).
local PUNCT_SPACE = {}
for b = 0, 127 do
  if string.char(b):find("[%p%s]") then PUNCT_SPACE[b] = true end
end
local function rstrip_punct(s)
  local j = #s
  while j > 0 and PUNCT_SPACE[byte(s, j)] do j = j - 1 end
  return j == #s and s or s:sub(1, j)
end

local function is_see_also(p)
  local k = trim(rstrip_punct(fold(p.text)))
  for _, s in ipairs(SEE_ALSO) do
    if k == s or (#k <= #s + 4 and k:sub(1, #s) == s) then return true end
  end
end

local function last_char(s)
  return s:match("[%z\1-\127\194-\244][\128-\191]*$") or ""
end

local function headline_like(t)
  local n = select(2, t:gsub("%S+", ""))
  local lc = last_char(t)
  return n <= 30 and not (lc == "." or lc == "!" or lc == "؟" or lc == "?" or lc == "…" or lc == ":" or lc == "،")
end

--- Dateline at the start of a paragraph: «موسكو – سانا», «موسكو- سانا»,
-- «موسكو-سانا بحث ...».  Returns place, agency, stop byte of the dateline
-- (relative to the paragraph), or nil.
local DASHES = { "-", "–", "—" }

-- First dash of s at or after init: position, length.
local function find_dash(s, init)
  local best, blen
  for _, d in ipairs(DASHES) do
    local p = s:find(d, init or 1, true)
    if p and (not best or p < best) then best, blen = p, #d end
  end
  return best, blen
end

local function split_dashes(s)
  local out, pos = {}, 1
  while true do
    local p, l = find_dash(s, pos)
    if not p then out[#out + 1] = s:sub(pos) break end
    out[#out + 1] = s:sub(pos, p - 1)
    pos = p + l
  end
  return out
end

local function dateline_at(t)
  local p, l = find_dash(t)
  if not p or p == 1 then return nil end
  local place = trim(t:sub(1, p - 1))
  if place == "" or place:find("[:%.%d]") or place:find("،", 1, true) then return nil end
  local nplace = select(2, place:gsub("%S+", ""))
  if nplace < 1 or nplace > 3 then return nil end
  local rest = t:sub(p + l):gsub("^%s+", "")
  -- the agency: the longest known name at the start of the rest
  local best
  local ws = {}
  for w in rest:gmatch("%S+") do
    ws[#ws + 1] = w
    if #ws > 4 then break end
  end
  for n = math.min(#ws, 4), 1, -1 do
    local cand = concat(ws, " ", 1, n)
    local cand2 = cand:gsub("[%s%p]+$", ""):gsub("^«", ""):gsub("»$", "")
    if AGENCIES[fold(cand2)] then
      best = cand
      break
    end
  end
  if not best then
    -- an unknown agency only when the whole paragraph is the dateline
    if #ws >= 1 and #ws <= 2 and #t < 60 and not rest:find("[%.%?]") and not rest:find("،", 1, true) then
      best = rest
    else
      return nil
    end
  end
  local agency = trim((best:gsub("[:%s]+$", "")))
  local stop = #t - #rest + #best
  return place, agency, stop
end
news.dateline_at = dateline_at

--- Parse a credit/author field such as «لندن: رنيم حنوش», «الرياض - الوئام :»,
-- «أحمد علي- سبق- القاهرة:», «واس - الرياض», «عكاظ (جدة)».
-- Returns { dateline =, author =, agency = } (fields may be nil).
function news.parse_credit(s)
  if type(s) ~= "string" then return {} end
  s = trim((s:gsub("&nbsp;", " "):gsub("\194\160", " ")))
  if s == "" then return {} end
  local parts = {}
  local paren = s:match("%(([^%)]+)%)")
  local body = s:gsub("%(([^%)]+)%)", " ")
  local a, b = body:match("^(.-)%s*:%s*(.*)$")
  local chunks = {}
  if a and a ~= "" then
    for _, piece in ipairs(split_dashes(a)) do chunks[#chunks + 1] = piece end
    if b ~= "" then chunks[#chunks + 1] = "\1" .. b end
  else
    for _, piece in ipairs(split_dashes(body)) do chunks[#chunks + 1] = piece end
  end
  for _, c in ipairs(chunks) do
    local after_colon = c:sub(1, 1) == "\1"
    c = trim((c:gsub("^\1", "")))
    local mn, mx = c:match("^(.-)%s+من%s+(.+)$")
    if mn and AGENCIES[fold((mn:gsub("«", ""):gsub("»", ""):gsub('"', "")))] then
      parts[#parts + 1] = { text = mn, after = after_colon }
      parts[#parts + 1] = { text = mx, after = after_colon }
    elseif c ~= "" then
      parts[#parts + 1] = { text = c, after = after_colon }
    end
  end
  if paren then parts[#parts + 1] = { text = trim(paren), paren = true } end
  local out = {}
  for _, p in ipairs(parts) do
    local clean = trim((p.text:gsub("«", ""):gsub("»", ""):gsub('"', "")))
    local key = fold(clean)
    local nw = select(2, clean:gsub("%S+", ""))
    if AGENCIES[key] and not (CITY_OUTLETS[key] and not out.dateline and not p.after) then
      out.agency = out.agency or clean
    elseif p.after or nw >= 2 then
      if nw >= 2 or not out.author then out.author = out.author or clean end
    else
      if not out.dateline then out.dateline = clean else out.author = out.author or clean end
    end
  end
  -- a lone multi-word part before a colon is a place only when short
  return out
end

---------------------------------------------------------------- paragraphs
local function paragraphs(text)
  local out = {}
  local pos, n = 1, #text
  while pos <= n do
    local nl = text:find("\n", pos, true) or n + 1
    local s, e = pos, nl - 1
    -- trim spaces (and NBSP, CR) inside the line
    while s <= e do
      local c = text:byte(s)
      if c == 32 or c == 9 or c == 13 then s = s + 1
      elseif c == 194 and text:byte(s + 1) == 160 then s = s + 2
      elseif c == 0xE2 and text:byte(s + 1) == 0x80 and (text:byte(s + 2) == 0x8F or text:byte(s + 2) == 0x8E) then s = s + 3
      else break end
    end
    while e >= s do
      local c = text:byte(e)
      if c == 32 or c == 9 or c == 13 then e = e - 1
      elseif c == 160 and text:byte(e - 1) == 194 then e = e - 2
      else break end
    end
    if e >= s then out[#out + 1] = { start = s, stop = e, text = text:sub(s, e) } end
    pos = nl + 1
  end
  return out
end

-- Near-duplicate paragraphs: Jaccard similarity of their token sets
-- ("[^%s%p]+" runs of the folded key).  The sets are C signatures (sorted
-- token hashes, core.token_sig) and the intersection is a merge
-- (core.token_common): building Lua tables of tokens per paragraph and
-- walking them was a third of parse's time.  x, y: {key=, n=, sig=}.
local token_sig, token_common = core.token_sig, core.token_common

local function jaccard(x, y)
  local na, nb = x.n, y.n
  if na == 0 or nb == 0 then return 0 end
  if na > nb then x, na, y, nb = y, nb, x, na end
  if na / nb < 0.9 then return na / nb end
  -- J >= 0.9 needs inter >= 0.9 (na + nb) / 1.9
  local inter = token_common(x.key, x.sig, y.key, y.sig)
  local max_miss = na - math.ceil(0.9 * (na + nb) / 1.9)
  local miss = na - inter -- the Lua loop this replaces gave up at the first miss beyond max_miss
  if miss > 0 and miss > max_miss then return 0 end
  return inter / (na + nb - inter)
end

local NO_WORDS = {}

-- The paragraph key: folded (، ؛ ؟ as spaces), the other marks (“ ” « » …
-- – — NBSP) as spaces, lower case, runs of ASCII punctuation and space as
-- one space, trimmed.  In C (akh_news_norm_key): the three gsubs with table
-- lookups per letter were a quarter of parse's time.
local norm_key = core.news_norm_key

---------------------------------------------------------------- quotes
local quotes_mod -- forward: the attribution rules below

--- Parse text into a document table.  opts: title, author, crawled,
-- published (ISO, given by the source), source; quotes = false to skip
-- attribution; entities = false to skip gazetteer lookups.
function news.parse(text, opts)
  if type(text) ~= "string" then error("akhbar.parse: text expected, got " .. type(text), 2) end
  if opts ~= nil and type(opts) ~= "table" then error("akhbar.parse: options table expected, got " .. type(opts), 2) end
  opts = opts or {}
  local doc = {
    paragraphs = {}, sentences = {}, boilerplate = {}, repeated = {}, dates = {}, quotes = {},
  }
  local paras = paragraphs(text)
  doc.paragraphs = paras

  -- dates first: the page stamp is structure
  local hits, ctx = all_dates(text, opts)
  doc.dates = hits
  doc.crawled = ctx.crawl
  local stamp_lines = {}
  for _, h in ipairs(hits) do
    if h.kind == "crawl" then stamp_lines[h.line_start] = h end
  end

  -- credit field (SaudiNewsNet's author)
  if opts.author and opts.author ~= "" then
    local cr = news.parse_credit(opts.author)
    doc.author, doc.dateline, doc.agency = cr.author, cr.dateline, cr.agency
  end

  local function remove(p, reason)
    p.kind = "boilerplate"
    p.reason = reason
    doc.boilerplate[#doc.boilerplate + 1] = { start = p.start, stop = p.stop, text = p.text, reason = reason }
  end

  -- head of the article: stamp, title, dateline
  local i = 1
  while paras[i] and stamp_lines[paras[i].start] do
    remove(paras[i], "crawl_stamp")
    i = i + 1
  end
  local title_key
  if opts.title and opts.title ~= "" then
    doc.title = opts.title
    title_key = norm_key(opts.title)
  end
  for j = i, math.min(i + 2, #paras) do
    local p = paras[j]
    if not p.kind then
      local place, agency, dstop = dateline_at(p.text)
      if place then
        doc.dateline = doc.dateline or place
        doc.agency = doc.agency or agency
        doc.dateline_span = { start = p.start, stop = p.start + dstop - 1 }
        if dstop >= #p.text - 1 then
          p.kind = "dateline"
        else
          -- inline dateline: the rest of the paragraph is body text
          local rest = p.text:sub(dstop + 1)
          local lead = #rest - #rest:gsub("^[%s:%-–—]+", "")
          p.body_start = p.start + dstop + lead
        end
        break
      elseif not doc.title and j == i and headline_like(p.text) and j < #paras then
        doc.title = p.text
        doc.title_span = { start = p.start, stop = p.stop }
        title_key = norm_key(p.text)
        p.kind = "title"
      end
    end
  end

  -- body: boilerplate, see-also blocks, credits, repeats
  local seen = {} -- kept paragraphs: { key, sig, n, index }
  local seen_key = {} -- key -> first kept paragraph with it
  local in_see_also = false
  for j, p in ipairs(paras) do
    if not p.kind then
      local reason = boilerplate_reason(p)
      if in_see_also and not reason then
        -- the teaser after «انظر أيضاً»: headlines and truncated leads
        local lc = last_char(p.text)
        if headline_like(p.text) or lc == "…" or p.text:find("%.%.%.?$") or dateline_at(p.text) then
          reason = "see_also"
        else
          in_see_also = false
        end
      end
      if not reason and is_see_also(p) then
        reason, in_see_also = "see_also", true
      end
      if not reason then
        local who = p.text:match("^المصدر%s*:%s*(.+)$") or p.text:match("^%(?المصدر%s*:%s*(.-)%)?$")
        if who and #who < 60 then
          doc.agency = doc.agency or trim(who)
          reason = "credit"
        end
      end
      if reason then
        remove(p, reason)
      else
        local key = norm_key(p.body_start and text:sub(p.body_start, p.stop) or p.text)
        local n, sig = token_sig(key)
        local me = { key = key, n = n, sig = sig, index = j }
        local dup, sim
        if title_key and (key == title_key) then
          dup, sim = 0, 1
        else
          -- jaccard is only worth calling within its 0.9 size ratio (the
          -- same test it starts with); a same key has the same n
          -- (near copies are looked for among the first 256 paragraphs
          -- kept, exact ones among all: a hostile text of 100,000
          -- paragraphs must not cost 10^10 comparisons)
          for k, q in ipairs(seen) do
            if k > 256 then
              local e = seen_key[key]
              if e then dup, sim = e.index, 1 end
              break
            end
            if q.key == key then dup, sim = q.index, 1 break end
            local qn = q.n
            if n >= 5 and qn > 0 and (n < qn and n / qn or qn / n) >= 0.9 then
              local jj = jaccard(me, q)
              if jj >= 0.9 then dup, sim = q.index, jj break end
            end
          end
          if not dup and title_key and n >= 5 and j <= i + 2 then
            local tn, tsig = token_sig(title_key)
            local jj = jaccard(me, { key = title_key, n = tn, sig = tsig })
            if jj >= 0.9 then dup, sim = 0, jj end
          end
        end
        if dup then
          p.kind = "repeated"
          doc.repeated[#doc.repeated + 1] = {
            start = p.start, stop = p.stop, text = p.text, of = dup, similarity = sim,
            reason = dup == 0 and "title" or (sim == 1 and "exact" or "near"),
          }
        else
          p.kind = headline_like(p.text) and "heading" or "body"
          seen[#seen + 1] = me
          seen_key[key] = seen_key[key] or me
        end
      end
    end
  end

  -- cleaned text and sentences
  local clean = {}
  for j, p in ipairs(paras) do
    p.index = j
    if p.kind == "body" or p.kind == "heading" then
      local s = p.body_start or p.start
      clean[#clean + 1] = text:sub(s, p.stop)
      local spans = core.sentence_spans(text:sub(s, p.stop))
      for k = 1, #spans, 2 do
        doc.sentences[#doc.sentences + 1] = {
          start = s + spans[k] - 1, stop = s + spans[k + 1] - 1, paragraph = j,
          text = text:sub(s + spans[k] - 1, s + spans[k + 1] - 1),
        }
      end
    end
  end
  doc.clean = concat(clean, "\n\n")

  -- best published date
  local best
  if opts.published and parse_iso(opts.published) then
    doc.date, doc.date_evidence = opts.published:sub(1, 10), "given"
  else
    local crawl_days = ctx.crawl and days(parse_iso(ctx.crawl))
    -- «اليوم (الاثنين)»: today named by its weekday, against the crawl date
    for _, h in ipairs(hits) do
      if h.kind == "relative" and h.relative == 0 and h.weekday and crawl_days then
        resolve_relative(h, crawl_days)
        best = { date = h.date, evidence = "inferred" }
        break
      end
    end
    if not best then
      for _, h in ipairs(hits) do
        if h.kind == "date" and h.day and h.year and h.date then
          local z = days(h.year, h.month, h.day)
          if (not crawl_days or z <= crawl_days) and (not best or z > best.z) then
            best = { z = z, date = h.date, evidence = h.evidence }
          end
        end
      end
      -- a later month or year named in the text means the story is not older than it
      if best then
        local by = tonumber(best.date:sub(1, 4))
        local bm = tonumber(best.date:sub(6, 7))
        for _, h in ipairs(hits) do
          if h.kind == "date" and h.year and not h.day and (not crawl_days or h.year <= tonumber(ctx.crawl:sub(1, 4))) then
            if h.year > by or (h.year == by and h.month and h.month > bm) then best = nil break end
          end
        end
      end
      -- a date far before the crawl is a reference to the past, not the story's date
      if best and crawl_days and crawl_days - best.z > 400 and best.evidence == "explicit" then
        local any_inferred = false
        for _, h in ipairs(hits) do if h.evidence == "inferred" then any_inferred = true end end
        if not any_inferred then best = nil end
      end
    end
    if best then
      doc.date, doc.date_evidence = best.date, best.evidence
    elseif ctx.crawl then
      doc.date, doc.date_evidence = ctx.crawl, "crawl"
    end
  end
  local base = doc.date and days(parse_iso(doc.date))
  for _, h in ipairs(hits) do
    if h.kind == "relative" and not h.date then resolve_relative(h, base) end
  end

  if opts.quotes ~= false then
    doc.quotes = quotes_mod.extract(text, doc, opts)
  end
  return doc
end

---------------------------------------------------------------- attribution
quotes_mod = {}
-- (the attribution rules are defined below, in the same file)

--- Streaming iterator over the quotes of text: each
-- { speaker, speaker_entity, speaker_id, role, verb, verb_form, verb_class,
-- kind ("direct", "reported", "heading"), text, start, stop, carried }.
function news.quotes(text, opts)
  if type(text) ~= "string" then error("akhbar.quotes: text expected, got " .. type(text), 2) end
  if opts ~= nil and type(opts) ~= "table" then error("akhbar.quotes: options table expected, got " .. type(opts), 2) end
  local doc = news.parse(text, opts)
  local i = 0
  return function()
    i = i + 1
    return doc.quotes[i]
  end
end

-- Speech verbs: lemma, class, forms (folded).  Forms ending in وا are plural,
-- in ا (after the stem) dual; participles (مؤكدا) take the subject of their
-- sentence; the masdar قوله/قولها takes the speaker written before it.
local VERB_LIST = {
  { "قال", "statement", "قال قالت يقول تقول", "قالوا قالا قالتا يقولون" },
  { "أضاف", "statement", "اضاف اضافت يضيف تضيف", "اضافوا اضافا" },
  { "أردف", "statement", "اردف اردفت", "اردفوا" },
  { "تابع", "statement", "تابع تابعت", "" },
  { "أوضح", "statement", "اوضح اوضحت يوضح توضح", "اوضحوا" },
  { "أشار", "statement", "اشار اشارت يشير تشير", "اشاروا اشارا" },
  { "ذكر", "statement", "ذكر ذكرت", "ذكروا" },
  { "صرح", "statement", "صرح صرحت", "صرحوا" },
  { "نوه", "statement", "نوه نوهت", "" },
  { "علق", "statement", "علق علقت", "" },
  { "أفاد", "statement", "افاد افادت", "" },
  { "كشف", "announcement", "كشف كشفت", "" },
  { "أعلن", "announcement", "اعلن اعلنت يعلن تعلن", "اعلنوا" },
  { "نفى", "denial", "نفي نفت ينفي تنفي", "نفوا" },
  { "أكد", "affirmation", "اكد اكدت يؤكد تؤكد", "اكدوا اكدا" },
  { "شدد", "affirmation", "شدد شددت يشدد", "شددوا" },
  { "حذر", "warning", "حذر حذرت يحذر تحذر", "حذروا" },
  { "دعا", "call", "دعا دعت يدعو تدعو", "دعوا" },
  { "طالب", "call", "طالب طالبت يطالب", "طالبوا" },
  { "ناشد", "call", "ناشد ناشدت", "" },
  { "اعتبر", "opinion", "اعتبر اعتبرت", "اعتبروا" },
  { "رأى", "opinion", "راي رات", "راوا" },
  { "وصف", "opinion", "وصف وصفت", "" },
}
local PARTICIPLES = {
  { "أكد", "affirmation", "مؤكدا مؤكده" }, { "أضاف", "statement", "مضيفا مضيفه" },
  { "أشار", "statement", "مشيرا مشيره" }, { "شدد", "affirmation", "مشددا مشدده" },
  { "حذر", "warning", "محذرا محذره" }, { "دعا", "call", "داعيا" }, { "نفى", "denial", "نافيا نافيه" },
  { "أوضح", "statement", "موضحا موضحه" }, { "اعتبر", "opinion", "معتبرا معتبره" },
  { "أعلن", "announcement", "معلنا معلنه" }, { "قال", "statement", "قائلا قائله" },
  { "أعاد", "statement", "معيدا معيده" }, { "لفت", "statement", "لافتا لافته" },
}
local VERBS = {}
for _, v in ipairs(VERB_LIST) do
  for f in v[3]:gmatch("%S+") do
    for _, c in ipairs { "", "و", "ف" } do VERBS[c .. f] = { lemma = v[1], class = v[2], clitic = c ~= "" } end
  end
  for f in v[4]:gmatch("%S+") do
    for _, c in ipairs { "", "و", "ف" } do
      VERBS[c .. f] = { lemma = v[1], class = v[2], clitic = c ~= "", plural = true }
    end
  end
end
for _, v in ipairs(PARTICIPLES) do
  for f in v[3]:gmatch("%S+") do
    VERBS[f] = { lemma = v[1], class = v[2], participle = true }
  end
end
for _, f in ipairs { "قوله", "قولها", "قولهم" } do
  VERBS[f] = { lemma = "قال", class = "statement", masdar = true }
end
news.speech_verbs = VERBS

-- «داعيا الله أن»: God is the one called on, not the speaker
local GOD = set { "الله", "الله العلي القدير", "الله عز وجل", "الله تعالى", "المولى", "المولى عز وجل" }

local COMP = set { "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أنهما", "أننا", "إننا",
  "بأن", "بأنه", "بأنها", "بأنهم", "وأن" }
local STOP = set {
  "في", "خلال", "لدى", "أمام", "على", "عن", "إلى", "من", "مع", "بعد", "قبل", "عقب", "أثناء", "ردا", "رداً",
  "تعليقا", "تعليقاً", "اليوم", "أمس", "غدا", "الليلة", "صباح", "مساء", "يوم", "أيضا", "أيضاً", "مجددا",
  "مرارا", "كذلك", "بدوره", "بدورها", "قد", "عبر", "حول", "بشأن", "ضمن", "خلالها", "خلاله", "فيه", "فيها",
  "له", "لها", "لهم", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
  "الأسبوع", "صباحا", "مساء", "الذي", "التي", "الذين", "بينما", "فيما", "حيث", "لكن", "إذ", "إذا",
  "لـ", "بقوله", "بقولها", "قائلا", "قائلة", "بعدما", "عندما", "امس", "وقت", "ليل", "الليله", "اليوم،", "للصحفيين", "للصحافيين",
}
local BACK_STOP = set {
  "كان", "وكان", "وكانت", "كانت", "لكن", "ولكن", "بدوره", "بدورها", "كما", "فيما", "بينما", "حيث",
  "الذي", "التي", "الذين", "أن", "إن", "أنه", "إنه", "بأن", "عن", "و", "ثم", "فقد", "وقد", "إذ",
}
local PRONOUN_PARTICLES = set { "لكنه", "لكنها", "ولكنه", "ولكنها", "كونه", "كونها", "أنه", "أنها", "وهو", "وهي", "الذي", "التي", "الذين" }
local ROLE = set {
  "وزير", "الوزير", "نائب", "رئيس", "الرئيس", "الناطق", "ناطق", "الناطقة", "المتحدث", "متحدث", "المتحدثة",
  "مدير", "المدير", "السفير", "سفير", "الجنرال", "اللواء", "العميد", "العقيد", "الفريق", "المقدم", "الممثل",
  "ممثل", "المبعوث", "مبعوث", "الأمين", "أمين", "مستشار", "المستشار", "قائد", "القائد", "زعيم", "الزعيم",
  "عضو", "مندوب", "المندوب", "وكيل", "أمير", "الأمير", "الملك", "ولي", "الشيخ", "مسؤول", "المسؤول",
  "النائب", "المرشد", "الدكتور", "د", "السيد", "السيدة", "العاهل", "رئيسة", "وزيرة", "المفوض", "الملكة",
  "الحاكم", "حاكم", "محافظ", "مديرة", "المديرة", "نائبة", "مسؤولة", "المسؤولة", "المحافظ", "سماحة", "صاحب", "خادم", "الإمام", "البابا", "المستشارة", "الخبير", "المحلل",
  "مساعد", "المساعد", "الأمير", "سمو", "معالي", "فضيلة", "المدرب", "مدرب", "لاعب", "اللاعب", "مصدر",
}
local ORG = set {
  "وزارة", "الوزارة", "هيئة", "الهيئة", "منظمة", "المنظمة", "مجلس", "المجلس", "حركة", "الحركة", "جماعة",
  "قوات", "القوات", "الجيش", "وكالة", "الوكالة", "صحيفة", "الصحيفة", "موقع", "الموقع", "الكرملين",
  "البنتاغون", "البيت", "الخارجية", "الدفاع", "الحكومة", "الرئاسة", "الدائرة", "مكتب", "المكتب", "لجنة",
  "اللجنة", "التحالف", "الأمم", "الاتحاد", "بيان", "البيان", "وسائل", "مصادر", "الشرطة", "الداخلية",
  "السلطات", "الإدارة", "حزب", "الحزب", "تنظيم", "التنظيم", "شركة", "الشركة", "مؤسسة", "المؤسسة",
  "جامعة", "الجامعة", "المرصد", "مرصد", "الائتلاف", "المعارضة", "النظام", "الجانب", "البرلمان", "الكونغرس",
  "المفوضية", "السفارة", "إدارة", "رئاسة", "قيادة", "القيادة", "الأمانة", "أمانة", "المديرية", "مديرية",
}
local CONNECT = set { "باسم", "باسمها", "باسمه", "لشؤون", "لدى", "العام", "الخاص" }
-- Adjectives that stay with a bare role: «مسؤول كبير», «مصدر أمني»
local ROLE_ADJ = set { "كبير", "رفيع", "بارز", "أمني", "عسكري", "حكومي", "رسمي", "سابق", "مطلع", "مطلعة", "محلي",
  "أمريكي", "أميركي", "روسي", "إيراني", "سعودي", "سوري", "تركي", "عراقي", "إسرائيلي", "فلسطيني", "مصري", "يمني",
  "عربي", "غربي", "دبلوماسي", "أوروبي", "بريطاني", "فرنسي", "قيادي", "كبار", "أمنية", "عسكرية", "حكومية", "رسمية",
  "مطلعون", "دبلوماسية" }
-- Place nouns whose next word is a place name: «بمنطقة تبوك»
local LOCATIVE = set { "بمنطقة", "بمحافظة", "بمدينة", "بولاية", "بإمارة", "بمركز", "بقرية", "بحي", "بمحافظه",
  "لمنطقة", "لمحافظة", "لمدينة", "لولاية", "لإمارة" }
-- Words inside a name: «ناصر بن أحمد الخريصي», «عبد الله»
local NAME_LINK = set { "بن", "بنت", "ابن", "أبو", "ابو", "آل", "عبد" }
-- Titles before a name inside a role phrase («... المهندس محمد توفيق مدني»).
local TITLE = set { "المهندس", "المهندسة", "الدكتور", "الدكتورة", "الأستاذ", "الأستاذة", "البروفيسور", "اللواء",
  "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الفريق", "الشيخ", "المستشار", "الأمير", "السيد", "السيدة" }
-- Media nouns: a quotation right after one is the outlet's name («صحيفة
-- "فايننشال تايمز"», «وكالة «آر بي كا»»), not speech; with ل (لصحيفة)
-- they end a speaker phrase: «وقال السنين لصحيفة «الرأي» إن».
local MEDIA = set { "صحيفة", "الصحيفة", "وكالة", "الوكالة", "موقع", "الموقع", "قناة", "القناة", "مجلة",
  "المجلة", "إذاعة", "الإذاعة", "شبكة", "الشبكة", "تلفزيون", "التلفزيون", "برنامج", "البرنامج", "جريدة", "الجريدة" }
local MEDIA_TO = set { "لصحيفة", "لوكالة", "لموقع", "لقناة", "لمجلة", "لإذاعة", "لشبكة", "لتلفزيون", "لبرنامج",
  "لجريدة", "للصحيفة", "للوكالة", "للموقع", "للقناة", "للمجلة", "للتلفزيون" }
-- Nouns that begin the OBJECT of a verb of denial or statement («نفى وجود
-- أي قوات», «نفى صحة الأنباء»): never the start of a speaker phrase.
local NOT_SPEAKER = set { "وجود", "احتمال", "مزاعم", "حدوث", "قيام", "أي", "ما", "علمه", "علمها",
  "تورط", "تورطه", "مسؤولية", "مسؤوليته", "ذلك", "هذا", "هذه", "تلك", "أية", "إمكانية", "نية", "وجوده" }

local function is_al(k)
  return k:sub(1, 4) == "ال" or k:sub(1, 4) == "لل" or k:sub(1, 6) == "وال"
end

local function role_token(k)
  return ROLE[k] or ORG[k] or CONNECT[k] or is_al(k) or k:sub(1, 8) == "باسم"
end

--- Split speaker words W[a..b] into a name and a role/organisation phrase.
-- bounded: the phrase is known to end at b (a complement or stop follows),
-- so it may be long; otherwise roles take at most three words and names two.
-- Returns { name=, role=, s=, e= (bytes of the phrase), last = index of the
-- last word used, valid = looks like a speaker }.
-- A long role phrase names its holder after a title word or at its end:
-- «مدير عام إدارة الطرق ... المهندس محمد توفيق مدني», «المتحدث الرسمي لهيئة
-- الهلال الأحمر السعودي بمنطقة الرياض عبدالله المريبض أن».  Returns the
-- speaker record, or nil when no name can be told apart from the role.
local function role_then_name(text, W, a, b, bounded)
  local function name_from(n1)
    local n2 = n1
    while n2 < b and n2 - n1 < 4 do
      local k = W[n2 + 1].key
      if W[n2].post:find("[،,:]") or STOP[k] or COMP[k] or VERBS[k] or ROLE[k] or ORG[k] or TITLE[k]
          or NOT_SPEAKER[k] then break end
      n2 = n2 + 1
    end
    if W[n1].key:find("^ال") and n1 == n2 then return nil end
    return n2
  end
  for t = a + 1, math.min(b - 1, a + 12) do
    local k = W[t].key
    if STOP[k] or COMP[k] or VERBS[k] then break end
    if TITLE[k] then
      local n2 = name_from(t + 1)
      if not n2 then return nil end
      return { s = W[a].s, e = W[n2].e, role = text:sub(W[a].s, W[t - 1].e), name = text:sub(W[t + 1].s, W[n2].e),
        ns = W[t + 1].s, ne = W[n2].e, last = n2, valid = true }
    end
  end
  if not bounded or b - a < 3 then return nil end
  -- no title: the name is the run of words after the last «ال» word but
  -- one, when the phrase ends in at least one bare word (a given name).
  -- Only when the phrase is the whole subject (أن/إن, a comma or «لصحيفة»
  -- follows): «نفى وزير الخارجية سيرغي لافروف اتخاذ روسيا أية خطوات» runs
  -- on into the object.
  local after = W[b + 1]
  if not (W[b].post:find("[،,:]") or (after and (COMP[after.key] or MEDIA_TO[after.key]))) then return nil end
  for x = a + 1, b do
    if NOT_SPEAKER[W[x].key] then return nil end -- «نفت الوزارة احتمال ...»: an object
  end
  local n1 = b
  if W[n1].key:find("^ال") then n1 = n1 - 1 end
  local bare = 0
  -- ب/ل may begin a name (برنار كازنوف, ليلى) or a complement (لحقوق
  -- الإنسان, بوزارة الداخلية, بمنطقة تبوك): a name when a bare word follows
  -- and the rest is not an organisation or a place noun
  local function bare_word(w, nextk, prev)
    local k = w.key
    if NAME_LINK[k] then return true end
    -- the key is folded (أليس -> اليس): «ال» is read off the text itself
    local head = text:sub(w.s, w.s + 5)
    local al = head:sub(1, 4) == "ال" or head:sub(1, 4) == "لل" or head == "وال" or head == "بال" or head == "فال"
      or head == "كال"
    if al and head:sub(1, 4) == "ال" and prev and NAME_LINK[prev.key] then return true end -- عبد الغني
    if al or ROLE[k] or ORG[k] or STOP[k] or COMP[k] or VERBS[k] or NOT_SPEAKER[k] or w.pre:find("[،,]") then
      return false
    end
    if k:sub(1, 2) == "ب" or k:sub(1, 2) == "ل" then
      local rest = k:sub(3)
      return not LOCATIVE[k] and not ORG[rest] and not ROLE[rest] and not rest:find("^ال")
        and nextk ~= nil and not nextk:find("^ال")
    end
    return true
  end
  while n1 > a and bare_word(W[n1], n1 < b and W[n1 + 1].key or nil, W[n1 - 1]) and bare < 5 do
    n1 = n1 - 1
    bare = bare + 1
  end
  -- «بمنطقة تبوك ناصر ...»: the word after a locative is the place
  if bare >= 2 and LOCATIVE[W[n1].key] then bare = bare - 1 n1 = n1 + 1 end
  if bare == 0 or n1 < a then
    -- a role and its organisation, no name: the whole phrase speaks
    if b - a > 7 or W[b].key:sub(1, 2) == "ب" or W[b].key:sub(1, 2) == "ل" then return nil end
    return { s = W[a].s, e = W[b].e, role = text:sub(W[a].s, W[b].e), last = b, valid = true }
  end
  n1 = n1 + 1
  return { s = W[a].s, e = W[b].e, role = text:sub(W[a].s, W[n1 - 1].e), name = text:sub(W[n1].s, W[b].e),
    ns = W[n1].s, ne = W[b].e, last = b, valid = true }
end

local function parse_speaker(text, W, a, b, bounded, ctx)
  if a > b then return nil end
  local k1 = W[a].key
  if NOT_SPEAKER[k1] or MEDIA_TO[k1] then return nil end
  if (ROLE[k1] or ORG[k1]) and not TITLE[k1] and b - a >= 2 then
    local long = role_then_name(text, W, a, b, bounded)
    if long then return long end
  end
  local r = { s = W[a].s }
  local i = a
  local function take_role()
    local rs = i
    local limit = bounded and b or math.min(b, i + 2)
    while i <= limit and (i == rs or role_token(W[i].key) or ROLE_ADJ[W[i].key]) and not STOP[W[i].key] do
      if i > rs and not role_token(W[i].key) and not ROLE_ADJ[W[i].key] then break end
      i = i + 1
    end
    if i > rs then return text:sub(W[rs].s, W[i - 1].e), rs end
  end
  local function take_name()
    local ns = i
    if NOT_SPEAKER[W[i].key] then return end
    local limit = bounded and math.min(b, i + 3) or math.min(b, i + 1)
    if ctx.surname[W[i].key] or ctx.known[W[i].key] then
      i = i + 1
      r.ns, r.ne = W[ns].s, W[ns].e
      return text:sub(W[ns].s, W[ns].e), ns
    end
    while i <= limit do
      local k = W[i].key
      if STOP[k] or COMP[k] or ROLE[k] or ORG[k] or CONNECT[k] or VERBS[k] then break end
      if is_al(k) and i == ns then break end
      if is_al(k) and not bounded and i > ns + 1 then break end
      i = i + 1
      if W[i - 1].post:find("[،,:]") then break end
    end
    if i > ns then
      r.ns, r.ne = W[ns].s, W[i - 1].e
      return text:sub(W[ns].s, W[i - 1].e), ns
    end
  end
  if ROLE[k1] or ORG[k1] or is_al(k1) then
    r.role = take_role()
    if i <= b then r.name = take_name() end
    r.valid = true
  else
    r.name = take_name()
    if r.name and i <= b and ROLE[W[i].key] then
      r.role = take_role()
    end
    local nk = r.name and fold(r.name)
    local nw = r.name and select(2, r.name:gsub("%S+", "")) or 0
    local nxt, prev = W[i], W[i - 1]
    local ppost = prev and prev.post or ""
    local ends_well = bounded and (not nxt or STOP[nxt.key] or COMP[nxt.key] or MEDIA_TO[nxt.key] or ppost:find(":") or
      ppost:find("،", 1, true) or ppost:find(",", 1, true))
    r.valid = (r.role or (r.name and (ctx.known[nk] or ctx.surname[nk] or ctx.entity_at(W[a].s))) or
               (ends_well and nw >= 1 and nw <= 2)) and true or false
  end
  r.last = i - 1
  r.e = W[i - 1] and W[i - 1].e or W[a].e
  return r
end

local function resolve(r, ctx)
  local speaker, role = r.name, r.role
  local rk = role and fold(role)
  if speaker then
    speaker = trim(speaker)
    local nk = fold(speaker)
    if ctx.surname[nk] then speaker = ctx.surname[nk] end
    local nw = select(2, speaker:gsub("%S+", ""))
    if nw >= 2 then
      ctx.known[fold(speaker)] = true
      local last = speaker:match("(%S+)%s*$")
      if last then ctx.surname[fold(last)] = speaker end
    end
    if rk then
      ctx.roles[#ctx.roles + 1] = { key = rk, head = rk:match("^%S+"), name = speaker }
    end
  elseif rk and ctx.surname[rk] then
    speaker = ctx.surname[rk]
    role = nil
  elseif rk then
    -- a role alone: the person named with that role earlier in the article
    for j = #ctx.roles, 1, -1 do
      local x = ctx.roles[j]
      if x.key == rk or x.key:sub(1, #rk) == rk or rk:sub(1, #x.key) == x.key then speaker = x.name break end
    end
    if not speaker and not rk:find(" ") then
      for j = #ctx.roles, 1, -1 do
        if ctx.roles[j].head == rk then speaker = ctx.roles[j].name break end
      end
      if not speaker then
        -- «الوزارة», «الخارجية»: the organisation spoken of before
        local bare = rk:gsub("^ال", "")
        for j = #ctx.orgs, 1, -1 do
          local o = ctx.orgs[j]
          if o.key ~= rk and (o.key:find("^" .. bare) or o.key:find(" " .. rk, 1, true) or o.key:find(rk, 1, true)) then
            speaker = o.name
            break
          end
        end
      end
    end
    if not speaker then
      speaker = role
      if rk:find(" ") or ORG[rk:match("^%S+")] then ctx.orgs[#ctx.orgs + 1] = { key = rk, name = role } end
    end
  end
  return speaker, role
end

local function new_ctx(text, opts)
  local ctx = { known = {}, surname = {}, roles = {}, orgs = {}, ents = {} }
  if opts.entities ~= false then
    local ok, gaz = pcall(require, "akhbar.gazetteer")
    if ok and type(gaz) == "table" and type(gaz.entities) == "function" then
      pcall(function()
        for m in gaz.entities(text) do
          if type(m) == "table" and m.start then ctx.ents[#ctx.ents + 1] = m end
        end
      end)
    end
  end
  -- The first mention (in text order) overlapping [pos, stop] that names a
  -- person or an organisation.  Mentions come sorted by start; a binary
  -- search on the running maximum of their stops finds the first candidate,
  -- so a long text does not cost a scan of all its mentions per call.
  local maxstop
  function ctx.entity_at(pos, stop)
    stop = stop or pos
    local ents = ctx.ents
    if not maxstop then
      maxstop = {}
      local ms = -math.huge
      for i, e in ipairs(ents) do ms = math.max(ms, e.stop) maxstop[i] = ms end
    end
    local lo, hi = 1, #ents + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if maxstop[mid] >= pos then hi = mid else lo = mid + 1 end
    end
    for i = lo, #ents do
      local m = ents[i]
      if m.start > stop then break end
      if m.stop >= pos then
        local ty = m.type and tostring(m.type):lower() or ""
        if ty == "" or ty:find("per") or ty:find("org") then return m end
      end
    end
  end
  return ctx
end

local function strip_end(text, s, e)
  while e >= s do
    local ch = text:sub(e, e)
    if ch:find("[%s%.,:;!%?]") then e = e - 1
    else
      local t3 = text:sub(e - 1, e)
      if t3 == "،" or t3 == "؛" or t3 == "؟" then e = e - 2 else break end
    end
  end
  return e
end

--- Quotes of a parsed document (see news.quotes for the fields).
function quotes_mod.extract(text, doc, opts)
  local out = {}
  local ctx = new_ctx(text, opts)
  local spans = core.quote_spans(text)
  local top, open_at = {}, {}
  for _, q in ipairs(spans) do
    if q.depth == 0 then
      -- a quotation never closed ends at its paragraph: drop the final stop
      if not q.closed then q.stop = strip_end(text, q.start, q.stop) end
      top[#top + 1] = q
      open_at[q.open] = q
    end
  end
  -- The first top-level quotation (in order of opening) with open < pos <
  -- close: a binary search on the running maximum of the closes (a scan of
  -- every quotation per word made long texts quadratic).
  local maxclose, mc = {}, -math.huge
  for i, q in ipairs(top) do mc = math.max(mc, q.close) maxclose[i] = mc end
  local function inside(pos)
    local lo, hi = 1, #top + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if maxclose[mid] > pos then hi = mid else lo = mid + 1 end
    end
    for i = lo, #top do
      local q = top[i]
      if q.open >= pos then break end
      if pos < q.close then return q end
    end
  end
  local function opens_before(w)
    -- a quotation opening in the punctuation glued before word w
    for p = w.s - #w.pre, w.s - 1 do
      if open_at[p] then return open_at[p] end
    end
  end
  local last -- carry-over: { speaker, role, entity }
  local function emit(q)
    local ent = q.ent
    if not ent and q.sp_s then ent = ctx.entity_at(q.sp_s, q.sp_e) end
    if not ent and q.speaker and #ctx.ents > 0 then
      local k = fold(q.speaker)
      local last_ = k:match("(%S+)$")
      -- The first entity (in match order) whose folded name or surface is
      -- the speaker's, or, for a person, whose name ends with the speaker's
      -- last word (> 4 bytes).  Indexes built once per article: the loop
      -- over every mention for every quote was a tenth of parse's time.
      local ix = ctx.ent_index
      if not ix then
        ix = { name = {}, surface = {}, last = {} }
        for n, m in ipairs(ctx.ents) do
          local mk, sk = fold(m.name or ""), fold(m.surface or "")
          if not ix.name[mk] then ix.name[mk] = n end
          if not ix.surface[sk] then ix.surface[sk] = n end
          if tostring(m.type):find("per") then
            local ml = mk:match("(%S+)$")
            if ml and not ix.last[ml] then ix.last[ml] = n end
          end
        end
        ctx.ent_index = ix
      end
      local best = ix.name[k]
      local n2 = ix.surface[k]
      if n2 and (not best or n2 < best) then best = n2 end
      if last_ and #last_ > 4 then
        local n3 = ix.last[last_]
        if n3 and (not best or n3 < best) then best = n3 end
      end
      if best then ent = ctx.ents[best] end
    end
    q.speaker_entity = ent and (ent.name or ent.surface) or nil
    q.speaker_id = ent and ent.id or nil
    q.ent, q.sp_s, q.sp_e = nil, nil, nil
    q.text = text:sub(q.start, q.stop)
    local sk = q.speaker and fold(q.speaker)
    if q.stop >= q.start and sk and sk:find("%S") and not GOD[sk] then out[#out + 1] = q end
  end

  -- headings «لافروف: روسيا لا تتخذ ...» (title and in-body headings)
  local function heading(s, e)
    local t = text:sub(s, e)
    local who, rest = t:match("^([^:]-)%s*:%s*()")
    if not who or who == "" then return end
    local nw = select(2, who:gsub("%S+", ""))
    if nw > 4 or who:find("%d") or who:find("%.") or who:find("،", 1, true) then return end
    local k = fold(who)
    if k == fold("المصدر") or AGENCIES[k] then return end
    local W = words(text, s, s + #who - 1)
    if #W == 0 then return end
    local r = parse_speaker(text, W, 1, #W, true, ctx)
    if not r then return end
    local speaker, role = resolve(r, ctx)
    local qs = s + rest - 1
    local qe = strip_end(text, qs, e)
    local sp = open_at[qs]
    if sp then qs, qe = sp.start, sp.stop end
    emit { speaker = speaker, role = role, verb = nil, verb_class = "statement", kind = "heading",
      start = qs, stop = qe, sp_s = r.ns, sp_e = r.ne, paragraph = nil }
  end
  if doc.title_span then heading(doc.title_span.start, doc.title_span.stop) end

  local sents = doc.sentences
  for si, sent in ipairs(sents) do
    local para = doc.paragraphs[sent.paragraph]
    if para.kind == "heading" and si > 0 and para.start == sent.start and para.stop == sent.stop then
      heading(sent.start, sent.stop)
    end
    -- only a sentence with a speech verb is walked
    local W = words(text, sent.start, sent.stop, VERBS) or NO_WORDS
    local sent_speaker -- the subject of this sentence's last attributed verb
    local reported_until = 0
    local wi = 1
    while wi <= #W do
      local w = W[wi]
      local v = VERBS[w.key]
      if v and not inside(w.s) then
        local nested = w.s <= reported_until
        -- 1. words after the verb up to a stop: the speaker
        local j = wi + 1
        local bounded = false
        if w.post:find(":") then bounded = true end
        -- a role phrase may run longer than 10 words before its holder's
        -- name («مدير فرع الهيئة العامة ... بمنطقة تبوك ناصر ... أن»)
        local nx = W[wi + 1]
        local window = nx and (ROLE[nx.key] or ORG[nx.key]) and 16 or 10
        while not bounded and j <= #W and j - wi <= window do
          local x = W[j]
          if opens_before(x) or STOP[x.key] or COMP[x.key] or VERBS[x.key] or MEDIA_TO[x.key] or x.key:find("^%d") or
             text:sub(x.s - #x.pre, x.s - #x.pre + 3) == "لـ" then
            bounded = true
            break
          end
          j = j + 1
          if x.post:find("[:،,%.]") then bounded = true break end
        end
        if j - wi > 11 and not (bounded and role_then_name(text, W, wi + 1, j - 1, true)) then
          j, bounded = wi + 11, false -- no holder's name found: the usual 10 words
        end
        local sa, sb = wi + 1, j - 1
        if w.post:find(":") then sb = wi end
        -- 2. the complement: a quotation, أن/إن, or a colon
        local comp_kind, qs, qe, comp_at
        local function find_complement(from)
          if from - 1 >= 1 and from - 1 <= #W and W[from - 1].post:find(":") and from <= #W then
            local q = opens_before(W[from])
            if q then return "direct", q.start, q.stop, from end
            return "colon", W[from].s, nil, from
          end
          for m = from, math.min(#W, from + 30) do
            local x = W[m]
            local q = opens_before(x)
            if q and m > 1 and MEDIA[W[m - 1].key] then q = nil end -- an outlet's name
            local nq = q and select(2, text:sub(q.start, q.stop):gsub("%S+", "")) or 0
            if q and ((m == from and nq >= 2) or nq >= 3) then
              return "direct", q.start, q.stop, m
            end
            if VERBS[x.key] and not inside(x.s) then return nil end
            if COMP[x.key] and text:sub(x.s, x.s + 1) ~= "آ" then
              local y = W[m + 1]
              if y then
                local q2 = opens_before(y)
                if q2 then return "direct", q2.start, q2.stop, m end
                return "reported", y.s - #y.pre, nil, m
              end
              return nil
            end
            if x.post:find(":") and W[m + 1] then
              local q3 = opens_before(W[m + 1])
              if q3 then return "direct", q3.start, q3.stop, m end
            end
          end
        end
        comp_kind, qs, qe, comp_at = find_complement(sb + 1)
        if not comp_kind and sb >= sa then
          comp_kind, qs, qe, comp_at = find_complement(sa)
          if comp_kind then sb = comp_at - 1 end
        end
        -- the quotation may open the next sentence: «وقال..\n“...”»
        if not comp_kind then
          local nxt = sents[si + 1]
          local tail = text:sub(math.max(sent.start, sent.stop - 2), sent.stop)
          if nxt and (tail:find("%.%.$") or tail:find(":$") or tail:find("…$")) and open_at[nxt.start] then
            local q = open_at[nxt.start]
            comp_kind, qs, qe = "direct", q.start, q.stop
          end
        end
        if comp_kind == "reported" or comp_kind == "colon" then
          -- to the end of the sentence or the next coordinated speech verb
          local endw = #W
          for m = comp_at + 1, #W do
            local x = W[m]
            local vx = VERBS[x.key]
            if vx and not inside(x.s) and (vx.clitic or vx.participle or (W[m - 1] and W[m - 1].post:find("[،,]"))) then
              endw = m - 1
              break
            end
          end
          qe = strip_end(text, qs, W[endw].e + #W[endw].post)
          local q = inside(qe)
          if q and q.close > qe then qe = strip_end(text, qs, math.min(q.close + 2, sent.stop)) end
        end
        -- 3. who
        local r, speaker, role, carried
        if sb >= sa then
          r = parse_speaker(text, W, sa, sb, bounded or (comp_kind ~= nil and comp_at == sb + 1), ctx)
          if r and not r.valid and not (comp_kind and comp_at == sb + 1) then r = nil end
        end
        local object_from
        if not r and sb >= sa and comp_kind == nil then object_from = sa end
        if not r and not v.clitic and not v.participle then
          -- subject before the verb: «لكن الناطق ... قال إن», «وكان كيري قد قال»
          local k = wi - 1
          if k >= 1 and W[k].key == "قد" then k = k - 1 end
          local e_ = k
          while k >= 1 and e_ - k < 10 and not BACK_STOP[W[k].key] and not COMP[W[k].key] and
                not VERBS[W[k].key] and not (k < e_ and W[k].post:find("[،,:%.]")) do
            k = k - 1
          end
          local stop_word = k >= 1 and W[k].key
          if v.masdar and stop_word ~= "عن" then e_ = 0 end
          if e_ >= k + 1 and not PRONOUN_PARTICLES[W[e_].key] then
            r = parse_speaker(text, W, k + 1, e_, true, ctx)
            if r and not r.valid and not v.masdar then r = nil end
          elseif e_ >= 1 and PRONOUN_PARTICLES[W[e_].key] then
            r = false -- a pronoun whose referent we do not know
          end
          if r == nil and comp_kind == nil then object_from = nil end
        end
        if r then
          speaker, role = resolve(r, ctx)
          if r.last and r.last >= sa and r.last < sb and v.class == "denial" then object_from = r.last + 1 end
        elseif r == nil and (v.clitic or v.participle or (wi == 1 or (wi == 2 and W[1].key == "كما"))) then
          -- carry-over: «وأردف», «وتابع أنه», «مؤكدا أن»
          local src = v.participle and sent_speaker or (not v.participle and last)
          if src and not v.plural then speaker, role, carried = src.speaker, src.role, true end
        end
        -- «نفى X اتخاذ ...»: a denial with its object and no أن
        if not comp_kind and speaker and v.class == "denial" and object_from and object_from <= #W then
          local endw = #W
          for m = object_from, #W do
            if W[m].post:find("[،,]") then endw = m break end
          end
          comp_kind, qs = "reported", W[object_from].s
          qe = strip_end(text, qs, W[endw].e)
        end
        if speaker then
          local who = { speaker = speaker, role = role,
            sp_s = r and r.ns or (carried and last and last.sp_s) or nil,
            sp_e = r and r.ne or (carried and last and last.sp_e) or nil }
          if not nested then last = who end
          sent_speaker = who
          if comp_kind and qs and qe and qe >= qs then
            emit { speaker = speaker, role = role, verb = v.lemma, verb_form = text:sub(w.s, w.e),
              verb_class = v.class, kind = comp_kind == "colon" and "direct" or comp_kind, start = qs, stop = qe,
              carried = carried or nil, sp_s = who.sp_s, sp_e = who.sp_e, sentence = si,
              paragraph = sent.paragraph }
            if comp_kind ~= "direct" then reported_until = math.max(reported_until, qe) end
          end
        end
      end
      wi = wi + 1
    end
  end
  return out
end

news._internal = { fold = fold, words = words, paragraphs = paragraphs, iso = iso, days = days,
  from_days = from_days, headline_like = headline_like, floor = floor, insert = insert }

return news
