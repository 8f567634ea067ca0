--- akhbar.news.quotes: who said what.  The attribution rules on top of the
-- C primitives (quotation-mark pairing in src/quotes.c, sentences and words
-- in src/segment.c): speech verbs and their classes, speaker phrases,
-- carried-over speakers.  `extract(text, doc, opts)` is called by
-- news.parse with the parsed document.
-- @module akhbar.news.quotes
local core = require "akhbar.core"
local T = require "akhbar.news.text"

local fold, set, words, trim = T.fold, T.set, T.words, T.trim
local AGENCIES = T.AGENCIES
local NO_WORDS = {}
local byte = string.byte
local L = require "akhbar.news.quote_words"
local VERBS, GOD, COMP, STOP, BACK_STOP = L.VERBS, L.GOD, L.COMP, L.STOP, L.BACK_STOP
local ACCORDING = L.ACCORDING
-- Time words between a speaker and the content («دعت السلطات السبت ...»)
local TIME_WORD = set { "اليوم", "أمس", "امس", "غدا", "الليلة", "صباح", "مساء", "الأحد", "الاثنين", "الإثنين",
  "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "أيضا", "مجددا", "كذلك" }
local RELATIVE = set { "الذي", "التي", "الذين" }
-- «عدد من الحاضرات», «أحد من ...», «بعض من»: the group after من speaks
local QUANTIFIER = set { "عدد", "أحد", "بعض", "إحدى", "كثير", "العديد" }
-- «ما نسب إلى أبي الأسود الدؤلي حين قال:»: the name before حين speaks
local WHEN = set { "حين", "عندما", "حينما" }
local NEGATION = set { "لم", "ولم", "لن", "ولن", "لا", "ولا", "ما", "وما", "فلم" }
local PUBLISHED = set { "نشرته", "نشرتها", "نشره", "نشرها", "أوردته", "أوردتها", "أصدرته", "أصدرتها", "أعدته",
  "أعدتها", "أجرته", "أجرتها", "بثته", "بثتها" }
local KANA = set { "كان", "وكان", "كانت", "وكانت" }
local PARTICIPLE_PREP = set { "على", "عن", "إلى" }
local CLAUSE_LINK = set { "فيما", "بينما", "كما", "حيث", "وفيما", "وبينما", "وكما" }
local PRONOUN_PARTICLES, ROLE, ORG, CONNECT, ROLE_ADJ = L.PRONOUN_PARTICLES, L.ROLE, L.ORG, L.CONNECT, L.ROLE_ADJ
local LOCATIVE, NAME_LINK, TITLE, MEDIA, MEDIA_TO, NOT_SPEAKER = L.LOCATIVE, L.NAME_LINK, L.TITLE, L.MEDIA, L.MEDIA_TO,
  L.NOT_SPEAKER

local quotes_mod = {}

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

local function parse_speaker(text, W, a, b, bounded, ctx)
  if a > b then return nil end
  local k1 = W[a].key
  if NOT_SPEAKER[k1] or MEDIA_TO[k1] then return nil end
  -- «لكرة القدم», «بسلم الموظفين», «للأبناء»: a prepositional phrase is
  -- no subject (a name may begin with ل/ب, but not with لل/بال/لأ)
  local head = text:sub(W[a].s, W[a].s + 5)
  if head == "لل" or head == "بال" or head == "لأ" or k1:find("^لل") then return nil end
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
    while i <= limit and (i == rs or role_token(W[i].key) or ROLE_ADJ[W[i].key] or genitive(i)
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

local person_with_role, object_start, according_to, subject_before

-- Persons the article names with a role, before or after the name
-- («مدير عام الخطوط ... المهندس صالح بن ناصر الجاسر», «الأمير عبدالله بن
-- مساعد الرئيس العام لرعاية الشباب»): { name, role (folded), at }, in text
-- order.  A name is a run of at least two person-name words (its last word
-- may carry «ال»); its role is the phrase of role words touching it.
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
    while i <= #AW and name_at(text, AW, i) and not ROLE[AW[i].key] and not TITLE[AW[i].key] and not VERBS[AW[i].key]
          and (i == a or AW[i - 1].post == "") do
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
        out[#out + 1] = { name = text:sub(AW[a].s, AW[b].e), role = " " .. fold(role_text) .. " ", at = AW[a].s,
          early = r1 <= 13 }
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

local function resolve(r, ctx, text)
  local speaker, role = r.name, r.role
  local how = "written"
  local rk = role and fold(role)
  if speaker then
    speaker = trim(speaker)
    local nk = fold(speaker)
    if ctx.surname[nk] then speaker = ctx.surname[nk] end
    local full = text and fullest_name(text, ctx, speaker)
    if full then speaker = full end
    local nw = select(2, speaker:gsub("%S+", ""))
    if nw >= 2 and is_name_word(fold(speaker):match("^%S+")) then
      ctx.last_person = speaker
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
  elseif rk and not rk:find(" ") and not ROLE[rk] and not ORG[rk] and text and fullest_name(text, ctx, role) then
    -- «الجاسر» alone: a family name, read as a role word by its «ال»
    speaker = fullest_name(text, ctx, role)
    ctx.surname[rk] = speaker
    role = nil
  elseif rk and not rk:find(" ") and rk:find("^ال") and (rk:find("ون$") or rk:find("ين$")) then
    -- «المحللون», «المراقبين»: a group, named as written
    speaker = role
  elseif rk and text and ROLE[rk:match("^%S+")] and not ORG[rk:match("^%S+")] and person_with_role(text, ctx, rk, r.s) then
    -- «مدير عام الخطوط السعودية», «الرئيس العام»: the person the article
    -- named with that role before (not necessarily as a speaker)
    speaker = person_with_role(text, ctx, rk, r.s)
    how = "role"
  elseif rk then
    -- a role alone: the person named with that role earlier in the article
    for j = #ctx.roles, 1, -1 do
      local x = ctx.roles[j]
      if x.key == rk or x.key:sub(1, #rk) == rk or rk:sub(1, #x.key) == x.key then speaker, how = x.name, "role" break end
    end
    if not speaker and not rk:find(" ") then
      for j = #ctx.roles, 1, -1 do
        if ctx.roles[j].head == rk then speaker, how = ctx.roles[j].name, "role" break end
      end
      if not speaker then
        -- «الوزارة», «الخارجية»: the organisation spoken of before
        local bare = rk:gsub("^ال", "")
        for j = #ctx.orgs, 1, -1 do
          local o = ctx.orgs[j]
          if o.key ~= rk and (o.key:find("^" .. bare) or o.key:find(" " .. rk, 1, true) or o.key:find(rk, 1, true)) then
            speaker, how = o.name, "role"
            break
          end
        end
      end
    end
    -- «الشركة الكورية», «الوزارة»: the body of that kind spoken of before
    local bare_head = rk:match("^%S+"):gsub("^ال", "")
    if not speaker and rk:find("^ال") and ORG[bare_head] then
      for j = #ctx.org_heads, 1, -1 do
        if ctx.org_heads[j].head == bare_head then speaker, how = ctx.org_heads[j].name, "role" break end
      end
    end
    -- «المسؤول الخليجي», «الوزير»: a definite description of a person,
    -- standing for the person last quoted by name
    local head = rk:match("^%S+")
    if not speaker and head:find("^ال") and ROLE[head] and not ORG[head] and select(2, rk:gsub("%S+", "")) <= 3 then
      speaker = ctx.last_person
      how = speaker and "role" or how
    end
    if not speaker then
      speaker = role
      if rk:find(" ") or ORG[rk:match("^%S+")] then ctx.orgs[#ctx.orgs + 1] = { key = rk, name = role } end
    end
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

--- Where the object of a speech verb begins, after the speaker phrase
-- W[from..]: the speaker is role, organisation, title and name words, an
-- «ال» word only after another speaker word (an adjective or a family
-- name); the object is the first word of another kind, a bare noun or a
-- word with a pronoun («مواطنيها», «إنتاج», «رفضه»), or comes after the
-- verb's own preposition («أعرب X عن رفضه», «شدد X على دعم»).  Time words
-- between the two are skipped («دعت السلطات الإيرانية السبت مواطنيها»).
-- Returns the first word of the object and the last of the speaker, or
-- nil when the phrase runs into a stop word, a verb or a quotation.
function object_start(W, from, prep, inside)
  if type(prep) == "string" then
    -- the preposition within reach, with nothing but a speaker before it
    local pk = fold(prep)
    for m = from + 1, math.min(#W - 1, from + 14) do
      local k = W[m].key
      if k == pk then
        local e = m - 1
        while e > from and TIME_WORD[W[e].key] do e = e - 1 end
        return m + 1, e
      end
      if COMP[k] or VERBS[k] or inside(W[m].s) or W[m - 1].post:find("[%.:]") then break end
    end
  end
  local m = from
  while m <= #W and m - from < 12 do
    local x = W[m]
    local k = x.key
    if m > from and TIME_WORD[k] and not x.post:find("[^%s]") then
      local e = m - 1
      while m <= #W and TIME_WORD[W[m].key] do m = m + 1 end
      if m > #W or STOP[W[m].key] or COMP[W[m].key] or VERBS[W[m].key] then return nil end
      return m, e
    end
    if STOP[k] or COMP[k] or VERBS[k] or inside(x.s) or k:find("^%d") then return nil end
    local speakerish = ROLE[k] or ORG[k] or TITLE[k] or CONNECT[k] or ROLE_ADJ[k] or NAME_LINK[k] or is_name_word(k)
      or (is_al(k) and (m == from or not W[m - 1].post:find("[^%s]")))
    local pk = m > from and W[m - 1].key
    -- a noun in construct («مدير عام», «وزارة الخارجية», «بمنطقة مكة»)
    -- takes the next word as its genitive: still the speaker
    if not speakerish and pk and not is_al(pk) and (ROLE[pk] or ORG[pk] or CONNECT[pk] or LOCATIVE[pk]) then
      speakerish = true
    end
    if not speakerish and LOCATIVE[k] then speakerish = true end
    -- «المدير العام لمنظمة الصحة العالمية»: a genitive with ل after a role
    if not speakerish and pk and k:find("^ل") and (ORG[k:sub(3)] or ROLE[k:sub(3)]) then speakerish = true end
    if not speakerish then
      if m == from or W[m - 1].post:find("[^%s]") or NOT_SPEAKER[k] and m == from then return nil end
      return m, m - 1
    end
    if x.post:find("[^%s]") then return nil end
    m = m + 1
  end
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

-- Document nouns fused to an according-to preposition go with the frame
-- («ووفقا لتقرير موقع مباشر»: the website speaks).
local DOCUMENT = set { "لتقرير", "تقرير", "لدراسة", "دراسة", "لبيان", "بيان", "لإحصائية", "إحصائية", "لبيانات",
  "بيانات", "لمصادر", "لوكالة", "لصحيفة", "لموقع" }

--- An according-to frame at W[wi] («ووفقا لتقرير X، ...», «...، بحسب X»):
-- the quote record, or nil.  Before the content (at the head of the
-- sentence) the source runs to the comma or «فإن»; after it (behind a
-- comma) the content is the clause before the frame and the source the
-- rest of the sentence.
function according_to(text, W, wi, ctx)
  local w = W[wi]
  local j = wi + 1
  local nx = W[j]
  if not nx then return nil end
  if nx.key == "ما" or nx.key == "عن" then j = j + 1 end -- «بحسب ما», «نقلا عن»
  if W[j] and VERBS[W[j].key] and not VERBS[W[j].key].participle then j = j + 1 end -- «حسبما أفاد»
  if W[j] and (W[j].key == "به" or W[j].key == "بها") then j = j + 1 end
  -- «ووفقا لتقرير نشرته مجلة ...»: the verb of the document's source
  if W[j] and PUBLISHED[W[j].key] then j = j + 1 end
  if W[j] and DOCUMENT[W[j].key] and W[j + 1] and not W[j + 1].key:find("^ال") then j = j + 1 end
  local sa = j
  local head = wi == 1 or (wi == 2 and W[1].key == "و")
  -- the source runs to a comma or «فإن»; at the head of a sentence a
  -- complement of the source itself («حول تأثير ...») may come between,
  -- and the source is then the words before it
  local k, stop_at = sa, nil
  while k <= #W and k - sa < (head and 24 or 10) and not W[k].post:find("[،,%.:]") and not COMP[W[k].key] do
    local nk = W[k + 1] and W[k + 1].key
    if nk == "فان" or nk == "فانه" or nk == "فانها" then break end
    if nk and COMP[nk] and not head then break end
    if head and not stop_at and k > sa and STOP[W[k].key] then stop_at = k - 1 end
    if VERBS[W[k].key] then return nil end
    k = k + 1
  end
  if k > #W or k < sa or not (W[k].post:find("[،,]") or (W[k + 1] and (W[k + 1].key:find("^فان")
      or (not head and COMP[W[k + 1].key])))) then
    if not (not head and k == #W) then return nil end
  end
  local content_from = k + 1
  if stop_at then k = stop_at end
  if k - sa >= 10 then return nil end
  local r = parse_speaker(text, W, sa, k, true, ctx)
  if not r then return nil end
  local speaker, role, how = resolve(r, ctx, text)
  -- an outlet or a body («موقع مباشر الاقتصادي», «وكالة الأنباء ...») is
  -- named by its whole phrase
  if MEDIA[W[sa].key] or ORG[W[sa].key] then speaker, role, how = trim(text:sub(W[sa].s, W[k].e)), nil, "written" end
  if not speaker then return nil end
  local qs, qe
  if head then
    local c = content_from
    if W[c] and (W[c].key == "فان" or W[c].key == "فانه" or W[c].key == "فانها" or COMP[W[c].key]) then c = c + 1 end
    if not W[c] then return nil end
    qs = W[c].s - #W[c].pre
    qe = strip_end(text, qs, W[#W].e + #W[#W].post)
  elseif W[wi - 1].post:find("[،,]") and k == #W then
    local a = 1
    for m = wi - 2, 1, -1 do
      if W[m].post:find("[،,]") and VERBS[W[m + 1].key] then a = m + 1 break end
    end
    qs = W[a].s - #W[a].pre
    qe = strip_end(text, qs, W[wi - 1].e)
  else
    return nil
  end
  if qe < qs then return nil end
  -- «بحسب تقرير لشركة الأبحاث غارتنر»: the ل of the genitive is not the name
  local k1 = W[sa].key
  local w1 = text:sub(W[sa].s, W[sa].e)
  if k1:sub(1, 2) == "ل" and (ORG[k1:sub(3)] or MEDIA[k1:sub(3)]) and speaker:sub(1, #w1) == w1 then
    speaker = speaker:sub(3)
  end
  return { speaker = speaker, role = role, speaker_written = text:sub(W[sa].s, W[k].e), resolution = how,
    verb = text:sub(w.s, w.e), verb_form = text:sub(w.s, w.e), verb_class = "according-to", kind = "reported",
    start = qs, stop = qe, sp_s = r.ns, sp_e = r.ne }
end

-- «لمجلس الاحتياطي», «لوزارة»: ل + a body or a role is a genitive or a
-- dative, not the subject after a verb
local function genitive_l(k)
  return k:find("^ل") and (ORG[k:sub(3)] or ROLE[k:sub(3)]) and true or false
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

-- «يدعو», «تؤكد»: a present-tense form (a habit or a state: «الميثاق الذي
-- يدعو إلى ...» is no new frame; «الأمر الذي أكدت سامسونغ ...» is).
local function present_tense(k)
  local v = VERBS[k]
  if not v or v.clitic then return false end
  -- تابع, تعهد: past forms that begin with ت
  return (k:find("^ي") or (k:find("^ت") and not fold(v.lemma):find("^ت"))) and true or false
end

-- An accusative active participle of a derived verb («مشيدا», «مضيفة»,
-- «معربا»): م + at least three letters + the accusative ا or ة.
local function is_participle(k)
  local n = #k
  if n < 8 or byte(k, 1) ~= 0xD9 or byte(k, 2) ~= 0x85 then return false end -- م
  local b1, b2 = byte(k, n - 1), byte(k, n)
  return (b1 == 0xD8 and b2 == 0xA7) or (b1 == 0xD9 and b2 == 0x87) -- ا or ه (folded ة)
end


--- Quotes of a parsed document (see news.quotes for the fields).
function quotes_mod.extract(text, doc, opts)
  local out = {}
  local ctx = new_ctx(text, opts)
  ctx.doc = doc
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
      -- a quotation never closed («“غالكسي إس6″ الذي ...» with a wrong
      -- closing mark) runs to the end of its paragraph: the speech verbs
      -- in it are still the writer's
      if pos < q.close and q.closed ~= false then return q end
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
    if q.speaker then q.speaker = canonical_body(ctx, q.speaker) end
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
    local speaker, role, how = resolve(r, ctx, text)
    local qs = s + rest - 1
    local qe = strip_end(text, qs, e)
    local sp = open_at[qs]
    if sp then qs, qe = sp.start, sp.stop end
    emit { speaker = speaker, role = role, verb = nil, verb_class = "statement", kind = "heading",
      speaker_written = trim(who), resolution = how, start = qs, stop = qe, sp_s = r.ns, sp_e = r.ne, paragraph = nil }
  end
  if doc.title_span then heading(doc.title_span.start, doc.title_span.stop) end

  local sents = doc.sentences
  for si, sent in ipairs(sents) do
    local para = doc.paragraphs[sent.paragraph]
    if para.kind == "heading" and si > 0 and para.start == sent.start and para.stop == sent.stop then
      heading(sent.start, sent.stop)
    end
    -- only a sentence with a speech verb is walked
    local W = words(text, sent.start, sent.stop, L.FRAME_WORDS) or NO_WORDS
    local sent_speaker -- the subject of this sentence's last attributed verb
    local reported_until = 0
    local wi = 1
    while wi <= #W do
      local w = W[wi]
      local v = VERBS[w.key]
      if ACCORDING[w.key] and not inside(w.s) and w.s > reported_until then
        local q = according_to(text, W, wi, ctx)
        if q then
          q.sentence, q.paragraph = si, sent.paragraph
          emit(q)
          reported_until = math.max(reported_until, q.stop)
        end
      end
      -- «وجاء في بيان ...»: a document speaks only with «في»
      if v and v.document and not (W[wi + 1] and W[wi + 1].key == "في") then v = nil end
      -- «داعيا الله أن يحفظ ...»: a prayer, not a call
      if v and v.lemma == "دعا" and W[wi + 1] and GOD[W[wi + 1].key] then v = nil end
      -- «ولم تكشف توقعات سامسونغ ...»: negated speech says nothing
      if v and wi > 1 and NEGATION[W[wi - 1].key] then v = nil end
      if v and not inside(w.s) then
        local nested = w.s <= reported_until
        -- 1. words after the verb up to a stop: the speaker
        local j = v.document and wi + 2 or wi + 1
        -- «قال لـ"الاقتصادية" عقيل الجاسم ...»: the outlet spoken to comes
        -- before the speaker; skip it
        local first = j
        if W[j] and (W[j].key == "ل" or MEDIA_TO[W[j].key]) and W[j + 1] then
          local m = j + 1
          local q = opens_before(W[m])
          if q then
            while W[m] and W[m].s < q.close do m = m + 1 end
          elseif W[m].key:find("^ال") then
            m = m + 1
          end
          if W[m] and not COMP[W[m].key] and not STOP[W[m].key] then j, first = m, m end
        end
        local bounded = false
        if w.post:find(":") then bounded = true end
        -- a role phrase may run longer than 10 words before its holder's
        -- name («مدير فرع الهيئة العامة ... بمنطقة تبوك ناصر ... أن»)
        local nx = W[first]
        local window = nx and (ROLE[nx.key] or ORG[nx.key]) and 16 or 10
        while not bounded and j <= #W and j - first < window do
          local x = W[j]
          -- «مندوب مصر الدائم لدى الجامعة العربية طارق عادل»: لدى inside a role
          local connects = (CONNECT[x.key] and (ROLE[W[wi + 1].key] or ORG[W[wi + 1].key]))
            or (x.key == "من" and QUANTIFIER[W[j - 1].key]) -- «عدد من الحاضرات»
          if opens_before(x) or (STOP[x.key] and not connects) or COMP[x.key] or VERBS[x.key] or MEDIA_TO[x.key] or x.key:find("^%d") or
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
        local sa, sb = first, j - 1
        if w.post:find(":") then sb = wi end
        -- «نوري المالكي الذي اتهم المملكة ...»: the antecedent of the
        -- relative speaks, the words after the verb are its object
        local antecedent
        if not v.clitic and not v.participle and wi >= 3 and (RELATIVE[W[wi - 1].key] or WHEN[W[wi - 1].key])
            and (W[wi - 2].post == "" or W[wi - 2].post:find("^[،,]$"))
            and not (W[wi + 1] and L.PREP_PRONOUN[W[wi + 1].key]) then
          local e = wi - 2
          local a = e
          -- back over name words, links (أبي، بن) and «ال» names after them
          -- («أبي الأسود الدؤلي», «نوري المالكي»)
          while a > 1 and e - a < 4 and W[a - 1].post == "" and not VERBS[W[a - 1].key] do
            local pk = W[a - 1].key
            if name_at(text, W, a - 1) or NAME_LINK[pk] then
              a = a - 1
            elseif pk:find("^ال") and a - 2 >= 1 and (NAME_LINK[W[a - 2].key] or name_at(text, W, a - 2)) then
              a = a - 1
            else
              break
            end
          end
          if a < e and (name_at(text, W, a) or NAME_LINK[W[a].key]) then
            antecedent = { name = text:sub(W[a].s, W[e].e), s = W[a].s, e = W[e].e, ns = W[a].s, ne = W[e].e,
              valid = true, last = e }
            sa, sb = wi + 1, wi
          elseif RELATIVE[W[wi - 1].key] and (ROLE[W[e].key] or ORG[W[e].key]) and is_al(W[e].key) then
            -- «المحللين الذين توقعوا», «الحكومة التي أعلنت»: a definite
            -- role or body, read back with parse_speaker
            local r0 = parse_speaker(text, W, e, e, true, ctx)
            if r0 then
              antecedent = r0
              sa, sb = wi + 1, wi
            end
          elseif RELATIVE[W[wi - 1].key] and W[e].post:find("^[،,]$") then
            -- «لشركة سامسونغ، التي أعلنت»: the noun phrase before the comma
            local a2 = e
            while a2 > 1 and e - a2 < 3 and W[a2 - 1].post == "" and not STOP[W[a2 - 1].key]
                  and not VERBS[W[a2 - 1].key] do
              a2 = a2 - 1
            end
            local r0 = parse_speaker(text, W, a2, e, true, ctx)
            if r0 and r0.valid and (r0.name or ORG[W[a2].key]) then
              antecedent = r0
              sa, sb = wi + 1, wi
            end
          end
        end
        -- «وكان منصور البلوي المشرف العام على الفريق، أكد التوصل ...»: the
        -- subject of كان, before a comma, speaks
        if not antecedent and not v.clitic and not v.participle and wi >= 3 and KANA[W[1].key]
            and W[wi - 1].post:find("[،,]") then
          -- a person's name first (name words, a family name with «ال»),
          -- then the role («منصور البلوي المشرف العام على الفريق»)
          local b = 1
          while b + 1 < wi and (name_at(text, W, b + 1) or NAME_LINK[W[b + 1].key]) and W[b].post == "" do b = b + 1 end
          if b >= 2 and b + 1 < wi and W[b + 1].key:find("^ال") and W[b].post == "" then b = b + 1 end
          local r0
          if b >= 3 then
            r0 = { name = text:sub(W[2].s, W[b].e), s = W[2].s, e = W[wi - 1].e, ns = W[2].s, ne = W[b].e,
              valid = true, last = wi - 1 }
            if b + 1 < wi then r0.role = trim(text:sub(W[b + 1].s, W[wi - 1].e)) end
          else
            r0 = parse_speaker(text, W, 2, wi - 1, true, ctx)
          end
          if r0 and r0.valid then
            antecedent = r0
            sa, sb = wi + 1, wi
          end
        end
        -- a participle takes the subject of its sentence: the words after
        -- it are its content («مرجعة السبب إلى ...»)
        if v.participle then sb = math.min(sb, wi) end
        -- 2. the complement: a quotation, أن/إن, or a colon
        local comp_kind, qs, qe, comp_at
        local function find_complement(from)
          if from - 1 >= 1 and from - 1 <= #W and W[from - 1].post:find(":") and from <= #W then
            local q = opens_before(W[from])
            if q then return "direct", q.start, q.stop, from end
            -- «قال الرئيس العام: إن القرار ...»: reported, after the إن
            if COMP[W[from].key] and W[from + 1] then return "reported", W[from + 1].s - #W[from + 1].pre, nil, from end
            return "colon", W[from].s, nil, from
          end
          for m = from, math.min(#W, from + 30) do
            local x = W[m]
            local q = opens_before(x)
            if q and m > 1 and MEDIA[W[m - 1].key] then q = nil end -- an outlet's name
            local nq = q and select(2, text:sub(q.start, q.stop):gsub("%S+", "")) or 0
            -- a quotation never closed counts only right where the content
            -- begins: further on it is more likely a name with a stray mark
            if q and ((m == from and nq >= 2) or (nq >= 3 and q.closed ~= false)) then
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
              -- «وقال ... في تصريح عقب الاجتماع: مثل هذه اللقاءات»: the
              -- colon, not a later أن inside the speech, opens the content
              if m >= sb and not VERBS[W[m + 1].key] then
                local y = W[m + 1]
                if COMP[y.key] and W[m + 2] then return "reported", W[m + 2].s - #W[m + 2].pre, nil, m + 1 end
                return "colon", y.s, nil, m + 1
              end
            end
          end
        end
        comp_kind, qs, qe, comp_at = find_complement(sb + 1)
        if not comp_kind and sb >= sa then
          comp_kind, qs, qe, comp_at = find_complement(sa)
          if comp_kind then sb = comp_at - 1 end
        end
        -- a verb whose content is its object: «دعت السلطات الإيرانية
        -- مواطنيها إلى ...», «أعرب X عن رفضه ...», «وشدد X على دعم ...»
        if not comp_kind and antecedent and v.object and W[wi + 1] then
          comp_kind, qs, comp_at = "reported", W[wi + 1].s - #W[wi + 1].pre, wi
        end
        -- «مشددا على حرص ...», «معربا عن ...»: a participle's content
        -- after its preposition
        if not comp_kind and v.participle and W[wi + 2] and PARTICIPLE_PREP[W[wi + 1].key] then
          comp_kind, qs, comp_at = "reported", W[wi + 2].s - #W[wi + 2].pre, wi + 1
          sb = wi
        end
        if not comp_kind and v.object and not v.participle and sa <= #W and not antecedent then
          local m, e = object_start(W, sa, v.object, inside)
          if m and m <= #W then
            comp_kind, qs, comp_at = "reported", W[m].s - #W[m].pre, m - 1
            sb = e
            bounded = true
          end
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
            -- a full stop ends reported speech even where the sentence
            -- splitter ran on (inside a quotation never closed)
            if m > comp_at + 1 and W[m - 1].post:find("[%.!]") and not W[m - 1].post:find("%.%.")
               and x.key ~= "وان" and not inside(W[m - 1].e) then
              endw = m - 1
              break
            end
            if vx and not inside(x.s) and (vx.clitic or vx.participle or (W[m - 1] and W[m - 1].post:find("[،,]"))) then
              endw = m - 1
              break
            end
            -- «...، فيما أكد الكرملين أن»: another frame behind a connector
            if vx and not inside(x.s) and m - 2 > comp_at and (CLAUSE_LINK[W[m - 1].key]
               or (RELATIVE[W[m - 1].key] and (name_at(text, W, m - 2) or name_at(text, W, m - 3)
                   or W[m - 2].post:find("[،,]") or not present_tense(x.key)))) then
              endw = m - 2
              break
            end
            -- «...، مشيدا بها»: a participle after a comma is the writer's
            -- clause about the speaker, no longer the speech
            if m > comp_at + 1 and is_participle(x.key) and (W[m - 1].post:find("[،,]") or x.pre:find("[،,]")
                or (W[m - 1].key == "" and W[m - 1].pre:find("[،,]"))) -- a lone «،» between spaces
               and not inside(x.s) then
              endw = m - 1
              break
            end
          end
          qe = strip_end(text, qs, W[endw].e + #W[endw].post)
          local q = inside(qe)
          if q and q.close > qe then qe = strip_end(text, qs, math.min(q.close + 2, sent.stop)) end
        end
        -- 3. who
        local r, speaker, role, carried, how
        local honorific = sb >= sa and L.HONORIFIC[W[sa].key]
        if antecedent then
          r = antecedent
        elseif honorific then
          r = false -- resolved below, as a pronoun
        elseif sb >= sa and not genitive_l(W[sa].key) then
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
            -- «سامسونج تتوقع انخفاضا في أرباحها»: subject, verb, object
            if r and not comp_kind and v.object and W[wi + 1] and not inside(W[wi + 1].s) then
              comp_kind, qs = "reported", W[wi + 1].s - #W[wi + 1].pre
              local endw = #W
              for m = wi + 1, #W do
                if VERBS[W[m].key] and not inside(W[m].s) and m > wi + 1 then endw = m - 1 break end
              end
              qe = strip_end(text, qs, W[endw].e + #W[endw].post)
            end
          elseif e_ >= 1 and PRONOUN_PARTICLES[W[e_].key] then
            r = false -- a pronoun whose referent we do not know
          end
          if r == nil and comp_kind == nil then object_from = nil end
        end
        if r then
          speaker, role, how = resolve(r, ctx, text)
          if r.last and r.last >= sa and r.last < sb and v.class == "denial" then object_from = r.last + 1 end
        elseif r == nil and (v.clitic or v.participle or (wi == 1 or (wi == 2 and W[1].key == "كما"))
                             or W[wi - 1].post:find("[،,]")) then
          -- carry-over: «وأردف», «وتابع أنه», «مؤكدا أن»
          local src = v.participle and sent_speaker or (not v.participle and last)
          -- «وأن بقية المناطق ...، مشيرا إلى أن»: a sentence still governed
          -- by the last verb («وأن» opens it) goes on with its speaker
          if not src and v.participle and W[1].key == "وان" then src = last end
          -- «استنكر معالي مدير الجامعة الدكتور X، ... . وقال إن»: the
          -- subject of a sentence with no speech verb, named after the
          -- last speaker, is the one who goes on speaking
          local subj = not v.participle and text and subject_before(text, ctx, doc, w.s)
          if subj and (not src or (src.at or 0) < subj.sentence_start) then
            src = { speaker = subj.name, at = subj.at }
          end
          if src and not v.plural then speaker, role, carried = src.speaker, src.role, true end
        end
        -- «وقال سموه»: the person last spoken of, by a pronoun of respect
        if honorific and not speaker then
          local src = last or (ctx.last_person and { speaker = ctx.last_person })
          if src then speaker, role, how = src.speaker, src.role, "pronoun" end
        end
        -- «وبين مهالك وأهوال ...»: an ambiguous form needs its speaker and
        -- its complement right after it
        if v.ambiguous and not (r and comp_kind and comp_at and comp_at <= (r.last or sb) + 1) then speaker = nil end
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
          local who = { speaker = speaker, role = role, at = w.s,
            sp_s = r and r.ns or (carried and last and last.sp_s) or nil,
            sp_e = r and r.ne or (carried and last and last.sp_e) or nil }
          if not nested then last = who end
          sent_speaker = who
          if comp_kind and qs and qe and qe >= qs then
            emit { speaker = speaker, role = role, verb = v.lemma, verb_form = text:sub(w.s, w.e),
              speaker_written = r and trim(text:sub(r.s, r.e)) or nil, resolution = carried and "carried" or how,
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

quotes_mod.speech_verbs = VERBS

return quotes_mod
