--- akhbar.news_store: the corpus extension for news structure.
-- corpus.lua requires this module when it exists and passes it to
-- `corpus.extend`.  At import, `prepare` fills the article's title (when
-- missing), dateline, agency, author, published date with its evidence and
-- confidence, and the cleaned text; `analyze` stores the quotes, the
-- removed boilerplate spans and every date the article mentions (the
-- dates table, akhbar.dates_store).  `c:quotes{speaker=, verb=, from=,
-- to=, source=, limit=}` streams the stored quotes, `c:dates{from=, to=,
-- role=, ...}` the stored dates.
-- @module akhbar.news_store
local news = require "akhbar.news"
local dates_store = require "akhbar.dates_store"

local fold = news.fold

local store = { name = "news" }

-- The rules of the analysis: a new value makes c:reanalyze() run again
-- over corpora analysed with the old ones.  akhbar.news names its own
-- (news.ANALYSIS_VERSION) when it has one.  "3": the publication day and
-- mentions of issue 15 (order of evidence, roles, ranges, Hijri); "4": the
-- quote attribution of issue 16 (canonical speakers, speaker_written and
-- resolution, more frames) and the session-7 date rules.
store.version = tostring(news.ANALYSIS_VERSION or "4")

store.schema = [[
CREATE TABLE IF NOT EXISTS quotes (
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL,
  speaker TEXT,          -- canonical: the fullest name the article gives the speaker
  speaker_written TEXT,  -- the phrase at the frame (الجاسر, مدير عام الخطوط); NULL when none is written
  resolution TEXT,       -- written | carried (وأضاف) | role (a role for a person named before) | pronoun (سموه)
  speaker_entity TEXT,   -- gazetteer entity name, when matched
  speaker_id TEXT,       -- gazetteer entity id, when matched
  speaker_key TEXT,      -- folded speaker + entity, for matching
  role TEXT,             -- role description (وزير الخارجية الروسي)
  verb TEXT,             -- lemma (قال, نفى, ...); NULL for «X: ...» headings
  verb_form TEXT,        -- as written (وقالت)
  verb_class TEXT,       -- statement, affirmation, denial, announcement, warning, call, expectation, according-to
  kind TEXT,             -- direct, reported, heading
  carried INTEGER,       -- 1 when the speaker was carried over (وأردف)
  text TEXT,
  start INTEGER,         -- 1-based inclusive offsets into articles.text
  stop INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_speaker_key ON quotes(speaker_key);
CREATE TABLE IF NOT EXISTS boilerplate (
  article INTEGER NOT NULL,
  start INTEGER,         -- 1-based inclusive offsets into articles.text
  stop INTEGER,
  reason TEXT            -- crawl_stamp, link, social, subscribe, comments, see_also, credit, repeated_*
);
CREATE INDEX IF NOT EXISTS boilerplate_article ON boilerplate(article);
]] .. dates_store.schema

-- The parse of an article between prepare and analyze (weak: nothing leaks
-- when an insert fails).
local pending = setmetatable({}, { __mode = "k" })

local function nonempty(s) return type(s) == "string" and s:match("%S") and s or nil end

-- Agencies that are themselves outlets: an article with no source whose
-- dateline credits one of them («موسكو – سانا») was published by it.
local OUTLET_OF_AGENCY = {
  [fold("سانا")] = "sana", [fold("واس")] = "was", [fold("الأناضول")] = "aa",
}

-- The analysis's confidence in doc.date, when it gives a number in [0, 1].
local function confidence(doc)
  local v = doc.date_confidence
  if type(v) == "number" and v >= 0 and v <= 1 then return v + 0.0 end
  return nil
end

--- Fill article fields from its text (called before insert).
function store.prepare(c, article)
  local text = article.text
  if type(text) ~= "string" then return end
  local doc = news.parse(text, {
    title = nonempty(article.title),
    author = nonempty(article.author),
    crawled = nonempty(article.crawled),
    published = nonempty(article.published),
    url = nonempty(article.url),
  })
  pending[article] = doc
  if not nonempty(article.title) and doc.title then article.title = doc.title end
  if doc.dateline and not nonempty(article.dateline) then article.dateline = doc.dateline end
  if doc.agency and not nonempty(article.agency) then article.agency = doc.agency end
  if not nonempty(article.source) and doc.dateline and doc.agency then
    article.source = OUTLET_OF_AGENCY[fold(doc.agency)]
  end
  if nonempty(article.author) then
    -- «لندن: رنيم حنوش» is a dateline and an author
    article.author = doc.author
  end
  if nonempty(article.published) then
    article.published = article.published:sub(1, 10)
    article.published_evidence = article.published_evidence or "given"
    -- the analysis judges a given date too; its confidence is kept only
    -- when it speaks of that date
    article.published_confidence = doc.date == article.published and confidence(doc) or nil
  elseif doc.date then
    article.published = doc.date
    article.published_evidence = doc.date_evidence
    article.published_confidence = confidence(doc)
  end
  article.clean = doc.clean
  local _ = c
end

--- Store quotes and boilerplate spans (after insert, same transaction).
function store.analyze(c, article)
  local doc = pending[article]
  if not doc then
    if type(article.text) ~= "string" then return end
    doc = news.parse(article.text, { title = nonempty(article.title), crawled = nonempty(article.crawled),
      published = nonempty(article.published), url = nonempty(article.url) })
  end
  pending[article] = nil
  for _, q in ipairs(doc.quotes) do
    c:exec([[INSERT INTO quotes (article, speaker, speaker_written, resolution, speaker_entity, speaker_id,
               speaker_key, role, verb, verb_form, verb_class, kind, carried, text, start, stop)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)]],
      article.id, q.speaker, q.speaker_written, q.resolution, q.speaker_entity, q.speaker_id and tostring(q.speaker_id),
      fold(q.speaker .. " " .. (q.speaker_entity or "")), q.role, q.verb, q.verb_form, q.verb_class, q.kind,
      q.carried and 1 or 0, q.text, q.start, q.stop)
  end
  for _, b in ipairs(doc.boilerplate) do
    c:exec("INSERT INTO boilerplate (article, start, stop, reason) VALUES (?, ?, ?, ?)",
      article.id, b.start, b.stop, b.reason)
  end
  for _, r in ipairs(doc.repeated) do
    c:exec("INSERT INTO boilerplate (article, start, stop, reason) VALUES (?, ?, ?, ?)",
      article.id, r.start, r.stop, "repeated_" .. r.reason)
  end
  dates_store.insert(c, article.id, doc.dates, article.text)
