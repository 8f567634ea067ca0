--- akhbar.reanalyze: c:reanalyze([opts]) runs the analysis again over the
-- stored articles, so a corpus imported with older rules gets the new ones
-- without a re-import.
--
-- Every article's original `text` goes through the same steps as at import
-- (corpus._prepare_article and corpus._analyze_article: the extensions'
-- prepare and analyze), after each extension's `forget` removed what it
-- had stored for it: published date, evidence and confidence, dateline,
-- agency, the title when it was derived from the text, the cleaned text
-- (and its full-text index rows when it changed), quotes, boilerplate,
-- dates, entity mentions, fingerprints and stories.  What the importer
-- gave is kept: a given title (one that is not a line of the text), a
-- given date (evidence `given`), source, url, crawl date.  The author is
-- kept as stored: the importer's field («لندن: رنيم حنوش») was split into
-- author and dateline at import and is not stored whole, and splitting
-- the stored author again would not give the same parts.  For the same
-- reason an article with an author keeps its stored dateline and agency
-- (they may have come from that field); other articles take those the
-- analysis finds in the text now, keeping the stored ones when it finds
-- none.
--
-- Stories depend on the order articles are analysed in, so a run starts by
-- dropping them (the stories extension's `restart`) and rebuilds them in
-- id order, as a fresh import of the same articles would.
--
-- Batches: opts.batch articles (default 200) per transaction.  meta keeps
-- the run's analysis version (reanalyze_version) and the last article done
-- (reanalyze_last): a run that was killed goes on after that article when
-- called again.  A complete run records the version as analysis_version
-- (and clears needs_reanalyze, set by the migration of an older file); a
-- corpus already analysed by this version is left alone unless opts.all.
--
-- Progress: as akhbar.import (a line on stderr when it is a terminal;
-- opts.progress = false for none, a function for {articles, total,
-- changed, batches, seconds, rate, eta, last} after every batch).
--
-- Returns a summary {articles, changed (published dates that changed),
-- seconds, batches, resumed (the article id the run went on after, when it
-- did), up_to_date (true when there was nothing to do)} that prints as one
-- line.
-- @module akhbar.reanalyze
local core = require "akhbar.core"
local corpus = require "akhbar.corpus"
local import = require "akhbar.import"

local M = {}

--- Articles per transaction when opts.batch is not given.
M.BATCH = 200

local prepare_article, analyze_article = corpus._prepare_article, corpus._analyze_article

local SET_META = require("akhbar.schema").SET_META

local function meta(c, key)
  local r = c:one("SELECT value FROM meta WHERE key = ?", key)
  return r and r.value
end

local Summary = { __name = "akhbar.ReanalyzeSummary" }
Summary.__index = Summary
function Summary.__tostring(s)
  if s.up_to_date then
    return "nothing to do: every article was analysed by this version (all = true, or --all, runs again)"
  end
  return ("%d articles analysed again%s, %d published dates changed, %.1f s (%.0f articles/s)"):format(
    s.articles, s.resumed and (" (went on after article " .. s.resumed .. ")") or "", s.changed, s.seconds,
    s.seconds > 0 and s.articles / s.seconds or 0)
end

local function progress_line(info)
  return ("\r\27[K%d/%d articles  %.0f/s  ETA %s"):format(info.articles, info.total, info.rate,
    import.fmt_time(info.eta))
end

-- Only spaces and tabs from text[i] to the line's end, walking by `step`.
local function blank_to_line_end(text, i, step)
  while true do
    local b = text:byte(i)
    if b == nil or b == 10 then return true end
    if b ~= 32 and b ~= 9 and b ~= 13 then return false end
    i = i + step
  end
end

--- Whether `title` was derived from `text` at import: the import takes a
-- missing title from the text's lines (the news analysis's headline, else
-- the first line that is not a date), so such a title is one or more whole
-- lines of the text; an importer's title seldom is.
function M.derived_title(text, title)
  if type(title) ~= "string" or title == "" then return true end
  local init = 1
  while true do
    local s, e = text:find(title, init, true)
    if not s then return false end
    if blank_to_line_end(text, s - 1, -1) and blank_to_line_end(text, e + 1, 1) then return true end
    init = s + 1
  end
end

-- The record an import would have had for a stored row, as far as the row
-- tells it.
local function record(row)
  local a = { text = row.text, source = row.source, url = row.url, crawled = row.crawled, lang = row.lang,
    hash = row.hash }
  if row.published and row.published_evidence == "given" then
    a.published, a.published_evidence = row.published, "given"
  end
  if not M.derived_title(row.text, row.title) then a.title = row.title end
  return a
end

local FTS_DELETE = {
  "INSERT INTO articles_fts (articles_fts, rowid, title, clean) VALUES ('delete', ?, ?, ?)",
  "INSERT INTO articles_exact (articles_exact, rowid, title, clean) VALUES ('delete', ?, ?, ?)",
}
local FTS_INSERT = {
  "INSERT INTO articles_fts (rowid, title, clean) VALUES (?, ?, ?)",
  "INSERT INTO articles_exact (rowid, title, clean) VALUES (?, ?, ?)",
}

