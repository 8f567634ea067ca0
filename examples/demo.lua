-- The main job on the sample corpus: import the seed articles into one
-- SQLite file, run a search, print the hits with their snippets, then what
-- the corpus knows about the hits (who is quoted, which stories they join).
--   lua5.4 examples/demo.lua [db] [corpus-dir] [query]
-- Running it again re-uses the database: the import skips what is in.
local akhbar = require "akhbar"

local dbpath = arg[1] or "sample.db"
local corpus_dir = arg[2] or "examples/corpus"
local query = arg[3] or "لافروف سوريا"

local c <close> = akhbar.open(dbpath)
local summary = c:import(corpus_dir)
print(("%s\n%s\n"):format(tostring(c), tostring(summary)))

print(("search: %s  (%d articles match)"):format(query, c:count(query)))
local ids = {}
for hit in c:search(query, { limit = 10 }) do
  ids[#ids + 1] = hit.id
  print(("\n#%d  %s  %s  score %.2f"):format(hit.id, hit.date or "date?", hit.source or "outlet?", hit.score))
  print("  " .. (hit.title or ""))
  print("  " .. hit.snippet:gsub("%s+", " "))
end

-- Who says what in the articles found.
print("\nquotes in these articles:")
for _, id in ipairs(ids) do
  for q in c:quotes { article = id, limit = 3 } do
    local text = q.text
    if utf8.len(text) and utf8.len(text) > 90 then text = text:sub(1, utf8.offset(text, 91) - 1) .. "…" end
    print(("  #%d %s (%s): %s"):format(id, q.speaker or "?", q.verb or "-", text))
  end
end

-- The same story told by several outlets.
print("\nstories told by more than one article:")
for s in c:stories { min_size = 2 } do print("  " .. tostring(s)) end
