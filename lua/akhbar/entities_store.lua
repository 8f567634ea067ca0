--- akhbar.entities_store: entity mentions in the corpus (a corpus extension).
--
-- At import every article's text is matched against the corpus gazetteer
-- (the default one unless c:gazetteer(g) set another) and the mentions are
-- stored; the methods below query them.  Schema:
--
--     entities(id TEXT PRIMARY KEY, type, name)      -- entities seen
--     mentions(article, entity, start, stop, sentence, surface)
--
-- start/stop are 1-based inclusive byte offsets into articles.text (so
-- text:sub(start, stop) == surface), sentence is 1-based (akh_matcher_run).
-- Wherever an entity is expected, pass an entity table ({id=...}), an id
-- ("lavrov") or any name of the gazetteer ("لافروف", "ولافروف").
-- @module akhbar.entities_store
local gazetteer = require "akhbar.gazetteer"

local M = { name = "entities" }

M.schema = [[
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
  article INTEGER NOT NULL,
  entity TEXT NOT NULL,
  start INTEGER NOT NULL,
  stop INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  surface TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity, article);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article, sentence);
]]

local gaz_of = setmetatable({}, { __mode = "k" }) -- corpus -> gazetteer

local function corpus_gazetteer(c)
  local g = gaz_of[c]
  if g == nil then
    g = gazetteer.default() or false -- no default file: no matching
    gaz_of[c] = g
  end
  return g or nil
end

local function entity(row)
  return setmetatable({ id = row.id, name = row.name, type = row.type }, gazetteer.Entity)
end

local function store(c, g, id, text)
  for m in g:match(text) do
    c:exec("INSERT OR IGNORE INTO entities(id, type, name) VALUES (?, ?, ?)", m.id, m.type, m.name)
    c:exec("INSERT INTO mentions(article, entity, start, stop, sentence, surface) VALUES (?, ?, ?, ?, ?, ?)",
      id, m.id, m.start, m.stop, m.sentence, m.surface)
  end
end

function M.analyze(c, article)
  local g = corpus_gazetteer(c)
  if g then store(c, g, article.id, article.text) end
end

--- Re-analysis: an article's mentions go before it is matched again, and
-- the entities no article mentions any more once the run is complete.
function M.forget(c, id)
  c:exec("DELETE FROM mentions WHERE article = ?", id)
end

function M.finish(c)
  c:exec("DELETE FROM entities WHERE id NOT IN (SELECT entity FROM mentions)")
end

-- The id of what `e` designates, or raise naming the function.
local function resolve(c, e, where)
  if type(e) == "table" and e.id then return e.id end
  if type(e) ~= "string" then
    error(("akhbar.Corpus:%s: entity expected (table, id or name), got %s"):format(where, type(e)), 3)
  end
  if c:one("SELECT 1 AS x FROM entities WHERE id = ?", e) then return e end
  local g = corpus_gazetteer(c)
  local hit = g and g:lookup(e)
  if hit then return hit.id end
  local row = c:one("SELECT id FROM entities WHERE name = ?", e)
  if row then return row.id end
  error(("akhbar.Corpus:%s: unknown entity '%s' (not an id or a name of the gazetteer)"):format(where, e), 3)
end

-- Wrap c:rows so each row goes through f; keeps the to-be-closed cursor.
local function mapped(c, f, sql, ...)
  local it, s, ctl, closer = c:rows(sql, ...)
  return function()
    local row = it(s, ctl)
    if row == nil then return nil end
    return f(row)
  end, nil, nil, closer
end

local DATE = "coalesce(a.published, substr(a.crawled, 1, 10))"

