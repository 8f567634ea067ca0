--- akhbar.cli.import: the commands that fill a corpus: `akhbar import`
-- (articles in) and `akhbar reanalyze` (the analysis run again over them).
-- Each command is a spec as `akhbar.cli` reads it.
-- @module akhbar.cli.import
local akhbar = require "akhbar"
local common = require "akhbar.cli.common"

local fmt = string.format
local clean, exists, open_existing, guard = common.clean, common.exists, common.open_existing, common.guard

local commands = {}

-- ------------------------------------------------------------ import

commands.import = {
  args = { "DB (the corpus file to create or extend)", "PATH (a file, a directory, .jsonl(.gz) or .csv)" },
  min = 2, max = math.huge,
  options = { batch = "N", encoding = "NAME", source = "NAME", format = { "text", "jsonl", "csv" }, quiet = "flag" },
  usage = [[
Usage: akhbar import DB PATH... [options]

Load articles into the corpus DB (created when missing).  PATH is a text
file (one article, the first line its title), a directory of them, JSON
Lines (.jsonl, .jsonl.gz; SaudiNewsNet's fields by default) or CSV with a
header row.  Importing again skips what is already in (same content).

Options:
  --source NAME     outlet for records that name none
  --encoding NAME   legacy input encoding, e.g. windows-1256
  --format F        text, jsonl or csv (default: from the file name)
  --batch N         records per transaction (default 1000)
  --quiet           no progress line and no summary

Example:
  akhbar import news.db examples/corpus ../shared/corpus/saudinewsnet.jsonl.gz]],
  run = function(opts, pos)
    local c = guard("import", akhbar.open, pos[1])
    local failed = false
    for i = 2, #pos do
      local path = pos[i]
      if not exists(path) then
        io.stderr:write(fmt("akhbar import: %s does not exist (check the path)\n", path))
        failed = true
      else
        local summary = guard("import", c.import, c, path, {
          batch = opts.batch, encoding = opts.encoding, source = opts.source, format = opts.format,
          progress = not opts.quiet,
        })
        if not opts.quiet then
          io.stdout:write(path, ": ", tostring(summary), "\n")
          for j, e in ipairs(summary.errors or {}) do
            if j > 5 then
              io.stdout:write(fmt("  ... %d more problems\n", #summary.errors - 5))
              break
            end
            io.stdout:write(fmt("  record %s%s: %s\n", tostring(e.record or "?"),
              e.line and (" (line " .. e.line .. ")") or "", clean(e.message)))
          end
        end
      end
    end
    if not opts.quiet then io.stdout:write(tostring(c), "\n") end
    c:close()
    return failed and 1 or 0
  end,
}

-- ------------------------------------------------------------ reanalyze

commands.reanalyze = {
  args = { "DB (a corpus made by `akhbar import`)" },
  min = 1, max = 1,
  options = { all = "flag", batch = "N", quiet = "flag" },
  usage = [[
Usage: akhbar reanalyze DB [options]

Run the news, entity and story analysis again over the original text of
every stored article: publication dates with their evidence and
confidence, the dates each article mentions, datelines, cleaned text,
quotes, entity mentions and stories are rebuilt with this akhbar's rules,
without importing again.  Works in batches: a run that is stopped goes on
where it stopped when started again; a corpus already analysed by this
version is left alone unless --all.  A corpus made by an older akhbar
needs this once to get its dates table filled.

Options:
  --all             run even when the corpus is up to date
  --batch N         articles per transaction (default 200)
  --quiet           no progress line and no summary

Example:
  akhbar reanalyze news.db]],
  run = function(opts, pos)
    local c = open_existing("reanalyze", pos[1])
    local summary = guard("reanalyze", c.reanalyze, c, { all = opts.all, batch = opts.batch,
      progress = not opts.quiet })
    if not opts.quiet then io.stdout:write(tostring(summary), "\n") end
    c:close()
    return 0
  end,
}

return commands
