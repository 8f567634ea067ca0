-- akhbar.dates: date expressions of Arabic news, on the seed articles.
local akhbar = require "akhbar"
local helper = require "helper"

local function all(text, opts) return helper.collect(akhbar.dates(text, opts)) end
local function find(ds, surface) return helper.find_by(ds, "text", surface) end

describe("akhbar.dates", function()
  local seed0 = (helper.seed(0))
  local ds0 = all(seed0)

  it("recognises the page stamp «23-11-2024 10:39 AM بتوقيت القدس المحتلة» as a page clock", function()
    local d = ds0[1]
    assert.equal("stamp", d.kind)
    assert.equal("stamp", d.role)
    assert.equal("2024-11-23", d.date)
    assert.equal(10, d.hour)
    assert.equal(39, d.minute)
    assert.equal(1, d.start)
    assert.equal("23-11-2024 10:39 AM بتوقيت", seed0:sub(d.start, d.stop))
  end)

  it("infers 2015 for «الخميس 10 سبتمبر/أيلول» from the weekday, bounded by the year 2012 named in the text", function()
    local d = find(ds0, "الخميس 10 سبتمبر/أيلول")
    assert.truthy(d)
    assert.equal("2015-09-10", d.date)
    assert.equal("inferred", d.evidence)
    assert.equal(4, d.weekday)
    local s = seed0:find("الخميس 10 سبتمبر/أيلول", 1, true)
    assert.equal(s, d.start)
    assert.equal(s + #"الخميس 10 سبتمبر/أيلول" - 1, d.stop)
  end)

  it("reads «30 يونيو/حزيران من العام 2012» as an explicit date", function()
    local d = find(ds0, "يوم 30 يونيو/حزيران من العام 2012")
    assert.truthy(d)
    assert.equal("2012-06-30", d.date)
    assert.equal("explicit", d.evidence)
  end)

  it("resolves «يوم السبت الماضي» against the article date", function()
    local d = find(ds0, "يوم السبت الماضي")
    assert.equal("relative", d.kind)
    assert.equal("2015-09-05", d.date)
  end)

  it("reads «الجمعة 18 سبتمبر/ايلول» (hamza-less أيلول) with a crawl anchor", function()
    local ds = all((helper.seed(1)), { crawled = "2015-09-20" })
    local d = find(ds, "الجمعة 18 سبتمبر/ايلول")
    assert.equal("2015-09-18", d.date)
    assert.equal(5, d.weekday)
  end)

  it("reads «الثلاثين من حزيران عام2012» (ordinal day, glued year)", function()
    local d = find(all((helper.seed(3))), "الثلاثين من حزيران عام2012")
    assert.equal("2012-06-30", d.date)
  end)

  it("reads «نيسان 2014» as a month", function()
    local d = find(all((helper.seed(3))), "نيسان 2014")
    assert.equal("2014-04", d.date)
    assert.is_nil(d.day)
  end)

  it("does not take «روسيا اليوم» (the channel) for today", function()
    local s3 = (helper.seed(3))
    local at = s3:find("روسيا اليوم", 1, true) + #"روسيا "
    for _, d in ipairs(all(s3)) do assert.are_not.equal(at, d.start) end
  end)

  it("reads «أمس الأول» as two days back", function()
    local d = find(all((helper.seed(4)), { published = "2016-03-30" }), "أمس الأول")
    assert.equal(-2, d.relative)
    assert.equal("2016-03-28", d.date)
  end)

  it("reads both month systems and the hamza variants", function()
    local cases = {
      { "1 كانون الثاني 2015", "2015-01-01" }, { "2 شباط 2015", "2015-02-02" }, { "3 آذار 2015", "2015-03-03" },
      { "3 اذار 2015", "2015-03-03" }, { "4 نيسان 2015", "2015-04-04" }, { "5 أيار 2015", "2015-05-05" },
      { "5 ايار 2015", "2015-05-05" }, { "6 حزيران 2015", "2015-06-06" }, { "7 تموز 2015", "2015-07-07" },
      { "8 آب 2015", "2015-08-08" }, { "8 اب 2015", "2015-08-08" }, { "9 أيلول 2015", "2015-09-09" },
      { "9 ايلول 2015", "2015-09-09" }, { "10 تشرين الأول 2015", "2015-10-10" },
      { "11 تشرين الثاني 2015", "2015-11-11" }, { "12 كانون الأول 2015", "2015-12-12" },
      { "13 يناير 2015", "2015-01-13" }, { "14 فبراير 2015", "2015-02-14" }, { "15 مارس 2015", "2015-03-15" },
      { "16 أبريل 2015", "2015-04-16" }, { "17 مايو 2015", "2015-05-17" }, { "18 يونيو 2015", "2015-06-18" },
      { "19 يوليو 2015", "2015-07-19" }, { "20 أغسطس 2015", "2015-08-20" }, { "21 سبتمبر 2015", "2015-09-21" },
      { "22 أكتوبر 2015", "2015-10-22" }, { "23 نوفمبر 2015", "2015-11-23" }, { "24 ديسمبر 2015", "2015-12-24" },
    }
    for _, c in ipairs(cases) do
      local ds = all("في " .. c[1] .. " وقع")
      assert.equal(1, #ds, c[1])
      assert.equal(c[2], ds[1].date, c[1])
      assert.equal(c[1], ds[1].text)
    end
  end)

  it("reads numeric dates dd-mm-yyyy, yyyy-mm-dd and dd/mm/yyyy", function()
    local ds = all("صدر في 10-09-2015 ثم 2015-09-11 ثم 12/09/2015.")
    assert.same({ "2015-09-10", "2015-09-11", "2015-09-12" }, { ds[1].date, ds[2].date, ds[3].date })
  end)

  it("reads Arabic-Indic digits", function()
    local ds = all("الخميس ١٠ سبتمبر ٢٠١٥")
    assert.equal("2015-09-10", ds[1].date)
    assert.equal(4, ds[1].weekday)
  end)

  it("converts Hijri dates marked هـ with the Umm al-Qura calendar", function()
    local ds = all("في 15 رمضان 1436 هـ وفي 1436/10/1هـ")
    assert.equal("2015-07-02", ds[1].date)
    assert.equal("hijri", ds[1].calendar)
    assert.same({ 1436, 9, 15 }, ds[1].hijri)
    assert.equal("2015-07-17", ds[2].date)
  end)

  it("reads a year alone after عام/العام", function()
    local ds = all("منذ عام2012 ومن العام 2013")
    assert.equal("2012", ds[1].date)
    assert.equal("عام2012", ds[1].text)
    assert.equal("2013", ds[2].date)
    assert.equal("العام 2013", ds[2].text)
  end)

  it("resolves «اليوم (الاثنين)» to the Monday before the crawl date", function()
    local ds = all("قال اليوم (الاثنين) إن", { crawled = "2015-07-21 02:51:32" })
    assert.equal("2015-07-20", ds[1].date)
  end)

  it("rejects impossible dates (31 February keeps only its month)", function()
    local ds = all("31 فبراير 2015 و 2015-13-01")
    assert.equal(1, #ds)
    assert.equal("2015-02", ds[1].date)
    assert.equal("فبراير 2015", ds[1].text)
  end)

  it("finds nothing in text without dates and survives invalid UTF-8", function()
    assert.same({}, all("بحث وزير الخارجية الروسي"))
    assert.same({}, all("\255\254 10 \192"))
  end)

  it("raises on a non-string argument", function()
    assert.has_error(function() akhbar.dates(42) end, "akhbar.dates: text expected, got number")
  end)
end)

describe("akhbar.core date primitives", function()
  local core = require "akhbar.core"
  it("computes weekdays (0 = Sunday)", function()
    assert.equal(4, core.weekday(2015, 9, 10))
  end)
  it("checks Gregorian dates with the scanner's own test (date_valid), false when a part is missing", function()
    assert.is_true(core.date_valid(2016, 2, 29))
    assert.is_false(core.date_valid(2015, 2, 29))
    assert.is_false(core.date_valid(2015, 13, 1))
    assert.is_false(core.date_valid(2015, 8, nil))
    assert.is_false(core.date_valid(2 ^ 40, 1, 1))
    assert.has_error(function() core.date_valid("x", 1, 1) end)
  end)
  it("infers the year nearest the preferred one", function()
    assert.equal(2015, core.infer_year(9, 10, 4, 2012, 2024, 2012))
    assert.equal(2020, core.infer_year(9, 10, 4, 2012, 2024, 2024))
    assert.is_nil(core.infer_year(2, 30, 1, 2000, 2030, 2015))
  end)
end)
