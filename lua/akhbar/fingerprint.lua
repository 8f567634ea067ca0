--- akhbar.fingerprint: near-duplicate and same-story fingerprints.
-- `akhbar.fingerprint(text [, opts])` returns a Fingerprint with
--
--  * `simhash`  64-bit SimHash of the whole text (integer),
--  * `content`  hash of the whole normalised, stemmed word sequence,
--  * `minhash`  MinHash signature of the lead (packed little-endian
--    uint32s, a string of 4 x perms bytes),
--  * `bands`    list of LSH band keys (integers),
--  * `words`, `kept`, `shingles` counts,
--
-- and the methods `fp:similarity(other)` (estimated Jaccard of the leads),
-- `fp:distance(other)` (SimHash Hamming distance) and
-- `fp:near_duplicate(other)` (distance <= `NEAR_DUPLICATE`).
-- Options (defaults in `defaults`, rationale in docs/stories.md):
-- `shingle` (2), `perms` (128), `bands` (64), `rows` (2), `lead` (80),
-- `stopwords` (true), `seed`, `invalid` ("error" or "skip").
-- @module akhbar.fingerprint
local core = require "akhbar.core"

local M = {}

--- The default parameters (a fresh copy).
M.defaults = core.fingerprint_defaults()

--- SimHash Hamming distance at or below which two texts are copies of
-- one another (docs/stories.md: re-edited agency copy measures 0-3,
-- different articles 15+).
M.NEAR_DUPLICATE = 3

M.simhash_distance = core.simhash_distance
M.minhash_similarity = core.minhash_similarity

local Fingerprint = {}
Fingerprint.__index = Fingerprint
Fingerprint.__name = "akhbar.Fingerprint"

function Fingerprint.__tostring(fp)
  return ("akhbar.Fingerprint (simhash %016x, %d words, %d shingles)"):format(
    fp.simhash, fp.words, fp.shingles)
end

local function check(other, fname)
  if getmetatable(other) ~= Fingerprint then
    error(("akhbar.fingerprint: %s expects a Fingerprint, got %s"):format(fname, type(other)), 3)
  end
end

--- Estimated Jaccard similarity of the two leads' shingle sets, 0..1.
function Fingerprint:similarity(other)
  check(other, "similarity")
  return core.minhash_similarity(self.minhash, other.minhash)
end

--- SimHash Hamming distance of the whole texts, 0..64.
function Fingerprint:distance(other)
  check(other, "distance")
  return core.simhash_distance(self.simhash, other.simhash)
end

--- true when the two texts are exact or near-exact copies.
function Fingerprint:near_duplicate(other)
  check(other, "near_duplicate")
  return self.content == other.content
      or core.simhash_distance(self.simhash, other.simhash) <= M.NEAR_DUPLICATE
end

--- Fingerprint `text` (a string) with options `opts` (a table, optional).
function M.fingerprint(text, opts)
  if type(text) ~= "string" then
    error("akhbar.fingerprint: bad argument #1 (string expected, got " .. type(text) .. ")", 2)
  end
  return setmetatable(core.fingerprint(text, opts), Fingerprint)
end

--- The Fingerprint metatable (to recognise fingerprints).
M.Fingerprint = Fingerprint

return M
