-- Question: which people are most often named with داعش (ISIS)?
--
-- Counts, for every person of the gazetteer, the articles that name both
-- that person and داعش (under any of its names: تنظيم الدولة, الدولة
-- الإسلامية ...), as a share of all the articles naming داعش, with the
-- outlets that carried them.  Optionally writes the co-occurrence network
-- around داعش (people and places) as GEXF for Gephi.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/with_daesh.lua [CORPUS [N [OUT.gexf]]]
-- or:  akhbar run news.db examples/with_daesh.lua [N [OUT.gexf]]
-- CORPUS is a corpus file made by `akhbar import`, or articles to import;
-- the default is the sample in examples/corpus.
local export = require "akhbar.export"
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c, args = script.corpus(arg)
local ENTITY = "داعش"
local n = math.tointeger(tonumber(args[1] or "15")) or 15
local gexf = args[2]

local total = 0
for _ in c:articles_with(ENTITY) do total = total + 1 end
print(pretty.bidi(("%s is named in %d articles"):format(ENTITY, total)))
if total == 0 then return end

local rows = {}
for person, together in c:cooccur(ENTITY, { type = "person", limit = n }) do
  -- The outlets of the articles naming both.
  local outlets, order = {}, {}
  for a in c:articles_with { ENTITY, person } do
    local o = a.source or "?"
    if not outlets[o] then order[#order + 1] = o end
    outlets[o] = (outlets[o] or 0) + 1
  end
  table.sort(order, function(x, y)
    if outlets[x] ~= outlets[y] then return outlets[x] > outlets[y] end
    return x < y
  end)
  for i, o in ipairs(order) do order[i] = ("%s %d"):format(o, outlets[o]) end
  rows[#rows + 1] = { person = person.name, articles = together,
    share = ("%.0f%%"):format(100 * together / total), outlets = table.concat(order, ", ") }
end

if #rows == 0 then
  print("no person is named with it")
else
  pretty.table(rows, { columns = { "person", "articles", "share", "outlets" } })
end

if gexf then
  local graph = export.network(c, ENTITY, { limit = n })
  assert(export.gexf(gexf, graph))
  print(("network: %d nodes, %d edges -> %s"):format(#graph.nodes, #graph.edges, gexf))
end
