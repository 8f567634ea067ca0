--- akhbar.news.text: the word-level helpers every news module shares:
-- the matching fold, lexicon sets, trimming and the word scanner.
-- @module akhbar.news.text
local core = require "akhbar.core"

local M = {}

---------------------------------------------------------------- folding
-- A matching key only (never reported): alef forms to ا, ى to ي, ة to ه,
-- no harakat, no tatweel, Arabic-Indic digits to ASCII.  It is C
-- (akh_news_fold): the Lua gsub over a table was a tenth of parse's time.
local fold = core.news_fold
M.fold = fold

local function set(list)
  local t = {}
  for _, w in ipairs(list) do t[fold(w)] = true end
  return t
end

-- Strips the bytes of [%s\194\160] at both ends, as
-- s:gsub("^[%s\194\160]+", ""):gsub("[%s\194\160]+$", "") did, without
-- the end-anchored gsub that tried a match at every byte of the string.
local TRIM = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true, [194] = true, [160] = true }
local byte = string.byte
local function trim(s)
  local i, j = 1, #s
  while i <= j and TRIM[byte(s, i)] do i = i + 1 end
  if i > j then return "" end
  while TRIM[byte(s, j)] do j = j - 1 end
  if i == 1 and j == #s then return s end
  return s:sub(i, j)
end

---------------------------------------------------------------- tokens
--- Words of text[a..b] as { {s=, e=, key=, pre=, post=}, ... }: s/e the
-- word's bytes without the punctuation glued to it (ASCII punctuation and
-- “ ” « » ، ؛ ؟ … – — ‘ ’ ٪), pre/post that punctuation ("" when none), key
-- the folded word.  NBSP separates words.  A C port of the Lua scanner
-- (src/segment.c, akh_words_next): it was two thirds of parse's time.
-- With a fourth argument `filter` (a table of keys), false when no word's
-- key is in it, without building the list.
local words = core.news_words
M.words = words
M.set, M.trim = set, trim

-- News agencies, as credited in datelines and quotes («موسكو – سانا»).
M.AGENCIES = set {
  "سانا", "واس", "رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "د ب أ", "د.ب.أ", "الأناضول",
  "يو بي آي", "يو بي اي", "يونايتد برس", "أسوشيتد برس", "أ ب", "إرنا", "قنا", "وام", "كونا", "بنا",
  "بترا", "معا", "وفا", "سبأ", "العمانية", "تاس", "إيتار تاس", "نوفوستي", "سبوتنيك", "شينخوا",
  "وكالات", "متابعات", "الوئام", "سبق", "عكاظ", "الشرق الأوسط", "الشرق الأوسط أونلاين",
  "الاقتصادية", "الرياض", "المدينة", "الجزيرة", "الحياة", "الوطن", "اليوم", "روسيا اليوم",
  "سكاي نيوز", "العربية", "بي بي سي", "سي إن إن", "الرياضي", "مكة", "المواطن",
}

return M
