--- Minimal reader of the SaudiNewsNet JSONL records (flat objects of strings),
-- enough for tools and benchmarks without a JSON library.
-- for rec in require("jsonl").records(path) do print(rec.source, rec.title) end
local M = {}

local function utf8char(cp) return utf8.char(cp) end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

--- Decode the JSON string body s (without quotes).
function M.unescape(s)
  if not s:find("\\", 1, true) then return s end
  s = s:gsub("\\u([dD][89abAB]%x%x)\\u([dD][c-fC-F]%x%x)", function(hi, lo)
    return utf8char(0x10000 + ((tonumber(hi, 16) - 0xD800) << 10) + (tonumber(lo, 16) - 0xDC00))
  end)
  s = s:gsub("\\u(%x%x%x%x)", function(h) return utf8char(tonumber(h, 16)) end)
  return (s:gsub("\\(.)", escapes))
end

--- Parse one flat JSON object of string (or null/number) values.
function M.decode(line)
  local rec, pos = {}, 1
  while true do
    local ks, ke, key = line:find('"([^"]*)"%s*:%s*', pos)
    if not ks then break end
    pos = ke + 1
    if line:sub(pos, pos) == '"' then
      local i = pos + 1
      while true do
        local q = line:find('"', i, true)
        if not q then return rec end
        local bs, j = 0, q - 1
        while line:sub(j, j) == "\\" do bs = bs + 1; j = j - 1 end
        if bs % 2 == 0 then
          rec[key] = M.unescape(line:sub(pos + 1, q - 1))
          pos = q + 1
          break
        end
        i = q + 1
      end
    else
      local v = line:match("^[^,}]*", pos)
      pos = pos + #v
    end
  end
  return rec
end

--- Iterate over the records of a .jsonl or .jsonl.gz file.
function M.records(path)
  local cmd = path:match("%.gz$") and ("gzip -dc '" .. path:gsub("'", "'\\''") .. "'") or nil
  local f = cmd and io.popen(cmd) or assert(io.open(path, "rb"))
  return function()
    local line = f:read("l")
    if not line then f:close() return nil end
    return M.decode(line)
  end
end

return M
