-- akhbar.normalize: Arabic normalisation with an exact map back to the
-- original bytes.  Every example is a word or a line of the seed articles
-- (examples/corpus/) unless it shows a character the seeds do not contain.
local akhbar = require "akhbar"
local helper = require "helper"

local norm = akhbar.normalize

-- Real text only: fail loudly if a quoted example is not in seed n.
local function in_seed(n, s)
  assert(helper.seed(n):find(s, 1, true), "seed " .. n .. " does not contain " .. s)
  return s
end

-- The paragraphs (blank-line separated) of a text.
local function paragraphs(text, out)
  out = out or {}
  for p in (text .. "\n\n"):gmatch("(.-)\n%s*\n") do
    if p:find("%S") then out[#out + 1] = p end
  end
  return out
end

-- Cheap reader of the `content` field of the first `max` JSON lines of the
-- real corpus (escapes \n \" \\ \/ \t and \uXXXX, surrogate pairs too).
local function real_paragraphs(max_articles, every)
  local out = {}
  local f = assert(io.popen("env -u LD_PRELOAD gzip -dc " .. helper.real_corpus .. " 2>/dev/null", "r"))
  local n = 0
  for line in f:lines() do
    n = n + 1
    if n % every == 0 then
      local body = line:match('"content": "(.-[^\\])"')
      if body then
        body = body:gsub("\\u(%x%x%x%x)\\u(%x%x%x%x)", function(hi, lo)
          hi, lo = tonumber(hi, 16), tonumber(lo, 16)
          if hi >= 0xD800 and hi < 0xDC00 and lo >= 0xDC00 and lo < 0xE000 then
            return utf8.char(0x10000 + (hi - 0xD800) * 0x400 + (lo - 0xDC00))
          end
        end)
        body = body:gsub("\\u(%x%x%x%x)", function(h)
          local c = tonumber(h, 16)
          if c >= 0xD800 and c < 0xE000 then return "\u{FFFD}" end
          return utf8.char(c)
        end)
        body = body:gsub("\\(.)", { n = "\n", t = "\t", r = "\r", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" })
        paragraphs(body, out)
      end
      if n >= max_articles * every then break end
    end
  end
  f:close()
  return out
end

-- The offset-map property on one text: every whitespace-separated output
-- token maps back to an original substring that normalises to that token.
-- When one original character expands to several words (ﷺ), the substring
-- normalises to the whole expansion, which contains the token.
local function check_map_property(s, profile)
  local out, map = norm(s, profile, true)
  assert.are.equal(#out, #map)
  local tokens = 0
  for p, tok, q in out:gmatch("()(%S+)()") do
    local a, b = map:span(p, q - 1)
    local original = s:sub(a, b)
    local again = norm(original, profile)
    if again ~= tok then
      -- widen to whole expansions of the first and last original characters
      local p2, q2 = p, q - 1
      while p2 > 1 and map:offset(p2 - 1) == map:offset(p) do p2 = p2 - 1 end
      while q2 < #out and map:offset(q2 + 1) == map:offset(q - 1) do q2 = q2 + 1 end
      assert.are.equal(out:sub(p2, q2), again, "token " .. tok .. " from " .. original)
    end
    tokens = tokens + 1
  end
  return tokens
end

-- ICU's own NFKC of each line, through the uconv tool (icu-devtools).
local function have_uconv()
  local ok = os.execute("env -u LD_PRELOAD uconv --version >/dev/null 2>&1")
  return ok == true or ok == 0
end

local function icu_nfkc_lines(lines)
  local path = helper.tmpname(".txt")
  local f = assert(io.open(path, "wb"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()
  local p = assert(io.popen("env -u LD_PRELOAD uconv -f utf-8 -t utf-8 -x any-nfkc " .. path, "r"))
  local got = {}
  for line in p:lines() do got[#got + 1] = line end
  p:close()
  os.remove(path)
  return got
end

describe("akhbar.normalize", function()
  describe("with the search profile (the default)", function()
    it("removes tatweel and folds teh marbuta to heh", function()
      assert.are.equal("والميدانيه", norm(in_seed(4, "والميدانيـة")))
    end)

    it("is the profile used when none is given", function()
      local s = in_seed(4, "والميدانيـة")
      assert.are.equal(norm(s, "search"), norm(s))
    end)

    it("drops harakat such as the tanwin of مجدداً and تماماً", function()
      assert.are.equal("مجددا", norm("مجدداً"))
      assert.are.equal("تماما", norm(in_seed(2, "تماماً")))
    end)

    it("drops the dagger alef and Quranic marks", function()
      assert.are.equal("هذا", norm("هٰذا"))
      assert.are.equal("الرحيم", norm("الرَّحِيمِ۝"))
    end)

    it("folds the alef variants أ إ آ ٱ to bare alef", function()
      assert.are.equal("الامريكي", norm(in_seed(0, "الأمريكي")))
      assert.are.equal("ايران", norm(in_seed(2, "إيران")))
      assert.are.equal("اخر", norm(in_seed(2, "آخر")))
      assert.are.equal("الله", norm("ٱلله"))
    end)

    it("folds alef maqsura to yeh", function()
      assert.are.equal("علي", norm(in_seed(0, "على")))
    end)

    it("folds the hamza carriers ؤ ئ to و ي and keeps a lone hamza", function()
      assert.are.equal("وتوكد", norm(in_seed(0, "وتؤكد")))
      assert.are.equal("رييس", norm(in_seed(0, "رئيس")))
      assert.are.equal("بدءا", norm(in_seed(2, "بدءاً")))
    end)

    it("turns Arabic-Indic and Persian digits into ASCII digits", function()
      assert.are.equal("2015", norm("٢٠١٥"))
      assert.are.equal("10 سبتمبر 2015", norm("١٠ سبتمبر ۲۰۱۵"))
      assert.are.equal("3.5", norm("٣٫٥"))
    end)

    it("turns the no-break space of seed 000 into an ordinary space", function()
      local s = in_seed(0, "الروسي\u{A0} والأمريكي")
      assert.are.equal("الروسي  والامريكي", norm(s))
    end)

    it("maps every Unicode space to ' '", function()
      assert.are.equal("a b c d e", norm("a\u{2009}b\u{202F}c\u{3000}d\u{205F}e"))
    end)

    it("expands lam-alef presentation forms and folds their hamza", function()
      assert.are.equal("لا لا لا لا", norm("ﻻ ﻷ ﻹ ﻵ"))
      assert.are.equal("السلام", norm("ﺍﻟﺴﻼﻡ"))
    end)

    it("folds Persian and Urdu letters typed on other keyboards", function()
      assert.are.equal("الكرملين", norm("الکرملین"))
      assert.are.equal("يك", norm("یک"))
      assert.are.equal("كل", norm("گل"))
      assert.are.equal("خانه", norm("خانۀ"))
    end)

    it("removes bidi controls, zero-width characters, the BOM and soft hyphens", function()
      assert.are.equal("سوريا", norm("\u{FEFF}\u{200F}سو\u{200C}ريا\u{200D}\u{61C}"))
      assert.are.equal("SANA", norm("\u{202B}SA\u{AD}NA\u{202C}", { invisible = true }))
      assert.are.equal("دمشق", norm("\u{2067}دمشق\u{2069}"))
    end)

    it("unifies curly quotes and guillemets to \" and ' and dashes to -", function()
      assert.are.equal('مواجهه "داعش"', norm(in_seed(1, "مواجهة “داعش”")))
      assert.are.equal('"لندن" \'x\' "', norm("«لندن» ‘x’ ″", { punct = true }))
      assert.are.equal("موسكو - سانا", norm(in_seed(3, "موسكو – سانا")))
      assert.are.equal("a-b-c-d", norm("a—b−c‒d"))
    end)

    it("lower-cases Latin (and other cased scripts) with ICU case folding", function()
      assert.are.equal("(sana)", norm(in_seed(4, "(SANA)")))
      assert.are.equal("ωmega ißt", norm("ΩMEGA Ißt"))
    end)

    it("applies NFKC to compatibility characters, one character at a time", function()
      assert.are.equal("...", norm(in_seed(2, "…")))
      assert.are.equal("1⁄2 fi 12", norm("½ ﬁ １２"))
      assert.are.equal("صلي الله عليه وسلم", norm("ﷺ"))
    end)

    it("keeps text that is already normal byte for byte", function()
      local s = "موسكو تنفي تعزيز وجودها العسكري بسوريا"
      assert.are.equal(s, norm(s))
    end)
  end)

  describe("with the display profile", function()
    it("keeps every letter and mark as written", function()
      local s = in_seed(2, "بدءاً")
      assert.are.equal(s, norm(s, "display"))
      assert.are.equal("الأمريكي", norm(in_seed(0, "الأمريكي"), "display"))
      assert.are.equal("یک ٢٠١٥", norm("یک ٢٠١٥", "display"))
    end)

    it("removes tatweel", function()
      assert.are.equal("والميدانية", norm(in_seed(4, "والميدانيـة"), "display"))
    end)

    it("removes invisible marks and turns no-break spaces into spaces", function()
      assert.are.equal("الروسي  والأمريكي", norm(in_seed(0, "الروسي\u{A0} والأمريكي"), "display"))
      assert.are.equal("سوريا", norm("\u{200F}سوريا\u{FEFF}", "display"))
    end)

    it("keeps curly quotes and the case of Latin letters", function()
      local s = in_seed(1, "مواجهة “داعش”")
      assert.are.equal(s, norm(s, "display"))
      assert.are.equal("(SANA)", norm("(SANA)", "display"))
    end)

    it("expands a lam-alef ligature and keeps its hamza as NFKC does", function()
      assert.are.equal("لأ", norm("ﻷ", "display"))
    end)
  end)

  describe("with a custom profile table", function()
    local s = in_seed(4, "والميدانيـة")

    it("applies only the ops set to true", function()
      assert.are.equal("والميدانية", norm(s, { tatweel = true }))
      assert.are.equal("والميدانيـه", norm(s, { teh = true }))
      assert.are.equal("وتوكد", norm("وتؤكد", { hamza = true }))
    end)

    it("starts from a named profile with `base` and switches ops off or on", function()
      assert.are.equal("والميدانية", norm(s, { base = "search", teh = false }))
      assert.are.equal("الأمريكي 2015", norm("الأمريكي ٢٠١٥", { base = "display", digits = true }))
      assert.are.equal("والميدانيـة", norm(s, { base = "none" }))
    end)

    it("switches every op individually", function()
      local cases = {
        nfkc = { "ﻻ", "لا" }, diacritics = { "مجدداً", "مجددا" }, tatweel = { "لـ", "ل" },
        alef = { "أ", "ا" }, yeh = { "على", "علي" }, teh = { "ة", "ه" }, hamza = { "ؤئ", "وي" },
        persian = { "ک", "ك" }, digits = { "٢۲", "22" }, invisible = { "a\u{200C}b", "ab" },
        spaces = { "a\u{A0}b", "a b" }, punct = { "“–”", '"-"' }, casefold = { "SANA", "sana" },
      }
      for op, c in pairs(cases) do
        assert.are.equal(c[2], norm(c[1], { [op] = true }), op)
        assert.are.equal(c[1], norm(c[1], { [op] = false, base = "none" }), op)
      end
    end)

    it("is search with U+FFFD replacement when it only says invalid = \"replace\"", function()
      assert.are.equal("ميدانيه\u{FFFD}", norm("ميدانيـة\xff", { invalid = "replace" }))
    end)

    it("rejects an unknown op, naming the valid ones", function()
      assert.has_error(function() norm(s, { stem = true }) end,
        "akhbar.normalize: unknown normalisation op 'stem' (valid: nfkc, diacritics, tatweel, alef, yeh, "
        .. "teh, hamza, persian, digits, invisible, spaces, punct, casefold, base, invalid)")
    end)

    it("rejects op values that are not booleans", function()
      assert.has_error(function() norm(s, { teh = 1 }) end,
        "akhbar.normalize: profile field 'teh' must be a boolean, got number")
    end)

    it("rejects an unknown profile name", function()
      assert.error_matches(function() norm(s, "fast") end, "invalid option 'fast'")
      assert.error_matches(function() norm(s, { base = "fast" }) end, "invalid option 'fast'")
      assert.error_matches(function() norm(s, { invalid = "ignore" }) end, "invalid option 'ignore'")
    end)
  end)

  describe("on bad input", function()
    it("raises on invalid UTF-8 naming the 1-based byte", function()
      local msg = 'akhbar.normalize: invalid UTF-8 at byte %d (pass {invalid="replace"} to substitute U+FFFD)'
      assert.has_error(function() norm("\xffدمشق") end, msg:format(1))
      assert.has_error(function() norm("دمشق\xC3(") end, msg:format(9))
      assert.has_error(function() norm("دمشق\xD8") end, msg:format(9))          -- truncated at the end
      assert.has_error(function() norm("ab\xC0\xAF") end, msg:format(3))        -- overlong
      assert.has_error(function() norm("ab\xED\xA0\x80") end, msg:format(3))    -- surrogate
      assert.has_error(function() norm("ab\xF4\x90\x80\x80") end, msg:format(3)) -- > U+10FFFF
    end)

    it("replaces each invalid byte with U+FFFD mapped to that byte on request", function()
      local out, map = norm("د\xE2\x80x", { invalid = "replace" }, true)
      assert.are.equal("د\u{FFFD}\u{FFFD}x", out)
      assert.same({ 3, 3 }, { map:span(3, 5) })
      assert.same({ 4, 4 }, { map:span(6, 8) })
    end)

    it("keeps NUL bytes as ordinary characters", function()
      assert.are.equal("دمشق\0سوريا", norm("دمشق\0سوريا"))
      local out, map = norm("a\0B", "search", true)
      assert.are.equal("a\0b", out)
      assert.same({ 2, 2 }, { map:span(2) })
    end)

    it("returns an empty string and an empty map for an empty string", function()
      local out, map = norm("", "search", true)
      assert.are.equal("", out)
      assert.are.equal(0, #map)
    end)

    it("raises argument errors for arguments of the wrong type", function()
      assert.error_matches(function() norm(nil) end, "bad argument #1 .*string expected")
      assert.error_matches(function() norm({}) end, "bad argument #1 .*string expected")
      assert.error_matches(function() norm("x", 42) end, "bad argument #2 .*profile name or table expected")
    end)

    it("normalises a 50 MB string with its map", function()
      local unit = helper.seed(4)
      local s = unit:rep(50 * 1024 * 1024 // #unit + 1)
      local one = norm(unit)
      do
        local out, map = norm(s, "search", true)
        assert.are.equal(#one * (50 * 1024 * 1024 // #unit + 1), #out)
        assert.are.equal(one, out:sub(1, #one))
        assert.are.equal(#out, #map)
        local a, b = map:span(#out)
        assert.are.equal(#s, b)
        assert.is_true(a <= b)
      end
      collectgarbage() -- the 250 MB of output and map go now, not in a later test
    end)
  end)

  describe("with an offset map (third argument true)", function()
    local s = in_seed(4, "والميدانيـة")

    it("returns an akhbar.OffsetMap as long as the output", function()
      local out, map = norm(s, "search", true)
      assert.are.equal(#out, #map)
      assert.are.equal(("akhbar.OffsetMap (%d bytes -> %d bytes)"):format(#s, #out), tostring(map))
    end)

    it("gives the original 1-based inclusive span of output bytes", function()
      local line = in_seed(4, "الأخبار السياسية والميدانيـة")
      local out, map = norm(line, "search", true)
      local p, q = out:find("والميدانيه", 1, true)
      local a, b = map:span(p, q)
      assert.are.equal("والميدانيـة", line:sub(a, b))
      -- the final ه comes from the two bytes of ة
      assert.same({ #line - 1, #line }, { map:span(q) })
    end)

    it("maps the output of an expanded character to that one character", function()
      local out, map = norm("قال ﷺ", "search", true)
      assert.same({ 8, 10 }, { map:span(#"قال " + 1, #out) })
      assert.are.equal("ﷺ", ("قال ﷺ"):sub(map:span(#out)))
    end)

    it("rejects output bytes out of range", function()
      local _, map = norm(s, "search", true)
      assert.error_matches(function() map:span(0) end, "out of range")
      assert.error_matches(function() map:span(1, #map + 1) end, "out of range")
      assert.error_matches(function() map:span(3, 2) end, "out of range")
    end)

    it("keeps the original string alive by itself", function()
      local _, map = norm(("س"):rep(10) .. "ـ", "search", true)
      collectgarbage()
      collectgarbage()
      assert.same({ 19, 20 }, { map:span(#map - 1, #map) })
    end)

    it("maps every output token of every seed paragraph back to original text that normalises to it", function()
      local tokens = 0
      for n = 0, 4 do
        for _, p in ipairs(paragraphs((helper.seed(n)))) do
          tokens = tokens + check_map_property(p, "search")
          tokens = tokens + check_map_property(p, "display")
        end
      end
      assert.is_true(tokens > 5000)
    end)

    local real = helper.have_real_corpus() and it or pending
    real("has the same property on several hundred paragraphs of the real corpus", function()
      local ps = real_paragraphs(120, 25)
      assert.is_true(#ps >= 300, "only " .. #ps .. " paragraphs")
      for _, p in ipairs(ps) do
        check_map_property(p, "search")
        check_map_property(p, { base = "search", invalid = "replace" })
      end
    end)
  end)

  describe("compared with ICU's own NFKC (uconv)", function()
    local icu = have_uconv() and it or pending

    icu("agrees on every code point of the presentation forms FB50-FDFF and FE70-FEFF", function()
      local lines = {}
      for c = 0xFB50, 0xFDFF do lines[#lines + 1] = utf8.char(c) end
      for c = 0xFE70, 0xFEFE do lines[#lines + 1] = utf8.char(c) end
      local got = icu_nfkc_lines(lines)
      assert.are.equal(#lines, #got)
      for k, l in ipairs(lines) do
        assert.are.equal(got[k], norm(l, { nfkc = true }), ("U+%04X"):format(utf8.codepoint(l)))
      end
    end)

    icu("agrees on every line of the seeds", function()
      for n = 0, 4 do
        local lines = {}
        for l in helper.seed(n):gmatch("[^\n]+") do lines[#lines + 1] = l end
        local got = icu_nfkc_lines(lines)
        for k, l in ipairs(lines) do assert.are.equal(got[k], norm(l, { nfkc = true })) end
      end
    end)
  end)
end)

describe("akhbar.utf8_check", function()
  it("returns true for valid UTF-8, NUL bytes included", function()
    assert.is_true(akhbar.utf8_check(helper.seed(0)))
    assert.is_true(akhbar.utf8_check("a\0b"))
    assert.is_true(akhbar.utf8_check(""))
  end)

  it("returns false and the 1-based offset of the first invalid byte", function()
    assert.same({ false, 9 }, { akhbar.utf8_check("دمشق\xD8") })
    assert.same({ false, 1 }, { akhbar.utf8_check("\x80") })
  end)
end)
