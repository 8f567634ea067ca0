--- akhbar.import: c:import(path [, opts]) for the corpus.
--
-- Accepted inputs (chosen by opts.format, else by the name):
--  * a plain-text file (one article; the title is the first non-empty line
--    that reads as a headline, after the news extension had its say);
--  * a directory: its *.txt files in byte order of their names
--    (opts.pattern, a Lua pattern, changes the selection);
--  * JSON Lines, plain or .gz (*.jsonl, *.ndjson, *.json, +.gz): one object
--    per line, parsed by SQLite's JSON functions;
--  * CSV, plain or .gz (*.csv): RFC 4180, a header row naming the fields,
--    quoted fields may hold commas, "" and line breaks.
-- Field names: opts.fields maps article fields to record names, e.g.
-- {text = "body", published = "pubdate"}; by default (SaudiNewsNet) text
-- <- content|text|body, title <- title|headline, source, url|link, author,
-- crawled <- date_extracted|crawled, published <- date|published,
-- dateline, agency, lang.  opts.source sets the source of every record that
-- has none.
--
-- Batches: records are added in transactions of opts.batch (1000).  A
-- record that cannot be stored (malformed JSON or CSV, invalid UTF-8, no
-- text, bad date) fails alone: it is reported and the others go on.  An
-- error while storing (SQLite, an extension's prepare/analyze raising)
-- rolls back the whole current batch, which is reported (the failing
-- record, the batch's record range) and the import goes on with the next
-- batch; earlier batches stay.  Re-running an import adds only what is not
-- in yet (content hash), so after fixing the cause, run it again.
-- opts.stop_on_error = true stops at the first rolled-back batch.
--
-- Legacy encodings: opts.encoding = "windows-1256" (any ICU name) converts
-- each file or line with akhbar.decode before parsing.
--
-- Progress: on a terminal (stderr), a line with articles, MB, MB/s and ETA,
-- refreshed a few times a second; opts.progress = false silences it,
-- opts.progress = function(info) receives {records, added, duplicates,
-- skipped, failed, bytes, total, seconds, mbps, eta} after every batch and
-- at the end.
--
-- Returns a summary {added, duplicates, skipped, failed, records, errors =
-- {{record, line, file, message}...} (first 100), bytes, seconds} that
-- prints as one line.
-- @module akhbar.import
local core = require "akhbar.core"
local corpus = require "akhbar.corpus"

local M = {}

local normalize_record, insert_article = corpus._normalize_record, corpus._insert_article

local DEFAULT_FIELDS = {
  text = { "content", "text", "body" },
  title = { "title", "headline" },
  source = { "source" },
  url = { "url", "link" },
  author = { "author" },
  crawled = { "date_extracted", "crawled" },
  published = { "date", "published" },
  dateline = { "dateline" },
  agency = { "agency" },
  lang = { "lang", "language" },
  clean = { "clean" },
  published_evidence = { "published_evidence" },
}
M.DEFAULT_FIELDS = DEFAULT_FIELDS

local Summary = { __name = "akhbar.ImportSummary" }
Summary.__index = Summary
function Summary.__tostring(s)
  local mb = s.bytes / 1e6
  return ("akhbar.Import: %d added, %d duplicates, %d skipped, %d failed (%d records, %.2f MB in %.2f s, %.1f MB/s)")
    :format(s.added, s.duplicates, s.skipped, s.failed, s.records, mb, s.seconds,
      s.seconds > 0 and mb / s.seconds or 0)
end
M.Summary = Summary

-- ------------------------------------------------------------ field maps

local function field_map(opts)
  local map = {}
  for k, v in pairs(DEFAULT_FIELDS) do map[k] = v end
  if opts.fields ~= nil then
    if type(opts.fields) ~= "table" then error("akhbar.import: opts.fields must be a table", 4) end
    for k, v in pairs(opts.fields) do
      if k == "date" then k = "published" end
      if k == "content" then k = "text" end
      if not DEFAULT_FIELDS[k] then
        error(("akhbar.import: opts.fields: unknown article field '%s' (valid: %s)")
          :format(tostring(k), "text, title, source, url, author, date, crawled, dateline, agency, lang, clean"), 4)
      end
      if v == false then map[k] = {}
      elseif type(v) == "string" then map[k] = { v }
      elseif type(v) == "table" then map[k] = v
      else error(("akhbar.import: opts.fields.%s must be a name or a list of names"):format(k), 4) end
    end
  end
  return map
end

-- Article from a record {name = value} with the field map.
local function apply_map(map, rec)
  local a = {}
  for field, names in pairs(map) do
    for _, n in ipairs(names) do
      local v = rec[n]
      if v ~= nil and v ~= "" then a[field] = v break end
    end
  end
  return a
end

-- ------------------------------------------------------------ sources
-- A source is an iterator returning item, where item is
--   {article = {...}, record = n, line = l, file = f} or
--   {error = message, record = n, line = l, file = f}
-- and exposes progress() -> bytes, fraction done (or nil).

local function decoder(opts)
  if not opts.encoding then return nil end
  local enc = opts.encoding
  local decode = core.decode
  return function(s)
    local ok, out = pcall(decode, s, enc)
    if not ok then error(tostring(out):gsub("^akhbar%.decode: ", ""), 0) end
    return out
  end
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local s = f:read("a")
  f:close()
  return s
end

local function text_source(files, opts, total)
  local i, bytes = 0, 0
  local decode = decoder(opts)
  local src = {}
  function src.next()
    i = i + 1
    local path = files[i]
    if not path then return nil end
    local s, err = read_file(path)
    local item = { record = i, file = path }
    if not s then item.error = err return item end
    bytes = bytes + #s
    if decode then
      local ok, out = pcall(decode, s)
      if not ok then item.error = out return item end
      s = out
    end
    item.article = { text = s, source = opts.source }
    return item
  end
  function src.progress() return bytes, total and total > 0 and bytes / total or nil end
  function src.close() end
  return src
end

local function open_lines(path)
  local lines, err = core.lines_open(path)
  if not lines then error(("akhbar.import: cannot read %s: %s"):format(path, err), 4) end
  return lines
end

-- A source read through the line reader reports its progress (the
-- fraction of the file, compressed bytes for .gz) and closes the reader.
local function attach_lines(src, lines)
  function src.progress()
    local bytes, pos, size = lines:progress()
    return bytes, size > 0 and pos / size or nil
  end
  function src.close() lines:close() end
end

-- SQLite's JSON functions end a string at an escaped NUL (\u0000), which
-- would silently cut the article there: read it as U+FFFD instead.
local function nul_escapes(line)
  return (line:gsub("(\\+)u0000", function(bs)
    if #bs % 2 == 1 then return bs:sub(2) .. "\\ufffd" end
  end))
end

local function jsonl_source(c, path, opts)
  local lines = open_lines(path)
  local map = field_map(opts)
  local decode = decoder(opts)
  local n, lineno = 0, 0
  local JSON = "SELECT key, value, type FROM json_each(?)"
  local src = {}
  function src.next()
    while true do
      local line = lines:next()
      if not line then return nil end
      lineno = lineno + 1
      if line:find("%S") then
        n = n + 1
        local item = { record = n, line = lineno, file = path }
        if decode then
          local ok, out = pcall(decode, line)
          if not ok then item.error = out return item end
          line = out
        end
        if line:find("\\u0000", 1, true) then line = nul_escapes(line) end
        local rec, objtype = {}, nil
        local okj, err = pcall(function()
          for row in c:rows(JSON, line) do
            if type(row.key) ~= "string" then objtype = "array" break end
            if row.type ~= "object" and row.type ~= "array" then rec[row.key] = row.value end
          end
        end)
        if not okj then
          item.error = "malformed JSON: " .. tostring(err):gsub("^akhbar%.Corpus:rows: ", ""):gsub(" in: SELECT.*", "")
        elseif objtype or (next(rec) == nil and not line:match("^%s*{")) then
          item.error = "not a JSON object"
        else
          item.article = apply_map(map, rec)
          if item.article.source == nil then item.article.source = opts.source end
        end
        return item
      end
    end
  end
  attach_lines(src, lines)
  return src
end

-- RFC 4180 records over the line reader: quoted fields may span lines.
local function csv_source(path, opts)
  local lines = open_lines(path)
  local map = field_map(opts)
  local decode = decoder(opts)
  local lineno = 0
  local function getline()
    local l = lines:next()
    if l == nil then return nil end
    lineno = lineno + 1
    if decode then l = decode(l) end
    return l
  end
  local function parse()
    local line = getline()
    while line == "" do line = getline() end
    if not line then return nil end
    local start = lineno
    local fields, pos = {}, 1
    while true do
      if line:sub(pos, pos) == '"' then
        local parts, p = {}, pos + 1
        while true do
          local q = line:find('"', p, true)
          if not q then
            parts[#parts + 1] = line:sub(p)
            parts[#parts + 1] = "\n"
            line = getline()
            if not line then error(("unterminated quoted field (opened on line %d)"):format(start), 0) end
            p = 1
          elseif line:sub(q + 1, q + 1) == '"' then
            parts[#parts + 1] = line:sub(p, q)
            p = q + 2
          else
            parts[#parts + 1] = line:sub(p, q - 1)
            p = q + 1
            break
          end
        end
        fields[#fields + 1] = table.concat(parts)
        local ch = line:sub(p, p)
        if ch == "," then pos = p + 1
        elseif ch == "" then break
        else error(("line %d: unexpected %q after a quoted field"):format(lineno, ch), 0) end
      else
        local comma = line:find(",", pos, true)
        if comma then
          fields[#fields + 1] = line:sub(pos, comma - 1)
          pos = comma + 1
        else
          fields[#fields + 1] = line:sub(pos)
          break
        end
      end
    end
    return fields, start
  end
  local ok, header = pcall(parse)
  if not ok then error(("akhbar.import: %s: bad CSV header: %s"):format(path, header), 4) end
  if not header then header = {} end
  if header[1] then header[1] = header[1]:gsub("^\239\187\191", "") end -- BOM
  for i, h in ipairs(header) do header[i] = h:match("^%s*(.-)%s*$") end
  local n = 0
  local src = {}
  function src.next()
    local okp, fields, start = pcall(parse)
    if okp and fields == nil then return nil end
    n = n + 1
    local item = { record = n, line = okp and start or lineno, file = path }
    if not okp then item.error = "malformed CSV: " .. tostring(fields) return item end
    if #fields ~= #header then
      item.error = ("%d fields where the header has %d"):format(#fields, #header)
      return item
    end
    local rec = {}
    for i, h in ipairs(header) do rec[h] = fields[i] end
    item.article = apply_map(map, rec)
    if item.article.source == nil then item.article.source = opts.source end
    return item
  end
  attach_lines(src, lines)
  return src
end

local function format_of(path, opts)
  if opts.format then
    local f = opts.format
    if f ~= "text" and f ~= "jsonl" and f ~= "csv" then
      error(("akhbar.import: opts.format must be \"text\", \"jsonl\" or \"csv\", got %s"):format(tostring(f)), 4)
    end
    return f
  end
  local p = path:lower():gsub("%.gz$", "")
  if p:match("%.jsonl$") or p:match("%.ndjson$") or p:match("%.json$") then return "jsonl" end
  if p:match("%.csv$") then return "csv" end
  return "text"
end

-- ------------------------------------------------------------ progress

local function fmt_time(s)
  if not s or s ~= s or s == math.huge then return "?" end
  s = math.floor(s + 0.5)
  return ("%d:%02d"):format(s // 60, s % 60)
end

M.fmt_time = fmt_time

local function progress_line(info)
  return ("\r\27[K%d articles (%d new)  %.1f MB  %.1f MB/s  ETA %s"):format(
    info.records, info.added, info.bytes / 1e6, info.mbps, fmt_time(info.eta))
end

--- How a long run (import, reanalyze) reports progress: opts.progress =
-- false says nothing, a function receives the info after every batch and
-- at the end; otherwise, when stderr is a terminal, `line(info)` is drawn
-- there a few times a second.  Returns {callback, tty, draw(info, force),
-- done()}: `info` is a function, called only when a line is drawn.
function M.progress(opts, line)
  local callback = type(opts.progress) == "function" and opts.progress or nil
  local tty = opts.progress ~= false and not callback and core.isatty("stderr")
  local last_draw = core.now()
  local p = { callback = callback, tty = tty }
  function p.draw(info, force)
    local now = core.now()
    if tty and (force or now - last_draw > 0.25) then
      last_draw = now
      io.stderr:write(line(info()))
    end
  end
  function p.done()
    if tty then io.stderr:write("\n") end
  end
  return p
end

-- ------------------------------------------------------------ driver

local function run(c, src, opts)
  local batch_size = math.tointeger(opts.batch or 1000)
  if not batch_size or batch_size < 1 then error("akhbar.import: opts.batch must be a positive integer", 3) end
  local meter = M.progress(opts, progress_line)
  local callback = meter.callback
  local s = setmetatable({ added = 0, duplicates = 0, skipped = 0, failed = 0, records = 0, errors = {},
    bytes = 0, seconds = 0, batches = 0, rolled_back = 0 }, Summary)
  local t0 = core.now()
  local function note(item, message, extra)
    if #s.errors < 100 then
      local e = { record = item.record, line = item.line, file = item.file, message = message }
      if extra then for k, v in pairs(extra) do e[k] = v end end
      s.errors[#s.errors + 1] = e
    end
  end
  local function info()
    local bytes, frac = src.progress()
    local secs = core.now() - t0
    s.bytes, s.seconds = bytes, secs
    local mbps = secs > 0 and bytes / 1e6 / secs or 0
    local eta = frac and frac > 0 and secs * (1 - frac) / frac or nil
    return { records = s.records, added = s.added, duplicates = s.duplicates, skipped = s.skipped,
      failed = s.failed, bytes = bytes, fraction = frac, seconds = secs, mbps = mbps, eta = eta }
  end
  local function draw(force) meter.draw(info, force) end

  local db = c._db
  local stop = false
  local pending = nil -- counts of the open batch: {added, duplicates, skipped, n, first}
  local function begin()
    db:exec("BEGIN IMMEDIATE")
    pending = { added = 0, duplicates = 0, skipped = 0, n = 0, first = nil }
  end
  local function commit()
    if not pending then return end
    db:exec("COMMIT")
    s.added = s.added + pending.added
    s.duplicates = s.duplicates + pending.duplicates
    s.skipped = s.skipped + pending.skipped
    s.batches = s.batches + 1
    pending = nil
    if callback then callback(info()) end
  end

  local ok, err = pcall(function()
    while not stop do
      local item = src.next()
      if not item then break end
      s.records = s.records + 1
      local a, msg
      if item.error then msg = item.error
      else a, msg = normalize_record(item.article) end
      if not a then
        s.failed = s.failed + 1
        note(item, msg)
      else
        if not pending then begin() end
        pending.n = pending.n + 1
        pending.first = pending.first or item.record
        local okr, id, why = pcall(insert_article, c, a)
        if okr then
          if id then pending.added = pending.added + 1
          elseif why == "duplicate" then pending.duplicates = pending.duplicates + 1
          else pending.skipped = pending.skipped + 1 end
          if pending.n >= batch_size then commit() end
        else
          if not db:autocommit() then db:exec("ROLLBACK") end
          local lost = pending.n
          note(item, tostring(id), { rolled_back = lost, batch = { pending.first, item.record } })
          s.failed = s.failed + lost
          s.rolled_back = s.rolled_back + lost
          pending = nil
          if opts.stop_on_error then stop = true end
        end
      end
      draw(false)
    end
    commit()
  end)
  if not ok then
    if pending and not db:autocommit() then pcall(db.exec, db, "ROLLBACK") end
    src.close()
    meter.done()
    error(err, 0)
  end
  local fin = info()
  src.close()
  if callback then callback(fin) end
  draw(true)
  meter.done()
  return s
end

--- Import `path` into corpus `c` (see the top of this file).
function M.import(c, path, opts)
  if not c:isopen() then error("akhbar.import: the corpus is closed", 2) end
  if type(path) ~= "string" then error("akhbar.import: path expected, got " .. type(path), 2) end
  opts = opts or {}
  if type(opts) ~= "table" then error("akhbar.import: options table expected, got " .. type(opts), 2) end
  if c._readonly then error("akhbar.import: the corpus is open read-only", 2) end
  if not c._db:autocommit() then error("akhbar.import: cannot import inside a transaction", 2) end
  local kind, err = core.stat(path)
  if not kind then
    error(("akhbar.import: cannot read %s: no such file or directory (check the path)"):format(path), 2)
  end
  local _ = err
  local src
  if kind == "directory" then
    local names, lerr = core.listdir(path)
    if not names then error(("akhbar.import: cannot list %s: %s"):format(path, lerr), 2) end
    local pattern = opts.pattern or "%.txt$"
    local files, total = {}, 0
    local dir = path:gsub("/+$", "")
    for _, n in ipairs(names) do
      if n:match(pattern) then
        local full = dir .. "/" .. n
        local k, size = core.stat(full)
        if k == "file" then
          files[#files + 1] = full
          total = total + size
        end
      end
    end
    if #files == 0 then
      error(("akhbar.import: %s has no files matching %s (set opts.pattern)"):format(path, pattern), 2)
    end
    src = text_source(files, opts, total)
  else
    local fmt = format_of(path, opts)
    if fmt == "jsonl" then src = jsonl_source(c, path, opts)
    elseif fmt == "csv" then src = csv_source(path, opts)
    else
      local _, size = core.stat(path)
      src = text_source({ path }, opts, size)
    end
  end
  return run(c, src, opts)
end

return M
