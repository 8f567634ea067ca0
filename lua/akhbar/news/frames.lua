--- akhbar.news.frames: where the words of a quote begin and end, for
-- akhbar.news.quotes.  The object of a speech verb that takes its content
-- without أن («دعت السلطات مواطنيها إلى ...»), according-to frames
-- («ووفقا لتقرير X، ...», «...، بحسب X»), and the small tests of verb
-- forms the quote boundaries use.
-- @module akhbar.news.frames
local T = require "akhbar.news.text"
local L = require "akhbar.news.quote_words"
local S = require "akhbar.news.speakers"

local fold, set, trim = T.fold, T.set, T.trim
local byte = string.byte
local VERBS, COMP, STOP, ROLE, ORG, CONNECT = L.VERBS, L.COMP, L.STOP, L.ROLE, L.ORG, L.CONNECT
local ROLE_ADJ, LOCATIVE, NAME_LINK, TITLE = L.ROLE_ADJ, L.LOCATIVE, L.NAME_LINK, L.TITLE
local MEDIA, NOT_SPEAKER = L.MEDIA, L.NOT_SPEAKER
local TIME_WORD, PUBLISHED, RELATIVE = L.TIME_WORD, L.PUBLISHED, L.RELATIVE
local is_al, is_name_word, parse_speaker, resolve = S.is_al, S.is_name_word, S.parse_speaker, S.resolve

local M = {}
local object_start, according_to
local ADVERB = L.ADVERB

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
    for m = from, math.min(#W - 1, from + 14) do
      local k = W[m].key
      if k == pk then
        local e = m - 1
        while e >= from and (TIME_WORD[W[e].key] or ADVERB[W[e].key]) do e = e - 1 end
        -- «أعلنت سابقا عن ...»: no speaker after the verb (e < from); the
        -- caller finds it before
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
    -- «ودعت المدينة الراغبين بالانضمام»: a plural in -ين is the object
    if m > from and k:find("^ال") and k:find("ين$") and #k > 10 and not is_name_word(k) then return m, m - 1 end
    local speakerish = ROLE[k] or ORG[k] or TITLE[k] or CONNECT[k] or ROLE_ADJ[k] or NAME_LINK[k] or is_name_word(k)
      or (is_al(k) and (m == from or not W[m - 1].post:find("[^%s]")))
    local pk = m > from and W[m - 1].key
    -- a noun in construct («مدير عام», «وزارة الخارجية», «بمنطقة مكة»)
    -- takes the next word as its genitive: still the speaker
    if not speakerish and pk and not is_al(pk) and (ROLE[pk] or ORG[pk] or CONNECT[pk] or LOCATIVE[pk]) then
      speakerish = true
    end
    if not speakerish and LOCATIVE[k] then speakerish = true end
    -- «الرئاسة العامة للأرصاد وحماية البيئة»: a coordinated noun with its
    -- genitive inside a body's name
    if not speakerish and m > from and k:find("^و") and W[m + 1] and is_al(W[m + 1].key) and is_al(W[m - 1].key)
       and x.post == "" then
      speakerish = true
    end
    -- «المدير العام لمنظمة الصحة العالمية»: a genitive with ل after a role
    if not speakerish and pk and k:find("^ل") and (ORG[k:sub(3)] or ROLE[k:sub(3)]) then speakerish = true end
    if not speakerish then
      if m == from or W[m - 1].post:find("[^%s]") or NOT_SPEAKER[k] and m == from then return nil end
      -- «أكد مدير إدارة شؤون المباني بتعليم ينبع شاكر صالح الفقير، استلام
      -- ...»: the holder's name closes the phrase at a comma a few words on
      for c = m, math.min(#W - 1, m + 7) do
        local kc = W[c].key
        if COMP[kc] or VERBS[kc] or inside(W[c].s) then break end
        if W[c].post:find("[،,]") then
          if c > m and is_name_word(W[c - 1].key) and (is_name_word(kc) or is_al(kc)) then return c + 1, c end
          break
        end
        if W[c].post:find("[^%s]") then break end
      end
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
  local opens_clause = head or (W[wi - 1] and W[wi - 1].post:find("[،,]"))
  while k <= #W and k - sa < (opens_clause and 24 or 10) and not W[k].post:find("[،,%.:]") and not COMP[W[k].key] do
    local nk = W[k + 1] and W[k + 1].key
    if nk == "فان" or nk == "فانه" or nk == "فانها" then break end
    if nk and COMP[nk] and not head then break end
    if opens_clause and not stop_at and k > sa and STOP[W[k].key] then stop_at = k - 1 end
    if VERBS[W[k].key] then return nil end
    k = k + 1
  end
  if k > #W or k < sa or not (W[k].post:find("[،,]") or (W[k + 1] and (W[k + 1].key:find("^فان")
      or (not head and COMP[W[k + 1].key])))) then
    if not (not head and k == #W) then return nil end
  end
  -- «...، ووفقاً للبيان ... فإنه جرى ...»: behind a comma but with «فإن»
  -- after the source, the content follows as at the head
  if not head and W[wi - 1] and W[wi - 1].post:find("[،,]") and W[k + 1] and W[k + 1].key:find("^فان") then
    head = true
  end
  local content_from = k + 1
  -- «ووفقاً للبيان الصادر عن الاجتماع الذي عقد ...، فإنه»: a document
  -- with the article fused to ل speaks; its phrase runs to a relative
  local document
  if text:sub(W[sa].s, W[sa].s + 3) == "لل" and DOCUMENT["ل" .. W[sa].key:sub(5)] then
    local e = sa
    while e < k and not RELATIVE[W[e + 1].key] and not W[e].post:find("[،,]") and e - sa < 6 do e = e + 1 end
    document = "ال" .. text:sub(W[sa].s + 4, W[e].e)
    k = e
  elseif stop_at then
    k = stop_at
  end
  if k - sa >= 10 then return nil end
  local r = document and { name = document, s = W[sa].s, e = W[k].e, valid = true, last = k }
    or parse_speaker(text, W, sa, k, true, ctx, true)
  if not r then return nil end
  local speaker, role, how
  if document then speaker, how = document, "written" else speaker, role, how = resolve(r, ctx, text) end
  -- an outlet or a body («موقع مباشر الاقتصادي», «وكالة الأنباء ...») is
  -- named by its whole phrase
  if MEDIA[W[sa].key] or ORG[W[sa].key] then speaker, role, how = trim(text:sub(W[sa].s, W[k].e)), nil, "written" end
  if not speaker then return nil end
  local qs, qe
  if head then
    local c = content_from
    if W[c] and (W[c].key == "فان" or W[c].key == "فانه" or W[c].key == "فانها" or COMP[W[c].key]) then c = c + 1 end
    if not W[c] then return nil end
    -- «وبحسب الألمانية، فقد ذكرت المؤسسة أن ...»: the source only carries
    -- another frame; that frame is the quote (a channel is not labelled)
    for x = c, math.min(#W, c + 2) do
      if VERBS[W[x].key] then return nil end
    end
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


M.object_start = object_start
M.strip_end = strip_end
M.according_to = according_to
M.genitive_l = genitive_l
M.present_tense = present_tense
M.is_participle = is_participle

return M
