-- A corpus file made by an older akhbar (schema version 1) opens, is
-- migrated to version 2 and keeps working; c:reanalyze() then fills what
-- version 2 adds.  A file from a newer akhbar is refused.
-- luacheck: std +busted
local akhbar = require "akhbar"
local core = require "akhbar.core"
local corpus = require "akhbar.corpus"
local helper = require "helper"
local run = require "cli_helper"

-- The schema of version 1, as lua/akhbar/corpus.lua and the extensions
-- wrote it (git show 89ad2e7:lua/akhbar/corpus.lua and the *_store.lua of
-- that commit): no published_confidence, no dates table.
local SCHEMA_V1 = [[
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY, source TEXT, url TEXT, title TEXT, author TEXT, dateline TEXT, agency TEXT,
  published TEXT, published_evidence TEXT, crawled TEXT, lang TEXT NOT NULL DEFAULT 'ar',
  text TEXT NOT NULL, clean TEXT, hash TEXT NOT NULL UNIQUE,
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_date ON articles(coalesce(published, substr(crawled, 1, 10)));
CREATE VIEW articles_body AS SELECT id, title, coalesce(clean, text) AS clean FROM articles;
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, clean, content = 'articles_body', content_rowid = 'id', tokenize = 'akhbar');
CREATE VIRTUAL TABLE articles_exact USING fts5(
  title, clean, content = 'articles_body', content_rowid = 'id', tokenize = 'akhbar nostem');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
INSERT INTO articles_exact(articles_exact, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
CREATE TABLE quotes (id INTEGER PRIMARY KEY, article INTEGER NOT NULL, speaker TEXT, speaker_entity TEXT,
  speaker_id TEXT, speaker_key TEXT, role TEXT, verb TEXT, verb_form TEXT, verb_class TEXT, kind TEXT,
  carried INTEGER, text TEXT, start INTEGER, stop INTEGER);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
CREATE TABLE boilerplate (article INTEGER NOT NULL, start INTEGER, stop INTEGER, reason TEXT);
CREATE INDEX boilerplate_article ON boilerplate(article);
CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE mentions (article INTEGER NOT NULL, entity TEXT NOT NULL, start INTEGER NOT NULL,
  stop INTEGER NOT NULL, sentence INTEGER NOT NULL, surface TEXT NOT NULL);
CREATE INDEX mentions_entity ON mentions(entity, article);
CREATE INDEX mentions_article ON mentions(article, sentence);
INSERT INTO meta(key, value) VALUES ('schema_version', '1'), ('akhbar_version', 'akhbar 0.1'),
  ('created', '2025-01-01T00:00:00Z'), ('tokenizer', 'akhbar');
PRAGMA user_version = 1;
]]

-- A version-1 file holding the five seeds as version 1 stored them: the
-- title the first line, seed 000 dated from its body with the old
-- evidence name, the text indexed as it is (clean NULL).
local function make_v1(path)
  local db = assert(core.db_open(path, "rwc"))
  db:exec(SCHEMA_V1)
  for n = 0, 4 do
    local text = helper.seed(n)
    local title = text:match("^%s*([^\n]+)")
    local published, evidence
    if n == 0 then published, evidence = "2015-09-10", "inferred" end
    local st = db:prepare("INSERT INTO articles (source, title, published, published_evidence, text, hash) "
      .. "VALUES (?, ?, ?, ?, ?, ?)")
    st:run(n == 0 and "rt" or "sana", title, published, evidence, text, core.content_hash(text))
    st:finalize()
    local id = db:last_insert_rowid()
    for _, fts in ipairs { "articles_fts", "articles_exact" } do
      st = db:prepare("INSERT INTO " .. fts .. " (rowid, title, clean) VALUES (?, ?, ?)")
      st:run(id, title, text)
      st:finalize()
    end
  end
  db:close()
end

