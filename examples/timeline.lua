-- Question: month by month, how often is an entity in the news, and where?
--
-- For one entity of the gazetteer (any of its names; default لافروف), the
-- number of articles naming it in every month from the first to the last
-- (months without any show 0), in total and per outlet, with a bar for
-- the total.  Optionally writes the same timeline as CSV (with a byte
-- order mark, for spreadsheets) or as an SVG plot.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/timeline.lua [CORPUS [ENTITY [OUT.csv|OUT.svg]]]
-- or:  akhbar run news.db examples/timeline.lua [ENTITY [OUT.csv|OUT.svg]]
-- CORPUS is a corpus file made by `akhbar import`, or articles to import;
-- the default is the sample in examples/corpus.
local export = require "akhbar.export"
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c, args = script.corpus(arg)
local entity = args[1] or "لافروف"
local out = args[2]

local tl = export.timeline(c, entity, { by = "month", max_series = 6 })
if #tl.periods == 0 then
  print(pretty.bidi(("no dated article names %s"):format(entity)))
  return
end

local max = 0
for _, p in ipairs(tl.periods) do max = math.max(max, tl.total[p] or 0) end
local columns = { "month", "total" }
for _, s in ipairs(tl.series) do
  if s.name ~= "all" then columns[#columns + 1] = s.name end
end
columns[#columns + 1] = "bar"
local rows = {}
for i, p in ipairs(tl.periods) do
  local total = tl.total[p] or 0
  local row = { month = p, total = total, bar = ("■"):rep(math.ceil(total * 30 / max)) }
  for _, s in ipairs(tl.series) do
    if s.name ~= "all" then row[s.name] = s.counts[p] or 0 end
  end
  rows[i] = row
end
print(pretty.bidi(("%s: articles per month"):format(entity)))
pretty.table(rows, { columns = columns })

if out then
  local ok, err
  if out:match("%.svg$") then
    ok, err = export.timeline_svg(out, tl)
  else
    ok, err = export.timeline_csv({ path = out, bom = true }, tl)
  end
  if not ok then error(err, 0) end
  print("written: " .. out)
end
