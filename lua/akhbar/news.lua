--- akhbar.news: the structure of a news article.
-- `akhbar.parse(text [, opts])` returns a document table (title, dateline,
-- agency, author, publication day with its evidence, every date mentioned,
-- paragraphs, sentences, removed boilerplate and repeated paragraphs,
-- cleaned text, quotes); `akhbar.dates(text [, opts])` and
-- `akhbar.quotes(text [, opts])` stream.
--
-- The byte-level work (date expressions, quotation-mark pairing, sentence
-- boundaries) is C (src/dates.c, src/quotes.c, src/segment.c).  The rules
-- on top are Lua, one module per job: this file (structure: boilerplate,
-- title, dateline, credits, repeated paragraphs), akhbar.news.dates (the
-- publication day and the dates mentioned), akhbar.news.quotes (who said
-- what), akhbar.news.text (folding and words they share).  Offsets are
-- 1-based inclusive into the ORIGINAL text: `text:sub(x.start, x.stop)` is
-- what was found.
-- @module akhbar.news
local core = require "akhbar.core"
local T = require "akhbar.news.text"
local dates = require "akhbar.news.dates"
local quotes_mod = require "akhbar.news.quotes"

local news = {}

local concat = table.concat
local byte = string.byte
local fold, set, trim, words = T.fold, T.set, T.trim, T.words
news.fold, news.words = fold, words
news.parse_iso = dates.parse_iso
news.url_date = dates.url_date
news.speech_verbs = quotes_mod.speech_verbs

--- Streaming iterator over the dates of text: each { start, stop, text,
-- value (yyyy-mm-dd, yyyy-mm, yyyy or "first..last"), first, last (the
-- days covered), granularity (day, month, year, range), kind (absolute,
-- partial, relative, hijri, stamp), role (news, future, past, other,
-- stamp), year, month, day, weekday (0 = Sunday), hijri = {y, m, d} }.
-- opts: published (the article's day: relative and year-less dates
-- resolve against it), url, crawled, year (see akhbar.news.dates).
function news.dates(text, opts)
  if type(text) ~= "string" then error("akhbar.dates: text expected, got " .. type(text), 2) end
  if opts ~= nil and type(opts) ~= "table" then error("akhbar.dates: options table expected, got " .. type(opts), 2) end
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
local AGENCIES = T.AGENCIES
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

-- The paragraph key: folded (، ؛ ؟ as spaces), the other marks (“ ” « » …
-- – — NBSP) as spaces, lower case, runs of ASCII punctuation and space as
-- one space, trimmed.  In C (akh_news_norm_key): the three gsubs with table
-- lookups per letter were a quarter of parse's time.
local norm_key = core.news_norm_key

---------------------------------------------------------------- parse
--- Parse text into a document table.  opts: title, author, crawled,
-- published (ISO, given by the source), url, source; quotes = false to skip
-- attribution; entities = false to skip gazetteer lookups.  A fault of the
-- attribution rules leaves doc.quotes empty and its message in
-- doc.quote_error instead of raising.
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
  local hits = dates.scan(text)
  doc.dates = hits
  local stamp_lines = {}
  for _, h in ipairs(hits) do
    if h.stamp then stamp_lines[h.line_start] = h end
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

  -- the publication day and every date against it
  doc.date, doc.date_evidence, doc.date_confidence, doc.crawled =
    dates.analyze(text, hits, opts, paras)

  if opts.quotes ~= false then
    -- A fault of the attribution rules on one article must not lose the
    -- article at import: its quotes are left out and the fault is kept in
    -- doc.quote_error (news_spec parses the corpus and expects none).
    local ok, quotes = pcall(quotes_mod.extract, text, doc, opts)
    if ok then
      doc.quotes = quotes
    else
      doc.quote_error = tostring(quotes)
    end
  end
  return doc
end

---------------------------------------------------------------- quotes
--- Streaming iterator over the quotes of text: each
-- { speaker, speaker_written, resolution, speaker_entity, speaker_id, role,
-- verb, verb_form, verb_class, kind ("direct", "reported", "heading"), text,
-- start, stop, carried }.  speaker is the canonical name (the fullest form
-- the article gives), speaker_written the phrase at the frame (nil when
-- none is written), resolution how the speaker was found: "written",
-- "carried" (وأضاف), "role" (a role standing for a person named before),
-- "pronoun" (an honorific: «وقال سموه»); docs/quotes.md has the rules.
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
news._internal = { fold = fold, words = words, paragraphs = paragraphs, iso = dates.iso, days = dates.days,
  headline_like = headline_like }

return news
