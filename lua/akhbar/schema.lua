--- akhbar.schema: the tables of a corpus file (docs/schema.md): made on
-- a new file, brought up to date on a file of an older schema version,
-- and each extension's own tables added on open.  akhbar.corpus calls it
-- when it opens a file and when an extension is registered.
-- @module akhbar.schema
local core = require "akhbar.core"

local schema = {}

-- 1: the first release; 2: articles.published_confidence and the dates
-- table; 3: quotes.speaker_written and quotes.resolution (an older file is
-- migrated on open; see migrate below).
schema.VERSION = 3

local SQL = [[
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  source TEXT,              -- outlet id (aawsat, sana, ...)
  url TEXT,
  title TEXT,
  author TEXT,
  dateline TEXT,
  agency TEXT,
  published TEXT,           -- ISO yyyy-mm-dd, may be NULL
  published_evidence TEXT,  -- given | url | stamp | crawl | body (before version 2: explicit | inferred)
  published_confidence REAL,-- 0..1, how far the analysis trusts published; NULL when not judged
  crawled TEXT,             -- ISO date-time the article was fetched
  lang TEXT NOT NULL DEFAULT 'ar',
  text TEXT NOT NULL,       -- the original, never modified
  clean TEXT,               -- cleaned text that is indexed; NULL = same as text
  hash TEXT NOT NULL UNIQUE,-- akhbar_hash(text): normalised word sequence
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_date ON articles(coalesce(published, substr(crawled, 1, 10)));
CREATE VIEW IF NOT EXISTS articles_body AS
  SELECT id, title, coalesce(clean, text) AS clean FROM articles;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, clean, content = 'articles_body', content_rowid = 'id', tokenize = 'akhbar');
CREATE VIRTUAL TABLE IF NOT EXISTS articles_exact USING fts5(
  title, clean, content = 'articles_body', content_rowid = 'id', tokenize = 'akhbar nostem');
INSERT OR IGNORE INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
INSERT OR IGNORE INTO articles_exact(articles_exact, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
]]

--- Set one key of the meta table (bind key, value).
schema.SET_META = "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
local SET_META = schema.SET_META

-- Bring a file of an older schema version up to this one, in one
-- transaction (another process may be opening it too: the version is read
-- again inside).  1 -> 2: the column articles.published_confidence; the
-- dates table comes from the news extension's schema, which runs next on
-- every open; meta needs_reanalyze = "dates" until c:reanalyze() has
-- filled it, and the new publication dates, for the articles already in.
-- 2 -> 3: the columns quotes.speaker_written and quotes.resolution (the
-- news extension's table, when the file has it); needs_reanalyze =
-- "quotes" unless "dates" is already due (a re-analysis redoes both).
-- Nothing else changes, so the file keeps working meanwhile.
local function add_column(c, tbl, col, decl)
  local exists, has = false, false
  for col_ in c:rows("PRAGMA table_info(" .. tbl .. ")") do
    exists = true
    if col_.name == col then has = true end
  end
  if exists and not has then c._db:exec(("ALTER TABLE %s ADD COLUMN %s %s"):format(tbl, col, decl)) end
  return exists
end

local function migrate(c)
  c:transaction(function()
    local v = c:one("PRAGMA user_version").user_version
    if v >= schema.VERSION then return end
    if v < 2 then
      local has = false
      for col in c:rows("PRAGMA table_info(articles)") do
        if col.name == "published_confidence" then has = true end
      end
      if not has then c._db:exec("ALTER TABLE articles ADD COLUMN published_confidence REAL") end
      c:exec(SET_META, "needs_reanalyze", "dates")
    end
    if v < 3 then
      local had_quotes = add_column(c, "quotes", "speaker_written", "TEXT")
      add_column(c, "quotes", "resolution", "TEXT")
      if had_quotes and v >= 2 then c:exec(SET_META, "needs_reanalyze", "quotes") end
    end
    c:exec(SET_META, "schema_version", tostring(schema.VERSION))
    c:exec(SET_META, "migrated", ("%d -> %d at %s"):format(v, schema.VERSION, os.date("!%Y-%m-%dT%H:%M:%SZ")))
    c._db:exec("PRAGMA user_version = " .. schema.VERSION)
  end)
end

--- Check the schema version of the file open as corpus `c` and make it
-- current: tables created on a new file, an older file migrated, the
-- connection's pragmas set.  Runs inside akhbar.open's pcall: an error is
-- the message akhbar.open reports after the path.
-- @param c the corpus being opened
-- @param path its file name (":memory:" for a temporary one)
-- @param opts akhbar.open's options (readonly)
-- @param analysis_version a function giving the analysis version recorded
-- on a new file (akhbar.corpus.analysis_version)
function schema.setup(c, path, opts, analysis_version)
  local db = c._db
  local memory = path == ":memory:"
  local v = c:one("PRAGMA user_version")
  v = v and v.user_version or 0
  if v > schema.VERSION then
    error(("%s has schema version %d; this akhbar knows up to %d: upgrade akhbar"):format(path, v, schema.VERSION), 0)
  end
  if opts.readonly then
    if v == 0 then error(path .. " is not an akhbar corpus (no schema)", 0) end
    return
  end
  if not memory then db:exec("PRAGMA journal_mode = WAL") end
  db:exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY")
  if v == 0 then
    c:transaction(function()
      db:exec(SQL)
      c:exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?), ('akhbar_version', ?), "
        .. "('created', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ('tokenizer', 'akhbar')",
        tostring(schema.VERSION), core.version)
      -- Articles imported from now on get this analysis (none without
      -- extensions: c:reanalyze() will then run it over them).
      if c._extensions then c:exec(SET_META, "analysis_version", analysis_version()) end
      db:exec("PRAGMA user_version = " .. schema.VERSION)
    end)
  elseif v < schema.VERSION then
    migrate(c)
  end
end

--- Run extension `ext`'s schema on corpus `c` (not on a read-only one).
function schema.run_extension(c, ext)
  if c._readonly or not ext.schema then return end
  local ok, err = pcall(c._db.exec, c._db, ext.schema)
  if not ok then
    error(("akhbar.open: schema of extension '%s' failed: %s"):format(ext.name, err), 0)
  end
end

return schema
