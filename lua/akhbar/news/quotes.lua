--- akhbar.news.quotes: who said what.  The attribution rules on top of the
-- C primitives (quotation-mark pairing in src/quotes.c, sentences and words
-- in src/segment.c): each speech verb or according-to frame of a sentence,
-- its speaker (akhbar.news.speakers) and its content (akhbar.news.frames),
-- carried-over speakers.  `extract(text, doc, opts)` is called by
-- news.parse with the parsed document.
-- @module akhbar.news.quotes
local core = require "akhbar.core"
local T = require "akhbar.news.text"
local L = require "akhbar.news.quote_words"
local S = require "akhbar.news.speakers"
local F = require "akhbar.news.frames"

local fold, words, trim = T.fold, T.words, T.trim
local AGENCIES = T.AGENCIES
local NO_WORDS = {}
local VERBS, GOD, COMP, STOP, BACK_STOP = L.VERBS, L.GOD, L.COMP, L.STOP, L.BACK_STOP
local PRONOUN_PARTICLES, ROLE, ORG, CONNECT, NAME_LINK = L.PRONOUN_PARTICLES, L.ROLE, L.ORG, L.CONNECT, L.NAME_LINK
local MEDIA, MEDIA_TO, ACCORDING, RELATIVE, QUANTIFIER = L.MEDIA, L.MEDIA_TO, L.ACCORDING, L.RELATIVE, L.QUANTIFIER
local WHEN, NEGATION, KANA, PARTICIPLE_PREP, CLAUSE_LINK = L.WHEN, L.NEGATION, L.KANA, L.PARTICIPLE_PREP, L.CLAUSE_LINK
local is_al, name_at, role_then_name, parse_speaker = S.is_al, S.name_at, S.role_then_name, S.parse_speaker
local subject_before, resolve, new_ctx, canonical_body = S.subject_before, S.resolve, S.new_ctx, S.canonical_body
local object_start, strip_end, according_to = F.object_start, F.strip_end, F.according_to
local genitive_l, present_tense, is_participle = F.genitive_l, F.present_tense, F.is_participle

local quotes_mod = {}
local byte = string.byte

-- s without a broken character at either end, trimmed (a speaker cut from
-- the text at a byte count)
local function whole_chars(s)
  local a, b = 1, #s
  while a <= b and byte(s, a) >= 0x80 and byte(s, a) < 0xC0 do a = a + 1 end
  -- drop a last character whose bytes are not all there
  local i = b
  while i >= a and byte(s, i) >= 0x80 and byte(s, i) < 0xC0 do i = i - 1 end
  if i >= a then
    local lead = byte(s, i)
    local len = lead < 0x80 and 1 or lead < 0xE0 and 2 or lead < 0xF0 and 3 or 4
    if i + len - 1 > b then b = i - 1 end
  end
  if a == 1 and b == #s then return T.trim(s) end
  return T.trim(s:sub(a, b))
end

-- A comma alone after a word (a byte class cannot hold the two bytes of «،»)
local function is_comma(post) return post == "،" or post == "," end

