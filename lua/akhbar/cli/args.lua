--- akhbar.cli.args: a command's argument list read against its spec
-- (options by kind, positional arguments counted), as `akhbar` parses it.
-- @module akhbar.cli.args
local common = require "akhbar.cli.common"

local fmt, concat = string.format, table.concat
local usage_error = common.usage_error

local args = {}

--- The options and positional arguments of `argv` for command `cmd`.
-- `spec.options` maps a name to "flag", a value kind ("N", "DATE", any
-- other name) or a list of the values allowed; usage errors raise (exit 2).
-- @return opts, pos
function args.parse(cmd, spec, argv)
  local opts, pos = {}, {}
  local i = 1
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do pos[#pos + 1] = argv[j] end
      break
    elseif a:sub(1, 2) == "--" and #a > 2 then
      local name, value = a:match("^%-%-([^=]+)=(.*)$")
      name = name or a:sub(3)
      local kind = name == "help" and "flag" or spec.options[name]
      if not kind then usage_error(cmd, fmt("unknown option --%s", name)) end
      if kind == "flag" then
        if value then usage_error(cmd, fmt("--%s takes no value", name)) end
        opts[name] = true
      else
        if not value then
          i = i + 1
          value = argv[i]
          if value == nil then usage_error(cmd, fmt("--%s needs a value (%s)", name, kind)) end
        end
        if kind == "N" then
          local n = math.tointeger(tonumber(value))
          if not n or n < 0 then usage_error(cmd, fmt("--%s expects a whole number, got '%s'", name, value)) end
          value = n
        elseif kind == "DATE" and not value:match("^%d%d%d%d%-%d%d%-%d%d$") and not value:match("^%d%d%d%d%-%d%d$")
          and not value:match("^%d%d%d%d$") then
          usage_error(cmd, fmt("--%s expects a date as YYYY-MM-DD, got '%s'", name, value))
        elseif type(kind) == "table" then
          local ok = false
          for _, v in ipairs(kind) do if v == value then ok = true end end
          if not ok then
            usage_error(cmd, fmt("--%s must be one of %s, got '%s'", name, concat(kind, ", "), value))
          end
        end
        opts[name] = value
      end
    elseif spec.rest and #pos >= spec.max then
      -- run: everything after the script goes to the script.
      for j = i, #argv do pos[#pos + 1] = argv[j] end
      break
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  if opts.help then return opts, pos end
  if #pos < spec.min then usage_error(cmd, "missing " .. spec.args[#pos + 1]) end
  if not spec.rest and #pos > spec.max then usage_error(cmd, fmt("unexpected argument '%s'", pos[spec.max + 1])) end
  if opts.json and opts.csv then usage_error(cmd, "choose one of --json and --csv") end
  return opts, pos
end

return args