local function user_version(path)
  local db = assert(core.db_open(path, "ro"))
  local st = db:prepare("PRAGMA user_version")
  local v = st:first().user_version
  st:finalize()
  db:close()
  return v
end

describe("a corpus of schema version 1", function()
  local path
  before_each(function()
    path = helper.tmpname(".db")
    helper.rm_db(path)
    make_v1(path)
  end)
  after_each(function() helper.rm_db(path) end)

  it("is migrated to the current version when opened", function()
    local c <close> = akhbar.open(path)
    assert.equal(corpus.SCHEMA_VERSION, c:one("PRAGMA user_version").user_version)
    assert.equal(tostring(corpus.SCHEMA_VERSION), c:one("SELECT value FROM meta WHERE key = 'schema_version'").value)
    assert.equal("1 -> " .. corpus.SCHEMA_VERSION,
      c:one("SELECT value FROM meta WHERE key = 'migrated'").value:match("^%d+ %-> %d+"))
  end)

  it("gets the confidence column and an empty dates table, and is marked as needing reanalyze", function()
    local c <close> = akhbar.open(path)
    local cols = {}
    for r in c:rows("PRAGMA table_info(articles)") do cols[r.name] = r.type end
    assert.equal("REAL", cols.published_confidence)
    assert.equal(0, c:one("SELECT count(*) AS n FROM dates").n)
    assert.equal("dates", c:one("SELECT value FROM meta WHERE key = 'needs_reanalyze'").value)
  end)

  it("gets the quote columns speaker_written and resolution (version 3)", function()
    local c <close> = akhbar.open(path)
    local cols = {}
    for r in c:rows("PRAGMA table_info(quotes)") do cols[r.name] = r.type end
    assert.equal("TEXT", cols.speaker_written)
    assert.equal("TEXT", cols.resolution)
    local s = c:reanalyze { progress = false }
    assert.equal(5, s.articles)
    local n, with = 0, 0
    for q in c:quotes { limit = 1000 } do
      n = n + 1
      if q.resolution then with = with + 1 end
    end
    assert.is_true(n >= 5)
    assert.equal(n, with)
  end)

  it("keeps its articles, dates and index: search and get work as before", function()
    local c <close> = akhbar.open(path)
    assert.equal(5, c:count())
    local a = c:get(1)
    assert.equal("2015-09-10", a.published)
    assert.equal("inferred", a.published_evidence)
    assert.is_nil(a.published_confidence)
    local n = 0
    for _ in c:search("بيسكوف") do n = n + 1 end
    assert.is_true(n >= 2)
  end)

  it("takes new articles with the current analysis", function()
    local c <close> = akhbar.open(path)
    local rec = { text = "قال وزير الخارجية اليوم إن الاجتماع سيعقد يوم 12 أغسطس المقبل.",
      crawled = "2015-08-09 10:00:00", source = "spa" }
    local id = c:add(rec)
    local fresh <close> = akhbar.open(":memory:")
    local want = fresh:get(fresh:add(rec))
    local got = c:get(id)
    for _, k in ipairs { "published", "published_evidence", "published_confidence" } do
      assert.equal(want[k], got[k], k)
    end
    assert.is_true(c:one("SELECT count(*) AS n FROM dates WHERE article = ?", id).n >= 1)
  end)

  it("is filled by reanalyze: dates stored, dates and evidence of this analysis, the mark cleared", function()
    local c <close> = akhbar.open(path)
    local s = c:reanalyze { progress = false }
    assert.equal(5, s.articles)
    assert.is_true(c:one("SELECT count(*) AS n FROM dates").n >= 10)
    assert.is_nil(c:one("SELECT value FROM meta WHERE key = 'needs_reanalyze'"))
    assert.equal(corpus.analysis_version(), c:one("SELECT value FROM meta WHERE key = 'analysis_version'").value)
    -- what a fresh import of seed 000 stores
    local fresh <close> = akhbar.open(":memory:")
    local id = fresh:add { text = (helper.seed(0)), source = "rt" }
    local want, got = fresh:get(id), c:get(1)
    for _, k in ipairs { "published", "published_evidence", "published_confidence", "title", "clean", "dateline" } do
      assert.equal(want[k], got[k], k)
    end
  end)

  it("can be migrated twice at once without harm (the second opener finds it done)", function()
    local a <close> = akhbar.open(path)
    local b <close> = akhbar.open(path)
    assert.equal(corpus.SCHEMA_VERSION, b:one("PRAGMA user_version").user_version)
    assert.equal(5, a:count())
  end)

  it("opens read-only without being changed, and c:dates says what to run", function()
    local c <close> = akhbar.open(path, { readonly = true })
    assert.equal(5, c:count())
    assert.equal(1, user_version(path))
    local ok, err = pcall(c.dates, c, {})
    assert.is_false(ok)
    assert.truthy(tostring(err):find("run `akhbar reanalyze DB`", 1, true))
  end)

  it("makes `akhbar dates` say that reanalyze fills its dates", function()
    local out, err, code = run.akhbar("dates", path)
    assert.equal(0, code)
    assert.equal("no date mentions\n", out)
    assert.truthy(err:find("made by an older akhbar and its dates are not stored yet: run `akhbar reanalyze "
      .. path .. "`", 1, true), err)
  end)

  it("is migrated and reanalysed by `akhbar reanalyze`", function()
    local out, err, code = run.akhbar("reanalyze", path)
    assert.equal(0, code, err)
    assert.truthy(out:find("^5 articles analysed again"))
    local n = run.json_get(run.akhbar("sql", path, "SELECT count(*) AS n FROM dates", "--json"), "$.n")
    assert.is_true(n >= 10)
  end)
end)

