--- akhbar.news.speakers: who is speaking, for akhbar.news.quotes.  The
-- speaker phrase after or before a speech verb (a role, a title, a name,
-- and the genitives that bind them: «مندوب مصر الدائم لدى الجامعة العربية
-- طارق عادل»), and the canonical speaker: the fullest form of a person's
-- name in the article («الجاسر» -> «صالح بن ناصر الجاسر»), the person a
-- role stands for («مدير عام الخطوط السعودية»), the subject carried to
-- «وقال», the body a definite description stands for («الشركة الكورية»).
-- Each function takes the article's context made by `new_ctx`.
-- @module akhbar.news.speakers
local T = require "akhbar.news.text"
local L = require "akhbar.news.quote_words"

local fold, words, trim = T.fold, T.words, T.trim
local NO_WORDS = {}
local byte = string.byte
local VERBS, COMP, STOP, BACK_STOP, ROLE, ORG = L.VERBS, L.COMP, L.STOP, L.BACK_STOP, L.ROLE, L.ORG
local CONNECT, ROLE_ADJ, LOCATIVE, NAME_LINK = L.CONNECT, L.ROLE_ADJ, L.LOCATIVE, L.NAME_LINK
local TITLE, MEDIA_TO, MEDIA = L.TITLE, L.MEDIA_TO, L.MEDIA
local NOT_SPEAKER, QUANTIFIER = L.NOT_SPEAKER, L.QUANTIFIER

local M = {}

-- Channels of speech: «بتصريح», «في بيان», «بكلمة»
local CHANNEL = T.set { "تصريح", "تصريحات", "بيان", "تغريدة", "حديث", "كلمة", "مقابلة", "لقاء", "رسالة", "مؤتمر" }

local function is_al(k)
  return k:sub(1, 4) == "ال" or k:sub(1, 4) == "لل" or k:sub(1, 6) == "وال"
end

local function role_token(k)
  return ROLE[k] or ORG[k] or CONNECT[k] or is_al(k) or k:sub(1, 8) == "باسم"
end

