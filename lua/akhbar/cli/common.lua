--- akhbar.cli.common: what every `akhbar` command is built from: its
-- errors (usage error, failure, the library's message made readable),
-- opening an existing corpus, and where its output goes (a table on the
-- terminal, a file, JSON Lines or CSV).
-- @module akhbar.cli.common
local akhbar = require "akhbar"
local pretty = require "akhbar.pretty"
local export = require "akhbar.export"
local core = require "akhbar.core"

local common = {}

local fmt = string.format

-- A usage error (exit 2) or a failure (exit 1), raised as a table so the
-- message is printed without a Lua position.
local function usage_error(cmd, msg)
  error({ code = 2, msg = fmt("akhbar %s: %s\nTry `akhbar %s --help`.", cmd, msg, cmd) }, 0)
end
local function fail(cmd, msg)
  error({ code = 1, msg = fmt("akhbar %s: %s", cmd, msg) }, 0)
end
common.usage_error, common.fail = usage_error, fail

-- The options every command that prints results shares, for its usage text.
common.OUTPUT_HELP = [[
  --json            write JSON Lines (one object per line) instead of a table
  --csv             write CSV (RFC 4180) instead of a table
  --bom             start CSV with a UTF-8 byte order mark (for Excel)
  --output FILE     write to FILE instead of standard output]]

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
  quotes = { "article", "date", "source", "speaker", "speaker_written", "resolution", "speaker_entity", "speaker_id",
    "role", "verb",
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

common.clean, common.exists, common.open_existing = clean, exists, open_existing
common.output, common.close_output = output, close_output
common.COLUMNS, common.export_dest, common.write_structured = COLUMNS, export_dest, write_structured
common.explain, common.guard, common.bidi_line = explain, guard, bidi_line

return common
