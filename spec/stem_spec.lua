-- akhbar.stem: light stemming ("light", the default) and proclitic removal
-- ("clitics") of a word, search-normalised first.  The rules are written
-- out in the header comment of src/stem.c; each `it` here is one of them.
local akhbar = require "akhbar"
local helper = require "helper"

local function stems(words, mode)
  local out = {}
  for i, w in ipairs(words) do out[i] = akhbar.stem(w, mode) end
  return out
end

describe("akhbar.stem", function()
  describe("clitics mode (names: proclitics only, never suffixes)", function()
    it("removes و ب ل and their combinations before a name", function()
      assert.same({ "لافروف", "سوريا", "دمشق", "موسكو", "بوتين", "لبنان", "واشنطن" },
        stems({ "ولافروف", "بسوريا", "لدمشق", "وبموسكو", "وبوتين", "ولبنان", "لواشنطن" }, "clitics"))
    end)

    it("removes the article ال too, alone or after و ف ب ك ل", function()
      assert.same({ "كرملين", "كرملين", "كرملين", "كرملين", "كرملين" },
        stems({ "الكرملين", "والكرملين", "بالكرملين", "فالكرملين", "للكرملين" }, "clitics"))
    end)

    it("works on raw input: the word is search-normalised first", function()
      assert.equal("سوريا", akhbar.stem("بسوريا", "clitics"))
      assert.equal("كرملين", akhbar.stem("والكرملين", "clitics"))
      assert.equal("مره", akhbar.stem("وللمرة", "clitics"))
    end)

    it("keeps the first letter of names that start like a proclitic", function()
      local names = { "بوتين", "لبنان", "واشنطن", "فلسطين", "فرنسا", "ليبيا", "كندا", "بغداد", "لافروف",
        "بريطانيا", "باريس", "بروكسل", "برلين" }
      assert.same(names, stems(names, "clitics"))
    end)

    it("keeps words whose first letter is radical (كتاب, وزارة, برنامج, لكنها, بطاطس)", function()
      assert.same({ "كتاب", "وزاره", "برنامج", "لكنها", "بطاطس" },
        stems({ "كتاب", "وزارة", "برنامج", "لكنها", "بطاطس" }, "clitics"))
    end)

    it("needs 4 letters after a proclitic without the article (وقال, ولكن stay)", function()
      assert.same({ "وقال", "ولكن", "بغزه", "كانت" }, stems({ "وقال", "ولكن", "بغزة", "وكانت" }, "clitics"))
    end)

    it("needs 2 letters after the article, and keeps الله whole", function()
      assert.same({ "حل", "الي", "الله" }, stems({ "الحل", "إلى", "الله" }, "clitics"))
    end)

    it("keeps the fused article of relative pronouns and الآن, إليه (exact words only)", function()
      assert.same({ "الذي", "التي", "الذين", "الان", "اليه", "الذي", "انتخابات" },
        stems({ "الذي", "التي", "الذين", "الآن", "إليه", "والذي", "الانتخابات" }, "clitics"))
    end)

    it("removes ك only in كال and ف only before another proclitic", function()
      assert.same({ "كبيره", "فيديو", "فبراير", "سياسه", "سوريا" },
        stems({ "كبيرة", "فيديو", "فبراير", "كالسياسة", "فبسوريا" }, "clitics"))
    end)

    it("does not remove ب before ي (بينما, بيروت, بيانات)", function()
      assert.same({ "بينما", "بيروت", "بيانات" }, stems({ "بينما", "بيروت", "بيانات" }, "clitics"))
    end)

    it("treats an article that is really إل- as part of the word (ألمانيا, إلكتروني)", function()
      assert.same({ "المانيا", "المانيا", "الكتروني" }, stems({ "ألمانيا", "وألمانيا", "إلكتروني" }, "clitics"))
    end)

    it("never removes a suffix", function()
      assert.same({ "عسكريين", "معلومات", "روسيه" }, stems({ "العسكريين", "والمعلومات", "الروسية" }, "clitics"))
    end)
  end)

  describe("light mode (search)", function()
    it("is the default mode", function()
      assert.equal(akhbar.stem("المعلومات", "light"), akhbar.stem("المعلومات"))
    end)

    it("removes proclitics and suffixes from seed words", function()
      assert.same({ "معلوم", "معارض", "خارج", "عسكر", "تنظيم", "قرار", "روس" },
        stems({ "المعلومات", "والمعارضة", "الخارجية", "العسكريين", "التنظيمات", "بالقرار", "الروسية" }))
    end)

    it("does not cut الكرملين to كرمل, nor بوتين to بوت", function()
      assert.same({ "كرملين", "بوتين", "كرملين" }, stems({ "الكرملين", "بوتين", "والكرملين" }))
    end)

    it("may reduce a nisba to the protected name (اللبنانية -> لبنان) but not below it", function()
      assert.same({ "لبنان", "لبنان" }, stems({ "اللبنانية", "لبنان" }))
    end)

    it("needs a 4-letter stem before ان ات ون ين (تعاون, يكون, قوات, بيان stay)", function()
      assert.same({ "تعاون", "سيكون", "قوات", "بيان", "بيان" },
        stems({ "للتعاون", "وسيكون", "قوات", "بيان", "بيانات" }))
    end)

    it("keeps names ending in الله whole (عبدالله, not عبدالل)", function()
      assert.same({ "عبدالله", "نصرالله" }, stems({ "عبدالله", "نصرالله" }))
    end)

    it("keeps ان after ست (باكستان, أفغانستان)", function()
      assert.same({ "باكستان", "افغانستان" }, stems({ "باكستان", "أفغانستان" }))
    end)

    it("returns non-Arabic words whole", function()
      assert.same({ "2254", "" }, stems({ "2254", "" }))
    end)
  end)

  describe("properties", function()
    it("the stem of every seed token is a substring of its norm", function()
      for n = 0, 4 do
        for _, mode in ipairs { "light", "clitics" } do
          for t in akhbar.tokens((helper.seed(n)), { stem = mode }) do
            assert.truthy(t.norm:find(t.stem, 1, true), t.norm .. " / " .. t.stem)
            assert.is_true(#t.stem > 0 or #t.norm == 0)
          end
        end
      end
    end)

    it("the protected heads in src/stem.c are sorted (binary search) and each stays whole", function()
      local f = assert(io.open("src/stem.c", "rb"))
      local src = f:read("a")
      f:close()
      local heads = {}
      for h in src:gmatch('[HX]%("([^"]+)"%)') do heads[#heads + 1] = h end
      assert.is_true(#heads > 100)
      for i = 2, #heads do assert.is_true(heads[i - 1] < heads[i], heads[i - 1] .. " >= " .. heads[i]) end
      for _, h in ipairs(heads) do assert.equal(h, akhbar.stem(h, "clitics")) end
    end)
  end)

  describe("bad input", function()
    it("rejects an unknown mode", function()
      assert.has_error(function() akhbar.stem("بسوريا", "heavy") end)
    end)

    it("raises on invalid UTF-8", function()
      assert.has_error(function() akhbar.stem("سو\255") end, "akhbar.stem: invalid UTF-8 at byte 5")
    end)

    it("rejects a missing word", function()
      assert.has_error(function() akhbar.stem() end)
    end)
  end)

  describe("compared with Snowball's Arabic stemmer", function()
    local build = os.getenv("AKHBAR_BUILD") or "./build"
    local helper_bin = build .. "/bench/snowball_stem"

    -- word, Snowball's stem, ours (light), why ours differs
    local cases = {
      { "الكرملين", "كرمل", "كرملين", "a protected name: ين is not cut from it" },
      { "بوتين", "وتين", "بوتين", "a protected name: ب is radical here" },
      { "بطاطس", "طاطس", "بطاطس", "ب is radical (protected head)" },
      { "واشنطن", "واشنط", "واشنطن", "Snowball strips final ن; ours has no such suffix and و is radical" },
      { "موسكو", "موسك", "موسكو", "ours never removes a final و" },
      { "والكتاب", "والكتاب", "كتاب", "Snowball never removes وال" },
      { "لدمشق", "لدمشق", "دمشق", "ours removes a lone ل when 4 letters remain" },
      { "بسوريا", "سوري", "سوريا", "ours has no final-ا suffix: the name stays whole" },
      { "للتعاون", "تعا", "تعاون", "ون needs a 4-letter stem" },
      { "وسيكون", "سيك", "سيكون", "ون needs a 4-letter stem" },
      { "المعلومات", "معلوم", "معلوم", "agreement" },
      { "التنظيمات", "تنظيم", "تنظيم", "agreement" },
    }

    it("differs where documented (needs " .. helper_bin .. ")", function()
      local probe = io.open(helper_bin, "rb")
      if not probe then
        error(("Snowball helper %s is missing: install libstemmer-dev and build it with "
          .. "`cmake -S . -B %s && cmake --build %s --target snowball_stem`"):format(helper_bin, build, build))
      end
      probe:close()
      local input = helper.tmpname(".txt")
      local f = assert(io.open(input, "wb"))
      for _, c in ipairs(cases) do f:write(c[1], "\n") end
      f:close()
      local p = assert(io.popen(helper_bin .. " < " .. input, "r"))
      local got = {}
      for line in p:lines() do got[#got + 1] = line end
      p:close()
      os.remove(input)
      for i, c in ipairs(cases) do
        assert.equal(c[2], got[i], "Snowball on " .. c[1])
        assert.equal(c[3], akhbar.stem(c[1]), "akhbar on " .. c[1] .. ": " .. c[4])
      end
    end)
  end)
end)
