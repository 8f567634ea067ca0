--- Score akhbar's date analysis against the hand-labelled set (issue 15).
--
--   lua5.4 eval/dates/score.lua [dev|dev1|dev2|dev3|dev4|test|both] [--corpus PATH] [--verbose]
--
-- The label files (format in README.md) are eval/dates/dev.jsonl (dev1),
-- dev2.jsonl, dev3.jsonl and dev4.jsonl (dev2..dev4: earlier test halves,
-- each scored once, now open for development), and test.jsonl, a fresh
-- held-out half.  `dev` (the default) scores dev1..dev4, each and
-- together; `dev1`..`dev4` one of them; `test` the held-out half;
-- `both` every half.  It reads the
-- SaudiNewsNet corpus (default ../shared/corpus/saudinewsnet.jsonl.gz,
-- relative to the repository root), runs akhbar.parse over each labelled
-- article (and akhbar.dates over its title) and reports extraction
-- precision/recall, value/granularity/kind/role agreement, the publication
-- date against the labelled one, and a breakdown of the failures.
-- --verbose lists every failure; it is refused when the test half is
-- scored, whose expressions must stay unseen (only aggregate counts are
-- printed for it).  The build directory is $AKHBAR_BUILD (default
-- <repo>/build).

---------------------------------------------------------------- paths
local lib = dofile(((arg and arg[0] or ""):match("^(.*)/[^/]*$") or ".") .. "/../lib.lua")
local env = lib.setup(arg)
local script_dir, build = env.script_dir, env.build

local core = require("akhbar.core")
local akhbar = require("akhbar")
local jsonl = require("jsonl")

---------------------------------------------------------------- arguments
local function usage(msg)
  if msg then io.stderr:write("score.lua: ", msg, "\n") end
  io.stderr:write("usage: lua5.4 eval/dates/score.lua [dev|dev1|dev2|dev3|dev4|test|both] [--corpus PATH] [--verbose]\n")
  os.exit(2)
end

local half, corpus_path, verbose = "dev", nil, false
do
  local i = 1
  while arg[i] do
    local a = arg[i]
    if a == "dev" or a == "dev1" or a == "dev2" or a == "dev3" or a == "dev4" or a == "test" or a == "both" then
      half = a
    elseif a == "--corpus" then
      i = i + 1
      corpus_path = arg[i] or usage("--corpus needs a path")
    elseif a:match("^%-%-corpus=") then corpus_path = a:sub(10)
    elseif a == "--verbose" or a == "-v" then verbose = true
    elseif a == "-h" or a == "--help" then usage()
    else usage("unknown argument " .. a) end
    i = i + 1
  end
end
if verbose and (half == "test" or half == "both") then
  usage("--verbose lists the labelled expressions: it is allowed for the dev halves only")
end
corpus_path = corpus_path or env.corpus

---------------------------------------------------------------- JSON
-- A small decoder for the label files: objects, arrays, strings (with \u
-- escapes and surrogate pairs), numbers, true/false/null.  null decodes to
-- nil in objects and to json_null in arrays (to keep the indices).
local json_null = setmetatable({}, { __tostring = function() return "null" end })

