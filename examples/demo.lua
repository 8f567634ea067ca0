-- The main job on the sample corpus: import the seed articles into one
-- SQLite file, run a search, print the hits with their snippets.
--   lua5.4 examples/demo.lua [db] [corpus-dir] [query]
local akhbar = require "akhbar"

local dbpath = arg[1] or "sample.db"
local corpus_dir = arg[2] or "examples/corpus"
local query = arg[3] or "لافروف سوريا"

print(akhbar._VERSION)
print("normalize:", akhbar.normalize("الميدانيـة"))