-- Person-name words (tools/build_name_words.lua), loaded on first use.
local name_words
-- memo of is_name_word per key (the vocabulary of news is bounded)
local name_memo = {}
local function is_name_word(k)
  if not k then return false end
  local m = name_memo[k]
  if m ~= nil then return m end
  if not name_words then
    name_words = {}
    for w in require("akhbar.news.name_words"):gmatch("%S+") do name_words[w] = true end
  end
  -- joined compounds: «عبدالله», «عبداللطيف», «أبوبكر»
  m = (name_words[k] or NAME_LINK[k] or (#k >= 10 and (k:find("^عبد") or k:find("^ابو")))) and true or false
  name_memo[k] = m
  return m
end

-- The key of «على» (on) folds to «علي» (Ali): the written ى tells them apart.
local function name_at(text, W, i)
  local w = W[i]
  if not w then return false end
  local m = name_memo[w.key]
  if m == nil then m = is_name_word(w.key) end
  if not m then return false end
  if w.key == "علي" and text:sub(w.e - 1, w.e) == "ى" then return false end
  return true
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
  -- the holder's name: a run of known name words at the end, its last
  -- word possibly a family name with «ال» («مندوب مصر الدائم لدى الجامعة
  -- العربية طارق عادل», «... بالإنابة مبارك الخرينج»)
  do
    local n1 = b
    if W[n1].key:find("^ال") and n1 > a and name_at(text, W, n1 - 1) then n1 = n1 - 1 end
    while n1 > a + 1 and name_at(text, W, n1 - 1) and W[n1 - 1].post == "" and not ROLE[W[n1 - 1].key] do
      n1 = n1 - 1
    end
    local person_role = false -- «موقع مباشر الاقتصادي» is an outlet, not a role and a name
    for x = a, n1 - 1 do
      if ROLE[W[x].key] or TITLE[W[x].key] then person_role = true break end
    end
    if person_role and name_at(text, W, n1) and not NAME_LINK[W[n1].key] and b > n1 and n1 > a
        and W[n1 - 1].post == "" then
      return { s = W[a].s, e = W[b].e, role = text:sub(W[a].s, W[n1 - 1].e), name = text:sub(W[n1].s, W[b].e),
        ns = W[n1].s, ne = W[b].e, last = b, valid = true }
    end
  end
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

local function parse_speaker(text, W, a, b, bounded, ctx, genitive_ok)
  if a > b then return nil end
  local k1 = W[a].key
  if NOT_SPEAKER[k1] or MEDIA_TO[k1] or k1 == "" then return nil end -- («ــ»: a tatweel alone)
  -- «لكرة القدم», «بسلم الموظفين», «للأبناء», «لمجلس الاحتياطي»: a
  -- prepositional phrase is no subject (a name may begin with ل/ب: بندر،
  -- لطيفة; an according-to source may: «بحسب تقرير لشركة الأبحاث»)
  local head = text:sub(W[a].s, W[a].s + 5)
  if head == "لل" or head == "بال" or head == "لأ" or k1:find("^لل") then return nil end
  if not genitive_ok and k1:find("^ل") and (ORG[k1:sub(3)] or ROLE[k1:sub(3)]) then return nil end
  -- «بإحداث قنصلية», «واسم شعب»: ب or و before a noun that is no name
  -- (a heading «بغداد: ...» is read with genitive_ok: a place may speak)
  if not genitive_ok and (k1:find("^ب") or k1:find("^و")) and not is_al(k1) and not name_at(text, W, a) and not ROLE[k1] and not ORG[k1]
     and not TITLE[k1] and not MEDIA[k1] and #k1 > 6 then
    return nil
  end
  -- «صحيفة “بليك” الأوسع انتشارا»: the outlet is the noun and its name
  -- in marks; what follows describes it
  if (MEDIA[k1] or ORG[k1]) and W[a + 1] and W[a + 1].pre:find("[«“\"]") then
    for e = a + 1, b do
      local close = W[e].post:find("[»”\"]")
      if close then
        -- a body keeps what describes it («مؤسسة «ألف اختراع» البريطانية»)
        if ORG[k1] and not MEDIA[k1] then
          -- with a closing mark glued to the last word (whole characters)
          local post, extra = W[b].post, 0
          for _, mark in ipairs { "»", "”", "\"" } do
            if post:sub(1, #mark) == mark then extra = #mark break end
          end
          local name = trim(text:sub(W[a].s, W[b].e + extra))
          return { s = W[a].s, e = W[b].e, name = name, ns = W[a].s, ne = W[b].e, last = b, valid = true }
        end
        -- through the last byte of the closing mark (» is 2 bytes, ” 3)
        local lead = W[e].post:byte(close)
        local len = lead < 0x80 and 1 or lead < 0xE0 and 2 or lead < 0xF0 and 3 or 4
        local name = text:sub(W[a].s, W[e].e + close + len - 1)
        return { s = W[a].s, e = W[b].e, name = name, ns = W[a].s, ne = W[e].e, last = b, valid = true,
          role = e < b and trim(text:sub(W[e + 1].s, W[b].e)) or nil }
      end
    end
  end
  -- «أكدت بتصريح ...», «قال في كلمة»: the channel, not the speaker
  if (k1:find("^ب") or k1:find("^ل")) and CHANNEL[k1:sub(3)] then return nil end
  if (ROLE[k1] or ORG[k1]) and not TITLE[k1] and b - a >= 2 then
    local long = role_then_name(text, W, a, b, bounded)
    if long then return long end
  end
  local r = { s = W[a].s }
  local i = a
  local function take_role()
    local rs = i
    local limit = bounded and b or math.min(b, i + 2)
    -- a role noun without «ال» is in construct and takes the next word as
    -- its genitive: «مندوب مصر الدائم لدى الجامعة العربية» is all role
    local function genitive(x)
      local pk = x > rs and W[x - 1].key
      return bounded and pk and not is_al(pk) and (ROLE[pk] or ORG[pk] or LOCATIVE[pk]) and W[x - 1].post == ""
        and not STOP[W[x].key] and not COMP[W[x].key] and not VERBS[W[x].key] and not name_at(text, W, x)
    end
    -- «الناطق الإعلامي لشرطة المنطقة الشرقية»: ل + a noun + its «ال»
    -- genitive continues the role
    local function genitive_with_l(x)
      local k = W[x].key
      return x > rs and k:find("^ل") and not k:find("^لل") and W[x + 1] and x < b and is_al(W[x + 1].key)
        and not name_at(text, W, x) and W[x - 1].post == ""
    end
    -- «الناطق الإعلامي بمديرية الدفاع المدني»: ب/ل + a body continues it
    local function at_body(x)
      local k = W[x].key
      return x > rs and (k:find("^ب") or k:find("^ل")) and (ORG[k:sub(3)] or LOCATIVE[k]) and W[x - 1].post == ""
    end
    while i <= limit and (i == rs or role_token(W[i].key) or ROLE_ADJ[W[i].key] or genitive(i) or genitive_with_l(i)
                          or at_body(i)
                          or (W[i].key == "من" and QUANTIFIER[W[i - 1].key] and i < b))
          and (not STOP[W[i].key] or CONNECT[W[i].key] or W[i].key == "من") do
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
    local ends_well = bounded and (not nxt or STOP[nxt.key] or COMP[nxt.key] or MEDIA_TO[nxt.key]
      or ppost:find(":") or
      ppost:find("،", 1, true) or ppost:find(",", 1, true))
    r.valid = (r.role or (r.name and (ctx.known[nk] or ctx.surname[nk] or ctx.entity_at(W[a].s))) or
               (ends_well and nw >= 1 and nw <= 2)) and true or false
  end
  r.last = i - 1
  r.e = W[i - 1] and W[i - 1].e or W[a].e
  return r
end

-- Is the character at byte i (or ending at byte i - 1) an Arabic letter?
-- ، ؛ ؟ and the Arabic digits and marks of U+0660.. are not.
local function arabic_letter_at(text, i)
  local b = byte(text, i)
  if not b or b < 0xD8 or b > 0xDB then return false end
  local c = byte(text, i + 1) or 0
  if b == 0xD8 then return c ~= 0x8C and c ~= 0x9B and c ~= 0x9F end
  if b == 0xD9 then return c < 0xA0 end
  return true
end
local function arabic_letter_before(text, p)
  if p <= 2 then return false end
  local b = byte(text, p - 1)
  if b < 0x80 then return false end
  return arabic_letter_at(text, p - 2)
end

-- The folded word right before byte p / after byte q, when only spaces
-- stand between (punctuation between is a boundary: nil).
local function word_key_before(text, p)
  local i = p - 1
  while i >= 1 and byte(text, i) == 32 do i = i - 1 end
  if i == p - 1 or i < 1 or not arabic_letter_at(text, i - 1) then return nil end
  local e = i
  while i >= 1 and byte(text, i) ~= 32 and byte(text, i) ~= 10 do i = i - 1 end
  return fold(text:sub(i + 1, e))
end
local function word_key_after(text, q)
  local i = q + 1
  while byte(text, i) == 32 do i = i + 1 end
  if i == q + 1 or not arabic_letter_at(text, i) then return nil end
  local e = text:find("[ \n]", i) or #text + 1
  return fold(text:sub(i, e - 1))
end

--- The fullest form of the person name `name` written anywhere in the
-- article: each place its words occur in sequence is widened over the
-- name words around it («الجاسر» -> «صالح بن ناصر الجاسر», «عبدالله بن»
-- -> «عبدالله بن مساعد»).  Widening stops at punctuation, at an «ال» word
-- (a role or a title: «المهندس»), and at anything that is not a known
-- given or family name, so «تصريحات الجاسم» stays «الجاسم».  Returns the
-- longest form found (at most six words), or nil when none is longer.
local function fullest_name(text, ctx, name)
  local keys = {}
  for w in fold(name):gmatch("%S+") do keys[#keys + 1] = w end
  local n = #keys
  if n == 0 or n > 4 then return nil end
  -- only a person's name widens: «توقعات المحللين» is no name
  for x = 1, n do
    local k = keys[x]
    if not (is_name_word(k) or (x == n and k:find("^ال"))) then return nil end
  end
  local cache = ctx.fullest or {}
  ctx.fullest = cache
  if cache[name] ~= nil then return cache[name] or nil end
  -- each place the name is written as here (a plain search in C), with
  -- the words of a window around it: a Lua pass over every word of the
  -- article per speaker doubled the cost of quotes
  local best, best_len = nil, n
  local from = 1
  while true do
    local p, q = text:find(name, from, true)
    if not p then break end
    from = q + 1
    -- a whole word only (not «الجاسر» inside «والجاسر»), and the few
    -- words around it: six back, three on
    local whole = not arabic_letter_before(text, p) and not arabic_letter_at(text, q + 1)
    -- most places cannot widen: no name word before, nothing to link after
    if whole then
      local pk, nk = word_key_before(text, p), word_key_after(text, q)
      whole = (pk and is_name_word(pk)) or (nk and (NAME_LINK[nk] or (n == 1 and is_name_word(nk))))
        or NAME_LINK[keys[n]]
    end
    local ws = math.max(1, p - 90)
    while ws > 1 and ws < p and byte(text, ws) >= 0x80 and byte(text, ws) < 0xC0 do ws = ws - 1 end
    local AW = whole and words(text, ws, math.min(#text, q + 40)) or NO_WORDS
    local i
    for x = 1, #AW do
      if AW[x].s == p then i = x break end
    end
    if i and i + n - 1 <= #AW then
      local a, b = i, i + n - 1
      while a > 2 and b - a < 5 and AW[a - 1].post == "" and name_at(text, AW, a - 1)
            and not VERBS[AW[a - 1].key] and not STOP[AW[a - 1].key] do
        a = a - 1
      end
      -- forward: after a link word (بن، أبو، عبد), or a given name
      -- followed by a family name («نجيب عبدالرزاق»)
      while b < #AW - 1 and b - a < 5 and AW[b].post == "" do
        local nk = AW[b + 1].key
        if NAME_LINK[AW[b].key] or NAME_LINK[nk] then b = b + 1
        elseif name_at(text, AW, b + 1) and not VERBS[nk] and not STOP[nk] and not COMP[nk] and b == i + n - 1 and n == 1
               and a == i and not keys[1]:find("^ال") then
          b = b + 1
        else break end
      end
      if NAME_LINK[AW[b].key] then b = b - 1 end
      if b - a + 1 > best_len then best, best_len = text:sub(AW[a].s, AW[b].e), b - a + 1 end
    end
  end
  cache[name] = best or false
  return best
end

local person_with_role, subject_before

-- Words that can stand next to a person's name as role or title: a
-- sentence with none of them names no person with a role (the C word
-- scanner tells, without building the words).
local ROLE_FILTER = {}
for _, t in ipairs { ROLE, TITLE } do
  for k in pairs(t) do ROLE_FILTER[k] = true end
end

local function persons_in(text, a0, b0)
  local AW = words(text, a0, b0, ROLE_FILTER)
  if not AW then return NO_WORDS end
  local out = {}
  local i = 1
  while i <= #AW do
    local a = i
    -- a role word right after بن is a name («عبدالله بن مساعد»)
    while i <= #AW and (name_at(text, AW, i) or (i > a and NAME_LINK[AW[i - 1].key] and ROLE[AW[i].key]))
          and (not ROLE[AW[i].key] or (i > a and NAME_LINK[AW[i - 1].key])) and not TITLE[AW[i].key]
          and not VERBS[AW[i].key] and (i == a or AW[i - 1].post == "") do
      i = i + 1
    end
    local b = i - 1
    if b >= a and i <= #AW and AW[i].key:find("^ال") and AW[b].post == "" and not ROLE[AW[i].key] then
      b = i
      i = i + 1
    end
    while b > a and NAME_LINK[AW[b].key] do b = b - 1 end
    if b > a and not NAME_LINK[AW[a].key] then
      -- role before: back over role/title/«ال» words to a boundary
      local r1 = a
      while r1 > 1 and a - r1 < 10 and AW[r1 - 1].post == "" and not VERBS[AW[r1 - 1].key]
            and (not STOP[AW[r1 - 1].key] or CONNECT[AW[r1 - 1].key])
            and not COMP[AW[r1 - 1].key] and not BACK_STOP[AW[r1 - 1].key] do
        r1 = r1 - 1
      end
      -- the role begins at its first role or title word («مدير عام ...»)
      while r1 < a and not (ROLE[AW[r1].key] or TITLE[AW[r1].key]) do r1 = r1 + 1 end
      -- role after: «الرئيس العام لرعاية الشباب»
      local r2 = b
      if b < #AW and (ROLE[AW[b + 1].key] or TITLE[AW[b + 1].key]) then
        while r2 < #AW and r2 - b < 8 and AW[r2].post == "" and role_token(AW[r2 + 1].key) and not VERBS[AW[r2 + 1].key] do
          r2 = r2 + 1
        end
      end
      local role_text = ""
      if r1 < a then role_text = text:sub(AW[r1].s, AW[a - 1].e) end
      if r2 > b then role_text = role_text .. " " .. text:sub(AW[b + 1].s, AW[r2].e) end
      if role_text:find("%S") then
        -- a subject comes early in its sentence («استنكر معالي مدير ...
        -- الدكتور X، ...»): at most twelve words before the role
        -- or right after «، VERB» when a fronted clause opens the sentence
        -- («وحول موافقة الوزير على ...، قدم الأمير عبدالله بن مساعد»)
        local after_clause = r1 >= 3 and (AW[r1 - 2].post:find("[،,]") or AW[r1 - 2].key == "")
        out[#out + 1] = { name = text:sub(AW[a].s, AW[b].e), role = " " .. fold(role_text) .. " ", at = AW[a].s,
          early = r1 <= 13 or after_clause and true or false }
      end
    end
    if i == a then i = i + 1 end
  end
  return out
end

--- Persons the article names with a role, before or after the name
-- («مدير عام الخطوط ... المهندس صالح بن ناصر الجاسر», «الأمير عبدالله بن
-- مساعد الرئيس العام لرعاية الشباب»), sentence by sentence: the persons
-- of sentence `si` ({ name, role (folded, space-padded), at, early }), in
-- text order, read once per article.  A name is a run of at least two
-- person-name words (its last word may carry «ال»); its role is the phrase
-- of role words touching it.
local function persons(text, ctx, si)
  local cache = ctx.persons
  if not cache then cache = {} ctx.persons = cache end
  local P = cache[si]
  if not P then
    local sent = ctx.doc.sentences[si]
    P = sent and persons_in(text, sent.start, sent.stop) or NO_WORDS
    cache[si] = P
  end
  return P
end

-- Index of the sentence holding byte `pos` (binary search).
local function sentence_at(ctx, pos)
  local S = ctx.doc.sentences
  local lo, hi = 1, #S
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if S[mid].start <= pos then lo = mid else hi = mid - 1 end
  end
  return lo
end

local function bare_key(k) return (k:gsub("^ال", "")) end

--- The person named with a role as the subject of a sentence before
-- `pos` in the same paragraph (within its first twelve words: «استنكر
-- معالي مدير جامعة ... الدكتور عبدالرحمن بن محمد العاصمي، ...»), or nil.
function subject_before(text, ctx, doc, pos)
  -- the latest person with a role in the sentences before, within the
  -- paragraph or the one before it, named early in its sentence
  local si = sentence_at(ctx, pos)
  local para = doc.sentences[si] and doc.sentences[si].paragraph or 0
  for j = si - 1, math.max(1, si - 3), -1 do
    local sent = doc.sentences[j]
    if para - sent.paragraph > 1 then return nil end
    local P = persons(text, ctx, j)
    if #P > 0 then
      local p = P[#P]
      if not p.early then return nil end
      p.sentence_start = sent.start
      return p
    end
  end
end

--- The person a role phrase stands for: the latest person named before
-- `pos` whose role contains every content word of the phrase (without
-- «ال»): «مدير عام الخطوط السعودية» fits «مدير عام الخطوط الجوية العربية
-- السعودية»; «المسؤول الخليجي» fits nobody and stays as it is.
function person_with_role(text, ctx, rk, pos)
  local want = {}
  for w in rk:gmatch("%S+") do
    if w ~= "باسم" and w ~= "لدي" then want[#want + 1] = bare_key(w) end
  end
  if #want == 0 then return nil end
  -- the sentences just before and the lead, where a role is introduced
  -- (reading every sentence of a long article cost more than the quotes)
  local here = sentence_at(ctx, pos)
  for si = here, 1, -1 do
    if si < here - 8 and si > 3 then goto next_sentence end
    local P = persons(text, ctx, si)
    for j = #P, 1, -1 do
      local p = P[j]
      if p.at < pos then
        local ok = true
        for _, w in ipairs(want) do
          if not (p.role:find(" " .. w .. " ", 1, true) or p.role:find(" ال" .. w .. " ", 1, true)) then
            ok = false
            break
          end
        end
        if ok then return p.name end
      end
    end
    ::next_sentence::
  end
end

-- The speaker a role phrase alone stands for (folded rk, as written role):
-- returns speaker, the role to keep, and how it was found.
local function speaker_of_role(role, rk, r, ctx, text)
  if ctx.surname[rk] then return ctx.surname[rk], nil, "written" end
  local one_word, head = not rk:find(" "), rk:match("^%S+")
  if one_word and not ROLE[rk] and not ORG[rk] and text then
    -- «الجاسر» alone: a family name, read as a role word by its «ال»
    local full = fullest_name(text, ctx, role)
    if full then
      ctx.surname[rk] = full
      return full, nil, "written"
    end
  end
  -- «المحللون», «المراقبين»: a group, named as written
  if one_word and rk:find("^ال") and (rk:find("ون$") or rk:find("ين$")) then return role, role, "written" end
  if text and ROLE[head] and not ORG[head] then
    -- «مدير عام الخطوط السعودية», «الرئيس العام»: the person the article
    -- named with that role before (not necessarily as a speaker)
    local p = person_with_role(text, ctx, rk, r.s)
    if p then return p, role, "role" end
  end
  -- the person named with that role earlier in the article
  for j = #ctx.roles, 1, -1 do
    local x = ctx.roles[j]
    if x.key == rk or x.key:sub(1, #rk) == rk or rk:sub(1, #x.key) == x.key then return x.name, role, "role" end
  end
  if not one_word then
    -- «الناطق الإعلامي» after «الناطق الإعلامي لشرطة المنطقة الشرقية»: the
    -- longer role spoken before
    for j = #ctx.orgs, 1, -1 do
      local o = ctx.orgs[j]
      if #o.key > #rk and o.key:sub(1, #rk + 1) == rk .. " " then return o.name, role, "role" end
    end
  else
    for j = #ctx.roles, 1, -1 do
      if ctx.roles[j].head == rk then return ctx.roles[j].name, role, "role" end
    end
    -- «الوزارة», «الخارجية»: the organisation spoken of before
    local bare = rk:gsub("^ال", "")
    for j = #ctx.orgs, 1, -1 do
      local o = ctx.orgs[j]
      if o.key ~= rk and (o.key:find("^" .. bare) or o.key:find(" " .. rk, 1, true) or o.key:find(rk, 1, true)) then
        return o.name, role, "role"
      end
    end
  end
  -- «الشركة الكورية», «الوزارة»: the body of that kind spoken of before
  local bare_head = head:gsub("^ال", "")
  if rk:find("^ال") and ORG[bare_head] then
    for j = #ctx.org_heads, 1, -1 do
      if ctx.org_heads[j].head == bare_head then return ctx.org_heads[j].name, role, "role" end
    end
  end
  -- «المسؤول الخليجي», «الوزير»: a definite description of a person,
  -- standing for the person last quoted by name
  if head:find("^ال") and ROLE[head] and not ORG[head] and select(2, rk:gsub("%S+", "")) <= 3 and ctx.last_person then
    return ctx.last_person, role, "role"
  end
  if not one_word or ORG[head] then ctx.orgs[#ctx.orgs + 1] = { key = rk, name = role } end
  return role, role, "written"
end

local function resolve(r, ctx, text)
  local speaker, role = r.name, r.role
  local how = "written"
  local rk = role and fold(role)
  if speaker then
    speaker = trim(speaker)
    if ctx.surname[fold(speaker)] then speaker = ctx.surname[fold(speaker)] end
    local full = text and fullest_name(text, ctx, speaker)
    if full then speaker = full end
    local key = fold(speaker)
    if select(2, speaker:gsub("%S+", "")) >= 2 and is_name_word(key:match("%S+")) then
      ctx.last_person = speaker
      ctx.known[key] = true
      local last = speaker:match("(%S+)%s*$")
      if last then ctx.surname[fold(last)] = speaker end
    end
    if rk then
      ctx.roles[#ctx.roles + 1] = { key = rk, head = rk:match("^%S+"), name = speaker }
    end
  elseif rk then
    speaker, role, how = speaker_of_role(role, rk, r, ctx, text)
  end
  -- remember bodies by their head noun («شركة سامسونج» is a شركة)
  if speaker and how == "written" then
    local h = fold(speaker):match("^%S+")
    if h and ORG[h] and not h:find("^ال") then ctx.org_heads[#ctx.org_heads + 1] = { head = h, name = speaker } end
  end
  return speaker, role, how
end

local function new_ctx(text, opts)
  local ctx = { known = {}, surname = {}, roles = {}, orgs = {}, ents = {}, org_heads = {}, variants = {} }
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

-- The canonical form of a body's name: «شركة سامسونج» is «سامسونج» (a
-- generic head before a bare proper name), and a later spelling that
-- differs only in a transcribed letter («سامسونغ», غ/ج and ك/گ) takes the
-- form the article used first.
local GENERIC_HEAD = { ["شركه"] = true }
local function canonical_body(ctx, speaker)
  local first, rest = speaker:match("^(%S+)%s+(.+)$")
  if first and GENERIC_HEAD[fold(first)] and not rest:find("^ال") and not rest:find(" ") then speaker = rest end
  local vkey = fold(speaker):gsub("غ", "ج"):gsub("گ", "ك")
  local seen = ctx.variants[vkey]
  if seen then return seen end
  ctx.variants[vkey] = speaker
  return speaker
end

M.is_al = is_al
M.role_token = role_token
M.is_name_word = is_name_word
M.name_at = name_at
M.role_then_name = role_then_name
M.parse_speaker = parse_speaker
M.fullest_name = fullest_name
M.persons = persons
M.sentence_at = sentence_at
M.subject_before = subject_before
M.person_with_role = person_with_role
M.resolve = resolve
M.new_ctx = new_ctx
M.canonical_body = canonical_body

return M
