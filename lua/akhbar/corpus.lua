--- akhbar.corpus: a searchable news corpus in one SQLite file.
--
--     local c <close> = akhbar.open("news.db")     -- or ":memory:"
--     c:import("examples/corpus/")                  -- see akhbar.import
--     for hit in c:search("سوريا", {limit = 5}) do print(hit) end
--
-- The C side (akhbar.core) gives a minimal SQLite binding with the FTS5
-- tokenizer "akhbar" registered on every connection; this module builds
-- the corpus object on it.  The schema is documented in docs/schema.md.
--
-- EXTENSIONS.  Later parts (news structure, entities, stories) plug into
-- the corpus with `corpus.extend(ext)`:
--
--     corpus.extend {
--       name = "entities",                       -- unique; re-extending replaces
--       schema = "CREATE TABLE IF NOT EXISTS mentions (...); CREATE INDEX ...",
--       prepare = function(c, article) end,      -- optional, before insert
--       analyze = function(c, article) end,      -- optional, after insert
--       methods = { cooccur = function(c, ...) end },  -- become c:cooccur(...)
--     }
--
--  * `schema` (SQL, several statements allowed) runs on every corpus when it
--    is opened (and on corpora already open when extend is called); use
--    IF NOT EXISTS.  It is skipped on read-only corpora.
--  * `prepare(c, article)` runs for every new article, in extension order,
--    after the duplicate check and before the INSERT, inside the import's
--    transaction.  It may fill or change article fields: title, author,
--    dateline, agency, published, published_evidence, crawled, lang, clean
--    (the text indexed for search; defaults to text).  `text` itself is
--    never changed.  Setting `article.skip = true` (and optionally
--    `article.skip_reason`) drops the article: add returns nil, "skipped",
--    reason.
--  * `analyze(c, article)` runs after the INSERT, in the same transaction,
--    with `article.id` set; it writes rows into the extension's tables.
--    An error raised by prepare or analyze rolls back the whole import
--    batch (or the single c:add) and is reported with the record.
--  * `methods` are added to every corpus object.
--  * `version` (a string) names the rules of the analysis; it goes into
--    the corpus's analysis version (M.analysis_version), so changing it
--    makes `c:reanalyze()` run again over a corpus analysed before.
--  * Re-analysis (c:reanalyze, akhbar.reanalyze) calls, when present:
--    `restart(c)` once when a full run starts, in the first batch's
--    transaction (an extension whose rows depend on the order articles
--    were analysed in, as stories do, drops them all here);
--    `forget(c, id)` before an article is analysed again (delete what
--    analyze stored for it); `finish(c)` once when the run is complete.
--    Then prepare and analyze run as at import.
--  Helpers an extension uses on the corpus `c` (all with bound parameters;
--  statements are prepared once and cached per connection):
--    c:exec(sql, ...)        run a statement (without parameters: one or
--                            more statements); returns the number of changes
--    c:rows(sql, ...)        generic-for iterator of row tables {column =
--                            value} (NULL columns absent); four values, the
--                            fourth to-be-closed, so `break` is safe
--    c:one(sql, ...)         the first row table, or nil
--    c:transaction(fn)       fn(c) in a transaction (a savepoint when
--                            nested); rolled back if fn raises; returns
--                            fn's results
-- The known extension modules "akhbar.news_store", "akhbar.entities_store"
-- and "akhbar.stories_store" are required at the end of this file when
-- they are on package.path (in that order) and passed to extend.
--
-- ERRORS.  Misuse raises.  Environmental failures (missing directory,
-- read-only file, malformed query) also raise, with a message naming the
-- function, the problem and the fix: a corpus that did not open or a query
-- that cannot run is not something to carry on with.
-- @module akhbar.corpus
-- luacheck: max line length 160
local core = require "akhbar.core"
local schema = require "akhbar.schema"

local M = {}
package.loaded["akhbar.corpus"] = M -- extension modules may require us

-- The schema version this akhbar writes (see akhbar.schema).
M.SCHEMA_VERSION = schema.VERSION
M.extensions = {} -- in registration order
local open_corpora = setmetatable({}, { __mode = "k" })

local Corpus = {}
M.Corpus = Corpus
local CorpusMeta = { __index = Corpus, __name = "akhbar.Corpus" }

local CACHE_MAX = 256

-- ------------------------------------------------------------ helpers

