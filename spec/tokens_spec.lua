-- akhbar.tokens: a streaming tokenizer over the ORIGINAL text.
local akhbar = require "akhbar"
local helper = require "helper"

-- All tokens of s as a list of tables (the iterator itself never builds one).
local function collect(s, opts) return helper.collect(akhbar.tokens(s, opts)) end

-- "text/kind" of every token, for compact expectations.
local function shape(s, opts)
  local out = {}
  for t in akhbar.tokens(s, opts) do out[#out + 1] = t.text .. "/" .. t.kind end
  return out
end

-- The line of seed n that contains `needle` (to quote real text only).
local function seed_line(n, needle)
  for line in (helper.seed(n) .. "\n"):gmatch("(.-)\n") do
    if line:find(needle, 1, true) then return line end
  end
  error("seed " .. n .. " has no line with " .. needle)
end

describe("akhbar.tokens", function()
  describe("on a quoted sentence of seed 002", function()
    local s = "وأضاف لافروف: “نحن مقتنعون"
    assert(seed_line(2, s))
    local toks = collect(s)

    it("splits words from the colon and the opening quote attached to them", function()
      assert.same({ "وأضاف/arabic", "لافروف/arabic", ":/punct", "“/punct", "نحن/arabic", "مقتنعون/arabic" },
        shape(s))
    end)

    it("reports 1-based inclusive byte offsets into the original string", function()
      assert.same({ 1, 10 }, { toks[1].start, toks[1].stop })   -- وأضاف: 5 letters, 10 bytes
      assert.same({ 12, 23 }, { toks[2].start, toks[2].stop })  -- after one space
      assert.same({ 24, 24 }, { toks[3].start, toks[3].stop })  -- ":" is one byte
      assert.same({ 26, 28 }, { toks[4].start, toks[4].stop })  -- "“" is three bytes
      assert.same({ 29, 34 }, { toks[5].start, toks[5].stop })
    end)

    it("gives fields text, norm, start, stop and kind, and no stem unless asked", function()
      local t = toks[2]
      assert.same({ text = "لافروف", norm = "لافروف", start = 12, stop = 23, kind = "arabic" }, t)
    end)
  end)

  describe("offsets on the five seed articles", function()
    for n = 0, 4 do
      it("cover every non-space byte of seed " .. n .. " exactly once, in order", function()
        local s = helper.seed(n)
        local pos = 1
        for t in akhbar.tokens(s) do
          assert.equal(t.text, s:sub(t.start, t.stop))
          assert.is_true(t.start >= pos and t.stop >= t.start)
          -- what lies between two tokens is white space (ASCII, NBSP, ...)
          local gap = s:sub(pos, t.start - 1)
          assert.is_nil(gap:find("[^%s\194\160]"), ("gap %q before %q"):format(gap, t.text))
          pos = t.stop + 1
        end
        assert.is_nil(s:sub(pos):find("%S"))
      end)
    end
  end)

  describe("norm", function()
    it("is the SEARCH-normalised text: alef and teh marbuta folded, tanwin dropped", function()
      local toks = collect("وأضاف لافروف: “نحن مقتنعون تماماً")
      assert.equal("واضاف", toks[1].norm)
      assert.equal("تماما", toks[#toks].norm)
    end)

    it("drops the tatweel of والميدانيـة (seed 004), which stays one token", function()
      local s = seed_line(4, "والميدانيـة")
      for t in akhbar.tokens(s) do
        if t.text:find("ـ", 1, true) then
          assert.equal("والميدانيـة", t.text)
          assert.equal("والميدانيه", t.norm)
        end
      end
    end)
  end)

  describe("Arabic words", function()
    it("continue through harakat", function()
      assert.same({ "الْعَرَبِيَّةُ/arabic" }, shape("الْعَرَبِيَّةُ"))
    end)

    it("continue through tatweel, also at the end (لـ زاخاروفا, seed 003)", function()
      assert(seed_line(3, "لـ زاخاروفا"))
      assert.same({ "لـ/arabic", "زاخاروفا/arabic" }, shape("لـ زاخاروفا"))
      assert.same({ "العـــربية/arabic" }, shape("العـــربية"))
    end)

    it("continue through ZWNJ inside a word but not past its end", function()
      assert.same({ "می\226\128\140خواهم/arabic" }, shape("می\226\128\140خواهم"))
      assert.same({ "نحن/arabic" }, shape("نحن\226\128\140 "))
    end)

    it("accept presentation forms (ﻻ, ﷲ) as Arabic letters", function()
      assert.same({ "ﻻ/arabic", "ﷲ/arabic" }, shape("ﻻ ﷲ"))
    end)

    it("are split from digits written against them (عام2012, seed 003)", function()
      assert(seed_line(3, "عام2012"))
      assert.same({ "عام/arabic", "2012/number" }, shape("عام2012"))
    end)

    it("are split from Latin letters", function()
      assert.same({ "روسيا/arabic", "RT/latin" }, shape("روسياRT"))
    end)
  end)

  describe("Latin words", function()
    it("are their own kind in mixed text: (VK) and (SANA) in seed 004", function()
      assert(seed_line(4, "(VK)"))
      assert.same({ "(/punct", "VK/latin", ")/punct", "للتواصل/arabic" }, shape("(VK) للتواصل"))
      assert.same({ "(/punct", "SANA/latin", ")/punct", "./punct" }, shape("(SANA)."))
    end)

    it("keep quotes apart from a transliterated name: “غازيتا رو” (seed 001)", function()
      assert(seed_line(1, "“غازيتا رو”"))
      assert.same({ "“/punct", "غازيتا/arabic", "رو/arabic", "”/punct" }, shape("“غازيتا رو”"))
    end)

    it("cover other alphabetic scripts, digits after letters and inner apostrophes", function()
      assert.same({ "Лавров/latin", "G20/latin", "Putin’s/latin", "O'Brien/latin" },
        shape("Лавров G20 Putin’s O'Brien"))
    end)
  end)

  describe("numbers", function()
    it("are one token with inner separators followed by a digit", function()
      assert.same({ "2,254/number", "3.5/number", "10:39/number", "23-11-2024/number", "2015/09/10/number" },
        shape("2,254 3.5 10:39 23-11-2024 2015/09/10"))
    end)

    it("read the date line of seed 000", function()
      assert(seed_line(0, "23-11-2024 10:39 AM"))
      assert.same({ "23-11-2024/number", "10:39/number", "AM/latin", "بتوقيت/arabic" },
        shape("23-11-2024 10:39 AM بتوقيت"))
    end)

    it("end before a separator that no digit follows: / 0940777186/ (seed 004)", function()
      assert(seed_line(4, "/ 0940777186/"))
      assert.same({ "//punct", "0940777186/number", "//punct" }, shape("/ 0940777186/"))
    end)

    it("in brackets: (2254) in seed 002", function()
      assert(seed_line(2, "(2254)"))
      assert.same({ "(/punct", "2254/number", ")/punct" }, shape("(2254)"))
    end)

    it("work in Arabic-Indic digits with the Arabic decimal separator", function()
      local toks = collect("١٢٫٥ و۱۳۹۴")
      assert.same({ "١٢٫٥", "number" }, { toks[1].text, toks[1].kind })
      assert.same({ "و/arabic", "۱۳۹۴/number" }, shape("و۱۳۹۴"))
    end)

    it("leave percent signs and sentence stops outside", function()
      assert.same({ "3.5/number", "%/punct", "./punct" }, shape("3.5%."))
    end)
  end)

  describe("URLs", function()
    it("from seed 002 end at the line break", function()
      local line = seed_line(2, "https://t.me/")
      local toks = collect(line)
      assert.same({ "https://t.me/SyrianArabNewsAgenc", "url" }, { toks[#toks].text, toks[#toks].kind })
    end)

    it("from seed 004 end at the line break", function()
      assert.same({ "https://telegram.me/SyrianArabNewsAgency/url" },
        shape(seed_line(4, "https://telegram.me/")))
    end)

    it("give back trailing sentence punctuation and unbalanced brackets", function()
      assert.same({ "(/punct", "www.sana.sy/url", ")/punct", "./punct" }, shape("(www.sana.sy)."))
      assert.same({ "http://x.org/a_(b)/url", "،/punct" }, shape("http://x.org/a_(b)،"))
    end)

    it("stop at closing quotes and keep Arabic letters inside the path", function()
      assert.same({ "“/punct", "http://aawsat.com/home/article/410826/بريطانيا-أربعة/url", "”/punct" },
        shape("“http://aawsat.com/home/article/410826/بريطانيا-أربعة”"))
    end)

    it("need something after the scheme", function()
      assert.same({ "http/latin", ":/punct", "//punct", "//punct" }, shape("http://"))
    end)
  end)

  describe("emails, hashtags and mentions", function()
    it("recognise an email address and leave the final stop out", function()
      assert.same({ "راسلونا/arabic", "news@sana.sy/email", "./punct" }, shape("راسلونا news@sana.sy."))
    end)

    it("recognise Arabic and Latin hashtags and mentions", function()
      assert.same({ "#سوريا/hashtag", "#SANA_News/hashtag", "@SANA_English/mention", "#/punct" },
        shape("#سوريا #SANA_News @SANA_English #"))
    end)
  end)

  describe("spaces and invisible marks", function()
    it("skip NBSP, thin and ideographic spaces between words", function()
      assert.same({ "موسكو/arabic", "–/punct", "سانا/arabic", "x/latin" },
        shape("موسكو\194\160–\226\128\137سانا\227\128\128x"))
    end)

    it("skip RLM, LRM, BOM and NUL between words", function()
      assert.same({ "سوريا/arabic", "SANA/latin", "روسيا/arabic" },
        shape("\239\187\191سوريا\226\128\143 SANA\226\128\142\0روسيا"))
    end)

    it("yield nothing for the empty string or only spaces", function()
      assert.same({}, collect(""))
      assert.same({}, collect(" \n\t\194\160"))
    end)
  end)

  describe("options", function()
    it("{stem = 'clitics'} adds the stem of each norm", function()
      local stems = {}
      for t in akhbar.tokens("ولافروف بسوريا والكرملين", { stem = "clitics" }) do stems[#stems + 1] = t.stem end
      assert.same({ "لافروف", "سوريا", "كرملين" }, stems)
    end)

    it("{stem = 'light'} also removes suffixes", function()
      local t = collect("والمعلومات", { stem = "light" })[1]
      assert.equal("معلوم", t.stem)
    end)

    it("{kinds = {...}} yields only the listed kinds", function()
      local only = { kinds = { number = true, latin = true } }
      assert.same({ "2254/number", "SANA/latin" }, shape("قرار (2254) SANA", only))
    end)

    it("reject an unknown stem mode or kind", function()
      assert.has_error(function() akhbar.tokens("x", { stem = "heavy" }) end,
        'akhbar.tokens: opts.stem must be "light" or "clitics", got heavy')
      assert.has_error(function() akhbar.tokens("x", { kinds = { word = true } }) end,
        "akhbar.tokens: unknown kind word in opts.kinds "
          .. "(known: arabic, latin, number, punct, url, email, hashtag, mention)")
    end)

    it("reject arguments of the wrong type", function()
      assert.has_error(function() akhbar.tokens() end)
      assert.has_error(function() akhbar.tokens("x", "light") end)
    end)
  end)

  describe("bad input", function()
    it("raises on invalid UTF-8, naming the 1-based byte", function()
      assert.has_error(function() akhbar.tokens("سور\255يا") end, "akhbar.tokens: invalid UTF-8 at byte 7")
    end)

    it("raises on a truncated sequence at the end", function()
      assert.has_error(function() akhbar.tokens("سوريا\216") end, "akhbar.tokens: invalid UTF-8 at byte 11")
    end)
  end)

  describe("the iterator", function()
    it("can be left early with break, and the string stays pinned", function()
      local n = 0
      local s = helper.seed(0)
      for t in akhbar.tokens(s) do
        n = n + 1
        if n == 3 then break end
      end
      assert.equal(3, n)
      local it = akhbar.tokens(table.concat { "موسكو", " ", "تنفي" })
      collectgarbage()
      collectgarbage()
      assert.equal("موسكو", it().text)
      assert.equal("تنفي", it().text)
      assert.is_nil(it())
      assert.is_nil(it())
    end)

    it("streams the whole of a large text", function()
      local s = string.rep(helper.seed(2), 50)
      local n = 0
      for _ in akhbar.tokens(s) do n = n + 1 end
      local one = 0
      for _ in akhbar.tokens((helper.seed(2))) do one = one + 1 end
      assert.equal(50 * one, n)
    end)
  end)
end)