describe("a corpus of a newer schema version", function()
  it("is refused with the version found and what to do", function()
    local path = helper.tmpname(".db")
    finally(function() helper.rm_db(path) end)
    do
      local c <close> = akhbar.open(path)
      c:exec("PRAGMA user_version = " .. (corpus.SCHEMA_VERSION + 1))
    end
    local ok, err = pcall(akhbar.open, path)
    assert.is_false(ok)
    assert.truthy(tostring(err):find(("has schema version %d; this akhbar knows up to %d: upgrade akhbar")
      :format(corpus.SCHEMA_VERSION + 1, corpus.SCHEMA_VERSION), 1, true))
  end)
end)

describe("a corpus of schema version 2", function()
  it("gets the quote columns, keeps its quotes and is marked for a quotes re-analysis", function()
    local path = helper.tmpname(".db")
    finally(function() helper.rm_db(path) end)
    do
      local c <close> = akhbar.open(path)
      c:add { text = "وقال وزير الخارجية الروسي سيرغي لافروف إن روسيا لا تتخذ أية خطوات إضافية في سوريا.",
        crawled = "2015-09-10 10:00:00", source = "sana" }
      -- what a version 2 file looks like: the quotes table without the columns
      c:exec("ALTER TABLE quotes DROP COLUMN speaker_written")
      c:exec("ALTER TABLE quotes DROP COLUMN resolution")
      c:exec("PRAGMA user_version = 2")
      c:exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    end
    local c <close> = akhbar.open(path)
    assert.equal(corpus.SCHEMA_VERSION, c:one("PRAGMA user_version").user_version)
    assert.equal("quotes", c:one("SELECT value FROM meta WHERE key = 'needs_reanalyze'").value)
    local q = c:quotes { speaker = "لافروف" }()
    assert.equal("سيرغي لافروف", q.speaker)
    assert.is_nil(q.resolution)
    c:reanalyze { progress = false }
    q = c:quotes { speaker = "لافروف" }()
    assert.equal("written", q.resolution)
    assert.is_nil(c:one("SELECT value FROM meta WHERE key = 'needs_reanalyze'"))
  end)
end)
