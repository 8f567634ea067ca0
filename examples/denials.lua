-- Question: who denied what about Russian forces in Syria?
--
-- Finds the articles about Russia's military in Syria with a full-text
-- query (clitic forms included: بسوريا, لسوريا, العسكري ...), then lists
-- every quote in them whose speech verb is a denial (نفى, نفت, ينفي, ...):
-- date, outlet, speaker and the words denied, then who denied most.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/denials.lua [CORPUS]
-- or with the installed command:  akhbar run news.db examples/denials.lua
-- CORPUS is a corpus file made by `akhbar import`, or articles to import
-- (a directory, JSON Lines .gz); the default is the sample in examples/corpus.
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c = script.corpus(arg)

-- Russia (or Moscow) and Syria and something military, anywhere in the article.
local TOPIC = "(روسيا OR موسكو OR الكرملين) AND (سوريا OR سورية) AND (عسكري OR قوات OR جنود OR قاعدة OR خبراء)"

local about = {}
for row in c:sql("SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?", TOPIC) do
  about[row.id] = true
end

local rows, by_speaker = {}, {}
for q in c:quotes { verb = "denial" } do
  if about[q.article] then
    rows[#rows + 1] = { date = q.date or "", outlet = q.source or "?", article = q.article,
      speaker = q.speaker or "?", verb = q.verb_form or q.verb, denied = q.text }
    local who = q.speaker_entity or q.speaker or "?"
    by_speaker[who] = (by_speaker[who] or 0) + 1
  end
end

local n_articles = 0
for _ in pairs(about) do n_articles = n_articles + 1 end
print(("%d articles about Russian forces in Syria; %d denial%s in them"):format(n_articles, #rows,
  #rows == 1 and "" or "s"))
if #rows == 0 then return end
print()
pretty.table(rows, { columns = { "date", "outlet", "article", "speaker", "verb", "denied" } })

local tally = {}
for who, n in pairs(by_speaker) do tally[#tally + 1] = { speaker = who, denials = n } end
table.sort(tally, function(a, b)
  if a.denials ~= b.denials then return a.denials > b.denials end
  return a.speaker < b.speaker
end)
print("\nwho denied most:")
pretty.table(tally, { columns = { "speaker", "denials" } })
