-- `akhbar shell` in a real terminal: a pseudo-terminal driven by tmux (as
-- a person types, reading the screen back) and by util-linux `script`.
-- These specs skip only when neither program exists; `./run` installs tmux.
-- luacheck: std +busted
local run = require "cli_helper"

local q = run.q

local function have(prog)
  return os.execute("command -v " .. prog .. " >/dev/null 2>&1") == true
end

-- The shell's command line inside the terminal: the same module build as
-- the rest of the specs (with the sanitizer runtime when the specs run
-- under it), the source tree's Lua files.
local function shell_command(db, extra_env)
  local env = {
    "AKHBAR_BUILD=" .. q(run.build),
    "LUA_PATH=" .. q("./lua/?.lua;./lua/?/init.lua;;"),
    "LUA_CPATH=" .. q(run.build .. "/?.so;;"),
  }
  for _, name in ipairs { "LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS" } do
    local v = os.getenv(name)
    if v and v ~= "" then env[#env + 1] = name .. "=" .. q(v) end
  end
  if extra_env then env[#env + 1] = extra_env end
  return "env -u COLUMNS " .. table.concat(env, " ") .. " bin/akhbar shell " .. q(db)
end

-- Reverse the code points of a string: how a terminal without bidi must
-- receive Arabic letters to show them right to left (no marks, no digits).
local function reversed(s)
  local cps = {}
  for _, cp in utf8.codes(s) do table.insert(cps, 1, cp) end
  return utf8.char(table.unpack(cps))
end

local db, remove_db
lazy_setup(function() db, remove_db = run.seeds_db() end)
lazy_teardown(function() remove_db() end)

describe("akhbar shell under tmux", function()
  local socket = ("akhbar-spec-%d-%d"):format(os.time(), math.random(1, 1e6))
  local tmux = "env -u LD_PRELOAD tmux -L " .. socket .. " -f /dev/null "

  local function screen()
    local p = io.popen(tmux .. "capture-pane -p -t shell 2>/dev/null")
    local s = p:read("a")
    p:close()
    return s
  end

  -- Type a line as a person would, then wait until `expect` (a plain
  -- string; the screen has no trailing spaces) is on it; returns the screen.
  local function type_line(line, expect)
    assert(os.execute(tmux .. "send-keys -t shell -l " .. q(line)))
    assert(os.execute(tmux .. "send-keys -t shell Enter"))
    local s
    for _ = 1, 100 do
      s = screen()
      if s:find(expect, 1, true) then return s end
      os.execute("sleep 0.05")
    end
    error(("%q did not appear after typing %q; the screen:\n%s"):format(expect, line, s))
  end

  local function alive()
    return os.execute(tmux .. "has-session -t shell 2>/dev/null") == true
  end

  lazy_setup(function()
    if not have("tmux") then return end
    local cwd = os.getenv("PWD") or "."
    assert(os.execute(("%s new-session -d -s shell -x 120 -y 50 -c %s %s"):format(tmux, q(cwd),
      q(shell_command(db)))))
    for _ = 1, 100 do
      if screen():find("akhbar>", 1, true) then break end
      os.execute("sleep 0.05")
    end
  end)

  lazy_teardown(function()
    if have("tmux") then os.execute(tmux .. "kill-server 2>/dev/null") end
  end)

  local function need_tmux()
    if not have("tmux") then pending("tmux is not installed (apt-get install tmux)") end
    return have("tmux")
  end

  it("greets with the corpus and prompts akhbar>", function()
    if not need_tmux() then return end
    local s = screen()
    assert.truthy(s:find("akhbar.Corpus (" .. db:match("[^/]+$") .. ", 5 articles)", 1, true), s)
    assert.truthy(s:find("\nakhbar>\n", 1, true), s)
  end)

  it("prints search hits as an aligned table, Arabic in right-to-left order for tmux", function()
    if not need_tmux() then return end
    local s = type_line('c:search("سوريا", {limit = 2})', "(2 rows)")
    -- tmux does no bidi: the shell sends the letters of each title in
    -- visual order, so the screen reads right to left.
    assert.truthy(s:find(reversed("موسكو تنفي تعزيز"), 1, true), s)
    assert.is_nil(s:find("موسكو تنفي تعزيز", 1, true))
    local header = s:match("\n(id  score  date[^\n]*)\n")
    assert.truthy(header, s)
    -- Each row's title starts in the header's title column: a space in
    -- the column before it, a letter in it (tmux shows one cell per letter).
    local pretty = require "akhbar.pretty"
    local title_col = pretty.width(header:sub(1, header:find("title", 1, true) - 1))
    local rows = s:match("\n──[^\n]*\n(.-\n)%(2 rows%)")
    assert.truthy(rows, s)
    for row in rows:gmatch("([^\n]*)\n") do
      local cells, col = {}, 0
      for _, cp in utf8.codes(row) do
        cells[col] = utf8.char(cp)
        col = col + pretty.width(utf8.char(cp))
      end
      assert.equal(" ", cells[title_col - 1], row)
      assert.not_equal(" ", cells[title_col], row)
    end
  end)

  it("prints a plain value, a stem, as the word itself", function()
    if not need_tmux() then return end
    -- A right-to-left line: the "!" at its logical end shows at the left.
    local s = type_line('akhbar.stem("لسوريا", "clitics") .. "!"', "\n!" .. reversed("سوريا") .. "\n")
    assert.truthy(s:find("\n!" .. reversed("سوريا") .. "\n", 1, true), s)
  end)

  it("continues an incomplete statement on the next line", function()
    if not need_tmux() then return end
    type_line("for i = 1, 3 do", "\n   ...>\n")
    type_line("  io.write(i * 7, ';')", "   ...>   io.write(i * 7, ';')\n   ...>\n")
    local s = type_line("end print()", "7;14;21;")
    assert.truthy(s:find("7;14;21;", 1, true))
  end)

  it("reports an error and keeps going", function()
    if not need_tmux() then return end
    local s = type_line('c:search("\\"سوريا")', "error: ")
    assert.truthy(s:find("malformed query", 1, true), s)
    s = type_line("1 + 41", "\n42\n")
    assert.truthy(s:find("\n42\n", 1, true))
  end)

  it("leaves on Ctrl-D", function()
    if not need_tmux() then return end
    assert(os.execute(tmux .. "send-keys -t shell C-d"))
    for _ = 1, 100 do
      if not alive() then break end
      os.execute("sleep 0.05")
    end
    assert.is_false(alive())
  end)
end)

describe("akhbar shell under script(1)", function()
  it("prompts on a terminal and isolates Arabic runs for terminals that do bidi", function()
    if not have("script") then pending("util-linux script is not installed") return end
    local out, err, code = run.sh(("env -u LD_PRELOAD script -qec %s /dev/null"):format(
      q(shell_command(db, "AKHBAR_BIDI=isolate"))), {
      env = "",
      stdin = 'akhbar.stem("بسوريا", "clitics")\nfor i = 1, 2 do\nprint(i * 10)\nend\n',
    })
    assert.equal(0, code, err)
    assert.truthy(out:find("akhbar> \u{2067}سوريا\u{2069}\r\n", 1, true), out)
    assert.truthy(out:find("   ...>    ...> 10\r\n20\r\n", 1, true), out)
  end)
end)
