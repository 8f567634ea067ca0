-- c:reanalyze(): the analysis run again over the stored articles gives
-- what a fresh import of the same articles gives, in resumable batches.
-- luacheck: std +busted
local akhbar = require "akhbar"
local news = require "akhbar.news"
local corpus = require "akhbar.corpus"
local reanalyze = require "akhbar.reanalyze"
local helper = require "helper"
local run = require "cli_helper"

-- Every table the analysis writes, as lines in a fixed order (ids that
-- are only row numbers left out), the articles' columns included.
local TABLES = {
  articles = "SELECT id, source, url, title, author, dateline, agency, published, published_evidence, "
    .. "published_confidence, crawled, lang, text, clean, hash FROM articles ORDER BY id",
  quotes = "SELECT article, speaker, speaker_entity, speaker_id, speaker_key, role, verb, verb_form, verb_class, "
    .. "kind, carried, text, start, stop FROM quotes ORDER BY article, start, stop, speaker",
  boilerplate = "SELECT article, start, stop, reason FROM boilerplate ORDER BY article, start, stop, reason",
  dates = "SELECT article, start, stop, text, value, first, last, granularity, kind, role FROM dates ORDER BY article, start, stop",
  mentions = "SELECT article, entity, start, stop, sentence, surface FROM mentions ORDER BY article, start, stop, entity",
  entities = "SELECT id, type, name FROM entities ORDER BY id",
  fingerprints = "SELECT article, simhash, content, minhash, shingles, day, dup_of, dup_kind, story FROM fingerprints ORDER BY article",
  lsh_buckets = "SELECT key, day, article FROM lsh_buckets ORDER BY key, day, article",
  stories = "SELECT id, day, size, first_seen, first_outlet, first_article, last_seen, title FROM stories ORDER BY id",
}

