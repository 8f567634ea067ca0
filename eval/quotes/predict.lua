--- Run akhbar's quote analysis over flat JSONL article records and print
-- one JSON object per article with the quotes found (used by score.py).
--
--   lua5.4 eval/quotes/predict.lua ARTICLES.jsonl
--
-- Each input record: {line, title, content, url, date_extracted}.  The
-- content is parsed as the importer parses it (akhbar.parse with the title,
-- URL and crawl date); the title, which the corpus keeps apart from the
-- content, is read as one more paragraph with akhbar.quotes.  Offsets are
-- 0-based character (code point) positions into the field, as Python
-- counts them.  The build directory is $AKHBAR_BUILD (default <repo>/build).
local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local lib = dofile(script_dir .. "/../lib.lua")
lib.setup(arg)

local akhbar = require("akhbar")
local jsonl = require("jsonl")

local json_string = lib.json_string

-- byte offset (1-based) -> 0-based code point index
local function cp_index(s, byte)
  return utf8.len(s, 1, byte - 1) or 0
end

local FIELDS = { "speaker", "speaker_written", "speaker_entity", "role", "resolution", "verb", "verb_form",
  "verb_class", "kind", "text" }

local function encode_quote(q, field, s)
  local parts = { '"field":' .. json_string(field) }
  for _, k in ipairs(FIELDS) do parts[#parts + 1] = json_string(k) .. ":" .. json_string(q[k]) end
  parts[#parts + 1] = '"start":' .. (q.start and cp_index(s, q.start) or "null")
  parts[#parts + 1] = '"stop":' .. (q.stop and cp_index(s, q.stop + 1) or "null")
  parts[#parts + 1] = '"carried":' .. (q.carried and "true" or "false")
  return "{" .. table.concat(parts, ",") .. "}"
end

local path = arg[1] or error("usage: lua5.4 eval/quotes/predict.lua ARTICLES.jsonl")
for rec in jsonl.records(path) do
  local out = {}
  local content = rec.content or ""
  local title = rec.title or ""
  local doc = akhbar.parse(content, { title = title ~= "" and title or nil, url = rec.url,
    crawled = rec.date_extracted })
  for _, q in ipairs(doc.quotes) do out[#out + 1] = encode_quote(q, "content", content) end
  if title:find("%S") then
    for q in akhbar.quotes(title, { entities = false }) do out[#out + 1] = encode_quote(q, "title", title) end
  end
  io.write('{"line":', rec.line, ',"quotes":[', table.concat(out, ","), "]}\n")
end
