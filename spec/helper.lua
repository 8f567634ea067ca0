-- Shared helpers for the specs: where the sample and real corpora are.
local helper = {}

helper.seeds_dir = "examples/corpus/"
helper.shared = os.getenv("AKHBAR_SHARED") or "../shared"
helper.real_corpus = helper.shared .. "/corpus/saudinewsnet.jsonl.gz"

--- The text of seed file `n` (0-4).
function helper.seed(n)
  local names = {
    [0] = "000_38b0832f378182d0.txt", "001_64b967d4a2dafbc5.txt",
    "002_53877ad2b80e172a.txt", "003_95892bf65fde77ec.txt", "004_d6c00d9b6c816f3c.txt",
  }
  local f = assert(io.open(helper.seeds_dir .. names[n], "rb"))
  local s = f:read("a")
  f:close()
  return s, helper.seeds_dir .. names[n]
end

--- true when the real corpus is present (specs that need it skip otherwise).
function helper.have_real_corpus()
  local f = io.open(helper.real_corpus, "rb")
  if f then f:close() return true end
  return false
end

--- A fresh temporary file path (removed by the caller with os.remove).
function helper.tmpname(suffix)
  return os.tmpname() .. (suffix or "")
end

--- A JSON string literal of UTF-8 text (for JSON Lines test input).
function helper.json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(ch)
    local map = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
    return map[ch] or ("\\u%04x"):format(ch:byte())
  end) .. '"'
end

--- Write s to path as it is (bytes, no newline added).
function helper.write_file(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

--- Remove a database file and its WAL and shared-memory files.
function helper.rm_db(path)
  for _, suffix in ipairs { "", "-wal", "-shm" } do os.remove(path .. suffix) end
end


--- The values an iterator yields first, as a list.  Takes what a call such
-- as `c:quotes(opts)` returns, the to-be-closed fourth value included, so
-- the statement is closed at the end as in a generic for.
function helper.collect(f, s, ctl, closing)
  local out = {}
  for v in f, s, ctl, closing do out[#out + 1] = v end
  return out
end

--- The first element of list whose field `key` equals value, or nil.
function helper.find_by(list, key, value)
  for _, v in ipairs(list) do
    if v[key] == value then return v end
  end
end

--- A corpus in memory holding the five seed articles.
-- @param opts options of akhbar.open (e.g. {extensions = false})
function helper.seeds_corpus(opts)
  local c = require("akhbar").open(":memory:", opts)
  c:import(helper.seeds_dir, { progress = false })
  return c
end

--- The ids of the hits of c:search(q, opts), smallest first.
function helper.hit_ids(c, q, opts)
  local out = {}
  for hit in c:search(q, opts) do out[#out + 1] = hit.id end
  table.sort(out)
  return out
end

--- A fresh temporary directory holding `files` (name -> content), and a
-- function removing it (for finally).
function helper.tmpdir(suffix, files)
  local dir = helper.tmpname(suffix)
  os.execute("mkdir -p " .. dir)
  for name, body in pairs(files or {}) do helper.write_file(dir .. "/" .. name, body) end
  return dir, function() os.execute("rm -rf " .. dir) end
end

return helper
