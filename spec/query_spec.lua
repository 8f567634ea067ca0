-- Query expansion: a word that names a gazetteer entity also finds the
-- entity's other names (RT's سوريا and SANA's سورية are one country).
local akhbar = require "akhbar"
local query = require "akhbar.query"
local helper = require "helper"

describe("akhbar.query.expand", function()
  local gaz = akhbar.gazetteer.default()

  it("turns a word that names an entity into an OR of all its names", function()
    local q, used = query.expand("سوريا", gaz)
    assert.equal('(سوريا OR "سورية" OR "الجمهورية العربية السورية")', q)
    assert.equal(1, #used)
    assert.equal("syria", used[1].entity.id)
  end)

  it("finds the entity behind a clitic and keeps the word as written", function()
    local q = query.expand("ولافروف", gaz)
    assert.matches("^%(ولافروف OR ", q)
    assert.truthy(q:find('"سيرغي لافروف"', 1, true))
  end)

  it("joins expanded words with an explicit AND (FTS5 does not take «(a) (b)»)", function()
    local q = query.expand("بيسكوف دمشق", gaz)
    assert.matches("^%(بيسكوف OR .-%) AND %(دمشق", q)
  end)

  it("leaves phrases, operators, prefixes, column filters and NEAR groups as written", function()
    assert.equal('"سوريا"', (query.expand('"سوريا"', gaz)))
    assert.equal("سوري*", (query.expand("سوري*", gaz)))
    assert.equal("title:سوريا", (query.expand("title:سوريا", gaz)))
    assert.equal("NEAR(لافروف سوريا, 5)", (query.expand("NEAR(لافروف سوريا, 5)", gaz)))
    local q = query.expand("(بيسكوف OR كيري) NOT موسكو", gaz)
    assert.matches("^%( %(بيسكوف OR .-%) OR %(كيري OR .-%) %) NOT %(موسكو%)$", q)
  end)

  it("leaves words that name no entity alone", function()
    local q, used = query.expand("الإرهاب مكافحة", gaz)
    assert.equal("الإرهاب AND مكافحة", q)
    assert.equal(0, #used)
  end)
end)

describe("akhbar.query.terms", function()
  it("counts words, phrases and prefix terms, not operators or parentheses", function()
    assert.equal(1, query.terms("سوريا"))
    assert.equal(3, query.terms('(لافروف OR "سيرغي لافروف") AND سوري*'))
    assert.equal(2, query.terms("سوريا NOT لبنان"))
    assert.equal(1, query.terms("title:سوريا"))
  end)

  it("counts the terms inside a NEAR group, not its distance", function()
    assert.equal(2, query.terms("NEAR(لافروف سوريا, 5)"))
    assert.equal(3, query.terms('NEAR(لافروف "مجلس الأمن") دمشق'))
  end)
end)

describe("search with expansion", function()
  local c
  setup(function() c = helper.seeds_corpus() end)
  teardown(function() c:close() end)

  local function ids(q, opts) return helper.hit_ids(c, q, opts) end

  it("finds SANA's سورية when the analyst types سوريا", function()
    local sana = c:one("SELECT id FROM articles WHERE text LIKE '%موسكو- سانا%'").id
    local plain = ids("لافروف سوريا", { expand = false })
    local expanded = ids("لافروف سوريا")
    assert.is_true(#expanded > #plain)
    assert.truthy(table.concat(expanded, ","):find(tostring(sana)))
    for _, id in ipairs(plain) do assert.truthy(table.concat(expanded, " "):find(tostring(id))) end
  end)

  it("counts what it searches", function()
    assert.equal(#ids("لافروف سوريا", { limit = 100 }), c:count("لافروف سوريا"))
    assert.equal(#ids("لافروف سوريا", { limit = 100, expand = false }), c:count("لافروف سوريا", { expand = false }))
  end)

  it("is off for exact search", function()
    assert.equal(c:count("سوريا", { exact = true }), c:count("سوريا", { exact = true, expand = false }))
  end)

  it("refuses a query with more terms than allowed, before it reaches the index", function()
    local words = {}
    for w in helper.seed(1):gmatch("[\216-\217][\128-\191][\216-\217\128-\191]+") do words[#words + 1] = w end
    assert.is_true(#words > 300)
    local q = table.concat(words, " OR ", 1, 300)
    local ok, err = pcall(function() for _ in c:search(q) do end end)
    assert.is_false(ok)
    assert.matches("akhbar.search: the query has %d+ terms", err)
    assert.matches("at most 256 are allowed", err, 1, true)
    -- the same query runs when the caller raises the cap
    assert.is_true(c:count(q, { max_terms = 2000 }) >= 4)
    assert.has_error(function() c:count(q) end)
    assert.has_error(function() c:count("سوريا", { max_terms = 0 }) end,
      "akhbar.count: opts.max_terms must be a positive integer")
  end)

  it("says when it is the expansion that made a query too long", function()
    local q = table.concat({ "سوريا", "لافروف", "روسيا", "بوتين", "دمشق" }, " OR ")
    local ok, err = pcall(c.count, c, q, { max_terms = 8 })
    assert.is_false(ok)
    assert.matches("after entity names were expanded %(5 as written", err)
    assert.is_true(c:count(q, { max_terms = 8, expand = false }) > 0)
  end)

  it("still reports a malformed query clearly", function()
    assert.has_error(function() c:count("سوريا AND") end)
    local ok, err = pcall(c.count, c, "سوريا AND")
    assert.is_false(ok)
    assert.matches("malformed query 'سوريا AND'", err)
  end)
end)
