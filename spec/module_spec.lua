describe("require 'akhbar'", function()
  local akhbar = require "akhbar"

  it("loads the C core as akhbar.core", function()
    assert.is_table(akhbar.core)
    assert.matches("^%d+%.%d+%.%d+$", akhbar.core.version)
  end)

  it("prints its version in the REPL", function()
    assert.equal("akhbar " .. akhbar.core.version, tostring(akhbar))
  end)

  it("returns nil for names it does not have", function()
    assert.is_nil(akhbar.no_such_function)
  end)
end)
