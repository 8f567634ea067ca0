-- The SQLite loadable extension: a corpus made by akhbar stays searchable
-- luacheck: max line length 160
-- luacheck: std +busted, ignore 512
-- from the sqlite3 command-line shell.
local helper = require "helper"
local akhbar = require "akhbar"

local build = os.getenv("AKHBAR_BUILD") or "./build"
local ext = build .. "/akhbar"

local function have_cli()
  return os.execute("command -v sqlite3 >/dev/null 2>&1") and io.open(ext .. ".so", "rb") ~= nil
end

-- Under the ASan run the sqlite3 shell inherits the preloaded runtime.  It
-- unloads the extension, and ICU with it, when it closes the database, so
-- ICU's one-time caches look leaked; leak checking is off for that process
-- only (the same C code runs leak-checked inside lua5.4 in the other specs).
local NO_LEAK_CHECK = os.getenv("LD_PRELOAD") and "ASAN_OPTIONS=detect_leaks=0 " or ""

local function sqlite3(db, sql)
  local h = io.popen(("%ssqlite3 %s '.load %s' \"%s\" 2>&1"):format(NO_LEAK_CHECK, db, ext, sql))
  local out = h:read("a")
  h:close()
  return (out:gsub("\n$", ""))
end

describe("the sqlite3 loadable extension", function()
  it("provides akhbar_normalize, akhbar_stem and akhbar_hash", function()
    if not have_cli() then pending("sqlite3 CLI or " .. ext .. ".so missing") return end
    assert.equal("الميدانيه", sqlite3(":memory:", "SELECT akhbar_normalize('الميدانيـة')"))
    assert.equal("سوريا روسيا", sqlite3(":memory:", "SELECT akhbar_stem('بسوريا وروسيا')"))
    assert.equal("الميدانيـة", sqlite3(":memory:", "SELECT akhbar_normalize('الميدانيـة', 'none')"))
    assert.equal(sqlite3(":memory:", "SELECT akhbar_hash('موسكو تنفي')"),
      sqlite3(":memory:", "SELECT akhbar_hash('موسكـو  تنفي.')"))
  end)

  it("searches a corpus made by akhbar, with highlights of the original words", function()
    if not have_cli() then pending("sqlite3 CLI or " .. ext .. ".so missing") return end
    local p = helper.tmpname(".db")
    finally(function() helper.rm_db(p) end)
    local c = akhbar.open(p, { extensions = false })
    c:import(helper.seeds_dir, { progress = false })
    c:close()
    assert.equal("1\n2", sqlite3(p, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'سوريا' ORDER BY rowid"))
    assert.equal("موسكو تنفي تعزيز وجودها العسكري <بسوريا> وتؤكد دعمها لدمشق",
      sqlite3(p, "SELECT highlight(articles_fts, 0, '<', '>') FROM articles_fts WHERE articles_fts MATCH 'title:سوريا'"))
  end)

  it("without the extension, the index cannot be read and says why", function()
    if not have_cli() then pending("sqlite3 CLI missing") return end
    local p = helper.tmpname(".db")
    finally(function() helper.rm_db(p) end)
    local c = akhbar.open(p, { extensions = false })
    c:add { text = "روسيا" }
    c:close()
    local h = io.popen(("sqlite3 %s \"SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'x'\" 2>&1"):format(p))
    local out = h:read("a")
    h:close()
    assert.matches("no such tokenizer: akhbar", out)
    -- plain tables stay readable
    h = io.popen(("sqlite3 %s 'SELECT count(*) FROM articles'"):format(p))
    assert.equal("1\n", h:read("a"))
    h:close()
  end)
end)
