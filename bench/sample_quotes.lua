-- Print a reproducible sample of quote attributions from the real corpus
-- for hand checking:  lua5.4 bench/sample_quotes.lua [N] [seed]
-- (LUA_PATH/LUA_CPATH as in HACKING.md).  Judgements go to
-- docs/news-quotes-sample.md.
local akhbar = require "akhbar"
local path = (os.getenv("AKHBAR_SHARED") or "../shared") .. "/corpus/saudinewsnet.jsonl.gz"
local N, seed = tonumber(arg[1] or 50), tonumber(arg[2] or 20150721)

local function field(line, key)
  local s = line:find('"' .. key .. '": "', 1, true)
  if not s then return nil end
  local i, out = s + #key + 5, {}
  while true do
    local c = line:sub(i, i)
    if c == "" or c == '"' then break end
    if c == "\\" then
      local n = line:sub(i + 1, i + 1)
      if n == "u" then
        out[#out + 1] = utf8.char(tonumber(line:sub(i + 2, i + 5), 16)); i = i + 6
      else
        out[#out + 1] = ({ n = "\n", t = "\t", r = "\r" })[n] or n; i = i + 2
      end
    else
      local j = line:find('[\\"]', i)
      out[#out + 1] = line:sub(i, (j or #line + 1) - 1); i = j or #line + 1
    end
  end
  return table.concat(out)
end

-- every 31st article: a spread over sources and dates
local f = assert(io.popen("gzip -dc " .. path))
local all, n = {}, 0
for line in f:lines() do
  n = n + 1
  if n % 31 == 0 then
    local text = field(line, "content") or ""
    local ok, doc = pcall(akhbar.parse, text, { title = field(line, "title"), author = field(line, "author"),
      crawled = field(line, "date_extracted") })
    if ok then
      for _, q in ipairs(doc.quotes) do
        -- the sentence around the quote, for judging
        local ctx_s = math.max(1, q.start - 260)
        local pre = text:sub(ctx_s, q.start - 1):gsub("^[\128-\191]+", "")
        all[#all + 1] = { line = n, source = field(line, "source"), q = q, pre = pre }
      end
    end
  end
end
f:close()
math.randomseed(seed)
for i = #all, 2, -1 do local j = math.random(i); all[i], all[j] = all[j], all[i] end
io.write(("# %d quotes from %d sampled articles; showing %d (seed %d)\n\n"):format(#all, math.floor(n / 31), N, seed))
for i = 1, math.min(N, #all) do
  local x = all[i]
  local q = x.q
  local t = q.text
  if #t > 300 then t = t:sub(1, 300):gsub("[\192-\255][\128-\191]*$", "") .. " …" end
  io.write(("## %d. line %d (%s) — %s | %s (%s, %s)%s\n"):format(i, x.line, x.source, q.speaker,
    q.verb or "-", q.verb_class, q.kind, q.carried and ", carried" or ""))
  io.write("context: …", (x.pre:gsub("\n", " ")), "\n")
  io.write("quote:   ", (t:gsub("\n", " ")), "\n\n")
end
