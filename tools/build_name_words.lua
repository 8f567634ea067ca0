--- Derive lua/akhbar/news/name_words.lua from the Wikidata person-name
-- tokens in ../shared/gazetteer-sources/netransliteration-wikidata-arabic
-- (CC0 1.0; Merhav & Ash, COLING 2018).
--
--   lua5.4 tools/build_name_words.lua [SOURCE] [OUT]
--
-- Keeps the Arabic words that occur at least MIN_COUNT times as a token of a
-- person's name (given names and family names: محمد، صالح، عقيل، بن، أبو),
-- drops words with the article «ال» (those are read as family names by the
-- quote code anyway) and words that are also common nouns of news text
-- (COMMON below: titles and roles that appear in a few Wikidata labels).
-- The quote code uses the list to tell a name word from a noun when it
-- completes a speaker's name («الجاسر» -> «صالح بن ناصر الجاسر»).
local MIN_COUNT = 3
local COMMON = {
  "وزير", "رئيس", "الملك", "امير", "شيخ", "سيد", "مدير", "نائب", "قائد", "عضو", "دكتور", "حاج", "ملك", "سلطان",
  "امين", "شريف",
  -- function words and common nouns that Wikidata transliterations also give
  "ان", "من", "في", "على", "الى", "عن", "مع", "لا", "ما", "كان", "كانت", "او", "بين", "هو", "هي", "انا", "انت",
  "نحن", "هم", "هذا", "هذه", "ذلك", "تلك", "قد", "لم", "لن", "كل", "غير", "عبر", "نحو", "ضد", "منذ", "لدى", "عند",
  "اذا", "اذ", "لكن", "بل", "حتى", "بعد", "قبل", "دور", "حرب", "عام", "يوم", "دار", "له", "لها", "به", "بها", "فيه",
  "اي", "ثم", "كما", "لدي", "انه", "انها", "هنا", "هناك", "الا", "اما", "ام", "يا", "سوف", "ليس", "مثل", "جدا",
}

local src = arg[1] or "../shared/gazetteer-sources/netransliteration-wikidata-arabic/wd_arabic.normalized.aligned.tokens"
local out = arg[2] or "lua/akhbar/news/name_words.lua"

-- the same letter fold as the quote code's keys (akh_news_fold): hamza
-- carriers to bare alef, alef maqsura to ya, ta marbuta to ha
local FOLD = { ["أ"] = "ا", ["إ"] = "ا", ["آ"] = "ا", ["ٱ"] = "ا", ["ى"] = "ي", ["ة"] = "ه" }
local function fold(w) return (w:gsub("[\xD8-\xDB][\x80-\xBF]", FOLD)) end

local common = {}
for _, w in ipairs(COMMON) do common[w] = true end
local counts = {}
local f = assert(io.open(src, "rb"))
for line in f:lines() do
  local ar, n = line:match("^[^\t]*\t([^\t]*)\t(%d+)")
  if ar then
    local w = fold(ar:gsub(" ", ""))
    counts[w] = (counts[w] or 0) + tonumber(n)
  end
end
f:close()

local words = {}
for w, n in pairs(counts) do
  -- Arabic letters only (U+0621..U+064A), at least two letters, no «ال»
  if n >= MIN_COUNT and not common[w] and w:find("^[\xD8\xD9][\x80-\xBF]") and not w:find("[^\xD8\xD9\x80-\xBF]")
      and utf8.len(w) >= 2 and w:sub(1, 4) ~= "ال" then
    words[#words + 1] = w
  end
end
table.sort(words)

local o = assert(io.open(out, "wb"))
o:write([[
--- Person-name words (given and family names), folded: derived by
-- tools/build_name_words.lua from the Wikidata name tokens of
-- NETransliteration (github.com/steveash/NETransliteration-COLING2018,
-- data/wd_arabic.normalized.aligned.tokens; CC0 1.0, adapted from Wikidata).
-- Generated file: do not edit; re-run the script.
return [=[
]])
local line = {}
for i, w in ipairs(words) do
  line[#line + 1] = w
  if #line == 40 or i == #words then
    o:write(table.concat(line, " "), "\n")
    line = {}
  end
end
o:write("]=]\n")
o:close()
io.stderr:write(("build_name_words: %d words (of %d tokens) -> %s\n"):format(#words, (function()
  local k = 0 for _ in pairs(counts) do k = k + 1 end return k end)(), out))