local function filters(opts, where, args)
  if opts.source then where[#where + 1] = "a.source = ?"; args[#args + 1] = opts.source end
  if opts.from then where[#where + 1] = DATE .. " >= ?"; args[#args + 1] = opts.from end
  if opts.to then where[#where + 1] = DATE .. " <= ?"; args[#args + 1] = opts.to end
end

M.methods = {}

--- The gazetteer used by this corpus (get), or set one for later imports
-- and c:rematch (c:gazetteer(g)).
function M.methods.gazetteer(c, g)
  if g ~= nil then gaz_of[c] = g end
  return corpus_gazetteer(c)
end

--- Stream the mentions of an entity: {article, entity, name, type, surface,
-- start, stop, sentence, source, date, title}.  opts: source, from, to
-- (ISO dates), limit.
function M.methods.mentions(c, e, opts)
  opts = opts or {}
  local id = resolve(c, e, "mentions")
  local where, args = { "m.entity = ?" }, { id }
  filters(opts, where, args)
  args[#args + 1] = opts.limit or -1
  return mapped(c, function(r) return r end,
    "SELECT m.article, m.entity, e.name, e.type, m.surface, m.start, m.stop, m.sentence, a.source, "
      .. DATE .. " AS date, a.title FROM mentions m JOIN articles a ON a.id = m.article "
      .. "JOIN entities e ON e.id = m.entity WHERE " .. table.concat(where, " AND ")
      .. " ORDER BY m.article, m.start LIMIT ?", table.unpack(args))
end

--- Stream the articles that mention ALL the given entities ({any = true}:
-- any of them): {id, title, source, date}.  opts: source, from, to, limit.
function M.methods.articles_with(c, list, opts)
  opts = opts or {}
  if type(list) ~= "table" then list = { list } end
  local ids, marks = {}, {}
  for i, e in ipairs(list) do
    ids[i] = resolve(c, e, "articles_with")
    marks[i] = "?"
  end
  if #ids == 0 then error("akhbar.Corpus:articles_with: at least one entity expected", 2) end
  local where, args = { "1" }, {}
  for _, id in ipairs(ids) do args[#args + 1] = id end
  args[#args + 1] = opts.any and 1 or #ids
  filters(opts, where, args)
  args[#args + 1] = opts.limit or -1
  return mapped(c, function(r) return r end,
    "SELECT a.id, a.title, a.source, " .. DATE .. " AS date FROM articles a JOIN ("
      .. "SELECT article FROM mentions WHERE entity IN (" .. table.concat(marks, ",")
      .. ") GROUP BY article HAVING count(DISTINCT entity) >= ?) h ON h.article = a.id WHERE "
      .. table.concat(where, " AND ") .. " ORDER BY a.id LIMIT ?", table.unpack(args))
end

--- Stream (entity, count): the entities most often in the same article
-- (by = "article", the default: count of articles) or sentence (by =
-- "sentence": count of sentences).  entity is a table {id, name, type}
-- printing as its name.  opts: limit (20), by, type (only this type).
function M.methods.cooccur(c, e, opts)
  opts = opts or {}
  local id = resolve(c, e, "cooccur")
  local by = opts.by or "article"
  if by ~= "article" and by ~= "sentence" then
    error("akhbar.Corpus:cooccur: opts.by must be \"article\" or \"sentence\", got " .. tostring(by), 2)
  end
  local join = by == "sentence" and "m2.article = m1.article AND m2.sentence = m1.sentence"
    or "m2.article = m1.article"
  local unit = by == "sentence" and "m2.article * 1000000 + m2.sentence" or "m2.article"
  local tfilter, args = "", { id }
  if opts.type then tfilter = " AND e.type = ?"; args[#args + 1] = opts.type end
  args[#args + 1] = opts.limit or 20
  return mapped(c, function(r) return entity(r), r.n end,
    "SELECT e.id, e.name, e.type, count(DISTINCT " .. unit .. ") AS n FROM mentions m1 "
      .. "JOIN mentions m2 ON " .. join .. " AND m2.entity <> m1.entity "
      .. "JOIN entities e ON e.id = m2.entity WHERE m1.entity = ?" .. tfilter
      .. " GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?", table.unpack(args))
end

local PERIOD = {
  day = DATE,
  week = "strftime('%Y-W%W', " .. DATE .. ")",
  month = "substr(" .. DATE .. ", 1, 7)",
  year = "substr(" .. DATE .. ", 1, 4)",
}

local function day_number(s)
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  return require("akhbar.dates_store").days(tonumber(y), tonumber(m), tonumber(d))
end

--- The period a timeline from `first` to `last` (ISO dates) is drawn in:
-- a bar per day up to about two months, per week up to a year, per month
-- up to ten years, per year beyond; "month" when the span is unknown.
function M.period_for(first, last)
  local a, b = day_number(tostring(first or "")), day_number(tostring(last or ""))
  if not (a and b) then return "month" end
  local span = math.abs(b - a) + 1
  if span <= 62 then return "day" end
  if span <= 366 then return "week" end
  if span <= 3660 then return "month" end
  return "year"
end

--- The period c:timeline uses for an entity when opts.by is not given
-- (M.period_for over the dates of the articles naming it), then the first
-- and last of those dates.  opts: source, from, to.
function M.methods.timeline_period(c, e, opts)
  opts = opts or {}
  local id = resolve(c, e, "timeline_period")
  local where, args = { "m.entity = ?" }, { id }
  filters(opts, where, args)
  local r = c:one("SELECT min(" .. DATE .. ") AS first, max(" .. DATE .. ") AS last FROM mentions m "
    .. "JOIN articles a ON a.id = m.article WHERE " .. table.concat(where, " AND "), table.unpack(args))
  return M.period_for(r and r.first, r and r.last), r and r.first, r and r.last
end

--- Stream (period, articles, mentions) for an entity, in time order.
-- opts: by = "day" | "week" | "month" | "year" (default: chosen from the
-- span of the dates drawn, see c:timeline_period), source, from, to.
-- Articles without any date are left out.
function M.methods.timeline(c, e, opts)
  opts = opts or {}
  local id = resolve(c, e, "timeline")
  local by = opts.by or M.methods.timeline_period(c, id, opts)
  local expr = PERIOD[by]
  if not expr then
    error("akhbar.Corpus:timeline: opts.by must be day, week, month or year, got " .. tostring(by), 2)
  end
  local where, args = { "m.entity = ?", DATE .. " IS NOT NULL" }, { id }
  filters(opts, where, args)
  return mapped(c, function(r) return r.period, r.articles, r.mentions end,
    "SELECT " .. expr .. " AS period, count(DISTINCT m.article) AS articles, count(*) AS mentions "
      .. "FROM mentions m JOIN articles a ON a.id = m.article WHERE " .. table.concat(where, " AND ")
      .. " GROUP BY period ORDER BY period", table.unpack(args))
end

--- Stream (source, articles, mentions) for an entity, most articles first.
function M.methods.outlets(c, e, opts)
  opts = opts or {}
  local id = resolve(c, e, "outlets")
  local where, args = { "m.entity = ?" }, { id }
  filters(opts, where, args)
  return mapped(c, function(r) return r.source or "", r.articles, r.mentions end,
    "SELECT a.source, count(DISTINCT m.article) AS articles, count(*) AS mentions "
      .. "FROM mentions m JOIN articles a ON a.id = m.article WHERE " .. table.concat(where, " AND ")
      .. " GROUP BY a.source ORDER BY articles DESC, a.source", table.unpack(args))
end

--- Match every stored article again (after a gazetteer change) without
-- re-importing: replaces all mentions.  `g` (optional) becomes the corpus
-- gazetteer.  Returns the number of articles and of mentions.
function M.methods.rematch(c, g)
  if g ~= nil then gaz_of[c] = g end
  g = corpus_gazetteer(c)
  if not g then error("akhbar.Corpus:rematch: no gazetteer (the default one was not found)", 2) end
  return c:transaction(function()
    c:exec("DELETE FROM mentions")
    c:exec("DELETE FROM entities")
    local n = 0
    local last = 0
    -- In batches by id, so no statement reads while the same table is written.
    while true do
      local batch = {}
      for r in c:rows("SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT 500", last) do
        batch[#batch + 1] = r
      end
      if #batch == 0 then break end
      for _, r in ipairs(batch) do store(c, g, r.id, r.text) end
      n = n + #batch
      last = batch[#batch].id
    end
    local m = c:one("SELECT count(*) AS n FROM mentions").n
    return n, m
  end)
end

return M