-- A title word within n words from W[i], before any punctuation, a
-- complementizer or a verb
local function title_ahead(W, i, n)
  for x = i, math.min(#W, i + n - 1) do
    if L.TITLE[W[x].key] then return true end
    if COMP[W[x].key] or VERBS[W[x].key] or W[x].post:find("[^%s]") then return false end
  end
  return false
end

-- W[a..b] is one noun phrase: at most eight words, no punctuation inside,
-- no clause word («وكانت "سبق" أطلقت قبل أشهر ...، حيث يتوقع» is not)
local function plain_phrase(W, a, b)
  if b - a > 7 then return false end
  for x = a, b do
    if (x < b and W[x].post:find("[^%s]")) or BACK_STOP[W[x].key] or VERBS[W[x].key] or W[x].key == "حيث" then
      return false
    end
  end
  return true
end

-- Labels that head a line like a speaker («المصدر:», «تويتر:»)
local NOT_HEADING = T.set { "تويتر", "فيسبوك", "فيس بوك", "انستقرام", "انستغرام", "سناب شات", "يوتيوب", "الرابط",
  "المصدر", "للتواصل", "البريد الإلكتروني", "هاتف", "فاكس", "المراسل", "تصوير", "تحرير", "كتب", "إعداد" }

-- «ودعت المتقدمين إلى ...»: a sound plural in -ين right after a call verb
-- is its addressee (the subject would be in -ون); «وقال السنين» is a name,
-- so only call verbs are read this way
local function accusative_plural(k)
  return k:find("^ال") and k:find("ين$") and #k > 10 and not S.is_name_word(k) and true or false
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
  -- More than two words of the sentence W after byte `pos` (a quotation
  -- that closes there is a fragment of a longer statement), unless another
  -- frame follows at once («... المتكامل” معربا عن ...»)
  local function words_after(W, pos)
    local n, first = 0, nil
    for _, x in ipairs(W) do
      if x.s > pos then
        n = n + 1
        first = first or x
      end
    end
    if first and VERBS[first.key] then return false end
    return n > 2
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
    -- whole characters only, no leading space or comma: a boundary taken
    -- from a lone «،» between spaces could fall inside a letter
    local qs, qe = q.start, q.stop
    while qs <= qe and (byte(text, qs) or 0) >= 0x80 and byte(text, qs) < 0xC0 do qs = qs + 1 end
    while qs <= qe do
      local c2 = text:sub(qs, qs + 1)
      if c2 == "،" then qs = qs + 2
      elseif text:sub(qs, qs):find("[%s,]") then qs = qs + 1
      else break end
    end
    while qe < #text and (byte(text, qe + 1) or 0) >= 0x80 and byte(text, qe + 1) < 0xC0 do qe = qe + 1 end
    q.start, q.stop = qs, qe
    for _, k in ipairs { "speaker", "speaker_written", "role" } do
      if q[k] then q[k] = whole_chars(q[k]) end
    end
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
    if k == fold("المصدر") or AGENCIES[k] or NOT_HEADING[k] then return end
    -- «تويتر: @Arfaj1», «الرابط: http...»: a label, not speech
    if t:sub(rest):find("^[@#h]") or t:sub(rest):find("^www") then return end
    local W = words(text, s, s + #who - 1)
    if #W == 0 then return end
    local r = parse_speaker(text, W, 1, #W, true, ctx, true)
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
      -- «ولم تكشف توقعات سامسونغ ...»: negated speech says nothing, and
      -- speech still to come («سوف تعلن عنها الوزارة», «ينتظر أن يعلن»)
      -- has not been said
      if v and wi > 1 and (NEGATION[W[wi - 1].key] or W[wi - 1].key == "سوف" or W[wi - 1].key == "من" -- «منهم من يرى»
          or ((W[wi - 1].key == "ان" or W[wi - 1].key == "لكي" or W[wi - 1].key == "كي") and present_tense(w.key))) then
        v = nil
      end
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
            -- «المشرف العام على الإدارة العامة ... المهندس ماجد العصيمي»: a
            -- role «على/عن» a body, its holder named after a title
            or ((x.key == "علي" or x.key == "عن" or x.key == "في") and ROLE[W[first].key] and title_ahead(W, j + 1, 10))
          -- «علي» (Ali) folds like «على» (on): the written ي makes it a name
          local stop = STOP[x.key] and not connects and not (x.key == "علي" and name_at(text, W, j))
          -- «وأشارت صحيفة «أتلانتيك» إلى»: the outlet's name in marks is
          -- part of the speaker
          local q_open = opens_before(x)
          if q_open and j > first and MEDIA[W[j - 1].key] and q_open.closed ~= false then
            while W[j + 1] and W[j + 1].s < q_open.close do j = j + 1 end
            x = W[j]
            q_open = nil
          end
          if q_open or stop or COMP[x.key] or VERBS[x.key] or MEDIA_TO[x.key] or ACCORDING[x.key] or x.key:find("^%d") or
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
            and (W[wi - 2].post == "" or is_comma(W[wi - 2].post))
            and not (W[wi + 1] and L.PREP_PRONOUN[W[wi + 1].key]) then
          local e = wi - 2
          -- not the time word after the name: «وليد المعلم الخميس، الذي»
          while e > 1 and L.TIME_WORD[W[e].key] and W[e - 1].post == "" do e = e - 1 end
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
          elseif RELATIVE[W[wi - 1].key] and is_comma(W[e].post) then
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
            and (W[wi - 1].post:find("[،,]") or (W[wi + 1] and (COMP[W[wi + 1].key] or STOP[W[wi + 1].key]
                 or L.ADVERB[W[wi + 1].key]) and plain_phrase(W, 2, wi - 1))) then
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
            -- an outlet's name: «صحيفة "فايننشال تايمز"», «لـ"سكاي نيوز العربية"»
            if q and m > 1 and (MEDIA[W[m - 1].key] or MEDIA_TO[W[m - 1].key] or W[m - 1].key == "ل"
                or L.PUBLISHED[W[m - 1].key]) then -- «في تصريحات نقلتها "سكاي نيوز"»
              q = nil
            end
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
                -- «أعلنت الحركة أنها «لم يتم تبليغها» بعقد دورة ...»: a
                -- marked fragment inside reported speech leaves it reported
                if q2 and not words_after(W, q2.close) then return "direct", q2.start, q2.stop, m end
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
        -- a verb with its own preposition («حذرت X تنظيم داعش من التوسع»):
        -- the preposition before any أن decides
        local prep_first = type(v.object) == "string" and not v.participle
        if prep_first then
          local pk = fold(v.object)
          prep_first = false
          for m = sa, math.min(#W, sa + 14) do
            if COMP[W[m].key] or VERBS[W[m].key] or W[m].post:find("[%.:]") then break end
            -- («أشار إلى أن»: the complementizer after it decides)
            if W[m].key == pk then prep_first = not (W[m + 1] and COMP[W[m + 1].key]) break end
          end
        end
        if not prep_first then comp_kind, qs, qe, comp_at = find_complement(sb + 1) end
        if not comp_kind and not prep_first and sb >= sa then
          comp_kind, qs, qe, comp_at = find_complement(sa)
          if comp_kind then sb = comp_at - 1 end
        end
        -- a verb whose content is its object: «دعت السلطات الإيرانية
        -- مواطنيها إلى ...», «أعرب X عن رفضه ...», «وشدد X على دعم ...»
        if not comp_kind and antecedent and v.object and W[wi + 1] then
          -- «أعلنت سابقا عن إنتاج ...»: past adverbs and the verb's own
          -- preposition come before the content
          local c = wi + 1
          while W[c + 1] and (L.ADVERB[W[c].key] or L.TIME_WORD[W[c].key]) do c = c + 1 end
          if type(v.object) == "string" and W[c + 1] and W[c].key == fold(v.object) then c = c + 1 end
          comp_kind, qs, comp_at = "reported", W[c].s - #W[c].pre, c - 1
        end
        -- «مشددا على حرص ...», «معربا عن ...»: a participle's content
        -- after its preposition
        if not comp_kind and v.participle and W[wi + 2] and PARTICIPLE_PREP[W[wi + 1].key] then
          comp_kind, qs, comp_at = "reported", W[wi + 2].s - #W[wi + 2].pre, wi + 1
          sb = wi
        elseif not comp_kind and v.participle and v.lemma ~= "نوه" and W[wi + 1] and not STOP[W[wi + 1].key]
            and not COMP[W[wi + 1].key] and not inside(W[wi + 1].s) then
          -- (not «منوها بـ»: praise without a clause is no speech)
          -- «مرجعا بقرار ... إلى ...», «مؤكدا حرص المملكة»: its object
          comp_kind, qs, comp_at = "reported", W[wi + 1].s - #W[wi + 1].pre, wi
          sb = wi
        end
        -- «ودعت المتقدمين إلى ...»: the addressee opens the content of a
        -- call with no subject written
        if not comp_kind and v.class == "call" and sa <= #W and sa == wi + 1 and accusative_plural(W[sa].key) then
          comp_kind, qs, comp_at = "reported", W[sa].s - #W[sa].pre, wi
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
               and x.key ~= "وان" and not inside(W[m - 1].e)
               and not (x.key:find("^%d") and W[m - 1].key:find("%d$")) then -- «5.2 مليون»
              endw = m - 1
              break
            end
            if vx and not inside(x.s) and (vx.clitic or vx.participle or (W[m - 1] and W[m - 1].post:find("[،,]"))) then
              endw = m - 1
              break
            end
            -- «...، إلا أن ذلك لم يمنع ...»: the writer's contrast ends it
            if m > comp_at + 1 and (x.key == "الا" or x.key == "غير") and W[m + 1] and COMP[W[m + 1].key]
               and W[m - 1].post:find("[،,]") then
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
        local r, speaker, role, carried, how, carried_from
        local honorific = sb >= sa and L.HONORIFIC[W[sa].key]
        if antecedent then
          r = antecedent
        elseif honorific then
          r = false -- resolved below, as a pronoun
        elseif sb >= sa and not genitive_l(W[sa].key) and not (v.class == "call" and accusative_plural(W[sa].key)) then
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
          -- «قدم الأمير عبدالله بن مساعد شكره ...، مضيفا:»: the person named
          -- early in the participle's own sentence
          if not src and v.participle then
            -- the person named last before the participle, if early enough
            -- in the sentence to be its subject
            local P, p = S.persons(text, ctx, si), nil
            for _, x in ipairs(P) do
              if x.at < w.s and x.early then p = x end
            end
            if p then src = { speaker = p.name, at = p.at, sp_s = p.at, sp_e = p.at + #p.name - 1 } end
          end
          -- «استنكر معالي مدير الجامعة الدكتور X، ... . وقال إن»: the
          -- subject of a sentence with no speech verb, named after the
          -- last speaker, is the one who goes on speaking
          local subj = not v.participle and text and subject_before(text, ctx, doc, w.s)
          if subj and (not src or (src.at or 0) < subj.sentence_start) then
            src = { speaker = subj.name, at = subj.at, sp_s = subj.at, sp_e = subj.at + #subj.name - 1 }
          end
          if src and not v.plural then speaker, role, carried, carried_from = src.speaker, src.role, true, src end
        end
        -- «وقال سموه»: the person last spoken of, by a pronoun of respect
        if honorific and not speaker then
          local src = last or (ctx.last_person and { speaker = ctx.last_person })
          if src then speaker, role, how = src.speaker, src.role, "pronoun" end
        end
        -- «وبين مهالك وأهوال ...»: an ambiguous form needs its speaker and
        -- its complement right after it
        if v.ambiguous and not (r and comp_kind and comp_at and comp_at <= (r.last or sb) + 1
                                and (r.role or (r.ns and name_at(text, W, sa)))) then
          speaker = nil
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
        -- «قال تعالى: ...»: scripture quoted is no speaker of the news, and
        -- nothing carries from it
        if speaker and GOD[fold(speaker)] then speaker = nil end
        if speaker then
          local who = { speaker = speaker, role = role, at = w.s,
            -- the speaker's place in the text, for its gazetteer entity:
            -- where the carried speaker was named
            sp_s = r and r.ns or (carried_from and carried_from.sp_s) or nil,
            sp_e = r and r.ne or (carried_from and carried_from.sp_e) or nil }
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