local function basename(path)
  return path:match("([^/]+)/*$") or path
end

local function check_open(c, where)
  if not rawget(c, "_db") then error(where .. ": the corpus is closed", 3) end
  return c._db
end

-- A prepared statement from the per-connection cache; a fresh one when the
-- cached one is in use (nested iteration over the same SQL).
local function acquire(c, sql, where)
  local db = check_open(c, where)
  local cache = c._cache
  local e = cache[sql]
  if e and not e.busy then
    e.busy = true
    return e
  end
  local ok, st, tail = pcall(db.prepare, db, sql)
  if not ok then error(("%s: %s in: %s"):format(where, st, sql), 3) end
  if tail then
    st:finalize()
    error(("%s: one SQL statement expected, found more after: %s"):format(where, sql), 3)
  end
  e = { st = st, busy = true, sql = sql }
  if not cache[sql] then
    if c._ncache >= CACHE_MAX then
      for k, old in pairs(cache) do
        if not old.busy then old.st:finalize() cache[k] = nil c._ncache = c._ncache - 1 end
      end
    end
    cache[sql] = e
    c._ncache = c._ncache + 1
    e.cached = true
  end
  return e
end

local function release(c, e)
  if not e.busy then return end
  e.busy = false
  if e.cached and c._cache and c._cache[e.sql] == e then
    e.st:reset()
  else
    e.st:finalize()
  end
end

-- The closer for a rows iterator (the to-be-closed fourth value).
local Closer = { __close = function(self) if self.e then release(self.c, self.e) self.e = nil end end }
Closer.__gc = Closer.__close

--- Stream rows of `sql` (bound parameters ...) as tables.
-- Four values for a generic for; the fourth closes the statement when the
-- loop ends early (break, error).
function Corpus:rows(sql, ...)
  local e = acquire(self, sql, "akhbar.Corpus:rows")
  local ok, err = pcall(e.st.bind, e.st, ...)
  if not ok then
    release(self, e)
    error("akhbar.Corpus:rows: " .. tostring(err), 2)
  end
  local closer = setmetatable({ c = self, e = e }, Closer)
  local st = e.st
  return function()
    if not closer.e then return nil end
    if st:step() then return st:row() end
    Closer.__close(closer)
    return nil
  end, nil, nil, closer
end

--- Run `sql` with bound parameters; returns the number of changed rows.
-- Without parameters the string may hold several statements.
function Corpus:exec(sql, ...)
  local db = check_open(self, "akhbar.Corpus:exec")
  if select("#", ...) == 0 and not self._cache[sql] then
    local ok, err = pcall(db.exec, db, sql)
    if not ok then error(("akhbar.Corpus:exec: %s in: %s"):format(err, sql), 2) end
    return db:changes()
  end
  local e = acquire(self, sql, "akhbar.Corpus:exec")
  local ok, n = pcall(e.st.run, e.st, ...)
  release(self, e)
  if not ok then error(("akhbar.Corpus:exec: %s in: %s"):format(n, sql), 2) end
  return n
end

--- The first row of `sql` as a table, or nil.
function Corpus:one(sql, ...)
  local e = acquire(self, sql, "akhbar.Corpus:one")
  local ok, row = pcall(e.st.first, e.st, ...)
  release(self, e)
  if not ok then error(("akhbar.Corpus:one: %s in: %s"):format(row, sql), 2) end
  return row
end

--- fn(c) inside a transaction (a savepoint when one is already open).
-- Commits when fn returns, rolls back and re-raises when it raises.
function Corpus:transaction(fn)
  local db = check_open(self, "akhbar.Corpus:transaction")
  local outer = db:autocommit()
  local depth = (self._depth or 0) + 1
  local sp = "akh_sp" .. depth
  db:exec(outer and "BEGIN IMMEDIATE" or ("SAVEPOINT " .. sp))
  self._depth = depth
  local res = table.pack(pcall(fn, self))
  self._depth = depth - 1
  if not rawget(self, "_db") then
    if res[1] then return table.unpack(res, 2, res.n) end
    error(res[2], 0)
  end
  if res[1] then
    local ok, err = pcall(db.exec, db, outer and "COMMIT" or ("RELEASE " .. sp))
    if not ok then
      pcall(db.exec, db, outer and "ROLLBACK" or ("ROLLBACK TO " .. sp .. "; RELEASE " .. sp))
      error("akhbar.Corpus:transaction: commit failed: " .. tostring(err), 2)
    end
    return table.unpack(res, 2, res.n)
  end
  if outer then
    if not db:autocommit() then pcall(db.exec, db, "ROLLBACK") end
  else
    pcall(db.exec, db, "ROLLBACK TO " .. sp .. "; RELEASE " .. sp)
  end
  error(res[2], 0)
