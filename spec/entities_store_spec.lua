-- The entities corpus extension: mentions stored at import, queries.
local gazetteer = require "akhbar.gazetteer"
local helper = require "helper"

describe("corpus entities", function()
  local c
  setup(function() c = helper.seeds_corpus() end)
  teardown(function() c:close() end)

  it("stores mentions at import with offsets into the article text", function()
    local n = 0
    for m in c:mentions("لافروف") do
      local a = c:one("SELECT text FROM articles WHERE id = ?", m.article)
      assert.equal(m.surface, a.text:sub(m.start, m.stop))
      assert.equal("lavrov", m.entity)
      n = n + 1
    end
    assert.truthy(n >= 15)
  end)

  it("finds the articles that mention all of several entities", function()
    local n = 0
    for a in c:articles_with { "لافروف", "كيري" } do
      assert.truthy(a.id and a.title)
      n = n + 1
    end
    assert.equal(2, n)
    local any = 0
    for _ in c:articles_with({ "هيئة تحرير الشام", "حميميم" }, { any = true }) do any = any + 1 end
    assert.equal(1, any)
  end)

  it("streams co-occurring entities with counts, entities printing as names", function()
    local got = {}
    for e, n in c:cooccur("لافروف", { limit = 5 }) do
      assert.equal(e.name, tostring(e))
      assert.truthy(e.id and e.type and n > 0)
      got[#got + 1] = e.id
    end
    assert.equal(5, #got)
    local sentence = 0
    for _, n in c:cooccur("peskov", { by = "sentence" }) do sentence = sentence + n end
    assert.truthy(sentence > 0)
  end)

  it("chooses the period of a timeline from the span of its dates", function()
    local es = require "akhbar.entities_store"
    assert.equal("day", es.period_for("2015-07-21", "2015-08-11"))
    assert.equal("day", es.period_for("2015-07-01", "2015-08-31"))
    assert.equal("week", es.period_for("2015-07-01", "2015-09-15"))
    assert.equal("week", es.period_for("2015-01-01", "2015-12-31"))
    assert.equal("month", es.period_for("2014-07-01", "2015-08-11"))
    assert.equal("month", es.period_for("2006-01-01", "2015-12-31"))
    assert.equal("year", es.period_for("1990-01-01", "2015-12-31"))
    assert.equal("month", es.period_for(nil, nil))
  end)

  it("streams days by default for an entity named on one day only", function()
    assert.equal("day", (c:timeline_period("لافروف")))
    for period in c:timeline("لافروف") do assert.matches("^%d%d%d%d%-%d%d%-%d%d$", period) end
  end)

  it("streams a timeline and counts per outlet", function()
    for period, articles, mentions in c:timeline("لافروف", { by = "day" }) do
      assert.matches("^%d%d%d%d%-%d%d%-%d%d$", period)
      assert.truthy(articles >= 1 and mentions >= articles)
    end
    local total = 0
    for source, articles in c:outlets("لافروف") do
      assert.equal("string", type(source))
      total = total + articles
    end
    assert.equal(4, total)
  end)

  it("rematches stored text with another gazetteer without re-importing", function()
    local g = gazetteer.new { { id = "novo", type = "place", name = "نوفوروسيسك" } }
    local articles, mentions = c:rematch(g)
    assert.equal(5, articles)
    assert.equal(2, mentions)
    assert.has_error(function() c:mentions("lavrov") end)
    c:rematch(gazetteer.default())
    assert.truthy(c:one("SELECT count(*) AS n FROM mentions").n > 100)
  end)

  it("raises on an unknown entity, naming the method", function()
    assert.has_error(function() c:cooccur("لا أحد هنا") end,
      "akhbar.Corpus:cooccur: unknown entity 'لا أحد هنا' (not an id or a name of the gazetteer)")
  end)

  it("lets a loop break early without leaving statements open", function()
    for _ in c:mentions("سوريا") do break end -- luacheck: ignore 512
    c:close()
    c = helper.seeds_corpus()
  end)
end)
