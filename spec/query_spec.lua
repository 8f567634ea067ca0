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

describe("search with expansion", function()
  local c
  setup(function()
    c = akhbar.open(":memory:")
    c:import(helper.seeds_dir)
  end)
  teardown(function() c:close() end)

  local function ids(q, opts)
    local out = {}
    for hit in c:search(q, opts) do out[#out + 1] = hit.id end
    table.sort(out)
    return out
  end

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

  it("still reports a malformed query clearly", function()
    assert.has_error(function() c:count("سوريا AND") end)
    local ok, err = pcall(c.count, c, "سوريا AND")
    assert.is_false(ok)
    assert.matches("malformed query 'سوريا AND'", err)
  end)
end)
