--- akhbar.script: the first lines of an analyst's script.
--
-- A script in `examples/` answers one question over whatever corpus it is
-- given, and runs the same way in three settings:
--
--     lua5.4 examples/kwic.lua                      -- the sample corpus, imported into :memory:
--     lua5.4 examples/kwic.lua news.db سوريا        -- a corpus file made by `akhbar import`
--     lua5.4 examples/kwic.lua ../shared/corpus/saudinewsnet.jsonl.gz سوريا   -- imported first
--     akhbar run news.db examples/kwic.lua سوريا    -- the corpus `akhbar run` opened
--
-- In the last form `akhbar run` has already opened the corpus and the
-- script's `arg` holds only the words after the script, so the first
-- argument is NOT a corpus path.
--
--     local script = require "akhbar.script"
--     local c, args = script.corpus(arg)
--     local word = args[1] or "سوريا"
-- @module akhbar.script
local akhbar = require "akhbar"

local script = {}

--- The corpus `akhbar run` opened for the script it runs (nil otherwise).
script.current = nil

--- The default corpus: the five seed articles shipped with akhbar.
script.sample = "examples/corpus"

local function kind(path)
  local core = require "akhbar.core"
  return core.stat(path)
end

-- A SQLite file starts with this header; anything else is imported.
local function is_sqlite(path)
  local f = io.open(path, "rb")
  if not f then return false end
  local head = f:read(16)
  f:close()
  return head == "SQLite format 3\0"
end

--- The corpus a script works on, and its remaining arguments.
-- Under `akhbar run` it is the corpus the command opened and `argv` is
-- left as is.  Otherwise `argv[1]` names it: an existing corpus file is
-- opened; a directory, a text file, JSON Lines (.gz) or CSV is imported
-- into a corpus in memory; with no `argv[1]` (or "-") the sample corpus is.
-- @param argv the script's `arg`
-- @param opts `{quiet = false}` (true: no import summary on stderr)
-- @return the corpus, and the list of the other arguments
function script.corpus(argv, opts)
  argv = argv or {}
  opts = opts or {}
  local rest = {}
  if script.current then
    for i = 1, #argv do rest[i] = argv[i] end
    return script.current, rest
  end
  for i = 2, #argv do rest[#rest + 1] = argv[i] end
  local path = argv[1]
  if path == nil or path == "-" then path = script.sample end
  local what = kind(path)
  if not what then
    error(("%s does not exist: give a corpus file (akhbar import news.db PATH...), a directory of "
      .. "articles or a JSON Lines file"):format(path), 0)
  end
  if what == "file" and is_sqlite(path) then
    return akhbar.open(path), rest
  end
  local c = akhbar.open(":memory:")
  local summary = c:import(path, { progress = false })
  if not opts.quiet then io.stderr:write(path, ": ", tostring(summary), "\n") end
  return c, rest
end

return script
