--- akhbar.cli.scripting: Lua with a corpus open as `c`: `akhbar run`
-- (a script) and `akhbar shell` (the REPL), in `scripting.commands`; the
-- REPL itself and the scripts' environment, which `akhbar.cli` re-exports.
-- @module akhbar.cli.scripting
local akhbar = require "akhbar"
local pretty = require "akhbar.pretty"
local export = require "akhbar.export"
local core = require "akhbar.core"
local common = require "akhbar.cli.common"

local fmt = string.format
local fail, clean, exists, guard = common.fail, common.clean, common.exists, common.guard

local scripting = {}
local commands = {}
scripting.commands = commands

-- ------------------------------------------------------------ run

--- The globals of a script or the shell: the corpus as `c`, the modules,
-- then everything in `_G`.
local function script_env(c)
  return setmetatable({ c = c, akhbar = akhbar, pretty = pretty, export = export }, { __index = _G })
end
scripting.script_env = script_env

commands.run = {
  args = { "DB (the corpus, created when missing)", "SCRIPT (a Lua 5.4 file)" },
  min = 2, max = 2, rest = true,
  options = {},
  usage = [[
Usage: akhbar run DB SCRIPT.lua [ARG...]

Run a Lua 5.4 script with the corpus DB open as the global `c` and the
module as `akhbar` (also `pretty` and `export`).  The ARGs are in `arg`
(arg[0] is the script) and in `...`.  The corpus is closed afterwards.
Scripts that start with `require("akhbar.script").corpus(arg)`, as those
in examples/ do, get this corpus from it.

Example script:
  for q in c:quotes{speaker = "لافروف"} do print(q.date, q.source, q.text) end
  pretty.print(c:cooccur("داعش", {limit = 10}))]],
  run = function(opts, pos)
    local chunk, err = loadfile(pos[2], "t")
    if not chunk then
      if not exists(pos[2]) then fail("run", fmt("%s does not exist", pos[2])) end
      fail("run", fmt("%s does not compile: %s", pos[2], err))
    end
    local c = guard("run", akhbar.open, pos[1])
    local env = script_env(c)
    local sargs = { [0] = pos[2] }
    for i = 3, #pos do sargs[#sargs + 1] = pos[i] end
    env.arg = sargs
    debug.setupvalue(chunk, 1, env)
    -- Scripts that start with akhbar.script.corpus(arg) take this corpus.
    local script = require "akhbar.script"
    script.current = c
    local ok, e = xpcall(chunk, debug.traceback, table.unpack(sargs))
    script.current = nil
    pcall(c.close, c)
    if not ok then
      -- The frames below the script's main chunk are the command's own.
      e = tostring(e):gsub("\n%s*%[C%]: in function 'xpcall'.*$", "")
      io.stderr:write(fmt("akhbar run: %s failed: %s\n", pos[2], e))
      return 1
    end
    return 0
  end,
}

-- ------------------------------------------------------------ shell

local HELP_SHELL = [[
The corpus is `c`; the module is `akhbar`; `pretty` and `export` too.
Expressions print their value; iterators are drained into a table (the
first pretty.options.max_rows rows).  Statements run as in lua5.4.

  c:search("لافروف سوريا", {limit = 5})
  c:quotes{speaker = "بيسكوف"}
  c:dates{from = "2015-09-01", to = "2015-09-30", role = "future"}
  c:cooccur("داعش", {limit = 10})
  c:timeline("لافروف", {by = "month"})
  c:stories{min_size = 2}
  c:get(1)
  c:sql("SELECT source, count(*) AS n FROM articles GROUP BY source")
  akhbar.stem("بسوريا", "clitics")
  for t in akhbar.tokens("وقال لافروف") do print(t.text, t.norm) end
  export.csv({path = "hits.csv", bom = true}, c:search("داعش", {limit = 100}))
  pretty.options.bidi = "visual"   -- or "isolate", "none" (see docs/tour.md)

Multi-line input continues while the chunk is incomplete.  Ctrl-D or
`exit` leaves.]]

-- The corpus methods whose iterators yield plain values, not records: the
-- shell names their columns.
local TUPLES = { timeline = { "period", "articles", "mentions" }, outlets = { "source", "articles", "mentions" } }

