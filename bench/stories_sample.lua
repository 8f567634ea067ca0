-- stories_sample.lua — draw same-story pairs for a precision judgement.
--   build-x/bench/bench_fingerprint CORPUS.jsonl.gz 0.2 /tmp/dump.tsv
--   lua5.4 bench/stories_sample.lua /tmp/dump.tsv [n=50] [seed=2015] > bench/stories_sample.txt
-- Pairs are drawn uniformly among all pairs of articles that share a story
-- (a story of size k holds k(k-1)/2 pairs), so big stories weigh as much
-- as their pairs do.  Near-exact copies (flagged duplicates) are included:
-- they are the agency copy the store is meant to find.  The judgement
-- column is filled in by hand (bench/stories_sample.txt).
local path, n, seed = arg[1], tonumber(arg[2] or 50), tonumber(arg[3] or 2015)
assert(path, "usage: stories_sample.lua dump.tsv [n] [seed]")
local stories = {}
for line in io.lines(path) do
  local f = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
  if f[1] == "A" then
    local a = { id = f[2], source = f[3], date = f[4], story = f[5], dup = f[6], title = f[7], lead = f[8] }
    local s = stories[a.story]
    if not s then s = {} stories[a.story] = s end
    s[#s + 1] = a
  end
end
local list, total = {}, 0
for _, members in pairs(stories) do
  local k = #members
  if k >= 2 then
    total = total + k * (k - 1) // 2
    list[#list + 1] = { members = members, cum = total }
  end
end
table.sort(list, function(x, y) return x.cum < y.cum end)
math.randomseed(seed)
local function utf8_prefix(s, max)
  if #s <= max then return s end
  local cut = max
  while cut > 0 and (s:byte(cut + 1) or 0) & 0xC0 == 0x80 do cut = cut - 1 end
  return s:sub(1, cut)
end
print(("# %d same-story pairs drawn from %d (seed %d); judgement: Y same story, N not"):format(n, total, seed))
local seen = {}
local drawn = 0
while drawn < n do
  local r = math.random(total)
  local lo, hi = 1, #list
  while lo < hi do
    local mid = (lo + hi) // 2
    if list[mid].cum >= r then hi = mid else lo = mid + 1 end
  end
  local m = list[lo].members
  local i, j = math.random(#m), math.random(#m)
  if i ~= j then
    local a, b = m[math.min(i, j)], m[math.max(i, j)]
    local key = a.id .. ":" .. b.id
    if not seen[key] then
      seen[key] = true
      drawn = drawn + 1
      print(("\n%02d story %s (%d members) | judgement: ?"):format(drawn, a.story, #m))
      for _, x in ipairs { a, b } do
        print(("  [%s] %s %s%s | %s"):format(x.id, x.source, x.date, x.dup ~= "-1" and (" dup-of " .. x.dup) or "",
          x.title))
        print("    " .. utf8_prefix(x.lead, 220))
      end
    end
  end
end