-- Analyse one stored article again; true when its published date changed.
local function reanalyze_article(c, row)
  for _, ext in ipairs(corpus.extensions) do
    if ext.forget then ext.forget(c, row.id) end
  end
  local a = record(row)
  local clean = prepare_article(c, a)
  if clean == false then
    error(("article %d: an extension dropped it (%s); a stored article cannot be skipped")
      :format(row.id, tostring(a.skip_reason)), 0)
  end
  a.author = row.author
  for _, f in ipairs { "dateline", "agency" } do
    if row[f] and (row.author or a[f] == nil) then a[f] = row[f] end
  end
  c:exec([[UPDATE articles SET source = ?, title = ?, author = ?, dateline = ?, agency = ?, published = ?,
      published_evidence = ?, published_confidence = ?, clean = ? WHERE id = ?]],
    a.source, a.title, a.author, a.dateline, a.agency, a.published, a.published_evidence,
    a.published_confidence, clean, row.id)
  -- External-content FTS5: an index row goes with the values it was made
  -- of, so the old title and text are given to 'delete'.
  if a.title ~= row.title or clean ~= row.clean then
    for i = 1, 2 do
      c:exec(FTS_DELETE[i], row.id, row.title, row.clean or row.text)
      c:exec(FTS_INSERT[i], row.id, a.title, clean or row.text)
    end
  end
  a.id = row.id
  analyze_article(c, a)
  return a.published ~= row.published
end

local function check(c, opts)
  local where = "akhbar.Corpus:reanalyze"
  if not c:isopen() then error(where .. ": the corpus is closed", 3) end
  if opts ~= nil and type(opts) ~= "table" then error(where .. ": options table expected, got " .. type(opts), 3) end
  opts = opts or {}
  if c._readonly then
    error(where .. ": the corpus is open read-only (open it without {readonly = true} to reanalyze)", 3)
  end
  if not c._extensions then
    error(where .. ": the corpus was opened with {extensions = false}: there is no analysis to run", 3)
  end
  if not c._db:autocommit() then error(where .. ": cannot reanalyze inside a transaction", 3) end
  local batch = math.tointeger(opts.batch or M.BATCH)
  if not batch or batch < 1 then
    error(where .. ": opts.batch must be a positive integer, got " .. tostring(opts.batch), 3)
  end
  return opts, batch
end

--- Run the analysis again over the stored articles (see the top of this
-- file).  opts: batch (200), all (true: run even when the corpus is up to
-- date, from the first article), progress.
function M.reanalyze(c, opts)
  local batch
  opts, batch = check(c, opts)
  local version = corpus.analysis_version()
  local running = meta(c, "reanalyze_version")
  local last, starting = 0, true
  local s = setmetatable({ articles = 0, changed = 0, seconds = 0, batches = 0 }, Summary)
  if not opts.all then
    if running == version then
      last, starting = tonumber(meta(c, "reanalyze_last")) or 0, false
      s.resumed = last
    elseif running == nil and meta(c, "analysis_version") == version and not meta(c, "needs_reanalyze") then
      s.up_to_date = true
      return s
    end
  end
  local total = c:one("SELECT count(*) AS n FROM articles WHERE id > ?", last).n
  local meter = import.progress(opts, progress_line)
  local t0 = core.now()
  local function info()
    local secs = core.now() - t0
    local rate = secs > 0 and s.articles / secs or 0
    return { articles = s.articles, total = total, changed = s.changed, batches = s.batches, seconds = secs,
      rate = rate, eta = rate > 0 and (total - s.articles) / rate or nil, last = last }
  end
  -- A stored article stays: import's option to skip copies does not apply.
  local skip = rawget(c, "skip_duplicates")
  c.skip_duplicates = nil
  local ok, err = pcall(function()
    while true do
      local rows = {}
      for r in c:rows("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?", last, batch) do
        rows[#rows + 1] = r
      end
      if #rows == 0 and not starting then break end
      local changed = c:transaction(function()
        if starting then
          for _, ext in ipairs(corpus.extensions) do
            if ext.restart then ext.restart(c) end
          end
          c:exec(SET_META, "reanalyze_version", version)
        end
        local n = 0
        for _, row in ipairs(rows) do
          local okr, res = pcall(reanalyze_article, c, row)
          if not okr then error(("akhbar.Corpus:reanalyze: article %d: %s"):format(row.id, tostring(res)), 0) end
          if res then n = n + 1 end
        end
        if #rows > 0 then c:exec(SET_META, "reanalyze_last", tostring(rows[#rows].id)) end
        return n
      end)
      starting = false
      if #rows == 0 then break end
      last = rows[#rows].id
      s.articles = s.articles + #rows
      s.changed = s.changed + changed
      s.batches = s.batches + 1
      if meter.callback then meter.callback(info()) end
      meter.draw(info, false)
    end
    c:transaction(function()
      for _, ext in ipairs(corpus.extensions) do
        if ext.finish then ext.finish(c) end
      end
      c:exec(SET_META, "analysis_version", version)
      c:exec("DELETE FROM meta WHERE key IN ('reanalyze_version', 'reanalyze_last', 'needs_reanalyze')")
    end)
  end)
  c.skip_duplicates = skip
  s.seconds = core.now() - t0
  if not ok then
    meter.done()
    error(err, 0)
  end
  meter.draw(info, true)
  meter.done()
  return s
end

return M
