-- bench_stories.lua — fingerprinting and story clustering over SaudiNewsNet.
--   LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build-fp/?.so;;" \
--     lua5.4 bench/bench_stories.lua [corpus.jsonl.gz] [build-dir]
-- 1. The C driver (build/bench/bench_fingerprint): fingerprint MB/s and
--    in-memory clustering time, with the store's rules.
-- 2. akhbar.fingerprint from Lua over the seeds, repeated (binding cost).
-- 3. When the corpus store is available: a full import into a temporary
--    database with the stories extension, its time, the stories found and
--    the peak memory of this process (VmHWM).
local shared = os.getenv("AKHBAR_SHARED") or "../shared"
local corpus = arg[1] or (shared .. "/corpus/saudinewsnet.jsonl.gz")
local build = arg[2] or os.getenv("AKHBAR_BUILD") or "./build"

local bench = dofile((arg[0]:match("^(.*)/") or ".") .. "/common.lua")

print("== C driver: " .. build .. "/bench/bench_fingerprint")
if bench.readable(corpus) and bench.readable(build .. "/bench/bench_fingerprint") then
  os.execute(build .. "/bench/bench_fingerprint " .. corpus)
else
  print("   skipped (corpus or driver missing)")
end

print("== akhbar.fingerprint from Lua (seeds x 200)")
local akhbar = require "akhbar"
local texts, bytes = {}, 0
for _, name in ipairs { "000_38b0832f378182d0.txt", "001_64b967d4a2dafbc5.txt", "002_53877ad2b80e172a.txt",
  "003_95892bf65fde77ec.txt", "004_d6c00d9b6c816f3c.txt" } do
  local f = assert(io.open("examples/corpus/" .. name, "rb"))
  texts[#texts + 1] = f:read("a")
  f:close()
end
local t0 = os.clock()
for _ = 1, 200 do
  for _, t in ipairs(texts) do
    akhbar.fingerprint(t)
    bytes = bytes + #t
  end
end
local dt = os.clock() - t0
print(("   %.1f MB in %.2f s: %.1f MB/s"):format(bytes / 1e6, dt, bytes / 1e6 / dt))

print("== corpus import with the stories extension")
local ok, opened = pcall(function() return akhbar.open end)
if not (ok and opened) or not bench.readable(corpus) then
  print("   skipped (akhbar.open or the corpus is not available)")
  return
end
local db = os.tmpname() .. ".db"
local c = akhbar.open(db)
t0 = os.clock()
c:import(corpus)
local import_s = os.clock() - t0
local stories, members, biggest = 0, 0, 0
t0 = os.clock()
for s in c:stories { min_size = 2 } do
  stories = stories + 1
  members = members + #s.members
  biggest = math.max(biggest, #s.members)
end
local list_s = os.clock() - t0
local dups = 0
for _ in c:duplicates() do dups = dups + 1 end
c:close()
bench.remove_db(db)
print(("   import %.1f s (all extensions); %d stories >= 2 covering %d articles, largest %d; "
  .. "%d duplicates; listing %.1f s; peak RSS %.0f MB"):format(import_s, stories, members, biggest, dups,
  list_s, bench.peak_rss_mb()))
