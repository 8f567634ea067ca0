--- akhbar.cli.analysis: the commands that read a corpus and print what
-- the analysis found: search, entities, quotes, dates, stories, timeline
-- and sql, each as a table, JSON Lines, CSV or a file (GraphML, GEXF, SVG).
-- Each command is a spec as `akhbar.cli` reads it.
-- @module akhbar.cli.analysis
local pretty = require "akhbar.pretty"
local export = require "akhbar.export"
local core = require "akhbar.core"
local common = require "akhbar.cli.common"

local fmt, concat = string.format, table.concat
local usage_error, fail, clean = common.usage_error, common.fail, common.clean
local open_existing, output, close_output = common.open_existing, common.output, common.close_output
local COLUMNS, export_dest, write_structured = common.COLUMNS, common.export_dest, common.write_structured
local guard, bidi_line, OUTPUT_HELP = common.guard, common.bidi_line, common.OUTPUT_HELP

local commands = {}

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
    resolution = { "written", "carried", "role", "pronoun" }, json = "flag", csv = "flag", bom = "flag", output = "FILE" },
  usage = [[
Usage: akhbar quotes DB --speaker NAME [options]

What a person said, in time order: date, outlet, speech verb and the
quoted or reported words.  NAME may be part of a name (بيسكوف finds
دميتري بيسكوف).

Options:
  --speaker NAME    who (required)
  --verb V          a verb (نفى, أكد, ...) or a class: statement, denial,
                    affirmation, announcement, warning, call, expectation, according-to
  --resolution R    only speakers found that way: written (named where they
                    spoke), carried, role, pronoun (docs/quotes.md)
  --from DATE, --to DATE, --source NAME, --limit N (default 50)
]] .. OUTPUT_HELP .. [[


Example:
  akhbar quotes news.db --speaker لافروف --verb denial]],
  run = function(opts, pos)
    if not opts.speaker then usage_error("quotes", "--speaker NAME is required") end
    local c = open_existing("quotes", pos[1])
    local q = { speaker = opts.speaker, verb = opts.verb, from = opts.from, to = opts.to, source = opts.source,
      resolution = opts.resolution, limit = opts.limit or 50 }
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
  --resolution R    only speakers found that way: written (named where they
                    spoke), carried, role, pronoun (docs/quotes.md)
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

return commands
