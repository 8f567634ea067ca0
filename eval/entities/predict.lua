--- Run akhbar's gazetteer matching over flat JSONL article records and
-- print one JSON object per article with the mentions found (score.py).
--
--   lua5.4 eval/entities/predict.lua ARTICLES.jsonl [GAZETTEER]
--
-- GAZETTEER: "default" (data/gazetteer.tsv, the default) or "world" (the
-- default with data/world.tsv on top).  Offsets are 0-based character
-- positions into the field, as Python counts them.
local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local lib = dofile(script_dir .. "/../lib.lua")
local env = lib.setup(arg)
local root = env.root

local akhbar = require("akhbar")
local jsonl = require("jsonl")

local path = arg[1] or error("usage: lua5.4 eval/entities/predict.lua ARTICLES.jsonl [default|world]")
local which = arg[2] or "default"
local gaz
if which == "world" then
  gaz = assert(akhbar.gazetteer.load(root .. "/data/world.tsv", "default"))
else
  gaz = assert(akhbar.gazetteer.default())
end

local json_string = lib.json_string

for rec in jsonl.records(path) do
  local out = {}
  for _, field in ipairs { "title", "content" } do
    local text = rec[field] or ""
    for m in akhbar.entities(text, gaz) do
      out[#out + 1] = ('{"field":%s,"type":%s,"name":%s,"start":%d,"stop":%d}'):format(json_string(field),
        json_string(m.type or ""), json_string(m.name or ""), utf8.len(text, 1, m.start - 1) or 0,
        utf8.len(text, 1, m.stop) or 0)
    end
  end
  io.write('{"line":', rec.line, ',"mentions":[', table.concat(out, ","), "]}\n")
end
