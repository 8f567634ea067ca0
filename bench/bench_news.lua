-- Throughput of akhbar.parse (structure + dates + quotes) on SaudiNewsNet.
--   lua5.4 bench/bench_news.lua [max_articles]    (LUA_PATH/LUA_CPATH as in HACKING.md)
-- Prints MB/s of article text for: the C date scanner alone, parse without
-- quotes, and parse with quotes (the figure reported in bench/README.md).
local akhbar = require "akhbar"
local core = require "akhbar.core"
local path = (os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz"
local max = tonumber(arg[1] or 1e9)

local function field(line, key)
  local s = line:find('"' .. key .. '": "', 1, true)
  if not s then return nil end
  local i, out = s + #key + 5, {}
  while true do
    local j = line:find('[\\"]', i)
    if not j then break end
    out[#out + 1] = line:sub(i, j - 1)
    if line:sub(j, j) == '"' then break end
    local n = line:sub(j + 1, j + 1)
    if n == "u" then out[#out + 1] = utf8.char(tonumber(line:sub(j + 2, j + 5), 16)); i = j + 6
    else out[#out + 1] = ({ n = "\n", t = "\t", r = "\r" })[n] or n; i = j + 2 end
  end
  return table.concat(out)
end

local f = io.open(path, "rb")
if not f then print("bench_news: " .. path .. " not found; skipped") return end
f:close()
local docs, bytes = {}, 0
local p = assert(io.popen("gzip -dc " .. path))
for line in p:lines() do
  local text = field(line, "content") or ""
  docs[#docs + 1] = { text = text, author = field(line, "author"), crawled = field(line, "date_extracted"),
    title = field(line, "title") }
  bytes = bytes + #text
  if #docs >= max then break end
end
p:close()
local mb = bytes / 1e6

local function run(name, fn)
  collectgarbage()
  local t0 = os.clock()
  local n = fn()
  local dt = os.clock() - t0
  print(("%-28s %8.2f s  %7.2f MB/s  %s"):format(name, dt, mb / dt, n or ""))
end

print(("%d articles, %.1f MB of text"):format(#docs, mb))
run("dates (C scanner)", function()
  local n = 0
  for _, d in ipairs(docs) do n = n + #core.date_scan(d.text) end
  return n .. " dates"
end)
run("parse, no quotes", function()
  for _, d in ipairs(docs) do akhbar.parse(d.text, { author = d.author, crawled = d.crawled, title = d.title, quotes = false }) end
end)
run("parse + quotes", function()
  local n = 0
  for _, d in ipairs(docs) do
    n = n + #akhbar.parse(d.text, { author = d.author, crawled = d.crawled, title = d.title }).quotes
  end
  return n .. " quotes"
end)