local function json_decode(s)
  local pos = 1
  local function fail(what)
    error(("JSON: %s at byte %d"):format(what, pos), 0)
  end
  local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local value
  local esc = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
  local function str()
    pos = pos + 1 -- opening quote
    local out = {}
    while true do
      local a = s:find('["\\]', pos)
      if not a then fail("unterminated string") end
      out[#out + 1] = s:sub(pos, a - 1)
      if s:sub(a, a) == '"' then pos = a + 1 break end
      local c = s:sub(a + 1, a + 1)
      if c == "u" then
        local h = s:match("^%x%x%x%x", a + 2) or fail("bad \\u escape")
        local cp = tonumber(h, 16)
        pos = a + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local l = s:match("^\\u([dD][c-fC-F]%x%x)", pos)
          if l then
            cp = 0x10000 + ((cp - 0xD800) << 10) + (tonumber(l, 16) - 0xDC00)
            pos = pos + 6
          else
            cp = 0xFFFD
          end
        elseif cp >= 0xDC00 and cp <= 0xDFFF then
          cp = 0xFFFD
        end
        out[#out + 1] = utf8.char(cp)
      else
        out[#out + 1] = esc[c] or fail("bad escape")
        pos = a + 2
      end
    end
    return table.concat(out)
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      local obj = {}
      pos = pos + 1
      ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1 return obj end
      while true do
        ws()
        if s:sub(pos, pos) ~= '"' then fail("key expected") end
        local k = str()
        ws()
        if s:sub(pos, pos) ~= ":" then fail("':' expected") end
        pos = pos + 1
        local v = value()
        if v ~= json_null then obj[k] = v end
        ws()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return obj end
        if d ~= "," then fail("',' or '}' expected") end
      end
    elseif c == "[" then
      local arr = {}
      pos = pos + 1
      ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1 return arr end
      while true do
        arr[#arr + 1] = value()
        ws()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return arr end
        if d ~= "," then fail("',' or ']' expected") end
      end
    elseif c == '"' then
      return str()
    elseif s:find("^true", pos) then pos = pos + 4 return true
    elseif s:find("^false", pos) then pos = pos + 5 return false
    elseif s:find("^null", pos) then pos = pos + 4 return json_null
    else
      local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      if not num or num == "" or not tonumber(num) then fail("value expected") end
      pos = pos + #num
      return math.tointeger(tonumber(num)) or tonumber(num)
    end
  end
  local v = value()
  ws()
  if pos <= #s then fail("trailing characters") end
  return v
end

local function read_labels(path)
  local f, err = io.open(path, "rb")
  if not f then
    io.stderr:write("score.lua: cannot read ", tostring(err), "\n")
    os.exit(1)
  end
  local out, n = {}, 0
  for line in f:lines() do
    n = n + 1
    if line:find("%S") then
      local ok, rec = pcall(json_decode, line)
      if not ok then
        io.stderr:write(("score.lua: %s:%d: %s\n"):format(path, n, rec))
        os.exit(1)
      end
      out[#out + 1] = rec
    end
  end
  f:close()
  return out
end

---------------------------------------------------------------- helpers
local day_number, char_len = lib.day_number, lib.char_len

-- the occurrence-th plain match of text in s, each search starting one
-- character after the previous match start: start, stop (bytes) or nil
local function locate(s, text, occurrence)
  if type(s) ~= "string" or type(text) ~= "string" or text == "" then return nil end
  local pos, found = 1, nil
  for _ = 1, math.max(1, math.tointeger(occurrence) or 1) do
    found = s:find(text, pos, true)
    if not found then return nil end
    pos = found + char_len(s, found)
  end
  return found, found + #text - 1
end

local function context(s, a, b, n) return lib.context(s, a, b, n) end

local function str(v) return lib.str(v, json_null) end

local function ratio(a, b)
  if not b or b == 0 then return "  -  " end
  return ("%.3f"):format(a / b)
end

local function frac(a, b) return ("%s (%d/%d)"):format(ratio(a, b), a, b) end

---------------------------------------------------------------- corpus
-- records of the needed 0-based line indices: { [line] = record }
local function read_corpus(path, wanted)
  local max = -1
  for l in pairs(wanted) do if l > max then max = l end end
  local lines, err = core.lines_open(path)
  if not lines then
    io.stderr:write("score.lua: cannot read corpus ", path, ": ", tostring(err), "\n")
    os.exit(1)
  end
  local out, i = {}, -1
  while i < max do
    local line = lines:next()
    if not line then break end
    i = i + 1
    if wanted[i] then out[i] = jsonl.decode(line) end
  end
  lines:close()
  return out
end

---------------------------------------------------------------- evaluation
-- page stamps are structure, not mentioned dates ("crawl" is the kind the
-- analysis gave them before it named them "stamp")
local SKIP_KIND = { stamp = true, crawl = true }

-- greedy one-to-one matching of labels and predictions by span overlap
local function match(labels, preds)
  local pairs_ = {}
  for li, l in ipairs(labels) do
    if l.start then
      for pi, p in ipairs(preds) do
        if p.start and p.stop then
          local ov = math.min(l.stop, p.stop) - math.max(l.start, p.start) + 1
          if ov > 0 then pairs_[#pairs_ + 1] = { li = li, pi = pi, ov = ov } end
        end
      end
    end
  end
  table.sort(pairs_, function(x, y)
    if x.ov ~= y.ov then return x.ov > y.ov end
    if x.li ~= y.li then return x.li < y.li end
    return x.pi < y.pi
  end)
  local lused, pused, out = {}, {}, {}
  for _, q in ipairs(pairs_) do
    if not lused[q.li] and not pused[q.pi] then
      lused[q.li], pused[q.pi] = true, true
      out[#out + 1] = { label = labels[q.li], pred = preds[q.pi] }
    end
  end
  local missed, spurious = {}, {}
  for li, l in ipairs(labels) do if not lused[li] then missed[#missed + 1] = l end end
  for pi, p in ipairs(preds) do if not pused[pi] then spurious[#spurious + 1] = p end end
  return out, missed, spurious
end

local function evaluate(lab, rec)
  local res = { line = lab.line, published = lab.published, crawled = lab.crawled,
    matched = {}, missed = {}, spurious = {}, unlocated = 0, npred = 0, nlabel = 0 }
  local content = rec and rec.content or ""
  local title = rec and rec.title or ""
  res.texts = { content = content, title = title }
  if not rec then
    res.error = "no corpus record at line " .. str(lab.line)
  elseif lab.url and rec.url ~= lab.url then
    res.error = "corpus record at line " .. str(lab.line) .. " has another url"
  end

  -- labels per field, located
  local labels = { content = {}, title = {} }
  for _, d in ipairs(lab.dates or {}) do
    local field = d.field == "title" and "title" or "content"
    local l = { text = d.text, field = field, value = d.value, granularity = d.granularity,
      kind = d.kind, role = d.role, occurrence = d.occurrence }
    l.start, l.stop = locate(res.texts[field], d.text, d.occurrence)
    if not l.start then res.unlocated = res.unlocated + 1 end
    labels[field][#labels[field] + 1] = l
    res.nlabel = res.nlabel + 1
  end

  -- predictions
  local preds = { content = {}, title = {} }
  local ok, doc = pcall(akhbar.parse, content, {
    title = rec and rec.title, author = rec and rec.author,
    crawled = rec and rec.date_extracted, url = rec and rec.url })
  if not ok then
    res.error = "akhbar.parse: " .. tostring(doc)
    doc = {}
  end
  res.date, res.evidence = doc.date, doc.date_evidence
  for _, p in ipairs(doc.dates or {}) do
    if not SKIP_KIND[p.kind] then
      p.field = "content"
      preds.content[#preds.content + 1] = p
    end
  end
  if title ~= "" then
    local okt, err = pcall(function()
      for p in akhbar.dates(title, { published = doc.date }) do
        if not SKIP_KIND[p.kind] then
          p.field = "title"
          preds.title[#preds.title + 1] = p
        end
      end
    end)
    if not okt then res.error = (res.error and res.error .. "; " or "") .. "akhbar.dates: " .. tostring(err) end
  end

  for _, field in ipairs({ "title", "content" }) do
    res.npred = res.npred + #preds[field]
    local m, miss, spur = match(labels[field], preds[field])
    for _, x in ipairs(m) do res.matched[#res.matched + 1] = x end
    for _, x in ipairs(miss) do res.missed[#res.missed + 1] = x end
    for _, x in ipairs(spur) do res.spurious[#res.spurious + 1] = x end
  end
  return res
end

---------------------------------------------------------------- summary
local function bump(t, k, n) k = str(k); t[k] = (t[k] or 0) + (n or 1) end

local function summarize(results)
  local s = { articles = #results, preds = 0, labels = 0, matched = 0, unlocated = 0, errors = 0,
    valued = 0, exact = 0, daylab = 0, dayok = 0, gran = 0, kind = 0, role = 0,
    pubn = 0, pub_exact = 0, pub_within = 0, crawl_within = 0, crawl_n = 0,
    evidence = {}, missed = {}, spurious = {}, wrong = {}, wrong_list = {}, role_list = {} }
  for _, r in ipairs(results) do
    s.preds, s.labels = s.preds + r.npred, s.labels + r.nlabel
    s.matched = s.matched + #r.matched
    s.unlocated = s.unlocated + r.unlocated
    if r.error then s.errors = s.errors + 1 end
    for _, x in ipairs(r.matched) do
      local l, p = x.label, x.pred
      if l.value ~= nil then
        s.valued = s.valued + 1
        if p.value == l.value then
          s.exact = s.exact + 1
        else
          bump(s.wrong, l.kind)
          s.wrong_list[#s.wrong_list + 1] = { half = r.half, line = r.line, label = l, pred = p }
        end
        if l.granularity == "day" then
          s.daylab = s.daylab + 1
          if type(p.value) == "string" and type(l.value) == "string" and p.value:sub(1, 10) == l.value:sub(1, 10) then
            s.dayok = s.dayok + 1
          end
        end
      end
      if p.granularity == l.granularity then s.gran = s.gran + 1 end
      if p.kind == l.kind then s.kind = s.kind + 1 end
      if p.role == l.role then
        s.role = s.role + 1
      else
        s.role_list[#s.role_list + 1] = { half = r.half, line = r.line, label = l, pred = p, texts = r.texts }
      end
    end
    for _, l in ipairs(r.missed) do bump(s.missed, l.kind) end
    for _, p in ipairs(r.spurious) do bump(s.spurious, p.kind) end
    if r.published then
      s.pubn = s.pubn + 1
      local e = s.evidence[str(r.evidence)] or { n = 0, exact = 0, within = 0 }
      s.evidence[str(r.evidence)] = e
      e.n = e.n + 1
      local a, b = day_number(r.date), day_number(r.published)
      if a and b and a == b then s.pub_exact = s.pub_exact + 1; e.exact = e.exact + 1 end
      if a and b and math.abs(a - b) <= 1 then s.pub_within = s.pub_within + 1; e.within = e.within + 1 end
      local c = day_number(r.crawled)
      if c and b then
        s.crawl_n = s.crawl_n + 1
        if math.abs(c - b) <= 1 then s.crawl_within = s.crawl_within + 1 end
      end
    end
  end
  return s
end

local function counts(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) if t[a] ~= t[b] then return t[a] > t[b] end return a < b end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. " " .. t[k] end
  return #out > 0 and table.concat(out, ", ") or "none"
end

local function print_table(names, sums)
  local w = 16
  local function row(label, f)
    local cells = { ("%-24s"):format(label) }
    for _, s in ipairs(sums) do cells[#cells + 1] = ("%-" .. w .. "s"):format(f(s)) end
    print((table.concat(cells, "  "):gsub("%s+$", "")))
  end
  local head = { ("%-24s"):format("") }
  for _, n in ipairs(names) do head[#head + 1] = ("%-" .. w .. "s"):format(n) end
  print((table.concat(head, "  "):gsub("%s+$", "")))
  row("articles", function(s) return tostring(s.articles) end)
  row("labels", function(s) return tostring(s.labels) end)
  row("predictions", function(s) return tostring(s.preds) end)
  row("matched", function(s) return tostring(s.matched) end)
  row("extraction precision", function(s) return frac(s.matched, s.preds) end)
  row("extraction recall", function(s) return frac(s.matched, s.labels) end)
  row("value exact", function(s) return frac(s.exact, s.valued) end)
  row("day-level correct", function(s) return frac(s.dayok, s.daylab) end)
  row("granularity agrees", function(s) return frac(s.gran, s.matched) end)
  row("kind agrees", function(s) return frac(s.kind, s.matched) end)
  row("role agrees", function(s) return frac(s.role, s.matched) end)
  row("published exact", function(s) return frac(s.pub_exact, s.pubn) end)
  row("published within 1 day", function(s) return frac(s.pub_within, s.pubn) end)
  row("crawl date within 1 day", function(s) return frac(s.crawl_within, s.crawl_n) end)
  for i, n in ipairs(names) do
    local s = sums[i]
    print(("\n%s:"):format(n))
    local ev = {}
    local keys = {}
    for k in pairs(s.evidence) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local e = s.evidence[k]
      ev[#ev + 1] = ("%s %d (exact %d, within 1 day %d)"):format(k, e.n, e.exact, e.within)
    end
    print("  published date evidence: " .. (#ev > 0 and table.concat(ev, "; ") or "none"))
    print("  missed labels by kind:   " .. counts(s.missed))
    print("  spurious by kind:        " .. counts(s.spurious))
    print("  wrong values by kind:    " .. counts(s.wrong))
    if s.unlocated > 0 then print("  labels not found in the text: " .. s.unlocated) end
    if s.errors > 0 then print("  articles with errors: " .. s.errors) end
  end
end

local function one_line(name, s)
  return ("%s: extraction P %s R %s; value exact %s; day-level %s; granularity %s, kind %s, role %s; "
    .. "published exact %d/%d, within 1 day %d/%d"):format(name,
    frac(s.matched, s.preds), frac(s.matched, s.labels), frac(s.exact, s.valued), frac(s.dayok, s.daylab),
    ratio(s.gran, s.matched), ratio(s.kind, s.matched), ratio(s.role, s.matched),
    s.pub_exact, s.pubn, s.pub_within, s.pubn)
end

local function print_verbose(results, s)
  print("\n-- failures (half and corpus line)")
  for _, r in ipairs(results) do
    if r.error then print(("%s line %s: error: %s"):format(r.half, str(r.line), r.error)) end
  end
  print("\nmissed labels:")
  for _, r in ipairs(results) do
    for _, l in ipairs(r.missed) do
      print(("  %s line %s %s: «%s» value %s kind %s%s"):format(r.half, str(r.line), l.field, str(l.text), str(l.value),
        str(l.kind), l.start and "" or " (not found in the text)"))
    end
  end
  print("\nspurious predictions:")
  for _, r in ipairs(results) do
    for _, p in ipairs(r.spurious) do
      print(("  %s line %s %s: «%s» value %s kind %s  …%s…"):format(r.half, str(r.line), p.field, str(p.text), str(p.value),
        str(p.kind), context(r.texts[p.field], p.start, p.stop, 30)))
    end
  end
  print("\npublication dates not exact (doc.date vs published):")
  for _, r in ipairs(results) do
    if r.published and str(r.date):sub(1, 10) ~= r.published then
      print(("  %s line %s: %s (%s) vs %s, crawled %s"):format(r.half, str(r.line), str(r.date), str(r.evidence),
        r.published, str(r.crawled)))
    end
  end
  print("\nwrong values (label vs prediction):")
  for _, w in ipairs(s.wrong_list) do
    local l, p = w.label, w.pred
    print(("  %s line %s %s: «%s» %s (%s, %s, %s)  vs  «%s» %s (%s, %s, %s)"):format(w.half, str(w.line), l.field,
      str(l.text), str(l.value), str(l.granularity), str(l.kind), str(l.role),
      str(p.text), str(p.value), str(p.granularity), str(p.kind), str(p.role)))
  end
  print("\nwrong roles (label vs prediction):")
  for _, w in ipairs(s.role_list) do
    local l, p = w.label, w.pred
    print(("  %s line %s %s: «%s» %s %s  vs  %s  …%s…"):format(w.half, str(w.line), l.field, str(l.text),
      str(l.value), str(l.role), str(p.role), context(w.texts and w.texts[l.field], l.start, l.stop, 40)))
  end
end

---------------------------------------------------------------- main
local FILES = { dev1 = "dev.jsonl", dev2 = "dev2.jsonl", dev3 = "dev3.jsonl", dev4 = "dev4.jsonl",
  test = "test.jsonl" }
local HALVES = { dev = { "dev1", "dev2", "dev3", "dev4" }, dev1 = { "dev1" }, dev2 = { "dev2" }, dev3 = { "dev3" },
  dev4 = { "dev4" }, test = { "test" }, both = { "dev1", "dev2", "dev3", "dev4", "test" } }
local halves = HALVES[half]
local labelsets, wanted = {}, {}
for _, h in ipairs(halves) do
  labelsets[h] = read_labels(script_dir .. "/" .. FILES[h])
  for _, lab in ipairs(labelsets[h]) do
    if math.tointeger(lab.line) then wanted[math.tointeger(lab.line)] = true end
  end
end
local corpus = read_corpus(corpus_path, wanted)

local names, sums, all = {}, {}, {}
for _, h in ipairs(halves) do
  local results = {}
  for _, lab in ipairs(labelsets[h]) do
    local r = evaluate(lab, corpus[math.tointeger(lab.line) or -1])
    r.half = h
    results[#results + 1] = r
    all[#all + 1] = r
  end
  names[#names + 1] = h
  sums[#sums + 1] = summarize(results)
end
if #halves > 1 then
  names[#names + 1] = half == "dev" and "dev" or "all"
  sums[#sums + 1] = summarize(all)
end

print(("date evaluation (%s; corpus %s; build %s)\n"):format(half, corpus_path, build))
print_table(names, sums)
if verbose then print_verbose(all, sums[#sums]) end
print()
for i, n in ipairs(names) do print(one_line(n, sums[i])) end
os.exit(0)
