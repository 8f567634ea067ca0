--- akhbar.export: results out of Lua, into the tools analysts already use.
--
-- * `export.jsonl(dest, iter...)` and `export.csv(dest, iter...)` write
--   any stream of rows (an iterator as returned by `c:search`, `c:quotes`,
--   `c:cooccur`..., or an array of tables) as JSON Lines or CSV;
-- * `export.graphml(dest, graph)` and `export.gexf(dest, graph)` write a
--   co-occurrence network for Gephi, yEd or networkx; `export.network(c,
--   name)` builds one from a corpus;
-- * `export.timeline(c, name)` collects mentions per period per outlet;
--   `export.timeline_csv(dest, tl)` writes it as a table and
--   `export.timeline_svg(dest, tl)` draws it as a self-contained SVG plot.
--
-- `dest` is a path, an open file, or an options table `{path = ..., file =
-- ..., bom = true, columns = {...}, names = {...}}`.  `bom = true` starts
-- a CSV with a UTF-8 byte order mark, so spreadsheet programs (Excel on
-- Windows in particular) read Arabic text as UTF-8 rather than as the
-- system code page.  Writers return the number of rows (or nodes) written,
-- or `nil, message` when the destination cannot be opened.
--
--     local export = require "akhbar.export"
--     export.csv({path = "hits.csv", bom = true}, c:search("لافروف"))
--     export.jsonl("quotes.jsonl", c:quotes{speaker = "بيسكوف"})
--     export.gexf("isis.gexf", export.network(c, "داعش", {limit = 30}))
--     export.timeline_svg("lavrov.svg", export.timeline(c, "لافروف", {by = "month"}))
--
-- No dependency beyond Lua 5.4: the JSON encoder and the XML writers live
-- here.
-- @module akhbar.export
local export = {}

local concat, sort = table.concat, table.sort
local fmt = string.format

-- ------------------------------------------------------------ helpers

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
export.valid_utf8 = valid_utf8

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

--- Turn what a call returned into one stream of rows.
-- Accepts an array of tables, or an iterator triple `f, s, ctl [, closing]`
-- (the fourth value is closed when the stream ends, as a generic `for`
-- does).  Each step may yield several values: `e, n` from `c:cooccur`
-- becomes `e` plus a field `names[2]` ("count" by default); plain values
-- become fields named by `names` (default `value`, `count`, `v3`...).
-- @param names optional field names for the yielded values
-- @param f the iterator function, or an array of row tables
-- @param s the iterator's state
-- @param ctl its first control value
-- @param closing its to-be-closed value, or nil
-- @return a function returning the next row table or nil, and a function
-- closing the stream early
function export.rows(names, f, s, ctl, closing)
  names = names or {}
  if type(f) == "table" then
    local list, i = f, 0
    return function()
      i = i + 1
      return list[i]
    end
  end
  if type(f) ~= "function" then
    error("akhbar.export: expected an iterator or an array of rows, got " .. type(f), 3)
  end
  local done = false
  local function close()
    if done then return end
    done = true
    if closing ~= nil then
      local mt = getmetatable(closing)
      local cl = mt and mt.__close
      if cl then cl(closing) end
    end
  end
  return function()
    if done then return nil end
    local vals = table.pack(f(s, ctl))
    ctl = vals[1]
    if vals[1] == nil then
      close()
      return nil
    end
    local row
    if type(vals[1]) == "table" and vals.n == 1 then
      row = vals[1]
    else
      row = {}
      local first = 1
      if type(vals[1]) == "table" then
        for k, v in pairs(vals[1]) do row[k] = v end
        first = 2
      end
      for i = first, vals.n do
        local name = names[i] or (i == 1 and "value") or (i == 2 and "count") or ("v" .. i)
        row[name] = vals[i]
      end
    end
    return row
  end, close
end

-- Field order: columns named first in `preferred`, then the rest sorted.
local PREFERRED = { "id", "article", "score", "period", "date", "published", "first_seen",
  "source", "first_outlet", "outlet", "name", "type", "speaker", "speaker_entity", "verb",
  "verb_class", "title", "surface", "count", "size", "text", "snippet", "url" }
local RANK = {}
for i, k in ipairs(PREFERRED) do RANK[k] = i end

local function key_less(a, b)
  local ra, rb = RANK[a], RANK[b]
  if ra and rb then return ra < rb end
  if ra then return true end
  if rb then return false end
  if type(a) == type(b) then return a < b end
  return type(a) == "number"
end

