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
-- @module akhbar.cli
local akhbar = require "akhbar"
local pretty = require "akhbar.pretty"
local export = require "akhbar.export"
local core = require "akhbar.core"

local cli = {}

local fmt, concat = string.format, table.concat

-- A usage error (exit 2) or a failure (exit 1), raised as a table so the
-- message is printed without a Lua position.
local function usage_error(cmd, msg)
  error({ code = 2, msg = fmt("akhbar %s: %s\nTry `akhbar %s --help`.", cmd, msg, cmd) }, 0)
end
local function fail(cmd, msg)
  error({ code = 1, msg = fmt("akhbar %s: %s", cmd, msg) }, 0)
end
cli.fail = fail

-- ------------------------------------------------------------ commands

-- Each command: usage text, options (name -> "value" | "flag"), the number
-- of positional arguments (min, max), and the function.
local commands = {}
local order = { "import", "search", "entities", "quotes", "dates", "stories", "timeline", "reanalyze", "sql", "run",
  "shell" }

local OUTPUT_HELP = [[
  --json            write JSON Lines (one object per line) instead of a table
  --csv             write CSV (RFC 4180) instead of a table
  --bom             start CSV with a UTF-8 byte order mark (for Excel)
  --output FILE     write to FILE instead of standard output]]

local function parse(cmd, spec, argv)
  local opts, pos = {}, {}
  local i = 1
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do pos[#pos + 1] = argv[j] end
      break
    elseif a:sub(1, 2) == "--" and #a > 2 then
      local name, value = a:match("^%-%-([^=]+)=(.*)$")
      name = name or a:sub(3)
      local kind = name == "help" and "flag" or spec.options[name]
      if not kind then usage_error(cmd, fmt("unknown option --%s", name)) end
      if kind == "flag" then
        if value then usage_error(cmd, fmt("--%s takes no value", name)) end
        opts[name] = true
      else
        if not value then
          i = i + 1
          value = argv[i]
          if value == nil then usage_error(cmd, fmt("--%s needs a value (%s)", name, kind)) end
        end
        if kind == "N" then
          local n = math.tointeger(tonumber(value))
          if not n or n < 0 then usage_error(cmd, fmt("--%s expects a whole number, got '%s'", name, value)) end
          value = n
        elseif kind == "DATE" and not value:match("^%d%d%d%d%-%d%d%-%d%d$") and not value:match("^%d%d%d%d%-%d%d$")
          and not value:match("^%d%d%d%d$") then
          usage_error(cmd, fmt("--%s expects a date as YYYY-MM-DD, got '%s'", name, value))
        elseif type(kind) == "table" then
          local ok = false
          for _, v in ipairs(kind) do if v == value then ok = true end end
          if not ok then
            usage_error(cmd, fmt("--%s must be one of %s, got '%s'", name, concat(kind, ", "), value))
          end
        end
        opts[name] = value
      end
    elseif spec.rest and #pos >= spec.max then
      -- run: everything after the script goes to the script.
      for j = i, #argv do pos[#pos + 1] = argv[j] end
      break
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  if opts.help then return opts, pos end
  if #pos < spec.min then usage_error(cmd, "missing " .. spec.args[#pos + 1]) end
  if not spec.rest and #pos > spec.max then usage_error(cmd, fmt("unexpected argument '%s'", pos[spec.max + 1])) end
  if opts.json and opts.csv then usage_error(cmd, "choose one of --json and --csv") end
  return opts, pos
end

-- Errors from the library carry "file.lua:N:" positions: the analyst
-- needs the message only.
local function clean(msg)
  msg = tostring(msg):gsub("^[^\n]-%.lua:%d+: ", "")
  -- "akhbar.search: ..." or "akhbar.Corpus:cooccur: ...": the command
  -- already names itself.
  return (msg:gsub("^akhbar%.[%w_]+[:.]?[%w_]*: ", ""))
end

local function exists(path)
  return core.stat and core.stat(path) or io.open(path, "rb") ~= nil
end

-- Open an existing corpus: a missing file is an error with the fix, not
-- a new empty database.
local function open_existing(cmd, path, open_opts)
  if path ~= ":memory:" and not exists(path) then
    fail(cmd, fmt("no corpus at %s; create one with `akhbar import %s PATH...`", path, path))
  end
  local ok, c = pcall(akhbar.open, path, open_opts)
  if not ok then
    local msg = tostring(c)
    if msg:find("file is not a database", 1, true) then
      fail(cmd, fmt("%s is not a corpus (not an SQLite file); give the file `akhbar import` made", path))
    end
    fail(cmd, clean(msg))
  end
  return c
end

-- Where results go: a file from --output, else standard output.
local function output(cmd, opts)
  if opts.output then
    local f, err = io.open(opts.output, "wb")
    if not f then fail(cmd, fmt("cannot write %s (%s)", opts.output, err)) end
    -- A file gets the text as it is, whatever the terminal does.
    pretty.options.bidi = "none"
    return f, true
  end
  return io.stdout, false
end

-- The end of a command's text: the --output file closed, or standard
-- output flushed.  stdio keeps a failed write's error until then, so this
-- is where a full disk shows, and it must fail the command rather than
-- leave a short file behind an exit code of 0.
local function close_output(cmd, opts, out, close)
  local ok, err
  if close then ok, err = out:close() else ok, err = out:flush() end
  if not ok then
    fail(cmd, fmt("cannot write %s: %s; the output is incomplete", opts.output or "to standard output", tostring(err)))
  end
end

-- The fields of each kind of result, in the order CSV columns get them
-- (a field may be nil in the first rows and present later).
local COLUMNS = {
  search = { "id", "score", "date", "source", "title", "snippet", "url" },
  quotes = { "article", "date", "source", "speaker", "speaker_entity", "speaker_id", "role", "verb",
    "verb_form", "verb_class", "kind", "carried", "text", "start", "stop", "title" },
  stories = { "id", "first_seen", "first_outlet", "size", "outlets", "members", "title" },
  dates = { "first", "last", "value", "granularity", "kind", "role", "text", "start", "stop", "article", "published",
    "source", "title" },
  cooccur = { "id", "name", "type", "count" },
}

-- The destination of a JSON Lines or CSV export: --output is opened by
-- the exporter itself, so a failed write or close names the file.
local function export_dest(opts, dest)
  dest.path = opts.output
  dest.file = not opts.output and io.stdout or nil
  dest.bom = opts.bom
  return dest
end

-- Write an iterator as JSON Lines / CSV when asked; true when it did.
-- `shape` is nil or `{names = ..., columns = ...}` (see export.rows, export.csv).
local function write_structured(cmd, opts, shape, ...)
  if not (opts.json or opts.csv) then return false end
  shape = shape or {}
  local dest = export_dest(opts, { names = shape.names, columns = shape.columns })
  local ok, err
  if opts.json then ok, err = export.jsonl(dest, ...) else ok, err = export.csv(dest, ...) end
  if not ok then fail(cmd, err) end
  return true
end

-- A library error as the command reports it, with the fix when the
-- library's message does not give one.
local function explain(err)
  local msg = clean(err)
  if msg:find("^unknown entity") then
    msg = msg .. "; `akhbar entities DB` lists the entities of a corpus"
  elseif msg == "empty query" then
    msg = "empty query: give one or more words to search for"
  end
  -- the library names its option; the command has a flag for it
  msg = msg:gsub("raise opts%.max_terms", "raise the limit with --max-terms N")
    :gsub("expand = false keeps them", "--no-expand keeps them")
    :gsub("opts%.mentions%.%a+", "--mentions")
    :gsub("opts%.(%a+)", function(k)
      if k == "from" or k == "to" or k == "role" or k == "kind" or k == "article" then return "--" .. k end
    end)
  return msg
end

local function guard(cmd, f, ...)
  local ok, err = pcall(f, ...)
  if not ok then
    if type(err) == "table" then error(err, 0) end
    fail(cmd, explain(err))
  end
  return err
end

local function bidi_line(s) return pretty.bidi(s) end

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

-- ------------------------------------------------------------ search

commands.search = {
  args = { "DB (a corpus made by `akhbar import`)", "QUERY (words, \"a phrase\", OR, NOT, NEAR(a b, 10), prefix*)" },
  min = 2, max = 2,
  options = { source = "NAME", from = "DATE", to = "DATE", limit = "N", exact = "flag", ["no-expand"] = "flag",
    ["max-terms"] = "N", mentions = "PERIOD", json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar search DB QUERY [options]

Full-text search, best match first.  Words match their clitic forms
(سوريا finds بسوريا, وسوريا); a word naming an entity of the gazetteer also
finds its other names (سوريا finds سورية); "quotes" make a phrase and keep
one spelling; OR, NOT, NEAR(a b, 10) and prefix* work as in SQLite FTS5.

Options:
  --source NAME     only this outlet
  --from DATE       published on or after DATE (YYYY-MM-DD)
  --to DATE         published on or before DATE
  --mentions PERIOD only articles that talk about a day of PERIOD, whenever
                    published: a day, a month (2015-08), a year, or D1..D2
  --limit N         at most N hits (default 20)
  --exact           match word forms exactly (no stemming, no other names)
  --no-expand       do not add the other names of entities
  --max-terms N     allow queries of up to N terms (default 256; long OR
                    lists are slow: 1,000 terms take seconds)
]] .. OUTPUT_HELP .. [[


Example:
  akhbar search news.db 'لافروف NEAR(سوريا, 10)' --from 2015-09-01 --limit 5]],
  run = function(opts, pos)
    local c = open_existing("search", pos[1])
    local sopts = { limit = opts.limit or 20, source = opts.source, from = opts.from, to = opts.to,
      exact = opts.exact or nil, expand = not opts["no-expand"], max_terms = opts["max-terms"] }
    if opts.mentions then
      local a, b = opts.mentions:match("^(.-)%.%.(.*)$")
      sopts.mentions = { from = a or opts.mentions, to = b or opts.mentions }
    end
    if opts.json or opts.csv then
      guard("search", write_structured, "search", opts, { columns = COLUMNS.search }, c:search(pos[2], sopts))
      c:close()
      return 0
    end
    sopts.mark = (core.isatty("stdout") and not opts.output) and "ansi" or nil
    local out, close = output("search", opts)
    local n = 0
    local width = pretty.options.width
    guard("search", function()
      for hit in c:search(pos[2], sopts) do
        n = n + 1
        out:write(fmt("%d. [%s] %s  %s  score %.2f\n", n, tostring(hit.id), hit.date or "????-??-??",
          hit.source or "-", hit.score or 0))
        out:write("   ", bidi_line(pretty.truncate(hit.title or "", width - 3)), "\n")
        pretty.text((hit.snippet or ""):gsub("%s+", " "), { out = out, indent = "   " })
        if hit.url then out:write("   ", hit.url, "\n") end
      end
    end)
    if n == 0 then
      out:write(fmt("no article matches %s\n", pos[2]))
    else
      local total = c:count(pos[2], sopts)
      out:write(fmt("%d of %d matching articles\n", n, total))
    end
    close_output("search", opts, out, close)
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ entities

commands.entities = {
  args = { "DB (a corpus made by `akhbar import`)", "NAME" },
  min = 1, max = 2,
  options = { limit = "N", by = { "article", "sentence" }, type = { "person", "org", "place", "other" },
    graphml = "FILE", gexf = "FILE", json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar entities DB [NAME] [options]

Without NAME: the entities named in most articles.  With NAME (any name
or alias of the gazetteer: لافروف, داعش, ...): the entities most often
named in the same articles, and the outlets that name it.

Options:
  --limit N         rows (default 20)
  --by UNIT         article (default) or sentence: what counts as together
  --type T          only person, org, place or other
  --graphml FILE    write the co-occurrence network around NAME as GraphML
  --gexf FILE       ... as GEXF (Gephi)
]] .. OUTPUT_HELP .. [[


Examples:
  akhbar entities news.db --type person
  akhbar entities news.db داعش --type person --limit 10
  akhbar entities news.db داعش --gexf isis.gexf]],
  run = function(opts, pos)
    local c = open_existing("entities", pos[1])
    local limit = opts.limit or 20
    local name = pos[2]
    if not name then
      if opts.graphml or opts.gexf then usage_error("entities", "--graphml and --gexf need a NAME") end
      local sql = "SELECT e.name AS name, e.type AS type, e.id AS id, count(DISTINCT m.article) AS articles, "
        .. "count(*) AS mentions FROM mentions m JOIN entities e ON e.id = m.entity "
        .. (opts.type and "WHERE e.type = ? " or "")
        .. "GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.id LIMIT ?"
      local args = opts.type and { opts.type, limit } or { limit }
      local columns = { "name", "type", "id", "articles", "mentions" }
      if not guard("entities", write_structured, "entities", opts, { columns = columns },
        c:sql(sql, table.unpack(args))) then
        local rows = {}
        guard("entities", function() for r in c:sql(sql, table.unpack(args)) do rows[#rows + 1] = r end end)
        local out, close = output("entities", opts)
        if #rows == 0 then
          out:write("no entity mentions in this corpus (import articles first)\n")
        else
          pretty.table(rows, { columns = columns, out = out })
        end
        close_output("entities", opts, out, close)
      end
      c:close()
      return 0
    end
    local copts = { limit = limit, by = opts.by, type = opts.type }
    if opts.graphml or opts.gexf then
      local graph = guard("entities", export.network, c, name, copts)
      local files = {}
      for _, format in ipairs { "graphml", "gexf" } do
        if opts[format] then
          local ok, err = export[format](opts[format], graph)
          if not ok then fail("entities", clean(err)) end
          files[#files + 1] = opts[format]
        end
      end
      io.stdout:write(fmt("network around %s: %d nodes, %d edges -> %s\n", bidi_line(name), #graph.nodes,
        #graph.edges, concat(files, ", ")))
      c:close()
      return 0
    end
    if guard("entities", write_structured, "entities", opts,
      { names = { "entity", "count" }, columns = COLUMNS.cooccur }, c:cooccur(name, copts)) then
      c:close()
      return 0
    end
    local rows = {}
    guard("entities", function()
      for e, n in c:cooccur(name, copts) do
        rows[#rows + 1] = { name = e.name, type = e.type, id = e.id, together = n }
      end
    end)
    local unit = opts.by == "sentence" and "sentences" or "articles"
    local out, close = output("entities", opts)
    out:write(bidi_line(fmt("named with %s (%s):", name, unit)), "\n")
    if #rows == 0 then out:write("  nothing\n") else
      pretty.table(rows, { columns = { "name", "type", "id", "together" }, out = out })
    end
    local outlets = {}
    guard("entities", function()
      for s, a, m in c:outlets(name) do
        outlets[#outlets + 1] = { outlet = s ~= "" and s or "(none)", articles = a, mentions = m }
      end
    end)
    if #outlets > 0 then
      out:write("\noutlets:\n")
      pretty.table(outlets, { columns = { "outlet", "articles", "mentions" }, out = out })
    end
    close_output("entities", opts, out, close)
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ quotes

commands.quotes = {
  args = { "DB (a corpus made by `akhbar import`)" },
  min = 1, max = 1,
  options = { speaker = "NAME", verb = "VERB", from = "DATE", to = "DATE", source = "NAME", limit = "N",
    json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar quotes DB --speaker NAME [options]

What a person said, in time order: date, outlet, speech verb and the
quoted or reported words.  NAME may be part of a name (بيسكوف finds
دميتري بيسكوف).

Options:
  --speaker NAME    who (required)
  --verb V          a verb (نفى, أكد, ...) or a class: statement, denial,
                    affirmation, announcement, warning, call, opinion
  --from DATE, --to DATE, --source NAME, --limit N (default 50)
]] .. OUTPUT_HELP .. [[


Example:
  akhbar quotes news.db --speaker لافروف --verb denial]],
  run = function(opts, pos)
    if not opts.speaker then usage_error("quotes", "--speaker NAME is required") end
    local c = open_existing("quotes", pos[1])
    local q = { speaker = opts.speaker, verb = opts.verb, from = opts.from, to = opts.to, source = opts.source,
      limit = opts.limit or 50 }
    if guard("quotes", write_structured, "quotes", opts, { columns = COLUMNS.quotes }, c:quotes(q)) then
      c:close()
      return 0
    end
    local out, close = output("quotes", opts)
    local n = 0
    guard("quotes", function()
      for r in c:quotes(q) do
        n = n + 1
        out:write(fmt("%s  %s  [%s]  ", r.date or "????-??-??", r.source or "-", tostring(r.article)))
        out:write(bidi_line(fmt("%s — %s (%s)", r.speaker or "?", r.verb or r.kind or "?", r.verb_class or "?")), "\n")
        pretty.text(r.text or "", { out = out, indent = "   " })
      end
    end)
    if n == 0 then out:write(fmt("no quotes by %s\n", bidi_line(opts.speaker))) else
      out:write(fmt("%d quote%s\n", n, n == 1 and "" or "s"))
    end
    close_output("quotes", opts, out, close)
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ dates

commands.dates = {
  args = { "DB (a corpus made by `akhbar import`)" },
  min = 1, max = 1,
  options = { from = "DATE", to = "DATE", role = { "news", "future", "past", "stamp", "other" },
    kind = { "absolute", "partial", "relative", "hijri", "stamp" }, source = "NAME", article = "N", limit = "N",
    json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar dates DB [options]

The dates the articles mention, whenever they were published: the days
each expression covers (a month covers all its days), its resolved value,
kind and role, with the article.  Ordered by the first day covered.  With
--from/--to: the mentions whose days overlap that period, i.e. the
articles that talk about it.

Options:
  --from DATE       days on or after DATE (YYYY-MM-DD; YYYY-MM and YYYY
  --to DATE         ... on or before DATE      name whole months and years)
  --role R          news (the news day), future (المقبل, deadlines), past
                    (history), stamp (a page's date line), other
  --kind K          absolute, partial (no year written), relative (أمس,
                    الأربعاء الماضي), hijri, stamp
  --source NAME     only this outlet
  --article N       only article N
  --limit N         at most N mentions (default 50; JSON/CSV: all unless given)
]] .. OUTPUT_HELP .. [[


Examples:
  akhbar dates news.db --from 2015-08-12 --to 2015-08-12
  akhbar dates news.db --from 2015-09 --role future --csv --bom --output future.csv]],
  run = function(opts, pos)
    local c = open_existing("dates", pos[1])
    local structured = opts.json or opts.csv
    local q = { from = opts.from, to = opts.to, role = opts.role, kind = opts.kind, source = opts.source,
      article = opts.article, limit = opts.limit or (not structured and 50 or nil) }
    if structured then
      guard("dates", function() write_structured("dates", opts, { columns = COLUMNS.dates }, c:dates(q)) end)
      c:close()
      return 0
    end
    local rows = {}
    guard("dates", function()
      for r in c:dates(q) do
        rows[#rows + 1] = r
      end
    end)
    local out, close = output("dates", opts)
    if #rows == 0 then
      out:write("no date mentions", (opts.from or opts.to) and " in that period" or "", "\n")
      -- A file migrated from an older akhbar has an empty dates table until then.
      if c:one("SELECT 1 AS x FROM meta WHERE key = 'needs_reanalyze'") then
        io.stderr:write(fmt("akhbar dates: %s was made by an older akhbar and its dates are not stored yet: "
          .. "run `akhbar reanalyze %s`\n", pos[1], pos[1]))
      end
    else
      pretty.table(rows, { columns = { "first", "last", "role", "kind", "article", "published", "source", "text" },
        out = out })
      out:write(fmt("%d mention%s\n", #rows, #rows == 1 and "" or "s"))
    end
    close_output("dates", opts, out, close)
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ stories

commands.stories = {
  args = { "DB (a corpus made by `akhbar import`)" },
  min = 1, max = 1,
  options = { ["min-size"] = "N", from = "DATE", to = "DATE", source = "NAME", limit = "N",
    json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar stories DB [options]

Stories: articles that report the same thing, across outlets, with who
ran it first.  One row per story in order of first appearance.

Options:
  --min-size N      only stories of at least N articles (default 2)
  --from DATE, --to DATE, --source NAME, --limit N (default 50)
]] .. OUTPUT_HELP .. [[


Example:
  akhbar stories news.db --min-size 3 --from 2015-09-01 --csv --bom --output stories.csv]],
  run = function(opts, pos)
    local c = open_existing("stories", pos[1])
    local q = { min_size = opts["min-size"] or 2, from = opts.from, to = opts.to, source = opts.source,
      limit = opts.limit or 50 }
    local function flat(s)
      local ids, outlets = {}, {}
      for i, m in ipairs(s.members or {}) do ids[i] = m.id end
      for i, o in ipairs(s.outlets or {}) do outlets[i] = o end
      return { id = s.id, size = s.size or #ids, first_seen = s.first_seen, first_outlet = s.first_outlet,
        outlets = concat(outlets, " "), members = concat(ids, " "), title = s.title }
    end
    local rows = {}
    guard("stories", function() for s in c:stories(q) do rows[#rows + 1] = flat(s) end end)
    if opts.json or opts.csv then
      write_structured("stories", opts, { columns = COLUMNS.stories }, rows)
    else
      local out, close = output("stories", opts)
      if #rows == 0 then
        out:write("no stories with at least " .. q.min_size .. " articles\n")
      else
        pretty.table(rows, { columns = COLUMNS.stories, out = out })
      end
      close_output("stories", opts, out, close)
    end
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ timeline

commands.timeline = {
  args = { "DB (a corpus made by `akhbar import`)", "ENTITY (a name of the gazetteer)" },
  min = 2, max = 2,
  options = { by = { "month", "week", "day", "year" }, svg = "FILE", csv = "flag", bom = "flag", output = "FILE",
    source = "NAME", outlets = "N", count = { "articles", "mentions" } },
  usage = [[
Usage: akhbar timeline DB ENTITY [options]

How often ENTITY is named over time: articles naming it (or its
mentions) per day, week, month or year, per outlet.  Prints a bar chart,
or writes CSV or an SVG plot.

Options:
  --by UNIT         day, week, month or year (default: from the span
                    drawn: days up to two months, weeks up to a year,
                    months up to ten years, years beyond)
  --count WHAT      articles (default: articles naming it) or mentions
  --source NAME     only this outlet
  --outlets N       outlets drawn separately (default 8; the rest are "other")
  --svg FILE        write a self-contained SVG plot to FILE
  --csv             write CSV (period, total, one column per outlet)
  --bom, --output FILE   as for other commands

Examples:
  akhbar timeline news.db داعش --svg isis.svg
  akhbar timeline news.db لافروف --by week --csv --bom --output lavrov.csv]],
  run = function(opts, pos)
    local c = open_existing("timeline", pos[1])
    local tl = guard("timeline", export.timeline, c, pos[2],
      { by = opts.by, max_series = opts.outlets, source = opts.source, count = opts.count })
    local by = tl.by
    c:close()
    if opts.svg then
      local ok, err = export.timeline_svg(opts.svg, tl)
      if not ok then fail("timeline", err) end
      io.stdout:write(fmt("%s: %d periods, %d series -> %s\n", bidi_line(pos[2]), #tl.periods, #tl.series, opts.svg))
      return 0
    end
    if opts.csv then
      local ok, err = export.timeline_csv(export_dest(opts, {}), tl)
      if not ok then fail("timeline", err) end
      return 0
    end
    if #tl.periods == 0 then
      io.stdout:write(fmt("no dated articles name %s\n", bidi_line(pos[2])))
      return 0
    end
    local out, close = output("timeline", opts)
    local max = 0
    for _, p in ipairs(tl.periods) do max = math.max(max, tl.total[p] or 0) end
    local bar_w = math.max(10, math.min(50, pretty.options.width - 30))
    out:write(bidi_line(fmt("%s: %s per %s", pos[2], tl.count, by)), "\n")
    for _, p in ipairs(tl.periods) do
      local n = tl.total[p] or 0
      local len = max > 0 and math.floor(n * bar_w / max + 0.5) or 0
      if n > 0 and len == 0 then len = 1 end
      out:write(fmt("%-10s %6d  %s\n", p, n, ("█"):rep(len)))
    end
    if #tl.series > 1 or tl.series[1].name ~= "all" then
      local parts = {}
      for _, s in ipairs(tl.series) do parts[#parts + 1] = fmt("%s %d", s.name, s.sum or 0) end
      out:write("by outlet: ", concat(parts, ", "), "\n")
    end
    close_output("timeline", opts, out, close)
    return 0
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

-- ------------------------------------------------------------ sql

commands.sql = {
  args = { "DB (a corpus made by `akhbar import`)", "STATEMENT (one SQL statement)" },
  min = 2, max = math.huge,
  options = { json = "flag", csv = "flag", bom = "flag", output = "FILE", limit = "N", write = "flag" },
  usage = [[
Usage: akhbar sql DB STATEMENT [VALUE...] [options]

Run one read-only SQL statement (SELECT, WITH, read-only PRAGMA) with the
VALUEs bound to its ? parameters.  Tables: articles, mentions, entities,
quotes, dates, stories, fingerprints (docs/schema.md).  Statements that write
are refused unless --write is given.

Options:
  --limit N         rows printed as a table (default 50; JSON/CSV: all)
  --write           also run statements that change the corpus (INSERT,
                    UPDATE, DELETE, CREATE ...); they bypass the import, so
                    deleting articles this way leaves their index behind
]] .. OUTPUT_HELP .. [[


Example:
  akhbar sql news.db "SELECT source, count(*) AS n FROM articles GROUP BY source ORDER BY n DESC"]],
  run = function(opts, pos)
    local c = open_existing("sql", pos[1], opts.write and { sql_writes = true } or nil)
    local args = {}
    for i = 3, #pos do args[#args + 1] = pos[i] end
    -- c:sql is called once: with --write the statement runs at the call.
    local ok, res = pcall(function() return table.pack(c:sql(pos[2], table.unpack(args))) end)
    if not ok then fail("sql", clean(res)) end
    if guard("sql", write_structured, "sql", opts, nil, table.unpack(res, 1, 4)) then
      c:close()
      return 0
    end
    local rows
    ok, rows = pcall(pretty.drain, opts.limit or 50, table.unpack(res, 1, 4))
    if not ok then fail("sql", clean(rows)) end
    local list = {}
    for i, p in ipairs(rows) do list[i] = p[1] end
    local out, close = output("sql", opts)
    if #list == 0 then out:write("(no rows)\n") else pretty.table(list, { out = out }) end
    close_output("sql", opts, out, close)
    c:close()
    return 0
  end,
}

-- ------------------------------------------------------------ run

local function script_env(c)
  return setmetatable({ c = c, akhbar = akhbar, pretty = pretty, export = export }, { __index = _G })
end
cli.script_env = script_env

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
function cli.shell(c, opts)
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
    cli.shell(c)
    pcall(c.close, c)
    return 0
  end,
}

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
    local opts, pos = parse(cmd, spec, rest)
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
