-- Search: the Arabic FTS5 tokenizer, clitics, highlights, filters, errors.
-- luacheck: max line length 160
-- luacheck: std +busted, ignore 512
local helper = require "helper"
local akhbar = require "akhbar"

local function seeds()
  local c = akhbar.open(":memory:", { extensions = false })
  c:import(helper.seeds_dir, { progress = false })
  return c
end

local function ids(c, q, opts)
  local out = {}
  for hit in c:search(q, opts) do out[#out + 1] = hit.id end
  table.sort(out)
  return out
end

describe("c:search", function()
  it("finds an article that has only clitic forms (بسوريا, لدمشق) when searching the bare word", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    -- seed 000's headline: بسوريا and لدمشق, never سوريا or دمشق alone
    local headline = helper.seed(0):match("\n\n([^\n]+)")
    assert.falsy(headline:find(" سوريا", 1, true))
    local id = c:add { text = headline }
    assert.same({ id }, ids(c, "سوريا"))
    assert.same({ id }, ids(c, "دمشق"))
  end)

  it("finds وسوريا/لسوريا and وروسيا forms across the seeds", function()
    local c <close> = seeds()
    -- seed 001 has لسوريا and وسوريا; 003 has وموسكو (expand = false: the
    -- word forms only, not SANA's سورية; see spec/query_spec.lua)
    assert.same({ 1, 2 }, ids(c, "سوريا", { expand = false }))
    assert.same({ 1, 2, 3, 4, 5 }, ids(c, "روسيا"))
    assert.same({ 1, 2, 3, 4, 5 }, ids(c, "وروسيا"))
    assert.equal(5, c:count("موسكو"))
  end)

  it("exact search does not conflate clitic forms", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    c:add { text = helper.seed(0):match("\n\n([^\n]+)") }
    assert.equal(0, c:count("سوريا", { exact = true }))
    assert.equal(1, c:count("بسوريا", { exact = true }))
    assert.equal(1, c:count("بسوريا"))
  end)

  it("marks the original word forms in the snippet", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local headline = helper.seed(0):match("\n\n([^\n]+)")
    c:add { title = "موسكو", text = headline }
    local hit = c:search("سوريا")()
    assert.equal("موسكو تنفي تعزيز وجودها العسكري [بسوريا] وتؤكد دعمها لدمشق", hit.snippet)
    local h2 = c:search("دمشق", { mark = { "<b>", "</b>" } })()
    assert.matches("<b>لدمشق</b>", h2.snippet)
  end)

  it("marks every matched form across a sentence of clitics, shadda, tatweel and punctuation", function()
    -- highlight() and snippet() re-tokenise the text without stemming it:
    -- the positions must still be those of the index
    local c <close> = akhbar.open(":memory:", { extensions = false })
    c:add { title = "العنوان",
      text = "قالت الخارجيّـة إن سوريا وسوريا بسوريا ولسوريا، وإنّ السوريين والسورية: هذا ما أكده الوزير." }
    assert.equal("قالت الخارجيّـة إن [سوريا] [وسوريا] [بسوريا] [ولسوريا]، وإنّ السوريين والسورية: هذا ما أكده الوزير.",
      c:search("سوريا", { expand = false, tokens = 64 })().snippet)
    assert.equal("قالت [الخارجيّـة] إن سوريا وسوريا بسوريا ولسوريا، وإنّ السوريين والسورية: هذا ما أكده الوزير.",
      c:search("الخارجية", { tokens = 64 })().snippet)
    assert.equal("قالت الخارجيّـة إن سوريا وسوريا بسوريا ولسوريا، وإنّ السوريين والسورية: هذا ما [أكده الوزير].",
      c:search('"أكده الوزير"', { tokens = 64 })().snippet)
  end)

  it("matches spelling variants through the search normalisation (ة/ه, أ/ا, tatweel)", function()
    local c <close> = seeds()
    assert.same(ids(c, "الإرهاب"), ids(c, "الارهاب"))
    assert.same(ids(c, "العسكرية"), ids(c, "العسكريـه"))
  end)

  it("streams hits with id, score, title, snippet, source, date, url, best first", function()
    local c <close> = seeds()
    local prev = math.huge
    local n = 0
    for hit in c:search("لافروف", { limit = 3 }) do
      n = n + 1
      assert.is_number(hit.score)
      assert.truthy(hit.score <= prev)
      prev = hit.score
      assert.is_string(hit.title)
      assert.matches("%[[^%]]-لافروف%]", hit.snippet) -- [لافروف] or [سيرغي لافروف]
      assert.matches("^akhbar%.Hit %(id %d+, score %-?%d+%.%d%d%): ", tostring(hit))
    end
    assert.equal(3, n)
  end)

  it("supports FTS5 syntax: phrases, NEAR, OR, NOT, prefixes", function()
    local c <close> = seeds()
    assert.same({ 1, 2, 3, 5 }, ids(c, '"وزير الخارجية الروسي"'))
    assert.same({ 1, 2, 4 }, ids(c, "بيسكوف"))
    assert.same({ 1, 2, 3, 4, 5 }, ids(c, '"وزير الخارجية الروسي" OR بيسكوف'))
    assert.same({ 1, 2, 3, 5 }, ids(c, "NEAR(لافروف سوريا, 10) OR NEAR(لافروف سورية, 10)"))
    assert.same({ 1, 2 }, ids(c, "روسيا NOT سانا"))
    assert.same(ids(c, "الكرملين"), ids(c, "الكرمل*"))
  end)

  it("filters by source and date, with limit and offset", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    c:add { text = (helper.seed(2)), source = "sana", date = "2017-12-12" }
    c:add { text = (helper.seed(1)), source = "rt", date = "2015-09-18" }
    c:add { text = (helper.seed(0)), source = "aljazeera", crawled = "2015-09-10 10:00:00" }
    assert.same({ 1 }, ids(c, "روسيا", { source = "sana" }))
    assert.same({ 2, 3 }, ids(c, "روسيا", { to = "2015-12-31" }))
    assert.same({ 1, 2 }, ids(c, "روسيا", { from = "2015-09-11" }))
    assert.equal(2, #ids(c, "روسيا", { limit = 2 }))
    assert.equal(1, #ids(c, "روسيا", { offset = 2 }))
    assert.equal(2, c:count("روسيا", { source = { "sana", "rt" } }))
  end)

  it("raises a clear error for a malformed query", function()
    local c <close> = seeds()
    local ok, err = pcall(c.search, c, "لافروف AND")
    assert.is_false(ok)
    assert.matches("^akhbar%.search: malformed query 'لافروف AND': fts5: syntax error near \"\"", err)
    assert.has_error(function() c:count('"سوريا') end)
    assert.has_error(function() c:search("") end, "akhbar.search: empty query")
    -- still usable afterwards
    assert.equal(2, c:count("سوريا", { expand = false }))
  end)

  it("lets a loop break out and the corpus close", function()
    local c = seeds()
    for hit in c:search("روسيا") do
      assert.truthy(hit.id)
      break
    end
    for _ in c:search("سوريا") do break end
    assert.truthy(c:close())
  end)
end)