local function dump(c)
  local out = {}
  for name, sql in pairs(TABLES) do
    local lines = {}
    for r in c:rows(sql) do
      local cols = {}
      for k, v in pairs(r) do cols[#cols + 1] = k .. "=" .. tostring(v) end
      table.sort(cols)
      lines[#lines + 1] = table.concat(cols, "|")
    end
    out[name] = lines
  end
  return out
end

-- The first differing line of each table, for a readable failure.
local function assert_same_tables(want, got)
  for name, lines in pairs(want) do
    local other = got[name]
    for i = 1, math.max(#lines, #other) do
      if lines[i] ~= other[i] then
        error(("%s differ at line %d of %d/%d:\nwant %s\ngot  %s"):format(name, i, #lines, #other,
          tostring(lines[i]):sub(1, 300), tostring(other[i]):sub(1, 300)), 2)
      end
    end
  end
end

-- The seeds, then a slice of the real corpus when it is here.
local slice
local function import_all(c)
  c:import(helper.seeds_dir, { progress = false })
  if slice then c:import(slice, { progress = false }) end
end

-- An import with "older rules": publication dates spread over January
-- 2014 (so other story windows: fewer stories join), fewer dates, no
-- quotes, another cleaned text (so other index rows); then the file says
-- another version analysed it.
local function import_with_old_rules(c)
  local parse = news.parse
  news.parse = function(text, opts)
    local doc = parse(text, opts)
    if not opts.published then
      doc.date, doc.date_evidence, doc.date_confidence = ("2014-01-%02d"):format(#text % 28 + 1), "inferred", nil
    end
    doc.dates = { doc.dates[1] }
    doc.quotes = {}
    doc.clean = doc.clean .. "\n\nzzoldrules"
    return doc
  end
  local ok, err = pcall(import_all, c)
  news.parse = parse
  assert(ok, err)
  c:exec("UPDATE meta SET value = 'news=1;entities=1;stories=1' WHERE key = 'analysis_version'")
end

local function fts_ok(c)
  for _, fts in ipairs { "articles_fts", "articles_exact" } do
    c:exec(("INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)"):format(fts, fts))
  end
  return true
end

local fresh, want, narticles
lazy_setup(function()
  slice = run.real_slice(150)
  fresh = akhbar.open(":memory:")
  import_all(fresh)
  want = dump(fresh)
  narticles = fresh:count()
end)
lazy_teardown(function()
  fresh:close()
  if slice then os.remove(slice) end
end)

describe("c:reanalyze", function()
  local c
  before_each(function()
    c = akhbar.open(":memory:")
    import_with_old_rules(c)
  end)
  after_each(function() c:close() end)

  it("starts from a corpus that differs from a fresh import in every table it rebuilds", function()
    local old = dump(c)
    for _, name in ipairs { "articles", "quotes", "dates", "fingerprints", "lsh_buckets", "stories" } do
      assert.has_error(function() assert_same_tables({ [name] = want[name] }, old) end, nil, name)
    end
  end)

  it("leaves every table as a fresh import of the same articles leaves it", function()
    local s = c:reanalyze { progress = false }
    assert.equal(narticles, s.articles)
    assert_same_tables(want, dump(c))
  end)

  it("updates the full-text index rows of the articles whose cleaned text changed", function()
    assert.equal(narticles, c:count("zzoldrules"))
    c:reanalyze { progress = false }
    assert.equal(0, c:count("zzoldrules"))
    assert.is_true(fts_ok(c))
    local a, b = {}, {}
    for h in c:search("سوريا", { limit = 50 }) do a[#a + 1] = h.id .. ":" .. h.snippet end
    for h in fresh:search("سوريا", { limit = 50 }) do b[#b + 1] = h.id .. ":" .. h.snippet end
    assert.same(b, a)
  end)

  it("counts the articles whose publication date changed", function()
    local before = {}
    for r in c:rows("SELECT id, published FROM articles") do before[r.id] = r.published end
    local s = c:reanalyze { progress = false }
    local n = 0
    for r in c:rows("SELECT id, published FROM articles") do
      if r.published ~= before[r.id] then n = n + 1 end
    end
    assert.is_true(n > 0)
    assert.equal(n, s.changed)
  end)

  it("goes on after the last finished batch when a run was stopped, ending as a full run", function()
    local stopped_after
    local ok, err = pcall(c.reanalyze, c, { batch = 2, progress = function(info)
      if info.batches == 2 then
        stopped_after = info.last
        error("stopped by the test")
      end
    end })
    assert.is_false(ok)
    assert.truthy(tostring(err):find("stopped by the test", 1, true))
    -- two batches were committed and recorded
    assert.equal(tostring(stopped_after), c:one("SELECT value FROM meta WHERE key = 'reanalyze_last'").value)
    assert.equal(4, c:one("SELECT count(*) AS n FROM articles WHERE id <= ?", stopped_after).n)
    assert.equal("news=1;entities=1;stories=1", c:one("SELECT value FROM meta WHERE key = 'analysis_version'").value)
    local s = c:reanalyze { batch = 2, progress = false }
    assert.equal(stopped_after, s.resumed)
    assert.equal(narticles - 4, s.articles)
    assert_same_tables(want, dump(c))
    assert.is_nil(c:one("SELECT value FROM meta WHERE key = 'reanalyze_last'"))
  end)

  it("does nothing the second time, unless asked for all", function()
    c:reanalyze { progress = false }
    local s = c:reanalyze { progress = false }
    assert.is_true(s.up_to_date)
    assert.equal(0, s.articles)
    assert.matches("^nothing to do", tostring(s))
    s = c:reanalyze { all = true, progress = false }
    assert.equal(narticles, s.articles)
    assert.equal(0, s.changed)
    assert_same_tables(want, dump(c))
  end)

  it("runs again when the rules' version changes", function()
    c:reanalyze { progress = false }
    c:exec("UPDATE meta SET value = 'news=0' WHERE key = 'analysis_version'")
    assert.equal(narticles, c:reanalyze({ progress = false }).articles)
    assert.equal(corpus.analysis_version(), c:one("SELECT value FROM meta WHERE key = 'analysis_version'").value)
  end)

  it("reports progress after every batch: articles done, total, rate", function()
    local seen = {}
    c:reanalyze { batch = 3, progress = function(info) seen[#seen + 1] = info end }
    assert.equal(math.ceil(narticles / 3), #seen)
    assert.equal(narticles, seen[#seen].articles)
    assert.equal(narticles, seen[1].total)
    assert.is_number(seen[1].rate)
  end)

  it("keeps a given title and a given date, and re-derives a title taken from the text", function()
    local id = c:add { text = (helper.seed(2)) .. "\nنسخة أخرى", title = "عنوان أعطاه المستورد",
      published = "2015-11-02", source = "sana" }
    c:exec("UPDATE articles SET published_evidence = 'given' WHERE id = ?", id)
    c:reanalyze { all = true, progress = false }
    local a = c:get(id)
    assert.equal("عنوان أعطاه المستورد", a.title)
    assert.equal("2015-11-02", a.published)
    assert.equal("given", a.published_evidence)
  end)

  it("refuses a read-only corpus and a bad batch size", function()
    assert.has_error(function() c:reanalyze { batch = 0 } end,
      "akhbar.Corpus:reanalyze: opts.batch must be a positive integer, got 0")
    local path = helper.tmpname(".db")
    finally(function() helper.rm_db(path) end)
    akhbar.open(path):close()
    local ro <close> = akhbar.open(path, { readonly = true })
    assert.has_error(function() ro:reanalyze() end,
      "akhbar.Corpus:reanalyze: the corpus is open read-only (open it without {readonly = true} to reanalyze)")
  end)
end)

describe("akhbar.reanalyze.derived_title", function()
  it("recognises a title that is a whole line of the text, and not one that is not", function()
    local text = "23-11-2024 10:39 AM\n  موسكو تنفي تعزيز وجودها  \nموسكو – سانا\nنص الخبر"
    assert.is_true(reanalyze.derived_title(text, "موسكو تنفي تعزيز وجودها"))
    assert.is_false(reanalyze.derived_title(text, "موسكو تنفي"))
    assert.is_false(reanalyze.derived_title(text, "عنوان آخر"))
    assert.is_true(reanalyze.derived_title(text, "نص الخبر"))
  end)
end)

describe("akhbar reanalyze", function()
  it("reanalyses a corpus file, says what it did, and prints no progress to a pipe", function()
    local db, remove = run.tmpdb()
    finally(remove)
    assert.equal(0, select(3, run.akhbar("import", db, helper.seeds_dir, "--quiet")))
    local out, err, code = run.akhbar("reanalyze", db)
    assert.equal(0, code, err)
    assert.equal("", err)
    assert.truthy(out:find("^nothing to do"))
    out, err, code = run.akhbar("reanalyze", db, "--all", "--batch", "2")
    assert.equal(0, code, err)
    assert.equal("", err)
    assert.truthy(out:find("^5 articles analysed again, 0 published dates changed"))
  end)

  it("draws its progress on stderr when stderr is a terminal (run under script(1))", function()
    if not os.execute("command -v script >/dev/null 2>&1") then return pending("script(1) is absent") end
    local db, remove = run.tmpdb()
    finally(remove)
    run.akhbar("import", db, helper.seeds_dir, "--quiet")
    local cmd = ("bin/akhbar reanalyze %s --all --batch 1"):format(run.q(db))
    local out = run.sh("script -qec " .. run.q(cmd) .. " /dev/null")
    assert.truthy(out:find("\r\27%[K5/5 articles  %d+/s  ETA "), out)
    assert.truthy(out:find("5 articles analysed again", 1, true), out)
  end)

  it("says nothing with --quiet, and names a missing corpus", function()
    local db, remove = run.tmpdb()
    finally(remove)
    run.akhbar("import", db, helper.seeds_dir, "--quiet")
    local out, _, code = run.akhbar("reanalyze", db, "--all", "--quiet")
    assert.equal(0, code)
    assert.equal("", out)
    local _, err, code2 = run.akhbar("reanalyze", db .. ".missing")
    assert.equal(1, code2)
    assert.truthy(err:find("no corpus at", 1, true))
  end)
end)
