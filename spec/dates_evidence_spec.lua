-- The publication day and the dates a story mentions (issue 15): the order
-- of evidence, and each failure seen on SaudiNewsNet kept as a case.
local akhbar = require "akhbar"
local helper = require "helper"

-- iso plus k days
local function dateadd(iso, k)
  local core = require "akhbar.core"
  local y, m, d = iso:match("(%d+)-(%d+)-(%d+)")
  local z = core.days_from_civil(tonumber(y), tonumber(m), tonumber(d)) + k
  return ("%04d-%02d-%02d"):format(core.civil_from_days(z))
end

local function all(text, opts)
  local out = {}
  for d in akhbar.dates(text, opts) do out[#out + 1] = d end
  return out
end

local function find(ds, surface)
  for _, d in ipairs(ds) do if d.text == surface then return d end end
end

local MEETING = "أعلنت الهيئة أن اجتماع الجمعية العمومية سيعقد يوم الأربعاء المقبل 12 أغسطس في الرياض، "
  .. "بعد أن تأجل اجتماعها الذي كان مقررا في 3 مارس 2014."

describe("the publication day", function()
  it("keeps the crawl date when the body announces a meeting on «12 أغسطس» (not 2014-08-12)", function()
    local d = akhbar.parse(MEETING, { crawled = "2015-08-09 10:21:00" })
    assert.equal("2015-08-09", d.date)
    assert.equal("crawl", d.date_evidence)
    assert.equal(0.8, d.date_confidence)
    local m = find(d.dates, "يوم الأربعاء المقبل 12 أغسطس")
    assert.truthy(m, "the meeting day is one expression")
    assert.equal("2015-08-12", m.value)
    assert.equal("future", m.role)
  end)

  it("resolves «يوم 12 أغسطس المقبل» forward from the published day", function()
    local ds = all("يعقد الاجتماع يوم 12 أغسطس المقبل", { published = "2015-08-10" })
    assert.equal(1, #ds)
    assert.equal("2015-08-12", ds[1].value)
    assert.equal("partial", ds[1].kind)
  end)

  it("takes the outlet's date from the URL before the crawl date", function()
    local cases = {
      { "http://www.okaz.com.sa/new/Issues/20150720/Con20150720784687.htm", "2015-07-20" },
      { "http://www.al-jazirah.com/2015/20150721/fe1.htm", "2015-07-21" },
      { "http://www.aleqt.com/2015/07/20/article_974922.html", "2015-07-20" },
      { "https://example.com/news/2015-07-26/story", "2015-07-26" },
      { "https://example.com/article.php?id=7&date=2015-07-26", "2015-07-26" },
    }
    for _, c in ipairs(cases) do
      local d = akhbar.parse("قال الوزير أمس إن المشروع اكتمل.", { url = c[1], crawled = "2015-07-27 02:00:00" })
      assert.equal(c[2], d.date, c[1])
      assert.equal("url", d.date_evidence, c[1])
      assert.equal(0.95, d.date_confidence)
      assert.equal(dateadd(c[2], -1), d.dates[1].value, "«أمس» is the day before the URL date")
    end
  end)

  it("ignores digits in a URL that are no date, and a URL date after the crawl", function()
    assert.is_nil(akhbar.url_date("http://www.okaz.com.sa/new/Issues/Con784687.htm"))
    assert.is_nil(akhbar.url_date("http://example.com/2015/13/40/x"))
    local d = akhbar.parse("نص الخبر", { url = "http://example.com/2016/01/05/x", crawled = "2015-07-27 02:00:00" })
    assert.equal("crawl", d.date_evidence)
  end)

  it("never lets a body date replace the crawl date because the body mentions another day", function()
    local d = akhbar.parse("وقع الزلزال الأول في 12 مارس 2003، وقال الخبراء اليوم إن المنطقة ما زالت نشطة.",
      { crawled = "2015-08-01 08:00:00" })
    assert.equal("2015-08-01", d.date)
    assert.equal("crawl", d.date_evidence)
  end)

  it("dates seed 000 2015-09-10: its page clock of 2024 is years after everything it reports", function()
    local d = akhbar.parse((helper.seed(0)))
    assert.equal("2015-09-10", d.date)
    assert.equal("body", d.date_evidence)
    assert.equal("2024-11-23", d.crawled)
  end)

  it("keeps a given date whatever the body says", function()
    local d = akhbar.parse(MEETING, { published = "2015-08-10", crawled = "2015-09-01" })
    assert.equal("2015-08-10", d.date)
    assert.equal("given", d.date_evidence)
    assert.equal(1.0, d.date_confidence)
  end)

  it("moves a late crawl back to the day the lead names: «اليوم (الأربعاء)»", function()
    local d = akhbar.parse("صلب التنظيم اليوم (الأربعاء) أربعة أشخاص في مدينة الميادين.",
      { crawled = "2015-07-21 02:00:00" })
    assert.equal("2015-07-15", d.date)
    assert.equal("weekday", d.date_evidence)
  end)
end)

describe("dates mentioned", function()
  local P = { published = "2015-07-23" }

  it("resolves relative years and months against the published day", function()
    local ds = all("ارتفعت الأرباح العام الماضي، وتراجعت هذا العام، وزادت في الشهر الماضي، وستعلن العام المقبل 2016.", P)
    assert.equal("2014", find(ds, "العام الماضي").value)
    assert.equal("year", find(ds, "العام الماضي").granularity)
    assert.equal("relative", find(ds, "العام الماضي").kind)
    assert.equal("2015", find(ds, "هذا العام").value)
    assert.equal("2015-06", find(ds, "الشهر الماضي").value)
    local y = find(ds, "العام المقبل 2016")
    assert.equal("2016", y.value)
    assert.equal("absolute", y.kind)
    assert.equal("future", y.role)
  end)

  it("reads month names with a direction, in both month systems and without hamza", function()
    local ds = all("وقع ذلك في اغسطس الماضي، وسيعقد المؤتمر في أيلول (سبتمبر) المقبل، منذ ديسمبر", P)
    assert.equal("2014-08", find(ds, "اغسطس الماضي").value)
    assert.equal("2015-09", find(ds, "أيلول (سبتمبر) المقبل").value)
    assert.equal("2014-12", find(ds, "ديسمبر").value)
  end)

  it("does not read «باب» (door) nor «ملعب إبريل كول» as months", function()
    assert.same({}, all("وقفت الطالبات في باب المدرسة", P))
    assert.same({}, all("أجرى الفريق تدريبا على ملعب إبريل كول", P))
  end)

  it("converts Hijri dates with Umm al-Qura, with and without a year", function()
    local ds = all("بدأ التسجيل في 10 شوال 1436هـ وانتهى 13شعبان، وفي رمضان، ويستمر حتى 1437هـ", P)
    assert.equal("2015-07-26", find(ds, "10 شوال 1436هـ").value)
    assert.equal("hijri", find(ds, "10 شوال 1436هـ").kind)
    assert.equal("2015-05-31", find(ds, "13شعبان").value)
    assert.equal("2015-06-18..2015-07-16", find(ds, "رمضان").value)
    assert.equal("2015-10-14", find(ds, "1437هـ").first)
  end)

  it("checks a Hijri date against the Gregorian date paired with it", function()
    local ds = all("الأحد 10/10/1436هـ الموافق 2015/7/26م", P)
    assert.equal("2015-07-26", ds[1].value)
    assert.equal("agrees", ds[1].pair)
    assert.equal("agrees", ds[2].pair)
    ds = all("الأحد 10/10/1436هـ الموافق 2015/7/29م", P)
    assert.equal("disagrees", ds[1].pair)
  end)

  it("reads Arabic-Indic digits", function()
    local ds = all("في ١٢ أغسطس ٢٠١٥", P)
    assert.equal("2015-08-12", ds[1].value)
  end)

  it("reads ranges as one expression", function()
    local ds = all("من 10 إلى 15 أغسطس، وبين عامي 2010 و2014، ومن 19 رمضان وحتى 21 شوال", P)
    assert.equal("2015-08-10..2015-08-15", find(ds, "10 إلى 15 أغسطس").value)
    assert.equal("range", find(ds, "10 إلى 15 أغسطس").granularity)
    assert.equal("2010..2014", find(ds, "عامي 2010 و2014").value)
    assert.equal("2015-07-06..2015-08-06", find(ds, "19 رمضان وحتى 21 شوال").value)
  end)

  it("reads «مطلع/منتصف/أواخر» with the month or year they qualify", function()
    local ds = all("منتصف الشهر الجاري، ومطلع 2016، وأواخر مايو الماضي", P)
    local m = find(ds, "منتصف الشهر الجاري")
    assert.equal("2015-07", m.value)
    assert.equal(2, m.part)
    assert.equal("2016", find(ds, "ومطلع 2016").value)
    assert.equal(1, find(ds, "ومطلع 2016").part)
    assert.equal("2015-05", find(ds, "وأواخر مايو الماضي").value)
  end)

  it("reads a bare year after a cue word, never a count", function()
    local ds = all("تأسست الشركة في 2006 ودفعت في 2000 ريال", P)
    assert.equal(1, #ds)
    assert.equal("2006", ds[1].value)
    assert.equal("past", ds[1].role)
  end)

  it("gives roles against the published day", function()
    local ds = all("وصل الوفد أمس، وسيغادر غدا، وكان قد زار البلاد عام 1995", P)
    assert.equal("news", find(ds, "أمس").role)
    assert.equal("2015-07-22", find(ds, "أمس").value)
    assert.equal("future", find(ds, "غدا").role)
    assert.equal("past", find(ds, "عام 1995").role)
  end)

  it("gives offsets into the original text", function()
    local text = "قال الوزير أمس الثلاثاء إن العام الماضي كان صعبا"
    for _, d in ipairs(all(text, { published = "2015-08-05" })) do
      assert.equal(d.text, text:sub(d.start, d.stop))
    end
    assert.equal("2015-08-04", all(text, { published = "2015-08-05" })[1].value)
  end)
end)

describe("the publication day on SaudiNewsNet articles with a URL date", function()
  local path = helper.real_corpus
  local run = helper.have_real_corpus() and it or pending
  run("is within a day of the URL date for every article, and no worse than the crawl date without the URL #corpus", function()
    package.path = "./tools/?.lua;" .. package.path
    local jsonl = require "jsonl"
    local core = require "akhbar.core"
    local lines = assert(core.lines_open(path))
    local n, with_url, without_url, crawl_only = 0, 0, 0, 0
    local function near(a, b)
      if not a then return false end
      local ay, am, ad = a:match("(%d+)-(%d+)-(%d+)")
      local by, bm, bd = b:match("(%d+)-(%d+)-(%d+)")
      return math.abs(core.days_from_civil(tonumber(ay), tonumber(am), tonumber(ad))
        - core.days_from_civil(tonumber(by), tonumber(bm), tonumber(bd))) <= 1
    end
    while n < 1500 do
      local line = lines:next()
      if not line then break end
      local r = jsonl.decode(line)
      local truth = (r.source == "okaz" or r.source == "aljazirah" or r.source == "aleqtisadiya") and akhbar.url_date(r.url)
      if truth and r.content and r.content ~= "" then
        n = n + 1
        if near(akhbar.parse(r.content, { url = r.url, crawled = r.date_extracted, quotes = false }).date, truth) then
          with_url = with_url + 1
        end
        if near(akhbar.parse(r.content, { crawled = r.date_extracted, quotes = false }).date, truth) then
          without_url = without_url + 1
        end
        if near(r.date_extracted:sub(1, 10), truth) then crawl_only = crawl_only + 1 end
      end
    end
    lines:close()
    assert.is_true(n >= 1000)
    assert.equal(n, with_url)
    assert.is_true(without_url >= crawl_only, ("%d < %d"):format(without_url, crawl_only))
  end)
end)