end

-- ------------------------------------------------------------ open / close

--- The version of the analysis this akhbar runs at import: the extensions'
-- names and versions ("news=3;entities=1;stories=1").  Kept in meta
-- (analysis_version) when every article of a file was analysed by it.
function M.analysis_version()
  local parts = {}
  for i, ext in ipairs(M.extensions) do parts[i] = ext.name .. "=" .. tostring(ext.version or 1) end
  return table.concat(parts, ";")
end

--- Open (creating if needed) the corpus at `path` (":memory:" for a
-- temporary one).  opts: readonly (open an existing file read-only),
-- extensions (false: plug in no extension, e.g. for benchmarks),
-- sql_writes (true: c:sql also runs statements that write; see c:sql).
function M.open(path, opts)
  if type(path) ~= "string" or path == "" then
    error("akhbar.open: path expected (a file name or \":memory:\"), got " .. type(path), 2)
  end
  opts = opts or {}
  if type(opts) ~= "table" then error("akhbar.open: options table expected, got " .. type(opts), 2) end
  if opts.sql_writes and opts.readonly then
    error("akhbar.open: {sql_writes = true} and {readonly = true} contradict each other; choose one", 2)
  end
  local memory = path == ":memory:"
  if not memory then
    local dir = path:match("^(.*)/[^/]*$")
    if dir and dir ~= "" and core.stat(dir) ~= "directory" then
      error(("akhbar.open: cannot create %s: directory %s does not exist (create it first: mkdir -p %s)")
        :format(path, dir, dir), 2)
    end
    if core.stat(path) == "directory" then
      error(("akhbar.open: %s is a directory; give a database file name such as %s/news.db")
        :format(path, path:gsub("/+$", "")), 2)
    end
  end
  local mode = opts.readonly and "ro" or "rwc"
  local db, msg = core.db_open(path, mode)
  if not db then
    if opts.readonly and not core.stat(path) then
      error(("akhbar.open: %s does not exist (a read-only corpus must exist already)"):format(path), 2)
    end
    error(("akhbar.open: cannot open %s: %s (check the path and its permissions)"):format(path, msg), 2)
  end
  local c = setmetatable({
    _db = db, _path = path, _name = memory and ":memory:" or basename(path), _cache = {}, _ncache = 0,
    _readonly = opts.readonly and true or false, _extensions = opts.extensions ~= false,
    _sql_writes = opts.sql_writes and not opts.readonly and true or false,
  }, CorpusMeta)
  local function fail(m)
    db:close()
    c._db = nil
    error("akhbar.open: " .. m, 3)
  end
  if not opts.readonly and db:readonly() then
    fail(("%s is read-only (file or directory permissions): make it writable (chmod u+w %s) "
      .. "or open it with {readonly = true}"):format(path, path))
  end
  local ok, err = pcall(schema.setup, c, path, opts, M.analysis_version)
  if not ok then
    local m = tostring(err)
    if m:find("readonly", 1, true) or m:find("read-only", 1, true) then
      fail(("%s is read-only (file or directory permissions): make it writable or open it with {readonly = true}")
        :format(path))
    end
    fail(("%s: %s"):format(path, m))
  end
  if c._extensions then
    for _, ext in ipairs(M.extensions) do
      local ok2, err2 = pcall(schema.run_extension, c, ext)
      if not ok2 then fail(tostring(err2):gsub("^akhbar%.open: ", "")) end
    end
  end
  open_corpora[c] = true
  return c
end

--- Close the corpus (safe to call twice).  Returns true.
function Corpus:close()
  local db = rawget(self, "_db")
  if not db then return true end
  for _, e in pairs(self._cache) do e.busy = false pcall(e.st.finalize, e.st) end
  self._cache, self._ncache = {}, 0
  self._db = nil
  open_corpora[self] = nil
  local ok, err = db:close()
  if not ok then error("akhbar.Corpus:close: " .. tostring(err), 2) end
  return true
