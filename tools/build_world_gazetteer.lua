--- Derive data/world.tsv, a gazetteer of the world's countries, main cities
-- and the provinces of the Arab League members, from the openly licensed
-- sources in ../shared/gazetteer-sources and two Debian packages:
--
--   make world-gazetteer            (builds the module first)
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;./tools/?.lua;;" LUA_CPATH="./build/?.so;;" \
--     lua5.4 tools/build_world_gazetteer.lua [OUT]
--
-- Environment: AKHBAR_SHARED (../shared), WORLD_CORPUS (the SaudiNewsNet
-- JSONL used for the word counts), WORLD_MAX_RECORDS (a quick run on part
-- of the corpus), CLDR_DIR (/usr/share/unicode/cldr/common, Debian
-- unicode-cldr-core), GEONAMES_MO (/usr/share/locale/ar/LC_MESSAGES/
-- geonames.mo, Debian libgeonames-common).  Needs the sqlite3 command (it
-- reads the JSON files, the states database and the GeoNames zip).
--
-- Sources, in the order an entity takes a name (a name belongs to the first
-- entity that lists it, as in the loader):
--   1. countries: mledoze/countries (ODbL 1.0) common and official Arabic
--      names, CLDR 41 territory names (Unicode licence), Wikidata ids from
--      dr5hn/countries-states-cities (ODbL 1.0); id "iso:XX" (ISO 3166-1);
--   2. cities: GeoNames cities15000 (CC BY 4.0), every place of an Arab
--      League member (population >= 15,000) and elsewhere places of
--      population >= MIN_POP plus every capital; canonical name from the
--      GeoNames Arabic translation in libgeonames-common when there is one,
--      variants from `alternatenames` (Arabic letters only); national
--      capitals first, then by population; id "geonames:<geonameid>";
--   3. provinces of the Arab League members: dr5hn states (Arabic names
--      filtered, below) with CLDR subdivision names; id "iso:XX-YY"
--      (ISO 3166-2) or "dr5hn:<id>" when the row has no ISO code.
-- Filters (docs/gazetteer.md, "The world gazetteer"):
--   * letters: a name is kept only when it is Arabic letters and spaces
--     (harakat, tatweel and direction marks removed): Persian and Urdu
--     spellings (پ چ ژ گ ک ی ے ۀ ہ ھ ...) and Kurdish ones (ڕ ۆ ێ ە ...) go;
--   * an articleless copy of an articled canonical name (رياض beside الرياض,
--     قاهره beside القاهرة: other languages' renderings, and ordinary words);
--   * word counts: every candidate name is run through the real matcher over
--     SaudiNewsNet; a single-word name matching more than FREQ_PER_M times
--     per million words is dropped unless at least CUE_SHARE of its matches
--     stand after a place word (مدينة، محافظة، ريف، العاصمة، شمال ...) or
--     open a dateline, or it is a country's name;
--   * dr5hn Arabic names: also dropped when CLDR has the subdivision and the
--     dr5hn name shares no word with CLDR's, and when listed in BAD_DR5HN
--     (spot-checked machine translations).
local akhbar = require "akhbar"
local jsonl = require "jsonl"

local MIN_POP = 100000       -- outside the Arab League (cities15000 has >= 15,000)
local FREQ_PER_M = 20        -- matches per million corpus words that make a single-word name suspect
local CUE_SHARE = 0.05       -- share of a suspect name's matches after a place word that clears it
local PERSON_WORD = 20       -- uses as a word of persons' names (Wikidata) that make a single-word place name a person's
local FOLD_MAX = 5           -- matches of a transliterated name through a fold to an unlisted word before its folds are turned off

local ARAB_LEAGUE = {}
for cc in ("EG SA AE IQ SY JO LB PS YE OM KW QA BH LY TN DZ MA SD MR SO DJ KM"):gmatch("%u%u") do
  ARAB_LEAGUE[cc] = true
end

-- Spot-checked dr5hn Arabic names that are wrong (machine translations of a
-- transliteration, or another place's name); CLDR's name is used instead.
local BAD_DR5HN = {
  ["يشيد"] = "SA-06 Ha'il: 'praises'",
  ["خليج"] = "SO-BY Bay: 'gulf', the English word translated",
}
-- Typos in mledoze's Arabic names (the CLDR spelling is listed instead).
local BAD_MLEDOZE = {
  ["المسكيك"] = "MX", ["جمهورية أففانستان الإسلامية"] = "AF",
}

-- Words before a place name that say it is a place (folded, see fold()).
local PLACE_CUES = {}
for w in ([[مدينه مدينتي بلده بلدات قريه محافظه محافظات ريف العاصمه عاصمه ولايه اقليم منطقه مديريه
  قضاء ناحيه شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي ضواحي اطراف احياء سكان اهالي مطار ميناء
  مدن جامعه بمدينه لمدينه ومدينه بمحافظه لمحافظه ومحافظه بريف وريف]]):gmatch("%S+") do
  PLACE_CUES[w] = true
end

local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local SRC = shared .. "/gazetteer-sources"
local CORPUS = os.getenv("WORLD_CORPUS") or (shared .. "/corpus/saudinewsnet.jsonl.gz")
local MAX_RECORDS = tonumber(os.getenv("WORLD_MAX_RECORDS") or "") or math.huge
local CLDR = os.getenv("CLDR_DIR") or "/usr/share/unicode/cldr/common"
local GEONAMES_MO = os.getenv("GEONAMES_MO") or "/usr/share/locale/ar/LC_MESSAGES/geonames.mo"
local OUT = arg[1] or "data/world.tsv"

local function log(fmt, ...) io.stderr:write(("build_world_gazetteer: " .. fmt .. "\n"):format(...)) end

local function readable(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Rows of an SQL query run by the sqlite3 command on `db` (":memory:" for
-- the JSON files, read with readfile()); fields are tab-separated.
local function sql_rows(db, sql)
  local cmd = "sqlite3 -batch -bail -noheader -separator '\t' " .. shell_quote(db) .. " " .. shell_quote(sql)
  local p = assert(io.popen(cmd, "r"))
  local rows = {}
  for line in p:lines() do
    local row = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do row[#row + 1] = field end
    rows[#rows + 1] = row
  end
  local ok, _, code = p:close()
  if not ok then error("sqlite3 failed (exit " .. tostring(code) .. "): " .. sql:sub(1, 80)) end
  return rows
end

local function sql_blob(db, sql)
  local p = assert(io.popen("sqlite3 -batch -bail -noheader " .. shell_quote(db) .. " " .. shell_quote(sql), "r"))
  local data = p:read("a")
  assert(p:close(), "sqlite3 failed: " .. sql:sub(1, 80))
  return data
end

---------------------------------------------------------------- names

-- Clean a candidate name: drop harakat, tatweel, direction marks and extra
-- spaces; return nil unless what is left is Arabic letters (U+0621-U+063A,
-- U+0641-U+064A) and single spaces.
local function clean(s)
  if not s then return nil end
  if not utf8.len(s) then return nil end
  local out = {}
  for _, c in utf8.codes(s) do
    if c == 0x20 or c == 0x09 then
      out[#out + 1] = " "
    elseif (c >= 0x0621 and c <= 0x063A) or (c >= 0x0641 and c <= 0x064A) then
      out[#out + 1] = utf8.char(c)
    elseif not ((c >= 0x064B and c <= 0x0652) or c == 0x0640 or c == 0x200E or c == 0x200F) then
      return nil
    end
  end
  s = table.concat(out):gsub(" +", " "):gsub("^ ", ""):gsub(" $", "")
  if utf8.len(s) < 2 then return nil end
  -- Uyghur spellings in Arabic letters: a word opening with ئ, ى inside a
  -- word (ئاممان، رىياد); Arabic writes neither
  for w in s:gmatch("%S+") do
    if w:find("^ئ") or w:find("ى[^ ]") then return nil end
  end
  return s
end

-- The fold the place cues are written in (hamza seats, alef maqsura, ta marbuta).
local FOLD = { ["أ"] = "ا", ["إ"] = "ا", ["آ"] = "ا", ["ى"] = "ي", ["ة"] = "ه" }
local function fold(w) return (w:gsub("[\xD8-\xDB][\x80-\xBF]", FOLD)) end

local function words(s)
  local n = 0
  for _ in s:gmatch("%S+") do n = n + 1 end
  return n
end

-- Heads of administrative names: a city's alternate name that starts with
-- one names the province (محافظة إدلب), and CLDR's province names lose it
-- for a shorter alias (منطقة حائل -> حائل).
local ADMIN_HEADS = {}
for w in ("محافظه ولايه منطقه شعبيه اقليم جهه بلديه اماره قضاء مديريه لواء"):gmatch("%S+") do ADMIN_HEADS[w] = true end

-- The consonants of a name (article, long vowels, hamza carriers, ta
-- marbuta and ha dropped): spellings of one name agree (جيزان/جازان,
-- فجيرة/الفجيرة, أريانا/أريانة); a different word rarely does (صيدا/سعيدة).
local WEAK = { ["ا"] = "", ["و"] = "", ["ي"] = "", ["ة"] = "", ["ه"] = "", ["ء"] = "", ["أ"] = "", ["إ"] = "",
               ["آ"] = "", ["ئ"] = "", ["ؤ"] = "", ["ى"] = "" }
local function skeleton(s)
  if not s then return nil end
  local out = {}
  for w in s:gmatch("%S+") do
    w = w:gsub("^ال", "")
    out[#out + 1] = (w:gsub("[\xD8-\xDB][\x80-\xBF]", WEAK))
  end
  return table.concat(out)
end

-- Do two English names name the same place?  Their consonants (accents,
-- vowels and h dropped) begin the same in a word or in the whole name
-- (Hadhramaut/Hadramaut, Benslimane/Ben Slimane, Ad Dali'/Dhale).
local function english_keys(s)
  local t = {}
  s = s:lower():gsub("\xC3[\xA0-\xA6]", "a"):gsub("\xC3[\xA8-\xAB]", "e"):gsub("\xC3[\xAC-\xAF]", "i")
    :gsub("\xC3[\xB2-\xB6]", "o"):gsub("\xC3[\xB9-\xBC]", "u")
  local joined = {}
  for w in s:gsub("['\u{2019}]", ""):gmatch("%a+") do
    local c = w:gsub("[aeiouyh]", "")
    if #c >= 3 then t[c:sub(1, 3)] = true end
    if #w >= 3 and w ~= "the" and w ~= "and" then t["=" .. c] = true end
    joined[#joined + 1] = c
  end
  local j = table.concat(joined)
  if #j >= 2 then t[j:sub(1, 3)] = true end
  return t
end
local function same_english(a, b)
  if not b then return true end
  local ka = english_keys(a)
  for k in pairs(english_keys(b)) do if ka[k] then return true end end
  return false
end

-- Is the dr5hn name a spelling of CLDR's?  Same consonants, or one of them
-- (three consonants or more) inside the other (رفح / رفح الفلسطينية).
local function same_arabic(a, b)
  local x, y = skeleton(a), skeleton(b)
  if x == y then return true end
  if utf8.len(x) > utf8.len(y) then x, y = y, x end
  return utf8.len(x) >= 3 and y:find(x, 1, true) ~= nil
end

---------------------------------------------------------------- sources

local function read_countries()
  local mled = SRC .. "/mledoze-countries/countries.json"
  local rows = sql_rows(":memory:", ([[
    select json_extract(value, '$.cca2'), json_extract(value, '$.cca3'),
           json_extract(value, '$.translations.ara.common'), json_extract(value, '$.translations.ara.official'),
           json_extract(value, '$.name.common'), coalesce(json_extract(value, '$.capital[0]'), '')
    from json_each(readfile(%s))]]):format("'" .. mled:gsub("'", "''") .. "'"))
  local wd = {}
  local dr = SRC .. "/dr5hn-countries-states-cities/countries.json"
  for _, r in ipairs(sql_rows(":memory:", ([[select json_extract(value, '$.iso2'), json_extract(value, '$.wikiDataId')
      from json_each(readfile(%s))]]):format("'" .. dr:gsub("'", "''") .. "'"))) do
    wd[r[1]] = r[2]
  end
  local countries = {}
  for _, r in ipairs(rows) do
    countries[#countries + 1] = { cca2 = r[1], cca3 = r[2], common = r[3], official = r[4], english = r[5],
                                  capital = r[6], wikidata = wd[r[1]] }
  end
  return countries
end

-- CLDR: territory names (with alt="short"/"variant") and subdivision names.
local function read_cldr()
  local terr, subdiv, subdiv_en = {}, {}, {}
  local f = io.open(CLDR .. "/main/ar.xml", "rb")
  if not f then
    log("CLDR not found at %s (Debian unicode-cldr-core): countries without CLDR names", CLDR)
    return terr, subdiv, false
  end
  for line in f:lines() do
    local code, name = line:match('<territory type="(%u%u)"[^>]*>([^<]+)</territory>')
    if code then
      terr[code] = terr[code] or {}
      table.insert(terr[code], name)
    end
  end
  f:close()
  for lang, into in pairs { ar = subdiv, en = subdiv_en } do
    f = io.open(CLDR .. "/subdivisions/" .. lang .. ".xml", "rb")
    if f then
      for line in f:lines() do
        local code, name = line:match('<subdivision type="(%w+)"[^>]*>([^<]+)</subdivision>')
        if code then into[code:upper()] = name end
      end
      f:close()
    end
  end
  return terr, subdiv, subdiv_en, true
end

-- libgeonames-common's ar/geonames.mo: Arabic names keyed by GeoNames id.
local function read_geonames_mo()
  local f = io.open(GEONAMES_MO, "rb")
  if not f then
    log("%s not found (Debian libgeonames-common): canonical names from alternatenames only", GEONAMES_MO)
    return {}
  end
  local data = f:read("a")
  f:close()
  local magic = string.unpack("<I4", data, 1)
  assert(magic == 0x950412de, "geonames.mo: not a little-endian gettext catalogue")
  local n, orig, trans = string.unpack("<I4I4I4", data, 9)
  local names = {}
  for i = 0, n - 1 do
    local olen, ooff = string.unpack("<I4I4", data, orig + 8 * i + 1)
    local tlen, toff = string.unpack("<I4I4", data, trans + 8 * i + 1)
    local key = data:sub(ooff + 1, ooff + olen)
    if key:match("^%d+$") then names[key] = data:sub(toff + 1, toff + tlen) end
  end
  return names
end

local function read_cities()
  local text = sql_blob(":memory:", ("select data from zipfile('%s') where name = 'cities15000.txt'")
    :format((SRC .. "/geonames-cities15000/cities15000.zip"):gsub("'", "''")))
  local cities = {}
  for line in text:gmatch("[^\n]+") do
    local f = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
    cities[#cities + 1] = { id = f[1], english = f[2], alternates = f[4], fcode = f[8], cc = f[9],
                            population = tonumber(f[15]) or 0 }
  end
  return cities
end

local function read_states()
  local codes = {}
  for cc in pairs(ARAB_LEAGUE) do codes[#codes + 1] = "'" .. cc .. "'" end
  table.sort(codes)
  return sql_rows(SRC .. "/dr5hn-countries-states-cities/states.sqlite3", ([[
    select id, name, country_code, coalesce(iso3166_2, ''), coalesce(type, ''),
           coalesce(json_extract(translations, '$.ar'), ''), coalesce(native, ''), coalesce(wikiDataId, '')
    from states where country_code in (%s) order by country_code, id]]):format(table.concat(codes, ",")))
end

---------------------------------------------------------------- candidates

-- An entity: { id, type = "place", kind, names = { {s=, src=} ... } in
-- order of preference, wikidata, notes, novariant }
local entities = {}
local function entity(e)
  e.names = e.names or {}
  entities[#entities + 1] = e
  return e
end
local function add_name(e, s, src)
  s = clean(s)
  if not s then return end
  for _, n in ipairs(e.names) do if n.s == s then return end end
  e.names[#e.names + 1] = { s = s, src = src }
end

local counts_by_source = {}
local function count(key) counts_by_source[key] = (counts_by_source[key] or 0) + 1 end

local countries = read_countries()
local cldr_terr, cldr_subdiv, cldr_subdiv_en, have_cldr = read_cldr()
local mo = read_geonames_mo()
for _, c in ipairs(countries) do
  local e = entity { id = "iso:" .. c.cca2, kind = "country", novariant = true, wikidata = c.wikidata,
                     notes = ("country %s/%s (%s)"):format(c.cca2, c.cca3, c.english) }
  -- CLDR first: reviewed by native speakers (mledoze has typos: المسكيك)
  for _, s in ipairs(cldr_terr[c.cca2] or {}) do
    if not s:find("[%-%(]") then add_name(e, s, "cldr") end
  end
  for _, s in ipairs { c.common, c.official } do
    if BAD_MLEDOZE[s] then count("mledoze typo dropped") else add_name(e, s, "mledoze") end
  end
end
log("%d countries (mledoze), CLDR %s", #countries, have_cldr and "used" or "absent")

local cities = read_cities()
local kept_cities = {}
for _, c in ipairs(cities) do
  local capital = c.fcode == "PPLC" or c.fcode == "PPLG"
  if ARAB_LEAGUE[c.cc] or c.population >= MIN_POP or capital then
    local canon = clean(mo[c.id])
    local alts = {}
    for a in c.alternates:gmatch("[^,]+") do
      local s = clean(a)
      if s then alts[#alts + 1] = s end
    end
    if canon or #alts > 0 then
      c.capital = capital
      c.canon, c.alts = canon, alts
      kept_cities[#kept_cities + 1] = c
    end
  end
end
-- national capitals first (they take a name shared with a smaller place),
-- then by population
table.sort(kept_cities, function(a, b)
  if a.capital ~= b.capital then return a.capital end
  if a.population ~= b.population then return a.population > b.population end
  return tonumber(a.id) < tonumber(b.id)
end)
for _, c in ipairs(kept_cities) do
  local e = entity { id = "geonames:" .. c.id, kind = "city", novariant = ARAB_LEAGUE[c.cc] or false,
                     notes = ("%s %s, population %d (%s)"):format(c.capital and "capital" or "city", c.cc,
                       c.population, c.english) }
  if c.canon then add_name(e, c.canon, "geonames.mo") end
  local stripped_of = {}
  for _, n in ipairs(e.names) do
    if n.s:sub(1, 4) == "ال" then stripped_of[akhbar.gazetteer.variant_key(n.s:sub(5), true)] = true end
  end
  for _, a in ipairs(c.alts) do
    -- an articleless copy of the articled canonical name is another
    -- language's rendering (رياض, قاهره) and often an ordinary word
    local head = a:match("^(%S+) ")
    if stripped_of[akhbar.gazetteer.variant_key(a, true)] then
      count("articleless copy dropped")
    elseif head and ADMIN_HEADS[fold(head)] then
      count("province name among a city's names dropped")
    else
      add_name(e, a, "geonames")
    end
  end
end
log("%d cities kept of %d in cities15000", #kept_cities, #cities)

local states = read_states()
local dr5hn_report = {}
for _, r in ipairs(states) do
  local id, english, cc, iso, kind, ar, native = r[1], r[2], r[3], r[4], r[5], r[6], r[7]
  local e = entity { id = iso ~= "" and ("iso:" .. iso) or ("dr5hn:" .. id), kind = "province", novariant = true,
                     wikidata = r[8] ~= "" and r[8] or nil,
                     notes = ("%s of %s%s (%s)"):format(kind ~= "" and kind or "province", cc,
                       iso ~= "" and (" " .. iso) or "", english) }
  local code = iso:gsub("%-", "")
  local cldr = clean(cldr_subdiv[code])
  -- CLDR 41 still has Morocco's regions of 1997 under codes dr5hn uses for
  -- those of 2015: use CLDR's name only when its English name is the same place
  if cldr and not same_english(english, cldr_subdiv_en[code])
      and not (clean(ar) and same_arabic(clean(ar), cldr)) then
    dr5hn_report[#dr5hn_report + 1] = ("%s %s: CLDR %s (%s) is another place: not used")
      :format(iso, english, cldr, cldr_subdiv_en[code] or "?")
    count("CLDR subdivision of another place")
    cldr = nil
  end
  if cldr then add_name(e, cldr, "cldr") end
  -- the CLDR name without its generic head (منطقة حائل -> حائل)
  local bare = cldr and cldr:match("^[^ ]+ (.+)$")
  local head = cldr and cldr:match("^([^ ]+) ")
  if bare and ADMIN_HEADS[fold(head)] then add_name(e, bare, "cldr") else bare = nil end
  local seen = {}
  for _, s in ipairs { ar, native } do
    local c = clean(s)
    if c and not seen[c] and not (cldr and (c == cldr or c == bare)) then
      seen[c] = true
      if BAD_DR5HN[c] then
        count("dr5hn name spot-checked wrong")
        dr5hn_report[#dr5hn_report + 1] = ("%s %s: %s (CLDR %s) dropped: %s"):format(iso, english, c, cldr or "-", BAD_DR5HN[c])
      elseif cldr and not same_arabic(c, cldr) and not (bare and same_arabic(c, bare)) then
        count("dr5hn name unlike CLDR's")
        dr5hn_report[#dr5hn_report + 1] = ("%s %s: %s (CLDR %s) dropped: not the same consonants"):format(iso, english, c, cldr)
      else
        add_name(e, c, "dr5hn")
      end
    elseif s ~= "" and not c then
      count("dr5hn name not Arabic letters")
    end
  end
end
log("%d provinces of Arab League members (dr5hn)", #states)

---------------------------------------------------------------- word counts

-- Every candidate name as its own entity of a probe gazetteer, with the
-- flags its entity will have, so the counts are what the real matcher finds.
local probe = akhbar.gazetteer.new()
local probe_of = {}   -- probe index -> { name records }
local by_key = {}     -- key -> probe id
local probe_variant, probe_plain = {}, {}  -- probe id -> transliteration folds on; plain keys of its spellings
local nprobe = 0
for _, e in ipairs(entities) do
  for _, n in ipairs(e.names) do
    local key = (e.novariant and "p" or "v") .. akhbar.gazetteer.variant_key(n.s, e.novariant)
    local pid = by_key[key]
    if not pid then
      nprobe = nprobe + 1
      pid = "n" .. nprobe
      by_key[key] = pid
      probe:add { id = pid, type = "place", name = n.s, flags = e.novariant and "novariant" or nil }
      probe_of[pid] = {}
    end
    n.pid = pid
    table.insert(probe_of[pid], n)
    probe_variant[pid] = not e.novariant
    probe_plain[pid] = probe_plain[pid] or {}
    probe_plain[pid][akhbar.gazetteer.variant_key(n.s, true)] = true
  end
end

local matches, cued, folded = {}, {}, {}
local nwords, nrec = 0, 0
local have_corpus = readable(CORPUS)
if have_corpus then
  local t0 = os.clock()
  for rec in jsonl.records(CORPUS) do
    nrec = nrec + 1
    if nrec > MAX_RECORDS then break end
    -- the author field is left out: it opens with the outlet's name for some
    -- papers (الجزيرة), which would read as a dateline
    local text = (rec.title or "") .. "\n" .. (rec.content or "")
    for _ in text:gmatch("[\xD8-\xDB][\x80-\xBF][^%s%p]*") do nwords = nwords + 1 end
    for m in probe:match(text) do
      matches[m.id] = (matches[m.id] or 0) + 1
      if probe_variant[m.id] and not probe_plain[m.id][akhbar.gazetteer.variant_key(m.surface, true)] then
        folded[m.id] = (folded[m.id] or 0) + 1
      end
      local before = text:sub(math.max(1, m.start - 40), m.start - 1)
      local prev = before:match("([^%s%p]+)[%s]*$")
      local after = text:sub(m.stop + 1, m.stop + 6)
      local line_start = before:match("\n[%s]*$") or m.start == 1
      if (prev and before:match("[^%s%p]+[ ]+$") and PLACE_CUES[fold(prev)])
          or (line_start and after:match("^%s*[%-–:،]")) then
        cued[m.id] = (cued[m.id] or 0) + 1
      end
    end
  end
  nrec = math.min(nrec, MAX_RECORDS)
  log("word counts: %d articles, %d Arabic words, %.0f s", nrec, nwords, os.clock() - t0)
else
  log("corpus %s not found: no word-count filter (the output would differ: install the corpus)", CORPUS)
end

-- Names of the hand-made default (data/gazetteer.tsv) were checked against
-- the same corpus by hand: they stay even when frequent (عسير).
local hand = {}
do
  local f = io.open(os.getenv("WORLD_HAND") or "data/gazetteer.tsv", "rb")
  if f then
    for line in f:lines() do
      local _, _, name, aliases = line:match("^([^#\t][^\t]*)\t([^\t]*)\t([^\t]*)\t?([^\t]*)")
      if name then
        hand[akhbar.gazetteer.variant_key(name, true)] = true
        for a in aliases:gmatch("[^|]+") do hand[akhbar.gazetteer.variant_key(a, true)] = true end
      end
    end
    f:close()
  end
end

-- Words of persons' names (NETransliteration's Wikidata tokens, CC0): a
-- single-word place name used PERSON_WORD times or more as a name word is
-- read as the person (فلاديمير is Putin's first name before it is Vladimir).
local person_words = {}
do
  local f = io.open(SRC .. "/netransliteration-wikidata-arabic/wd_arabic.normalized.aligned.tokens", "rb")
  if f then
    for line in f:lines() do
      local ar, n = line:match("^[^\t]*\t([^\t]*)\t(%d+)")
      if ar then
        local k = akhbar.gazetteer.variant_key((ar:gsub(" ", "")), true)
        person_words[k] = (person_words[k] or 0) + tonumber(n)
      end
    end
    f:close()
  end
end

local per_m = nwords > 0 and 1e6 / nwords or 0
local debug_names = {}
for w in (os.getenv("WORLD_DEBUG_NAMES") or ""):gmatch("[^,]+") do debug_names[w] = true end
local dropped = {}
for _, e in ipairs(entities) do
  local keep = {}
  -- a transliterated name whose folds reach unlisted words (تومسك ~ تتمسك,
  -- بسكوف ~ بيسكوف) keeps its spellings and loses the folds
  local nfold = 0
  for _, n in ipairs(e.names) do nfold = nfold + (folded[n.pid] or 0) end
  if not e.novariant and nfold > FOLD_MAX then
    e.novariant = true
    count("transliteration folds turned off")
  end
  for _, n in ipairs(e.names) do
    local m = (matches[n.pid] or 0) - (e.novariant and (folded[n.pid] or 0) or 0)
    local rate = m * per_m
    local share = m > 0 and (cued[n.pid] or 0) / m or 0
    n.rate, n.share, n.matches = rate, share, m
    if debug_names[n.s] then log("name %s (%s): %d matches, %.1f per million, %.3f after a place word", n.s, e.id, m, rate, share) end
    if words(n.s) == 1 and rate > FREQ_PER_M and share < CUE_SHARE and e.kind ~= "country"
        and not hand[akhbar.gazetteer.variant_key(n.s, true)] then
      count("frequent word dropped")
      dropped[#dropped + 1] = { name = n.s, id = e.id, rate = rate, share = share, notes = e.notes }
    elseif words(n.s) == 1 and e.kind ~= "country" and not e.notes:find("^capital")
        and (person_words[akhbar.gazetteer.variant_key(n.s, true)] or 0) >= PERSON_WORD
        and not hand[akhbar.gazetteer.variant_key(n.s, true)] then
      count("person's name word dropped")
      dropped[#dropped + 1] = { name = n.s, id = e.id, rate = rate, share = -1, notes = e.notes }
    else
      keep[#keep + 1] = n
    end
  end
  -- without a GeoNames Arabic name, the canonical one is the spelling the
  -- corpus uses most (sort is not stable: ties keep the source order)
  if e.kind == "city" and keep[1] and keep[1].src ~= "geonames.mo" then
    for i, n in ipairs(keep) do n.order = i end
    table.sort(keep, function(a, b)
      if a.matches ~= b.matches then return a.matches > b.matches end
      return a.order < b.order
    end)
  end
  e.names = keep
end

---------------------------------------------------------------- owners

-- Give every name to the first entity that lists it, with the loader's own
-- rule: add the entities in order and take back the names it reports.
local function row_of(e)
  local aliases = {}
  for i = 2, #e.names do aliases[#aliases + 1] = e.names[i].s end
  return { id = e.id, type = "place", name = e.names[1].s, aliases = aliases, wikidata = e.wikidata,
           notes = e.notes, flags = e.novariant and "novariant" or nil }
end

local owner = akhbar.gazetteer.new()
local out = {}
local lost = {}
for _, e in ipairs(entities) do
  if #e.names > 0 then
    local _, problems = owner:add(row_of(e))
    if #problems > 0 then
      local taken = {}
      for _, p in ipairs(problems) do
        local name, by = p.message:match("^name '(.-)' already belongs to entity '(.-)'")
        assert(name, p.message)
        for _, n in ipairs(e.names) do
          if n.s:sub(1, #name) == name then taken[n] = by end
        end
      end
      local keep = {}
      for _, n in ipairs(e.names) do
        if taken[n] then
          count("name owned by an earlier entity")
          if n == e.names[1] then lost[#lost + 1] = ("%s %s: %s -> %s"):format(e.id, e.notes, n.s, taken[n]) end
        else
          keep[#keep + 1] = n
        end
      end
      e.names = keep
    end
  end
  if #e.names > 0 then
    out[#out + 1] = e
  else
    count(e.kind .. " without a name of its own")
  end
end

---------------------------------------------------------------- output

local function field(s) return (tostring(s or ""):gsub("[\t\n\r]", " ")) end

local o = assert(io.open(OUT, "wb"))
o:write([[
# The world gazetteer of akhbar: countries, main cities and the provinces of
# the Arab League members.  Generated by tools/build_world_gazetteer.lua
# (make world-gazetteer): do not edit; docs/gazetteer.md, "The world gazetteer".
# Derived from: mledoze/countries (ODbL 1.0), GeoNames cities15000 and the
# GeoNames Arabic names of libgeonames-common (CC BY 4.0, geonames.org),
# dr5hn/countries-states-cities (ODbL 1.0, contents DbCL 1.0) and Unicode
# CLDR 41 (Unicode licence).  This database is made available under the
# Open Database License (ODbL 1.0); see README.md, "Data sources and licences".
id	type	name	aliases	wikidata	notes	flags
]])
local per_kind = {}
local nnames = 0
for _, e in ipairs(out) do
  local r = row_of(e)
  per_kind[e.kind] = (per_kind[e.kind] or 0) + 1
  nnames = nnames + #e.names
  o:write(table.concat({ field(r.id), "place", field(r.name), field(table.concat(r.aliases, "|")),
                         field(r.wikidata), field(r.notes), r.flags or "" }, "\t"), "\n")
end
if #dropped > 0 then
  table.sort(dropped, function(a, b) return a.rate > b.rate end)
  o:write(("# Single-word names left out: more than %d matches per million words of SaudiNewsNet,\n"):format(FREQ_PER_M))
  o:write(("# fewer than %d%% of them after a place word (name, matches per million, share after a place word, entity):\n")
    :format(math.floor(CUE_SHARE * 100 + 0.5)))
  for _, d in ipairs(dropped) do
    o:write(("#   %s\t%.0f\t%s\t%s %s\n"):format(d.name, d.rate,
      d.share < 0 and "person-name word" or ("%.3f"):format(d.share), d.id, d.notes))
  end
end
o:close()

-- The file must load with the real loader without a single problem.
local g, problems = akhbar.gazetteer.load(OUT)
assert(g, problems)
for _, p in ipairs(problems) do log("problem: %s", tostring(p)) end
assert(#problems == 0, "the output does not load cleanly")

local kinds = {}
for k, v in pairs(per_kind) do kinds[#kinds + 1] = ("%s %d"):format(k, v) end
table.sort(kinds)
log("%s: %d entities (%s), %d names", OUT, #out, table.concat(kinds, ", "), nnames)
local srcs = {}
for k, v in pairs(counts_by_source) do srcs[#srcs + 1] = ("%s: %d"):format(k, v) end
table.sort(srcs)
for _, s in ipairs(srcs) do log("  %s", s) end
if os.getenv("WORLD_VERBOSE") then
  for _, s in ipairs(dr5hn_report) do log("dr5hn: %s", s) end
  for _, s in ipairs(lost) do log("canonical name lost: %s", s) end
end
