-- The corpus store: open/close, persistence, schema, add/get, extensions.
-- luacheck: max line length 160
-- luacheck: std +busted, ignore 512
local helper = require "helper"
local akhbar = require "akhbar"
local corpus = require "akhbar.corpus"

local rm = helper.rm_db

describe("akhbar.open", function()
  it("opens an in-memory corpus that prints its article count", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    assert.equal("akhbar.Corpus (:memory:, 0 articles)", tostring(c))
  end)

  it("keeps articles across close and reopen of a file", function()
    local p = helper.tmpname(".db")
    finally(function() rm(p) end)
    local c = akhbar.open(p, { extensions = false })
    local id = c:add { title = "لافروف", text = (helper.seed(2)) }
    assert.truthy(c:close())
    assert.equal("akhbar.Corpus (closed)", tostring(c))
    local c2 <close> = akhbar.open(p, { extensions = false })
    assert.equal(1, c2:count())
    assert.equal(id, c2:get(id).id)
    assert.matches("%(.*%.db, 1 article%)$", tostring(c2))
  end)

  it("uses WAL and records the schema version", function()
    local p = helper.tmpname(".db")
    finally(function() rm(p) end)
    local c <close> = akhbar.open(p, { extensions = false })
    assert.equal("wal", c:one("PRAGMA journal_mode").journal_mode)
    assert.equal(corpus.SCHEMA_VERSION, c:one("PRAGMA user_version").user_version)
    assert.equal(tostring(corpus.SCHEMA_VERSION), c:one("SELECT value FROM meta WHERE key = 'schema_version'").value)
  end)

  it("close, __close and __gc are safe twice", function()
    local c = akhbar.open(":memory:", { extensions = false })
    assert.truthy(c:close())
    assert.truthy(c:close())
    getmetatable(c).__close(c)
    getmetatable(c).__gc(c)
    assert.has_error(function() c:count() end, "akhbar.count: the corpus is closed")
  end)

  it("names a missing directory and says what to do", function()
    assert.has_error(function() akhbar.open("/nonexistent-dir-akhbar/news.db") end,
      "akhbar.open: cannot create /nonexistent-dir-akhbar/news.db: directory /nonexistent-dir-akhbar does not exist "
      .. "(create it first: mkdir -p /nonexistent-dir-akhbar)")
  end)

  it("refuses a read-only file with a clear message, and opens it with {readonly = true}", function()
    local p = helper.tmpname(".db")
    finally(function() os.execute("chmod u+w " .. p) rm(p) end)
    local c = akhbar.open(p, { extensions = false })
    c:add { text = (helper.seed(3)) }
    c:close()
    os.execute("chmod a-w " .. p)
    local f = io.open(p, "r+")
    local err
    if f then
      -- root ignores file permissions: check as user nobody in a child process
      f:close()
      if not os.execute("command -v setpriv >/dev/null") then pending("root without setpriv") return end
      os.execute("chmod a+r " .. p)
      local cmd = ("setpriv --reuid=65534 --regid=65534 --clear-groups env LUA_PATH='./lua/?.lua;./lua/?/init.lua;;' "
        .. "LUA_CPATH='%s/?.so;;' lua5.4 -e \"print(select(2, pcall(require('akhbar').open, '%s', {extensions = false})))\" 2>&1")
        :format(os.getenv("AKHBAR_BUILD") or "./build", p)
      local h = io.popen(cmd)
      err = h:read("a")
      h:close()
    else
      local ok
      ok, err = pcall(akhbar.open, p, { extensions = false })
      assert.is_false(ok)
    end
    assert.matches("is read%-only", err)
    assert.matches("readonly = true", err, 1, true)
    local r <close> = akhbar.open(p, { readonly = true })
    assert.equal(1, r:count())
    assert.has_error(function() r:import(helper.seeds_dir) end, "akhbar.import: the corpus is open read-only")
  end)
end)

describe("c:add and c:get", function()
  it("returns the new id and, for the same content, nil, 'duplicate', the first id", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local text = helper.seed(1)
    local id = c:add { text = text, source = "rt", url = "https://arabic.rt.com/x", date = "2015-09-18" }
    assert.equal(1, id)
    -- spacing and tatweel differences do not make a new article
    local again, why, other = c:add { text = text:gsub("الكرملين", "الكرمـلين"):gsub("  ", " ") }
    assert.same({ nil, "duplicate", 1 }, { again, why, other })
  end)

  it("stores the original text untouched and the given date as published", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local text = helper.seed(0)
    local id = c:add { text = text, date = "2015-09-10", source = "aljazeera" }
    local a = c:get(id)
    assert.equal(text, a.text)
    assert.equal(text, a.clean)
    assert.equal("2015-09-10", a.published)
    assert.equal("given", a.published_evidence)
    assert.equal("موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق", a.title)
    assert.matches("^%x+$", a.hash)
    assert.is_nil(c:get(999))
  end)

  it("raises for a record without text or with invalid UTF-8", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    assert.has_error(function() c:add { title = "x" } end, "akhbar.Corpus:add: no text (give the article body as text=)")
    assert.has_error(function() c:add { text = "سوريا \255 روسيا" } end,
      "akhbar.Corpus:add: field 'text': invalid UTF-8 at byte 12")
  end)
end)

