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

return helper
