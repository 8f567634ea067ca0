-- Stories: duplicates flagged at import, articles clustered incrementally.
local akhbar = require "akhbar"
local helper = require "helper"

local function seed_ids(c)
  -- seed n -> article id, by the file name in the url or by the text
  local ids = {}
  for row in c:rows("SELECT id, text FROM articles ORDER BY id") do
    for n = 0, 4 do
      if row.text == (helper.seed(n)) then ids[n] = row.id end
    end
  end
  return ids
end

local function story_of(c, id)
  local s = c:story(id)
  return s and s.id
end

describe("stories over the seed articles", function()
  local c, ids
  setup(function()
    c = helper.seeds_corpus()
    ids = seed_ids(c)
  end)
  teardown(function() c:close() end)

  it("puts RT's (001) and SANA's (003) reports of Peskov's statement in one story", function()
    assert.is_not_nil(ids[1])
    assert.is_not_nil(ids[3])
    assert.equal(story_of(c, ids[1]), story_of(c, ids[3]))
  end)

  it("keeps 000 (RT on Lavrov eight days earlier), 002 and 004 out of that story", function()
    local peskov = story_of(c, ids[1])
    for _, n in ipairs { 0, 2, 4 } do
      assert.are_not.equal(peskov, story_of(c, ids[n]), "seed " .. n)
    end
  end)

  it("streams the one multi-outlet story with members, outlets and first sighting", function()
    local got = {}
    for s in c:stories { min_size = 2 } do got[#got + 1] = s end
    assert.equal(1, #got)
    local s = got[1]
    assert.equal(2, #s.members)
    local members = { s.members[1].id, s.members[2].id }
    table.sort(members)
    local want = { ids[1], ids[3] }
    table.sort(want)
    assert.same(want, members)
    assert.is_string(s.title)
    assert.is_not_nil(s.first_outlet)
    assert.matches("^story %d+: 2 articles, ", tostring(s))
  end)

  it("lists every story, singletons included, with min_size = 1", function()
    local n = 0
    for _ in c:stories { min_size = 1 } do n = n + 1 end
    assert.equal(4, n)
  end)

  it("finds 003 similar to 001 with a score, and nothing similar to 004", function()
    local hits = {}
    for h in c:similar(ids[1]) do hits[#hits + 1] = h end
    assert.equal(1, #hits)
    assert.equal(ids[3], hits[1].id)
    assert.is_true(hits[1].score >= 0.2 and hits[1].score < 1)
    assert.is_false(hits[1].duplicate)
    assert.is_nil((c:similar(ids[4]))())
  end)

  it("limits the stream and names a bad limit", function()
    local n = 0
    for _ in c:stories { min_size = 1, limit = 2 } do n = n + 1 end
    assert.equal(2, n)
    assert.has_error(function() c:stories { limit = 1.5 } end,
      "c:stories: limit must be a non-negative integer, got 1.5")
  end)

  it("stops a story stream early without leaving a statement open", function()
    for _ in c:stories { min_size = 1 } do break end -- luacheck: ignore 512
    assert.is_not_nil(c:story(ids[1]))
  end)
end)

describe("duplicates at import", function()
  it("flags a copy whose cleaned text equals an earlier article's", function()
    local c = akhbar.open(":memory:")
    finally(function() c:close() end)
    -- A byte-identical copy is not stored at all (the import reports it);
    -- a copy that differs only in boilerplate is stored and flagged.
    local text = helper.seed(4)
    local dir, remove_dir = helper.tmpdir("-dups", { ["a.txt"] = text,
      ["b.txt"] = text .. "\n\nالتعليقات مغلقة\n", ["c.txt"] = text })
    finally(remove_dir)
    local summary = c:import(dir)
    assert.equal(2, summary.added)
    assert.equal(1, summary.duplicates)
    local dups = {}
    for d in c:duplicates() do dups[#dups + 1] = d end
    assert.equal(1, #dups)
    assert.equal("exact", dups[1].kind)
  end)

  it("flags a re-punctuated copy as a near duplicate", function()
    local c = akhbar.open(":memory:")
    finally(function() c:close() end)
    local text = helper.seed(4)
    local copy = text:gsub("الدولية", "العالمية", 1) .. "\nالمصدر: وكالات"
    local dir, remove_dir = helper.tmpdir("-near", { ["a.txt"] = text, ["b.txt"] = copy })
    finally(remove_dir)
    c:import(dir)
    local kinds = {}
    for d in c:duplicates() do kinds[#kinds + 1] = d.kind end
    assert.same({ "near" }, kinds)
  end)
end)

describe("stories in SaudiNewsNet #corpus", function()
  local have = helper.have_real_corpus()
  local c, summary
  setup(function()
    if not have then return end
    c = akhbar.open(":memory:")
    summary = c:import(helper.real_corpus)
  end)
  teardown(function() if c then c:close() end end)

  local real = have and it or pending

  real("finds Saudi Press Agency copy republished by newspapers", function()
    local agency_stories, with_papers = 0, 0
    for s in c:stories { min_size = 2, source = "was" } do
      agency_stories = agency_stories + 1
      for _, o in ipairs(s.outlets) do
        if o ~= "was" then with_papers = with_papers + 1 break end
      end
    end
    assert.is_true(agency_stories > 50, "agency stories: " .. agency_stories)
    assert.is_true(with_papers > 50, "agency stories carried by newspapers: " .. with_papers)
  end)

  real("flags hundreds of exact and near-exact copies", function()
    -- exact: same word sequence (byte-identical copies are refused by the
    -- import itself and counted there); near: SimHash within distance 3
    local n = { exact = 0, near = 0 }
    for d in c:duplicates() do n[d.kind] = n[d.kind] + 1 end
    local exact = n.exact + summary.duplicates
    assert.is_true(n.exact > 20 and exact > 100 and n.near > 100,
      ("exact %d stored + %d refused, near %d"):format(n.exact, summary.duplicates, n.near))
  end)

  real("keeps stories small: no chain swallows the corpus", function()
    local biggest = 0
    for s in c:stories { min_size = 2 } do biggest = math.max(biggest, #s.members) end
    assert.is_true(biggest < 100, "largest story: " .. biggest)
  end)
end)