end

CorpusMeta.__close = function(self) self:close() end
CorpusMeta.__gc = function(self) pcall(Corpus.close, self) end

function CorpusMeta.__tostring(self)
  if not rawget(self, "_db") then return "akhbar.Corpus (closed)" end
  local ok, row = pcall(Corpus.one, self, "SELECT count(*) AS n FROM articles")
  local n = ok and row and row.n or 0
  return ("akhbar.Corpus (%s, %d article%s)"):format(self._name, n, n == 1 and "" or "s")
end

--- The database file ("" for :memory:) and whether the corpus is open.
function Corpus:path() return self._path end
function Corpus:isopen() return rawget(self, "_db") ~= nil end

-- ------------------------------------------------------------ adding articles

local FIELDS = { "source", "url", "title", "author", "dateline", "agency", "published",
  "published_evidence", "crawled", "lang", "text", "clean" }
M.FIELDS = FIELDS
local ALIASES = { date = "published", content = "text", body = "text", outlet = "source" }

local function iso_date(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^%s*(%d%d%d%d)%-(%d%d?)%-(%d%d?)")
  if not y then
    d, m, y = s:match("^%s*(%d%d?)[/%-.](%d%d?)[/%-.](%d%d%d%d)")
  end
  if not y then y, m, d = s:match("^%s*(%d%d%d%d)/(%d%d?)/(%d%d?)") end
  if not y then return nil end
  m, d = tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > 31 then return nil end
  return ("%s-%02d-%02d"):format(y, m, d)
end
M.iso_date = iso_date

--- A copy of the caller's record with aliases resolved and fields checked;
-- nil, message when the record cannot be stored.
local function normalize_record(rec)
  local a = {}
  for k, v in pairs(rec) do
    if type(k) == "string" then
      local f = ALIASES[k] or k
      if a[f] == nil or ALIASES[k] == nil then a[f] = v end
    end
  end
  local text = a.text
  if type(text) ~= "string" then
    return nil, "no text (give the article body as text=)"
  end
  if not text:find("%S") then return nil, "empty text" end
  for _, f in ipairs(FIELDS) do
    local v = a[f]
    if v ~= nil then
      if type(v) == "number" then v = tostring(v) a[f] = v end
      if type(v) ~= "string" then return nil, ("field '%s' must be a string, got %s"):format(f, type(v)) end
      local ok, bad = core.utf8_check(v)
      if not ok then return nil, ("field '%s': invalid UTF-8 at byte %d"):format(f, bad) end
      if v == "" and f ~= "text" then a[f] = nil end
    end
  end
  if a.published then
    local d = iso_date(a.published)
    if not d then return nil, ("date '%s' is not a date (expected yyyy-mm-dd)"):format(a.published) end
    a.published = d
    a.published_evidence = a.published_evidence or "given"
  end
  return a
end

-- A headline for a text without a title: the first non-empty line that is
-- not a date/time line (23-11-2024 10:39 AM ...) nor a bare dateline
-- (موسكو – سانا).
local function headline(text)
  local first
  for line in text:gmatch("[^\n]+") do
    local l = line:match("^%s*(.-)%s*$")
    if l ~= "" then
      first = first or l
      local words = select(2, l:gsub("%S+", ""))
      local dateline = words <= 4 and (l:find("%s[–—-]%s*%S") or l:find("^%S+%s*[–—-]"))
      if not l:find("^%d+[-/.:]%d+") and not dateline then return l end
    end
  end
  return first
end
M.headline = headline

local INSERT = [[INSERT INTO articles (source, url, title, author, dateline, agency, published,
  published_evidence, published_confidence, crawled, lang, text, clean, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 'ar'), ?, ?, ?)]]
-- The index rows are read back from the row just written: the text is
-- bound (and copied) once.
local INSERT_FTS = "INSERT INTO articles_fts (rowid, title, clean) VALUES (?, ?, ?)"
local INSERT_EXACT = "INSERT INTO articles_exact (rowid, title, clean) VALUES (?, ?, ?)"

