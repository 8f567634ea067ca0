-- The analyst scripts in examples/: each runs as is (lua5.4 examples/x.lua,
-- or akhbar run DB examples/x.lua) and answers its question on the seeds
-- and, when it is present, on a slice of the real corpus.
-- luacheck: std +busted
local helper = require "helper"
local run = require "cli_helper"

local function example(name, ...)
  local out, err, code = run.lua("examples/" .. name .. ".lua", ...)
  assert(code == 0, ("examples/%s.lua failed (%s):\n%s%s"):format(name, tostring(code), out, err))
  return out, err
end

local function count_lines(s, plain)
  local n = 0
  for _, l in ipairs(run.lines(s)) do
    if l:find(plain, 1, true) then n = n + 1 end
  end
  return n
end

-- The seeds in a corpus file, to check the scripts' answers against the
-- akhbar command, and to run them on a file as well as on the default.
local db, remove_db
lazy_setup(function() db, remove_db = run.seeds_db() end)
lazy_teardown(function() remove_db() end)

describe("examples/denials.lua (who denied what about Russian forces in Syria)", function()
  it("lists Lavrov's denials from seed 000 with the words he denied", function()
    local out = example("denials")
    local line
    for _, l in ipairs(run.lines(out)) do
      if l:find("سيرغي لافروف", 1, true) and l:find("نفى", 1, true) then line = line or l end
    end
    assert.truthy(line, out)
    assert.truthy(line:find("2015-09-10", 1, true))
    assert.truthy(line:find("اتخاذ روسيا أية خطوات", 1, true))
  end)

  it("counts as many denials as the table lists, all of them quotes with a denial verb", function()
    local out = example("denials", db)
    local n = tonumber(out:match("; (%d+) denials? in them"))
    assert.is_true(n >= 3)
    local verbs = 0
    for _, l in ipairs(run.lines(out)) do
      -- نفى, ونفت, and the participle نافيا («..., نافيا أي وجود ...»)
      if l:find("  نف") or l:find("  ونف") or l:find("  ناف") then verbs = verbs + 1 end
    end
    assert.equal(n, verbs)
    -- Every denial of the seeds is in an article about Russian forces in Syria.
    local all = run.lines((run.akhbar("sql", db, "SELECT id FROM quotes WHERE verb_class = 'denial'", "--json")))
    assert.equal(#all, n)
  end)

  it("ranks the speakers by their denials", function()
    local out = example("denials")
    local tally = out:match("who denied most:\n(.*)$")
    local first = run.lines(tally)[3]
    assert.truthy(first:find("^سيرغي لافروف +2$"), first)
  end)
end)

describe("examples/lavrov_said.lua (what Lavrov said, by outlet and date)", function()
  it("groups every quote of Lavrov by outlet, the quotes the akhbar command finds", function()
    local out = example("lavrov_said", db)
    local expected = #run.lines((run.akhbar("quotes", db, "--speaker", "لافروف", "--json")))
    local sum = 0
    for n in out:gmatch("\n?== [^:]+: (%d+) quotes?") do sum = sum + tonumber(n) end
    assert.equal(expected, sum)
    assert.truthy(out:find("== sana: ", 1, true))
    assert.truthy(out:find("== (outlet unknown): ", 1, true))
  end)

  it("dates each quote and names the verb", function()
    local out = example("lavrov_said")
    assert.truthy(out:find("2015%-09%-10  #%d+  سيرغي لافروف نفى:\n    اتخاذ روسيا أية خطوات"))
  end)

  it("takes another speaker as an argument", function()
    local out = example("lavrov_said", "-", "بيسكوف")
    assert.truthy(out:find("دميتري بيسكوف", 1, true))
    assert.is_nil(out:find("سيرغي لافروف", 1, true))
  end)
end)

describe("examples/same_story.lua (which outlets ran the same story, who first)", function()
  it("finds the story RT and SANA both told, and who ran it first", function()
    local out = example("same_story")
    assert.truthy(out:find("story %d+: الكرملين: إن طلبت دمشق قوات روسية فسندرس الأمر"))
    -- RT's article carries no outlet in the file: it counts as another one.
    assert.truthy(out:find("2 articles, 2 outlets; first: sana", 1, true))
    -- Seed 003, SANA's version, is a member.
    assert.truthy(out:find("sana +أكد المتحدث الرسمي باسم الرئاسة الروسية"))
    assert.truthy(out:find("1 story run by more than one outlet", 1, true))
  end)
end)

describe("examples/with_daesh.lua (the people most often named with داعش)", function()
  it("counts the articles naming داعش and ranks the people named with it", function()
    local out = example("with_daesh", db, "5")
    local total = #run.lines((run.akhbar("search", db, "داعش OR الدولة", "--json")))
    local n = tonumber(out:match("داعش is named in (%d+) articles"))
    assert.is_true(n >= 1 and n <= total)
    local expected = run.lines((run.akhbar("entities", db, "داعش", "--type", "person", "--limit", "5", "--json")))
    local rows = {}
    for _, l in ipairs(run.lines(out)) do
      local name, count = l:match("^(%S+ %S+) +(%d+)  %d+%%")
      if name then rows[#rows + 1] = { name, tonumber(count) } end
    end
    assert.equal(#expected, #rows)
    for i, e in ipairs(expected) do
      assert.equal(run.json_get(e, "$.name"), rows[i][1])
      assert.equal(run.json_get(e, "$.count"), rows[i][2])
    end
  end)

  it("writes the network around داعش as GEXF when asked", function()
    local gexf = helper.tmpname(".gexf")
    finally(function() os.remove(gexf) end)
    local out = example("with_daesh", "-", "4", gexf)
    assert.truthy(out:find("network: 5 nodes", 1, true))
    local text = run.slurp(gexf)
    assert.is_true(run.xml_ok(text))
    assert.truthy(text:find('<node id="isis" label="داعش">', 1, true))
  end)
end)

describe("examples/timeline.lua (month by month timeline of an entity)", function()
  it("counts the dated articles naming Lavrov per month", function()
    local out = example("timeline")
    assert.truthy(out:find("لافروف: articles per month", 1, true))
    assert.truthy(out:find("\n2015%-09 +1  ■"))
  end)

  it("writes the timeline as CSV with a byte order mark", function()
    local csv = helper.tmpname(".csv")
    finally(function() os.remove(csv) end)
    example("timeline", db, "سوريا", csv)
    local text = run.slurp(csv)
    assert.equal("\u{FEFF}period,total\r\n2015-09,1\r\n", text)
  end)
end)

describe("examples/kwic.lua (keyword in context, all clitic forms)", function()
  it("shows سوريا in its clitic forms with the words around each, as written", function()
    local out = example("kwic")
    local forms = out:match("forms: ([^\n]+)")
    assert.truthy(forms:find("بسوريا %d+"))
    assert.truthy(forms:find("لسوريا %d+"))
    assert.truthy(forms:find("وسوريا %d+"))
    -- Seed 000: «... وجودها العسكري بسوريا وتؤكد دعمها لدمشق»
    assert.truthy(out:find("وجودها العسكري  بسوريا  وتؤكد دعمها لدمشق", 1, true))
    -- Seed 001: «... المساعدات العسكرية الروسية لسوريا.. وواشنطن تدرس»
    assert.truthy(out:find("الروسية  لسوريا  .. وواشنطن", 1, true))
    -- Never a longer word that merely contains it, nor the adjective.
    assert.is_nil(out:find("  السوري", 1, true))
  end)

  it("puts the keyword in one column on every line", function()
    local out = example("kwic", "-", "سوريا")
    local lines = run.lines(out:match("\n\n(.*)$"))
    assert.is_true(#lines >= 20)
    local pretty = require "akhbar.pretty"
    local column
    for _, l in ipairs(lines) do
      local before = l:match("^(.-)  %S*سوريا")
      local col = pretty.width(before)
      column = column or col
      assert.equal(column, col, l)
    end
  end)

  it("counts one line per occurrence, as many as the forms add up to", function()
    local out = example("kwic", db, "لافروف")
    local n = tonumber(out:match("لافروف: (%d+) occurrences"))
    local sum = 0
    for k in out:match("forms: ([^\n]+)"):gmatch(" (%d+)") do sum = sum + tonumber(k) end
    assert.equal(n, sum)
    assert.equal(n, count_lines(out:match("\n\n(.*)$"), "لافروف"))
  end)

  it("runs under `akhbar run` on the corpus the command opened", function()
    local out, err, code = run.akhbar("run", db, "examples/kwic.lua", "بيسكوف")
    assert.equal(0, code, err)
    assert.truthy(out:find("^بيسكوف: %d+ occurrences in 3 articles"))
  end)

  it("imports what it is given when that is not a corpus file: here one seed article", function()
    local _, path = helper.seed(1)
    local out, err = example("kwic", path, "لسوريا")
    assert.truthy(err:find("1 added", 1, true), err)
    assert.truthy(out:find("^لسوريا: %d+ occurrences? in 1 article\n"), out)
    assert.truthy(out:find("  لسوريا  ", 1, true))
  end)

  it("says what to give when the corpus does not exist", function()
    local _, err, code = run.lua("examples/kwic.lua", "/nonexistent/news.db")
    assert.is_true(code ~= 0)
    assert.truthy(err:find("/nonexistent/news.db does not exist: give a corpus file", 1, true))
  end)
end)

describe("the examples on the real corpus", function()
  local real, remove_real
  lazy_setup(function()
    -- A sixth of the articles crawled on one day: some 280 from 11 outlets.
    local slice = run.real_day_slice("2015-08-10", 6)
    if not slice then return end
    real, remove_real = run.tmpdb()
    local out, err, code = run.akhbar("import", real, slice, "--quiet")
    os.remove(slice)
    assert(code == 0, out .. err)
  end)
  lazy_teardown(function() if remove_real then remove_real() end end)

  local function need_real()
    if not real then pending("the real corpus is absent") end
    return real ~= nil
  end

  it("run to the end, every one of them", function()
    if not need_real() then return end
    for _, name in ipairs { "denials", "lavrov_said", "same_story", "with_daesh", "timeline", "kwic" } do
      example(name, real)
    end
  end)

  it("give داعش's monthly timeline with no month missing, summing to its dated articles", function()
    if not need_real() then return end
    local out = example("timeline", real, "داعش")
    local months, sum = {}, 0
    for m, n in out:gmatch("\n(%d%d%d%d%-%d%d) +(%d+)") do
      months[#months + 1] = m
      sum = sum + tonumber(n)
    end
    -- Articles crawled on one day are published about then: not months
    -- before (a date in the body is an event, not the publication day;
    -- issue 15).
    assert.is_true(#months >= 1)
    for _, m in ipairs(months) do assert.truthy(m == "2015-07" or m == "2015-08", m) end
    for i = 2, #months do
      local y, m = months[i - 1]:match("(%d+)-(%d+)")
      y, m = tonumber(y), tonumber(m) + 1
      if m > 12 then y, m = y + 1, 1 end
      assert.equal(("%04d-%02d"):format(y, m), months[i])
    end
    local check = run.akhbar("sql", real, [[SELECT count(DISTINCT m.article) AS n FROM mentions m
      JOIN articles a ON a.id = m.article WHERE m.entity = 'isis' AND a.published IS NOT NULL]], "--json")
    assert.equal(run.json_get(check, "$.n"), sum)
  end)

  it("find the stories several outlets ran, oldest member first", function()
    if not need_real() then return end
    local out = example("same_story", real)
    local stories = 0
    for block in out:gmatch("story %d+:[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\n(.-)\n\n") do
      stories = stories + 1
      local dates = {}
      for _, row in ipairs(run.lines(block)) do dates[#dates + 1] = row:match("^ *%d+  (%d%d%d%d%-%d%d%-%d%d)") end
      assert.is_true(#dates >= 2)
      for i = 2, #dates do assert.is_true(dates[i] >= dates[i - 1]) end
    end
    assert.is_true(stories >= 1)
    assert.truthy(out:find("who ran them first:", 1, true))
  end)
end)
