-- Question: which outlets ran the same story, and who ran it first?
--
-- akhbar groups articles that report the same thing into stories as they
-- are imported (MinHash of the leads, within a few days; docs/stories.md).
-- For every story run by more than one outlet (an article whose outlet is
-- unknown counts as another one) this lists its articles in publication
-- order with their outlet and how many days after the first each
-- appeared, then counts, per outlet, how often it was first.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/same_story.lua [CORPUS [MIN_SIZE]]
-- or:  akhbar run news.db examples/same_story.lua [MIN_SIZE]
-- CORPUS is a corpus file made by `akhbar import`, or articles to import;
-- the default is the sample in examples/corpus.
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c, args = script.corpus(arg)
local min_size = math.tointeger(tonumber(args[1] or "2")) or 2

local function day(date)
  local y, m, d = (date or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  return os.time { year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 } // 86400
end

-- The outlets of a story's articles; nil (unknown) counts as one more.
local function outlets_of(members)
  local seen, n = {}, 0
  for _, m in ipairs(members) do
    local o = m.source or {} -- a fresh key: every unknown is distinct
    if not seen[o] then seen[o], n = true, n + 1 end
  end
  return n
end

local first_count, stories, outlets_seen = {}, 0, {}
for s in c:stories { min_size = min_size } do
  local members = {}
  for i, m in ipairs(s.members) do members[i] = m end
  local n_outlets = outlets_of(members)
  if n_outlets < 2 then goto next_story end
  stories = stories + 1
  -- Publication order; undated articles last, then by id (import order).
  table.sort(members, function(a, b)
    if (a.date ~= nil) ~= (b.date ~= nil) then return a.date ~= nil end
    if a.date ~= b.date then return a.date < b.date end
    return a.id < b.id
  end)
  print(pretty.bidi(("story %d: %s"):format(s.id, s.title or "")))
  print(("  %d articles, %d outlets; first: %s on %s"):format(#members, n_outlets,
    s.first_outlet or "outlet unknown", s.first_seen or "an unknown date"))
  local start = day(members[1].date)
  local rows = {}
  for i, m in ipairs(members) do
    local d = day(m.date)
    rows[i] = { article = m.id, date = m.date or "?", outlet = m.source or "?",
      after = (d and start) and ("+" .. (d - start) .. "d") or "", title = m.title or "" }
  end
  pretty.table(rows, { columns = { "article", "date", "outlet", "after", "title" } })
  print()
  if s.first_outlet then first_count[s.first_outlet] = (first_count[s.first_outlet] or 0) + 1 end
  for _, o in ipairs(s.outlets) do outlets_seen[o] = true end
  ::next_story::
end

if stories == 0 then
  print("no story run by more than one outlet")
  return
end

local rows = {}
for outlet in pairs(outlets_seen) do rows[#rows + 1] = { outlet = outlet, first = first_count[outlet] or 0 } end
table.sort(rows, function(a, b)
  if a.first ~= b.first then return a.first > b.first end
  return a.outlet < b.outlet
end)
print(("%d stor%s run by more than one outlet; who ran them first:"):format(stories, stories == 1 and "y" or "ies"))
pretty.table(rows, { columns = { "outlet", "first" } })
