-- Fingerprints: SimHash of the whole text, MinHash and LSH bands of the lead.
local akhbar = require "akhbar"
local helper = require "helper"
local fingerprint = require "akhbar.fingerprint"

local function fp(n) return akhbar.fingerprint((helper.seed(n))) end

describe("akhbar.fingerprint", function()
  it("is reachable as akhbar.fingerprint", function()
    assert.equal(fingerprint.fingerprint, akhbar.fingerprint)
  end)

  it("returns a 64-bit SimHash, a packed MinHash of 128 values and 64 band keys", function()
    local f = fp(1)
    assert.is_true(math.type(f.simhash) == "integer")
    assert.equal(4 * 128, #f.minhash)
    assert.equal(64, #f.bands)
    assert.is_true(f.words > 500 and f.kept < f.words and f.shingles > 400)
  end)

  it("is deterministic: the same text gives the same fingerprint", function()
    local a, b = fp(3), fp(3)
    assert.equal(a.simhash, b.simhash)
    assert.equal(a.minhash, b.minhash)
    assert.same(a.bands, b.bands)
    assert.equal(1, a:similarity(b))
    assert.equal(0, a:distance(b))
  end)

  it("prints as a one-line summary", function()
    assert.matches("^akhbar.Fingerprint %(simhash %x+, %d+ words, %d+ shingles%)$", tostring(fp(0)))
  end)

  it("finds RT's and SANA's reports of the same Peskov statement similar (seeds 001, 003)", function()
    local threshold = require("akhbar.stories_store").params.threshold
    assert.is_true(fp(1):similarity(fp(3)) >= threshold)
  end)

  it("keeps the other seeds far from that story, including RT on Lavrov eight days earlier", function()
    for _, pair in ipairs { { 0, 1 }, { 0, 3 }, { 2, 1 }, { 2, 3 }, { 4, 1 }, { 4, 3 }, { 0, 2 }, { 2, 4 } } do
      local s = fp(pair[1]):similarity(fp(pair[2]))
      assert.is_true(s < 0.1, ("seeds %d and %d: %.3f"):format(pair[1], pair[2], s))
    end
  end)

  it("gives a re-punctuated copy with one word changed a SimHash distance of at most 3", function()
    local text = helper.seed(4)
    local copy = text:gsub("،", " ,"):gsub("الدولية", "العالمية", 1)
    local a, b = akhbar.fingerprint(text), akhbar.fingerprint(copy)
    assert.is_true(a:distance(b) <= fingerprint.NEAR_DUPLICATE)
    assert.is_true(a:near_duplicate(b))
  end)

  it("gives different articles a SimHash distance far above 3", function()
    for i = 0, 3 do
      assert.is_true(fp(i):distance(fp(i + 1)) > 10)
    end
  end)

  it("ignores punctuation for the content hash (exact duplicates)", function()
    local text = helper.seed(2)
    local a = akhbar.fingerprint(text)
    for _, mark in ipairs { "“", "”", "،" } do text = text:gsub(mark, " ") end
    local b = akhbar.fingerprint(text)
    assert.equal(a.content, b.content)
  end)

  it("signs only the lead: a different tail leaves MinHash and bands unchanged", function()
    local lead = helper.seed(3)
    local a = akhbar.fingerprint(lead)
    local b = akhbar.fingerprint(lead .. "\n" .. helper.seed(2))
    assert.equal(a.minhash, b.minhash)
    assert.same(a.bands, b.bands)
    assert.is_true(a:distance(b) > 0)
  end)

  it("signs the whole text with lead = 0", function()
    local lead = helper.seed(3)
    local a = akhbar.fingerprint(lead, { lead = 0 })
    local b = akhbar.fingerprint(lead .. "\n" .. helper.seed(2), { lead = 0 })
    assert.is_true(a:similarity(b) < 1)
  end)

  it("drops function words: texts that differ only in them sign the same", function()
    local with = "أكد المتحدث الرسمي باسم الرئاسة الروسية ديمتري بيسكوف أن موسكو مستعدة لدراسة إرسال قوات"
    local without = "وأكد المتحدث الرسمي باسم الرئاسة الروسية ديمتري بيسكوف موسكو مستعدة لدراسة إرسال قوات"
    local a, b = akhbar.fingerprint(with), akhbar.fingerprint(without)
    assert.equal(a.minhash, b.minhash)
    assert.are_not.equal(a.minhash, akhbar.fingerprint(with, { stopwords = false }).minhash)
  end)

  it("treats a text with no words as similar to nothing, itself included", function()
    local e = akhbar.fingerprint(" ... ، ؛ ")
    assert.equal(0, e.shingles)
    assert.equal(0, e:similarity(e))
    assert.equal(0, akhbar.fingerprint(""):similarity(e))
  end)

  it("makes one shingle of a text shorter than a shingle", function()
    assert.equal(1, akhbar.fingerprint("بيسكوف").shingles)
  end)

  it("honours shingle, perms, bands and rows", function()
    local f = akhbar.fingerprint((helper.seed(1)), { shingle = 3, perms = 64, bands = 16, rows = 4 })
    assert.equal(256, #f.minhash)
    assert.equal(16, #f.bands)
  end)

  it("changes every value with the seed", function()
    local a = akhbar.fingerprint((helper.seed(1)))
    local b = akhbar.fingerprint((helper.seed(1)), { seed = 42 })
    assert.are_not.equal(a.minhash, b.minhash)
    assert.are_not.equal(a.simhash, b.simhash)
  end)

  it("raises on invalid UTF-8 with the byte position", function()
    assert.has_error(function() akhbar.fingerprint("سوريا \xff دمشق") end,
      'akhbar.fingerprint: invalid UTF-8 at byte 12 (pass {invalid="skip"} to ignore bad bytes)')
  end)

  it("skips invalid bytes with invalid = 'skip'", function()
    local a = akhbar.fingerprint("سوريا \xff دمشق", { invalid = "skip" })
    local b = akhbar.fingerprint("سوريا دمشق")
    assert.equal(a.minhash, b.minhash)
  end)

  it("rejects impossible parameters with the field named", function()
    assert.has_error(function() akhbar.fingerprint("x", { shingle = 9 }) end,
      "akhbar.fingerprint: shingle must be 1..8, got 9")
    assert.has_error(function() akhbar.fingerprint("x", { bands = 100, rows = 2 }) end,
      "akhbar.fingerprint: bands * rows (100 * 2) must be between 1 and perms (128)")
    assert.has_error(function() akhbar.fingerprint("x", { invalid = "ignore" }) end)
    assert.has_error(function() akhbar.fingerprint(42) end,
      "akhbar.fingerprint: bad argument #1 (string expected, got number)")
  end)

  it("compares only signatures of the same size", function()
    local a = akhbar.fingerprint("بيسكوف موسكو", { perms = 64, bands = 32 })
    assert.has_error(function() akhbar.core.minhash_similarity(a.minhash, fp(1).minhash) end)
    assert.has_error(function() a:similarity("x") end,
      "akhbar.fingerprint: similarity expects a Fingerprint, got string")
  end)

  it("measures SimHash distance as a Hamming distance", function()
    assert.equal(0, akhbar.core.simhash_distance(-1, -1))
    assert.equal(64, akhbar.core.simhash_distance(0, -1))
    assert.equal(1, akhbar.core.simhash_distance(math.mininteger, 0))
  end)

  it("documents its defaults", function()
    assert.same({ shingle = 2, perms = 128, bands = 64, rows = 2, lead = 80, stopwords = true,
      seed = fingerprint.defaults.seed }, fingerprint.defaults)
  end)
end)
