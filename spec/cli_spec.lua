-- The akhbar command (bin/akhbar), run as an analyst runs it: in a child
-- process, on a corpus file made from the five seed articles.
-- luacheck: std +busted
local helper = require "helper"
local run = require "cli_helper"

local akhbar_cmd = run.akhbar

local COMMANDS = { "import", "search", "entities", "quotes", "dates", "stories", "timeline", "reanalyze", "sql", "run",
  "shell" }

-- One corpus of the seeds for the whole file (each command only reads it).
local db, remove_db
local ids = {} -- seed file number -> article id, found by content

local function seed_id(n)
  if not ids[n] then
    local text = helper.seed(n)
    -- The seed's first long line is a stable piece of its text.
    local probe = text:match("[^\n]+\n[^\n]*\n?([^\n][^\n][^\n][^\n]+)") or text:sub(1, 200)
    probe = probe:sub(1, 60):gsub("[\128-\191]+$", "")
    local out = akhbar_cmd("sql", db, "SELECT id FROM articles WHERE instr(text, ?) > 0", probe, "--json")
    ids[n] = tonumber(run.json_get(run.lines(out)[1], "$.id"))
  end
  return ids[n]
end

lazy_setup(function() db, remove_db = run.seeds_db() end)

lazy_teardown(function() remove_db() end)

describe("akhbar (no command)", function()
  it("lists every command and exits 2 when given nothing", function()
    local out, _, code = akhbar_cmd()
    assert.equal(2, code)
    for _, cmd in ipairs(COMMANDS) do assert.truthy(out:find("\n  " .. cmd .. " ", 1, true), cmd) end
  end)

  it("prints the same list for --help and exits 0", function()
    local out, _, code = akhbar_cmd("--help")
    assert.equal(0, code)
    assert.truthy(out:find("Usage: akhbar COMMAND", 1, true))
  end)

  it("names an unknown command on stderr, lists the real ones and exits 2", function()
    local out, err, code = akhbar_cmd("serach", db, "سوريا")
    assert.equal(2, code)
    assert.equal("", out)
    assert.truthy(err:find("unknown command 'serach'", 1, true))
    assert.truthy(err:find("  search DB QUERY", 1, true))
  end)

  it("prints the module version for --version", function()
    local out, _, code = akhbar_cmd("--version")
    assert.equal(0, code)
    assert.truthy(out:match("^akhbar %d+%.%d+"))
  end)
end)

describe("--help", function()
  for _, cmd in ipairs(COMMANDS) do
    it("explains `akhbar " .. cmd .. "` with its usage and an example, without touching a corpus", function()
      local out, err, code = akhbar_cmd(cmd, "--help")
      assert.equal(0, code, err)
      assert.truthy(out:find("^Usage: akhbar " .. cmd))
      assert.truthy(out:find("Example", 1, true) or out:find("  akhbar " .. cmd, 1, true))
    end)
  end

  it("works after the arguments too, and through `akhbar help COMMAND`", function()
    local a = akhbar_cmd("search", "/nonexistent/x.db", "سوريا", "--help")
    local b = akhbar_cmd("help", "search")
    assert.truthy(a:find("^Usage: akhbar search"))
    assert.equal(a, b)
  end)
end)

