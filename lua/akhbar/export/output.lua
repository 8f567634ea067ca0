--- akhbar.export.output: where every exporter writes: the destination
-- opened (a path, a file or an options table), each write checked, and the
-- end of an export (close or flush) reported, so an export that stopped
-- short on a full disk is never counted as complete.  Internal to
-- akhbar.export.
-- @module akhbar.export.output
local output = {}

local concat = table.concat

-- Replace invalid UTF-8 bytes by U+FFFD so every writer emits valid text.
local function valid_utf8(s)
  if utf8.len(s) then return s end
  local out, i = {}, 1
  while true do
    local ok, bad = utf8.len(s, i)
    if ok then
      out[#out + 1] = s:sub(i)
      break
    end
    out[#out + 1] = s:sub(i, bad - 1)
    out[#out + 1] = "\u{FFFD}"
    i = bad + 1
  end
  return concat(out)
end

-- Open a destination: returns file, close_when_done, options.
local function open_dest(dest, who)
  local opts = {}
  if type(dest) == "table" then
    opts = dest
    dest = opts.file or opts.path
  end
  if type(dest) == "string" then
    local f, err = io.open(dest, "wb")
    if not f then return nil, who .. ": cannot write " .. err end
    return f, true, opts, dest
  elseif io.type(dest) == "file" then
    return dest, false, opts, dest == io.stdout and "to standard output" or "to the file given"
  elseif dest == nil then
    return io.stdout, false, opts, "to standard output"
  end
  error(who .. ": destination must be a path, a file or {path=, file=, ...}, got " .. type(dest), 3)
end

-- A failed write (a full disk) is raised as this table so the
-- exporters can tell it from an error in the caller's rows and return it
-- as nil and a message: an export that stopped short must never be
-- counted as complete.
local WriteError = {}

local function put(f, ...)
  local ok, err = f:write(...)
  if not ok then error(setmetatable({ message = tostring(err) }, WriteError), 0) end
end

local function write_failed(who, where, err)
  return nil, ("%s: cannot write %s: %s; the output is incomplete"):format(who, where, err)
end

-- The end of every export: the file closed if we opened it, flushed if the
-- caller passed it.  Either can fail (buffered bytes meet a full disk
-- here), and that is reported like a failed write.
local function finish(f, close, n, who, where)
  local ok, err
  if close then ok, err = f:close() else ok, err = f:flush() end
  if not ok then return write_failed(who, where, tostring(err)) end
  return n
end

-- Runs write_all (which writes with put and returns the row count) on an
-- open destination.  The row stream is stopped and a file we opened is
-- closed whatever happens; an error raised by the rows passes through
-- unchanged.
local function write_rows(f, close, stop, who, where, write_all)
  local ok, n = pcall(write_all)
  if stop then stop() end
  if ok then return finish(f, close, n, who, where) end
  if close then f:close() end
  if getmetatable(n) == WriteError then return write_failed(who, where, n.message) end
  error(n, 0)
end

-- Writes a whole document built in memory (graphs, charts: small).
-- @return count, or nil and a message naming the destination
local function write_whole(f, close, text, count, who, where)
  return write_rows(f, close, nil, who, where, function()
    put(f, text)
    return count
  end)
end

output.valid_utf8, output.open_dest, output.put = valid_utf8, open_dest, put
output.write_rows, output.write_whole = write_rows, write_whole

return output
