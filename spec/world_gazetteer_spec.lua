-- data/world.tsv: the world gazetteer derived by tools/build_world_gazetteer.lua
-- (countries, main cities, Arab League provinces), loaded with the real loader.
local akhbar = require "akhbar"
local gazetteer = require "akhbar.gazetteer"
local helper = require "helper"

local WORLD = "data/world.tsv"

describe("data/world.tsv", function()
  local world, problems
  setup(function()
    world, problems = gazetteer.load(WORLD)
  end)

  local function ids(text)
    local out = {}
    for m in akhbar.entities(text, world) do out[#out + 1] = m.id end
    return out
  end

  it("loads with the real loader without a single problem", function()
    assert.truthy(world)
    assert.same({}, problems)
    assert.truthy(#world > 3000)
    for e in world:each() do assert.equal("place", e.type) end
  end)

  it("has all 250 countries by their ISO 3166-1 code", function()
    local n = 0
    for e in world:each() do
      if e.id:match("^iso:%u%u$") then n = n + 1 end
    end
    assert.equal(250, n)
    assert.equal("iso:SA", world:lookup("السعودية").id)
    assert.equal("iso:EG", world:lookup("جمهورية مصر العربية").id)
    assert.equal("iso:MX", world:lookup("المكسيك").id) -- CLDR's spelling (mledoze has المسكيك)
  end)

  it("resolves the Arab capitals to their GeoNames city", function()
    local want = {
      ["الرياض"] = "geonames:108410", ["القاهرة"] = "geonames:360630", ["بغداد"] = "geonames:98182",
      ["دمشق"] = "geonames:170654", ["نواكشوط"] = "geonames:2377450",
    }
    for name, id in pairs(want) do
      local e = world:lookup(name)
      assert.is_truthy(e, name)
      assert.equal(id, e.id)
      assert.matches("^capital", e.notes)
    end
    -- in running text, with a proclitic
    assert.same({ "geonames:170654", "geonames:108410" }, ids("وصل الوفد إلى دمشق قادما من الرياض"))
  end)

  it("gives a province the administrative name and the city the bare one", function()
    assert.equal("iso:SA-01", world:lookup("منطقة الرياض").id)
    assert.equal("iso:SA-06", world:lookup("منطقة حائل").id)
    -- dr5hn's machine translation of Ha'il («يشيد», 'praises') is not a name
    assert.is_nil(world:lookup("يشيد"))
  end)

  it("does not read a common word that is also a city name as the city", function()
    -- Amol (Iran, 237,528 people) is «آمل», which is also 'I hope';
    -- Bonn is «بن», which is also 'son of'
    assert.is_nil(world:lookup("آمل"))
    assert.is_nil(world:lookup("بن"))
    assert.same({}, ids("وقال الأمير محمد بن سلمان: آمل أن تنتهي الحرب قريبا"))
  end)

  it("finds the places of a seed article", function()
    local text = helper.seed(4)
    local found = {}
    for m in akhbar.entities(text, world) do found[m.id] = m.surface end
    assert.equal("تدمر", found["geonames:163808"])          -- Palmyra
    assert.equal("الرقة", found["geonames:172955"])
    assert.equal("دير الزور", found["geonames:170794"])
    assert.equal("بروكسل", found["geonames:2800866"])
    assert.equal("موسكو", found["geonames:524901"])
    assert.truthy(found["iso:RU"] and found["iso:US"] and found["iso:SY"])
    for id in pairs(found) do assert.matches("^[%a]+:[%w%-]+$", id) end
  end)

  it("loads on top of the default gazetteer, the hand-made entries keeping their names", function()
    local g, probs = gazetteer.load(WORLD, "default")
    assert.truthy(g)
    assert.truthy(#probs > 0) -- names the hand-made entries own: reported, kept there
    for _, p in ipairs(probs) do assert.matches("already belongs to entity", p.message) end
    assert.equal("riyadh", g:lookup("الرياض").id)
    assert.equal("geonames:2377450", g:lookup("نواكشوط").id)
  end)
end)