describe("akhbar import", function()
  it("creates a corpus from the seed directory and reports what it added", function()
    local p, rm = run.tmpdb()
    finally(rm)
    local out, _, code = akhbar_cmd("import", p, helper.seeds_dir)
    assert.equal(0, code)
    assert.truthy(out:find("5 added", 1, true))
    assert.truthy(out:find("akhbar.Corpus (" .. p:match("[^/]+$") .. ", 5 articles)", 1, true))
  end)

  it("adds nothing the second time: the articles are recognised as duplicates", function()
    local out, _, code = akhbar_cmd("import", db, helper.seeds_dir)
    assert.equal(0, code)
    assert.truthy(out:find("0 added, 5 duplicates", 1, true), out)
  end)

  it("names a missing input path, imports the others and exits 1", function()
    local p, rm = run.tmpdb()
    finally(rm)
    local _, seed = helper.seed(2)
    local out, err, code = akhbar_cmd("import", p, "/nonexistent/articles", seed)
    assert.equal(1, code)
    assert.truthy(err:find("/nonexistent/articles does not exist", 1, true))
    assert.truthy(out:find("1 added", 1, true))
  end)

  it("asks for a path when given only the corpus", function()
    local _, err, code = akhbar_cmd("import", "x.db")
    assert.equal(2, code)
    assert.truthy(err:find("missing PATH", 1, true))
    assert.truthy(err:find("akhbar import --help", 1, true))
  end)

  it("loads JSON Lines from the real corpus, with their outlets and dates", function()
    local slice = run.real_slice(60)
    if not slice then pending("the real corpus is absent") return end
    local p, rm = run.tmpdb()
    finally(function() rm() os.remove(slice) end)
    local out, _, code = akhbar_cmd("import", p, slice, "--quiet")
    assert.equal(0, code)
    assert.equal("", out)
    out = akhbar_cmd("sql", p, "SELECT count(*) AS n, count(source) AS s, count(published) AS d FROM articles",
      "--json")
    local n = run.json_get(out, "$.n")
    assert.is_true(n > 40)
    assert.equal(n, run.json_get(out, "$.s"))
    assert.equal(n, run.json_get(out, "$.d"))
  end)
end)

