--- akhbar.cli: the `akhbar` command (bin/akhbar calls `cli.main(arg)`).
--
--     akhbar import news.db PATH...        load articles (files, dirs, JSONL(.gz), CSV)
--     akhbar search news.db QUERY          full-text search, best first
--     akhbar entities news.db [NAME]       top entities, or who is named with NAME
--     akhbar quotes news.db --speaker NAME who said what
--     akhbar dates news.db --from D --to D the dates articles talk about
--     akhbar stories news.db               the same story across outlets
--     akhbar timeline news.db ENTITY       mentions over time (table, CSV or SVG plot)
--     akhbar reanalyze news.db             run the analysis again over the stored articles
--     akhbar sql news.db STATEMENT         read-only SQL, rows as a table
--     akhbar run news.db script.lua        a script with the corpus open as `c`
--     akhbar shell news.db                 the Lua REPL with the corpus open as `c`
--
-- Every command takes `--help`.  Exit status: 0 success, 1 the command
-- failed (missing corpus, bad query, unreadable file: the message says
-- what to do), 2 the command line is wrong (unknown command or option,
-- missing argument).
--
-- The commands live by job in akhbar.cli.import (import, reanalyze),
-- akhbar.cli.analysis (search ... sql) and akhbar.cli.scripting (run,
-- shell); what they share is in akhbar.cli.common and akhbar.cli.args.
-- @module akhbar.cli
local akhbar = require "akhbar"
local common = require "akhbar.cli.common"
local args = require "akhbar.cli.args"
local scripting = require "akhbar.cli.scripting"

local cli = {}

local fmt, concat = string.format, table.concat
local explain = common.explain

cli.fail = common.fail
cli.script_env = scripting.script_env
cli.shell = scripting.shell

-- Each command: usage text, options (name -> "value" | "flag"), the number
-- of positional arguments (min, max), and the function.
local commands = {}
for _, group in ipairs { require "akhbar.cli.import", require "akhbar.cli.analysis", scripting.commands } do
  for name, spec in pairs(group) do commands[name] = spec end
end
local order = { "import", "search", "entities", "quotes", "dates", "stories", "timeline", "reanalyze", "sql", "run",
  "shell" }

-- ------------------------------------------------------------ main

local function main_usage()
  local lines = { "Usage: akhbar COMMAND DB [ARGS...] [options]", "", "Commands:" }
  local summary = {
    import = "import DB PATH...          load articles (files, directories, JSONL(.gz), CSV)",
    search = "search DB QUERY            full-text search, best first",
    entities = "entities DB [NAME]         top entities, or who is named with NAME",
    quotes = "quotes DB --speaker NAME   who said what, when, where",
    dates = "dates DB --from D --to D   the dates articles talk about (--role future, ...)",
    stories = "stories DB                 the same story across outlets, who ran it first",
    timeline = "timeline DB ENTITY         mentions over time (--svg plot, --csv)",
    reanalyze = "reanalyze DB               run the analysis again over the stored articles",
    sql = "sql DB STATEMENT           read-only SQL",
    run = "run DB SCRIPT.lua          a Lua script with the corpus open as `c`",
    shell = "shell DB                   Lua REPL with the corpus open as `c`",
  }
  for _, name in ipairs(order) do lines[#lines + 1] = "  " .. summary[name] end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "`akhbar COMMAND --help` for a command's options.  Exit status: 0 ok, 1 failed, 2 bad usage."
  lines[#lines + 1] = "Start with:  akhbar import news.db examples/corpus && akhbar shell news.db"
  return concat(lines, "\n")
end

--- Run the command line `argv` (a list of strings); returns the exit code.
function cli.main(argv)
  local cmd = argv[1]
  if cmd == nil or cmd == "--help" or cmd == "-h" or cmd == "help" then
    local topic = cmd == "help" and argv[2]
    if topic and commands[topic] then
      io.stdout:write(commands[topic].usage, "\n")
      return 0
    end
    io.stdout:write(main_usage(), "\n")
    return cmd == nil and 2 or 0
  end
  if cmd == "--version" or cmd == "version" then
    io.stdout:write(akhbar._VERSION, "\n")
    return 0
  end
  local spec = commands[cmd]
  if not spec then
    io.stderr:write(fmt("akhbar: unknown command '%s'\n\n%s\n", cmd, main_usage()))
    return 2
  end
  local rest = {}
  for i = 2, #argv do rest[#rest + 1] = argv[i] end
  local ok, code = pcall(function()
    local opts, pos = args.parse(cmd, spec, rest)
    if opts.help then
      io.stdout:write(spec.usage, "\n")
      return 0
    end
    return spec.run(opts, pos)
  end)
  if ok then
    -- Text written straight to standard output (summaries, help) meets a
    -- full disk only here.
    local flushed, err = io.stdout:flush()
    if not flushed then
      io.stderr:write(fmt("akhbar %s: cannot write to standard output: %s; the output is incomplete\n", cmd, tostring(err)))
      return 1
    end
    return code or 0
  end
  if type(code) == "table" and code.msg then
    io.stderr:write(code.msg, "\n")
    return code.code
  end
  io.stderr:write(fmt("akhbar %s: %s\n", cmd, explain(code)))
  return 1
end

return cli
