--- akhbar.query: rewriting a search query before it reaches the index.
--
-- Outlets spell the same name differently: RT writes سوريا where SANA
-- writes سورية, one paper writes داعش where another writes تنظيم الدولة.
-- Stemming cannot join these (they are different words), the gazetteer
-- can: `expand` turns every bare word of an FTS5 query that names a
-- gazetteer entity into an OR of all the entity's names,
--
--     expand("لافروف سوريا")
--     --> (لافروف OR "سيرغي لافروف" OR ...) (سوريا OR "سورية" OR "الجمهورية العربية السورية")
--
-- Phrases ("..."), operators (AND OR NOT), prefix queries (word*), column
-- filters (title:word) and NEAR(...) groups are left as written, so an
-- analyst who wants one spelling only quotes it: "سوريا".
-- @module akhbar.query
local core = require "akhbar.core"

local M = {}

local OPERATORS = { AND = true, OR = true, NOT = true }

local function phrase(s) return '"' .. s:gsub('"', '""') .. '"' end

-- The names of entity e other than `word` itself, as FTS5 phrases.
local function alternatives(word, e)
  local seen = { [core.normalize(word)] = true }
  local out = { word }
  local names = { e.name }
  for _, a in ipairs(e.aliases or {}) do names[#names + 1] = a end
  for _, name in ipairs(names) do
    local key = core.normalize(name)
    if not seen[key] then
      seen[key] = true
      out[#out + 1] = phrase(name)
    end
  end
  return out
end

-- Split an FTS5 query into tokens {kind, text}: kind is "operand" (a word,
-- phrase, prefix or column-filtered term), "op" (AND OR NOT + ^ ,), "open",
-- "close" or "near" (a whole NEAR(...) group, kept verbatim).
local function lex(q)
  local toks, i, n = {}, 1, #q
  while i <= n do
    local c = q:sub(i, i)
    if c:match("%s") then
      i = q:find("%S", i) or n + 1
    elseif c == '"' then
      -- a phrase, "" escapes a quote; unterminated: the rest (FTS5 reports it)
      local j = i + 1
      while true do
        local k = q:find('"', j, true)
        if not k then j = n break end
        if q:sub(k + 1, k + 1) == '"' then j = k + 2 else j = k break end
      end
      local star = q:match("^%s*%*", j + 1)
      local stop = star and j + #star or j
      toks[#toks + 1] = { kind = "operand", text = q:sub(i, stop) }
      i = stop + 1
    elseif c == "(" or c == ")" then
      toks[#toks + 1] = { kind = c == "(" and "open" or "close", text = c }
      i = i + 1
    elseif c == "," or c == "+" or c == "^" then
      toks[#toks + 1] = { kind = "op", text = c }
      i = i + 1
    else
      local j = q:find('[%s"(),+]', i) or n + 1
      local word = q:sub(i, j - 1)
      local after = q:find("%S", j) or n + 1
      if word == "NEAR" and q:sub(after, after) == "(" then
        -- the group up to its closing parenthesis, phrases inside skipped
        local k, depth = after, 0
        while k <= n do
          local ch = q:sub(k, k)
          if ch == '"' then
            k = (q:find('"', k + 1, true) or n)
          elseif ch == "(" then depth = depth + 1
          elseif ch == ")" then
            depth = depth - 1
            if depth == 0 then break end
          end
          k = k + 1
        end
        toks[#toks + 1] = { kind = "near", text = q:sub(i, math.min(k, n)) }
        i = k + 1
      elseif OPERATORS[word] then
        toks[#toks + 1] = { kind = "op", text = word }
        i = j
      else
        -- «title : word» and «title:word» are one column-filtered operand
        if q:sub(after, after) == ":" then
          local k = q:find("[^%s:]", after) or n + 1
          local e = q:find('[%s"(),+]', k) or n + 1
          word, j = q:sub(i, e - 1), e
        end
        toks[#toks + 1] = { kind = "operand", text = word, bare = not word:find("[%*:{}]") }
        i = j
      end
    end
  end
  return toks
end

local function operand_end(t) return t.kind == "operand" or t.kind == "close" or t.kind == "near" end
local function operand_start(t) return t.kind == "operand" or t.kind == "open" or t.kind == "near" end

--- Expand the bare words of FTS5 query `q` that name an entity of
-- gazetteer `gaz` (see the module comment).  Returns the new query and
-- the list of entities used ({word=, entity=}).
function M.expand(q, gaz)
  if not gaz then return q, {} end
  local toks, used = lex(q), {}
  local out, prev = {}, nil
  for _, t in ipairs(toks) do
    local text = t.text
    if t.bare and not text:find("^%p") then
      local entity = gaz:lookup(text)
      if entity then
        text = "(" .. table.concat(alternatives(text, entity), " OR ") .. ")"
        used[#used + 1] = { word = t.text, entity = entity }
      end
    end
    -- FTS5 takes «a b» as «a AND b» but not «(a OR b) c»: spell it out
    if prev and operand_end(prev) and operand_start(t) then out[#out + 1] = "AND" end
    out[#out + 1] = text
    prev = t
  end
  return table.concat(out, " "), used
end

--- The number of terms (words, phrases, prefix terms) in FTS5 query `q`;
-- the terms inside a NEAR group count too.  What a query costs grows with
-- it: every term is ranked against every article that has any of them.
function M.terms(q)
  local n = 0
  for _, t in ipairs(lex(q)) do
    if t.kind == "operand" then
      n = n + 1
    elseif t.kind == "near" then
      for _, u in ipairs(lex((t.text:match("^NEAR%s*%((.*)$") or ""):gsub("%)$", ""):gsub(",%s*%d+%s*$", ""))) do
        if u.kind == "operand" then n = n + 1 end
      end
    end
  end
  return n
end

return M
