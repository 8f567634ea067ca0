-- The analysts' acceptance scripts in ../shared/acceptance/ run against
-- this API as they are, unchanged: every step prints what it found and
-- none reports a missing capability.  The scripts come with the shared
-- data, beside the project; without it there is nothing to run.
-- luacheck: std +busted
local helper = require "helper"
local run = require "cli_helper"

local dir = helper.shared .. "/acceptance"
local seeds = helper.seeds_dir
local present = io.open(dir .. "/tour.lua", "r")
if present then present:close() end
local describe_shared = present and describe or pending

describe_shared("acceptance/tour.lua (an analyst's first session over the seeds)", function()
  local out, err, code
  local steps = {}
  lazy_setup(function()
    out, err, code = run.lua(dir .. "/tour.lua", seeds)
    local name
    for _, l in ipairs(run.lines(out)) do
      local header = l:match("^== (.+)$")
      if header then
        name = header
        steps[name] = {}
      elseif name then
        table.insert(steps[name], l)
      end
    end
  end)

  local function step(name)
    local lines = steps[name]
    assert(lines, ("step %q did not run:\n%s%s"):format(name, out, err))
    return lines, table.concat(lines, "\n")
  end

  it("runs to the end, every step without a FAILED line", function()
    assert.equal(0, code, out .. err)
    assert.equal("", err)
    assert.is_nil(out:find("FAILED:", 1, true), out)
    for _, name in ipairs { "text core", "import", "search with clitics", "entities", "quotes",
                            "dates and structure", "same story" } do
      step(name)
    end
  end)

  it("normalises tatweel and tanween, reads Arabic-Indic digits, strips the clitics", function()
    local lines = step("text core")
    assert.equal("الميدانيه\tمجددا\t2015", lines[1])
    assert.equal("لافروف\tسوريا", lines[#lines])
    -- the quote marks are tokens of their own, folded to ASCII in norm
    local _, text = step("text core")
    assert.truthy(text:find("“\t\"\t24\t26", 1, true), text)
  end)

  it("imports the five seed articles", function()
    local _, text = step("import")
    assert.truthy(text:find("5 articles", 1, true), text)
  end)

  it("finds every seed that mentions Syria, whichever spelling or clitic it uses", function()
    local lines, text = step("search with clitics")
    local hits = 0
    for _, l in ipairs(lines) do
      if l:match("^%d+\t") then hits = hits + 1 end
    end
    assert.equal(5, hits, text)
    assert.truthy(text:find("[سورية]", 1, true), text) -- the SANA spelling
    assert.truthy(text:find("[سوريا]", 1, true), text)
  end)

  it("matches the names of the sentence and counts who appears with Lavrov", function()
    local lines = step("entities")
    assert.same({ "لافروف\t10\t21", "موسكو\t28\t37", "دمشق\t48\t55", "داعش\t75\t82" },
                { lines[1], lines[2], lines[3], lines[4] })
    assert.is_true(#lines > 4)
    for i = 5, #lines do assert.truthy(lines[i]:match("^%S.*\t%d+$"), lines[i]) end
  end)

  it("gives Peskov's quotes under both spellings of his first name", function()
    local lines, text = step("quotes")
    assert.is_true(#lines >= 5, text)
    for _, l in ipairs(lines) do assert.truthy(l:find("بيسكوف", 1, true), l) end
    assert.truthy(text:find("دميتري بيسكوف\tنفى", 1, true), text)
    assert.truthy(text:find("ديمتري بيسكوف\tأكد", 1, true), text)
  end)

  it("reads the title and the date of seed 000", function()
    local lines = step("dates and structure")
    assert.equal("موسكو تنفي تعزيز وجودها العسكري بسوريا وتؤكد دعمها لدمشق\t2015-09-10\tnil", lines[1])
  end)

  it("groups the RT and SANA reports of Peskov's answer as one story", function()
    local lines, text = step("same story")
    assert.equal(1, #lines, text)
    assert.truthy(lines[1]:match("^2\t"), text)
  end)
end)
