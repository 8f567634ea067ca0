-- akhbar.export: results out to JSON Lines, CSV, GraphML, GEXF and SVG,
-- read back with independent parsers (SQLite's JSON functions, the sqlite3
-- shell's CSV import, xmllint).
-- luacheck: std +busted
local helper = require "helper"
local run = require "cli_helper"
local akhbar = require "akhbar"
local export = require "akhbar.export"

-- The seeds, each given an outlet and a date so timelines have shape:
-- seed n is published on DATES[n] by OUTLETS[n].
local DATES = { [0] = "2015-09-10", "2015-09-18", "2015-11-02", "2015-09-19", "2016-01-20" }
local OUTLETS = { [0] = "rt", "rt", "sana", "sana", "sana" }

local c
lazy_setup(function()
  c = akhbar.open(":memory:")
  for n = 0, 4 do
    assert(c:add { text = (helper.seed(n)), published = DATES[n], source = OUTLETS[n] })
  end
end)
lazy_teardown(function() c:close() end)

local function tmp(suffix)
  local p = helper.tmpname(suffix)
  finally(function() os.remove(p) end)
  return p
end

describe("akhbar.export.jsonl", function()
  it("writes one JSON object per line: the hits of a search, in order", function()
    local p = tmp(".jsonl")
    local n = export.jsonl(p, c:search("سوريا"))
    local lines = run.lines(run.slurp(p))
    assert.equal(n, #lines)
    local i = 0
    for hit in c:search("سوريا") do
      i = i + 1
      assert.is_true(run.json_valid(lines[i]))
      assert.equal(hit.id, run.json_get(lines[i], "$.id"))
      assert.equal(hit.title, run.json_get(lines[i], "$.title"))
      assert.equal(hit.snippet, run.json_get(lines[i], "$.snippet"))
    end
    assert.equal(i, n)
  end)

  it("writes (entity, count) pairs from c:cooccur as objects with a count", function()
    local p = tmp(".jsonl")
    export.jsonl({ path = p, names = { "entity", "count" } }, c:cooccur("لافروف", { limit = 3 }))
    local i = 0
    for e, count in c:cooccur("لافروف", { limit = 3 }) do
      i = i + 1
      local line = run.lines(run.slurp(p))[i]
      assert.equal(e.id, run.json_get(line, "$.id"))
      assert.equal(e.name, run.json_get(line, "$.name"))
      assert.equal(count, run.json_get(line, "$.count"))
    end
    assert.equal(3, i)
  end)

  it("escapes quotes, backslashes, line breaks and control characters so they read back the same", function()
    local text = 'قال: "نحن مقتنعون"\\ \n\tتماماً\1' .. "\u{2028}"
    local line = export.json { text = text }
    assert.is_nil(line:find("\n", 1, true))
    assert.equal(text, run.json_get(line, "$.text"))
  end)

  it("writes numbers in their shortest form that reads back the same", function()
    assert.equal('{"score":1e-06}', export.json { score = 1e-6 })
    assert.equal('{"score":0.1}', export.json { score = 0.1 })
    local third = 1 / 3
    assert.equal(third, run.json_get(export.json { score = third }, "$.score"))
  end)

  it("replaces bytes that are not UTF-8 with U+FFFD, so the line is still valid JSON", function()
    local line = export.json { title = "سوريا\xD8" }
    assert.is_true(run.json_valid(line))
    assert.equal("سوريا\u{FFFD}", run.json_get(line, "$.title"))
  end)

  it("writes lists as arrays and records as objects, nested", function()
    local s = c:stories { min_size = 2 }()
    local line = export.json(s)
    assert.equal(s.size, run.json_get(line, "$.size"))
    assert.equal(s.members[2].id, run.json_get(line, "$.members[1].id"))
    assert.equal("[]", export.json {})
  end)

  it("returns nil and a message for a path it cannot write", function()
    local n, err = export.jsonl("/nonexistent/dir/x.jsonl", c:search("سوريا"))
    assert.is_nil(n)
    assert.truthy(err:find("cannot write /nonexistent/dir/x.jsonl", 1, true))
  end)
end)

-- /dev/full accepts the open and fails every write with ENOSPC: a disk
-- that fills up in the middle of an export.
describe("an export to a full disk", function()
  local function full_disk()
    local f = io.open("/dev/full", "wb")
    if not f then pending("no /dev/full on this system") end
    return f
  end
  -- Enough rows to pass the stdio buffer, so writes fail before the close.
  local rows = {}
  for i = 1, 20000 do rows[i] = { id = i, title = "سوريا وروسيا " .. i } end

  it("returns nil and names the path for JSON Lines and CSV, never a row count", function()
    local f = full_disk()
    if not f then return end
    f:close()
    for name, fn in pairs { jsonl = export.jsonl, csv = export.csv } do
      for _, input in ipairs { rows, { rows[1] } } do
        local n, err = fn("/dev/full", input)
        assert.is_nil(n, name)
        assert.truthy(err:find("akhbar.export." .. name .. ": cannot write /dev/full: ", 1, true), err)
        assert.truthy(err:find("incomplete", 1, true), err)
      end
    end
  end)

  it("reports a full disk behind a file handle the caller opened, which stays open", function()
    local f = full_disk()
    if not f then return end
    finally(function() f:close() end)
    for name, fn in pairs { jsonl = export.jsonl, csv = export.csv } do
      local n, err = fn(f, rows)
      assert.is_nil(n, name)
      assert.truthy(err:find("cannot write to the file given: ", 1, true), err)
      assert.equal("file", io.type(f))
    end
    -- One short row only fails at the flush, which is checked too.
    local n, err = export.jsonl({ file = f }, { rows[1] })
    assert.is_nil(n)
    assert.truthy(err:find("cannot write to the file given: No space left on device", 1, true), err)
  end)

  it("reports it for graphs and charts, written whole", function()
    if not full_disk() then return end
    local graph = { nodes = { { id = "a", label = "لافروف" }, { id = "b" } }, edges = { { source = "a", target = "b" } } }
    for name, fn in pairs { graphml = export.graphml, gexf = export.gexf } do
      local n, err = fn("/dev/full", graph)
      assert.is_nil(n, name)
      assert.truthy(err:find("akhbar.export." .. name .. ": cannot write /dev/full", 1, true), err)
    end
    local n, err = export.timeline_svg("/dev/full", export.timeline(c, "سوريا"))
    assert.is_nil(n)
    assert.truthy(err:find("cannot write /dev/full", 1, true), err)
  end)

  it("still raises an error thrown by the rows themselves, unchanged", function()
    local p = tmp(".jsonl")
    local ok, err = pcall(export.jsonl, p, function() error("the rows failed", 0) end)
    assert.is_false(ok)
    assert.equal("the rows failed", err)
  end)
end)

describe("akhbar.export.csv", function()
  it("quotes fields holding commas, quotes or line breaks as RFC 4180 says", function()
    local p = tmp(".csv")
    export.csv({ path = p, columns = { "id", "title", "text" } },
      { { id = 1, title = 'قال "لافروف"، نعم, لا', text = "سطر\nسطر" } })
    assert.equal('id,title,text\r\n1,"قال ""لافروف""، نعم, لا","سطر\nسطر"\r\n', run.slurp(p))
  end)

  it("starts with a UTF-8 byte order mark only when asked (bom = true)", function()
    local a, b = tmp(".csv"), tmp(".csv")
    export.csv({ path = a, bom = true }, c:search("لافروف"))
    export.csv(b, c:search("لافروف"))
    assert.equal("\239\187\191", run.slurp(a):sub(1, 3))
    assert.equal("id,", run.slurp(b):sub(1, 3))
    assert.equal(run.slurp(b), run.slurp(a):sub(4))
  end)

  it("reads back into the sqlite3 shell with the same rows and Arabic text", function()
    if not os.execute("command -v sqlite3 >/dev/null 2>&1") then pending("no sqlite3 shell") return end
    local p = tmp(".csv")
    local n = export.csv(p, c:quotes { speaker = "لافروف" })
    local out = run.sh(("env -u LD_PRELOAD sqlite3 :memory: '.import --csv %s q' "
      .. "\"SELECT count(*) || '|' || sum(text LIKE '%%لافروف%%' OR speaker LIKE '%%لافروف%%') FROM q\""):format(p))
    assert.equal(n .. "|" .. n, out:match("^(%S+)"))
  end)

  it("takes its columns from the first rows together, so a field missing at first is kept", function()
    local p = tmp(".csv")
    export.csv(p, { { id = 1, title = "أ" }, { id = 2, title = "ب", date = "2015-09-10" } })
    assert.equal("id,date,title\r\n1,,أ\r\n2,2015-09-10,ب\r\n", run.slurp(p))
  end)

  it("uses another separator when asked (sep = \";\" for spreadsheets in Arabic locales)", function()
    local p = tmp(".csv")
    export.csv({ path = p, sep = ";" }, { { id = 1, title = "روسيا; سوريا" } })
    assert.equal('id;title\r\n1;"روسيا; سوريا"\r\n', run.slurp(p))
  end)
end)

describe("akhbar.export.network", function()
  local graph
  lazy_setup(function() graph = export.network(c, "داعش", { limit = 4 }) end)

  it("puts the entity itself at the centre, under its id and name", function()
    assert.same({ id = "isis", label = "داعش", type = "org", seed = true }, {
      id = graph.nodes[1].id, label = graph.nodes[1].label, type = graph.nodes[1].type, seed = graph.nodes[1].seed })
  end)

  it("adds the entities most often named with it", function()
    local expected = {}
    for e in c:cooccur("داعش", { limit = 4 }) do expected[#expected + 1] = e.id end
    local got = {}
    for i = 2, #graph.nodes do got[#got + 1] = graph.nodes[i].id end
    assert.same(expected, got)
  end)

  it("weighs each edge by the articles naming both ends", function()
    assert.is_true(#graph.edges >= 4)
    for _, e in ipairs(graph.edges) do
      local row = c:one([[SELECT count(DISTINCT a.article) AS n FROM mentions a JOIN mentions b
        ON b.article = a.article WHERE a.entity = ? AND b.entity = ?]], e.source, e.target)
      assert.equal(row.n, e.weight, e.source .. "-" .. e.target)
    end
  end)
end)

describe("akhbar.export.graphml and gexf", function()
  local graph
  lazy_setup(function() graph = export.network(c, "داعش", { limit = 4 }) end)

  it("writes well-formed GraphML with one node and one edge element per node and edge", function()
    local p = tmp(".graphml")
    assert.equal(#graph.nodes, export.graphml(p, graph))
    local text = run.slurp(p)
    assert.is_true(run.xml_ok(text))
    assert.equal(#graph.nodes, select(2, text:gsub("<node ", "")))
    assert.equal(#graph.edges, select(2, text:gsub("<edge ", "")))
    assert.truthy(text:find('<node id="isis"><data key="n_degree">%d+</data><data key="n_label">داعش</data>'))
    assert.truthy(text:find('<key id="e_weight" for="edge" attr.name="weight" attr.type="int"/>', 1, true))
  end)

  it("writes well-formed GEXF 1.3 with labels and weights for Gephi", function()
    local p = tmp(".gexf")
    export.gexf(p, graph)
    local text = run.slurp(p)
    assert.is_true(run.xml_ok(text))
    assert.truthy(text:find('<gexf xmlns="http://gexf.net/1.3"', 1, true))
    assert.equal(#graph.nodes, select(2, text:gsub("<node ", "")))
    for _, e in ipairs(graph.edges) do
      assert.truthy(text:find(('source="%s" target="%s" weight="%d"'):format(e.source, e.target, e.weight), 1, true))
    end
  end)

  it("escapes markup in names and drops the control characters XML forbids", function()
    local g = { nodes = { { id = "a&b", label = 'قال "<لا>"\1' }, { id = "c" } },
      edges = { { source = "a&b", target = "c", weight = 1.5 } } }
    for _, write in ipairs { export.graphml, export.gexf } do
      local p = tmp(".xml")
      write(p, g)
      local text = run.slurp(p)
      assert.is_true(run.xml_ok(text))
      assert.truthy(text:find("قال &quot;&lt;لا&gt;&quot;", 1, true))
      assert.is_nil(text:find("\1", 1, true))
    end
  end)
end)

describe("akhbar.export.timeline", function()
  it("counts the articles naming an entity per month and outlet, months without any as 0", function()
    local tl = export.timeline(c, "لافروف", { by = "month" })
    -- Lavrov is in seeds 000 (rt, 2015-09), 001 (rt, 2015-09), 002 (sana, 2015-11), 004 (sana, 2016-01).
    assert.same({ "2015-09", "2015-10", "2015-11", "2015-12", "2016-01" }, tl.periods)
    assert.same({ ["2015-09"] = 2, ["2015-11"] = 1, ["2016-01"] = 1 }, tl.total)
    -- Outlets by their articles naming him (2 each here), then by name.
    assert.equal("rt", tl.series[1].name)
    assert.same({ ["2015-09"] = 2 }, tl.series[1].counts)
    assert.equal("sana", tl.series[2].name)
    assert.same({ ["2015-11"] = 1, ["2016-01"] = 1 }, tl.series[2].counts)
  end)

  it("writes CSV with a row per period and a column per outlet", function()
    local p = tmp(".csv")
    export.timeline_csv({ path = p, bom = true }, export.timeline(c, "لافروف", { by = "month" }))
    assert.equal("\u{FEFF}period,total,rt,sana\r\n2015-09,2,2,0\r\n2015-10,0,0,0\r\n2015-11,1,0,1\r\n"
      .. "2015-12,0,0,0\r\n2016-01,1,0,1\r\n", run.slurp(p))
  end)

  it("follows one outlet alone when asked", function()
    local tl = export.timeline(c, "لافروف", { source = "sana", by = "month" })
    assert.same({ "2015-11", "2015-12", "2016-01" }, tl.periods)
    assert.same({ ["2015-11"] = 1, ["2016-01"] = 1 }, tl.total)
    assert.equal(1, #tl.series)
    assert.equal("sana", tl.series[1].name)
  end)

  it("picks weeks when by is not given and the dates span some months (Lavrov: 2015-09-10 to 2016-01-20)", function()
    local tl = export.timeline(c, "لافروف")
    assert.equal("week", tl.by)
    assert.equal("2015-W36", tl.periods[1])
    assert.equal("2016-W03", tl.periods[#tl.periods])
    local sum = 0
    for _, n in pairs(tl.total) do sum = sum + n end
    assert.equal(4, sum)
  end)

  it("picks days for a span of ten days, and the outlet's own span for one outlet", function()
    -- Peskov: 2015-09-10, 2015-09-18, 2015-09-19
    local tl = export.timeline(c, "بيسكوف")
    assert.equal("day", tl.by)
    assert.equal(10, #tl.periods)
    assert.equal("day", export.timeline(c, "لافروف", { source = "rt" }).by)
  end)

  it("fills weeks too", function()
    local tl = export.timeline(c, "بيسكوف", { by = "week" })
    -- Peskov: 2015-09-10 (week 36), 2015-09-18 and 2015-09-19 (week 37).
    assert.same({ "2015-W36", "2015-W37" }, tl.periods)
    assert.same({ ["2015-W36"] = 1, ["2015-W37"] = 2 }, tl.total)
  end)
end)

describe("akhbar.export.timeline_svg", function()
  local text, tl
  lazy_setup(function()
    tl = export.timeline(c, "لافروف", { by = "month" })
    local p = helper.tmpname(".svg")
    export.timeline_svg(p, tl)
    text = run.slurp(p)
    os.remove(p)
  end)

  it("is a well-formed SVG document", function()
    assert.is_true(run.xml_ok(text))
    assert.truthy(text:find('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="480"', 1, true))
  end)

  it("is self-contained: no link, image, script, stylesheet or font file", function()
    for _, bad in ipairs { "href", "<image", "<script", "url(", "@import", "@font-face", "<foreignObject" } do
      assert.is_nil(text:find(bad, 1, true), bad)
    end
  end)

  it("draws one line per outlet plus the dashed total, one point per month", function()
    local lines = 0
    for points in text:gmatch('<polyline[^>]-points="([^"]*)"') do
      lines = lines + 1
      assert.equal(#tl.periods, select(2, points:gsub("[%d.]+,[%d.]+", "")))
    end
    assert.equal(#tl.series + 1, lines)
    assert.truthy(text:find('stroke-dasharray="5,4" points=', 1, true))
  end)

  it("labels the Arabic title and legend right to left, and each point with its count", function()
    assert.truthy(text:find('direction="rtl" unicode-bidi="embed" text-anchor="middle" font-size="18"'
      .. ' font-weight="bold">لافروف</text>', 1, true))
    assert.truthy(text:find("<title>rt 2015-09: 2</title>", 1, true))
    assert.truthy(text:find("<title>sana 2016-01: 1</title>", 1, true))
  end)

  it("says what it counts: articles, or mentions when asked", function()
    assert.truthy(text:find(">articles per month</text>", 1, true))
    local p = tmp(".svg")
    local tm = export.timeline(c, "لافروف", { count = "mentions", by = "month" })
    export.timeline_svg(p, tm)
    local svg = run.slurp(p)
    assert.truthy(svg:find(">mentions per month</text>", 1, true))
    -- Seed 000 alone names him several times in September 2015.
    assert.is_true(tm.total["2015-09"] > tl.total["2015-09"])
    assert.truthy(svg:find(("<title>rt 2015-09: %d</title>"):format(tm.series[1].counts["2015-09"]), 1, true))
  end)
end)