-- The extensions' prepare over article `a`, then the fields they left
-- as the insert needs them (title, published); returns the clean text to
-- store (nil: same as text).  Stops early, returning false, when an
-- extension drops the article.  Import and re-analysis both use it, so a
-- re-analysed article is what a fresh import of it would be.
local function prepare_article(c, a)
  if c._extensions then
    for _, ext in ipairs(M.extensions) do
      if ext.prepare then ext.prepare(c, a) end
      if a.skip then return false end
    end
  end
  if type(a.title) ~= "string" or not a.title:find("%S") then a.title = headline(a.text) end
  if a.published and not a.published:match("^%d%d%d%d%-%d%d%-%d%d$") then
    a.published = iso_date(a.published)
  end
  if not a.published then a.published_evidence, a.published_confidence = nil, nil end
  if math.type(a.published_confidence) == nil then a.published_confidence = nil end
  local clean = a.clean
  if clean == a.text or type(clean) ~= "string" then clean = nil end
  return clean
end

-- The extensions' analyze over article `a` (a.id set), after its row is written.
local function analyze_article(c, a)
  if c._extensions then
    for _, ext in ipairs(M.extensions) do
      if ext.analyze then ext.analyze(c, a) end
    end
  end
end

-- Insert a checked record (normalize_record) inside an open transaction.
-- id | nil, "duplicate", id | nil, "skipped", reason.  Raises on failure.
local function insert_article(c, a)
  local hash, herr = core.content_hash(a.text)
  if not hash then error("text: " .. herr, 0) end
  local dup = c:one("SELECT id FROM articles WHERE hash = ?", hash)
  if dup then return nil, "duplicate", dup.id end
  a.hash = hash
  local clean = prepare_article(c, a)
  if clean == false then return nil, "skipped", a.skip_reason end
  c:exec(INSERT, a.source, a.url, a.title, a.author, a.dateline, a.agency, a.published,
    a.published_evidence, a.published_confidence, a.crawled, a.lang, a.text, clean, hash)
  local id = c._db:last_insert_rowid()
  c:exec(INSERT_FTS, id, a.title, clean or a.text)
  c:exec(INSERT_EXACT, id, a.title, clean or a.text)
  a.id = id
  analyze_article(c, a)
  return id
end
M._normalize_record, M._insert_article = normalize_record, insert_article
M._prepare_article, M._analyze_article = prepare_article, analyze_article

--- Add one article.  Fields: text (required), title, source, url, date (or
-- published; ISO yyyy-mm-dd), crawled, author, dateline, agency, lang,
-- clean.  Returns the new id; for content already stored (same
-- normalised word sequence) nil, "duplicate", existing_id; when an
-- extension drops it nil, "skipped", reason.  A record that cannot be
-- stored (no text, invalid UTF-8, bad date) raises.
function Corpus:add(rec)
  check_open(self, "akhbar.Corpus:add")
  if type(rec) ~= "table" then error("akhbar.Corpus:add: article table expected, got " .. type(rec), 2) end
  if self._readonly then
    error("akhbar.Corpus:add: the corpus is open read-only (open it without {readonly = true} to add articles)", 2)
  end
  local a, msg = normalize_record(rec)
  if not a then error("akhbar.Corpus:add: " .. msg, 2) end
  local ok, id, why, other = pcall(self.transaction, self, function() return insert_article(self, a) end)
  if not ok then error("akhbar.Corpus:add: " .. tostring(id), 2) end
  return id, why, other
end

--- Import a file, a directory, JSON Lines or CSV: see akhbar.import.
function Corpus:import(path, opts)
  return require("akhbar.import").import(self, path, opts)
end

--- Run the analysis again over the stored articles: see akhbar.reanalyze.
function Corpus:reanalyze(opts)
  return require("akhbar.reanalyze").reanalyze(self, opts)
end

--- The article `id` as a table (all columns; clean defaults to text), or nil.
function Corpus:get(id)
  local n = math.tointeger(id)
  if not n then error("akhbar.Corpus:get: integer id expected, got " .. tostring(id), 2) end
  local a = self:one("SELECT * FROM articles WHERE id = ?", n)
  if a then
    a.clean = a.clean or a.text
    a.date = a.published or (a.crawled and a.crawled:sub(1, 10))
  end
  return a
end

-- ------------------------------------------------------------ search

local Hit = { __name = "akhbar.Hit" }
Hit.__index = Hit
M.Hit = Hit
function Hit.__tostring(h)
  return ("akhbar.Hit (id %d, score %.2f): %s"):format(h.id, h.score, h.title or "")
end