--- The REPL.  Reads lines from `input`, writes to `out` (standard streams
-- by default); prompts only when input is a terminal, as lua.c does.
-- @param c the open corpus
-- @param opts `{input = io.stdin, out = io.stdout, prompt = true|false}`
function scripting.shell(c, opts)
  opts = opts or {}
  local input, out = opts.input or io.stdin, opts.out or io.stdout
  local prompting = opts.prompt
  if prompting == nil then prompting = core.isatty("stdin") end
  local env = script_env(c)
  env.help = function() out:write(HELP_SHELL, "\n") end
  local P1, P2 = "akhbar> ", "   ...> "
  out:write(akhbar._VERSION, "  ", tostring(c), "\n")
  out:write("c = the corpus, akhbar = the module; help() for examples; Ctrl-D to quit\n")
  local function prompt(p)
    if prompting then out:write(p) out:flush() end
  end
  local function report(err)
    out:write("error: ", clean(err):gsub("\nstack traceback:.*", ""), "\n")
  end
  -- Run and print, like lua.c's doREPL, with iterators drained.
  local function evaluate(chunk, is_expr, src)
    local results = table.pack(xpcall(chunk, debug.traceback))
    if not results[1] then
      report(results[2])
      return
    end
    if results.n <= 1 then return end
    -- A value that came from a call may be an iterator: drain it.  A bare
    -- name (`akhbar.stem`) just prints the function.
    local from_call = is_expr and src:find("[%(%{\"']") ~= nil
    local method = is_expr and src:match(":%s*([%w_]+)%s*[%(%{\"']") or nil
    local names = method and TUPLES[method]
    local ok, err = pcall(pretty.show, { iterators = from_call, out = out, names = names },
      table.unpack(results, 2, results.n))
    if not ok then report(err) end
  end
  while true do
    prompt(P1)
    local line = input:read("l")
    if line == nil then
      if prompting then out:write("\n") end
      break
    end
    local trimmed = line:match("^%s*(.-)%s*$")
    if trimmed == "exit" or trimmed == "quit" then break end
    if trimmed ~= "" then
      -- `=expr` as in Lua 5.1-5.3.
      if trimmed:sub(1, 1) == "=" then line = trimmed:sub(2) end
      local chunk = load("return " .. line, "=stdin", "t", env)
      if chunk then
        evaluate(chunk, true, line)
      else
        local buffer = line
        while true do
          local f, err = load(buffer, "=stdin", "t", env)
          if f then
            evaluate(f, false, buffer)
            break
          elseif err:sub(-5) == "<eof>" then
            prompt(P2)
            local more = input:read("l")
            if more == nil then
              report(err)
              break
            end
            buffer = buffer .. "\n" .. more
          else
            report(err)
            break
          end
        end
      end
    end
    out:flush()
  end
end

commands.shell = {
  args = { "DB (the corpus, created when missing)" },
  min = 1, max = 1,
  options = { bidi = { "isolate", "visual", "none" } },
  usage = [[
Usage: akhbar shell DB [--bidi MODE]

An interactive Lua 5.4 prompt with the corpus DB open as `c` and the
module loaded as `akhbar`.  Expressions print their value; iterators such
as c:search(...) are drained into an aligned table; Arabic text is
printed so the terminal does not scramble it (see --bidi).  Incomplete
input (an open `for ... do`) continues on the next line.  Type help() for
examples; Ctrl-D or `exit` to leave.  For line editing and history run it
under rlwrap: `rlwrap akhbar shell news.db`.

Options:
  --bidi MODE       isolate: wrap Arabic runs in Unicode isolates, for
                    terminals that do bidi (GNOME Terminal, Konsole, mlterm)
                    visual:  reorder Arabic runs here, for terminals that
                    do not (xterm, tmux, kitty, Alacritty, Windows Terminal)
                    none:    print text unchanged
                    default: from $AKHBAR_BIDI, else guessed from the terminal

Example:
  akhbar shell news.db
  akhbar> c:search("لافروف", {limit = 5})
  akhbar> for q in c:quotes{speaker = "بيسكوف"} do print(q.date, q.text) end]],
  run = function(opts, pos)
    if opts.bidi then pretty.options.bidi = opts.bidi end
    local c = guard("shell", akhbar.open, pos[1])
    scripting.shell(c)
    pcall(c.close, c)
    return 0
  end,
}

return scripting