describe("corpus.extend", function()
  local ext
  before_each(function()
    ext = {
      name = "spec_words",
      schema = "CREATE TABLE IF NOT EXISTS spec_words (article INTEGER, n INTEGER); CREATE INDEX IF NOT EXISTS spec_words_a ON spec_words(article)",
      prepare = function(c, a) a.agency = "spec" end,
      analyze = function(c, a)
        local n = select(2, a.text:gsub("%S+", ""))
        c:exec("INSERT INTO spec_words (article, n) VALUES (?, ?)", a.id, n)
        if a.text:find("FAIL", 1, true) then error("spec_words: refused article " .. a.id) end
      end,
      methods = { words = function(c, id) local r = c:one("SELECT n FROM spec_words WHERE article = ?", id) return r and r.n end },
    }
  end)
  after_each(function() corpus.unextend("spec_words") end)

  it("runs the schema, prepare and analyze, and adds the methods", function()
    corpus.extend(ext)
    local c <close> = akhbar.open(":memory:")
    local id = c:add { text = "قال لافروف إن روسيا تدعم سوريا" }
    assert.equal(6, c:words(id))
    assert.equal("spec", c:get(id).agency)
  end)

  it("rolls back the article when analyze raises", function()
    corpus.extend(ext)
    local c <close> = akhbar.open(":memory:")
    assert.has_error(function() c:add { text = "FAIL روسيا" } end)
    assert.equal(0, c:count())
    assert.equal(0, c:one("SELECT count(*) AS n FROM spec_words").n)
  end)

  it("gives extensions exec, rows (safe to break), one and transaction", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    c:exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)")
    assert.equal(1, c:exec("INSERT INTO t VALUES (?)", 3))
    for row in c:rows("SELECT x FROM t WHERE x >= ? ORDER BY x", 1) do
      assert.equal(1, row.x)
      break
    end
    assert.equal(3, c:one("SELECT count(*) AS n FROM t").n)
    assert.has_error(function() c:transaction(function(cc) cc:exec("INSERT INTO t VALUES (4)") error("no") end) end, "no")
    assert.equal(3, c:one("SELECT count(*) AS n FROM t").n)
    assert.equal(42, c:transaction(function(cc) cc:exec("INSERT INTO t VALUES (5)") return 42 end))
    assert.equal(4, c:one("SELECT count(*) AS n FROM t").n)
    assert.truthy(c:close())
  end)

  it("refuses a method that would replace a corpus method", function()
    assert.has_error(function() corpus.extend { name = "bad", methods = { search = function() end } } end,
      "akhbar.corpus.extend: bad: method search would replace a corpus method")
  end)
end)

describe("c:sql", function()
  it("streams read-only rows with bound parameters", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    c:add { text = (helper.seed(2)), source = "sana" }
    local rows = {}
    for r in c:sql("SELECT id, source FROM articles WHERE source = ?", "sana") do rows[#rows + 1] = r end
    assert.same({ { id = 1, source = "sana" } }, rows)
  end)

  it("refuses writes", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    for _, sql in ipairs { "DELETE FROM articles", "UPDATE articles SET title = 'x'", "DROP TABLE articles",
      "BEGIN", "PRAGMA user_version = 7" } do
      assert.has_error(function() c:sql(sql) end,
        "akhbar.Corpus:sql: only read-only statements are allowed (SELECT, WITH, VALUES, EXPLAIN, PRAGMA queries); refused: "
          .. sql .. " (to write, open the corpus with {sql_writes = true})")
    end
  end)

  it("writes at the call, without iterating, when the corpus is opened with {sql_writes = true}", function()
    local path = helper.tmpname(".db")
    local c = akhbar.open(path, { extensions = false, sql_writes = true })
    c:add { text = (helper.seed(2)), source = "sana" }
    c:sql("UPDATE articles SET source = ? WHERE id = ?", "SANA", 1)
    c:sql("CREATE TABLE notes(id INTEGER PRIMARY KEY, note TEXT)")
    local ids = {}
    for r in c:sql("INSERT INTO notes(note) VALUES (?), (?) RETURNING id", "a", "b") do ids[#ids + 1] = r.id end
    assert.same({ 1, 2 }, ids)
    assert.has_error(function() c:sql("INSERT INTO no_such_table VALUES (1)") end,
      "akhbar.Corpus:sql: no such table: no_such_table in: INSERT INTO no_such_table VALUES (1)")
    c:close()
    -- the writes are in the file, seen by a read-only corpus
    local r <close> = akhbar.open(path, { readonly = true })
    assert.equal("SANA", r:one("SELECT source FROM articles WHERE id = 1").source)
    assert.equal(2, r:one("SELECT count(*) AS n FROM notes").n)
    assert.has_error(function() r:sql("DELETE FROM notes") end)
    rm(path)
  end)

  it("refuses {sql_writes = true} together with {readonly = true}", function()
    assert.has_error(function() akhbar.open(":memory:", { readonly = true, sql_writes = true }) end,
      "akhbar.open: {sql_writes = true} and {readonly = true} contradict each other; choose one")
  end)
end)
