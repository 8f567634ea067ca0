-- seeds.lua — write the base seed corpus of the fuzz targets.
--
--   lua5.4 seeds.lua OUTDIR [REAL_CORPUS.jsonl.gz [N]]
--
-- OUTDIR gets the sample articles (../examples/corpus/*.txt) cut into
-- pieces of at most 4096 bytes (the -max_len of the runs) at code point
-- boundaries, and, when the real corpus is given and readable, the first
-- piece of every k-th of its articles (N articles, default 300), spread
-- over the whole file.  Plain Lua: no akhbar build needed.

local out, real, want = arg[1], arg[2], tonumber(arg[3] or 300)
assert(out, "usage: lua5.4 seeds.lua OUTDIR [REAL_CORPUS.jsonl.gz [N]]")
local MAX = 4096

local function write(name, s)
  local f = assert(io.open(out .. "/" .. name, "wb"))
  f:write(s)
  f:close()
end

-- Pieces of s of at most MAX bytes, cut before a UTF-8 lead byte.
local function pieces(s)
  local t, i = {}, 1
  while i <= #s do
    local j = math.min(i + MAX - 1, #s)
    if j < #s then
      while j > i and (s:byte(j + 1) & 0xC0) == 0x80 do j = j - 1 end
    end
    t[#t + 1] = s:sub(i, j)
    i = j + 1
  end
  return t
end

local p = assert(io.popen("ls ../examples/corpus/*.txt"))
for path in p:lines() do
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  local base = path:match("([^/]+)%.txt$")
  for k, piece in ipairs(pieces(s)) do write(("seed-%s-%d"):format(base, k), piece) end
end
p:close()

-- The "content" string of a JSON line, decoded (\uXXXX with surrogates).
local function content(line)
  local i = line:find('"content"%s*:%s*"')
  if not i then return nil end
  i = line:find('"', line:find(":", i + 9) + 1, true) + 1
  local buf, n = {}, 0
  while i <= #line do
    local c = line:sub(i, i)
    if c == '"' then break end
    if c == "\\" then
      local e = line:sub(i + 1, i + 1)
      if e == "u" then
        local cp = tonumber(line:sub(i + 2, i + 5), 16) or 0xFFFD
        i = i + 6
        if cp >= 0xD800 and cp < 0xDC00 and line:sub(i, i + 1) == "\\u" then
          local lo = tonumber(line:sub(i + 2, i + 5), 16) or 0
          if lo >= 0xDC00 and lo < 0xE000 then
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
            i = i + 6
          end
        end
        if cp >= 0xD800 and cp < 0xE000 then cp = 0xFFFD end
        n = n + 1 buf[n] = utf8.char(cp)
      else
        local map = { n = "\n", t = "\t", r = "\r", b = "\b", f = "\f" }
        n = n + 1 buf[n] = map[e] or e
        i = i + 2
      end
    else
      local j = line:find('[\\"]', i) or #line + 1
      n = n + 1 buf[n] = line:sub(i, j - 1)
      i = j
    end
  end
  return table.concat(buf)
end

local rf = real and io.open(real, "rb")
if rf then
  rf:close()
  local total = 31030
  local step = math.max(1, total // want)
  local z = assert(io.popen("gzip -dc '" .. real:gsub("'", "'\\''") .. "'"))
  local k, made = 0, 0
  for line in z:lines() do
    if k % step == 0 and made < want then
      local s = content(line)
      if s and #s > 0 then
        made = made + 1
        write(("real-%05d"):format(k), pieces(s)[1])
      end
    end
    k = k + 1
  end
  z:close()
end
