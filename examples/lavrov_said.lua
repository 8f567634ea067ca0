-- Question: what did Lavrov say, by outlet and date?
--
-- Every quote attributed to Sergei Lavrov (any form of his name:
-- لافروف, سيرغي لافروف, ولافروف ...), grouped by outlet, in date order,
-- with the speech verb (قال, أكد, نفى ...), then a count of what kind of
-- statements each outlet carried.  Give another speaker as an argument.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/lavrov_said.lua [CORPUS [SPEAKER]]
-- or:  akhbar run news.db examples/lavrov_said.lua [SPEAKER]
-- CORPUS is a corpus file made by `akhbar import`, or articles to import;
-- the default is the sample in examples/corpus.
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c, args = script.corpus(arg)
local speaker = args[1] or "لافروف"

local outlets, order = {}, {}
for q in c:quotes { speaker = speaker } do
  local outlet = q.source or "(outlet unknown)"
  if not outlets[outlet] then
    outlets[outlet] = { quotes = {}, classes = {} }
    order[#order + 1] = outlet
  end
  local o = outlets[outlet]
  o.quotes[#o.quotes + 1] = q
  local class = q.verb_class or "statement"
  o.classes[class] = (o.classes[class] or 0) + 1
end

if #order == 0 then
  print(pretty.bidi(("no quotes by %s"):format(speaker)))
  return
end

-- Outlets with most quotes first.
table.sort(order, function(a, b)
  local na, nb = #outlets[a].quotes, #outlets[b].quotes
  if na ~= nb then return na > nb end
  return a < b
end)

local width = pretty.options.width
local summary = {}
for _, outlet in ipairs(order) do
  local o = outlets[outlet]
  print(("== %s: %d quote%s"):format(outlet, #o.quotes, #o.quotes == 1 and "" or "s"))
  for _, q in ipairs(o.quotes) do
    print(pretty.bidi(("%s  #%d  %s %s:"):format(q.date or "date?", q.article, q.speaker, q.verb or "—")))
    pretty.text(q.text, { indent = "    ", width = width })
  end
  print()
  local row = { outlet = outlet, quotes = #o.quotes }
  for class, n in pairs(o.classes) do row[class] = n end
  summary[#summary + 1] = row
end

print(pretty.bidi(("what %s said, by outlet and kind of statement:"):format(speaker)))
local columns = { "outlet", "quotes" }
for _, class in ipairs { "statement", "affirmation", "denial", "announcement", "warning", "call", "opinion" } do
  for _, row in ipairs(summary) do
    if row[class] then columns[#columns + 1] = class break end
  end
end
pretty.table(summary, { columns = columns })
