-- bench/run.lua — run every bench/bench_*.lua (sorted), each in its own
-- lua5.4 process with the same LUA_PATH/LUA_CPATH (`make bench`).
-- Arguments are passed to every script; BENCH_ONLY=pattern selects scripts.
local lua = os.getenv("LUA") or "lua5.4"
local only = os.getenv("BENCH_ONLY")
local p = io.popen("ls bench/bench_*.lua 2>/dev/null")
local scripts = {}
for f in p:lines() do
  if not only or f:find(only) then scripts[#scripts + 1] = f end
end
p:close()
table.sort(scripts)
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local args = {}
for i = 1, #arg do args[i] = q(arg[i]) end
local failed = 0
for _, f in ipairs(scripts) do
  print("== " .. f)
  io.stdout:flush()
  local ok = os.execute(lua .. " " .. q(f) .. " " .. table.concat(args, " "))
  if not ok then failed = failed + 1 print("!! " .. f .. " failed") end
end
if failed > 0 then os.exit(1) end
