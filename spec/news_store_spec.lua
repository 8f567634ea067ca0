-- akhbar.news_store: news structure stored at import, c:quotes{...}.
local helper = require "helper"

describe("news_store", function()
  local c
  setup(function() c = helper.seeds_corpus() end)
  teardown(function() c:close() end)

  local function all(opts) return helper.collect(c:quotes(opts)) end

  it("stores quotes at import and finds بيسكوف's by the surname", function()
    local qs = all { speaker = "بيسكوف" }
    assert.is_true(#qs >= 8)
    for _, q in ipairs(qs) do
      assert.truthy((q.speaker .. " " .. (q.speaker_entity or "")):find("بيسكوف", 1, true))
      assert.is_number(q.article)
      assert.is_string(q.text)
    end
  end)

  it("gives offsets into the stored text", function()
    for _, q in ipairs(all {}) do
      local row = c:one("SELECT text FROM articles WHERE id = ?", q.article)
      assert.equal(q.text, row.text:sub(q.start, q.stop))
    end
  end)

  it("filters by verb class and lemma", function()
    local den = all { speaker = "لافروف", verb = "denial" }
    assert.is_true(#den >= 1)
    for _, q in ipairs(den) do assert.equal("denial", q.verb_class) end
    local same = all { speaker = "لافروف", verb = "نفى" }
    assert.equal(#den, #same)
  end)

  it("fills title, date with evidence, dateline and agency, and keeps text unchanged", function()
    local a = c:one("SELECT * FROM articles WHERE text LIKE '23-11-2024%'")
    assert.equal("موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق", a.title)
    assert.equal("2015-09-10", a.published)
    assert.equal("body", a.published_evidence)
    assert.equal((helper.seed(0)), a.text)
    assert.falsy(a.clean:find("بتوقيت", 1, true))
    local b = c:one("SELECT * FROM articles WHERE text LIKE 'موسكو – سانا%' AND text LIKE '%سيرومولوتوف%'")
    assert.equal("موسكو", b.dateline)
    assert.equal("سانا", b.agency)
  end)

  it("filters quotes by date", function()
    assert.is_true(#all { from = "2015-09-01", to = "2015-09-30" } >= 1)
    assert.equal(0, #all { from = "2030-01-01" })
  end)

  it("records removed boilerplate spans with reasons", function()
    local n = c:one("SELECT count(*) AS n FROM boilerplate WHERE reason = 'comments'").n
    assert.equal(2, n)
  end)

  it("fills dateline and author from a SaudiNewsNet author field", function()
    local id = c:add { source = "aawsat", text = "حدد رئيس الوزراء البريطاني ديفيد كاميرون ملامح استراتيجية.",
      author = "لندن: رنيم حنوش", crawled = "2015-07-21 02:51:32" }
    local a = c:one("SELECT * FROM articles WHERE id = ?", id)
    assert.equal("لندن", a.dateline)
    assert.equal("رنيم حنوش", a.author)
    assert.equal("2015-07-21", a.published)
    assert.equal("crawl", a.published_evidence)
  end)

  it("breaks out of c:quotes without leaving a statement open", function()
    for _ in c:quotes {} do break end -- luacheck: ignore 512
    assert.is_table(c:one("SELECT 1 AS x"))
  end)
end)
