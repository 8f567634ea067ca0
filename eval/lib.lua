--- Shared helpers of the evaluation scripts (eval/dates/score.lua,
-- eval/dates/pubdate.lua, eval/quotes/predict.lua, eval/entities/predict.lua): where the repository, the build and the corpus
-- are, day numbers of ISO dates, and short one-line contexts of a span.
--
--   local lib = dofile(script_dir .. "/../lib.lua")
--   local env = lib.setup(arg)   -- sets package.path/cpath; env.root, env.build, env.script_dir
--
-- Loaded with dofile (by path), so it works before package.path is set.
local M = {}

--- Locate the repository root and the build directory from the script's
-- own path (arg[0]) and $AKHBAR_BUILD (default <root>/build), and point
-- package.path/cpath at them (lua/, tools/ and the build's modules).
function M.setup(argv)
  local script_dir = (argv and argv[0] or ""):match("^(.*)/[^/]*$") or "."
  -- the scripts live two levels below the root (eval/<part>/x.lua)
  local root = script_dir .. "/../.."
  if script_dir == "eval/dates" then root = "." end
  local build = os.getenv("AKHBAR_BUILD")
  if not build or build == "" then build = root .. "/build" end
  package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. root .. "/tools/?.lua;" .. package.path
  package.cpath = build .. "/?.so;" .. package.cpath
  return { root = root, build = build, script_dir = script_dir,
    corpus = root .. "/../shared/corpus/saudinewsnet.jsonl.gz" }
end

--- Days since 1970-01-01 of a proleptic Gregorian date: the C routine
-- (core.days_from_civil), loaded once setup has pointed package.cpath at
-- the build.
function M.days_from_civil(y, m, d)
  return require("akhbar.core").days_from_civil(y, m, d)
end

--- y, m, d as numbers when they are a plausible news date (1990-2100,
-- month and day in range), else nil.
function M.valid(y, m, d)
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not (y and m and d) or y < 1990 or y > 2100 or m < 1 or m > 12 or d < 1 or d > 31 then return nil end
  return y, m, d
end

--- The day number of the yyyy-mm-dd at the start of s, or nil.
function M.day_number(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = M.valid(s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)"))
  if not y then return nil end
  return M.days_from_civil(y, m, d)
end

--- Byte length of the UTF-8 character starting at byte i of s.
function M.char_len(s, i)
  local c = s:byte(i)
  if not c then return 1 end
  if c >= 0xF0 then return 4 elseif c >= 0xE0 then return 3 elseif c >= 0xC0 then return 2 end
  return 1
end

--- side characters either side of bytes [a, b] of s, the span in
-- brackets, whitespace runs as one space (one line of output).
function M.context(s, a, b, side)
  if type(s) ~= "string" or not a or not b then return "" end
  local lo = a
  for _ = 1, side do
    if lo <= 1 then break end
    lo = lo - 1
    while lo > 1 and (s:byte(lo) or 0) & 0xC0 == 0x80 do lo = lo - 1 end
  end
  local hi = b
  for _ = 1, side do
    if hi >= #s then break end
    hi = hi + M.char_len(s, hi + 1)
  end
  return ((s:sub(lo, a - 1) .. "[" .. s:sub(a, b) .. "]" .. s:sub(b + 1, hi)):gsub("%s+", " "))
end

--- A JSON string literal for s ("null" for nil): quotes, backslashes and
-- control characters escaped (the predictors' output for the scorers).
function M.json_string(s)
  if s == nil then return "null" end
  s = tostring(s):gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return ("\\u%04x"):format(c:byte())
  end)
  return '"' .. s .. '"'
end

--- tostring that prints nil (and a json null sentinel) as "nil".
function M.str(v, null)
  if v == nil or (null ~= nil and v == null) then return "nil" end
  return tostring(v)
end

return M
