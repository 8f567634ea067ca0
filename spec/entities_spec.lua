-- akhbar.entities: matching the gazetteer over real text (the seeds).
local akhbar = require "akhbar"
local gazetteer = require "akhbar.gazetteer"
local helper = require "helper"

local function all(text, g)
  local out = {}
  for m in akhbar.entities(text, g) do
    assert.equal(m.surface, text:sub(m.start, m.stop))
    out[#out + 1] = m
  end
  return out
end

local function ids(text, g)
  local out = {}
  for _, m in ipairs(all(text, g)) do out[#out + 1] = m.id end
  return out
end

local seeds = {}
for i = 0, 4 do seeds[i] = helper.seed(i) end
local all_seeds = table.concat(seeds, "\n", 0, 4)

describe("akhbar.entities over the seeds", function()
  -- every name the issue lists, with the entity it must give
  local listed = {
    { "سيرغي لافروف", "lavrov" }, { "دميتري بيسكوف", "peskov" },
    { "ديمتري بيسكوف", "peskov" }, { "جون كيري", "kerry" }, { "وليد المعلم", "muallem" },
    { "ماريا زاخاروفا", "zakharova" }, { "فلاديمير بوتين", "putin" }, { "الكرملين", "kremlin" },
    { "داعش", "isis" }, { "جبهة النصرة", "nusra" }, { "هيئة تحرير الشام", "hts" },
    { "البنتاغون", "pentagon" }, { "مجلس الأمن الدولي", "unsc" }, { "سوريا", "syria" },
    { "سورية", "syria" }, { "موسكو", "moscow" }, { "دمشق", "damascus" }, { "حميميم", "hmeimim" },
    { "تدمر", "palmyra" }, { "الرقة", "raqqa" }, { "دير الزور", "deir_ezzor" },
  }
  for _, case in ipairs(listed) do
    it("finds " .. case[1] .. " in the seeds with exact offsets", function()
      local found = false
      for _, m in ipairs(all(all_seeds)) do
        -- the name as the surface, inside a longer name (الرئيس الروسي
        -- فلاديمير بوتين), or after a proclitic (ولافروف -> لافروف)
        local written = all_seeds:sub(m.start - 2, m.stop)
        if m.surface == case[1] or m.surface:find(case[1], 1, true) or written == case[1] then
          assert.equal(case[2], m.id)
          found = true
        end
      end
      assert.is_true(found)
    end)
  end

  it("finds تنظيم \"داعش\" as داعش inside the quotes", function()
    local text = 'مواجهة تنظيم "داعش" الإرهابي'
    local ms = all(text)
    assert.equal(1, #ms)
    assert.equal("داعش", ms[1].surface)
  end)

  it("prefers the longest name: سيرغي لافروف over لافروف, مجلس الأمن الدولي over مجلس الأمن", function()
    local ms = all("وزير الخارجية الروسي سيرغي لافروف أمام مجلس الأمن الدولي")
    assert.equal("سيرغي لافروف", ms[1].surface)
    assert.equal("مجلس الأمن الدولي", ms[2].surface)
    assert.equal(2, #ms)
  end)

  it("never matches the nisba الروسي or الروسية as روسيا", function()
    local text = "وزير الخارجية الروسي والخارجية الروسية والجيش الروسي والروس"
    for _, m in ipairs(all(text)) do assert.are_not.equal("russia", m.id) end
    for _, m in ipairs(all(seeds[0])) do
      if m.id == "russia" then assert.equal("روسيا", m.surface) end
    end
  end)

  it("tries a lone proclitic before a three-letter name (وحلب, بقطر)", function()
    assert.same({ "aleppo", "qatar", "aden" }, ids("وحلب بقطر لعدن"))
  end)

  it("strips proclitics and reports the name without them", function()
    local text = "ولافروف بموسكو لدمشق والكرملين وبسوريا"
    local ms = all(text)
    local got = {}
    for _, m in ipairs(ms) do got[#got + 1] = m.id .. "=" .. m.surface end
    assert.same({ "lavrov=لافروف", "moscow=موسكو", "damascus=دمشق", "kremlin=الكرملين",
      "syria=سوريا" }, got)
    assert.equal(3, ms[1].start) -- after the two bytes of و
  end)

  it("matches ل + ال written لل and starts the surface after it", function()
    local ms = all("وقال للكرملين")
    assert.equal("kremlin", ms[1].id)
    assert.equal("كرملين", ms[1].surface)
  end)

  it("matches both ديمتري and دميتري بيسكوف as the same entity", function()
    assert.same({ "peskov", "peskov", "peskov" }, ids("ديمتري بيسكوف. دميتري بيسكوف. ديميتري بيسكوف"))
  end)

  it("matches the transliteration variants سيرغي/سيرجي/سيرگي لافروف", function()
    assert.same({ "lavrov", "lavrov", "lavrov" }, ids("سيرغي لافروف، سيرجي لافروف، سيرگي لافروف"))
    local ms = all("سيرگي لافروف")
    assert.equal("سيرگي لافروف", ms[1].surface)
  end)

  it("does not fold native names marked novariant", function()
    assert.same({ "jubeir" }, ids("عادل الجبير والمسجد الكبير"))
  end)

  it("gives offsets into the original text, harakat and tatweel included", function()
    local text = "قال لاڤروف وقال لافـروف ثم سِيرْغِي لافْرُوف"
    local ms = all(text)
    assert.equal(3, #ms)
    assert.equal("لافـروف", ms[2].surface)
    assert.equal("سِيرْغِي لافْرُوف", ms[3].surface)
  end)

  it("numbers sentences from 1 at . ؟ ! and line breaks", function()
    local ms = all("لافروف في موسكو. كيري في جنيف؟ بوتين\nأوباما")
    local s = {}
    for _, m in ipairs(ms) do s[#s + 1] = m.sentence end
    assert.same({ 1, 1, 2, 2, 3, 4 }, s)
  end)

  it("does not join a name across a sentence boundary", function()
    assert.same({ "lavrov" }, ids("قال سيرغي.\nلافروف"))
  end)

  it("streams tables with id, type, name, surface, start, stop, sentence", function()
    local it_ = akhbar.entities("وقال لافروف إن موسكو تدعم دمشق في مواجهة داعش")
    local m = it_()
    assert.same({ "lavrov", "person", "سيرغي لافروف", "لافروف", 10, 21, 1 },
      { m.id, m.type, m.name, m.surface, m.start, m.stop, m.sentence })
  end)

  it("accepts a user gazetteer instead of the default", function()
    local g = gazetteer.new { { id = "x", type = "other", name = "نوفوروسيسك" } }
    assert.same({ "x", "x" }, ids(seeds[1], g))
  end)

  it("raises on invalid UTF-8 and on a non-string", function()
    assert.has_error(function() akhbar.entities("لافروف \xff") end)
    assert.has_error(function() akhbar.entities(42) end)
  end)

  it("finds the same names after its word cache has grown from small to full", function()
    -- a matcher starts with a cache of 1,024 words and maps the full one
    -- after 4,096 misses: the text below has 6,000 distinct made-up words
    local g = gazetteer.new {
      { id = "lavrov", type = "person", name = "سيرغي لافروف", aliases = { "لافروف" } },
      { id = "damascus", type = "place", name = "دمشق" },
      { id = "unsc", type = "org", name = "مجلس الأمن" },
    }
    local before = ids(all_seeds, g)
    assert.is_true(#before >= 10)
    local letters = { "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ" }
    local words = {}
    for i = 1, 6000 do
      local w, k = {}, i
      repeat
        w[#w + 1] = letters[k % #letters + 1]
        k = k // #letters
      until k == 0
      words[#words + 1] = "م" .. table.concat(w) .. "ون"
      if i % 500 == 0 then words[#words + 1] = "ولافروف في دمشق." end
    end
    local filler = table.concat(words, " ")
    local found = ids(filler, g)
    assert.equal(24, #found) -- 12 x (lavrov, damascus)
    assert.same(before, ids(all_seeds, g))
    assert.same(found, ids(filler, g))
  end)

  it("sees a name added after the first match (the token cache is dropped)", function()
    local g = gazetteer.new { { id = "a", type = "place", name = "دمشق" } }
    assert.same({ "a" }, ids("دمشق وحلب", g))
    g:add { id = "b", type = "place", name = "حلب" }
    assert.same({ "a", "b" }, ids("دمشق وحلب", g))
  end)
end)

describe("akhbar.entities over SaudiNewsNet", function()
  local have = helper.have_real_corpus()
  local text
  if have then
    local p = io.popen("gzip -dc '" .. helper.real_corpus .. "' | head -n 3000")
    text = p:read("a")
    p:close()
    text = text:gsub("\\n", "\n"):gsub('\\"', '"')
  end

  local function check(name, f) if have then it(name, f) else pending(name .. " (no real corpus)") end end

  check("gives surfaces equal to the original bytes for every match in 3,000 records", function()
    local n = 0
    for m in akhbar.entities(text) do
      assert.equal(m.surface, text:sub(m.start, m.stop))
      n = n + 1
    end
    assert.truthy(n > 10000)
  end)

  check("finds the Houthis in their real written forms", function()
    local forms = {}
    for m in akhbar.entities(text) do
      if m.id == "houthis" then forms[m.surface] = true end
    end
    assert.is_true(forms["الحوثي"] and forms["الحوثيين"] and true or false)
  end)
end)
