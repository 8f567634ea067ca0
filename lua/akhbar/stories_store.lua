--- akhbar.stories_store: the corpus extension for duplicates and stories.
-- corpus.lua requires this module when it exists and passes it to
-- `corpus.extend`.  At import, `analyze` fingerprints every article (the
-- title and the cleaned text), flags exact and near-exact copies of earlier
-- articles and assigns the article to a story INCREMENTALLY: LSH band keys
-- find the candidates, MinHash similarity of the leads decides.  Nothing
-- is recomputed over the whole corpus at import and no pairs are
-- enumerated; only c:reanalyze() rebuilds them all (see store.restart).
-- Method and parameters: docs/stories.md.
--
-- Methods added to the corpus:
--
--  * `c:similar(id [, {threshold=0.2, limit=}])` streams `{id, score,
--    distance, duplicate, source, date, title}` best first;
--  * `c:stories{from=, to=, min_size=2, source=, limit=}` streams Story
--    objects ordered by first_seen;
--  * `c:story(id)` one Story (by story id or by the id of a member);
--  * `c:duplicates{kind=}` streams `{id, of, kind, source, date, title}`.
--
-- A Story is `{id, size, members = {{id, source, date, title, score}...},
-- outlets = {source...}, first_seen, first_outlet, title}` and prints as
-- one line.  Import option: an article with `skip_duplicates = true` (or a
-- corpus with `c.skip_duplicates = true`) that copies an earlier article
-- gets `article.skip = true` in `prepare`.
-- @module akhbar.stories_store
local fingerprint = require "akhbar.fingerprint"
local core = require "akhbar.core"

local store = { name = "stories" }

--- Tunables (docs/stories.md gives the evidence for each).
store.params = {
  threshold = 0.2,     -- MinHash similarity of leads to join a story
  founder = 0.15,      -- ... and at least this similar to the story's first article
  window = 3,          -- days: members lie within this of the story's first article
  near_duplicate = fingerprint.NEAR_DUPLICATE, -- SimHash distance for a copy
  min_shingles = 8,    -- shorter texts get no story (too little evidence)
  fingerprint = { invalid = "skip" }, -- akhbar.fingerprint options (defaults otherwise)
}

store.schema = [[
CREATE TABLE IF NOT EXISTS fingerprints (
  article INTEGER PRIMARY KEY,  -- articles.id
  simhash INTEGER NOT NULL,     -- SimHash of the whole text
  content INTEGER NOT NULL,     -- hash of the normalised word sequence
  minhash BLOB NOT NULL,        -- MinHash of the lead, packed uint32 LE
  shingles INTEGER NOT NULL,
  day INTEGER,                  -- days since 1970-01-01 (published, else crawled)
  dup_of INTEGER,               -- earlier article this one copies
  dup_kind TEXT,                -- 'exact' | 'near'
  story INTEGER                 -- stories.id; NULL when too short
);
CREATE INDEX IF NOT EXISTS fingerprints_content ON fingerprints(content);
CREATE INDEX IF NOT EXISTS fingerprints_story ON fingerprints(story);
CREATE INDEX IF NOT EXISTS fingerprints_dup ON fingerprints(dup_of);
-- One row per (band key, article); the day lets a lookup read only the
-- part of a bucket inside the time window.
CREATE TABLE IF NOT EXISTS lsh_buckets (
  key INTEGER NOT NULL, day INTEGER NOT NULL, article INTEGER NOT NULL,
  PRIMARY KEY (key, day, article)) WITHOUT ROWID;
-- A story's id is the id of its first (founding) article.
CREATE TABLE IF NOT EXISTS stories (
  id INTEGER PRIMARY KEY,
  day INTEGER NOT NULL,        -- the founder's day (window anchor)
  size INTEGER NOT NULL,
  first_seen TEXT, first_outlet TEXT, first_article INTEGER,
  last_seen TEXT, title TEXT);
CREATE INDEX IF NOT EXISTS stories_first_seen ON stories(first_seen);
]]

local pending = setmetatable({}, { __mode = "k" }) -- article -> fingerprint from prepare

local function nonempty(s) return type(s) == "string" and s:match("%S") and s or nil end

--- Days since 1970-01-01 of an ISO date ("YYYY-MM-DD..."), or nil.
local function day_number(s)
  local y, m, d = tostring(s or ""):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end
store.day_number = day_number

local function article_date(a)
  return nonempty(a.published) and a.published:sub(1, 10)
      or nonempty(a.crawled) and a.crawled:sub(1, 10) or nil
end

