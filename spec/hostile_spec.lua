-- Hostile input: whatever an analyst scraped must give a clear Lua error or
-- a result, never a crash, and never lose or corrupt what is stored.
-- Big cases are tagged #slow (the ASan run may leave them out).
local helper = require "helper"
local akhbar = require "akhbar"
local core = require "akhbar.core"

local function rm(p)
  for _, s in ipairs { "", "-wal", "-shm", "-journal" } do os.remove(p .. s) end
end

-- The first n bytes of s, cut before a code point.
local function head(s, n)
  if n >= #s then return s end
  while n > 0 and (s:byte(n + 1) & 0xC0) == 0x80 do n = n - 1 end
  return s:sub(1, n)
end

local write = helper.write_file

-- Everything that must hold of a corpus after a failure.
local function assert_intact(c)
  local rows = {}
  for r in c:rows("PRAGMA integrity_check") do rows[#rows + 1] = r.integrity_check end
  assert.same({ "ok" }, rows)
  for _, fts in ipairs { "articles_fts", "articles_exact" } do
    c:exec(("INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)"):format(fts, fts))
  end
end

local json_string = helper.json_string

-- About 50 MB of seed paragraphs, each copy ending in its own numbered
-- line; returns the text and the last number.
local function big_article()
  local parts, n, k = {}, 0, 0
  while n < 50e6 do
    k = k + 1
    local p = helper.seed(k % 5) .. "\nفقرة رقم " .. k .. " تنتهي هنا\n"
    parts[k] = p
    n = n + #p
  end
  return table.concat(parts), k
end

local function count(iter, ...)
  local n = 0
  for _ in iter, ... do n = n + 1 end
  return n
end

describe("hostile input", function()
  local seed1 = helper.seed(1)

  describe("invalid UTF-8", function()
    it("at every byte position of a paragraph: the same clear error from every entry point", function()
      local s = head(seed1, 400)
      local c <close> = akhbar.open(":memory:")
      for _, junk in ipairs { "\xff", "\x80", "\xd8", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80" } do
        for i = 0, #s do
          local bad = s:sub(1, i) .. junk .. s:sub(i + 1)
          local ok, at = core.utf8_check(bad)
          assert.is_false(ok, "not caught: junk at " .. i)
          -- 1-based; inside a character: near it (a continuation byte may
          -- complete the character and leave the next byte stray)
          assert.is_true(at <= i + #junk + 4, ("junk after byte %d reported at %d"):format(i, at))
          if i == #s or (s:byte(i + 1) & 0xC0) ~= 0x80 then
            assert.equal(i + 1, at, "junk on a boundary is reported where it is")
          end
          local want = "invalid UTF%-8 at byte " .. at
          local e1 = select(2, pcall(akhbar.normalize, bad))
          assert.matches("^akhbar%.normalize: " .. want .. "%D", e1)
          local e2 = select(2, pcall(function() return count(akhbar.tokens(bad)) end))
          assert.matches("akhbar%.tokens: " .. want .. "%f[%D]", e2)
          local e3 = select(2, pcall(c.add, c, { text = bad }))
          assert.matches("akhbar%.Corpus:add: field 'text': " .. want .. "$", e3)
          local e4 = select(2, pcall(function() return count(akhbar.entities(bad)) end))
          assert.matches("akhbar%.entities: " .. want, e4)
          local e5 = select(2, pcall(akhbar.fingerprint, bad))
          assert.matches(want, e5)
          local fixed = akhbar.normalize(bad, { invalid = "replace" })
          assert.is_true(core.utf8_check(fixed))
          -- the scanners of the news extension skip bad bytes
          assert.is_true(pcall(function() return count(akhbar.quotes(bad)) end))
          assert.is_true(pcall(function() return count(akhbar.dates(bad)) end))
        end
      end
      assert.equal(0, c:count())
      assert_intact(c)
    end)

    it("in one record of a JSON Lines import: that record alone fails, the others are added", function()
      local p = helper.tmpname(".jsonl")
      finally(function() os.remove(p) end)
      local good = head(seed1, 2000)
      write(p, table.concat({
        '{"content": ' .. json_string(good) .. '}',
        '{"content": "' .. head(helper.seed(2), 300):gsub("\n", "\\n") .. '\xff\xfe ' .. '"}',
        '{"content": ' .. json_string(helper.seed(3)) .. '}',
      }, "\n") .. "\n")
      local c <close> = akhbar.open(":memory:")
      local s = c:import(p, { progress = false })
      assert.equal(2, s.added)
      assert.equal(1, s.failed)
      assert.equal(2, s.errors[1].record)
      assert.matches("invalid UTF%-8 at byte %d+", s.errors[1].message)
      assert.equal(2, c:count())
    end)

    it("in a query: a clear error, the corpus goes on", function()
      local c <close> = akhbar.open(":memory:")
      c:add { text = seed1 }
      assert.has_error(function() c:search("سوريا\xff") end, "akhbar.search: invalid UTF-8 in the query at byte 11")
      assert.has_error(function() c:count("\xd8") end, "akhbar.count: invalid UTF-8 in the query at byte 1")
      assert.equal(1, c:count())
    end)
  end)

  describe("NUL bytes", function()
    it("in a text are kept: stored and read back byte for byte, the words after them found", function()
      local i = seed1:find("\n", 1, true)
      local text = seed1:sub(1, i) .. "\0\0" .. seed1:sub(i + 1) .. "\0 وختاما كلمةنهائية\n"
      assert.is_true(core.utf8_check(text))
      assert.is_string(akhbar.normalize(text))
      local c <close> = akhbar.open(":memory:")
      local id = assert(c:add { text = text })
      local a = c:get(id)
      assert.equal(#text, #a.text)
      assert.equal(text, a.text)
      assert.equal(core.content_hash(text), a.hash)
      assert.equal(1, c:count("كلمةنهائية"))
      assert.is_true(count(akhbar.tokens(text)) > 100)
      assert_intact(c)
    end)

    it("in a JSON record (\\u0000, read as U+FFFD: SQLite's JSON ends strings there) and in a query: nothing lost", function()
      local p = helper.tmpname(".jsonl")
      finally(function() os.remove(p) end)
      write(p, '{"content": "خبر عن سوريا\\u0000 ثم عن لبنان", "title": "a\\\\u0000b"}\n')
      local c <close> = akhbar.open(":memory:")
      assert.equal(1, c:import(p, { progress = false }).added)
      assert.equal("خبر عن سوريا\u{FFFD} ثم عن لبنان", c:get(1).text)
      assert.equal("a\\u0000b", c:get(1).title)
      assert.equal(1, c:count("لبنان"))
      assert.is_true(pcall(c.count, c, "لبنان\0"))
    end)
  end)

  it("a 50 MB article: stored whole, found by its last words, streamed through the C entry points #slow", function()
    local big, k = big_article()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local id = assert(c:add { text = big, title = "مقال ضخم" })
    assert.equal(#big, #c:get(id).text)
    assert.equal(1, c:count(("\"فقرة رقم %d\""):format(k)))
    local hits = 0
    for hit in c:search("لافروف", { tokens = 8 }) do
      hits = hits + 1
      assert.equal(id, hit.id)
      assert.is_true(#hit.snippet < 2000)
    end
    assert.equal(1, hits)
    assert.is_true(#akhbar.normalize(big) > 40e6)
    assert.is_true(count(akhbar.tokens(big)) > 4e6)
    assert.is_true(count(akhbar.entities(big)) > 1000)
    assert.truthy(akhbar.fingerprint(big))
  end)

  it("a 50 MB article through the news extension (quotes, dates, boilerplate, entities, stories): linear time #slow", function()
    local big, k = big_article()
    local c <close> = akhbar.open(":memory:")
    local t0 = os.clock()
    local id = assert(c:add { text = big })
    -- quadratic scans made this hours; linear it is well under a minute
    assert.is_true(os.clock() - t0 < 300, ("c:add took %.0f s"):format(os.clock() - t0))
    assert.equal(#big, #c:get(id).text)
    assert.equal(1, c:count(("\"فقرة رقم %d\""):format(k)))
  end)

  it("1,000,000 tiny articles in one JSON Lines import: all stored, none lost #slow", function()
    local p = helper.tmpname(".jsonl")
    local db = helper.tmpname(".db")
    finally(function() os.remove(p) rm(db) end)
    local f = assert(io.open(p, "wb"))
    for i = 1, 1000000 do f:write('{"content": "خبر قصير رقم ', i, '"}\n') end
    f:close()
    local c <close> = akhbar.open(db, { extensions = false })
    local s = c:import(p, { progress = false })
    assert.equal(1000000, s.added)
    assert.equal(0, s.failed)
    assert.equal(1000000, c:count())
    assert.equal(1, c:count("\"رقم 999999\""))
    assert.equal(1000000, c:count("قصير"))
  end)

  describe("deeply nested quotation marks", function()
    it("100,000 levels of « » and of \" \": paired, stored, no stack overflow", function()
      local deep1 = "وقال لافروف " .. string.rep("«", 100000) .. "إن الحل سياسي" .. string.rep("»", 100000)
      local deep2 = "وقال بيسكوف: " .. string.rep('قال "', 50000) .. "لا تعليق" .. string.rep('"', 50000)
      local deep3 = "وأضاف " .. string.rep("«“\"", 30000) .. "نص" -- never closed
      for _, t in ipairs { deep1, deep2, deep3 } do
        local spans = core.quote_spans(t)
        assert.is_table(spans)
        assert.is_true(pcall(count, akhbar.quotes(t)))
      end
      local c <close> = akhbar.open(":memory:")
      for _, t in ipairs { deep1, deep2, deep3 } do assert.is_number((c:add { text = t })) end
      assert.equal(3, c:count())
      assert_intact(c)
    end)
  end)

  describe("gazetteers", function()
    it("with 1,000,000 rows: loads and matches #slow", function()
      local rows = { "id\ttype\tname\taliases\tflags" }
      for i = 1, 1000000 do rows[i + 1] = ("e%d\tperson\tاسم%d عائلة%d\t\t"):format(i, i, i % 1000) end
      local g, problems = akhbar.gazetteer.parse(table.concat(rows, "\n") .. "\n", "big.tsv")
      rows = nil -- luacheck: ignore 311
      assert.equal(1000000, g:count())
      assert.equal(0, #problems)
      local ids = {}
      for m in g:match("وقال اسم500000 عائلة0 إن اسم7 عائلة7 وصل") do ids[#ids + 1] = m.id end
      assert.same({ "e500000", "e7" }, ids)
    end)

    it("with broken lines: each reported with its line number, the good rows loaded", function()
      local tsv = table.concat({
        "id\ttype\tname\taliases\tflags",
        "x1\tperson\tلافروف\t\t",
        "only-one-field",
        "x2\tnotatype\tكيري\t\t",
        "x3\tperson\t\t\t",
        "x4\tperson\tسيرغي\t\tbadflag",
        "\xff\xfe\tperson\tبوتين",
        "x1\tperson\tلافروف\t\t",
        "x6\tperson\tعادل\tالجبير|" .. string.rep("|", 5000),
        "x7\tperson\t" .. string.rep("ا", 100000),
        "x5\tperson\tبيسكوف",
      }, "\n")
      local g, problems = akhbar.gazetteer.parse(tsv, "broken.tsv")
      assert.truthy(g:lookup("x1"))
      assert.truthy(g:lookup("x5"))
      local lines = {}
      for _, p in ipairs(problems) do
        assert.equal("broken.tsv", p.file)
        assert.matches("^broken%.tsv:%d+: ", tostring(p))
        lines[#lines + 1] = p.line
      end
      for _, l in ipairs { 3, 4, 5, 6, 7, 8 } do
        local found = false
        for _, x in ipairs(lines) do found = found or x == l end
        assert.is_true(found, "no problem reported on line " .. l)
      end
      local names = {}
      for m in g:match("قال لافروف وبيسكوف") do names[#names + 1] = m.id end
      assert.same({ "x1", "x5" }, names)
    end)

    it("that is not a gazetteer (binary junk, no header, missing file): nil and a message", function()
      local junk = {}
      for i = 1, 5000 do junk[i] = string.char((i * 131 + 7) % 256) end
      local g, err = akhbar.gazetteer.parse(table.concat(junk), "junk.tsv")
      assert.is_true(g == nil and type(err) == "string" or g ~= nil)
      local g2, err2 = akhbar.gazetteer.load("/nonexistent/gazetteer.tsv")
      assert.is_nil(g2)
      assert.matches("/nonexistent/gazetteer.tsv", err2, 1, true)
    end)
  end)

  describe("malformed FTS queries", function()
    local queries = { '"', '"سوريا', "(", ")(", "AND", "OR OR", "NOT", "سوريا NOT", "NEAR(", "NEAR(a b, x)",
      "*", "*سوريا", "سوريا**", "a:b", "col:سوريا", "{a b}: c", "^", "-", "+", "'", ";DROP TABLE articles;--",
      "سوريا\0", string.rep("(", 3000) .. "سوريا" .. string.rep(")", 3000), string.rep("سوريا OR ", 500) .. "لبنان",
      "\"" .. string.rep("أ", 100000) .. "\"" }
    it("raise a clear error or give hits; the corpus stays usable", function()
      local c <close> = akhbar.open(":memory:")
      c:add { text = seed1 }
      for _, q in ipairs(queries) do
        for _, exact in ipairs { false, true } do
          local ok, err = pcall(function() return count(c:search(q, { exact = exact })) end)
          if not ok and err:find("at most 256 are allowed", 1, true) then
            assert.matches("akhbar%.search: the query has %d+ terms", err) -- the cap, not a malformed query
          elseif not ok then
            assert.matches("akhbar%.search: malformed query", err)
            assert.matches("FTS5 syntax", err, 1, true)
          end
          local ok2, err2 = pcall(c.count, c, q, { exact = exact })
          if not ok2 and err2:find("at most 256 are allowed", 1, true) then
            assert.matches("akhbar%.count: the query has %d+ terms", err2)
          elseif not ok2 then
            assert.matches("akhbar%.count: malformed query", err2)
          end
        end
      end
      assert.equal(1, c:count("لافروف"))
      assert.equal(1, count(c:search("لافروف")))
      assert_intact(c)
    end)
  end)

  describe("database paths", function()
    it("missing directory, missing read-only file, a directory, a file that is not a database: clear errors", function()
      assert.has_error(function() akhbar.open("/nonexistent/dir/news.db") end,
        "akhbar.open: cannot create /nonexistent/dir/news.db: directory /nonexistent/dir does not exist (create it first: mkdir -p /nonexistent/dir)")
      local p = helper.tmpname(".db")
      rm(p)
      assert.has_error(function() akhbar.open(p, { readonly = true }) end,
        ("akhbar.open: %s does not exist (a read-only corpus must exist already)"):format(p))
      local dir = helper.tmpname(".d")
      os.execute("mkdir -p " .. dir)
      finally(function() os.execute("rm -rf " .. dir) rm(p) end)
      assert.has_error(function() akhbar.open(dir) end)
      write(p, string.rep("not a database ", 1000))
      local ok, err = pcall(akhbar.open, p)
      assert.is_false(ok)
      assert.matches("^akhbar%.open: .*not a database", err)
      assert.equal(string.rep("not a database ", 1000), io.open(p, "rb"):read("a"))
    end)

    it("a corpus opened read-only refuses writes with a clear error and keeps its articles", function()
      local p = helper.tmpname(".db")
      finally(function() rm(p) end)
      local w = akhbar.open(p)
      w:add { text = seed1 }
      w:close()
      local r <close> = akhbar.open(p, { readonly = true })
      assert.has_error(function() r:add { text = helper.seed(2) } end,
        "akhbar.Corpus:add: the corpus is open read-only (open it without {readonly = true} to add articles)")
      assert.has_error(function() r:import(helper.seeds_dir) end, "akhbar.import: the corpus is open read-only")
      assert.has_error(function() r:sql("DELETE FROM articles") end)
      assert.equal(1, r:count())
      assert.equal(1, r:count("لافروف"))
    end)
  end)

  describe("a full disk", function()
    it("(max_page_count): adds fail with 'disk is full', what was stored stays whole and searchable", function()
      local p = helper.tmpname(".db")
      finally(function() rm(p) end)
      local c = akhbar.open(p)
      c:add { text = helper.seed(0) }
      local pages = c:one("PRAGMA page_count").page_count
      c:exec("PRAGMA max_page_count = " .. (pages + 40))
      local added, err = 1, nil
      for i = 1, 500 do
        local ok, e = pcall(c.add, c, { text = seed1 .. "\nنسخة رقم " .. i .. " copy" .. i })
        if not ok then err = e break end
        added = added + 1
      end
      assert.matches("disk is full", err)
      assert.equal(added, c:count())
      -- an import into the full corpus: every record reported, nothing half-stored
      local s = c:import(helper.seeds_dir, { progress = false })
      assert.equal(s.records, s.added + s.duplicates + s.failed + s.skipped)
      for _, e in ipairs(s.errors) do assert.matches("disk is full", e.message) end
      local n = c:count()
      assert.equal(added + s.added, n)
      c:close()
      local r <close> = akhbar.open(p)
      assert.equal(n, r:count())
      assert.equal(n, r:count("لافروف OR سوريا OR السعودية OR الرياض OR قال"))
      assert_intact(r)
      local orphans = r:one("SELECT count(*) AS n FROM mentions WHERE article NOT IN (SELECT id FROM articles)").n
      assert.equal(0, orphans)
    end)

    it("(a 1 MB tmpfs, when it can be mounted): the import stops cleanly, the corpus reopens intact", function()
      local dir = helper.tmpname(".mnt")
      os.execute("mkdir -p " .. dir)
      if not os.execute("mount -t tmpfs -o size=1m tmpfs " .. dir .. " 2>/dev/null") then
        os.execute("rmdir " .. dir)
        pending("cannot mount a tmpfs here (needs root)")
        return
      end
      finally(function() os.execute("umount " .. dir .. "; rmdir " .. dir) end)
      local p = dir .. "/news.db"
      local jl = helper.tmpname(".jsonl")
      finally(function() os.remove(jl) end)
      local f = assert(io.open(jl, "wb"))
      for i = 1, 300 do
        f:write('{"content": ', json_string(helper.seed(i % 5) .. "\nنسخة رقم " .. i .. " copy" .. i), "}\n")
      end
      f:close()
      local c = akhbar.open(p)
      local ok, s = pcall(c.import, c, jl, { progress = false, batch = 20 })
      if ok then
        assert.is_true(s.failed > 0)
        assert.matches("full", s.errors[1].message)
      else
        assert.matches("full", s)
      end
      local n = c:count()
      pcall(c.close, c)
      local r <close> = akhbar.open(p, { readonly = true })
      assert.equal(n, r:count())
      local rows = {}
      for row in r:rows("PRAGMA integrity_check") do rows[#rows + 1] = row.integrity_check end
      assert.same({ "ok" }, rows)
    end)
  end)

  describe("SQL", function()
    it("c:sql refuses every write and binds its parameters", function()
      local c <close> = akhbar.open(":memory:")
      c:add { text = seed1, source = "aawsat" }
      for _, stmt in ipairs { "DELETE FROM articles", "UPDATE articles SET text = ''", "DROP TABLE articles",
        "INSERT INTO meta VALUES ('a', 'b')", "PRAGMA user_version = 7", "PRAGMA journal_mode = DELETE",
        "ATTACH ':memory:' AS x", "BEGIN", "SELECT 1; DELETE FROM articles", "WITH x AS (SELECT 1) DELETE FROM articles",
        "VACUUM", "REINDEX", "CREATE TABLE t(x)", "  delete from articles", "/* c */ DELETE FROM articles" } do
        assert.has_error(function() for _ in c:sql(stmt) do end end, nil, stmt)
      end
      assert.equal(1, c:count())
      local evil = "aawsat' OR '1'='1"
      local n = 0
      for r in c:sql("SELECT count(*) AS n FROM articles WHERE source = ?", evil) do n = r.n end
      assert.equal(0, n)
      for r in c:sql("SELECT count(*) AS n FROM articles WHERE source = ?", "aawsat") do n = r.n end
      assert.equal(1, n)
      assert.equal(0, c:count(nil, { source = evil }))
      assert.equal(0, c:count(nil, { source = { evil, "x'); DELETE FROM articles; --" } }))
      assert.equal(1, c:count())
    end)
  end)
end)
