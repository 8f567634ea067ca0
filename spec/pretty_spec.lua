-- akhbar.pretty: Arabic in a terminal.  Widths that ignore tashkeel,
-- right-to-left runs isolated (for terminals that do bidi) or reordered
-- (for those that do not), and tables that stay aligned either way.
-- luacheck: std +busted
local helper = require "helper"
local pretty = require "akhbar.pretty"

local RLI, PDI, LRM = "\u{2067}", "\u{2069}", "\u{200E}"

-- A writer collecting what pretty prints.
local function sink()
  local parts = {}
  return {
    write = function(self, ...)
      for i = 1, select("#", ...) do parts[#parts + 1] = select(i, ...) end
      return self
    end,
    text = function() return table.concat(parts) end,
  }
end

local function lines(s)
  local t = {}
  for l in s:gmatch("([^\n]*)\n") do t[#t + 1] = l end
  return t
end

-- The lines of a seed's body (no digits or Latin letters: the pure
-- right-to-left case).
local function arabic_lines(n)
  local out = {}
  for l in (helper.seed(n)):gmatch("[^\n]+") do
    if not l:find("[%w]") and utf8.len(l) and #l > 40 then out[#out + 1] = l end
  end
  return out
end

describe("pretty.width", function()
  it("counts one column per Arabic letter", function()
    assert.equal(5, pretty.width("سوريا"))
    assert.equal(12, pretty.width("سيرغي لافروف"))
  end)

  it("gives tashkeel no column: a vowelled word is as wide as the bare one", function()
    assert.equal(pretty.width("سوريا"), pretty.width("سُورِيَا"))
    assert.equal(pretty.width("مجددا"), pretty.width("مجدداً"))
    assert.equal(pretty.width("محمد"), pretty.width("مُحَمَّدٌ"))
  end)

  it("gives the bidi controls no column, and East Asian wide characters two", function()
    assert.equal(5, pretty.width(RLI .. "سوريا" .. PDI .. LRM))
    assert.equal(4, pretty.width("北京"))
  end)

  it("counts the tatweel (kashida) as the column it takes", function()
    assert.equal(pretty.width("الميدانية") + 1, pretty.width("الميدانيـة"))
  end)
end)

describe("pretty.truncate and pretty.pad", function()
  it("cuts to a number of columns, ending in …, keeping each mark with its letter", function()
    local word = "مُحَمَّدٌ رَسُولُ"
    local s = pretty.truncate(word, 4)
    assert.equal(4, pretty.width(s))
    local kept = s:match("^(.*)…$")
    assert.equal(kept, word:sub(1, #kept))
    -- What follows the cut is a letter, not a mark torn from its letter.
    local next_cp = utf8.codepoint(word, #kept + 1)
    assert.is_false(next_cp >= 0x064B and next_cp <= 0x0652)
  end)

  it("pads by columns, not bytes", function()
    assert.equal(8, pretty.width(pretty.pad("سُورِيَا", 8)))
    assert.equal("   سوريا", pretty.pad("سوريا", 8, "right"))
  end)
end)

describe("pretty.bidi in isolate mode", function()
  it("wraps a right-to-left line in RLI ... PDI", function()
    assert.equal(RLI .. "قال لافروف إن موسكو" .. PDI, pretty.bidi("قال لافروف إن موسكو", "isolate"))
  end)

  it("isolates only the Arabic run of a left-to-right line, numbers inside it included", function()
    assert.equal(LRM .. "id 3: " .. RLI .. "قال لافروف 2015" .. PDI .. " in Moscow",
      pretty.bidi("id 3: قال لافروف 2015 in Moscow", "isolate"))
  end)

  it("leaves text without Arabic alone", function()
    assert.equal("score 0.69  2015-09-10", pretty.bidi("score 0.69  2015-09-10", "isolate"))
  end)
end)

describe("pretty.bidi in visual mode", function()
  it("reverses the letters of a right-to-left line", function()
    assert.equal("ايروس يف", pretty.bidi("في سوريا", "visual"))
  end)

  it("keeps numbers and dates in their order", function()
    assert.equal("2254 مقر رارقلا", pretty.bidi("القرار رقم 2254", "visual"))
    assert.equal("2015-09-10 يف", pretty.bidi("في 2015-09-10", "visual"))
  end)

  it("mirrors brackets", function()
    assert.equal("(ايروس)", pretty.bidi("(سوريا)", "visual"))
  end)

  it("keeps each combining mark after its letter", function()
    assert.equal("ايروسُ", pretty.bidi("سُوريا", "visual"))
  end)

  it("reverses only the Arabic run of a left-to-right line", function()
    assert.equal("id 3: فورفال لاق in Moscow", pretty.bidi("id 3: قال لافروف in Moscow", "visual"))
  end)

  it("keeps every character and the width of real lines, and undoes itself", function()
    local checked, undone = 0, 0
    for n = 0, 4 do
      for _, l in ipairs(arabic_lines(n)) do
        local v = pretty.bidi(l, "visual")
        assert.equal(pretty.width(l), pretty.width(v))
        assert.equal(utf8.len(l), utf8.len(v))
        -- Pure Arabic with punctuation: reordering twice gives the line back
        -- when no bracket or quote pair is involved.
        local paired = l:find("[%(%)%[%]\"]")
        for _, q in ipairs { "«", "»", "“", "”" } do paired = paired or l:find(q, 1, true) end
        if not paired then
          assert.equal(l, pretty.bidi(v, "visual"))
          undone = undone + 1
        end
        checked = checked + 1
      end
    end
    assert.is_true(checked > 20)
    assert.is_true(undone > 10)
  end)
end)

describe("pretty.bidi with terminal colours (a search hit marked in red)", function()
  local ON, OFF = "\27[1;31m", "\27[0m"

  it("never splits a colour sequence with an isolate", function()
    assert.equal(LRM .. "id 3: " .. RLI .. ON .. "بيسكوف" .. OFF .. " قال" .. PDI,
      pretty.bidi("id 3: " .. ON .. "بيسكوف" .. OFF .. " قال", "isolate"))
  end)

  it("keeps the colour on the same word when it reverses a line", function()
    assert.equal("لاق " .. ON .. "فوكسيب" .. OFF, pretty.bidi(ON .. "بيسكوف" .. OFF .. " قال", "visual"))
    assert.equal("id 3: لاق " .. ON .. "فوكسيب" .. OFF,
      pretty.bidi("id 3: " .. ON .. "بيسكوف" .. OFF .. " قال", "visual"))
  end)

  it("gives colour sequences no width", function()
    assert.equal(pretty.width("بيسكوف قال"), pretty.width(ON .. "بيسكوف" .. OFF .. " قال"))
  end)
end)

describe("pretty.bidi in none mode", function()
  it("prints text unchanged", function()
    local l = "قال لافروف (2015) in Moscow"
    assert.equal(l, pretty.bidi(l, "none"))
  end)
end)

describe("pretty.table", function()
  local rows = {
    { id = 1, name = "سيرغي لافروف", title = "مُوسْكُو تنفي تعزيز وجودها العسكري بسوريا" },
    { id = 22, name = "ماريا زاخاروفا", title = "Lavrov in Moscow" },
    { id = 333, name = "بيسكوف", title = "الكرملين: إن طلبت دمشق قوات روسية" },
  }

  local function column_starts(line)
    -- The display column where each cell starts: after runs of 2+ spaces.
    local starts, col = {}, 0
    local plain = line:gsub(LRM, ""):gsub(RLI, ""):gsub(PDI, "")
    local prev_space = 0
    for _, cp in utf8.codes(plain) do
      local ch = utf8.char(cp)
      if ch == " " then
        prev_space = prev_space + 1
      else
        if prev_space >= 2 or col == 0 then starts[#starts + 1] = col end
        prev_space = 0
      end
      col = col + pretty.width(ch)
    end
    return starts
  end

  for _, mode in ipairs { "none", "isolate", "visual" } do
    it("aligns its columns, vowelled Arabic included (" .. mode .. " mode)", function()
      local out = sink()
      pretty.table(rows, { columns = { "id", "name", "title" }, out = out, bidi = mode, width = 100 })
      local ls = lines(out.text())
      assert.equal(5, #ls)
      local header = column_starts(ls[1])
      assert.equal(3, #header)
      for i = 3, 5 do
        local starts = column_starts(ls[i])
        assert.equal(header[2], starts[#starts - 1], ls[i])
        assert.equal(header[3], starts[#starts], ls[i])
      end
    end)
  end

  it("right-aligns numbers", function()
    local out = sink()
    pretty.table(rows, { columns = { "id", "name" }, out = out, bidi = "none" })
    local ls = lines(out.text())
    assert.equal("  1", ls[3]:sub(1, 3))
    assert.equal("333", ls[5]:sub(1, 3))
  end)

  it("shrinks long text columns to fit the width, cutting with …", function()
    local out = sink()
    pretty.table(rows, { columns = { "id", "name", "title" }, out = out, bidi = "none", width = 40 })
    for _, l in ipairs(lines(out.text())) do assert.is_true(pretty.width(l) <= 40, l) end
    assert.truthy(out.text():find("…", 1, true))
  end)
end)

describe("pretty.fold", function()
  it("breaks real text at spaces into lines no wider than asked", function()
    local text = helper.seed(2)
    local ls = pretty.fold(text, 50)
    local words_in, words_out = 0, 0
    for _ in text:gmatch("%S+") do words_in = words_in + 1 end
    for _, l in ipairs(ls) do
      assert.is_true(pretty.width(l) <= 50, l)
      for _ in l:gmatch("%S+") do words_out = words_out + 1 end
    end
    assert.equal(words_in, words_out)
  end)
end)

describe("pretty.show", function()
  it("drains an iterator of (entity, count) into a table of names and counts", function()
    local c <close> = helper.seeds_corpus()
    local out = sink()
    local saved = pretty.options.bidi
    pretty.options.bidi = "none"
    pretty.show({ iterators = true, out = out }, c:cooccur("لافروف", { limit = 2 }))
    pretty.options.bidi = saved
    local ls = lines(out.text())
    assert.truthy(ls[1]:find("^name +type +count$"))
    assert.equal("(2 rows)", ls[#ls])
  end)
end)