--- The keys of a row in a stable, readable order (id, score, date, source,
-- title ... first, then the others sorted).
function export.columns(row)
  local keys = {}
  for k in pairs(row) do
    if type(k) == "string" or math.type(k) == "integer" then keys[#keys + 1] = k end
  end
  sort(keys, key_less)
  return keys
end

-- ------------------------------------------------------------ JSON

local ESC = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function json_string(s)
  s = valid_utf8(s)
  s = s:gsub('[%c"\\]', function(c)
    return ESC[c] or fmt("\\u%04x", c:byte())
  end)
  -- U+2028/2029 are valid JSON but break JavaScript string literals.
  s = s:gsub("\u{2028}", "\\u2028"):gsub("\u{2029}", "\\u2029")
  return '"' .. s .. '"'
end

local function is_array(t)
  local n = #t
  if n == 0 then return next(t) == nil end
  local count = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
    count = count + 1
  end
  return count == n
end

local encode

local function encode_value(v, out, seen)
  local tv = type(v)
  if v == nil then
    out[#out + 1] = "null"
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then
      out[#out + 1] = "null"
    elseif math.type(v) == "integer" then
      out[#out + 1] = fmt("%d", v)
    else
      -- The shortest form that reads back as the same number.
      local text = fmt("%.15g", v)
      if tonumber(text) ~= v then text = fmt("%.17g", v) end
      out[#out + 1] = text
    end
  elseif tv == "string" then
    out[#out + 1] = json_string(v)
  elseif tv == "table" then
    if seen[v] then error("akhbar.export.json: cannot encode a table that contains itself", 0) end
    seen[v] = true
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode_value(v[i], out, seen)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      local first = true
      for _, k in ipairs(export.columns(v)) do
        if not first then out[#out + 1] = "," end
        first = false
        out[#out + 1] = json_string(tostring(k))
        out[#out + 1] = ":"
        encode_value(v[k], out, seen)
      end
      out[#out + 1] = "}"
    end
    seen[v] = nil
  else
    -- userdata, functions: their printed form (a corpus prints its path).
    out[#out + 1] = json_string(tostring(v))
  end
end

--- Encode a Lua value as JSON text (one line).
-- Arrays are tables with keys 1..n (an empty table is `[]`); other tables
-- are objects with keys in `export.columns` order.  NaN and infinities are
-- `null`; invalid UTF-8 bytes become U+FFFD; other values (userdata) are
-- written as their `tostring`.
function encode(v)
  local out = {}
  encode_value(v, out, {})
  return concat(out)
end
export.json = encode

--- Write rows as JSON Lines: one JSON object per line, UTF-8, no BOM.
-- @param dest path, file or options table
-- @param ... an iterator triple (as returned by `c:search(q)`) or an array
-- @return the number of rows written, or nil and a message
function export.jsonl(dest, ...)
  local who = "akhbar.export.jsonl"
  local f, close, opts, where = open_dest(dest, who)
  if not f then return nil, close end
  local next_row, stop = export.rows(opts.names, ...)
  return write_rows(f, close, stop, who, where, function()
    local n = 0
    for row in next_row do
      if opts.columns then
        local sel = {}
        for _, k in ipairs(opts.columns) do sel[k] = row[k] end
        row = sel
      end
      put(f, encode(row), "\n")
      n = n + 1
    end
    return n
  end)
end

-- ------------------------------------------------------------ CSV

local function csv_field(v, sep)
  if v == nil then return "" end
  if type(v) == "table" then
    v = encode(v)
  elseif type(v) == "boolean" then
    v = v and "true" or "false"
  elseif math.type(v) == "float" then
    v = fmt("%.15g", v)
  else
    v = valid_utf8(tostring(v))
  end
  if v:find('[' .. sep .. '"\r\n]') then
    v = '"' .. v:gsub('"', '""') .. '"'
  end
  return v
end

--- Rows `export.csv` reads ahead to find its columns when none are given.
export.LOOKAHEAD = 100

--- Write rows as CSV (RFC 4180: comma, CRLF line ends, fields quoted when
-- they hold a comma, a quote or a line break).
-- Columns come from `opts.columns` or from the keys of the first
-- `export.LOOKAHEAD` rows in `export.columns` order.  A field holding a
-- table (a story's members) is written as JSON.  Options: `bom` (UTF-8 byte order mark for
-- spreadsheets), `sep` (another separator, e.g. ";" or "\t"), `header`
-- (false to omit the header line), `names` (see `export.rows`).
-- @return the number of data rows written, or nil and a message
function export.csv(dest, ...)
  local who = "akhbar.export.csv"
  local f, close, opts, where = open_dest(dest, who)
  if not f then return nil, close end
  local sep = opts.sep or ","
  local next_row, stop = export.rows(opts.names, ...)
  local columns = opts.columns
  return write_rows(f, close, stop, who, where, function()
    local n = 0
    if opts.bom then put(f, "\u{FEFF}") end
    local function header()
      if opts.header == false then return end
      local h = {}
      for i, k in ipairs(columns) do h[i] = csv_field(tostring(k), sep) end
      put(f, concat(h, sep), "\r\n")
    end
    local function write(row)
      local line = {}
      for i, k in ipairs(columns) do line[i] = csv_field(row[k], sep) end
      put(f, concat(line, sep), "\r\n")
      n = n + 1
    end
    if columns then
      header()
    else
      -- Columns are the union of the keys of the first LOOKAHEAD rows: a
      -- field that is nil in the first row (a hit with no date) must not
      -- vanish from the whole file.
      local buffered, keys = {}, {}
      for row in next_row do
        buffered[#buffered + 1] = row
        for k in pairs(row) do keys[k] = true end
        if #buffered >= export.LOOKAHEAD then break end
      end
      columns = export.columns(keys)
      if #buffered > 0 then header() end
      for _, row in ipairs(buffered) do write(row) end
    end
    for row in next_row do write(row) end
    return n
  end)
end

-- ------------------------------------------------------------ XML

--- Escape text for XML content or a double-quoted attribute.  Characters
-- XML 1.0 forbids (C0 controls other than tab, LF, CR) are dropped.
function export.xml_escape(s)
  s = valid_utf8(tostring(s))
  s = s:gsub("[%z\1-\8\11\12\14-\31]", "")
  return (s:gsub('[&<>"]', { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
local xesc = export.xml_escape

-- Attribute types for GraphML / GEXF from the Lua values present.
local function attr_types(list, skip)
  local types, order = {}, {}
  for _, item in ipairs(list) do
    for k, v in pairs(item) do
      if type(k) == "string" and not skip[k] then
        local t = math.type(v) == "integer" and "int" or type(v) == "number" and "double"
          or type(v) == "boolean" and "boolean" or "string"
        local old = types[k]
        if not old then
          order[#order + 1] = k
          types[k] = t
        elseif old ~= t then
          types[k] = (old == "int" and t == "double" or old == "double" and t == "int") and "double" or "string"
        end
      end
    end
  end
  sort(order)
  return types, order
end

local function xml_value(v)
  if type(v) == "boolean" then return v and "true" or "false" end
  if math.type(v) == "float" then return fmt("%.15g", v) end
  return xesc(v)
end

local function check_graph(graph, who)
  if type(graph) ~= "table" or type(graph.nodes) ~= "table" or type(graph.edges) ~= "table" then
    error(who .. ": graph {nodes = {{id=, label=...}...}, edges = {{source=, target=, weight=}...}} expected", 3)
  end
end

--- Write a graph as GraphML (yEd, Gephi, networkx, igraph).
-- `graph = {nodes = {{id=, label=, type=, ...}...}, edges = {{source=,
-- target=, weight=, ...}...}, directed = false}`; every other node or edge
-- field becomes a typed GraphML attribute (`<key>`).
-- @return the number of nodes written, or nil and a message
function export.graphml(dest, graph)
  check_graph(graph, "akhbar.export.graphml")
  local who = "akhbar.export.graphml"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local ntypes, norder = attr_types(graph.nodes, { id = true })
  local etypes, eorder = attr_types(graph.edges, { id = true, source = true, target = true })
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    .. ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    .. ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    .. ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  for _, k in ipairs(norder) do
    w[#w + 1] = fmt('  <key id="n_%s" for="node" attr.name="%s" attr.type="%s"/>\n', xesc(k), xesc(k), ntypes[k])
  end
  for _, k in ipairs(eorder) do
    w[#w + 1] = fmt('  <key id="e_%s" for="edge" attr.name="%s" attr.type="%s"/>\n', xesc(k), xesc(k), etypes[k])
  end
  w[#w + 1] = fmt('  <graph id="G" edgedefault="%s">\n', graph.directed and "directed" or "undirected")
  for _, node in ipairs(graph.nodes) do
    w[#w + 1] = fmt('    <node id="%s">', xesc(node.id))
    for _, k in ipairs(norder) do
      if node[k] ~= nil then w[#w + 1] = fmt('<data key="n_%s">%s</data>', xesc(k), xml_value(node[k])) end
    end
    w[#w + 1] = "</node>\n"
  end
  for i, e in ipairs(graph.edges) do
    w[#w + 1] = fmt('    <edge id="e%d" source="%s" target="%s">', i, xesc(e.source), xesc(e.target))
    for _, k in ipairs(eorder) do
      if e[k] ~= nil then w[#w + 1] = fmt('<data key="e_%s">%s</data>', xesc(k), xml_value(e[k])) end
    end
    w[#w + 1] = "</edge>\n"
  end
  w[#w + 1] = "  </graph>\n</graphml>\n"
  return write_whole(f, close, concat(w), #graph.nodes, who, where)
end

local GEXF_TYPES = { int = "integer", double = "double", boolean = "boolean", string = "string" }

--- Write a graph as GEXF 1.3 (Gephi's own format).
-- Same graph shape as `export.graphml`; `label` is the node label, `weight`
-- the edge weight, other fields become GEXF attributes.
-- @return the number of nodes written, or nil and a message
function export.gexf(dest, graph)
  check_graph(graph, "akhbar.export.gexf")
  local who = "akhbar.export.gexf"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local ntypes, norder = attr_types(graph.nodes, { id = true, label = true })
  local etypes, eorder = attr_types(graph.edges, { id = true, source = true, target = true, weight = true })
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    .. ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
  w[#w + 1] = fmt('  <meta><creator>akhbar</creator><description>%s</description></meta>\n',
    xesc(graph.description or "co-occurrence network"))
  w[#w + 1] = fmt('  <graph mode="static" defaultedgetype="%s">\n', graph.directed and "directed" or "undirected")
  local function attributes(class, types, order)
    if #order == 0 then return end
    w[#w + 1] = fmt('    <attributes class="%s">\n', class)
    for i, k in ipairs(order) do
      w[#w + 1] = fmt('      <attribute id="%d" title="%s" type="%s"/>\n', i - 1, xesc(k), GEXF_TYPES[types[k]])
    end
    w[#w + 1] = "    </attributes>\n"
  end
  local function attvalues(item, order)
    local vals = {}
    for i, k in ipairs(order) do
      if item[k] ~= nil then
        vals[#vals + 1] = fmt('<attvalue for="%d" value="%s"/>', i - 1, xml_value(item[k]))
      end
    end
    if #vals > 0 then w[#w + 1] = "<attvalues>" .. concat(vals) .. "</attvalues>" end
  end
  attributes("node", ntypes, norder)
  attributes("edge", etypes, eorder)
  w[#w + 1] = "    <nodes>\n"
  for _, node in ipairs(graph.nodes) do
    w[#w + 1] = fmt('      <node id="%s" label="%s">', xesc(node.id), xesc(node.label or node.id))
    attvalues(node, norder)
    w[#w + 1] = "</node>\n"
  end
  w[#w + 1] = "    </nodes>\n    <edges>\n"
  for i, e in ipairs(graph.edges) do
    w[#w + 1] = fmt('      <edge id="%d" source="%s" target="%s"', i - 1, xesc(e.source), xesc(e.target))
    if e.weight then w[#w + 1] = fmt(' weight="%s"', xml_value(e.weight)) end
    w[#w + 1] = ">"
    attvalues(e, eorder)
    w[#w + 1] = "</edge>\n"
  end
  w[#w + 1] = "    </edges>\n  </graph>\n</gexf>\n"
  return write_whole(f, close, concat(w), #graph.nodes, who, where)
end

-- ------------------------------------------------------------ networks

local function entity_fields(e)
  if type(e) == "table" then
    return tostring(e.id or e.name), e.name or e.id, e.type
  end
  return tostring(e), tostring(e), nil
end

--- Build the co-occurrence network around one or more entities.
-- Nodes are the seed entities and the `limit` entities most often named
-- with each; edges join every pair of nodes that co-occur, weighted by the
-- count `c:cooccur` reports (articles or sentences, per `opts.by`).
-- @param c an open corpus (with the entities extension)
-- @param names an entity name or a list of names
-- @param opts `{limit = 20, by = nil}` (passed to `c:cooccur`)
-- @return graph for `export.graphml` / `export.gexf`
function export.network(c, names, opts)
  opts = opts or {}
  if type(names) ~= "table" then names = { names } end
  local limit = opts.limit or 20
  local nodes, by_id, edges, edge_at = {}, {}, {}, {}
  local function add_node(e, seed)
    local id, label, etype = entity_fields(e)
    local node = by_id[id]
    if not node then
      node = { id = id, label = label, type = etype, seed = seed or false }
      by_id[id] = node
      nodes[#nodes + 1] = node
    elseif seed then
      node.seed = true
    end
    return node
  end
  local function add_edge(a, b, w)
    if a.id == b.id then return end
    local k1, k2 = a.id, b.id
    if k2 < k1 then k1, k2 = k2, k1 end
    local key = k1 .. "\0" .. k2
    local e = edge_at[key]
    if e then
      if w > e.weight then e.weight = w end
    else
      e = { source = k1, target = k2, weight = w }
      edge_at[key] = e
      edges[#edges + 1] = e
    end
  end
  local function neighbours(name, n)
    local out = {}
    for e, count in c:cooccur(name, { limit = n, by = opts.by }) do
      out[#out + 1] = { e, count }
    end
    return out
  end
  -- A seed given by name or alias (داعش) is the entity (isis, org), so it
  -- is one node with its neighbours' edges, not a second node.
  local function seed_entity(name)
    if type(name) == "table" or not c.mentions then return name end
    local it, st, ctl, _ <close> = c:mentions(name, { limit = 1 })
    local m = it(st, ctl)
    return m and { id = m.entity, name = m.name, type = m.type } or name
  end
  for _, name in ipairs(names) do
    local seed = seed_entity(name)
    local seed_node = add_node(seed, true)
    for _, pair in ipairs(neighbours(seed, limit)) do
      add_edge(seed_node, add_node(pair[1]), pair[2])
    end
  end
  -- Edges among the neighbours: ask each one for its own partners and keep
  -- those already in the network.
  for i = 1, #nodes do
    local node = nodes[i]
    if not node.seed then
      for _, pair in ipairs(neighbours({ id = node.id }, limit * 2)) do
        local id = entity_fields(pair[1])
        local other = by_id[id]
        if other and not other.seed then add_edge(node, other, pair[2]) end
      end
    end
  end
  -- Weighted degree, handy for sizing nodes in Gephi.
  for _, n in ipairs(nodes) do n.degree = 0 end
  for _, e in ipairs(edges) do
    by_id[e.source].degree = by_id[e.source].degree + e.weight
    by_id[e.target].degree = by_id[e.target].degree + e.weight
  end
  return { nodes = nodes, edges = edges, directed = false,
    description = "akhbar co-occurrence network of " .. concat(names, ", ") }
end

-- ------------------------------------------------------------ timelines

-- The periods between the first and the last, so gaps show as zeros.
-- Understands YYYY, YYYY-MM, YYYY-MM-DD (days, or weeks starting on that
-- day) and YYYY-Www; other labels are kept as they are.
local function fill_periods(periods, by)
  if #periods < 2 then return periods end
  local first, last = periods[1], periods[#periods]
  local out = {}
  local y, m = first:match("^(%d%d%d%d)%-(%d%d)$")
  local y2, m2 = last:match("^(%d%d%d%d)%-(%d%d)$")
  if y and y2 then
    y, m, y2, m2 = tonumber(y), tonumber(m), tonumber(y2), tonumber(m2)
    while (y < y2 or (y == y2 and m <= m2)) and #out < 10000 do
      out[#out + 1] = fmt("%04d-%02d", y, m)
      m = m + 1
      if m > 12 then m, y = 1, y + 1 end
    end
    return out
  end
  local a = { first:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$") }
  local b = { last:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$") }
  if a[1] and b[1] then
    local step = by == "week" and 7 or 1
    local t = os.time { year = tonumber(a[1]), month = tonumber(a[2]), day = tonumber(a[3]), hour = 12 }
    local t2 = os.time { year = tonumber(b[1]), month = tonumber(b[2]), day = tonumber(b[3]), hour = 12 }
    while t <= t2 + 3600 and #out < 20000 do
      out[#out + 1] = os.date("%Y-%m-%d", t)
      local d = os.date("*t", t)
      t = os.time { year = d.year, month = d.month, day = d.day + step, hour = 12 }
    end
    -- A week label that is not on our 7-day grid: keep the given periods.
    for _, p in ipairs(periods) do
      local found = false
      for _, q in ipairs(out) do if q == p then found = true break end end
      if not found then return periods end
    end
    return out
  end
  -- Weeks as SQLite's strftime('%Y-W%W') writes them (Monday weeks,
  -- 00-53): walk the days and keep each new label.
  local wy = first:match("^(%d%d%d%d)%-W%d%d$")
  if wy and last:match("^%d%d%d%d%-W%d%d$") then
    local t = os.time { year = tonumber(wy), month = 1, day = 1, hour = 12 }
    local started = false
    for _ = 1, 366 * 30 do
      local label = os.date("%Y-W%W", t)
      if label == first then started = true end
      if started and out[#out] ~= label then out[#out + 1] = label end
      if label == last then return out end
      local d = os.date("*t", t)
      t = os.time { year = d.year, month = d.month, day = d.day + 1, hour = 12 }
    end
    return periods
  end
  local yy, yy2 = first:match("^(%d%d%d%d)$"), last:match("^(%d%d%d%d)$")
  if yy and yy2 then
    for v = tonumber(yy), tonumber(yy2) do out[#out + 1] = tostring(v) end
    return out
  end
  return periods
end

--- Collect an entity's mentions per period and per outlet.
-- Uses `c:outlets(name)` for the outlets and `c:timeline(name, {by=,
-- source=})` for each; the `max_series` outlets with most articles get
-- their own series, the rest (and articles with no outlet) are summed as
-- "other".  Counts are articles naming the entity (`count = "mentions"`:
-- mentions).
-- @param c an open corpus
-- @param name an entity name
-- @param opts `{by = "day" | "week" | "month" | "year", max_series = 8, per_outlet = true,
-- count = "articles" | "mentions", source = nil}` (source: one outlet only, one series;
-- by: chosen from the span drawn when not given, see `c:timeline_period`:
-- days up to two months, weeks up to a year, months up to ten years, years beyond)
-- @return `{name=, by=, periods = {...}, total = {[period]=n}, series =
-- {{name = outlet, counts = {[period] = n}, sum = n}...}}`
function export.timeline(c, name, opts)
  opts = opts or {}
  -- One period for every series: the span of all of them (or the outlet's).
  local by = opts.by or (c.timeline_period and c:timeline_period(name, { source = opts.source })) or "month"
  local max_series = opts.max_series or 8
  local tl = { name = name, by = by, series = {}, total = {}, count = opts.count or "articles" }
  local seen = {}
  local function collect(counts, source)
    local sum = 0
    for period, articles, mentions in c:timeline(name, { by = by, source = source }) do
      local n = opts.count == "mentions" and mentions or articles
      if period ~= nil then
        period = tostring(period)
        counts[period] = (counts[period] or 0) + n
        sum = sum + n
        seen[period] = true
      end
    end
    return sum
  end
  local total_sum = collect(tl.total, opts.source)
  if opts.source then
    tl.series[1] = { name = opts.source, counts = tl.total, sum = total_sum }
  elseif opts.per_outlet ~= false and c.outlets then
    local outlets = {}
    for o, n in c:outlets(name) do
      local oname = type(o) == "table" and (o.source or o.outlet or o.name) or o
      local count = n or (type(o) == "table" and (o.count or o.n)) or 0
      if oname then outlets[#outlets + 1] = { name = tostring(oname), n = count } end
    end
    sort(outlets, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.name < b.name end)
    for i, o in ipairs(outlets) do
      if i > max_series then break end
      if o.name ~= "" then
        local s = { name = o.name, counts = {} }
        s.sum = collect(s.counts, o.name)
        -- An outlet whose articles naming the entity are all undated has
        -- no point on a time axis.
        if s.sum > 0 then tl.series[#tl.series + 1] = s end
      end
    end
    -- The remaining outlets and the articles with no outlet: the total
    -- minus the series drawn (one query, however many outlets there are).
    local other = { name = #tl.series > 0 and "other" or "all", counts = {}, sum = 0 }
    for period, n in pairs(tl.total) do
      local rest = n
      for _, s in ipairs(tl.series) do rest = rest - (s.counts[period] or 0) end
      if rest > 0 then
        other.counts[period] = rest
        other.sum = other.sum + rest
      end
    end
    if other.sum > 0 then tl.series[#tl.series + 1] = other end
  end
  if #tl.series == 0 then
    tl.series[1] = { name = "all", counts = tl.total, sum = total_sum }
  end
  local periods = {}
  for p in pairs(seen) do periods[#periods + 1] = p end
  sort(periods)
  tl.periods = fill_periods(periods, by)
  return tl
end

--- Write a timeline (from `export.timeline`) as CSV: one row per period,
-- columns `period`, `total`, then one per outlet.  Periods with no
-- mention are written as 0.  Options as `export.csv` (`bom`, `sep`).
-- @return the number of rows written, or nil and a message
function export.timeline_csv(dest, tl)
  local columns = { "period", "total" }
  local one = #tl.series == 1 and tl.series[1].name == "all"
  if not one then
    for _, s in ipairs(tl.series) do columns[#columns + 1] = s.name end
  end
  local rows = {}
  for i, p in ipairs(tl.periods) do
    local row = { period = p, total = tl.total[p] or 0 }
    if not one then
      for _, s in ipairs(tl.series) do row[s.name] = s.counts[p] or 0 end
    end
    rows[i] = row
  end
  local d = type(dest) == "table" and io.type(dest) ~= "file" and dest or { path = dest }
  if io.type(dest) == "file" then d = { file = dest } end
  local o = {}
  for k, v in pairs(d) do o[k] = v end
  o.columns = columns
  if d.path == nil and d.file == nil then o.file = io.stdout end
  return export.csv(o, rows)
end

-- ------------------------------------------------------------ SVG

-- Colour-blind-safe palette (Okabe & Ito) then a few more.
local PALETTE = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
  "#F0E442", "#000000", "#882255", "#44AA99" }

local function has_arabic(s)
  return s:find("[\216-\219]") ~= nil or s:find("\239[\173-\187]") ~= nil
end

-- An SVG <text> element; Arabic labels get direction="rtl" so the
-- renderer lays them out right to left and anchors them correctly.
local function svg_text(x, y, s, attrs)
  s = tostring(s)
  local rtl = has_arabic(s) and ' direction="rtl" unicode-bidi="embed"' or ""
  return fmt('<text x="%.1f" y="%.1f"%s%s>%s</text>', x, y, rtl, attrs and (" " .. attrs) or "", xesc(s))
end

-- 1, 2, 5 x 10^k tick step giving about `n` ticks up to `max`.
local function nice_step(max, n)
  if max <= 0 then return 1 end
  local raw = max / n
  local p = 10 ^ math.floor(math.log(raw, 10))
  for _, m in ipairs { 1, 2, 5, 10 } do
    if m * p >= raw then
      local s = m * p
      return math.max(1, math.floor(s + 0.5))
    end
  end
  return math.floor(10 * p)
end

--- Draw a timeline (from `export.timeline`) as a self-contained SVG file:
-- one line per outlet (articles, or mentions, per period), y axis with gridlines, period
-- labels on the x axis, a legend, and the entity's name as the title
-- (Arabic text carries `direction="rtl"`).  No external tool or font file.
-- @param dest path, file or options table
-- @param tl timeline table
-- @param opts `{width = 900, height = 480, title = ..., total = true}`
-- (`total`: also draw the all-outlets line, dashed, when there are
-- several outlets)
-- @return the number of series drawn, or nil and a message
function export.timeline_svg(dest, tl, opts)
  opts = opts or (type(dest) == "table" and io.type(dest) ~= "file" and dest) or {}
  local who = "akhbar.export.timeline_svg"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local W, H = opts.width or 900, opts.height or 480
  local periods = tl.periods
  local series = {}
  for _, s in ipairs(tl.series) do series[#series + 1] = s end
  local draw_total = opts.total ~= false and #series > 1
  local max = 0
  for _, p in ipairs(periods) do
    if draw_total then max = math.max(max, tl.total[p] or 0) end
    for _, s in ipairs(series) do max = math.max(max, s.counts[p] or 0) end
  end
  local legend_w = 170
  local left, right, top, bottom = 60, legend_w + 20, 50, 80
  local pw, ph = W - left - right, H - top - bottom
  local step = nice_step(max, 5)
  local ymax = math.max(step, math.ceil(max / step) * step)
  local n = #periods
  local function X(i) return left + (n <= 1 and pw / 2 or (i - 1) * pw / (n - 1)) end
  local function Y(v) return top + ph - v * ph / ymax end
  local by = tl.by or "period"
  -- What is counted: articles naming the entity, or its mentions.
  local measure = tl.count == "mentions" and "mentions" or "articles"
  local title = opts.title or fmt("%s: %s per %s", tostring(tl.name or ""), measure, by)
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = fmt('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
    .. ' font-family="DejaVu Sans, Noto Sans Arabic, Arial, sans-serif" font-size="12">\n', W, H, W, H)
  w[#w + 1] = fmt('<title>%s</title>\n', xesc(title))
  w[#w + 1] = fmt('<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>\n', W, H)
  -- Title: the entity name (often Arabic) on its own line, then the
  -- measure, so mixed directions never share one text run.  Anchored in the
  -- middle: "start" and "end" swap meaning under direction="rtl" and not
  -- every renderer agrees on that.
  w[#w + 1] = '<g class="title">'
  if tl.name and not opts.title then
    w[#w + 1] = svg_text(left + pw / 2, 22, tostring(tl.name), 'text-anchor="middle" font-size="18" font-weight="bold"')
    w[#w + 1] = svg_text(left + pw / 2, 40, fmt("%s per %s", measure, by), 'text-anchor="middle" fill="#555555"')
  else
    w[#w + 1] = svg_text(left + pw / 2, 28, title, 'text-anchor="middle" font-size="16" font-weight="bold"')
  end
  w[#w + 1] = "</g>\n"
  -- Axes and gridlines.
  w[#w + 1] = '<g class="y-axis" stroke="#cccccc">\n'
  for v = 0, ymax, step do
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>', left, Y(v), left + pw, Y(v))
    w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="end" stroke="none" fill="#333333">%d</text>\n',
      left - 6, Y(v) + 4, v)
  end
  w[#w + 1] = "</g>\n"
  w[#w + 1] = fmt('<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>\n',
    left, top + ph, left + pw, top + ph)
  w[#w + 1] = fmt('<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>\n',
    left, top, left, top + ph)
  w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="middle" transform="rotate(-90 %.1f %.1f)">%s</text>\n',
    16, top + ph / 2, 16, top + ph / 2, measure)
  -- Period labels: at most ~16, rotated so long ones fit.
  local every = math.max(1, math.ceil(n / 16))
  w[#w + 1] = '<g class="x-axis" fill="#333333">\n'
  for i, p in ipairs(periods) do
    local x = X(i)
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>', x, top + ph, x, top + ph + 4)
    if (i - 1) % every == 0 or i == n then
      w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="end" transform="rotate(-45 %.1f %.1f)">%s</text>\n',
        x, top + ph + 16, x, top + ph + 16, xesc(p))
    end
  end
  w[#w + 1] = "</g>\n"
  w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>\n', left + pw / 2, H - 8, xesc(by))
  -- Lines.
  local function polyline(counts, colour, extra, label)
    local pts = {}
    for i, p in ipairs(periods) do pts[#pts + 1] = fmt("%.1f,%.1f", X(i), Y(counts[p] or 0)) end
    w[#w + 1] = fmt('<g class="series" fill="%s"><title>%s</title>', colour, xesc(label))
    w[#w + 1] = fmt('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>', colour,
      extra or "", concat(pts, " "))
    if n <= 60 then
      for i, p in ipairs(periods) do
        local v = counts[p] or 0
        if v > 0 then
          w[#w + 1] = fmt('<circle cx="%.1f" cy="%.1f" r="3"><title>%s %s: %d</title></circle>', X(i), Y(v),
            xesc(label), xesc(p), v)
        end
      end
    end
    w[#w + 1] = "</g>\n"
  end
  if draw_total then polyline(tl.total, "#777777", ' stroke-dasharray="5,4"', "total") end
  for i, s in ipairs(series) do polyline(s.counts, PALETTE[(i - 1) % #PALETTE + 1], nil, s.name) end
  -- Legend.
  local lx, ly = W - legend_w, top
  w[#w + 1] = '<g class="legend">\n'
  local entries = {}
  for i, s in ipairs(series) do
    entries[#entries + 1] = { s.name .. (s.sum and fmt(" (%d)", s.sum) or ""), PALETTE[(i - 1) % #PALETTE + 1] }
  end
  if draw_total then entries[#entries + 1] = { "total", "#777777", true } end
  for i, e in ipairs(entries) do
    local y = ly + (i - 1) * 20
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="3"%s/>',
      lx, y, lx + 24, y, e[2], e[3] and ' stroke-dasharray="5,4"' or "")
    if has_arabic(e[1]) then
      w[#w + 1] = svg_text((lx + 30 + W - 4) / 2, y + 4, e[1], 'text-anchor="middle"')
    else
      w[#w + 1] = svg_text(lx + 30, y + 4, e[1], 'text-anchor="start"')
    end
    w[#w + 1] = "\n"
  end
  w[#w + 1] = "</g>\n</svg>\n"
  return write_whole(f, close, concat(w), #series, who, where)
end

return export
