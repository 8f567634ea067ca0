--- akhbar: Arabic news analysis for Lua 5.4.
-- `local akhbar = require "akhbar"`.  The C primitives live in `akhbar.core`;
-- this module and its siblings give the friendly API on top (LuaSocket's split).
-- Parts of the API load on first use, so `require "akhbar"` stays cheap.
-- @module akhbar
local core = require "akhbar.core"

local akhbar = {
  _VERSION = "akhbar " .. core.version,
  core = core,
}

-- Text core, straight from C.
for _, name in ipairs { "normalize", "tokens", "stem", "decode", "utf8_check" } do
  akhbar[name] = core[name]
end

-- name -> { module, field }: loaded on first access.  A nil field means the
-- module itself.
local lazy = {
  open      = { "akhbar.corpus", "open" },
  gazetteer = { "akhbar.gazetteer" },
  entities  = { "akhbar.gazetteer", "entities" },
  parse     = { "akhbar.news", "parse" },
  dates     = { "akhbar.news", "dates" },
  url_date  = { "akhbar.news", "url_date" },
  quotes    = { "akhbar.news", "quotes" },
  fingerprint = { "akhbar.fingerprint", "fingerprint" },
}

return setmetatable(akhbar, {
  __index = function(t, name)
    local where = lazy[name]
    if not where then return nil end
    local mod = require(where[1])
    local value = where[2] and mod[where[2]] or mod
    rawset(t, name, value)
    return value
  end,
  __tostring = function() return akhbar._VERSION end,
})