describe("akhbar search", function()
  it("finds the clitic forms of a word and marks the match in the snippet", function()
    local out, _, code = akhbar_cmd("search", db, "سوريا")
    assert.equal(0, code)
    -- Seed 000's headline has only بسوريا, yet it is a hit.
    assert.truthy(out:find("موسكو تنفي تعزيز وجودها العسكري بسوريا", 1, true))
    assert.truthy(out:find("[سوريا]", 1, true))
  end)

  it("finds the other names of an entity, unless --no-expand", function()
    -- SANA writes سورية: seeds 002-004 never spell it سوريا.
    local with = {}
    for n = 0, 4 do
      if helper.seed(n):find("سوريا", 1, true) then with[#with + 1] = n end
    end
    local out = akhbar_cmd("search", db, "سوريا")
    assert.truthy(out:find("\n5 of 5 matching articles", 1, true), out)
    out = akhbar_cmd("search", db, "سوريا", "--no-expand")
    assert.truthy(out:find(("\n%d of %d matching articles"):format(#with, #with), 1, true), out)
  end)

  it("writes JSON Lines with --json, best hit first", function()
    local out, _, code = akhbar_cmd("search", db, "لافروف", "--json")
    assert.equal(0, code)
    local lines = run.lines(out)
    assert.equal(4, #lines) -- Lavrov is named in seeds 000, 001, 002 and 004
    local last = math.huge
    for _, l in ipairs(lines) do
      assert.is_true(run.json_valid(l), l)
      local score = run.json_get(l, "$.score")
      assert.is_true(score <= last)
      last = score
      assert.truthy(run.json_get(l, "$.snippet"):find("لافروف]", 1, true))
    end
  end)

  it("writes CSV with a byte order mark and the same columns whatever the first hit lacks", function()
    local out, _, code = akhbar_cmd("search", db, "سوريا", "--csv", "--bom")
    assert.equal(0, code)
    assert.equal("\u{FEFF}id,score,date,source,title,snippet,url\r\n", out:sub(1, 43))
  end)

  it("restricts hits to an outlet with --source", function()
    local out = akhbar_cmd("search", db, "بيسكوف", "--source", "sana", "--json")
    local lines = run.lines(out)
    assert.equal(1, #lines) -- seed 003; seed 001 (RT) has no outlet
    assert.equal("sana", run.json_get(lines[1], "$.source"))
    assert.equal(seed_id(3), run.json_get(lines[1], "$.id"))
  end)

  it("restricts hits to a period with --from and --to", function()
    local out = akhbar_cmd("search", db, "لافروف", "--from", "2015-09-01", "--to", "2015-09-30", "--json")
    local lines = run.lines(out)
    assert.equal(1, #lines) -- only seed 000 carries a date (10 September 2015)
    assert.equal("2015-09-10", run.json_get(lines[1], "$.date"))
  end)

  it("stops at --limit", function()
    local out = akhbar_cmd("search", db, "روسيا", "--limit", "2", "--json")
    assert.equal(2, #run.lines(out))
  end)

  it("says how to create a corpus that does not exist, and creates none", function()
    local p = helper.tmpname(".db")
    os.remove(p)
    local out, err, code = akhbar_cmd("search", p, "سوريا")
    assert.equal(1, code)
    assert.equal("", out)
    assert.truthy(err:find("no corpus at " .. p, 1, true))
    assert.truthy(err:find("akhbar import " .. p .. " PATH", 1, true))
    assert.is_nil(io.open(p, "rb"))
  end)

  it("says a file that is not a corpus is not one", function()
    local _, err, code = akhbar_cmd("search", "README.md", "سوريا")
    assert.equal(1, code)
    assert.equal("akhbar search: README.md is not a corpus (not an SQLite file); give the file `akhbar import` made\n",
      err)
  end)

  it("explains a malformed query with the query syntax", function()
    local _, err, code = akhbar_cmd("search", db, '"سوريا')
    assert.equal(1, code)
    assert.truthy(err:find("^akhbar search: malformed query '\"سوريا'"))
    assert.truthy(err:find("NEAR(a b, 10)", 1, true))
  end)

  it("rejects a limit that is not a number, with exit code 2", function()
    local _, err, code = akhbar_cmd("search", db, "سوريا", "--limit", "ten")
    assert.equal(2, code)
    assert.truthy(err:find("--limit expects a whole number, got 'ten'", 1, true))
  end)

  it("rejects a date that is not YYYY-MM-DD", function()
    local _, err, code = akhbar_cmd("search", db, "سوريا", "--from", "10/9/2015")
    assert.equal(2, code)
    assert.truthy(err:find("--from expects a date as YYYY-MM-DD", 1, true))
  end)

  it("rejects an unknown option and points to --help", function()
    local _, err, code = akhbar_cmd("search", db, "سوريا", "--outlet", "rt")
    assert.equal(2, code)
    assert.truthy(err:find("unknown option --outlet", 1, true))
    assert.truthy(err:find("akhbar search --help", 1, true))
  end)
end)

describe("akhbar entities", function()
  it("lists the entities named in most articles, with their counts", function()
    local out, _, code = akhbar_cmd("entities", db, "--json", "--limit", "5")
    assert.equal(0, code)
    local first = run.lines(out)[1]
    -- Every seed names Syria (سوريا or سورية).
    assert.equal("syria", run.json_get(first, "$.id"))
    assert.equal(5, run.json_get(first, "$.articles"))
  end)

  it("with a name, lists who is named in the same articles and the outlets", function()
    local out, _, code = akhbar_cmd("entities", db, "داعش", "--type", "person")
    assert.equal(0, code)
    assert.truthy(out:find("named with داعش (articles):", 1, true))
    assert.truthy(out:find("سيرغي لافروف", 1, true))
    assert.truthy(out:find("\noutlets:\n", 1, true))
    assert.is_nil(out:find("place", 1, true))
  end)

  it("counts co-occurrence in articles, as SQL over the mentions table does", function()
    local out = akhbar_cmd("entities", db, "داعش", "--json")
    local sql = [[SELECT count(DISTINCT m2.article) AS n FROM mentions m1 JOIN mentions m2
      ON m2.article = m1.article WHERE m1.entity = 'isis' AND m2.entity = ?]]
    for _, l in ipairs(run.lines(out)) do
      local id = run.json_get(l, "$.id")
      local check = akhbar_cmd("sql", db, sql, id, "--json")
      assert.equal(run.json_get(check, "$.n"), run.json_get(l, "$.count"), id)
    end
  end)

  it("names an unknown entity and how to list the known ones", function()
    local _, err, code = akhbar_cmd("entities", db, "فلان")
    assert.equal(1, code)
    assert.truthy(err:find("unknown entity 'فلان'", 1, true))
    assert.truthy(err:find("`akhbar entities DB` lists", 1, true))
  end)
end)

describe("--output", function()
  it("writes the table to a file as plain text, though the terminal gets isolates", function()
    local file = helper.tmpname(".txt")
    finally(function() os.remove(file) end)
    local shown = run.sh("AKHBAR_BIDI=isolate bin/akhbar entities " .. run.q(db) .. " داعش")
    local out, _, code = run.sh("AKHBAR_BIDI=isolate bin/akhbar entities " .. run.q(db) .. " داعش --output " .. run.q(file))
    assert.equal(0, code)
    assert.equal("", out)
    local written = run.slurp(file)
    assert.truthy(shown:find("\u{2067}", 1, true))
    for _, mark in ipairs { "\u{2067}", "\u{2069}", "\u{200E}" } do
      assert.is_nil(written:find(mark, 1, true))
      shown = shown:gsub(mark, "")
    end
    assert.equal(shown, written)
  end)
end)

describe("--output to a full disk", function()
  it("fails with exit code 1 and a message naming the file, for CSV, JSON Lines and timelines", function()
    local f = io.open("/dev/full", "wb")
    if not f then return pending("no /dev/full on this system") end
    f:close()
    for _, args in ipairs { { "search", db, "سوريا", "--csv" }, { "search", db, "سوريا", "--json" },
                            { "timeline", db, "سوريا", "--csv" } } do
      args[#args + 1] = "--output"
      args[#args + 1] = "/dev/full"
      local out, err, code = akhbar_cmd(table.unpack(args))
      assert.equal(1, code, table.concat(args, " "))
      assert.equal("", out)
      assert.truthy(err:find("cannot write /dev/full: No space left on device", 1, true), err)
    end
  end)

  it("fails the same way for the plain-text tables of every command", function()
    if not io.open("/dev/full", "wb") then return pending("no /dev/full on this system") end
    for _, args in ipairs { { "search", db, "سوريا" }, { "entities", db }, { "entities", db, "سوريا" },
                            { "quotes", db, "--speaker", "بيسكوف" }, { "stories", db }, { "timeline", db, "سوريا" },
                            { "sql", db, "SELECT id, title FROM articles" } } do
      args[#args + 1] = "--output"
      args[#args + 1] = "/dev/full"
      local _, err, code = akhbar_cmd(table.unpack(args))
      assert.equal(1, code, table.concat(args, " ") .. ": " .. err)
      assert.truthy(err:find("akhbar " .. args[1] .. ": cannot write /dev/full: No space left on device", 1, true), err)
    end
  end)

  it("fails the same way when standard output is the full disk", function()
    if not io.open("/dev/full", "wb") then return pending("no /dev/full on this system") end
    for _, cmd in ipairs { " search " .. run.q(db) .. " سوريا --json", " search " .. run.q(db) .. " سوريا",
                           " import " .. run.q(db) .. " " .. run.q(helper.seeds_dir) } do
      local _, err, code = run.sh("bin/akhbar" .. cmd .. " >/dev/full")
      assert.equal(1, code, cmd .. ": " .. err)
      assert.truthy(err:find("cannot write to standard output: No space left on device", 1, true), err)
    end
  end)
end)

describe("akhbar quotes", function()
  it("lists what a speaker said with date, outlet and verb", function()
    local out, _, code = akhbar_cmd("quotes", db, "--speaker", "لافروف", "--verb", "نفى")
    assert.equal(0, code)
    assert.truthy(out:find("2015-09-10", 1, true))
    assert.truthy(out:find("سيرغي لافروف — نفى (denial)", 1, true))
    -- The denied words as they stand in seed 000.
    local words = "اتخاذ روسيا أية خطوات لتعزيز وجودها العسكري في سوريا"
    assert.truthy(helper.seed(0):find(words, 1, true))
    assert.truthy(out:find(words, 1, true))
    assert.truthy(out:find("2 quotes\n", 1, true))
  end)

  it("writes how each speaker was found and keeps only those named where they spoke with --resolution written", function()
    local all = run.lines(akhbar_cmd("quotes", db, "--speaker", "بيسكوف", "--json"))
    local written = run.lines(akhbar_cmd("quotes", db, "--speaker", "بيسكوف", "--resolution", "written", "--json"))
    assert.is_true(#written >= 1 and #written < #all)
    for _, l in ipairs(written) do assert.equal("written", run.json_get(l, "$.resolution")) end
    local kinds = {}
    for _, l in ipairs(all) do kinds[run.json_get(l, "$.resolution")] = true end
    assert.truthy(kinds.carried)
  end)

  it("writes JSON Lines whose speakers all match", function()
    local out = akhbar_cmd("quotes", db, "--speaker", "بيسكوف", "--json")
    local lines = run.lines(out)
    assert.is_true(#lines >= 2)
    for _, l in ipairs(lines) do
      assert.truthy(run.json_get(l, "$.speaker"):find("بيسكوف", 1, true))
    end
  end)

  it("requires --speaker", function()
    local _, err, code = akhbar_cmd("quotes", db)
    assert.equal(2, code)
    assert.truthy(err:find("--speaker NAME is required", 1, true))
  end)
end)

describe("akhbar stories", function()
  it("joins the RT and SANA reports of Peskov's statement into one story", function()
    local out, _, code = akhbar_cmd("stories", db, "--json")
    assert.equal(0, code)
    local members = {}
    for _, l in ipairs(run.lines(out)) do
      local m = run.json_get(l, "$.members")
      members[#members + 1] = m
    end
    assert.same({ seed_id(1) .. " " .. seed_id(3) }, members)
  end)

  it("prints stories as a table with who ran it first", function()
    local out = akhbar_cmd("stories", db)
    assert.truthy(out:find("first_outlet", 1, true))
    assert.truthy(out:find("الكرملين: إن طلبت دمشق قوات روسية", 1, true))
  end)
end)

describe("akhbar dates", function()
  it("lists the dates the articles mention, ordered by day, with the article and its date", function()
    local out, err, code = akhbar_cmd("dates", db)
    assert.equal(0, code, err)
    local lines = run.lines(out)
    assert.truthy(lines[1]:find("^first +last +role +kind +article +published +source +text"))
    assert.truthy(out:find("\n2012%-06%-30  2012%-06%-30 .- " .. seed_id(0) .. " +2015%-09%-10"))
    assert.truthy(lines[#lines]:find("^%d+ mentions$"))
  end)

  it("keeps the mentions whose days overlap --from..--to: a month found from a day inside it", function()
    local out = akhbar_cmd("dates", db, "--from", "2014-04-15", "--to", "2014-04-15", "--json")
    local lines = run.lines(out)
    assert.equal(1, #lines)
    assert.equal("2014-04", run.json_get(lines[1], "$.value"))
    assert.equal("2014-04-01", run.json_get(lines[1], "$.first"))
    assert.equal("2014-04-30", run.json_get(lines[1], "$.last"))
    assert.equal(seed_id(3), run.json_get(lines[1], "$.article"))
  end)

  it("writes CSV with the columns of c:dates, and takes a month for --from and --to", function()
    local out, _, code = akhbar_cmd("dates", db, "--from", "2015-09", "--to", "2015-09", "--csv")
    assert.equal(0, code)
    local lines = run.lines(out)
    assert.equal("first,last,value,granularity,kind,role,text,start,stop,article,published,source,title", lines[1])
    assert.is_true(#lines >= 3)
    for i = 2, #lines do assert.truthy(lines[i]:find("^2015%-09%-%d%d,2015%-09%-%d%d,"), lines[i]) end
  end)

  it("filters by --article and stops at --limit", function()
    local out = akhbar_cmd("dates", db, "--article", tostring(seed_id(3)), "--limit", "2", "--json")
    local lines = run.lines(out)
    assert.equal(2, #lines)
    for _, l in ipairs(lines) do assert.equal(seed_id(3), run.json_get(l, "$.article")) end
  end)

  it("says so when no mention falls in the period", function()
    local out, _, code = akhbar_cmd("dates", db, "--from", "1950-01-01", "--to", "1950-12-31")
    assert.equal(0, code)
    assert.equal("no date mentions in that period\n", out)
  end)

  it("rejects an unknown role with the list of roles (exit 2) and an impossible date (exit 1)", function()
    local _, err, code = akhbar_cmd("dates", db, "--role", "futur")
    assert.equal(2, code)
    assert.truthy(err:find("--role must be one of news, future, past, stamp, other, got 'futur'", 1, true))
    _, err, code = akhbar_cmd("dates", db, "--from", "2015-02-30")
    assert.equal(1, code)
    assert.truthy(err:find("akhbar dates: --from must be a date as yyyy-mm-dd", 1, true))
  end)
end)

describe("akhbar search --mentions", function()
  it("keeps the articles that talk about a day of the period, whenever they were published", function()
    local out = akhbar_cmd("search", db, "سوريا OR سورية", "--mentions", "2012-06-01..2012-06-30", "--json")
    local got = {}
    for _, l in ipairs(run.lines(out)) do got[#got + 1] = run.json_get(l, "$.id") end
    table.sort(got)
    local want = { seed_id(0), seed_id(3) }
    table.sort(want)
    assert.same(want, got)
  end)
end)

describe("akhbar timeline", function()
  it("draws articles per month as bars with --by month", function()
    local out, _, code = akhbar_cmd("timeline", db, "لافروف", "--by", "month")
    assert.equal(0, code)
    assert.truthy(out:find("لافروف: articles per month", 1, true))
    assert.truthy(out:find("\n2015%-09 +1  █"))
  end)

  it("draws days when --by is not given and the dates drawn span a few days", function()
    local out, _, code = akhbar_cmd("timeline", db, "لافروف")
    assert.equal(0, code)
    assert.truthy(out:find("لافروف: articles per day", 1, true))
    assert.truthy(out:find("\n2015%-09%-10 +1  █"))
  end)

  it("counts mentions instead of articles with --count mentions", function()
    local out = akhbar_cmd("timeline", db, "لافروف", "--count", "mentions", "--csv", "--by", "month")
    local check = akhbar_cmd("sql", db, [[SELECT count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article
      WHERE m.entity = 'lavrov' AND a.published LIKE '2015-09%']], "--json")
    local n = run.json_get(check, "$.n")
    assert.is_true(n > 1)
    assert.equal("period,total\r\n2015-09," .. n .. "\r\n", out)
  end)

  it("writes CSV with --csv", function()
    local out = akhbar_cmd("timeline", db, "بيسكوف", "--csv")
    assert.equal("period,total", out:match("^([^\r]+)\r\n"):sub(1, 12))
    assert.truthy(out:find("\r\n2015-09-10,1", 1, true))
  end)

  it("writes an SVG plot with --svg", function()
    local svg = helper.tmpname(".svg")
    finally(function() os.remove(svg) end)
    local out, _, code = akhbar_cmd("timeline", db, "سوريا", "--svg", svg)
    assert.equal(0, code)
    assert.truthy(out:find("-> " .. svg, 1, true))
    local text = run.slurp(svg)
    assert.truthy(text:find("<svg xmlns=\"http://www.w3.org/2000/svg\"", 1, true))
    assert.is_true(run.xml_ok(text))
  end)
end)

describe("akhbar search, long queries", function()
  it("refuses more than 256 terms, naming the flag that allows more", function()
    local words = {}
    for i = 1, 300 do words[i] = "كلمة" .. i end
    local q = table.concat(words, " OR ")
    local _, err, code = akhbar_cmd("search", db, q)
    assert.equal(1, code)
    assert.truthy(err:find("the query has 300 terms; at most 256 are allowed", 1, true), err)
    assert.truthy(err:find("--max-terms N", 1, true), err)
    local out
    out, err, code = akhbar_cmd("search", db, q .. " OR لافروف", "--max-terms", "400", "--json")
    assert.equal(0, code, err)
    assert.is_true(#run.lines(out) >= 2)
  end)
end)

describe("akhbar sql", function()
  it("binds values to the ? parameters", function()
    local out, _, code = akhbar_cmd("sql", db, "SELECT count(*) AS n FROM articles WHERE source = ?", "sana", "--json")
    assert.equal(0, code)
    assert.equal(3, run.json_get(out, "$.n")) -- seeds 002, 003, 004 carry the «موسكو – سانا» dateline
  end)

  it("refuses to change the corpus", function()
    local _, err, code = akhbar_cmd("sql", db, "DELETE FROM articles")
    assert.equal(1, code)
    assert.truthy(err:find("only read-only statements are allowed", 1, true))
    local out = akhbar_cmd("sql", db, "SELECT count(*) AS n FROM articles", "--json")
    assert.equal(5, run.json_get(out, "$.n"))
  end)

  it("changes the corpus with --write, printing what RETURNING gives", function()
    local copy = helper.tmpname(".db")
    local src = assert(io.open(db, "rb"))
    helper.write_file(copy, src:read("a"))
    src:close()
    local out, err, code = akhbar_cmd("sql", copy, "CREATE TABLE tags(article INTEGER, tag TEXT)", "--write")
    assert.equal(0, code, err)
    assert.truthy(out:find("(no rows)", 1, true))
    out, err, code = akhbar_cmd("sql", copy, "INSERT INTO tags SELECT id, ? FROM articles WHERE source = ? RETURNING article",
      "sana-dateline", "sana", "--write", "--json")
    assert.equal(0, code, err)
    assert.equal(3, select(2, out:gsub('"article"', "")))
    out = akhbar_cmd("sql", copy, "SELECT count(*) AS n FROM tags WHERE tag = ?", "sana-dateline", "--json")
    assert.equal(3, run.json_get(out, "$.n"))
    helper.rm_db(copy)
  end)
end)

describe("akhbar run", function()
  it("runs a script with the corpus open as c and its arguments in arg and ...", function()
    local script = helper.tmpname(".lua")
    finally(function() os.remove(script) end)
    local f = assert(io.open(script, "w"))
    f:write([[
local n = 0
for _ in c:search(arg[1]) do n = n + 1 end
print(tostring(c), n, select("#", ...), ...)
]])
    f:close()
    local out, err, code = akhbar_cmd("run", db, script, "بيسكوف", "x")
    assert.equal(0, code, err)
    local hits = #run.lines((akhbar_cmd("search", db, "بيسكوف", "--json")))
    assert.equal(("akhbar.Corpus (%s, 5 articles)\t%d\t2\tبيسكوف\tx\n"):format(db:match("[^/]+$"), hits), out)
  end)

  it("reports the script's own error with its line and exits 1", function()
    local script = helper.tmpname(".lua")
    finally(function() os.remove(script) end)
    local f = assert(io.open(script, "w"))
    f:write("local x = 1\nerror('no such outlet')\n")
    f:close()
    local _, err, code = akhbar_cmd("run", db, script)
    assert.equal(1, code)
    assert.truthy(err:find(script .. ":2: no such outlet", 1, true))
    assert.is_nil(err:find("cli.lua", 1, true))
  end)

  it("names a script that does not exist", function()
    local _, err, code = akhbar_cmd("run", db, "/nonexistent/script.lua")
    assert.equal(1, code)
    assert.truthy(err:find("/nonexistent/script.lua does not exist", 1, true))
  end)
end)

describe("akhbar shell (input from a pipe)", function()
  it("prints the value of each expression and drains iterators into a table", function()
    local out, err, code = akhbar_cmd("shell", db, {
      stdin = 'akhbar.stem("بسوريا", "clitics")\nc:search("بيسكوف", {limit = 1})\n',
    })
    assert.equal(0, code, err)
    assert.truthy(out:find("\nسوريا\n", 1, true))
    assert.truthy(out:find("id  score", 1, true))
    assert.truthy(out:find("(1 row)", 1, true))
  end)

  it("names the columns of the (period, articles, mentions) a timeline yields", function()
    local out = akhbar_cmd("shell", db, { stdin = 'c:timeline("لافروف", {by = "month"})\n' })
    assert.truthy(out:find("\nperiod   articles  mentions\n", 1, true), out)
    assert.truthy(out:find("\n2015%-09 +1 +%d+\n"), out)
  end)
end)
