-- akhbar.decode: legacy Arabic encodings to UTF-8 through ICU converters.
-- The encoded inputs are made from seed text with iconv in the setup, so
-- the decoder is checked against an independent implementation.
local akhbar = require "akhbar"
local helper = require "helper"

-- Encode a UTF-8 string with iconv (glibc); nil if iconv cannot.
local function iconv(s, charset)
  local src, dst = helper.tmpname(".txt"), helper.tmpname(".enc")
  local f = assert(io.open(src, "wb"))
  f:write(s)
  f:close()
  local ok = os.execute(("env -u LD_PRELOAD iconv -f UTF-8 -t %s %s > %s 2>/dev/null"):format(charset, src, dst))
  local out
  if ok == true or ok == 0 then
    f = assert(io.open(dst, "rb"))
    out = f:read("a")
    f:close()
  end
  os.remove(src)
  os.remove(dst)
  return out
end

-- The first lines of seed 000: headline and lead, letters, digits, ، and "".
local function seed_sentence()
  local s = helper.seed(0)
  local lead = s:match("\n\n(نفى وزير الخارجية[^\n]+)")
  assert(lead, "seed 000 lead not found")
  return "موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق\n" .. lead
end

describe("akhbar.decode", function()
  local sentence, cp1256, iso

  setup(function()
    sentence = seed_sentence()
    cp1256 = assert(iconv(sentence, "WINDOWS-1256"), "iconv has no WINDOWS-1256")
    iso = assert(iconv(sentence, "ISO-8859-6"), "iconv has no ISO-8859-6")
  end)

  it("decodes windows-1256 (one byte per Arabic letter) back to the seed text", function()
    assert.is_true(#cp1256 < #sentence)
    assert.are.equal(sentence, akhbar.decode(cp1256, "windows-1256"))
  end)

  it("decodes ISO-8859-6 back to the seed text", function()
    assert.are.equal(sentence, akhbar.decode(iso, "ISO-8859-6"))
  end)

  it("accepts ICU's aliases for the charset names", function()
    assert.are.equal(sentence, akhbar.decode(cp1256, "cp1256"))
    assert.are.equal(sentence, akhbar.decode(iso, "iso-8859-6"))
  end)

  it("decodes the whole of every seed from windows-1256, quotes, dashes and NBSP included", function()
    for n = 0, 4 do
      local s = helper.seed(n)
      assert.are.equal(s, akhbar.decode(assert(iconv(s, "WINDOWS-1256")), "windows-1256"))
    end
  end)

  it("streams a large input in chunks and gets every byte right", function()
    local big = cp1256:rep(40000) -- about 9 MB
    local out = akhbar.decode(big, "windows-1256")
    assert.are.equal(#sentence * 40000, #out)
    assert.are.equal(sentence, out:sub(1, #sentence))
    assert.are.equal(sentence, out:sub(-#sentence))
  end)

  it("decodes UTF-16LE too (any ICU converter)", function()
    local u16 = assert(iconv(sentence, "UTF-16LE"))
    assert.are.equal(sentence, akhbar.decode(u16, "UTF-16LE"))
  end)

  it("turns bytes with no mapping into U+FFFD", function()
    -- 0xA1 and 0xFF are holes in ISO-8859-6
    assert.are.equal("a\u{FFFD}\u{FFFD} b", akhbar.decode("a\xA1\xFF b", "ISO-8859-6"))
  end)

  it("keeps NUL bytes and returns an empty string for empty input", function()
    assert.are.equal("a\0b", akhbar.decode("a\0b", "windows-1256"))
    assert.are.equal("", akhbar.decode("", "windows-1256"))
  end)

  it("normalises the decoded text in the same call with opts.normalize", function()
    local out = akhbar.decode(cp1256, "windows-1256", { normalize = "search" })
    assert.are.equal(akhbar.normalize(sentence), out)
  end)

  it("raises for an unknown charset, suggesting the usual ones", function()
    assert.has_error(function() akhbar.decode(cp1256, "arabic-legacy") end,
      "akhbar.decode: unknown charset 'arabic-legacy' (try 'windows-1256' or 'ISO-8859-6')")
  end)

  it("raises for an unknown option and for arguments of the wrong type", function()
    assert.has_error(function() akhbar.decode(cp1256, "windows-1256", { strict = true }) end,
      "akhbar.decode: unknown option 'strict' (valid: normalize)")
    assert.error_matches(function() akhbar.decode(nil, "windows-1256") end, "bad argument #1")
    assert.error_matches(function() akhbar.decode(cp1256) end, "bad argument #2")
    assert.error_matches(function() akhbar.decode(cp1256, "windows-1256", 5) end, "bad argument #3")
  end)
end)