--- The text fingerprinted: the title leads (corpus texts keep it apart),
-- then the cleaned body.
local function story_text(a)
  local body = nonempty(a.clean) or a.text or ""
  local title = nonempty(a.title)
  if title and body:sub(1, #title) ~= title then return title .. "\n\n" .. body end
  return body
end

local function fingerprint_of(a)
  local fp = pending[a]
  if fp then pending[a] = nil return fp end
  return fingerprint.fingerprint(story_text(a), store.params.fingerprint)
end

local function first_row(c, sql, ...)
  for row in c:rows(sql, ...) do return row end -- luacheck: ignore 512
  return nil
end

-- Candidates sharing a band key within `window` days of `day` (all days
-- when day is nil), with their stored fingerprints.
local function candidates(c, fp, day, window, self_id)
  local keys = fp.bands
  local marks = {}
  for i = 1, #keys do marks[i] = "?" end
  local args = {}
  for i = 1, #keys do args[i] = keys[i] end
  local sql = "SELECT f.article, f.simhash, f.content, f.minhash, f.day, f.story FROM fingerprints f "
      .. "WHERE f.article IN (SELECT article FROM lsh_buckets WHERE key IN ("
      .. table.concat(marks, ",") .. ")"
  if day then
    sql = sql .. " AND day BETWEEN ? AND ?"
    args[#args + 1] = day - window
    args[#args + 1] = day + window
  end
  sql = sql .. ")"
  if self_id then
    sql = sql .. " AND f.article <> ?"
    args[#args + 1] = self_id
  end
  local out = {}
  for row in c:rows(sql, table.unpack(args)) do
    out[#out + 1] = {
      id = row.article, simhash = row.simhash, content = row.content, minhash = row.minhash,
      day = row.day, story = row.story,
    }
  end
  return out
end

-- The earlier article `a` copies, if any: same word sequence, else SimHash
-- within the near-duplicate distance among the LSH candidates.
local function find_duplicate(c, fp, cands, self_id)
  local row = first_row(c, "SELECT article FROM fingerprints WHERE content = ? AND article <> ? "
      .. "ORDER BY article LIMIT 1", fp.content, self_id or -1)
  if row then return row.article, "exact" end
  local best, bestd
  for _, cand in ipairs(cands) do
    local d = core.simhash_distance(fp.simhash, cand.simhash)
    if d <= store.params.near_duplicate and (not bestd or d < bestd) then best, bestd = cand.id, d end
  end
  if best then return best, "near" end
  return nil
end

--- Before insert: with the skip option, mark copies of stored articles.
function store.prepare(c, article)
  if not (article.skip_duplicates or c.skip_duplicates) then return end
  if type(article.text) ~= "string" then return end
  local fp = fingerprint.fingerprint(story_text(article), store.params.fingerprint)
  pending[article] = fp
  local day = day_number(article_date(article))
  local dup = find_duplicate(c, fp, candidates(c, fp, day, store.params.window), nil)
  if dup then
    article.skip = true
    article.skip_reason = "duplicate of article " .. tostring(dup)
    pending[article] = nil
  end
end

--- After insert (same transaction): fingerprint, flag copies, join a story.
function store.analyze(c, a)
  if type(a.text) ~= "string" or not a.id then return end
  local P = store.params
  local fp = fingerprint_of(a)
  local date = article_date(a)
  local day = day_number(date) or 0
  local cands = candidates(c, fp, day, P.window, a.id)
  local dup_of, dup_kind = find_duplicate(c, fp, cands, a.id)

  local story
  if fp.shingles >= P.min_shingles then
    -- Best similar candidate that already has a story; then the story's
    -- founder must also resemble us and be inside the window (no drift
    -- along chains of links).
    table.sort(cands, function(x, y) return x.id < y.id end)
    local best, bestsim
    for _, cand in ipairs(cands) do
      if cand.story then
        local s = core.minhash_similarity(fp.minhash, cand.minhash)
        if s >= P.threshold and (not bestsim or s > bestsim) then best, bestsim = cand, s end
      end
    end
    if best then
      local st = first_row(c, "SELECT s.id, s.day, f.minhash FROM stories s "
          .. "JOIN fingerprints f ON f.article = s.id WHERE s.id = ?", best.story)
      if st and math.abs(st.day - day) <= P.window
          and core.minhash_similarity(fp.minhash, st.minhash) >= P.founder then
        story = st.id
      end
    end
  end

  -- An upsert, not INSERT OR REPLACE: same row, but REPLACE made SQLite
  -- take ~0.4 ms per row inside a large import transaction (1.24 s of
  -- 2,824 articles against 0.03 s; bench/README.md, import section).
  c:exec("INSERT INTO fingerprints "
      .. "(article, simhash, content, minhash, shingles, day, dup_of, dup_kind, story) "
      .. "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(article) DO UPDATE SET simhash = excluded.simhash, "
      .. "content = excluded.content, minhash = excluded.minhash, shingles = excluded.shingles, day = excluded.day, "
      .. "dup_of = excluded.dup_of, dup_kind = excluded.dup_kind, story = excluded.story",
      a.id, fp.simhash, fp.content, fp.minhash, fp.shingles, day, dup_of, dup_kind,
      fp.shingles >= P.min_shingles and (story or a.id) or nil)
  if fp.shingles < P.min_shingles then return end

  local rows, args = {}, {}
  for i, key in ipairs(fp.bands) do
    rows[i] = "(?, ?, ?)"
    args[#args + 1] = key
    args[#args + 1] = day
    args[#args + 1] = a.id
  end
  c:exec("INSERT OR IGNORE INTO lsh_buckets (key, day, article) VALUES " .. table.concat(rows, ","),
      table.unpack(args))

  local title = nonempty(a.title) or (nonempty(a.clean) or a.text):match("^%s*([^\n]*)")
  if story then
    -- A member published before the story's first article (or the first
    -- member with a known date or outlet) becomes its first sighting.
    local st = first_row(c, "SELECT first_seen, first_outlet FROM stories WHERE id = ?", story)
    local earlier = date ~= nil and (st.first_seen == nil or date < st.first_seen)
    c:exec([[UPDATE stories SET size = size + 1,
        last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END,
        first_seen = CASE WHEN ? THEN ? ELSE first_seen END,
        first_article = CASE WHEN ? THEN ? ELSE first_article END,
        title = CASE WHEN ? THEN ? ELSE title END,
        first_outlet = CASE WHEN ? OR first_outlet IS NULL THEN ? ELSE first_outlet END
        WHERE id = ?]],
        date, date, earlier, date, earlier, a.id, earlier, title, earlier, a.source, story)
  else
    c:exec("INSERT INTO stories "
        .. "(id, day, size, first_seen, first_outlet, first_article, last_seen, title) "
        .. "VALUES (?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET day = excluded.day, size = 1, "
        .. "first_seen = excluded.first_seen, first_outlet = excluded.first_outlet, "
        .. "first_article = excluded.first_article, last_seen = excluded.last_seen, title = excluded.title",
        a.id, day, date, a.source, a.id, date, title)
  end
end

--- Re-analysis: an article joins the stories of the articles analysed
-- before it (lower ids at import), so the assignment depends on the
-- order.  A full run drops every fingerprint, bucket and story when it
-- starts and rebuilds them in id order: the result is a fresh import's.
function store.restart(c)
  c:exec("DELETE FROM lsh_buckets")
  c:exec("DELETE FROM fingerprints")
  c:exec("DELETE FROM stories")
end

-- ------------------------------------------------------------ reading

local Story = {}
Story.__index = Story
Story.__name = "akhbar.Story"

function Story.__tostring(s)
  return ("story %d: %d articles, %d outlets (%s), first %s by %s: %s"):format(
    s.id, #s.members, #s.outlets, table.concat(s.outlets, ", "), s.first_seen or "?",
    s.first_outlet or "?", s.title or "")
end

local function load_story(c, row)
  local s = setmetatable({
    id = row.id, size = row.size, first_seen = row.first_seen, first_outlet = row.first_outlet,
    first_article = row.first_article, last_seen = row.last_seen, title = row.title,
    members = {}, outlets = {},
  }, Story)
  local founder = first_row(c, "SELECT minhash FROM fingerprints WHERE article = ?", row.id)
  local seen = {}
  for m in c:rows([[SELECT a.id, a.source, COALESCE(a.published, substr(a.crawled, 1, 10)) AS date,
        a.title, f.minhash, f.dup_of FROM fingerprints f JOIN articles a ON a.id = f.article
        WHERE f.story = ? ORDER BY date, a.id]], row.id) do
    s.members[#s.members + 1] = {
      id = m.id, source = m.source, date = m.date, title = m.title, duplicate_of = m.dup_of,
      score = founder and core.minhash_similarity(founder.minhash, m.minhash) or nil,
    }
    if m.source and not seen[m.source] then
      seen[m.source] = true
      s.outlets[#s.outlets + 1] = m.source
    end
  end
  return s
end

-- Wrap a c:rows iteration so that the caller's generic for owns the
-- statement (the fourth, to-be-closed value is passed through).
local function map_rows(c, f, sql, ...)
  local it, st, ctl, closer = c:rows(sql, ...)
  return function()
    local row = it(st, ctl)
    if row == nil then return nil end
    ctl = row
    return f(row)
  end, nil, nil, closer
end

store.methods = {}

--- Stream stories (Story objects), oldest first.
-- opts: from, to (ISO dates, on first_seen), min_size (2), source (an
-- outlet that ran it), limit.
function store.methods.stories(c, opts)
  opts = opts or {}
  if type(opts) ~= "table" then error("c:stories: options must be a table", 2) end
  local where, args = { "s.size >= ?" }, { opts.min_size or 2 }
  if opts.from then where[#where + 1] = "s.first_seen >= ?" args[#args + 1] = opts.from end
  if opts.to then where[#where + 1] = "s.first_seen <= ?" args[#args + 1] = opts.to .. "~" end
  if opts.source then
    where[#where + 1] = "EXISTS (SELECT 1 FROM fingerprints f JOIN articles a ON a.id = f.article "
        .. "WHERE f.story = s.id AND a.source = ?)"
    args[#args + 1] = opts.source
  end
  local sql = "SELECT s.* FROM stories s WHERE " .. table.concat(where, " AND ")
      .. " ORDER BY s.first_seen, s.id"
  if opts.limit then
    local n = math.tointeger(opts.limit)
    if not n or n < 0 then error("c:stories: limit must be a non-negative integer, got " .. tostring(opts.limit), 2) end
    sql = sql .. " LIMIT " .. n
  end
  return map_rows(c, function(row) return load_story(c, row) end, sql, table.unpack(args))
end

--- One story by its id, or the story of article `id`; nil if none.
function store.methods.story(c, id)
  local row = first_row(c, "SELECT * FROM stories WHERE id = ?", id)
  if not row then
    local f = first_row(c, "SELECT story FROM fingerprints WHERE article = ?", id)
    if f and f.story then row = first_row(c, "SELECT * FROM stories WHERE id = ?", f.story) end
  end
  return row and load_story(c, row) or nil
end

--- Stream articles similar to article `id`, best first.
-- opts: threshold (store.params.threshold), limit.  Each item: {id, score
-- (MinHash similarity of the leads), distance (SimHash), duplicate (bool),
-- source, date, title}.
function store.methods.similar(c, id, opts)
  opts = opts or {}
  local threshold = opts.threshold or store.params.threshold
  local me = first_row(c, "SELECT * FROM fingerprints WHERE article = ?", id)
  if not me then return function() return nil end end
  local fp = { bands = {} }
  -- Band keys are read back from the buckets: no re-fingerprinting.
  for row in c:rows("SELECT key FROM lsh_buckets WHERE article = ?", id) do
    fp.bands[#fp.bands + 1] = row.key
  end
  local hits = {}
  if #fp.bands > 0 then
    for _, cand in ipairs(candidates(c, fp, nil, nil, id)) do
      local s = core.minhash_similarity(me.minhash, cand.minhash)
      local d = core.simhash_distance(me.simhash, cand.simhash)
      if s >= threshold then
        hits[#hits + 1] = { id = cand.id, score = s, distance = d,
          duplicate = d <= store.params.near_duplicate or cand.content == me.content }
      end
    end
  end
  table.sort(hits, function(x, y)
    if x.score ~= y.score then return x.score > y.score end
    return x.id < y.id
  end)
  local i, limit = 0, opts.limit or math.huge
  return function()
    i = i + 1
    local h = hits[i]
    if not h or i > limit then return nil end
    local a = first_row(c, "SELECT source, COALESCE(published, substr(crawled, 1, 10)) AS date, title "
        .. "FROM articles WHERE id = ?", h.id)
    if a then h.source, h.date, h.title = a.source, a.date, a.title end
    return h
  end
end

--- Stream flagged copies: {id, of, kind, source, date, title}.
-- opts: kind ("exact" or "near").
function store.methods.duplicates(c, opts)
  opts = opts or {}
  local sql = [[SELECT f.article AS id, f.dup_of AS of, f.dup_kind AS kind, a.source,
      COALESCE(a.published, substr(a.crawled, 1, 10)) AS date, a.title
      FROM fingerprints f JOIN articles a ON a.id = f.article WHERE f.dup_of IS NOT NULL]]
  if opts.kind then
    return map_rows(c, function(r) return r end, sql .. " AND f.dup_kind = ? ORDER BY f.article", opts.kind)
  end
  return map_rows(c, function(r) return r end, sql .. " ORDER BY f.article")
end

store.Story = Story

return store
