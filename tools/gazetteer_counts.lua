--- Count how often each entity of a gazetteer (and each written form of it)
-- occurs in a JSONL corpus: the check used to grow data/gazetteer.tsv.
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;./tools/?.lua;;" LUA_CPATH="./build-ent/?.so;;" \
--     lua5.4 tools/gazetteer_counts.lua ../shared/corpus/saudinewsnet.jsonl.gz [gazetteer.tsv] [max-records]
-- Prints: id, type, mentions, articles, then the most frequent surfaces;
-- entities never found are listed last (candidates for removal or new aliases).
local akhbar = require "akhbar"
local jsonl = require "jsonl"

local path = arg[1] or "../shared/corpus/saudinewsnet.jsonl.gz"
local gaz = arg[2] and assert(akhbar.gazetteer.load(arg[2])) or assert(akhbar.gazetteer.default())
local max = tonumber(arg[3] or "") or math.huge

local mentions, articles, surfaces = {}, {}, {}
local n, bytes, t0 = 0, 0, os.clock()
for rec in jsonl.records(path) do
  n = n + 1
  if n > max then break end
  local text = (rec.title or "") .. "\n\n" .. (rec.content or "")
  bytes = bytes + #text
  local seen = {}
  for m in akhbar.entities(text, gaz) do
    mentions[m.id] = (mentions[m.id] or 0) + 1
    if not seen[m.id] then seen[m.id] = true; articles[m.id] = (articles[m.id] or 0) + 1 end
    local s = surfaces[m.id] or {}
    surfaces[m.id] = s
    s[m.surface] = (s[m.surface] or 0) + 1
  end
end
local elapsed = os.clock() - t0

local rows = {}
for e in gaz:each() do rows[#rows + 1] = e end
table.sort(rows, function(a, b) return (mentions[a.id] or 0) > (mentions[b.id] or 0) end)
local zero = {}
for _, e in ipairs(rows) do
  local c = mentions[e.id] or 0
  if c == 0 then
    zero[#zero + 1] = e.id
  else
    local list = {}
    for s, k in pairs(surfaces[e.id]) do list[#list + 1] = { s, k } end
    table.sort(list, function(a, b) return a[2] > b[2] end)
    local top = {}
    for i = 1, math.min(6, #list) do top[i] = list[i][1] .. "=" .. list[i][2] end
    print(string.format("%-20s %-6s %7d %6d  %s", e.id, e.type, c, articles[e.id], table.concat(top, " ")))
  end
end
print(("-- %d records, %.1f MB, %.2f s (%.1f MB/s from Lua incl. JSON decoding)"):format(
  math.min(n, max), bytes / 1e6, elapsed, bytes / 1e6 / elapsed))
print("-- never found: " .. (#zero > 0 and table.concat(zero, " ") or "(none)"))
