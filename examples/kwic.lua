-- Question: how is a word used?  A keyword-in-context concordance.
--
-- Every occurrence of a word in all its clitic forms (سوريا: بسوريا,
-- لسوريا, وسوريا, السوريا ...) with the words before and after it, as
-- written in the article (the original surfaces, not the normalised
-- forms), one line per occurrence, the keyword in a column of its own.
-- The articles are found with the full-text index; each one's tokens are
-- then compared by their clitic stem, so only whole words match.
--
-- Run from the source tree, after `make build`:
--   export LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./build/?.so;;"
--   lua5.4 examples/kwic.lua [CORPUS [WORD [LIMIT]]]
-- or:  akhbar run news.db examples/kwic.lua [WORD [LIMIT]]
-- CORPUS is a corpus file made by `akhbar import`, or articles to import;
-- the default is the sample in examples/corpus.
local akhbar = require "akhbar"
local pretty = require "akhbar.pretty"
local script = require "akhbar.script"

local c, args = script.corpus(arg)
local word = args[1] or "سوريا"
local limit = math.tointeger(tonumber(args[2] or "200")) or 200
local SIDE = 36 -- columns of context on each side

local key = akhbar.stem(word, "clitics")

-- Context of at most SIDE columns, cut at a word boundary, on one line.
local function context(s, from_end)
  s = s:gsub("%s+", " ")
  if pretty.width(s) <= SIDE then return s end
  local words = {}
  for w in s:gmatch("%S+") do words[#words + 1] = w end
  local kept, w = {}, 0
  local first, last, step = 1, #words, 1
  if from_end then first, last, step = #words, 1, -1 end
  for i = first, last, step do
    local ww = pretty.width(words[i]) + 1
    if w + ww > SIDE then break end
    w = w + ww
    if from_end then table.insert(kept, 1, words[i]) else kept[#kept + 1] = words[i] end
  end
  return table.concat(kept, " ")
end

local lines, kw_width, forms = {}, 0, {}
local n_articles = 0
for row in c:sql("SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", word) do
  n_articles = n_articles + 1
  local a = c:get(row.id)
  local text = a.text
  local toks = {}
  for t in akhbar.tokens(text) do toks[#toks + 1] = { kind = t.kind, text = t.text, start = t.start, stop = t.stop } end
  for i, t in ipairs(toks) do
    if t.kind == "arabic" and akhbar.stem(t.text, "clitics") == key then
      local surface = text:sub(t.start, t.stop)
      -- Context from token boundaries: never half a character.
      local before = context(text:sub(toks[math.max(1, i - 15)].start, t.start - 1), true)
      local after = context(text:sub(t.stop + 1, toks[math.min(#toks, i + 15)].stop), false)
      lines[#lines + 1] = { id = a.id, before = before, kw = surface, after = after }
      forms[surface] = (forms[surface] or 0) + 1
      kw_width = math.max(kw_width, pretty.width(surface))
      if #lines >= limit then break end
    end
  end
  if #lines >= limit then break end
end

local function plural(n, what) return ("%d %s%s"):format(n, what, n == 1 and "" or "s") end
print(pretty.bidi(("%s: %s in %s"):format(word, plural(#lines, "occurrence"), plural(n_articles, "article"))))
local list = {}
for f, n in pairs(forms) do list[#list + 1] = { f, n } end
table.sort(list, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
for i, p in ipairs(list) do list[i] = p[1] .. " " .. p[2] end
print(pretty.bidi("forms: " .. table.concat(list, ", ")))
print()
-- In logical order, every line the same width: the keyword stays in one
-- column whether the terminal shows the line right to left or not.
for _, l in ipairs(lines) do
  local line = ("%5d  %s  %s  %s"):format(l.id, pretty.pad(l.before, SIDE, "right"),
    pretty.pad(l.kw, kw_width), pretty.pad(l.after, SIDE))
  print(pretty.bidi(line))
end
