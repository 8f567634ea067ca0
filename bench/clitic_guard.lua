--- clitic_guard.lua — check the proclitic guards of akhbar.stem(w, "clitics")
-- against the real corpus, and list the words that still look wrongly cut
-- (candidates for the protected heads in src/stem.c).
--
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;" \
--     lua5.4 bench/clitic_guard.lua [corpus.jsonl.gz] [top-N]
--
-- A removal of a proclitic sequence P from a word W = P..X is called
-- "plausible" when X stands on its own in the corpus: X or ال..X occurs at
-- least max(3, freq(W)/50) times (بسوريا: سوريا is frequent).  Otherwise it
-- is "suspicious": the letter is probably part of the word (بوتين: وتين
-- never occurs).  Removals ending in the article (ال, لل) are counted apart:
-- the gazetteer matches names with and without ال, so those are wanted.
-- The same figures are given for a naive rule (a lone و ف ب ك ل removed
-- whenever 4 letters remain, no other guard) to show what the guards buy.
local akhbar = require "akhbar"

local path = arg[1] or ((os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz")
local top = tonumber(arg[2] or "60")

local function json_string(line, key)
  local s = line:match('"' .. key .. '": "(.-[^\\])"') or line:match('"' .. key .. '": "()"') and ""
  if not s then return nil end
  return (s:gsub("\\(u?)(%x?%x?%x?%x?)", function(u, hex)
    if u == "u" and #hex == 4 then return utf8.char(tonumber(hex, 16)) end
    return nil
  end):gsub("\\n", "\n"):gsub('\\(.)', "%1"))
end

local freq, total = {}, 0
local t0 = os.clock()
local f = assert(io.popen("gzip -dc '" .. path .. "'", "r"))
for line in f:lines() do
  for _, key in ipairs { "title", "content" } do
    local text = json_string(line, key)
    if text and utf8.len(text) then
      for t in akhbar.tokens(text, { kinds = { arabic = true } }) do
        freq[t.norm] = (freq[t.norm] or 0) + 1
        total = total + 1
      end
    end
  end
end
f:close()

local types = 0
for _ in pairs(freq) do types = types + 1 end
print(("corpus: %d Arabic tokens, %d types (%.0f s)"):format(total, types, os.clock() - t0))

local AL = "ال"
local function evidence(x) return (freq[x] or 0) + (freq[AL .. x] or 0) end
local function plausible(x, n) return evidence(x) >= math.max(3, n / 50) end

-- naive rule: lone و ف ب ك ل with >= 4 letters left
local lone = { ["و"] = true, ["ف"] = true, ["ب"] = true, ["ك"] = true, ["ل"] = true }
local function naive(w)
  local first = w:sub(1, 2)
  if lone[first] and utf8.len(w) - 1 >= 4 and w:sub(3, 6) ~= AL and first .. w:sub(3, 4) ~= "لل" then
    return w:sub(3)
  end
end

local s = { art = { 0, 0 }, ok = { 0, 0 }, sus = { 0, 0 } }
local n_ok, n_sus, n_blocked_ok, n_blocked_sus = { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 }
local suspicious = {}
for w, n in pairs(freq) do
  local x = akhbar.stem(w, "clitics")
  if x ~= w then
    local p = w:sub(1, #w - #x)
    local bucket
    if p:sub(-4) == AL or p:sub(-4) == "لل" then bucket = s.art
    elseif plausible(x, n) then bucket = s.ok
    else
      bucket = s.sus
      suspicious[#suspicious + 1] = { w = w, x = x, n = n }
    end
    bucket[1], bucket[2] = bucket[1] + 1, bucket[2] + n
  end
  local y = naive(w)
  if y then
    local good = plausible(y, n)
    local acc = good and n_ok or n_sus
    acc[1], acc[2] = acc[1] + 1, acc[2] + n
    if x == w then -- the guards keep this word whole
      acc = good and n_blocked_ok or n_blocked_sus
      acc[1], acc[2] = acc[1] + 1, acc[2] + n
    end
  end
end

local function pct(a, b) return b > 0 and 100 * a / b or 0 end
print(("akhbar clitics: article removals %d types / %d tokens"):format(s.art[1], s.art[2]))
print(("akhbar clitics: other removals plausible %d types / %d tokens, "
  .. "suspicious %d types / %d tokens (%.1f%% of tokens)")
  :format(s.ok[1], s.ok[2], s.sus[1], s.sus[2], pct(s.sus[2], s.ok[2] + s.sus[2])))
print(("naive lone-letter rule: plausible %d types / %d tokens, suspicious %d types / %d tokens (%.1f%% of tokens)")
  :format(n_ok[1], n_ok[2], n_sus[1], n_sus[2], pct(n_sus[2], n_ok[2] + n_sus[2])))
print(("guards keep whole: %d suspicious types / %d tokens, at the price of %d plausible types / %d tokens")
  :format(n_blocked_sus[1], n_blocked_sus[2], n_blocked_ok[1], n_blocked_ok[2]))

table.sort(suspicious, function(a, b) return a.n > b.n end)
print(("\nmost frequent suspicious removals (candidates for heads in src/stem.c):"))
local out = {}
for i = 1, math.min(top, #suspicious) do
  local e = suspicious[i]
  out[#out + 1] = ("%s>%s:%d"):format(e.w, e.x, e.n)
end
print(table.concat(out, " "))
