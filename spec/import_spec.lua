-- Import: text files, directories, JSON Lines (.gz), CSV, batches, errors.
-- luacheck: max line length 160
-- luacheck: std +busted, ignore 512
local helper = require "helper"
local akhbar = require "akhbar"
local corpus = require "akhbar.corpus"

local write = helper.write_file

local json_string = helper.json_string

local function jsonl_record(t)
  local parts = {}
  for _, k in ipairs { "source", "url", "date_extracted", "title", "author", "content" } do
    if t[k] then parts[#parts + 1] = json_string(k) .. ": " .. json_string(t[k]) end
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function body(n) return (helper.seed(n)) end

describe("c:import", function()
  it("imports the seed directory: 5 articles with their headlines", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local s = c:import(helper.seeds_dir, { progress = false })
    assert.equal(5, s.added)
    assert.equal(0, s.failed)
    assert.equal("akhbar.Corpus (:memory:, 5 articles)", tostring(c))
    assert.equal("موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق", c:get(1).title)
    assert.equal("الكرملين: إن طلبت دمشق قوات روسية فسندرس الأمر", c:get(2).title)
    assert.equal("لافروف: روسيا تواصل تقديم المساعدة العسكرية للجيش السوري عبر قاعدتها العسكرية في حميميم", c:get(3).title)
    -- 003 has no headline: a dateline (موسكو – سانا) then the lead
    assert.matches("^أكد المتحدث الرسمي باسم الرئاسة الروسية", c:get(4).title)
    assert.matches("^akhbar%.Import: 5 added, 0 duplicates, 0 skipped, 0 failed", tostring(s))
  end)

  it("imports the seeds with the installed extensions too", function()
    local c <close> = akhbar.open(":memory:")
    local s = c:import(helper.seeds_dir, { progress = false })
    assert.equal(5, s.added, tostring(s.errors[1] and s.errors[1].message))
    assert.equal("موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق", c:get(1).title)
  end)

  it("is idempotent: a second import adds nothing", function()
    local p = helper.tmpname(".db")
    finally(function() helper.rm_db(p) end)
    local c = akhbar.open(p, { extensions = false })
    assert.equal(5, c:import(helper.seeds_dir, { progress = false }).added)
    c:close()
    local c2 <close> = akhbar.open(p, { extensions = false })
    local s = c2:import(helper.seeds_dir, { progress = false })
    assert.equal(0, s.added)
    assert.equal(5, s.duplicates)
    assert.equal(5, c2:count())
  end)

  it("imports one text file", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local _, path = helper.seed(2)
    assert.equal(1, c:import(path, { source = "sana" }).added)
    assert.equal("sana", c:get(1).source)
  end)

  it("imports JSON Lines, gzip-compressed, with the SaudiNewsNet fields", function()
    local p = helper.tmpname(".jsonl")
    finally(function() os.remove(p) os.remove(p .. ".gz") end)
    write(p, jsonl_record { source = "rt", url = "https://arabic.rt.com/1", date_extracted = "2015-09-18 10:00:00",
      title = "الكرملين مستعد", author = "موسكو", content = body(1) } .. "\n\n"
      .. jsonl_record { source = "sana", url = "http://sana.sy/2", title = "لافروف", content = body(2) } .. "\n")
    assert.truthy(os.execute("gzip -f " .. p))
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local s = c:import(p .. ".gz")
    assert.equal(2, s.added)
    local a = c:get(1)
    assert.same({ "rt", "https://arabic.rt.com/1", "2015-09-18 10:00:00", "الكرملين مستعد", "موسكو", body(1) },
      { a.source, a.url, a.crawled, a.title, a.author, a.text })
    assert.equal(2, c:count("سوريا", { from = "2015-09-18", to = "2015-09-18" }) + c:count("حميميم"))
  end)

  it("maps other field names with opts.fields", function()
    local p = helper.tmpname(".jsonl")
    finally(function() os.remove(p) end)
    write(p, '{"headline": "عنوان", "body": ' .. json_string(body(3)) .. ', "pub": "2015-09-18"}\n')
    local c <close> = akhbar.open(":memory:", { extensions = false })
    assert.equal(1, c:import(p, { fields = { title = "headline", text = "body", date = "pub" } }).added)
    assert.same({ "عنوان", "2015-09-18" }, { c:get(1).title, c:get(1).published })
  end)

  it("imports CSV with quoted multiline fields, commas and doubled quotes", function()
    local p = helper.tmpname(".csv")
    finally(function() os.remove(p) end)
    local text = body(4)
    write(p, 'title,source,date,text\r\n'
      .. '"روسيا، والولايات المتحدة",sana,2015-09-20,"' .. text:gsub('"', '""') .. '"\r\n'
      .. 'لافروف,"sana",2015-09-21,"قال لافروف ""نحن مقتنعون""\nسطر ثان"\r\n')
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local s = c:import(p)
    assert.equal(2, s.added, s.errors[1] and s.errors[1].message)
    assert.equal("روسيا، والولايات المتحدة", c:get(1).title)
    assert.equal(text, c:get(1).text)
    assert.equal('قال لافروف "نحن مقتنعون"\nسطر ثان', c:get(2).text)
    assert.equal("2015-09-21", c:get(2).published)
  end)

  it("fails a record with invalid UTF-8 alone, naming it, and imports the rest", function()
    local p = helper.tmpname(".jsonl")
    finally(function() os.remove(p) end)
    write(p, jsonl_record { title = "1", content = body(1) } .. "\n"
      .. jsonl_record { title = "2", content = "روسيا \255\254 سوريا" } .. "\n"
      .. "{not json}\n"
      .. jsonl_record { title = "4", content = body(2) } .. "\n")
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local s = c:import(p)
    assert.equal(2, s.added)
    assert.equal(2, s.failed)
    assert.same({ 2, 2, "field 'text': invalid UTF-8 at byte 12" }, { s.errors[1].record, s.errors[1].line, s.errors[1].message })
    assert.equal(3, s.errors[2].record)
    assert.matches("^malformed JSON", s.errors[2].message)
  end)

  it("rolls back only the batch in which an extension raised, and reports the record", function()
    corpus.extend {
      name = "spec_fail",
      analyze = function(_, a) if a.title == "boom" then error("spec_fail: cannot analyze") end end,
    }
    finally(function() corpus.unextend("spec_fail") end)
    local p = helper.tmpname(".jsonl")
    finally(function() os.remove(p) end)
    local recs = {}
    for i = 0, 4 do recs[#recs + 1] = jsonl_record { title = "t" .. i, content = body(i) } end
    -- batches of 2: [1 2] [3 4] [5 6]: record 4 fails, so 3 and 4 are rolled back
    recs[4] = jsonl_record { title = "boom", content = "قال لافروف إن روسيا لا تنوي إرسال قوات" }
    table.insert(recs, jsonl_record { title = "t5", content = "أعلن الكرملين أن موسكو مستعدة للحوار" })
    write(p, table.concat(recs, "\n") .. "\n")
    local c <close> = akhbar.open(":memory:")
    local s = c:import(p, { batch = 2 })
    assert.equal(4, s.added) -- records 1, 2, 5, 6
    assert.equal(2, s.failed)
    assert.equal(4, s.errors[1].record)
    assert.equal(2, s.errors[1].rolled_back)
    assert.matches("spec_fail: cannot analyze", s.errors[1].message)
    assert.equal(4, c:count())
    assert.equal(0, c:count('"t2" OR "boom"'))
    -- re-running after the cause is gone adds exactly what was rolled back
    corpus.unextend("spec_fail")
    local s2 = c:import(p, { batch = 2 })
    assert.same({ 2, 4 }, { s2.added, s2.duplicates })
  end)

  it("calls opts.progress with counts and bytes", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    local last
    c:import(helper.seeds_dir, { batch = 2, progress = function(info) last = info end })
    assert.equal(5, last.records)
    assert.equal(5, last.added)
    assert.truthy(last.bytes > 20000)
    assert.is_number(last.mbps)
  end)

  it("reports a missing path clearly", function()
    local c <close> = akhbar.open(":memory:", { extensions = false })
    assert.has_error(function() c:import("/nonexistent/akhbar/corpus") end,
      "akhbar.import: cannot read /nonexistent/akhbar/corpus: no such file or directory (check the path)")
  end)

  it("converts legacy encodings with opts.encoding", function()
    local p = helper.tmpname(".txt")
    finally(function() os.remove(p) end)
    -- «روسيا تدعم سوريا» in windows-1256
    write(p, "\199\225\222\227\201\13\10\209\230\211\237\199 \202\207\218\227 \211\230\209\237\199\13\10")
    local c <close> = akhbar.open(":memory:", { extensions = false })
    assert.equal(1, c:import(p, { encoding = "windows-1256" }).added)
    assert.equal(1, c:count("سوريا"))
  end)

  describe("on SaudiNewsNet", function()
    it("imports the first 2,000 lines, counts them and finds clitic forms", function()
      if not helper.have_real_corpus() then pending("../shared/corpus/saudinewsnet.jsonl.gz absent") return end
      local p = helper.tmpname(".jsonl")
      finally(function() os.remove(p) end)
      assert.truthy(os.execute(("gzip -dc %s | head -n 2000 > %s"):format(helper.real_corpus, p)))
      local c <close> = akhbar.open(":memory:", { extensions = false })
      local s = c:import(p)
      assert.equal(2000, s.records)
      assert.equal(2000, s.added + s.duplicates + s.failed)
      assert.equal(s.added, c:count())
      assert.truthy(s.added > 1800)
      for _, e in ipairs(s.errors) do assert.equal("empty text", e.message) end
      local with_clitic = c:count("بسوريا OR لسوريا OR وسوريا", { exact = true })
      assert.truthy(with_clitic > 0)
      assert.truthy(c:count("سوريا") > c:count("سوريا", { exact = true }))
      local hit = c:search("وزير الخارجية", { limit = 1 })()
      assert.matches("%[وزير%]", hit.snippet)
    end)
  end)
end)
