-- The dates the articles mention, stored at import (akhbar.dates_store):
-- the dates table, c:dates{...} and c:search(q, {mentions = ...}).
-- luacheck: std +busted
local akhbar = require "akhbar"
local news = require "akhbar.news"
local dates_store = require "akhbar.dates_store"
local helper = require "helper"
local run = require "cli_helper"

local function all(it, s, ctl, closer)
  local out = {}
  for r in it, s, ctl, closer do out[#out + 1] = r end
  return out
end

-- An article whose analysis is replaced by `doc_of(text, opts)` while it
-- is added (news_store calls news.parse through the module table).
local function add_with_analysis(c, rec, doc_of)
  local parse = news.parse
  news.parse = function(text, opts) return doc_of(parse(text, opts), opts) end
  local ok, id = pcall(c.add, c, rec)
  news.parse = parse
  assert(ok, id)
  return id
end

describe("the dates table", function()
  local c
  lazy_setup(function()
    c = akhbar.open(":memory:")
    c:import(helper.seeds_dir)
  end)
  lazy_teardown(function() c:close() end)

  it("holds every date mention of the seeds, with offsets into the original text", function()
    local n = 0
    for r in c:rows("SELECT d.*, a.text AS body FROM dates d JOIN articles a ON a.id = d.article") do
      assert.equal(r.text, r.body:sub(r.start, r.stop))
      n = n + 1
    end
    assert.is_true(n >= 10)
  end)

  it("stores what the analysis found for each article, mention for mention", function()
    local id = c:one("SELECT id FROM articles WHERE text LIKE '23-11-2024%'").id
    local a = c:get(id)
    local doc = news.parse(a.text, { title = nil, crawled = a.crawled })
    local want = {}
    for _, h in ipairs(doc.dates) do want[#want + 1] = h.start .. ":" .. h.stop end
    local got = {}
    for r in c:rows("SELECT start, stop FROM dates WHERE article = ? ORDER BY start", id) do
      got[#got + 1] = r.start .. ":" .. r.stop
    end
    table.sort(want)
    table.sort(got)
    assert.same(want, got)
  end)

  it("gives a month its first and last day, and a day itself as both", function()
    local m = c:one("SELECT * FROM dates WHERE value = '2014-04'")
    assert.equal("2014-04-01", m.first)
    assert.equal("2014-04-30", m.last)
    assert.equal("month", m.granularity)
    for r in c:rows("SELECT * FROM dates WHERE length(value) = 10") do
      assert.equal(r.value, r.first)
      assert.equal(r.value, r.last)
    end
  end)

  it("keeps the page clock of seed 000 as a stamp, not as the news day", function()
    local r = c:one("SELECT d.* FROM dates d JOIN articles a ON a.id = d.article "
      .. "WHERE a.text LIKE '23-11-2024%' AND d.first = '2024-11-23'")
    assert.equal("stamp", r.kind)
    assert.equal("2015-09-10", c:one("SELECT published FROM articles WHERE id = ?", r.article).published)
  end)

  it("stores an unresolved mention with no value and no days", function()
    local n = c:one("SELECT count(*) AS n FROM dates WHERE value IS NULL").n
    assert.equal(n, c:one("SELECT count(*) AS n FROM dates WHERE first IS NULL AND last IS NULL").n)
  end)
end)

describe("the analysis's fields, stored", function()
  local c
  before_each(function() c = akhbar.open(":memory:") end)
  after_each(function() c:close() end)

  it("passes the article's URL to the analysis", function()
    local seen
    add_with_analysis(c, { text = (helper.seed(3)), url = "https://sana.sy/?p=20150919" }, function(doc, opts)
      seen = opts.url
      return doc
    end)
    assert.equal("https://sana.sy/?p=20150919", seen)
  end)

  it("stores the evidence and confidence of the publication date", function()
    local id = add_with_analysis(c, { text = (helper.seed(3)), crawled = "2015-09-19 10:00:00" }, function(doc)
      doc.date, doc.date_evidence, doc.date_confidence = "2015-09-19", "url", 0.95
      return doc
    end)
    local a = c:get(id)
    assert.equal("2015-09-19", a.published)
    assert.equal("url", a.published_evidence)
    assert.equal(0.95, a.published_confidence)
  end)

  it("leaves the confidence NULL when the analysis gives none or a number out of [0, 1]", function()
    local id = add_with_analysis(c, { text = (helper.seed(3)), crawled = "2015-09-19 10:00:00" }, function(doc)
      doc.date_confidence = 7
      return doc
    end)
    assert.is_nil(c:get(id).published_confidence)
  end)

  it("stores the days, granularity, kind and role the analysis gives, a range as its two ends", function()
    local text = "يعقد المؤتمر من 10 إلى 15 أغسطس المقبل في الرياض."
    local s = text:find("من 10", 1, true)
    local e = #"يعقد المؤتمر من 10 إلى 15 أغسطس المقبل"
    local id = add_with_analysis(c, { text = text, crawled = "2015-08-09" }, function(doc)
      doc.dates = { { start = s, stop = e, text = text:sub(s, e), date = "2015-08-10", first = "2015-08-10",
        last = "2015-08-15", granularity = "range", kind = "partial", role = "future" } }
      return doc
    end)
    local r = c:one("SELECT * FROM dates WHERE article = ?", id)
    assert.same({ "2015-08-10", "2015-08-15", "range", "partial", "future", "من 10 إلى 15 أغسطس المقبل" },
      { r.first, r.last, r.granularity, r.kind, r.role, r.text })
  end)
end)

describe("c:dates", function()
  local c, ids
  lazy_setup(function()
    c = akhbar.open(":memory:")
    ids = {}
    -- Three articles talking about August 2015 in three ways, mentions written by hand.
    local texts = {
      "اجتماع يوم 12 أغسطس 2015 في جدة.",
      "تقرير عن شهر أغسطس 2015 كله.",
      "حملة من 2010 إلى 2016 على مدى سنوات.",
      "ذكرى حرب عام 1990 وما بعدها.",
    }
    local spans = {
      { "12 أغسطس 2015", "2015-08-12", "2015-08-12", "2015-08-12", "day", "absolute", "future" },
      { "أغسطس 2015", "2015-08", "2015-08-01", "2015-08-31", "month", "absolute", "news" },
      { "من 2010 إلى 2016", "2010", "2010-01-01", "2016-12-31", "range", "absolute", "past" },
      { "عام 1990", "1990", "1990-01-01", "1990-12-31", "year", "absolute", "past" },
    }
    for i, text in ipairs(texts) do
      local sp = spans[i]
      local s = text:find(sp[1], 1, true)
      ids[i] = add_with_analysis(c, { text = text, source = i % 2 == 0 and "okaz" or "spa",
        published = "2015-08-0" .. i }, function(doc)
        doc.dates = { { start = s, stop = s + #sp[1] - 1, date = sp[2], first = sp[3], last = sp[4],
          granularity = sp[5], kind = sp[6], role = sp[7] } }
        return doc
      end)
    end
  end)
  lazy_teardown(function() c:close() end)

  local function articles(opts)
    local got = {}
    for r in c:dates(opts) do got[#got + 1] = r.article end
    return got
  end

  it("finds the mentions whose days overlap the period asked, ordered by their first day", function()
    -- 2015-08-12 lies in the day, in the month and in the 2010-2016 range, not in 1990.
    assert.same({ ids[3], ids[2], ids[1] }, articles { from = "2015-08-12", to = "2015-08-12" })
  end)

  it("leaves out a month that ends before the period and a day that falls after it", function()
    assert.same({ ids[3], ids[2] }, articles { from = "2015-08-13", to = "2015-09-30" })
    assert.same({ ids[3] }, articles { from = "2015-09-01", to = "2015-09-30" })
  end)

  it("finds a long range from a day near its end (the index bound keeps it)", function()
    assert.same({ ids[3] }, articles { from = "2016-12-31" })
  end)

  it("takes a month or a year for from and to", function()
    assert.same({ ids[3], ids[2], ids[1] }, articles { from = "2015-08", to = "2015-08" })
    assert.same({ ids[4] }, articles { from = "1990", to = "1990" })
  end)

  it("filters by role, kind, outlet and article", function()
    assert.same({ ids[4], ids[3] }, articles { role = "past" })
    assert.same({ ids[1] }, articles { role = "future", kind = "absolute" })
    assert.same({ ids[4], ids[2] }, articles { source = "okaz", from = "1900" })
    assert.same({ ids[2] }, articles { article = ids[2] })
  end)

  it("gives each mention with its article's date, outlet and title", function()
    local r = all(c:dates { article = ids[1] })[1]
    assert.equal("2015-08-01", r.published)
    assert.equal("spa", r.source)
    assert.equal("12 أغسطس 2015", r.text)
    assert.equal("2015-08-12", r.value)
    assert.equal("day", r.granularity)
    assert.is_string(r.title)
    assert.equal(r.text, c:get(ids[1]).text:sub(r.start, r.stop))
  end)

  it("stops at limit, and a break leaves no statement open", function()
    assert.equal(2, #all(c:dates { limit = 2 }))
    for _ in c:dates {} do break end -- luacheck: ignore 512
    assert.is_table(c:one("SELECT 1 AS x"))
  end)

  it("refuses a date that is not one, naming the option and the format", function()
    assert.has_error(function() c:dates { from = "12/08/2015" } end,
      "akhbar.Corpus:dates: opts.from must be a date as yyyy-mm-dd (or yyyy-mm, yyyy), got '12/08/2015'")
    assert.has_error(function() c:dates { to = "2015-02-30" } end,
      "akhbar.Corpus:dates: opts.to must be a date as yyyy-mm-dd (or yyyy-mm, yyyy), got '2015-02-30'")
  end)

  it("refuses an unknown role or kind, listing the known ones", function()
    assert.has_error(function() c:dates { role = "futur" } end,
      "akhbar.Corpus:dates: opts.role must be one of news, future, past, stamp, other, got 'futur'")
    assert.has_error(function() c:dates { kind = "hegira" } end,
      "akhbar.Corpus:dates: opts.kind must be one of absolute, partial, relative, hijri, stamp, got 'hegira'")
  end)

  it("refuses a period that ends before it starts", function()
    assert.has_error(function() c:dates { from = "2015-09-01", to = "2015-08-01" } end,
      "akhbar.Corpus:dates: opts.from (2015-09-01) is after opts.to (2015-08-01)")
  end)

  it("keeps in c:search only the articles that mention a day of the period", function()
    local got = {}
    for h in c:search("أغسطس OR حملة OR حرب", { mentions = { from = "2015-08-20", to = "2015-08-25" } }) do
      got[#got + 1] = h.id
    end
    table.sort(got)
    assert.same({ ids[2], ids[3] }, got)
    assert.equal(2, c:count("أغسطس OR حملة OR حرب", { mentions = { from = "2015-08-20", to = "2015-08-25" } }))
    assert.equal(1, c:count(nil, { mentions = { from = "1990-05-01", to = "1990-05-01" } }))
  end)

  it("filters c:search mentions by role too", function()
    assert.equal(2, c:count(nil, { mentions = { role = "past" } }))
    assert.equal(1, c:count(nil, { mentions = { from = "2015-08", to = "2015-08", role = "future" } }))
  end)

  it("refuses a mentions option that is not a period", function()
    assert.has_error(function() c:search("حملة", { mentions = "2015-08" }) end,
      "akhbar.search: opts.mentions must be a table {from=, to=, role=}, got string")
    assert.has_error(function() c:search("حملة", { mentions = {} }) end,
      "akhbar.search: opts.mentions needs from, to or role (the days the articles talk about)")
    assert.has_error(function() c:search("حملة", { mentions = { from = "أمس" } }) end,
      "akhbar.search: opts.mentions.from must be a date as yyyy-mm-dd (or yyyy-mm, yyyy), got 'أمس'")
  end)
end)

describe("akhbar.dates_store.span", function()
  it("gives the first and last day of a day, a month (leap years too) and a year", function()
    assert.same({ "2015-08-12", "2015-08-12" }, { dates_store.span("2015-08-12") })
    assert.same({ "2016-02-01", "2016-02-29" }, { dates_store.span("2016-02") })
    assert.same({ "2015-02-01", "2015-02-28" }, { dates_store.span("2015-02") })
    assert.same({ "2015-01-01", "2015-12-31" }, { dates_store.span("2015") })
    assert.is_nil(dates_store.span("2015-13"))
    assert.is_nil(dates_store.span("2015-8-1"))
  end)

  it("counts days as the calendar does, both ways", function()
    for _, d in ipairs { { 1970, 1, 1, 0 }, { 2015, 8, 12, 16659 }, { 2000, 2, 29, 11016 }, { 1900, 3, 1, -25508 } } do
      assert.equal(d[4], dates_store.days(d[1], d[2], d[3]))
      assert.same({ d[1], d[2], d[3] }, { dates_store.civil(d[4]) })
    end
  end)
end)

describe("dates of the real corpus #corpus", function()
  local c, slice
  lazy_setup(function()
    slice = run.real_slice(300)
    if not slice then return end
    c = akhbar.open(":memory:")
    c:import(slice, { progress = false })
  end)
  lazy_teardown(function()
    if c then c:close() end
    if slice then os.remove(slice) end
  end)

  it("stores every mention with offsets that give back its text", function()
    if not c then return pending("the real corpus is absent") end
    local n = 0
    for r in c:rows("SELECT d.start, d.stop, d.text, a.text AS body FROM dates d JOIN articles a ON a.id = d.article") do
      assert.equal(r.text, r.body:sub(r.start, r.stop))
      n = n + 1
    end
    assert.is_true(n > 300)
  end)

  it("answers c:dates for the crawl weeks with mentions that overlap them", function()
    if not c then return pending("the real corpus is absent") end
    local n = 0
    for r in c:dates { from = "2015-07-20", to = "2015-08-11" } do
      assert.is_true(r.first <= "2015-08-11" and r.last >= "2015-07-20")
      n = n + 1
    end
    local want = c:one("SELECT count(*) AS n FROM dates WHERE first <= '2015-08-11' AND last >= '2015-07-20'").n
    assert.equal(want, n)
    assert.is_true(n > 0)
  end)
end)