end

--- Remove what analyze stored for article `id` (re-analysis).
function store.forget(c, id)
  c:exec("DELETE FROM quotes WHERE article = ?", id)
  c:exec("DELETE FROM boilerplate WHERE article = ?", id)
  dates_store.forget(c, id)
end

local CLASSES = { statement = true, denial = true, affirmation = true, announcement = true,
  warning = true, call = true, expectation = true, ["according-to"] = true }

--- c:quotes{speaker=, verb=, from=, to=, source=, limit=}: stream quotes
-- { article, date, source (outlet), title, speaker, speaker_written,
-- resolution, speaker_entity, speaker_id, role, verb, verb_class, kind,
-- text, start, stop }.  resolution = "written" | "carried" | "role" | "pronoun" keeps
-- only quotes whose speaker was found that way.
-- speaker matches a part of the speaker or entity name (folded: بيسكوف
-- finds دميتري بيسكوف); verb is a lemma (نفى) or a class (denial).
function store.quotes(c, opts)
  opts = opts or {}
  if type(opts) ~= "table" then error("c:quotes: options table expected, got " .. type(opts), 2) end
  local where, args = {}, {}
  if opts.speaker then
    where[#where + 1] = "q.speaker_key LIKE ?"
    args[#args + 1] = "%" .. fold(tostring(opts.speaker)) .. "%"
  end
  if opts.verb then
    if CLASSES[opts.verb] then
      where[#where + 1] = "q.verb_class = ?"
      args[#args + 1] = opts.verb
    else
      where[#where + 1] = "q.verb = ?"
      local lemma = news.speech_verbs[fold(opts.verb)]
      args[#args + 1] = lemma and lemma.lemma or opts.verb
    end
  end
  if opts.from then where[#where + 1] = "a.published >= ?"; args[#args + 1] = opts.from end
  if opts.to then where[#where + 1] = "a.published <= ?"; args[#args + 1] = opts.to end
  if opts.source then where[#where + 1] = "a.source = ?"; args[#args + 1] = opts.source end
  if opts.article then where[#where + 1] = "q.article = ?"; args[#args + 1] = opts.article end
  if opts.resolution then where[#where + 1] = "q.resolution = ?"; args[#args + 1] = opts.resolution end
  local sql = [[SELECT q.article AS article, a.published AS date, a.source AS source, a.title AS title,
      q.speaker AS speaker, q.speaker_written AS speaker_written, q.resolution AS resolution,
      q.speaker_entity AS speaker_entity, q.speaker_id AS speaker_id, q.role AS role,
      q.verb AS verb, q.verb_form AS verb_form, q.verb_class AS verb_class, q.kind AS kind,
      q.carried AS carried, q.text AS text, q.start AS start, q.stop AS stop
    FROM quotes q JOIN articles a ON a.id = q.article]]
  if #where > 0 then sql = sql .. " WHERE " .. table.concat(where, " AND ") end
  sql = sql .. " ORDER BY a.published, q.article, q.start"
  if opts.limit then
    sql = sql .. " LIMIT ?"
    args[#args + 1] = math.tointeger(opts.limit) or error("c:quotes: limit must be an integer", 2)
  end
  return c:rows(sql, table.unpack(args, 1, #args))
end

store.methods = { quotes = store.quotes, dates = dates_store.dates }

return store