M.marks = { "[", "]" }
M.ansi_marks = { "\27[1;31m", "\27[0m" }

-- WHERE clause and parameters for the search filters.
local function filters(c, opts, where, args, who)
  if opts.source ~= nil then
    if type(opts.source) == "table" then
      local q = {}
      for i, s in ipairs(opts.source) do q[i] = "?" args[#args + 1] = tostring(s) end
      where[#where + 1] = "a.source IN (" .. table.concat(q, ",") .. ")"
    else
      where[#where + 1] = "a.source = ?"
      args[#args + 1] = tostring(opts.source)
    end
  end
  for _, k in ipairs { "from", "to" } do
    local v = opts[k]
    if v ~= nil then
      local d = iso_date(tostring(v))
      if not d then error(("akhbar.search: opts.%s must be a date yyyy-mm-dd, got %s"):format(k, tostring(v)), 4) end
      where[#where + 1] = "coalesce(a.published, substr(a.crawled, 1, 10)) " .. (k == "from" and ">=" or "<=") .. " ?"
      args[#args + 1] = d
    end
  end
  -- The days an article talks about, whenever it was published: the
  -- dates table belongs to the news extension (akhbar.dates_store).
  if opts.mentions ~= nil then
    where[#where + 1] = require("akhbar.dates_store").mentions_clause(c, opts.mentions, args, who)
  end
end

local function check_query(query, where)
  if type(query) ~= "string" then error(where .. ": query string expected, got " .. type(query), 3) end
  if not query:find("%S") then error(where .. ": empty query", 3) end
  local ok, bad = core.utf8_check(query)
  if not ok then error(("%s: invalid UTF-8 in the query at byte %d"):format(where, bad), 3) end
end

-- The query with the entity names expanded (akhbar.query), unless the
-- caller asked for exact forms or no expansion.
local function expanded(c, query, opts)
  if opts.exact or opts.expand == false then return query end
  local ok, gaz = pcall(function() return c.gazetteer and c:gazetteer() end)
  if not ok or not gaz then return query end
  return (require "akhbar.query".expand(query, gaz))
end

--- Most terms a query may have (opts.max_terms overrides it per call).
-- Ranking costs every term against every article that has any term: on
-- SaudiNewsNet (31k articles) an OR of 250 words takes about 1 s to
-- search, of 1,000 words 10 s, of 5,000 words 48 s.
M.max_query_terms = 256

-- The query as the index will see it (expanded unless opts say not),
-- refused when it has more terms than allowed.
local function index_query(c, query, opts, where)
  local q = expanded(c, query, opts)
  local limit = opts.max_terms or M.max_query_terms
  if math.type(limit) ~= "integer" or limit < 1 then
    error(where .. ": opts.max_terms must be a positive integer", 3)
  end
  local qm = require "akhbar.query"
  local n = qm.terms(q)
  if n > limit then
    local written = qm.terms(query)
    error(("%s: the query has %d terms%s; at most %d are allowed (split it into several searches, "
      .. "or raise opts.max_terms)"):format(where, n,
        written < n and (" after entity names were expanded (%d as written; expand = false keeps them as written)")
          :format(written) or "", limit), 3)
  end
  return q
end

local function query_error(where, query, err)
  err = tostring(err):gsub(" in: SELECT.*$", "")
  return ("%s: malformed query '%s': %s (FTS5 syntax: words, \"phrase\", AND, OR, NOT, "
    .. "NEAR(a b, 10), prefix*, parentheses)"):format(where, query, err)
end

--- Stream hits for an FTS5 query, best first (BM25, title weighted 2x).
-- opts: limit (20), offset (0), source (string or list), from, to (ISO
-- dates on the published date, else the crawl date), exact (no stemming:
-- only the normalised word forms), mark ({open, close} around matched
-- words in the snippet; default {"[", "]"}; "ansi" for bold red on a
-- terminal), tokens (snippet length in words, 24), expand (true: a word
-- that names a gazetteer entity also finds the entity's other names, so
-- سوريا finds سورية; false, or exact, searches the words as written; see
-- akhbar.query), max_terms (a query with more terms, after expansion, is
-- refused; default akhbar.corpus.max_query_terms, 256), mentions
-- ({from=, to=, role=}: only articles that mention a day in from..to,
-- whenever they were published; yyyy-mm and yyyy name whole months and
-- years; role: news, future, past, stamp, other; see c:dates).
-- Each hit: {id, score (higher is better), title, snippet, source, date, url}.
-- Four values for a generic for (the fourth closes the statement on break).
function Corpus:search(query, opts)
  check_open(self, "akhbar.search")
  check_query(query, "akhbar.search")
  opts = opts or {}
  if type(opts) ~= "table" then error("akhbar.search: options table expected, got " .. type(opts), 2) end
  local limit = math.tointeger(opts.limit or 20)
  local offset = math.tointeger(opts.offset or 0)
  if not limit or limit < 0 then error("akhbar.search: opts.limit must be a non-negative integer", 2) end
  if not offset or offset < 0 then error("akhbar.search: opts.offset must be a non-negative integer", 2) end
  local mark = opts.mark or M.marks
  if mark == "ansi" then mark = M.ansi_marks end
  if type(mark) ~= "table" then error("akhbar.search: opts.mark must be {open, close} or \"ansi\"", 2) end
  local ntok = math.tointeger(opts.tokens or 24) or 24
  local fts = opts.exact and "articles_exact" or "articles_fts"
  local where, args = { fts .. " MATCH ?" },
    { mark[1], mark[2], math.max(1, math.min(ntok, 64)), index_query(self, query, opts, "akhbar.search") }
  filters(self, opts, where, args, "akhbar.search")
  local sql = ("SELECT a.id AS id, -f.rank AS score, a.title AS title, "
    .. "akhbar_snippet(%s, 1, ?, ?, '…', ?) AS snippet, a.source AS source, "
    .. "coalesce(a.published, substr(a.crawled, 1, 10)) AS date, a.url AS url "
    .. "FROM %s f JOIN articles a ON a.id = f.rowid WHERE %s ORDER BY f.rank LIMIT ? OFFSET ?")
    :format(fts, fts, table.concat(where, " AND "))
  args[#args + 1] = limit
  args[#args + 1] = offset
  local e = acquire(self, sql, "akhbar.search")
  local st = e.st
  local ok, has = pcall(function()
    st:bind(table.unpack(args, 1, #args))
    return st:step()
  end)
  if not ok then
    release(self, e)
    error(query_error("akhbar.search", query, has), 2)
  end
  local closer = setmetatable({ c = self, e = e }, Closer)
  local first = true
  return function()
    if not closer.e then return nil end
    if first then
      first = false
      if not has then Closer.__close(closer) return nil end
    elseif not st:step() then
      Closer.__close(closer)
      return nil
    end
    return setmetatable(st:row(), Hit)
  end, nil, nil, closer
end

--- Number of articles matching `query` (all articles when query is nil),
-- with the filters of search (source, from, to, mentions, exact, expand,
-- max_terms).
function Corpus:count(query, opts)
  check_open(self, "akhbar.count")
  opts = opts or {}
  local where, args = {}, {}
  local sql
  if query == nil then
    sql = "SELECT count(*) AS n FROM articles a"
  else
    check_query(query, "akhbar.count")
    local fts = opts.exact and "articles_exact" or "articles_fts"
    sql = ("SELECT count(*) AS n FROM %s f JOIN articles a ON a.id = f.rowid"):format(fts)
    where[1] = fts .. " MATCH ?"
    args[1] = index_query(self, query, opts, "akhbar.count")
  end
  filters(self, opts, where, args, "akhbar.count")
  if #where > 0 then sql = sql .. " WHERE " .. table.concat(where, " AND ") end
  local e = acquire(self, sql, "akhbar.count")
  local ok, row = pcall(e.st.first, e.st, table.unpack(args, 1, #args))
  release(self, e)
  if not ok then error(query_error("akhbar.count", query, row), 2) end
  return row.n
end

local READ_KEYWORDS = { select = true, with = true, values = true, explain = true, pragma = true }

--- Run read-only SQL with bound parameters; stream rows as tables.
-- Writes (INSERT, UPDATE, DELETE, CREATE, transaction control, ATTACH,
-- PRAGMA assignments) are refused, unless the corpus was opened with
-- {sql_writes = true}: then a statement that writes runs at once, inside
-- its own transaction, and the rows it returns (RETURNING) are given
-- back the same way.  Such writes bypass the import: deleting an article
-- this way leaves its index rows, mentions and quotes behind.
-- Four values (see c:rows).
function Corpus:sql(statement, ...)
  check_open(self, "akhbar.Corpus:sql")
  if type(statement) ~= "string" then error("akhbar.Corpus:sql: SQL string expected, got " .. type(statement), 2) end
  local kw = (statement:match("^%s*(%a+)") or ""):lower()
  local e = acquire(self, statement, "akhbar.Corpus:sql")
  local reads = READ_KEYWORDS[kw] and e.st:readonly() and not (kw == "pragma" and statement:find("=", 1, true))
  release(self, e)
  if reads then return self:rows(statement, ...) end
  if not self._sql_writes then
    error(("akhbar.Corpus:sql: only read-only statements are allowed (SELECT, WITH, VALUES, EXPLAIN, PRAGMA queries); "
      .. "refused: %s (to write, open the corpus with {sql_writes = true})"):format(statement:sub(1, 80)), 2)
  end
  -- A write runs now, not when the caller gets round to iterating.
  local rows, n = {}, 0
  local ok, err = pcall(function(...)
    for r in self:rows(statement, ...) do
      n = n + 1
      rows[n] = r
    end
  end, ...)
  if not ok then
    error(("akhbar.Corpus:sql: %s"):format(tostring(err):gsub("^akhbar%.Corpus:rows: ", "")), 2)
  end
  local i = 0
  return function()
    i = i + 1
    return rows[i]
  end, nil, nil, nil
end

-- ------------------------------------------------------------ extensions

local BUILTIN = {}
for k in pairs(Corpus) do BUILTIN[k] = true end

--- Register an extension (see the top of this file).  Returns ext.
function M.extend(ext)
  if type(ext) ~= "table" then error("akhbar.corpus.extend: extension table expected, got " .. type(ext), 2) end
  if type(ext.name) ~= "string" or ext.name == "" then error("akhbar.corpus.extend: ext.name (string) required", 2) end
  if ext.schema ~= nil and type(ext.schema) ~= "string" then
    error(("akhbar.corpus.extend: %s: schema must be SQL text"):format(ext.name), 2)
  end
  if ext.version ~= nil and type(ext.version) ~= "string" and type(ext.version) ~= "number" then
    error(("akhbar.corpus.extend: %s: version must be a string"):format(ext.name), 2)
  end
  for _, k in ipairs { "prepare", "analyze", "forget", "restart", "finish" } do
    if ext[k] ~= nil and type(ext[k]) ~= "function" then
      error(("akhbar.corpus.extend: %s: %s must be a function"):format(ext.name, k), 2)
    end
  end
  for name, fn in pairs(ext.methods or {}) do
    if type(fn) ~= "function" then error(("akhbar.corpus.extend: %s: method %s is not a function"):format(ext.name, name), 2) end
    if BUILTIN[name] then error(("akhbar.corpus.extend: %s: method %s would replace a corpus method"):format(ext.name, name), 2) end
  end
  local replaced = false
  for i, old in ipairs(M.extensions) do
    if old.name == ext.name then
      for name in pairs(old.methods or {}) do Corpus[name] = nil end
      M.extensions[i] = ext
      replaced = true
    end
  end
  if not replaced then M.extensions[#M.extensions + 1] = ext end
  for name, fn in pairs(ext.methods or {}) do Corpus[name] = fn end
  for c in pairs(open_corpora) do
    if rawget(c, "_db") and c._extensions then schema.run_extension(c, ext) end
  end
  return ext
end

--- Remove an extension by name (mostly for tests).
function M.unextend(name)
  for i, old in ipairs(M.extensions) do
    if old.name == name then
      for m in pairs(old.methods or {}) do Corpus[m] = nil end
      table.remove(M.extensions, i)
      return true
    end
  end
  return false
end

M.known_extensions = { "akhbar.news_store", "akhbar.entities_store", "akhbar.stories_store" }
M.load_errors = {}
for _, name in ipairs(M.known_extensions) do
  if package.searchpath(name, package.path) then
    local ok, mod = pcall(require, name)
    if ok and type(mod) == "table" then
      local ok2, err = pcall(M.extend, mod)
      if not ok2 then M.load_errors[name] = err end
    elseif not ok then
      M.load_errors[name] = mod
      io.stderr:write(("akhbar.corpus: extension %s not loaded: %s\n"):format(name, tostring(mod)))
    end
  end
end

return M
